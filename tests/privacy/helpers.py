"""What the privacy tests ask of the engine, in one place."""

from __future__ import annotations

from pathlib import Path

from privacy.engine import default_engine
from privacy.findings import Label


def found(text: str) -> dict[str, Label]:
    """Each string the engine finds in `text`, with its label."""
    return {f.text: f.label for f in default_engine().scan(text)}


def vocabulary(path: Path) -> list[tuple[str, str]]:
    """The (kind, term) rows of a tab-separated vocabulary file, without comments."""
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            kind, term = line.split("\t")
            rows.append((kind, term))
    return rows


def capital(term: str) -> str:
    """The term as it opens a sentence: its first letter a capital, the rest as written."""
    return term[:1].upper() + term[1:]
