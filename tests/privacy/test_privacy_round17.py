"""Issue 10, round 17: ordinary words that are also names or places.

The vocabulary (tests/privacy/vocabulary/homographs.txt, written by
tests/privacy/homographs_build.py) holds the most frequent Dutch dictionary words that are
also in the engine's lists of first names, surnames or places ("storm", "visser", "berg",
"roos", "winter"). Each noun, adjective and verb of it is put in sentences where it is the
word: in lowercase inside a sentence, and (unless it is a first name, which capitalised is
a name) opening a sentence, in a list, after a colon and as a heading. None may be
redacted. The same words in a name's context (a title, a first name beside them, a person
with a sibling, "woont in") must still be found. The sentences are written for these
tests; none is taken from a tuning text.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from privacy.detectors.lexicon import first_names
from privacy.engine import scan

VOCABULARY = Path(__file__).parent / "vocabulary" / "homographs.txt"

#: the word as the word, by class: "{w}" lowercase, "{W}" capitalised
ORDINARY = {
    "noun": {
        "lower": "ze vertelde over haar {w} en over school.",
        "lower_article": "In het overleg ging het vooral over de {w} en de gevolgen.",
        "colon": "Thema: {w} en vrije tijd.",
        "opening": "{W} en school kwamen in het gesprek steeds terug.",
        "list": "Besproken:\n- {W}\n- school\n- vrije tijd",
        "colon_capital": "Thema van vandaag: {W}",
        "heading": "{W}\n\nWe bespraken de situatie van het gezin.",
    },
    "adj": {
        "lower": "het was best {w} gisteren, zei moeder.",
        "opening": "{W} genoeg, zei de moeder achteraf.",
    },
    "verb": {
        "lower": "ze wil morgen weer {w} met haar vriendin.",
        "opening": "{W} doet ze liever niet, zegt ze.",
    },
}
#: the word as a name or place, by sense
NAME_SENSE = {
    "surname": ("Mevrouw {W} belde gisteren over haar zoon.",
                "De melding kwam van Bram {W}, de buurman."),
    "first": ("Ik sprak met {W} en haar broer over de ruzie.",
              "{W} Jansen belde gisteren over haar zoon."),
    "place": ("Het gezin woont sinds maart in {W}.",),
}  # fmt: skip


def homographs() -> list[tuple[str, str, str]]:
    rows = []
    for line in VOCABULARY.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            word, _rank, kind, senses = line.split("\t")
            rows.append((word, kind, senses))
    return rows


def _overlapped(sentence: str, word: str) -> bool:
    start = sentence.lower().index(word.lower())
    end = start + len(word)
    return any(f.start < end and f.end > start for f in scan(sentence))


def ordinary_sentences(word: str, kind: str) -> list[tuple[str, str]]:
    capital = word[:1].upper() + word[1:]
    return [
        (name, template.format(w=word, W=capital))
        for name, template in ORDINARY.get(kind, {}).items()
        if "{w}" in template or word not in first_names()  # capitalised, a first name is a name
    ]


def redacted_ordinary(word: str, kind: str) -> list[tuple[str, str]]:
    return [(n, s) for n, s in ordinary_sentences(word, kind) if _overlapped(s, word)]


def missed_names(word: str, senses: str) -> list[str]:
    capital = word[:1].upper() + word[1:]
    return [
        template.format(W=capital)
        for sense in senses.split(",")
        for template in NAME_SENSE[sense]
        if not _overlapped(template.format(W=capital), capital)
    ]


def test_the_vocabulary_is_built_broadly() -> None:
    rows = homographs()
    assert len(rows) >= 300
    assert {"storm", "bos", "berg", "winter", "bloem"} <= {w for w, _, _ in rows}


#: The templates this round's rule covers: the word alone on its line. The others (in
#: lowercase, opening a sentence) are measured by ``redacted_ordinary`` and reported in
#: docs/privacy.md, not yet held: see the round's "Left".
ALONE_ON_LINE = ("list", "colon_capital", "heading")


@pytest.mark.parametrize(
    ("word", "kind"), [(w, k) for w, k, _ in homographs() if k == "noun"], ids=lambda v: v
)
def test_an_ordinary_word_alone_on_its_line_is_kept(word: str, kind: str) -> None:
    assert [n for n, _ in redacted_ordinary(word, kind) if n in ALONE_ON_LINE] == []


#: the word as a name or place: the round must not lose one found before it (87 of the
#: 838 name-sense sentences were missed before the round, by words such as "Een", "Aan",
#: "Klaar" that no one is called; the same 87 after)
NAME_SENSE_MISSED_BEFORE = 87


def test_the_words_as_names_are_found_as_before() -> None:
    missed = [m for w, _, senses in homographs() for m in missed_names(w, senses)]
    assert len(missed) <= NAME_SENSE_MISSED_BEFORE


@pytest.mark.parametrize(
    ("text", "value"),
    [("Mevrouw Storm belde gisteren over haar zoon.", "Storm"),
     ("De melding kwam van Bram Visser, de buurman.", "Visser"),
     ("Ik sprak met Roos en haar broer over de ruzie.", "Roos"),
     ("Naam: Storm\nLeeftijd: 15 jaar", "Storm"),
     ("Moeder: Visser\nVader: onbekend", "Visser"),
     ("Woonplaats: Hoek\nTelefoon: onbekend", "Hoek"),
     ("Aanwezig:\n- Visser\n- Anouk de Boer\n- de mentor", "Visser"),
     ("Dank voor je bericht.\n\nMet vriendelijke groet,\nBakker", "Bakker"),
     ("Zomer\n\nIn de vakantie belde Zomer elke dag met haar moeder.", "Zomer")],
)  # fmt: skip
def test_the_word_alone_on_its_line_with_a_names_signal_stays_found(text: str, value: str) -> None:
    found = [f for f in scan(text) if value in f.text]
    assert found, scan(text)
    if text.startswith(value):
        assert any(f.start == 0 for f in found)


@pytest.mark.parametrize(
    "text",
    ["Besproken:\n- Storm\n- school\n- vrije tijd",
     "Thema van vandaag: Winter",
     "Berg\n\nWe bespraken de situatie van het gezin.",
     "Agenda\n1. Opening\n2. Bank\n3. Rondvraag",
     "Onderwerp: Hoek",
     "Aandachtspunten:\n* Bos\n* schooltijden\n* Kamp"],
)  # fmt: skip
def test_the_causes_alone_on_a_line(text: str) -> None:
    assert scan(text) == []


# the causes the other templates found, each fixed where it lies
@pytest.mark.parametrize(
    "text",
    ["Bos van informatie, zei iemand, en niemand weet wat waar staat.",
     "Storm van kritiek na het besluit van de gemeente.",
     "Bakker van beroep, dat was hij altijd al.",
     "Mooi genoeg, zei de moeder achteraf.",
     "Slim genoeg is ze wel, zegt de juf.",
     "Geven doet ze liever niet, zegt ze.",
     "ze vertelde over haar lente en over school.",
     "ja mijn engel is ziek vandaag",
     "hun koop ging niet door zei ze",
     "Mevrouw wilde eerst niet dat de tolk een man was.",
     "mevrouw belt morgen terug over de afspraak"],
)  # fmt: skip
def test_the_causes_in_sentences(text: str) -> None:
    assert scan(text) == []


# guards: the same shapes where they hold a name
@pytest.mark.parametrize(
    ("text", "value"),
    [("Bos van Dijk belde gisteren over de melding.", "Bos van Dijk"),
     ("Visser van der Meer kwam om tien uur.", "Visser van der Meer"),
     ("Visser belde gisteren over haar zoon.", "Visser"),
     ("Visser doet het goed op school, zegt de mentor.", "Visser"),
     ("ik zag haar met sanne en kim bij de poort", "kim"),
     ("zei haar broer kim dat het goed ging", "kim"),
     ("hoi mijn naam is kim", "kim"),
     ("mevrouw wilde belde gisteren over haar zoon", "wilde"),
     ("ik heb mevrouw wilde gesproken", "wilde"),
     ("mevrouw storm belde gisteren", "storm")],
)  # fmt: skip
def test_guards_names_in_the_same_shapes_stay_found(text: str, value: str) -> None:
    assert value in {f.text for f in scan(text)}
