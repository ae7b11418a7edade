"""The annotated evaluation corpus: Dutch case texts with every identifying span labelled."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from privacy.findings import Label

#: Where the corpus lives in the repository.
DEFAULT_CORPUS_DIR = Path(__file__).resolve().parent.parent / "tests" / "privacy" / "corpus"


@dataclass(frozen=True, slots=True)
class Span:
    """A gold span: ``text[start:end]`` is identifying and has ``label``."""

    start: int
    end: int
    label: Label
    text: str


@dataclass(frozen=True, slots=True)
class Document:
    """One annotated text."""

    id: str
    voice: str
    text: str
    spans: tuple[Span, ...]


def load_document(path: Path) -> Document:
    """Read one corpus JSON file."""
    data = json.loads(path.read_text(encoding="utf-8"))
    spans = tuple(
        Span(start=s["start"], end=s["end"], label=Label(s["label"]), text=s["text"])
        for s in data["spans"]
    )
    return Document(id=data["id"], voice=data["voice"], text=data["text"], spans=spans)


def load_corpus(directory: Path | None = None) -> list[Document]:
    """All documents of the corpus, sorted by id."""
    folder = directory or DEFAULT_CORPUS_DIR
    documents = [load_document(path) for path in sorted(folder.glob("*.json"))]
    if not documents:
        raise FileNotFoundError(f"no corpus documents in {folder}")
    return documents
