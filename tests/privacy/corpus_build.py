"""Build the annotated corpus (JSON, one file per text) from the inline markup files.

The markup lives in ``tests/privacy/corpus_markup/<voice>.txt``: texts separated by
``### <id>`` lines, identifying spans written as ``[[LABEL:text]]``. Offsets are
computed here so they are always right; the JSON files are committed and are what the
tests and the scorer read.

Run: ``python tests/privacy/corpus_build.py`` (rewrites ``tests/privacy/corpus/``).
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
MARKUP_DIR = HERE / "corpus_markup"
CORPUS_DIR = HERE / "corpus"

LABELS = frozenset(
    {
        "NAAM", "ADRES", "POSTCODE", "PLAATS", "INSTELLING", "SCHOOL", "DATUM",
        "LEEFTIJD", "BSN", "TELEFOON", "E-MAIL", "IBAN", "KENTEKEN", "URL", "NUMMER",
    }
)  # fmt: skip

#: Labels whose later, unmarked occurrences in the same text are annotated too, so the
#: markup needs a name only once per text (numbers are never propagated).
PROPAGATED = frozenset({"NAAM", "PLAATS", "SCHOOL", "INSTELLING", "ADRES"})

_SPAN = re.compile(r"\[\[([A-Z-]+|-):(.+?)\]\]", re.DOTALL)
_HEADER = re.compile(r"^### (\S+)\s*$", re.MULTILINE)


def parse_markup(markup: str) -> tuple[str, list[dict[str, object]]]:
    """Turn one marked-up text into plain text and its labelled spans."""
    out: list[str] = []
    spans: list[dict[str, object]] = []
    protected: list[tuple[int, int]] = []
    pos = 0
    length = 0
    for match in _SPAN.finditer(markup):
        before = markup[pos : match.start()]
        out.append(before)
        length += len(before)
        label, value = match.group(1), match.group(2)
        if label == "-":  # "[[-:Welzijn Lansingerland]]": not identifying, keep it out
            out.append(value)
            protected.append((length, length + len(value)))
            length += len(value)
            pos = match.end()
            continue
        if label not in LABELS:
            raise ValueError(f"unknown label {label!r} in {value!r}")
        spans.append({"start": length, "end": length + len(value), "label": label, "text": value})
        out.append(value)
        length += len(value)
        pos = match.end()
    out.append(markup[pos:])
    text = "".join(out)
    if "[[" in text or "]]" in text:
        raise ValueError(f"unbalanced markup near {text[:60]!r}")
    return text, propagate(text, spans, protected)


def propagate(
    text: str, spans: list[dict[str, object]], protected: list[tuple[int, int]]
) -> list[dict[str, object]]:
    """Annotate every other whole-word occurrence of an annotated name, place or school."""
    result = list(spans)
    blocked = [{"start": s, "end": e} for s, e in protected]
    for span in spans:
        if span["label"] not in PROPAGATED:
            continue
        value = str(span["text"])
        pattern = re.compile(r"(?<!\w)" + re.escape(value) + r"(?!\w)")
        for match in pattern.finditer(text):
            start, end = match.start(), match.end()
            if any(start < int(s["end"]) and int(s["start"]) < end for s in result + blocked):
                continue
            result.append({"start": start, "end": end, "label": span["label"], "text": value})
    return sorted(result, key=lambda s: (int(s["start"]), int(s["end"])))


def split_texts(markup_file: Path) -> list[tuple[str, str]]:
    """Split a markup file into ``(id, marked-up text)`` pairs."""
    content = markup_file.read_text(encoding="utf-8")
    headers = list(_HEADER.finditer(content))
    texts = []
    for i, header in enumerate(headers):
        end = headers[i + 1].start() if i + 1 < len(headers) else len(content)
        texts.append((header.group(1), content[header.end() : end].strip("\n")))
    return texts


def build_documents() -> list[dict[str, object]]:
    """Every corpus document, built from the markup files."""
    documents = []
    for markup_file in sorted(MARKUP_DIR.glob("*.txt")):
        for text_id, markup in split_texts(markup_file):
            text, spans = parse_markup(markup)
            documents.append(
                {"id": text_id, "voice": markup_file.stem, "text": text, "spans": spans}
            )
    return documents


def main() -> int:
    """Rewrite the JSON corpus from the markup."""
    CORPUS_DIR.mkdir(exist_ok=True)
    for old in CORPUS_DIR.glob("*.json"):
        old.unlink()
    documents = build_documents()
    for document in documents:
        path = CORPUS_DIR / f"{document['id']}.json"
        path.write_text(json.dumps(document, ensure_ascii=False, indent=2) + "\n", "utf-8")
    sys.stdout.write(f"wrote {len(documents)} documents to {CORPUS_DIR}\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
