"""Issue 10, round 21: names pooled over every tuning half.

The NAAM leaks of every tuning half on its writer's first score (the engine of the commit
that added the half, before any round tuned on it) were pooled and sorted by why the
engine missed them (docs/privacy.md, round 21). One slot recurs in three halves: a
capitalised word coordinated with a name the engine found ("Ilias en Adam El Khatib",
"Kofi (6) en Ama (4)", "Samira en Kees"). The names missed there are words the Dutch word
list (wordfreq's, which holds many names) also has, so no "unknown word" rule fires. The
slot says "person". (The subject of a verb of speaking, "Ama zei", was tried too: one
writer's class, and it added a false finding on a frozen half; left.)

The sentences are written for these tests (no tuning text); the names are ones no name
list of the engine holds but the Dutch word list does ("Fifi", "Jojo"). 5 cases fail
before the change; the guards pass on both.
"""

from __future__ import annotations

import pytest

from privacy.engine import scan
from privacy.findings import Label


def _names(text: str) -> set[str]:
    return {f.text for f in scan(text) if f.label is Label.NAAM}


@pytest.mark.parametrize(
    ("text", "name"),
    [
        # coordinated with a name found
        ("Vandaag kwamen Fifi en Sanne samen naar de opvang.", "Fifi"),
        ("Op het plein speelden Sanne en Jojo met de bal.", "Jojo"),
        ("Kees, Jojo en Sanne zaten aan de tafel.", "Jojo"),
        ("Jojo, Sanne en Kees zaten aan de tafel.", "Jojo"),
    ],
)
def test_a_word_in_a_persons_slot_is_a_name(text: str, name: str) -> None:
    assert name in _names(text)


def test_the_name_found_in_a_slot_is_found_where_it_repeats() -> None:
    text = "Fifi en Sanne huilden. Later kwam Fifi terug en ging Fifi slapen."
    found = [f for f in scan(text) if f.label is Label.NAAM]
    assert [f.text for f in found] == ["Fifi", "Sanne", "Fifi", "Fifi"]


@pytest.mark.parametrize(
    "text",
    [
        "Agent zei dat ze het zouden doorgeven.",
        "Taxichauffeur belt 112: vrouw stapt in.",
        "Turkije en Marokko zijn de landen van herkomst.",
        "Haar oom in Turkije belt haar elke week.",
        "Hij woont nu op Curaçao zegt hij.",
        "Iedereen zei dat het goed ging.",
        "Vanochtend belde de school.",
        "Moeder zei dat Sanne ziek was.",
        "Wiskunde en Engels gaan goed, zei Sanne.",
        "Moeder en Sanne kwamen samen binnen.",
        "Sanne en Turkije: een vakantie met gevolgen.",
        "Sanne, Mentor en Begeleider zijn rollen in het plan.",
        "Sanne komt in maart of april terug.",
    ],
)
def test_no_person_in_the_slot_no_name(text: str) -> None:
    assert _names(text) <= {"Sanne"}
