"""Issue 10, round 28: a surname with a particle, repeated without it.

"mevrouw de Wit ... Wit zei dat haar man sloeg" leaked the second "Wit": a rule took the
bare surname of a name written with a lowercase particle for the ordinary word at a
sentence's start ("Groot probleem"), unless the surname was in the list of surnames that
stand alone ("Dam" was found, "Wit", "Groot", "Klein", "Wilde", "Meer" leaked). Round 26
added the same exception to its "Oud papier" rule ("De Wit ... Wit weggetrokken").
Now the capitalised surname of any name found with a particle is that person wherever the
text writes it bare; at a sentence's start it is the ordinary word only before an ordinary
lowercase word ("Groot probleem", "Wit weggetrokken": must-keep terms of the tuning
halves), never before a finite verb, a function word or a note's predicate ("Wit zei",
"Groot vertelde"). The sentences are written for these tests; none
is taken from a tuning text.
"""

from __future__ import annotations

import pytest

from privacy.engine import scan
from privacy.findings import Label

PARTICLES = ["de", "De", "van de", "van der", "ter", "ten", "van 't", "el", "El"]
SURNAMES = ["Wit", "Groot", "Klein", "Wilde", "Meer", "Jong", "Bruin", "Lange", "Zwart"]
POSITIONS = [
    "{S} zei dat haar man sloeg.",
    "{S} vertelde over de kinderen.",
    "Later sprak ik opnieuw met {S} over de kinderen.",
    "Ook mevrouw {S} was er bij.",
    "Aanwezig waren de mentor, {S} en de moeder.",
    "{S} heeft de melding gedaan.",
    "{S} wilde niet praten.",
]


def _covered(text: str, start: int, end: int) -> bool:
    return any(f.start <= start and f.end >= end for f in scan(text))


@pytest.mark.parametrize("particle", PARTICLES)
@pytest.mark.parametrize("surname", SURNAMES)
@pytest.mark.parametrize("position", POSITIONS)
def test_the_bare_surname_of_a_name_with_a_particle_is_found(
    particle: str, surname: str, position: str
) -> None:
    first = f"Ik sprak mevrouw {particle} {surname} op school. "
    text = first + position.format(S=surname)
    start = text.rindex(surname)
    assert _covered(text, start, start + len(surname)), text


@pytest.mark.parametrize(
    ("text", "surname"),
    [
        ("Ik sprak mevrouw de Wit op school. Wit zei dat haar man sloeg.", "Wit"),
        ("Ik sprak mevrouw de Groot. Groot zei dat het goed ging.", "Groot"),
        ("Rechter de Zwart deed uitspraak. Zwart zei dat de vader schuldig was.", "Zwart"),
        ("Gesprek met meneer ter Wilde.\nWilde vertelde dat hij sloeg.", "Wilde"),
        ("Gesprek met Anna van der Meer op school. Meer zei niets.", "Meer"),
    ],
)
def test_the_bare_surname_is_that_person(text: str, surname: str) -> None:
    start = text.rindex(surname)
    assert _covered(text, start, start + len(surname)), text


@pytest.mark.parametrize(
    ("text", "word"),
    [
        # the ordinary word before a noun or participle stays, even with the person named
        ("Mevrouw de Groot belde. Groot probleem is de schuld.", "Groot"),
        ("Rechter De Zwart deed uitspraak. Zwart weggetrokken zat de vader erbij.", "Zwart"),
        ("Oud papier lag op de stoep.", "Oud"),
        ("Storm stak op in de nacht.", "Storm"),
        # lowercase, without a name cue, in a text that names the person: the word
        ("Mevrouw de Wit belde. Het hek was wit geverfd.", "wit"),
        ("Ik sprak mevrouw de Groot. Het huis was groot en leeg.", "groot"),
        ("Mevrouw van der Meer belde. Ze wil meer contact met school.", "meer"),
    ],
)
def test_the_ordinary_word_stays(text: str, word: str) -> None:
    start = text.rindex(word)
    assert not any(f.start < start + len(word) and start < f.end for f in scan(text)), text


def test_the_lowercase_surname_with_a_name_cue_is_the_person() -> None:
    text = "Ik sprak mevrouw de Wit op school. Gisteren belde ik en wit zei dat hij sloeg."
    start = text.rindex("wit")
    assert _covered(text, start, start + 3), text


@pytest.mark.parametrize(
    "text, name",
    [
        ("Ik sprak mevrouw de Heer op school.", "de Heer"),
        ("Gesprek met mw. De Heer over haar zoon.", "De Heer"),
        ("Meneer de Heer belde om tien uur.", "de Heer"),
        ("Volgens Sanne de Heer is het thuis onveilig.", "Sanne de Heer"),
        ("Dhr. de Heer kwam niet naar het gesprek.", "de Heer"),
    ],
)
def test_the_surname_de_heer_after_a_title_or_a_first_name(text: str, name: str) -> None:
    # found at integration: "de Heer" read as the title "de heer" or as the Lord
    assert name in [f.text for f in scan(text) if f.label is Label.NAAM], scan(text)


@pytest.mark.parametrize(
    "text",
    ["Ze bidt elke avond tot de Heer.", "God de Heer zegene u.", "Ik sprak de heer Jansen."],
)
def test_the_lord_and_the_title_stay_words(text: str) -> None:
    assert not [f for f in scan(text) if f.label is Label.NAAM and "eer" in f.text], scan(text)
