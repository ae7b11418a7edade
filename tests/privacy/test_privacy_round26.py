"""Issue 10, round 26: surnames that are ordinary words, opening a sentence in their
ordinary sense.

An adjective that is also a surname ("Groen", "Zwart", "Oud", "Stil") opening a sentence
before a noun is the word ("Oud papier", "Droog gevoel"), and a
weather word before a verb only weather takes ("Storm stak op", "Wind woei") is the
weather. A person opening a sentence is followed by a finite verb, a comma or "van"
("Groen belde", "Groen zei", "Groen, de vader", "Groen van de gemeente") or, in a note,
by an adverb, a participle or an infinitive ("Groen thuis getroffen", "Groen gesproken",
"Groen bellen"), and a word written with a capital elsewhere in the same text stays a
name; only a name written with its particle elsewhere ("De Wit") lets the bare word be
the word ("Wit weggetrokken"). The sentences are written
for these tests; none is taken from a tuning text.
"""

from __future__ import annotations

import pytest

from privacy.engine import scan
from privacy.findings import Label

ADJECTIVES = ["Groen", "Zwart", "Blauw", "Bruin", "Oud", "Stil", "Droog", "Kaal", "Zoet"]
ORDINARY = [
    "{W} papier lag overal op tafel.",
    "Gisteren was het rustig.\n{W} brood, zei de buurman.",
    'Ze zei: "{W} gevoel hield ze eraan over."',
    "Het gesprek was kort. {W} verhaal, maar wel een begin.",
    "Besproken:\n- {W} papier in de gang\n- de schoolkeuze",
]
NAME_SENSE = [
    "{W} van de gemeente belde gisteren terug.",
    "{W} zei dat ze het niet wist.",
    "{W} belde om negen uur.",
    "{W} heeft de melding gedaan.",
    "{W}, de vader, was boos.",
    "{W} licht de situatie toe.",
    "{W} kort gesproken over de zoon.",
    "{W} thuis getroffen, geen gehoor bij de buren.",
    "{W} gesproken op school.",
    "{W} bellen over de afspraak.",
    "{W} akkoord met het plan.",
    "Gebeld:\n- {W} gesproken over de zoon\n- {W} thuis getroffen",
    "{W} huilde en wilde naar huis.",
    "Mevrouw {W} belde. {W} gevoel had ze erbij, zei ze.",
    "Ik sprak Anouk {W}.\n{W} geld had ze niet.",
]


def _overlapped(text: str, word: str) -> list[bool]:
    findings = [f for f in scan(text) if f.label is Label.NAAM]
    spans = []
    start = text.find(word)
    while start >= 0:
        end = start + len(word)
        spans.append(any(f.start < end and f.end > start for f in findings))
        start = text.find(word, end)
    return spans


@pytest.mark.parametrize("word", ADJECTIVES)
@pytest.mark.parametrize("template", ORDINARY)
def test_an_adjective_before_a_noun_is_the_word(word: str, template: str) -> None:
    text = template.format(W=word)
    assert not any(_overlapped(text, word)), text


@pytest.mark.parametrize("word", ADJECTIVES)
@pytest.mark.parametrize("template", NAME_SENSE)
def test_the_same_word_as_a_person_stays_a_name(word: str, template: str) -> None:
    text = template.format(W=word)
    assert all(_overlapped(text, word)), text


@pytest.mark.parametrize(
    "text",
    [
        "Het werd donker. Storm stak op en de ramen klapperden.",
        "Storm trok over het dorp, de kinderen bleven binnen.",
        "Wind woei door de straat.",
        "Winter zette vroeg in dat jaar.",
    ],
)
def test_a_weather_word_before_a_weather_verb_is_the_weather(text: str) -> None:
    assert [f.text for f in scan(text) if f.label is Label.NAAM] == []


@pytest.mark.parametrize(
    "text",
    [
        "Storm belde om negen uur.",
        "Meneer Storm kwam binnen. Storm trok over de drempel.",
        "Winter zei dat hij zou komen.",
    ],
)
def test_a_weather_word_as_a_person_stays_a_name(text: str) -> None:
    word = text.split()[0] if not text.startswith("Meneer") else "Storm"
    assert all(_overlapped(text, word)), text


def test_the_bare_word_is_not_the_person_written_with_a_particle() -> None:
    text = "Rechter De Zwart deed uitspraak. Zwart weggetrokken zat de vader erbij."
    assert [f.text for f in scan(text) if f.label is Label.NAAM] == ["De Zwart"]
