"""Issue 10, round 6: a house number's addition is a letter, a hyphen part or a written
addition, never the short word after it; and further general rules (written on the tuning
halves and on sentences of my own; the sentences here were written for these tests, not
taken from the blind sets). Each positive case failed before the change."""

from __future__ import annotations

import pytest

from privacy.engine import default_engine
from privacy.findings import Label
from tests.privacy.helpers import found


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
        # real additions stay in the address (guards: "14a", "14 A", "14-2", "14 hs" were
        # taken before too; "in", "op", "en", "te" were cut off by the tail rule)
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


@pytest.mark.parametrize(
    ("text", "value", "label"),
    [
        # a name typed later without its diacritics, and a part of a double-barrelled name
        ("Mw. Halina Zielińska kwam. Later belde zielinska terug.", "zielinska", Label.NAAM),
        ("Mw. Małgorzata Nowak kwam. daarna zei malgorzata niks.", "malgorzata", Label.NAAM),
        ("Mw. Emine Çelik-Doğan kwam. Doğan zelf belde niet.", "Doğan", Label.NAAM),
        # a double-barrelled surname with a found name in it is one name with the first name
        # (a guard: deduce finds this one too; the rule is for the texts where it does not)
        (
            "Het betreft Piotr Wójcik en zijn vrouw Danuta Wójcik-Kowalska.",
            "Danuta Wójcik-Kowalska",
            Label.NAAM,
        ),
        # a name typed in lowercase runs on over the names after it
        ("ik sprak neef mehmet ali dogan gisteren nog", "mehmet ali dogan", Label.NAAM),
        # a school many schools are named after, in a text about school (the lowercase
        # article outside: round 13b's article convention)
        ("de juf op de kameleon zegt dat ze stil is", "kameleon", Label.SCHOOL),
        ("hij zit op de kleine prins en de juf maakt zich zorgen", "kleine prins", Label.SCHOOL),
        (
            "Gesprek met moeder op de Regenboog, met de leerkracht erbij.",
            "Regenboog",
            Label.SCHOOL,
        ),
        ("De kinderen zitten nu op de Vuurtoren in groep 3 en 6.", "Vuurtoren", Label.SCHOOL),
        # a company named with its legal form
        ("Hij rijdt voor KV Logistiek B.V. in de haven.", "KV Logistiek B.V.", Label.INSTELLING),
        # a bare age in a list takes its unit
        ("Achterin zaten twee kinderen, 4 en 9 jaar, allebei wakker.", "9 jaar", Label.LEEFTIJD),
    ],
)
def test_found_with_its_whole_span(text: str, value: str, label: Label) -> None:
    assert found(text).get(value) is label, found(text)


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        # a kinship noun opening a sentence is no surname
        ("Zijn schoonfamilie belt vaak. Neef had hem bedreigd.", "Neef"),
        ("Er was ruzie. Vriend had een gat in de deur geslagen.", "Vriend"),
        # a number of years that is a duration or a difference is no age
        ("Mijn zusje was vier jaar jonger dan ik.", "vier"),
        ("Wat hij deed, heb ik twintig jaar niet kunnen zeggen.", "twintig"),
        ("Mw. heeft 14 jaar in een relatie met hem gezeten.", "14"),
        ("Het wijkteam heeft een wachtlijst van 8 weken.", "8"),
        ("Hij was boos en is twee weken weggebleven.", "twee"),
        # an abbreviation or a product after "in"/"bij" is no place
        ("Ze wonen al tien jaar in NL en hij is bekend bij de GGZ.", "NL"),
        ("Ze wonen al tien jaar in NL en hij is bekend bij de GGZ.", "GGZ"),
        ("Het dossier staat in SomToday onder haar nummer.", "SomToday"),
        # "kdv" before a verb is no day-care centre's name
        ("De blauwe plek werd door het kdv gemeld.", "kdv gemeld"),
        # "de sleutel" is the thing in a text about school (a guard for the school names)
        ("De juf gaf haar de sleutel van de klas.", "de sleutel"),
    ],
)
def test_not_taken(text: str, kept: str) -> None:
    assert not any(kept in f.text for f in default_engine().scan(text)), found(text)
