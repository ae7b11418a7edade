"""Issue 10, round 13c: ages (LEEFTIJD) in the registers of bl12 (chats, grooming and
online abuse, asylum seekers, LVB day reports, vechtscheidingen). Causes: an age after "is"
followed by a chat's hedge ("hij is pas 4 ofzo"), an age in a clause whose verb comes last
("dat hij 16 was"), an age someone claims ("die zegt 16 te zijn"), a birthday to come in a
relative clause ("die volgende week vijf wordt"), initials that stand for a name in brackets
("Moeder (J., 19)"), a person word in quotes ('een "vriendje" van 22'), "14j", and "de oudste
van 9" as a subject. And what must stay out: durations of a stay ("zijn 2 jr uit elkaar",
"woont 4 jaar in de opvang"), a group's range ("tussen 12 en 14 jaar"), days in brackets
("het huisverbod (10 dagen)"), numbered things ("het huisnummer is 14"), counts.

Every sentence here was written for these tests; none is taken from a tuning or blind text.
"""

from __future__ import annotations

import pytest

from privacy.engine import scan
from privacy.findings import Label


def _ages(text: str) -> list[str]:
    return sorted(f.text for f in scan(text) if f.label is Label.LEEFTIJD)


# --- an age after "is" with a chat's hedge after it ------------------------------------------


@pytest.mark.parametrize(
    ("text", "ages"),
    [
        ("[20:14] mariska: die jongen is pas 13 ofzo", ["13"]),
        ("[09:02] jeroen: ze is 15 of zo, zit nog op school", ["15"]),
        ("[22:10] sanne: zijn dochter is 11 denk ik", ["11"]),
        ("hij is 16 geloof ik, misschien ouder", ["16"]),
        ("die is 12 hoor, echt nog een kind", ["12"]),
        ("ze is al 14 toch? dan mag dat niet", ["14"]),
        ("[19:02] fam el amrani: mijn neefje is 9 ofzo en hij zit de hele dag op tiktok", ["9"]),
        ("[19:03] rob: die jongen van hiernaast is 17 denk ik", ["17"]),
        ("ze is 14 of 15, weet ik niet precies", ["14", "15"]),
        ("haar broertje is pas 6 ofzo", ["6"]),
    ],
)
def test_hedged_age_after_is(text: str, ages: list[str]) -> None:
    assert _ages(text) == ages


@pytest.mark.parametrize(
    "text",
    [
        "het is 10 uur ofzo",
        "het is 3 keer gebeurd denk ik",
        "dat is 25 euro hoor",
        "Het is 12 graden geloof ik",
        "de score is 7 of zo",
        "het aantal is 15 ofzo",
        "we zijn 6 ofzo",
        "Hij is 10 minuten te laat ofzo",
        "Lijn 4 is 10 ofzo",
        "Kamer 12 is vrij denk ik.",
        "Het zijn er 14 ofzo",
        "Het kost 15 ofzo",
    ],
)
def test_hedged_number_that_is_no_age(text: str) -> None:
    assert _ages(text) == []


# --- the age in a clause whose verb comes last -------------------------------------------------


@pytest.mark.parametrize(
    ("text", "ages"),
    [
        ("Ze vertelde dat hij 16 was en op de havo zat.", ["16"]),
        ("Hij beweerde dat hij 17 is, maar hij is volwassen.", ["17"]),
        ("Omdat ze pas 13 is, hebben we Veilig Thuis gebeld.", ["13"]),
        ("terwijl ze nog maar 12 was", ["12"]),
        ("Hij zei dat ze 18 was, maar ze is 14.", ["14", "18"]),
        ("als je 15 bent mag je nog niet op die site", ["15"]),
        ("ik wist niet dat ze pas 13 was", ["13"]),
        ("Begeleider: Kevin wist niet dat zijn vriendin pas 15 was.", ["15"]),
        ("Ze zegt dat haar dochter pas 13 is.", ["13"]),
        ("omdat hij 14 jaar is mag hij niet werken", ["14 jaar"]),
        ("sinds ze 12 is gaat het mis", ["12"]),
        ("tot hij 18 is blijft de ondertoezichtstelling", ["18"]),
        ("zolang ze 17 is beslist moeder mee", ["17"]),
    ],
)
def test_age_in_a_clause(text: str, ages: list[str]) -> None:
    assert _ages(text) == ages


@pytest.mark.parametrize(
    "text",
    [
        "ik denk dat het 20 minuten was",
        "omdat het 5 uur was gingen we naar huis",
        "dat ze 3 kinderen heeft",
        "als het 8 uur is bellen we",
        "dat we 4 waren",
        "Hij zei dat het 3 keer was gebeurd.",
        "Ik weet niet of het 50 euro was.",
        "sinds ze 2 keer is gebeld",
        "tot ze 18 uur thuis is",
        "nadat ze 3 dagen weg was",
        "zolang hij 2 banen heeft",
    ],
)
def test_clause_number_that_is_no_age(text: str) -> None:
    assert _ages(text) == []


# --- the age someone claims --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "ages"),
    [
        ("Op Instagram zei de man 17 te zijn.", ["17"]),
        ("die zegt 15 te zijn", ["15"]),
        ("Hij chatte met een man die beweerde 16 te zijn.", ["16"]),
        ("Op Snapchat zei ze tegen hem 18 te zijn.", ["18"]),
        ("Hij gaf aan 19 jaar te zijn.", ["19 jaar"]),
    ],
)
def test_claimed_age(text: str, ages: list[str]) -> None:
    assert _ages(text) == ages


@pytest.mark.parametrize("text", ["Ze zegt 300 euro te hebben.", "Hij zegt 3 keer te zijn gebeld."])
def test_claimed_number_that_is_no_age(text: str) -> None:
    assert _ages(text) == []


# --- a birthday to come in a relative clause ---------------------------------------------------


@pytest.mark.parametrize(
    ("text", "ages"),
    [
        ("Voor Joep, die volgende maand acht wordt, had ze een taart.", ["acht"]),
        ("Noah, die in april zes wordt, blijft bij moeder.", ["zes"]),
        ("Zijn zoon, die morgen 18 wordt, mag zelf kiezen.", ["18"]),
        ("Tamar, die binnenkort 18 wordt, krijgt een bewindvoerder.", ["18"]),
    ],
)
def test_birthday_in_relative_clause(text: str, ages: list[str]) -> None:
    assert _ages(text) == ages


def test_relative_clause_with_days_is_no_age() -> None:
    assert _ages("Hij belde de buurman, die volgende week 3 dagen weg is.") == []


@pytest.mark.parametrize(
    ("text", "ages"),
    [("ze werd 14 vorige maand", ["14"]), ("hij wordt 18 volgende week", ["18"])],
)
def test_birthday_after_the_age(text: str, ages: list[str]) -> None:
    assert _ages(text) == ages


@pytest.mark.parametrize(
    "text",
    [
        "Het was 14 graden vorige week.",
        "Hij werd 3 keer gebeld gisteren.",
        "De stand was 2 gisteren.",
        "Het bedrag was 14 vorige maand.",
    ],
)
def test_number_before_a_time_is_no_age(text: str) -> None:
    assert _ages(text) == []


# --- initials in brackets, the age first in brackets -------------------------------------------


@pytest.mark.parametrize(
    ("text", "ages"),
    [
        ("Vader (K., 41) kwam niet opdagen.", ["41"]),
        ("Het meisje (S., 13) vertelde het aan haar mentor.", ["13"]),
        ("De jongen (R, 16) heeft de foto's verspreid.", ["16"]),
        ("cliënt (A.B., 22) woont begeleid.", ["22"]),
        ("Moeder (L.M., 27) en vader (D., 31) hebben gedeeld gezag.", ["27", "31"]),
        ("De cliënt (T., 34) heeft een licht verstandelijke beperking.", ["34"]),
        ("Mohammed (17, alleenstaande minderjarige) woont in de woonunit.", ["17"]),
    ],
)
def test_initials_and_age_in_brackets(text: str, ages: list[str]) -> None:
    assert _ages(text) == ages


@pytest.mark.parametrize(
    "text",
    [
        "Zie de tabel (A, 3) in de bijlage.",
        "zie bijlage (B, 2)",
        "Zie artikel 7 (2, eerste lid).",
        "Bijlage (3, zie boven)",
        "Het huisverbod (10 dagen) werd verlengd.",
    ],
)
def test_brackets_without_age(text: str) -> None:
    assert _ages(text) == []


# --- a person word in quotes, "14j", "de oudste van 9" -----------------------------------------


@pytest.mark.parametrize(
    ("text", "ages"),
    [
        ('Ze heeft een "vriendje" van 19 dat haar ophaalt.', ["19"]),
        ("Ze chat met een 'vriend' van 23 die ze nooit zag.", ["23"]),
        ("ze is 14j", ["14j"]),
        ("de oudste van 9 gaat naar de middelbare", ["9"]),
        ("ze heeft 3 kids, de oudste van 12 zit op het vmbo", ["12"]),
        ("de jongste van 3 slaapt nog bij moeder", ["3"]),
    ],
)
def test_quoted_person_word_short_unit_and_eldest(text: str, ages: list[str]) -> None:
    assert _ages(text) == ages


@pytest.mark.parametrize(
    "text",
    [
        "Ze is de oudste van drie.",
        "Hij was de jongste van 4, de anderen zijn al uit huis.",
        "Als de oudste van 5 moest hij veel doen.",
        "Ze is de oudste van 3 en zorgt voor iedereen.",
        "de oudste van 3 kinderen",
        "De jongste van vier gaat als eerste naar huis.",
        "De oudste van 3 is het meest zorgzaam.",
    ],
)
def test_eldest_of_a_count_is_no_age(text: str) -> None:
    assert _ages(text) == []


# --- durations, ranges and numbered things stay out --------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Hij zei dat hij 3 jaar in de cel heeft gezeten.",
        "Ze zijn 2 jr uit elkaar en de kinderen wonen bij moeder.",
        "Ouders zijn drie jaar gescheiden.",
        "Hij is 2 jaar in Nederland en spreekt al goed Nederlands.",
        "Ze woont 4 jaar in de opvang.",
        "Ze zitten 3 jaar in het azc.",
        "Hij zat 2 jaar in de jeugdinrichting.",
        "Meisjes tussen 12 en 14 jaar worden vaak benaderd.",
        "kinderen tussen de 4 en 12 jaar",
        "De bewindvoering loopt 2 jaar.",
        "Het bewind duurt 5 jaar.",
        "Ze is 14 weken zwanger.",
        "Ze zit 2 jaar bij ons op de dagbesteding.",
        "Het huisnummer is 14.",
        "De score is 7.",
        "Haar cijfer was 6, zijn cijfer 8.",
        "Ze zit in groep 7 en hij in groep 5.",
        "Moeder heeft 2 kinderen en 1 hond.",
        "Omdat ze 3 weken ziek is geweest, is ze achter.",
        "Ze was 6 weken in het ziekenhuis.",
        "Het is 3 weken stil geweest.",
        "Hij is 4 maanden bij ons op de groep.",
        "Ze is 3 weken opgenomen geweest.",
    ],
)
def test_durations_ranges_and_numbers_are_no_age(text: str) -> None:
    assert _ages(text) == []


@pytest.mark.parametrize(
    ("text", "ages"),
    [
        ("Vorige week was ze 13.", ["13"]),
        ("Een jongen van 16 jaar woont in de opvang.", ["16 jaar"]),
        ("De baby (4 dagen) werd opgenomen.", ["4"]),
        ("Yonas (16 jaar) kwam via Ter Apel.", ["16 jaar"]),
        ("meisje van veertien werd bedreigd", ["veertien"]),
        ("De baby is 9 weken.", ["9 weken"]),
        ("Een baby van 6 weken opgenomen met koorts.", ["6 weken"]),
        ("Kraamzorg: Noor (2 weken) drinkt goed.", ["2 weken"]),
    ],
)
def test_ages_that_stay(text: str, ages: list[str]) -> None:
    assert _ages(text) == ages
