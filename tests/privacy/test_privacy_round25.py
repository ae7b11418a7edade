"""Issue 10, round 25: bl15's tuning half (news, 112 notes, diaries, transcripts, letters).

Classes of the registers bl15 added, each checked with sentences written for these tests
(none is taken from a tuning text):

- (a) news and court reports write a person as a first name and the surname's initial,
  with its particle and an age in brackets ("Kevin van der B. (29)", "Ahmet Ö."), and later
  the initial alone ("B. zweeg", "Van der B. ontkent");
- (b) ages as spoken and written in diaries ("ik ben 42 nu", "hij is 14 net als ik", "zij
  was ook ooit 13"), a child's fraction ("Lieke (13 en 3/4)"), and the age after where a
  news report's person lives ("Johanna Bakker uit Barendrecht, 82.");
- (c) a transcript's speaker in capitals ("MARLEEN: ..."), a name spelled out
  ("Y-O-N-A-S");
- (d) a greeting in another language before a name ("Hej Kacper,"), and a lowercase first
  name after the conjunction "dat" ("ik hoop dat noor morgen ...");
- (e) a note's abbreviation opening a sentence is no name ("Vlgs. buren ...", "Echtg.").
"""

from __future__ import annotations

import pytest

from privacy.engine import scan
from privacy.findings import Label


def _names(text: str) -> list[str]:
    return [f.text for f in scan(text) if f.label is Label.NAAM]


def _ages(text: str) -> list[str]:
    return [f.text for f in scan(text) if f.label is Label.LEEFTIJD]


# --- (a) a first name and the surname's initial, and the initial alone ----------------------


@pytest.mark.parametrize(
    ("text", "names"),
    [
        (
            "De rechtbank veroordeelde Mohamed B. (34) uit Spijkenisse. B. moet ook een "
            "taakstraf doen.",
            ["Mohamed B.", "B."],
        ),
        (
            "Kevin van der B. sloeg zijn vriendin. Volgens de officier had Van der B. een "
            "lange geschiedenis van geweld.",
            ["Kevin van der B.", "Van der B."],
        ),
        ("Ahmet Ö. (39) uit Schiedam is veroordeeld. Ö. sloeg zijn vrouw.", ["Ahmet Ö.", "Ö."]),
        (
            "Het slachtoffer, Rayan el A. (19), raakte gewond. De verdachte liep op El A. af.",
            ["Rayan el A.", "El A."],
        ),
        (
            "Getuigen zagen hoe Milan S. wegrende. Zijn advocaat zei dat S. onschuldig is.",
            ["Milan S.", "S."],
        ),
        ("Tegen Patrick de J. uit Capelle werd vijf jaar geëist.", ["Patrick de J."]),
        ("Partner Yusuf Ç., 33, is aangehouden.", ["Yusuf Ç."]),
    ],
)
def test_news_names_keep_the_surname_initial_and_repeat_it(text: str, names: list[str]) -> None:
    assert _names(text) == names


def test_news_age_after_the_initial() -> None:
    assert _ages("Partner Yusuf Ç., 33, is aangehouden.") == ["33"]


def test_a_letter_is_no_initial_without_a_name_written_so() -> None:
    assert _names("Zie bijlage B. voor de cijfers. B. is de tweede bijlage.") == []


def test_initials_of_another_name_stay_one_name() -> None:
    names = _names("Mohamed B. werd veroordeeld. Rechter J. B. de Vries las het vonnis voor.")
    assert "Mohamed B." in names
    assert "B." not in names


# --- (b) ages ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "ages"),
    [
        ("Ja, dat klopt. Ik ben eh, ik ben 42 nu, ik kom van Curaçao.", ["42"]),
        ("In mijn klas zit een jongen uit Syrië, hij is 14 net als ik.", ["14"]),
        ("Mama was ook ooit 13, dat zegt ze steeds.", ["13"]),
        ("Ze is pas 12 maar ze gedraagt zich veel ouder.", ["12"]),
        ("Doei,\nLieke (13 en 3/4)", ["13"]),
        ("Een van hen is Johanna Bakker uit Barendrecht, 82.", ["82"]),
    ],
)
def test_spoken_and_diary_ages(text: str, ages: list[str]) -> None:
    assert _ages(text) == ages


@pytest.mark.parametrize(
    "text",
    [
        "Het is 12 maar het voelt als 8 graden.",
        "De score is 3 maar we winnen nog.",
        "We zijn 4 nu, met de baby erbij.",
        "Ik ben 5 minuten te laat.",
        "Ingrid uit Vlaardingen, 3 keer gebeld.",
    ],
)
def test_numbers_that_are_no_ages(text: str) -> None:
    assert _ages(text) == []


# --- (c) transcripts ---------------------------------------------------------------------------


def test_a_speaker_in_capitals_is_a_name() -> None:
    text = (
        "INTERVIEWER: Vertel eens.\n"
        "MARLEEN: Nou, eh... ik werkte toen in een winkel.\n"
        "INTERVIEWER: En daarna?\n"
        "SANDER (partner): Mag ik ook wat zeggen?\n"
        "MARLEEN: Ja hoor.\n"
    )
    assert _names(text) == ["MARLEEN", "SANDER", "MARLEEN"]


@pytest.mark.parametrize("label", ["INTERVIEWER", "GAST", "HOST", "PRESENTATOR", "TOLK", "BSN"])
def test_a_role_in_capitals_is_no_name(label: str) -> None:
    assert _names(f"{label}: welkom terug, we gaan verder.\n") == []


@pytest.mark.parametrize(
    ("text", "spelled"),
    [
        ("Mijn naam is Tessa Wouters, T-E-S-S-A.", "T-E-S-S-A"),
        ("Ik ben Dewi, met een w. D-E-W-I.", "D-E-W-I"),
        ("De achternaam is Gebrehiwet, G-E-B-R-E-H-I-W-E-T.", "G-E-B-R-E-H-I-W-E-T"),
    ],
)
def test_a_spelled_name_is_a_name(text: str, spelled: str) -> None:
    assert spelled in _names(text)


def test_spelled_letters_that_are_no_name() -> None:
    assert _names("Het alfabet begint met A-B-C, daarna de X-Y-as en de kleur r-o-o-d.") == []


# --- (d) greetings and a name after "dat" ------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Hej Wojtek,\nik schrijf je in het Nederlands.", "Wojtek"),
        ("Cześć Kacper,\nhoe gaat het daar?", "Kacper"),
        ("Dear Amira,\nI miss you.", "Amira"),
        ("Merhaba Emre,\nhoe is het met oma?", "Emre"),
    ],
)
def test_a_greeting_is_no_part_of_the_name(text: str, name: str) -> None:
    assert _names(text) == [name]


def test_a_lowercase_first_name_after_the_conjunction_dat() -> None:
    text = "Fleur deed raar vandaag. Ik hoop dat fleur morgen weer normaal doet."
    assert _names(text) == ["Fleur", "fleur"]


def test_a_word_after_a_determiner_stays_the_word() -> None:
    assert _names("Roos deed raar vandaag. Ik kreeg die roos van oma.") == ["Roos"]


# --- (e) a note's abbreviations ----------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Vlgs. buren al 2 dagen niet gezien. Vlgs. dochter gebruikt pt. bloedverdunners.",
        "Pt. is bekend bij de HAP. Echtg. aanwezig bij de overdracht.",
    ],
)
def test_a_notes_abbreviation_is_no_name(text: str) -> None:
    assert _names(text) == []


def test_a_word_as_a_sentence_of_its_own_is_no_name() -> None:
    assert _names("HOST: Mooi. Dank je wel, Hanneke.\n") == ["Hanneke"]


def test_a_role_before_a_title_is_no_name() -> None:
    assert _names("Advocaat mr. Y. el Khatib wees op de spijt van zijn cliënt.") == ["Y. el Khatib"]


# --- (f) a news report's sentences, a municipality's letters ---------------------------------


@pytest.mark.parametrize(
    "text",
    ["Hij moet drie jaar de cel in.", "De verdachte blijft twee weken langer vast."],
)
def test_a_sentence_is_no_age(text: str) -> None:
    assert _ages(text) == []


def test_a_municipalitys_register_and_desks_are_no_names() -> None:
    text = (
        "Gemeente Rotterdam, Publiekszaken - team Adresonderzoek\n"
        "Betreft: uw inschrijving in de Basisregistratie Personen (BRP)\n\n"
        "In de BRP staan op dit adres zeven personen ingeschreven."
    )
    assert _names(text) == []


# --- (g) a law firm named after its partners ---------------------------------------------------


@pytest.mark.parametrize(
    ("text", "name", "firm"),
    [
        (
            "Verwezen naar mr. R. Amrani van Amrani & Partners voor een kort geding.",
            "R. Amrani",
            "Amrani & Partners",
        ),
        (
            "Zijn advocaat, mr. T. de Boer van De Boer & Kaya Advocaten, vroeg om uitstel.",
            "T. de Boer",
            "De Boer & Kaya Advocaten",
        ),
    ],
)
def test_a_law_firm_is_one_institution_and_ends_the_lawyers_name(
    text: str, name: str, firm: str
) -> None:
    found = scan(text)
    assert [f.text for f in found if f.label is Label.NAAM] == [name]
    assert [f.text for f in found if f.label is Label.INSTELLING] == [firm]


def test_two_names_joined_by_an_ampersand_stay_names() -> None:
    assert _names("Sanne & Daan kwamen gisteren langs.") == ["Sanne", "Daan"]
