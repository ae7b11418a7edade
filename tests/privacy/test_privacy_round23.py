"""Issue 10, round 23: bl14's tuning half (forms, JGZ notes, faith communities, lawyers).

Classes of bl14's tuning half that any text of their register produces, each checked with
sentences written for these tests (none is taken from a tuning text):

- (a) a day and month without a year that a clock time follows ("3/9 08:12" in a chat
  export, "Volgende afspraak: 21-03, 9.30 uur") or that open a line as a dated entry
  ("11-10, avonddienst:"), as day reports and chat logs date their lines (bl13 and bl14);
- (b) a child's age in months as JGZ notes and forms write it: a vaccination named by the
  age ("de vaccinaties van 9 maanden gemist") and the age right after the date of birth
  ("geb. 12-01-2025, 4 maanden");
- (c) initials alone in a form's field for them or for a signature ("Voorletters: A.B.",
  "Handtekening ouder: K.M.");
- (d) a faith leader's title opening a line or a chat turn ("Imam Yildiz", "Pastor
  Mensah") is no part of the name;
- (e) a law firm named by its partners ("Van Houten & Bakker Advocaten") and a mediator's
  practice with its own name ("Mediationpraktijk De Linde") are one institution;
- (f) a capitalised particle opens the surname after a title's abbreviation ("mr. De
  Boer-Smits": its full stop ends no sentence) and "El" before an Arabic surname ("El
  Ouali").

The guards pass before and after.
"""

from __future__ import annotations

import pytest

from privacy.engine import scan
from privacy.findings import Label


def _texts(text: str, label: Label) -> set[str]:
    return {f.text for f in scan(text) if f.label is label}


# --- (a) a day and month before a clock time or opening a dated line ---------------------


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("Chat met mevrouw\n3/9 08:12\nIk ben bang vandaag.", "3/9"),
        ("Volgende afspraak: 21-03, 9.30 uur bij de bedrijfsarts.", "21-03"),
        ("Verslag\n11-10, avonddienst: rustige avond, mevrouw sliep vroeg.", "11-10"),
        ("Dagrapport\n22-4: moeder huilde bij de overdracht.", "22-4"),
    ],
)
def test_day_month_with_a_time_or_opening_a_line(text: str, date: str) -> None:
    assert date in _texts(text, Label.DATUM)


@pytest.mark.parametrize(
    "text",
    [
        "Hij zit in groep 1-2, bij juf Anne.",
        "Ze sport 1-2 keer per week.",
        "De uitslag was 3-1 voor de thuisploeg.",
    ],
)
def test_day_month_guards(text: str) -> None:
    assert not _texts(text, Label.DATUM)


# --- (b) ages in months in JGZ notes and forms -------------------------------------------


@pytest.mark.parametrize(
    ("text", "age"),
    [
        ("De vaccinaties van 9 maanden zijn niet gegeven.", "9 maanden"),
        ("- inenting van 14 maanden (BMR) uitgesteld", "14 maanden"),
        ("Kind: Noor de Graaf, geb. 12-01-2025, 4 maanden", "4 maanden"),
        ("Zoon: Ilias, geboren 3 maart 2024, 15 mnd.", "15 mnd"),
    ],
)
def test_age_in_months_in_jgz_notes(text: str, age: str) -> None:
    assert age in _texts(text, Label.LEEFTIJD)


def test_a_vaccination_long_ago_is_no_age() -> None:
    assert not _texts("De prik van 2 weken geleden deed pijn.", Label.LEEFTIJD)


# --- (c) initials in a form's field -------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "initials"),
    [
        ("Achternaam: De Boer        Voorletters: A.B.     Roepnaam: Anna", "A.B."),
        ("Handtekening ouder: K.M.\nDatum: 3 maart 2025", "K.M."),
        ("Ondertekend: P.J.R. / T. de Wit", "P.J.R."),
        ("Akkoord cliënt: H.E.\n", "H.E."),
    ],
)
def test_initials_in_a_form_field(text: str, initials: str) -> None:
    assert initials in _texts(text, Label.NAAM)


def test_initials_with_a_surname_stay_one_name() -> None:
    names = _texts("Handtekening: A.B. Jansen", Label.NAAM)
    assert "A.B." not in names


# --- (d) a faith leader's title ------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Imam Yildiz heeft de vader thuis bezocht en hem gewaarschuwd.", "Yildiz"),
        ("21-03-25 19:02 - Pastor Mensah: We bidden voor haar.", "Mensah"),
    ],
)
def test_faith_title_is_no_part_of_the_name(text: str, name: str) -> None:
    names = _texts(text, Label.NAAM)
    assert name in names
    assert not any(n.lower().startswith(("imam", "pastor")) for n in names)


# --- (e) law firms and mediators' practices -------------------------------------------------


@pytest.mark.parametrize(
    ("text", "firm"),
    [
        ("Van Houten & Bakker Advocaten\nT.a.v. de griffie", "Van Houten & Bakker Advocaten"),
        ("Ouders zijn verwezen naar Mediationpraktijk De Linde.", "Mediationpraktijk De Linde"),
    ],
)
def test_law_firms_and_practices(text: str, firm: str) -> None:
    assert firm in _texts(text, Label.INSTELLING)


# --- (f) a capitalised particle after a title's abbreviation or before an Arabic surname ----


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("De ouders zijn verwezen naar mr. Yilmaz en mr. De Boer-Smits.", "De Boer-Smits"),
        ("Betreft: Hendriks / El Ouali - omgangsregeling", "El Ouali"),
        ("De advocaat van moeder, mr. De Graaf-Veenstra, reageert niet.", "De Graaf-Veenstra"),
    ],
)
def test_capitalised_particle_opens_the_surname(text: str, name: str) -> None:
    assert name in _texts(text, Label.NAAM)
