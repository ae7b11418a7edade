"""deduce, loaded once, quietly, with its lookup cache in the project's cache folder.

deduce (LGPL-3.0-or-later) finds Dutch names, places, streets with house numbers,
institutions, dates, ages and identifiers. Importing it calls ``logging.basicConfig``
(DEBUG to stdout) and changes the warnings filters; :func:`load_deduce` undoes both so
that nothing the engine scans can reach a log.
"""

from __future__ import annotations

import gc
import logging
import os
import re
import threading
import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from privacy.findings import Finding, Label

if TYPE_CHECKING:
    from deduce import Deduce

#: The repository root (``privacy/`` lives directly in it).
REPO_ROOT = Path(__file__).resolve().parent.parent

DETECTOR = "deduce"

# deduce's tags -> our labels. "locatie" is split further by :func:`_location_label`.
_TAG_LABELS = {
    "persoon": Label.NAAM,
    "patient": Label.NAAM,
    "ziekenhuis": Label.INSTELLING,
    "zorginstelling": Label.INSTELLING,
    "datum": Label.DATUM,
    "leeftijd": Label.LEEFTIJD,
    "bsn": Label.BSN,
    "id": Label.NUMMER,
    "telefoonnummer": Label.TELEFOON,
    "emailadres": Label.EMAIL,
    "url": Label.URL,
}

# deduce's redactor is not needed (we redact ourselves) and its merging of adjacent
# annotations joins different people ("Marieke. Dhr. Dijkstra"); overlaps are
# resolved by the engine instead.
_SKIPPED_PROCESSORS = frozenset({"redactor", "merge_adjacent_annotations"})

_lock = threading.Lock()
_instance: Deduce | None = None


def cache_dir() -> Path:
    """Where deduce's lookup cache lives: ``DEDUCE_CACHE_DIR`` or ``<repo>/.cache/deduce``."""
    configured = os.environ.get("DEDUCE_CACHE_DIR", "").strip()
    return Path(configured) if configured else REPO_ROOT / ".cache" / "deduce"


def cache_file(directory: Path | None = None) -> Path:
    """The pickle deduce writes inside :func:`cache_dir`."""
    return (directory or cache_dir()) / "cache" / "lookup_structs.pickle"


def _import_deduce_quietly() -> Any:
    """Import deduce, then restore the root logger and warnings filters it changes."""
    root = logging.getLogger()
    handlers = list(root.handlers)
    level = root.level
    with warnings.catch_warnings():
        # Imported here, not at module level: only the engine process may load it.
        import deduce

    for handler in list(root.handlers):
        if handler not in handlers:
            root.removeHandler(handler)
    root.setLevel(level)
    return deduce


def load_deduce(directory: Path | None = None) -> Deduce:
    """The process-wide deduce instance; builds the cache on first use (minutes)."""
    global _instance
    if _instance is not None:
        return _instance
    with _lock:
        if _instance is None:
            module = _import_deduce_quietly()
            target = directory or cache_dir()
            target.mkdir(parents=True, exist_ok=True)
            # deduce logs its "please wait" through the root logger; keep it quiet.
            previous = logging.root.manager.disable
            logging.disable(logging.INFO)
            # Unpickling the lookup cache makes millions of objects; the cyclic
            # garbage collector would walk them again and again while they load
            # (4x the CPU: 7.6 s against 2.0 s on the 2-core machine). They live
            # as long as the process, so they go to the permanent generation
            # afterwards and later collections (and so scans) never walk them.
            # Not while building the cache: that makes garbage of its own.
            loading = cache_file(target).exists() and gc.isenabled()
            if loading:
                gc.disable()
            try:
                with warnings.catch_warnings():  # building the engine changes them too
                    _instance = module.Deduce(cache_path=target)
            finally:
                logging.disable(previous)
                if loading:
                    gc.enable()
            gc.freeze()
    return _instance


def warm(directory: Path | None = None) -> Path:
    """Build (or check) the lookup cache so the first scan in production is fast."""
    load_deduce(directory)
    return cache_file(directory)


def _location_label(text: str) -> Label:
    stripped = text.strip()
    if any(ch.isdigit() for ch in stripped):
        digits = sum(ch.isdigit() for ch in stripped)
        letters = sum(ch.isalpha() for ch in stripped)
        if digits == 4 and letters == 2 and len(stripped) <= 7:
            return Label.POSTCODE
        return Label.ADRES
    return Label.PLAATS


#: deduce resolves overlaps in time quadratic in the number of annotations, so long
#: texts are given to it in pieces of at most this many characters, cut at a line or
#: sentence end (the engine finds repeated names over the whole text afterwards).
CHUNK_CHARS = 5_000
_CUT = re.compile(r"\n|[.!?](?=\s)")


def chunks(text: str, size: int = CHUNK_CHARS) -> Iterator[tuple[int, str]]:
    """``(offset, piece)`` pairs covering ``text``, each piece at most ``size`` long."""
    start = 0
    while len(text) - start > size:
        window = text[start : start + size]
        cuts = [m.end() for m in _CUT.finditer(window)]
        if cuts and cuts[-1] > size // 2:
            end = start + cuts[-1]
        else:
            space = window.rfind(" ")
            end = start + (space + 1 if space > 0 else size)  # no space at all: cut anywhere
        yield start, text[start:end]
        start = end
    yield start, text[start:]


def deduce_findings(text: str) -> Iterator[Finding]:
    """deduce's annotations on ``text`` as findings."""
    for offset, piece in chunks(text):
        yield from _deduce_piece(text, offset, piece)


def _deduce_piece(text: str, offset: int, piece: str) -> Iterator[Finding]:
    engine = load_deduce()
    with _lock:
        document = engine.deidentify(piece, disabled=_SKIPPED_PROCESSORS)
    # deduce's annotations are a set, whose order follows the hash seed of the process:
    # in the order of the text, so every later pass sees the same order in every run
    annotations = sorted(
        document.annotations,
        key=lambda a: (int(a.start_char), int(a.end_char), a.tag, a.text),
    )
    for annotation in annotations:
        if annotation.tag == "locatie":
            label = _location_label(annotation.text)
        else:
            label = _TAG_LABELS.get(annotation.tag)
            if label is None:
                continue
        if annotation.end_char <= annotation.start_char:
            continue
        # deduce's offsets can be numpy integers: plain ints from here on
        start, end = offset + int(annotation.start_char), offset + int(annotation.end_char)
        if label is Label.ADRES:
            end = _address_end(text, start, end)
        if label in _ONE_LINE_LABELS and "\n" in text[start:end]:
            yield from _line_pieces(text, start, end, label)
            continue
        yield Finding(start=start, end=end, label=label, text=text[start:end], detector=DETECTOR)


#: deduce runs names and institutions on into the next line of a letterhead
#: ("Huisartsenpraktijk De Linde\nLindelaan 45", "Maasstad Ziekenhuis\nBetreft"): each
#: line is a finding of its own. Addresses may be split over a line and stay whole.
_ONE_LINE_LABELS = frozenset({Label.NAAM, Label.INSTELLING, Label.PLAATS})


def _line_pieces(text: str, start: int, end: int, label: Label) -> Iterator[Finding]:
    position = start
    for line in text[start:end].split("\n"):
        stripped = line.strip()
        if stripped:
            piece_start = position + line.index(stripped)
            piece_end = piece_start + len(stripped)
            yield Finding(piece_start, piece_end, label, stripped, DETECTOR)
        position += len(line) + 1


_NUMBER_AND_TAIL = re.compile(r"\d(?=\s?[A-Za-z]{1,4}$)|\d$")


def _address_end(text: str, start: int, end: int) -> int:
    """deduce's address ends at its house number and a real addition: "Kwikstaartlaan 14
    is" loses "is" (no addition, a word), "Oudedijk 28-B" gains its "-B"."""
    from privacy.detectors.places import HOUSE_NUMBER_ADDITION  # import cycle at module level

    number = _NUMBER_AND_TAIL.search(text, start, end)
    if number is None:
        return end
    number_end = number.end()
    addition = HOUSE_NUMBER_ADDITION.match(text, number_end)
    if addition is not None and (addition.end() >= end or end == number_end):
        return addition.end()
    return number_end
