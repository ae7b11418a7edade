"""The targets of issue 3, asserted against the annotated corpus."""

from __future__ import annotations

import pytest

from privacy.corpus import load_corpus
from privacy.engine import default_engine
from privacy.evaluate import Score, evaluate
from privacy.findings import Label

ZERO_LEAK_LABELS = (
    Label.BSN,
    Label.IBAN,
    Label.TELEFOON,
    Label.EMAIL,
    Label.POSTCODE,
    Label.KENTEKEN,
    Label.URL,
)


@pytest.fixture(scope="module")
def score() -> Score:
    engine = default_engine()
    return evaluate(engine.scan, load_corpus())


@pytest.mark.parametrize("label", ZERO_LEAK_LABELS, ids=str)
def test_no_leak_of_structured_identifiers(score: Score, label: Label) -> None:
    leaks = [(doc, span.text) for doc, span in score.leaks if span.label is label]
    assert score.gold_by_label[label] > 0, f"the corpus must hold {label}"
    assert leaks == []


def test_name_recall(score: Score) -> None:
    assert score.label_recall(Label.NAAM) >= 0.97


def test_overall_recall(score: Score) -> None:
    assert score.recall >= 0.97, [(d, s.text) for d, s in score.leaks]


def test_precision(score: Score) -> None:
    assert score.precision >= 0.85, [(d, f.text) for d, f in score.false_positives]


def test_domain_words_stay() -> None:
    engine = default_engine()
    text = (
        "Volgens de Meldcode en het afwegingskader overlegt de jeugdconsulent bij stap 3 "
        "met moeder en vader. Bel Veilig Thuis op 0800-2000, bij acuut gevaar 112. "
        "In maart en april volgen we de training; de procesregisseur van het LTHG en "
        "Kwadraad zijn erbij."
    )
    assert engine.scan(text) == []
