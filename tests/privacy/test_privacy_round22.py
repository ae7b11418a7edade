"""Issue 10, round 22: the field's public vocabulary, pooled over every tuning half.

The must-keep terms redacted and the false findings of all eight tuning halves and the
corpus were pooled and sorted by why the engine took them (docs/privacy.md, round 22).
The classes fixed are the domain's own: the names of methods, programmes, laws, public
bodies and feasts ("Marte Meo", "Agressie Regulatie op Maat", "Verdrag van Istanbul",
"Keti Koti"), the platforms and public sites people name ("Roblox", "Thuisarts.nl" opening
a sentence), the field's compound nouns for a thing written with a capital
("Ouderschapsplan", "Signalenlijst", "Kinderombudsman", "Koranles"), adjectives in
"-gericht" ("Oplossingsgericht werken"), and English words that are also first names in an
English phrase ("protect him from"). The vocabulary
(tests/privacy/vocabulary/public_terms.txt) is public knowledge, not harvested from a tuning
text; every sentence below is written for these tests. The guards (a person in the same
places) pass before and after.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from privacy.engine import scan
from privacy.findings import Label
from tests.privacy.helpers import capital, vocabulary

VOCABULARY = Path(__file__).parent / "vocabulary" / "public_terms.txt"

TEMPLATES = {
    "opening": "{C} is gisteren besproken in het overleg.",
    "comma": "We hebben het gisteren, {t} en de school, nog eens doorgenomen.",
    "chat": "ja idd {l} heeft vanochtend gebeld",
    "list": "Betrokken: school, {t}, huisarts.",
    "heading": "{C}\n\nWe bespraken de situatie van het gezin.",
    "after_via": "Moeder is via {t} bij ons gekomen.",
    "after_met": "We zijn gestart met {t} in het gezin.",
    "quote": "In het verslag staat '{t}' als afspraak.",
}


def _terms() -> list[tuple[str, str]]:
    return vocabulary(VOCABULARY)


def redacted_templates(term: str) -> list[str]:
    """The templates in which some finding overlaps the term."""
    hit = []
    for name, template in TEMPLATES.items():
        written = {"opening": capital(term), "heading": capital(term), "chat": term.lower()}
        form = written.get(name, term)
        sentence = template.format(C=capital(term), t=term, l=term.lower())
        start = sentence.index(form)
        end = start + len(form)
        if any(f.start < end and f.end > start for f in scan(sentence)):
            hit.append(name)
    return hit


def _names(text: str) -> set[str]:
    return {f.text for f in scan(text) if f.label is Label.NAAM}


def test_the_vocabulary_covers_the_kinds() -> None:
    kinds = {kind for kind, _ in _terms()}
    assert kinds == {"method", "law", "org", "role", "feast", "time", "app", "site"}
    assert len(_terms()) >= 150


@pytest.mark.parametrize(("kind", "term"), _terms(), ids=lambda v: v)
def test_a_public_term_of_the_field_is_never_redacted(kind: str, term: str) -> None:
    assert redacted_templates(term) == []


# --- a programme's or a law's name keeps its words, a person beside it is still found -----


@pytest.mark.parametrize(
    ("text", "kept", "names"),
    [
        (
            "Hij volgt de module Agressie Regulatie op Maat bij de reclassering; Dewi Kartosen "
            "begeleidt hem.",
            "Maat",
            {"Dewi Kartosen"},
        ),
        ("Met Marte Meo hebben we beelden van moeder en Noor bekeken.", "Marte", {"Noor"}),
        (
            "Het Verdrag van Istanbul verplicht de staat; mevrouw Yildiz woont in Schiedam.",
            "Istanbul",
            {"Yildiz"},
        ),
        ("Rond Keti Koti was Sharella bij haar oma.", "Keti", {"Sharella"}),
        ("Met Oud en Nieuw sliep Bram bij de buren.", "Oud", {"Bram"}),
    ],
)
def test_a_named_programme_law_or_feast_is_kept(text: str, kept: str, names: set[str]) -> None:
    found = scan(text)
    assert not any(kept in f.text for f in found)
    assert names <= _names(text)


# --- the field's compound nouns for a thing ------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "We hebben het Ouderschapsplan en de Signalenlijst met vader doorgenomen.",
        "Na de klacht bij de Kinderombudsman kwam er een nieuw Veiligheidsplan.",
        "De jongen ging na school naar de Koranles en daarna naar huis.",
        "Moeder vond de Oudergroep op donderdag fijn.",
        "Afspraak: Oplossingsgericht werken met het gezin, en Traumagerichte therapie voor Sem.",
    ],
)
def test_a_compound_noun_for_a_thing_is_no_name(text: str) -> None:
    found = {f.text for f in scan(text)}
    for word in (
        "Ouderschapsplan", "Signalenlijst", "Kinderombudsman", "Veiligheidsplan", "Koranles",
        "Oudergroep", "Oplossingsgericht", "Traumagerichte",
    ):  # fmt: skip
        assert word not in found


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Mevrouw Kaplan belde over het plan.", "Kaplan"),
        ("Gisteren sprak ik Charles over de les.", "Charles"),
        ("De zus van Alejandro Morales kwam ook.", "Alejandro Morales"),
        ("Sem en Traumagerichte therapie: Sem wil eerst met Jelle praten.", "Jelle"),
    ],
)
def test_a_name_that_ends_like_a_thing_stays_a_name(text: str, name: str) -> None:
    assert name in _names(text)


# --- an English word that is also a first name, in an English phrase ----------------------


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ('Ze zei aan de telefoon: "i can\'t protect him from here."', "him"),
        ("hij appte: love you, sorry voor gisteren", "love"),
        ("haar bericht: my mom is not home, pls call", "my"),
    ],
)
def test_an_english_word_in_an_english_phrase_is_no_name(text: str, word: str) -> None:
    assert word not in _names(text)


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("gisteren zei can tegen haar dat het klaar was", "can"),
        ("ze ging met mine en haar zus naar huis", "mine"),
    ],
)
def test_the_same_word_in_a_dutch_sentence_stays_a_name(text: str, name: str) -> None:
    assert name in _names(text)


@pytest.mark.parametrize(
    "text, name",
    [
        # Found by the integration run: round 22's thing heads took "Gebrehiwet" for a
        # compound ending in "wet" (law); a short head now needs a Dutch word before it.
        ("De achternaam is Gebrehiwet.", "Gebrehiwet"),
        ("Mevrouw Tesfahiwet belde gisteren over haar zoon.", "Tesfahiwet"),
        ("Meneer Habteplan kwam niet opdagen.", "Habteplan"),
        ("Vader Kidanezorg bracht de kinderen.", "Kidanezorg"),
    ],
)
def test_an_unknown_name_ending_in_a_short_thing_head_stays_a_name(text: str, name: str) -> None:
    found = [f.text for f in scan(text) if f.label is Label.NAAM]
    assert any(name in f for f in found), found
