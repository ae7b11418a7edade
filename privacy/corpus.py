"""The annotated evaluation corpus: Dutch case texts with every identifying span labelled.

Two forms of the same thing:

- markup (``tests/privacy/corpus_markup/<voice>.txt``): texts separated by ``### <id>``
  lines, identifying spans written as ``[[LABEL:text]]`` and terms that must stay
  readable as ``[[-:text]]``;
- JSON (one file per text: ``id``, ``voice``, ``text``, ``spans``, ``keep``), built from
  the markup by :func:`documents_from_markup` with the offsets computed.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

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
class Keep:
    """A must-keep term: ``text[start:end]`` is not identifying and must stay readable."""

    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class Document:
    """One annotated text."""

    id: str
    voice: str
    text: str
    spans: tuple[Span, ...]
    keep: tuple[Keep, ...] = ()


def document_from_dict(data: dict[str, Any]) -> Document:
    """A document from its JSON form."""
    spans = tuple(
        Span(start=s["start"], end=s["end"], label=Label(s["label"]), text=s["text"])
        for s in data["spans"]
    )
    keep = tuple(Keep(start=k["start"], end=k["end"], text=k["text"]) for k in data.get("keep", ()))
    return Document(id=data["id"], voice=data["voice"], text=data["text"], spans=spans, keep=keep)


def load_document(path: Path) -> Document:
    """Read one corpus JSON file."""
    return document_from_dict(json.loads(path.read_text(encoding="utf-8")))


def load_corpus(directory: Path | None = None) -> list[Document]:
    """All documents of the corpus, sorted by id."""
    folder = directory or DEFAULT_CORPUS_DIR
    documents = [load_document(path) for path in sorted(folder.glob("*.json"))]
    if not documents:
        raise FileNotFoundError(f"no corpus documents in {folder}")
    return documents


# --- markup -------------------------------------------------------------------------

LABELS = frozenset(label.value for label in Label)

#: Labels whose later, unmarked occurrences in the same text are annotated too, so the
#: markup needs a name only once per text (numbers are never propagated).
PROPAGATED = frozenset({"NAAM", "PLAATS", "SCHOOL", "INSTELLING", "ADRES"})

_SPAN = re.compile(r"\[\[([A-Z-]+|-):(.+?)\]\]", re.DOTALL)
_HEADER = re.compile(r"^### (\S+)\s*$", re.MULTILINE)


def parse_markup(markup: str) -> tuple[str, list[dict[str, Any]], list[dict[str, Any]]]:
    """One marked-up text as plain text, its labelled spans and its must-keep terms."""
    out: list[str] = []
    spans: list[dict[str, Any]] = []
    keep: list[dict[str, Any]] = []
    length = 0
    pos = 0
    for match in _SPAN.finditer(markup):
        before = markup[pos : match.start()]
        out.append(before)
        length += len(before)
        label, value = match.group(1), match.group(2)
        if label == "-":  # "[[-:Welzijn Lansingerland]]": not identifying, must stay
            keep.append({"start": length, "end": length + len(value), "text": value})
        elif label in LABELS:
            spans.append({"start": length, "end": length + len(value), "label": label,
                          "text": value})  # fmt: skip
        else:
            raise ValueError(f"unknown label {label!r} in {value!r}")
        out.append(value)
        length += len(value)
        pos = match.end()
    out.append(markup[pos:])
    text = "".join(out)
    if "[[" in text or "]]" in text:
        raise ValueError(f"unbalanced markup near {text[:60]!r}")
    return text, propagate(text, spans, keep), keep


def propagate(
    text: str, spans: list[dict[str, Any]], keep: list[dict[str, Any]]
) -> list[dict[str, Any]]:
    """Annotate every other whole-word occurrence of an annotated name, place or school."""
    result = list(spans)
    for span in spans:
        if span["label"] not in PROPAGATED:
            continue
        value = str(span["text"])
        pattern = re.compile(r"(?<!\w)" + re.escape(value) + r"(?!\w)")
        for match in pattern.finditer(text):
            start, end = match.start(), match.end()
            if any(start < int(s["end"]) and int(s["start"]) < end for s in result + keep):
                continue
            result.append({"start": start, "end": end, "label": span["label"], "text": value})
    return sorted(result, key=lambda s: (int(s["start"]), int(s["end"])))


def split_texts(content: str) -> list[tuple[str, str]]:
    """Split a markup file's content into ``(id, marked-up text)`` pairs."""
    headers = list(_HEADER.finditer(content))
    texts = []
    for i, header in enumerate(headers):
        end = headers[i + 1].start() if i + 1 < len(headers) else len(content)
        texts.append((header.group(1), content[header.end() : end].strip("\n")))
    return texts


def markup_dicts(directory: Path) -> list[dict[str, Any]]:
    """Every document of a folder of markup files, as JSON-ready dicts."""
    documents = []
    for markup_file in sorted(directory.glob("*.txt")):
        for text_id, markup in split_texts(markup_file.read_text(encoding="utf-8")):
            text, spans, keep = parse_markup(markup)
            document: dict[str, Any] = {
                "id": text_id, "voice": markup_file.stem, "text": text, "spans": spans,
            }  # fmt: skip
            if keep:
                document["keep"] = keep
            documents.append(document)
    return documents


def documents_from_markup(directory: Path) -> list[Document]:
    """Every document of a folder of markup files, sorted by id."""
    documents = [document_from_dict(d) for d in markup_dicts(directory)]
    if not documents:
        raise FileNotFoundError(f"no marked-up texts in {directory}")
    return sorted(documents, key=lambda d: d.id)
