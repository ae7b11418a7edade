"""Dates in the ways Dutch professionals write them.

``14 februari``, ``maandag 6 mei``, ``3 oktober 2023``, ``12-03-1961``, ``15-7``, ``7/11``,
``2024-03-02``. A month name on its own ("in maart") is not a date and stays.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from privacy.detectors.spans import distinct
from privacy.fast import finditer_at, finditer_words, first_words, folded, keyword_pattern
from privacy.findings import Finding, Label

_MONTHS = (
    "januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december"
    "|jan|feb|febr|mrt|apr|jun|jul|aug|sep|sept|okt|nov|dec"
)
_WEEKDAYS = "maandag|dinsdag|woensdag|donderdag|vrijdag|zaterdag|zondag|ma|di|wo|do|vr|za|zo"
# "zondagavond 9 februari", "Woensdagochtend 12 februari": the weekday with its part of the
# day is the date's weekday
_WEEKDAYS_WITH_PART = (
    "(?:maandag|dinsdag|woensdag|donderdag|vrijdag|zaterdag|zondag)"
    "(?:ochtend|morgen|middag|avond|nacht)|" + _WEEKDAYS
)
_DAY = r"(?:0?[1-9]|[12]\d|3[01])"
_MONTH_NUM = r"(?:0?[1-9]|1[0-2])"
_YEAR = r"(?:(?:19|20)\d{2}|'\d{2})"

_WRITTEN = re.compile(
    # "12-14 maart": a range of days before the month is one date
    rf"(?<![\w-])(?:(?:{_WEEKDAYS_WITH_PART})\.?\s+)?(?:{_DAY}[ \t]*[-\u2013][ \t]*)?{_DAY}"
    r"(?:e|ste|de)?"
    rf"\s+(?:{_MONTHS})\b\.?"
    rf"(?:\s+{_YEAR}(?!\d))?",
    re.IGNORECASE,
)
# A month and a year ("oktober 2023", "sept. '19"): a date too; a month or year alone is not.
_MONTH_YEAR = re.compile(rf"(?<![\w-])(?:{_MONTHS})\.?\s+{_YEAR}(?!\d)", re.IGNORECASE)
_NUMERIC = re.compile(
    rf"(?<![\w/.-]){_DAY}([-/.]){_MONTH_NUM}\1(?:(?:19|20)?\d{{2}})(?![\w/-])"
    rf"|(?<![\w/.-])(?:19|20)\d{{2}}([-/.]){_MONTH_NUM}\2{_DAY}(?![\w/-])"
)
# Day and month without a year are only a date after a word that introduces one:
# "op 15-7", "vanaf 7/11", "d.d. 3-4". "24/7" or "2/3 van de kinderen" stay.
_DAY_MONTH_WORDS = ("op", "per", "vanaf", "sinds", "tot", "t/m", "voor", "na", "om", "d.d.", "dd",
                    "datum", *_WEEKDAYS.split("|"))  # fmt: skip
_DAY_MONTH = re.compile(
    rf"(?:\b(?:op|per|vanaf|sinds|tot|t/m|voor|na|om|d\.d\.|dd|datum:?|(?P<weekday>{_WEEKDAYS})\.?)"
    r"\s+)"
    rf"(?P<date>(?:{_DAY})[-/](?:{_MONTH_NUM}))(?![\w/-])",
    re.IGNORECASE,
)

# Day and month without a year are a date where a clock time follows ("5/8 07:14" in a chat
# log, "Volgend gesprek: 17-02, 14.30 uur", "op 14-1 om 10.30") or where they open a line
# as a dated entry ("12-11, ochtendzorg (Esra):", "13-11: avondzorg"). Round 23: forms,
# day reports and chat exports date their lines this way. "Groep 1-2," and "JGZ 4-18" do
# not open a line; "1-2 keer per week" has neither a time nor a comma or colon after it.
_DAY_MONTH_TIMED = re.compile(
    rf"(?<![\w/.,:-])(?P<date>{_DAY}[-/]{_MONTH_NUM})(?![\w/.-])"
    r"(?=,?[ \t]+(?:om[ \t]+)?(?:[01]?\d|2[0-3])[:.][0-5]\d(?!\d)(?![.,]\d))"
    rf"|^(?P<entry>{_DAY}[-/]{_MONTH_NUM})(?=[ \t]*[,:](?!\d))",
    re.MULTILINE,
)

# Cheap tests first: a written date needs a month name, a numeric one a digit, a
# separator and a digit.
_HAS_MONTH = re.compile(rf"\s(?:{keyword_pattern(_MONTHS.split('|'))})\b")
_HAS_DIGIT_SEPARATOR = re.compile(r"\d[-/.]\d")
_DIGIT = re.compile(r"\d")  # where a numeric date can start
_DAY_MONTH_FIRST_WORDS = first_words(_DAY_MONTH_WORDS)


_WEEKDAY_BEFORE = re.compile(rf"(?<![\w-])(?i:{_WEEKDAYS_WITH_PART})\.?[ \t]+$")

# --- dates in English, as expat families and international schools write them ----------
# Capitalised month names only ("March 3rd", "6 June 2025", "June 5, 2025"): "march" and
# "may" in lowercase are verbs. "Jan" stays out (a first name).
_EN_MONTHS = (
    "January|February|March|April|May|June|July|August|September|October|November|December"
    "|Sept|Oct|Nov|Dec"
)
_EN_WEEKDAYS = "Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday"
_EN_DAY = rf"{_DAY}(?:st|nd|rd|th)?"
_EN_YEAR = r"(?:19|20)\d{2}(?!\d)"
_ENGLISH = re.compile(
    rf"(?<![\w-])(?:(?:{_EN_WEEKDAYS}),?[ \t]+)?"
    rf"(?:{_EN_DAY}[ \t]+(?:of[ \t]+)?(?:{_EN_MONTHS})\b\.?(?:,?[ \t]+{_EN_YEAR})?"
    rf"|(?:{_EN_MONTHS})\.?[ \t]+{_EN_DAY}(?![\w:.,]\d)\b(?:,?[ \t]+{_EN_YEAR})?"
    rf"|(?:{_EN_MONTHS})\.?,?[ \t]+{_EN_YEAR}"
    # abbreviated months only between a day and a year: "14 Mar 2025", not "Jan 5"
    rf"|{_EN_DAY}[ \t]+(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug)\.?[ \t]+{_EN_YEAR})"
)
_HAS_EN_MONTH = re.compile(rf"\b(?:{_EN_MONTHS}|Jan|Feb|Mar|Apr|Jun|Jul|Aug)\b")

# --- dates spoken in a dictated note: "dinsdag vijfentwintig maart", "donderdag de
# twaalfde", "drie juni tweeduizend twaalf" --------------------------------------------
_FULL_MONTHS = (
    "januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december"
)
_FULL_WEEKDAYS = "maandag|dinsdag|woensdag|donderdag|vrijdag|zaterdag|zondag"
_ORDINAL_WORDS = (
    "eerste|tweede|derde|vierde|vijfde|zesde|zevende|achtste|negende|tiende|elfde|twaalfde"
    "|dertiende|veertiende|vijftiende|zestiende|zeventiende|achttiende|negentiende"
    "|(?:(?:een|twee|drie|vier|vijf|zes|zeven|acht|negen)(?:ën|en))?twintigste"
    "|(?:eenen)?dertigste"
)
# two to thirty-one as words ("een maart" is too rare to risk "een april-grap")
_DAY_WORDS = (
    "(?:(?:een|twee|drie|vier|vijf|zes|zeven|acht|negen)(?:ën|en))?twintig|(?:eenen)?dertig"
    "|negentien|achttien|zeventien|zestien|vijftien|veertien|dertien|twaalf|elf|tien"
    "|twee|drie|vier|vijf|zes|zeven|acht|negen"
)
_YEAR_WORDS = (
    r"(?:tweeduizend|negentienhonderd)(?:[ \t]*(?:"
    + "|".join(
        [
            "(?:(?:een|twee|drie|vier|vijf|zes|zeven|acht|negen)(?:ën|en))?"
            "(?:twintig|dertig|veertig|vijftig|zestig|zeventig|tachtig|negentig)",
            "negentien|achttien|zeventien|zestien|vijftien|veertien|dertien|twaalf|elf|tien",
            "een|twee|drie|vier|vijf|zes|zeven|acht|negen",
        ]
    )
    + "))?"
)
_SPOKEN = re.compile(
    rf"(?<![\w-])(?:(?:{_FULL_WEEKDAYS})[ \t]+(?:de[ \t]+)?)?"
    rf"(?:{_ORDINAL_WORDS}|{_DAY_WORDS})[ \t]+(?:{_FULL_MONTHS})\b(?!-)"
    rf"(?:[ \t]+(?:{_YEAR_WORDS}|(?:19|20)\d{{2}}(?!\d)))?",
    re.IGNORECASE,
)
# a weekday and "de" with a day's ordinal: "donderdag de twaalfde", "op maandag de 3e";
# not "maandag de eerste keer", "zaterdag de tweede helft"
_WEEKDAY_ORDINAL = re.compile(
    rf"(?<![\w-])(?:{_FULL_WEEKDAYS})[ \t]+de[ \t]+(?:{_ORDINAL_WORDS}|{_DAY}(?:e|ste|de))\b"
    r"(?![ \t]+(?:keer|dag|dagen|week|weken|les|lessen|training|trainingen|sessie|afspraak"
    r"|ronde|wedstrijd|helft|plaats|paar|uur|groep|klas|maand|kwartaal|periode|poging|kind"
    r"|zoon|dochter|van[ \t]+(?:de|het|hun|haar|zijn)[ \t]+\w+[ \t]+(?!maand)\w))",
    re.IGNORECASE,
)
_UNIT_WORDS = ("een", "twee", "drie", "vier", "vijf", "zes", "zeven", "acht", "negen")
_SPOKEN_DAY_WORDS = {
    *_FULL_WEEKDAYS.split("|"),
    *[
        "eerste",
        "tweede",
        "derde",
        "vierde",
        "vijfde",
        "zesde",
        "zevende",
        "achtste",
        "negende",
        "tiende",
        "elfde",
        "twaalfde",
        "dertiende",
        "veertiende",
        "vijftiende",
        "zestiende",
        "zeventiende",
        "achttiende",
        "negentiende",
        "twintigste",
        "dertigste",
        "eenendertigste",
        "twintig",
        "dertig",
        "eenendertig",
        "negentien",
        "achttien",
        "zeventien",
        "zestien",
        "vijftien",
        "veertien",
        "dertien",
        "twaalf",
        "elf",
        "tien",
    ],
    *_UNIT_WORDS[1:],
    *(f"{u}{j}twintig{e}" for u in _UNIT_WORDS for j in ("en", "ën") for e in ("", "ste")),
}
_SPOKEN_FIRST_WORDS = first_words(_SPOKEN_DAY_WORDS)
_WEEKDAY_FIRST_WORDS = first_words(_FULL_WEEKDAYS.split("|"))


@distinct
def find_dates(text: str) -> Iterator[Finding]:
    """Every written or numeric date in ``text``."""
    if _HAS_MONTH.search(folded(text).text):
        for m in _WRITTEN.finditer(text):
            end = m.end()
            if text[end - 1] == ".":
                end -= 1  # "14 febr." keeps its dot, a sentence end does not matter
            yield Finding(m.start(), end, Label.DATUM, text[m.start() : end], "datum")
        for m in _MONTH_YEAR.finditer(text):
            yield Finding(m.start(), m.end(), Label.DATUM, m.group(0), "datum")
    if _HAS_EN_MONTH.search(text):
        for m in _ENGLISH.finditer(text):
            end = m.end() - (text[m.end() - 1] == ".")
            yield Finding(m.start(), end, Label.DATUM, text[m.start() : end], "datum")
    for pattern, words in (
        (_SPOKEN, _SPOKEN_FIRST_WORDS),
        (_WEEKDAY_ORDINAL, _WEEKDAY_FIRST_WORDS),
    ):
        for m in finditer_words(pattern, words, text):
            yield Finding(m.start(), m.end(), Label.DATUM, m.group(0), "datum")
    if _HAS_DIGIT_SEPARATOR.search(text):
        for m in finditer_at(_NUMERIC, _DIGIT, text):
            start = m.start()
            weekday = _WEEKDAY_BEFORE.search(text, max(0, start - 18), start)
            if weekday is not None:
                start = weekday.start()  # "za 14-06-2025", "Do 22-01-2026"
            yield Finding(start, m.end(), Label.DATUM, text[start : m.end()], "datum")
        for m in finditer_words(_DAY_MONTH, _DAY_MONTH_FIRST_WORDS, text):
            # "di 20/5", "wo. 12-3": the weekday before the day belongs to the date
            start = m.start("weekday") if m.group("weekday") else m.start("date")
            end = m.end("date")
            yield Finding(start, end, Label.DATUM, text[start:end], "datum")
        for m in finditer_at(_DAY_MONTH_TIMED, _DIGIT, text):
            group = "date" if m.group("date") else "entry"
            start, end = m.start(group), m.end(group)
            weekday = _WEEKDAY_BEFORE.search(text, max(0, start - 18), start)
            if weekday is not None:
                start = weekday.start()
            yield Finding(start, end, Label.DATUM, text[start:end], "datum")


DETECTORS = (find_dates,)
