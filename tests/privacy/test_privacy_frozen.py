"""The frozen held-out halves (tests/privacy/blind_markup/frozen/, frozen3/, frozen4/,
frozen8/ to frozen16/, never used for tuning): what must hold on any text holds here too.
Recall figures are measured, not asserted (docs/privacy.md), so that nobody tunes the engine
against them."""

from __future__ import annotations

from pathlib import Path

import pytest

from privacy.corpus import documents_from_markup
from privacy.engine import default_engine
from privacy.evaluate import Score, evaluate
from privacy.findings import STRUCTURED_LABELS

BLIND = Path(__file__).parent / "blind_markup"
# Every frozen half, in the order the sets were written; a new set's half joins here.
FROZEN_HALVES = (
    "frozen",
    "frozen3",
    "frozen4",
    "frozen8",
    "frozen9",
    "frozen10",
    "frozen11",
    "frozen12",
    "frozen13",
    "frozen14",
    "frozen15",
    "frozen16",
)


def test_every_frozen_half_on_disk_is_scored() -> None:
    on_disk = {p.name for p in BLIND.iterdir() if p.is_dir() and p.name.startswith("frozen")}
    assert on_disk == set(FROZEN_HALVES)


@pytest.fixture(scope="module", params=[BLIND / h for h in FROZEN_HALVES], ids=FROZEN_HALVES)
def score(request: pytest.FixtureRequest) -> Score:
    return evaluate(default_engine().scan, documents_from_markup(request.param))


# bl12's one BSN, one URL and its five postcodes fell in its tuning half (01, 03, 05);
# bl13's two BSNs and two IBANs did too.
STRUCTURED_KINDS = {"frozen12": 4, "frozen13": 5}


def test_the_frozen_half_holds_every_kind_of_structured_identifier(
    score: Score, request: pytest.FixtureRequest
) -> None:
    present = {label for label in STRUCTURED_LABELS if score.gold_by_label[label]}
    assert len(present) >= STRUCTURED_KINDS.get(request.node.callspec.id, 6), present


# Structured leaks a half had at its first score, before the engine was tuned on its
# tuning twin (docs/privacy.md): a ratchet that may only go down; the target is 0.
# frozen14's one phone number is found since round 24 (phones generated from the numbering
# plan): its ratchet went 1 -> 0.
FIRST_SCORE_STRUCTURED_LEAKS = {"frozen10": 1, "frozen16": 1}


def test_no_structured_identifier_leaks_on_text_nobody_tuned_on(
    score: Score, request: pytest.FixtureRequest
) -> None:
    leaks = [(doc, span.label, span.text) for doc, span in score.leaks]
    structured = [leak for leak in leaks if leak[1] in STRUCTURED_LABELS]
    known = FIRST_SCORE_STRUCTURED_LEAKS.get(request.node.callspec.id, 0)
    # Counted, not listed, while known: the frozen half is not read for tuning.
    assert len(structured) <= known if known else structured == []
