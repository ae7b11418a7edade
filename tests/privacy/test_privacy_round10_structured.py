"""Issue 10, round 10: structured identifiers that leaked on the new blind set bl10 (numbers
read out in voice-dictated notes, international formats, case numbers with their letters).
The sentences here were written for these tests, not taken from the blind sets. Each case
failed before the change; the must-keep help lines stay."""

from __future__ import annotations

import pytest

from privacy.detectors.numbers_nl import spoken_digits
from privacy.findings import Label
from tests.privacy.helpers import found

# --- numbers read out in words (dictation without capitals or punctuation) --------------


@pytest.mark.parametrize(
    ("text", "value", "label"),
    [
        (
            "verslag punt telefoonnummer van de oma nul zes achtendertig elf vijfenzeventig "
            "twintig graag na vijf uur bellen",
            "nul zes achtendertig elf vijfenzeventig twintig",
            Label.TELEFOON,
        ),
        (
            "hij belde me vanaf nul eenenzeventig drie vier vijf zes zeven acht negen en "
            "hing daarna op",
            "nul eenenzeventig drie vier vijf zes zeven acht negen",
            Label.TELEFOON,
        ),
        (
            "mobiel van de vader nul zes dubbel twee zeven zeven vier negen een nul punt",
            "nul zes dubbel twee zeven zeven vier negen een nul",
            Label.TELEFOON,
        ),
        (
            "zijn nummer is nul zes streepje twaalf vierendertig zesenvijftig achtenzeventig",
            "nul zes streepje twaalf vierendertig zesenvijftig achtenzeventig",
            Label.TELEFOON,
        ),
        (
            # after the word for a phone, nine digits: the number without its 0
            "mobiel zes twaalf vierendertig zesenvijftig achtenzeventig bellen na zes uur",
            "zes twaalf vierendertig zesenvijftig achtenzeventig",
            Label.TELEFOON,
        ),
        (
            "de tante in engeland belt van plus vier vier zeven zeven nul nul negen nul nul "
            "vier een zeven",
            "plus vier vier zeven zeven nul nul negen nul nul vier een zeven",
            Label.TELEFOON,
        ),
        (
            "de bsn van moeder is twee vier negen zes negen zes drie drie twee punt",
            "twee vier negen zes negen zes drie drie twee",
            Label.BSN,
        ),
        (
            "burgerservicenummer honderdtweeëntwintig vierhonderdzesenvijftig "
            "zevenhonderdnegenentachtig komma",
            "honderdtweeëntwintig vierhonderdzesenvijftig zevenhonderdnegenentachtig",
            Label.BSN,
        ),
        (
            # nine digits passing the 11-proef, no trigger word needed
            "ze noemde negen nul drie zeven negen negen negen zes nul als haar nummer",
            "negen nul drie zeven negen negen negen zes nul",
            Label.BSN,
        ),
        (
            "ze woont op de lindelaan acht postcode twee zes vijf een ce ix punt",
            "twee zes vijf een ce ix",
            Label.POSTCODE,
        ),
        (
            "postcode dertig negenenzeventig ka es en dan de tweede deur",
            "dertig negenenzeventig ka es",
            Label.POSTCODE,
        ),
        (
            "adres is twee zes vijf een ce ix bergschenhoek",
            "twee zes vijf een ce ix",
            Label.POSTCODE,
        ),
        (
            "rekeningnummer van de moeder en el zesendertig ing be drie nul nul nul een een "
            "zes vier vier zes punt",
            "en el zesendertig ing be drie nul nul nul een een zes vier vier zes",
            Label.IBAN,
        ),
        (
            "iban nl twaalf rabo nul twee vijf een vier zeven acht negen drie vijf einde",
            "nl twaalf rabo nul twee vijf een vier zeven acht negen drie vijf",
            Label.IBAN,
        ),
        (
            "het kenteken van de auto is ge ix vier een twee te punt",
            "ge ix vier een twee te",
            Label.KENTEKEN,
        ),
        (
            "dossiernummer twee nul twee vijf streepje nul nul vier een twee bij veilig thuis",
            "twee nul twee vijf streepje nul nul vier een twee",
            Label.NUMMER,
        ),
    ],
)
def test_a_number_read_out_in_words_is_found_whole(text: str, value: str, label: Label) -> None:
    assert found(text).get(value) is label, found(text)


@pytest.mark.parametrize(
    "text",
    [
        "hij is elf en zit in groep acht en ze heeft twee drie keer gebeld",
        "we telden een twee drie vier vijf zes zeven acht negen tien en toen was het stil",
        "om nul uur tien vertrokken we met een twee drie en vier kinderen",
        "bel de kindertelefoon nul acht nul nul nul vier drie twee of nul acht nul nul twee "
        "nul nul nul",
        "in nood bel je een een twee",
        "ze heeft zes zeven acht negen tien keer gebeld en elf twaalf dertien veertien vijftien",
        "de wedstrijd eindigde in twee nul en daarna drie een voor de thuisploeg",
        "ze zit in kamer nul twee twaalf op de derde verdieping",
        "het kenteken weet ik niet maar de auto was rood en had twee deuren",
        "politie zonder spoed bel je nul negen nul nul achtentachtig vierenveertig",
    ],
)
def test_counting_times_and_help_lines_read_out_stay(text: str) -> None:
    assert not {
        v: lab for v, lab in found(text).items() if lab not in (Label.LEEFTIJD, Label.NAAM)
    }, found(text)


def test_spoken_digits_reads_groups_and_hundreds() -> None:
    assert spoken_digits("nul") == "0"
    assert spoken_digits("vijfenveertig") == "45"
    assert spoken_digits("tien") == "10"
    assert spoken_digits("vierhonderdzesenvijftig") == "456"
    assert spoken_digits("punt") is None


# --- international formats ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("His cell is (503) 555-0187, call after six.", "(503) 555-0187"),
        ("Office 503-555-0187 or the front desk.", "503-555-0187"),
        ("Call me at 503.555.0187 please.", "503.555.0187"),
        ("Tel: 00 44 20 7946 0958.", "00 44 20 7946 0958"),
    ],
)
def test_international_numbers_without_a_plus_are_found(text: str, value: str) -> None:
    assert found(text).get(value) is Label.TELEFOON, found(text)


def test_a_second_iban_after_the_first_is_found() -> None:
    """The IBAN pattern swallowed the words after the first IBAN, and with them the start
    of the second one."""
    text = "IBAN BE71 0961 2345 6769 en rekening GB29 NWBK 6016 1331 9268 19."
    result = found(text)
    assert result.get("BE71 0961 2345 6769") is Label.IBAN
    assert result.get("GB29 NWBK 6016 1331 9268 19") is Label.IBAN


def test_bsn_nummer_with_a_hyphen_announces_a_bsn() -> None:
    assert found("Het bsn-nummer 123 45 678 9 klopt niet.").get("123 45 678 9") is Label.BSN


# --- case numbers: their own letters and groups of digits --------------------------------


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Vreemdelingennummer: V 1234 567 890.", "V 1234 567 890"),
        ("registratienummer DJI 0012345 in de PI.", "DJI 0012345"),
        ("Lidnummer KNVB 0558812 staat op de pas.", "KNVB 0558812"),
        ("Het studentnummer is 4521 873 en verder niets.", "4521 873"),
    ],
)
def test_a_case_number_keeps_its_letters_and_groups(text: str, value: str) -> None:
    assert found(text).get(value) is Label.NUMMER, found(text)


def test_an_article_before_nummer_is_no_field_name() -> None:
    """ "het nummer van de zaak is ...": "het" was taken for the field's name and the
    number was skipped like a phone's or a house's."""
    assert found("Het nummer van de zaak is 2025/4412.").get("2025/4412") is Label.NUMMER
    assert not found("Bel het nummer 0800-2000 of het nummer 112 als het spoed is.")
    assert not found("Dat nummer 2024 was een hit, en het nummer 3 van de lijst.")


def test_a_field_word_before_the_number_stays_outside() -> None:
    result = found("Case-ID 7744123 en klantnummer: 5512 3344.")
    assert result.get("7744123") is Label.NUMMER
    assert "5512 3344" in result


@pytest.mark.parametrize(
    "text",
    [
        "Bel de Kindertelefoon 0800-0432 of 0800-2000, en in nood 112.",
        "Politie zonder spoed: 0900-8844.",
    ],
)
def test_help_lines_stay(text: str) -> None:
    assert not found(text), found(text)
