"""Build the annotated corpora (JSON, one file per text) from the inline markup files.

The markup lives in ``tests/privacy/corpus_markup/<voice>.txt`` (and, for the blind
tuning set, ``tests/privacy/blind_markup/tuning/``): texts separated by ``### <id>``
lines, identifying spans written as ``[[LABEL:text]]``, must-keep terms as
``[[-:text]]``. Offsets are computed by :mod:`privacy.corpus` so they are always right;
the JSON files are committed and are what the tests and the scorer read.

Run: ``python tests/privacy/corpus_build.py`` (rewrites every corpus below).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from privacy.corpus import markup_dicts

HERE = Path(__file__).resolve().parent
MARKUP_DIR = HERE / "corpus_markup"
CORPUS_DIR = HERE / "corpus"
BLIND_TUNING_MARKUP_DIR = HERE / "blind_markup" / "tuning"
BLIND_TUNING_DIR = HERE / "blind_corpus" / "tuning"

#: (markup folder, JSON folder) pairs this script builds.
CORPORA = ((MARKUP_DIR, CORPUS_DIR), (BLIND_TUNING_MARKUP_DIR, BLIND_TUNING_DIR))


def build_documents(markup_dir: Path = MARKUP_DIR) -> list[dict[str, Any]]:
    """Every corpus document, built from the markup files."""
    return markup_dicts(markup_dir)


def write_corpus(markup_dir: Path, corpus_dir: Path) -> int:
    """Rewrite one JSON corpus from its markup; the number of documents."""
    corpus_dir.mkdir(parents=True, exist_ok=True)
    for old in corpus_dir.glob("*.json"):
        old.unlink()
    documents = build_documents(markup_dir)
    for document in documents:
        path = corpus_dir / f"{document['id']}.json"
        path.write_text(json.dumps(document, ensure_ascii=False, indent=2) + "\n", "utf-8")
    return len(documents)


def main() -> int:
    """Rewrite every JSON corpus whose markup exists."""
    for markup_dir, corpus_dir in CORPORA:
        if markup_dir.is_dir() and any(markup_dir.glob("*.txt")):
            count = write_corpus(markup_dir, corpus_dir)
            sys.stdout.write(f"wrote {count} documents to {corpus_dir}\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
