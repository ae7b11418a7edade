"""Quasi-identifiers and the recognisability level, on the corpus's own cases."""

from __future__ import annotations

import subprocess
import sys

import pytest

import privacy
from privacy.corpus import load_corpus
from privacy.recognise import ADVICE, Kind


@pytest.fixture(scope="module")
def corpus() -> dict[str, str]:
    return {d.id: d.text for d in load_corpus()}


def kinds(text: str) -> set[Kind]:
    return {item.kind for item in privacy.quasi_identifiers(text)}


def test_public_api_lists_kind_span_text_and_advice() -> None:
    text = "Het gezin woont in Bleiswijk. Vader is politieagent."
    items = privacy.quasi_identifiers(text)
    assert [(i.kind, i.text) for i in items] == [
        (Kind.KLEINE_GEMEENTE, "Bleiswijk"),
        (Kind.BEROEP, "politieagent"),
    ]
    for item in items:
        assert text[item.start : item.end] == item.text
        assert item.advice == ADVICE[item.kind]
    assert items[0].advice == "Noem liever 'een gemeente in de regio' dan de gemeente."


@pytest.mark.parametrize(
    ("text", "kind", "value"),
    [
        ("Ze woont in Bleiswijk met haar moeder.", Kind.KLEINE_GEMEENTE, "Bleiswijk"),
        ("Het gezin woont in Kanaleneiland.", Kind.WIJK, "Kanaleneiland"),
        ("De jongste (7) is op 3 mei verongelukt.", Kind.LEEFTIJD_MET_GEBEURTENIS, "7"),
        ("Haar vader werkt als wethouder in de gemeente.", Kind.BEROEP, "wethouder"),
        ("Op 14 februari 2024 kwam de melding.", Kind.DATUM, "14 februari 2024"),
        ("Moeder heeft zeven kinderen.", Kind.GEZIN, "zeven kinderen"),
        ("Het gaat om een tweeling.", Kind.GEZIN, "tweeling"),
    ],
)
def test_each_kind(text: str, kind: Kind, value: str) -> None:
    assert (kind, value) in {(i.kind, i.text) for i in privacy.quasi_identifiers(text)}


@pytest.mark.parametrize(
    "text",
    [
        "Ze woont in Rotterdam.",  # a big city does not narrow a family down
        "Het was een kind van 7 dat naar school ging.",  # an age without a rare event
        "Moeder heeft twee kinderen.",
        "Van den Berg belde over de Graaf Florisstraat.",  # names and streets, not places
    ],
)
def test_ordinary_details_are_not_quasi_identifiers(text: str) -> None:
    assert privacy.quasi_identifiers(text) == []


def test_domain_texts_are_low(corpus: dict[str, str]) -> None:
    domain = [d for d in load_corpus() if d.voice == "domein" and not d.spans]
    assert domain
    for document in domain:
        assert privacy.recognisability(document.text).level == "laag", document.id


def test_corpus_case_with_village_family_and_date_is_high(corpus: dict[str, str]) -> None:
    # jc-10: a neighbourhood of a village, another village, three ages, a date
    assessment = privacy.recognisability(corpus["jc-10"])
    assert assessment.level == "hoog"
    assert {Kind.WIJK, Kind.GEZIN, Kind.DATUM} <= assessment.kinds


def test_corpus_case_with_one_kind_is_middle(corpus: dict[str, str]) -> None:
    levels = {privacy.recognisability(text).level for text in corpus.values()}
    assert levels == {"laag", "midden", "hoog"}
    one_kind = [t for t in corpus.values() if len(privacy.recognisability(t).kinds) == 1]
    assert one_kind
    for text in one_kind:
        assert privacy.recognisability(text).level == "midden"


def test_level_rules() -> None:
    assert privacy.recognisability("Volgens de Meldcode overleggen we.").level == "laag"
    assert privacy.recognisability("Vader is politieagent.").level == "midden"
    # a small municipality with one other kind is already high
    assert privacy.recognisability("In Bleiswijk. Vader is politieagent.").level == "hoog"
    # three kinds in a big city are high too
    text = "In Rotterdam. Vader is imam. Op 3 mei 2024 kwam de melding. Zij hebben acht kinderen."
    assert privacy.recognisability(text).level == "hoog"


def test_importing_privacy_does_not_load_deduce_for_recognisability() -> None:
    code = (
        "import sys, privacy; privacy.recognisability('In Bleiswijk.'); "
        "print('deduce' in sys.modules)"
    )
    out = subprocess.run(  # noqa: S603 - our own interpreter, fixed code
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd="."
    )
    assert out.stdout.strip() == "False"
