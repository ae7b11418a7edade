"""Issue 10, round 6: a house number's addition is a letter, a hyphen part or a written
addition, never the short word after it; and further general rules (written on the tuning
halves and on sentences of my own; the sentences here were written for these tests, not
taken from the blind sets). Each positive case failed before the change."""

from __future__ import annotations

import pytest

from privacy.engine import default_engine
from privacy.findings import Label


def found(text: str) -> dict[str, Label]:
    return {f.text: f.label for f in default_engine().scan(text)}


@pytest.mark.parametrize(
    ("text", "address"),
    [
        # a short Dutch word after the number is no addition
        ("Kwikstaartlaan 14 is het adres van de moeder.", "Kwikstaartlaan 14"),
        ("Ze woont Kwikstaartlaan 14 in Zoetermeer.", "Kwikstaartlaan 14"),
        ("De politie stond Kwikstaartlaan 14 op de stoep.", "Kwikstaartlaan 14"),
        ("Kwikstaartlaan 14 en 16 zijn buren.", "Kwikstaartlaan 14"),
        ("Vader woont Kwikstaartlaan 14 te Delft.", "Kwikstaartlaan 14"),
        ("Kwikstaartlaan 14 u kunt daar aanbellen.", "Kwikstaartlaan 14"),
        ("Afspraak Kwikstaartlaan 14 a.s. zaterdag.", "Kwikstaartlaan 14"),
        ("op de kwikstaartlaan 14 is het onrustig", "kwikstaartlaan 14"),
        # real additions stay in the address
        ("Ze woont op Kwikstaartlaan 14a sinds mei.", "Kwikstaartlaan 14a"),
        ("Ze woont op Kwikstaartlaan 14 A sinds mei.", "Kwikstaartlaan 14 A"),
        ("Ze woont op Kwikstaartlaan 14-2 sinds mei.", "Kwikstaartlaan 14-2"),
        ("Ze woont op Kwikstaartlaan 14 bis sinds mei.", "Kwikstaartlaan 14 bis"),
        ("Ze woont op Kwikstaartlaan 14 hs sinds mei.", "Kwikstaartlaan 14 hs"),
        ("Ze woont op Kwikstaartlaan 14hs sinds mei.", "Kwikstaartlaan 14hs"),
        ("Ze woont op Kwikstaartlaan 3 II sinds mei.", "Kwikstaartlaan 3 II"),
        ("Hij verblijft op de Oudedijk 28-B bij een vriend.", "Oudedijk 28-B"),
    ],
)
def test_a_house_number_takes_its_addition_and_no_word(text: str, address: str) -> None:
    assert found(text).get(address) is Label.ADRES, found(text)


def test_the_canary_is_fully_redacted() -> None:
    text = (
        "Gisteren sprak ik met Wilhelmina Zonnebloemsma, zij woont op de Kwikstaartlaan 17 "
        "in Zoetermeer. Hoe pakken jullie zo'n gesprek aan?"
    )
    assert found(text) == {
        "Wilhelmina Zonnebloemsma": Label.NAAM,
        "Kwikstaartlaan 17": Label.ADRES,
        "Zoetermeer": Label.PLAATS,
    }
