"""The own detectors, one behaviour each, without deduce (fast)."""

from __future__ import annotations

import pytest

from privacy.detectors.ages import find_ages
from privacy.detectors.dates import find_dates
from privacy.detectors.identifiers import (
    find_bsn,
    find_case_numbers,
    find_emails,
    find_handles,
    find_iban,
    find_phones,
    find_plates,
    find_postcodes,
    find_urls,
)
from privacy.detectors.institutions import find_institutions, find_schools
from privacy.detectors.names import find_lowercase_names, find_role_names
from privacy.detectors.places import find_places, find_streets
from privacy.engine import Engine
from privacy.findings import Label


def texts(findings) -> list[str]:
    return [f.text for f in findings]


@pytest.mark.parametrize("value", ["628194821", "385.280.841", "111222333"])
def test_bsn_with_valid_11_proef_is_found(value: str) -> None:
    assert texts(find_bsn(f"nummer {value} staat")) == [value]


def test_nine_digits_failing_the_11_proef_are_not_a_bsn() -> None:
    assert texts(find_bsn("ordernummer 123456789 is binnen")) == []


def test_any_number_after_bsn_is_a_bsn() -> None:
    assert texts(find_bsn("BSN: 123456789")) == ["123456789"]


@pytest.mark.parametrize(
    "value", ["NL88 RABO 8735 5706 36", "NL72ABNA0607104319", "NL43SNSB 5545 9045 44"]
)
def test_iban_is_found(value: str) -> None:
    assert texts(find_iban(f"rekening {value}.")) == [value]


def test_foreign_iban_needs_a_valid_checksum() -> None:
    assert texts(find_iban("DE89 3704 0044 0532 0130 00 en DE00 3704 0044 0532 0130 00")) == [
        "DE89 3704 0044 0532 0130 00"
    ]


@pytest.mark.parametrize(
    "value",
    [
        "06-41873265",
        "06 21 93 47 80",
        "+31 6 1834 7720",
        "(010) 521 37 86",
        "06 - 38 29 10 47",
        "0612907753",
        "+31612345690",
        "0031 6 4433 2211",
        "010 - 713 00 55",
        "+31 (0)10 - 266 44 19",
        "010-5214488",
    ],
)
def test_dutch_phone_numbers_are_found(value: str) -> None:
    assert texts(find_phones(f"bel {value} vandaag")) == [value]


@pytest.mark.parametrize("value", ["0800-2000", "0800 2000", "112", "0800-0432", "0900-8844"])
def test_public_help_lines_are_not_redacted(value: str) -> None:
    assert texts(find_phones(f"Bel {value} voor hulp.")) == []


def test_a_date_is_not_a_phone_number() -> None:
    assert texts(find_phones("geboren 05-11-1978 in Delft")) == []


@pytest.mark.parametrize("value", ["GV-123-B", "52-XKT-9", "8-KLP-34", "HX-412-T", "BX-LK-12"])
def test_licence_plates_in_side_codes_are_found(value: str) -> None:
    assert texts(find_plates(f"kenteken {value} gezien")) == [value]


def test_plate_without_dashes_needs_the_word_kenteken() -> None:
    assert texts(find_plates("kenteken hx 412 t")) == ["hx 412 t"]
    assert texts(find_plates("hx 412 t")) == []


@pytest.mark.parametrize("value", ["2651 CX", "2652AK", "3132kd"])
def test_postcodes_are_found(value: str) -> None:
    assert texts(find_postcodes(f"postcode {value} Berkel")) == [value]


def test_measures_and_years_are_not_postcodes() -> None:
    assert texts(find_postcodes("1000 mg per dag in 2024 en 2019")) == []


def test_email_url_and_handles() -> None:
    text = "Mail j.jansen1985@hotmail.com, zie www.waarheid-over-lisa.nl of @kev.rdam010."
    assert texts(find_emails(text)) == ["j.jansen1985@hotmail.com"]
    assert texts(find_urls(text)) == ["www.waarheid-over-lisa.nl"]
    # the "@" stays outside the name, as the blind writers mark it
    assert texts(find_handles(text)) == ["kev.rdam010"]


def test_case_numbers_but_not_year_ranges() -> None:
    text = "Dossier KW-2024-00417, zaaknummer 2024-118734; de Regiovisie 2024-2027."
    assert texts(find_case_numbers(text)) == ["KW-2024-00417", "2024-118734"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Op 14 februari belde ze.", ["14 februari"]),
        ("Gesprek op maandag 6 mei.", ["maandag 6 mei"]),
        ("Geboren 12-03-1961.", ["12-03-1961"]),
        ("Evaluatie op 15-7 met school.", ["15-7"]),
        ("In maart en april is het rustig.", []),
        ("Veilig Thuis is 24/7 bereikbaar.", []),
    ],
)
def test_dates(text: str, expected: list[str]) -> None:
    assert texts(find_dates(text)) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("de 8-jarige Fenna", ["8-jarige"]),
        ("een vijfjarige uit groep 2", ["vijfjarige"]),
        ("Ik was acht jaar oud toen", ["acht jaar oud"]),
        ("Noah (8) en Mila (5)", ["8", "5"]),
        ("Ze is pas veertien.", ["veertien"]),
        ("een meisje van twaalf genaamd Noor", ["twaalf"]),
        ("op mijn 15e", ["15e"]),
        ("Twee kinderen, 4 en 7, sliepen", ["4", "7"]),
        ("Ik werk al twaalf jaar in dit vak.", []),
        ("Twintig jaar lang was ik getrouwd.", []),
        ("Signalen bij kinderen van 0 tot 4 jaar", []),
        ("moeder van drie kinderen", []),
        ("stap 1, 2, 3 van de Meldcode", []),
    ],
)
def test_ages(text: str, expected: list[str]) -> None:
    assert sorted(texts(find_ages(text))) == sorted(expected)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Noah zit in groep 5 van De Regenboog.", "De Regenboog"),
        ("De oudste zitten op basisschool De Fontein.", "basisschool De Fontein"),
        ("Hij gaat naar BSO De Boomhut.", "BSO De Boomhut"),
        # the article before a school named after a person or with its own type word is
        # grammar, not the name (round 9b); "op de Regenboog" keeps it
        ("Ze zit op het Einstein Lyceum in Hoogvliet.", "Einstein Lyceum"),
        ("Hij zat op de Sint-Jozefschool.", "Sint-Jozefschool"),
        ("de kinderen gaan naar kdv ukkepuk", "kdv ukkepuk"),
    ],
)
def test_schools(text: str, expected: str) -> None:
    assert expected in texts(find_schools(text))


def test_institutions() -> None:
    text = "Ze werkt bij Coolblue en is patiënt bij Huisartsenpraktijk De Linde."
    assert set(texts(find_institutions(text))) == {"Huisartsenpraktijk De Linde", "Coolblue"}


def test_streets_also_split_over_a_line() -> None:
    text = "verhuisd naar de Graaf\nFlorisstraat 88-C en daarvoor Tochtstraat\n19."
    assert texts(find_streets(text)) == ["Graaf\nFlorisstraat 88-C", "Tochtstraat\n19"]


def test_places_lowercase_and_neighbourhoods() -> None:
    text = "ze wonen in vlaardingen, eerder in de wijk Ommoord"
    assert {"vlaardingen", "Ommoord"} <= set(texts(find_places(text)))


def test_names_after_role_words_and_in_lowercase() -> None:
    assert "Dmytro" in texts(find_role_names("Haar man Dmytro regelt alles."))
    assert texts(find_lowercase_names("mijn broertje jordy kreeg klappen")) == ["jordy"]


def test_engine_without_deduce_keeps_domain_words() -> None:
    engine = Engine(use_deduce=False)
    text = "Stap 3 van de Meldcode: moeder belt Veilig Thuis (0800-2000) of 112."
    assert engine.scan(text) == []


def test_engine_without_deduce_propagates_a_name() -> None:
    engine = Engine(use_deduce=False)
    found = engine.scan("Haar man Dmytro regelt alles. Dmytro neemt de post.")
    assert [f.text for f in found if f.label is Label.NAAM] == ["Dmytro", "Dmytro"]
