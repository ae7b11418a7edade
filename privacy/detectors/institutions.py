"""Schools, day care and other institutions a family can be traced through.

"groep 5 van De Regenboog", "basisschool De Fontein", "BSO De Boomhut", "het Einstein
Lyceum", "zitten op De Vlinderboom"; "Huisartsenpraktijk De Linde", "Zorgcentrum De
Leeuwenhoek", "voetbalvereniging Excelsior '20", "werkt bij Coolblue".
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from privacy.allowlist import is_not_name
from privacy.detectors.lexicon import common_words
from privacy.detectors.spans import distinct
from privacy.fast import contains_any, finditer_words, first_words, keyword_pattern
from privacy.findings import Finding, Label

_NAME_WORD = r"(?:[A-ZÀ-Ý][\w'\u2019&-]*|'\d{2}|'t|\d{1,3})"
_NAME_LINK = r"(?:en|van|de|der|den|het|'t|&)"
# "De Regenboog", "Het Speelkasteel", "Kikker en Pad", "Excelsior '20"
_PROPER = (
    rf"(?:(?:De|Het|Den|'t|de|het)\s+)?[A-ZÀ-Ý][\w'\u2019&-]*"
    rf"(?:\s+(?:{_NAME_LINK}\s+)?{_NAME_WORD}){{0,3}}"
)

_SCHOOL_TYPES_LIST = (
        "basisschool", "basisscholen", "obs", "cbs", "rkbs", "pcbs", "ikc", "kindcentrum",
        "brede school", "montessorischool", "daltonschool", "jenaplanschool", "vrije school",
        "sbo", "speciaal onderwijs", "kinderdagverblijf", "kdv", "bso",
        "buitenschoolse opvang", "peuterspeelzaal", "peuteropvang", "kinderopvang",
        "gastouderbureau", "school", "scholengemeenschap", "praktijkschool", "roc", "mbo",
)  # fmt: skip
_SCHOOL_TYPES = keyword_pattern(_SCHOOL_TYPES_LIST)
_SCHOOL_KEYWORD = re.compile(rf"(?<![\w-])(?i:{_SCHOOL_TYPES})\s+({_PROPER})")
# typed without capitals: "kdv ukkepuk", "basisschool de wilgen"
_SCHOOL_LOWER_TYPES_LIST = (
        "kdv", "bso", "obs", "cbs", "ikc", "psz", "basisschool", "kinderdagverblijf",
        "peuterspeelzaal", "peuteropvang", "kinderopvang",
)  # fmt: skip
_SCHOOL_LOWER_TYPES = keyword_pattern(_SCHOOL_LOWER_TYPES_LIST)
_SCHOOL_LOWER = re.compile(
    rf"(?<![\w-])(?:{_SCHOOL_LOWER_TYPES})\s+((?:de\s+|het\s+|'t\s+)?[a-z][\w'-]{{2,}})"
)
_SCHOOL_SUFFIX_WORDS = (
    "Lyceum", "College", "Gymnasium", "Scholengemeenschap", "Academie", "Kindcentrum",
    "Basisschool", "School", "Campus",
)  # fmt: skip
_SCHOOL_SUFFIX = re.compile(
    r"(?<![\w-])((?:[A-ZÀ-Ý][\w'\u2019-]*\s+){1,3}(?:Lyceum|College|Gymnasium|"
    r"Scholengemeenschap|Academie|Kindcentrum|Basisschool|School|Campus)"
    r"(?:\s+(?!Veilig)[A-ZÀ-Ý][\w'\u2019-]+)?)(?![\w-])"
)
# The first word of each alternative of _SCHOOL_CONTEXT, to find where it can start.
_SCHOOL_CONTEXT_WORDS_LIST = (
        "groep", "klas", "brugklas", "havo", "vwo", "vmbo", "mavo", "atheneum", "gymnasium",
        "leerling", "leerlingen", "juf", "meester", "mentor", "docent", "intern",
        "directeur", "directie", "zorgcoördinator", "zit", "zitten", "zat", "zaten", "gaat",
        "gaan", "ging",
)  # fmt: skip
_SCHOOL_CONTEXT_WORDS = keyword_pattern(_SCHOOL_CONTEXT_WORDS_LIST)
_SCHOOL_CONTEXT = re.compile(
    r"\b(?i:groep\s+\d{1,2}|klas\s+\d|brugklas|(?:havo|vwo|vmbo|mavo|atheneum|gymnasium)"
    r"(?:\s+\d)?|leerling|leerlingen|juf|meester|mentor|docent|intern\s+begeleider|"
    r"directeur|directie|zorgcoördinator|zit|zitten|zat|zaten|gaat|gaan|ging)"
    rf"\s+(?:van|op|naar)\s+((?:het|de)\s+)?({_PROPER})"
)

_INSTITUTION_TYPES_LIST = (
        "huisartsenpraktijk", "huisartsenpost", "gezondheidscentrum", "apotheek",
        "tandartspraktijk", "fysiotherapie", "fysiotherapiepraktijk", "zorgcentrum",
        "woonzorgcentrum", "verpleeghuis", "verzorgingshuis", "ziekenhuis", "kliniek",
        "stichting", "vereniging", "voetbalvereniging", "sportvereniging", "hockeyclub",
        "sportclub", "sportschool", "moskee", "kerk", "gemeente", "woningcorporatie",
        "woningbouwvereniging", "opvang", "vrouwenopvang", "blijf-van-mijn-lijfhuis",
        "bedrijf", "supermarkt",
)  # fmt: skip
_INSTITUTION_TYPES = keyword_pattern(_INSTITUTION_TYPES_LIST)
_INSTITUTION_KEYWORD = re.compile(rf"(?<![\w-])(?i:{_INSTITUTION_TYPES})\s+({_PROPER})")
_EMPLOYER_WORDS_LIST = (
        "werkt", "werk", "werkte", "werken", "baas", "werkgever", "stage", "begeleiding",
        "hulpverlener", "hulpverleners", "opvang", "medewerker", "medewerkster", "huurhuis",
        "huurwoning", "bestuurslid", "lid", "vrijwilliger", "schoonmaakster", "schoonmaker",
        "kassière", "caissière",
)  # fmt: skip
_EMPLOYER_WORDS = keyword_pattern(_EMPLOYER_WORDS_LIST)
_EMPLOYER = re.compile(
    rf"\b(?i:{_EMPLOYER_WORDS})"
    rf"(?:\s+\w+){{0,2}}?\s+(?:van|bij)\s+(?:de\s+|het\s+)?({_PROPER})"
)
#: Lowercase type words ("basisschool", "stichting"): an institution's own name follows.
TYPE_WORDS: frozenset[str] = frozenset(
    w
    for w in (*_SCHOOL_TYPES_LIST, *_SCHOOL_LOWER_TYPES_LIST, *_INSTITUTION_TYPES_LIST)
    if " " not in w
)
_SCHOOL_FIRST_WORDS = first_words(_SCHOOL_TYPES_LIST)
_SCHOOL_LOWER_FIRST_WORDS = first_words(_SCHOOL_LOWER_TYPES_LIST)
_SCHOOL_CONTEXT_FIRST_WORDS = first_words(_SCHOOL_CONTEXT_WORDS_LIST)
_INSTITUTION_FIRST_WORDS = first_words(_INSTITUTION_TYPES_LIST)
_EMPLOYER_FIRST_WORDS = first_words(_EMPLOYER_WORDS_LIST)
_KNOWN_PUBLIC = frozenset({"veilig thuis", "kwadraad", "stichting mee", "politie"})


def _clean(text: str, start: int, end: int) -> tuple[int, int] | None:
    while end > start and text[end - 1] in ".,;:'\u2019 ":
        if text[end - 1] == "'" and re.search(r"'\d{2}$", text[start:end]):
            break
        end -= 1
    value = text[start:end]
    if not value or is_not_name(value) or value.lower() in _KNOWN_PUBLIC:
        return None
    words = value.split()
    if len(words) == 1 and value.lower() in common_words():
        return None
    return start, end


@distinct
def find_schools(text: str) -> Iterator[Finding]:
    """Schools and day care, by type word, by name ending, or by school context."""
    for m in finditer_words(_SCHOOL_KEYWORD, _SCHOOL_FIRST_WORDS, text):
        span = _clean(text, m.start(), m.end())
        if span:
            yield Finding(span[0], span[1], Label.SCHOOL, text[span[0] : span[1]], "school")
    for m in finditer_words(_SCHOOL_LOWER, _SCHOOL_LOWER_FIRST_WORDS, text):
        if m.group(1).split()[-1] in common_words():
            continue
        yield Finding(m.start(), m.end(1), Label.SCHOOL, text[m.start() : m.end(1)], "school")
    if contains_any(text, _SCHOOL_SUFFIX_WORDS):
        for m in _SCHOOL_SUFFIX.finditer(text):
            span = _clean(text, m.start(1), m.end(1))
            if span:
                yield Finding(span[0], span[1], Label.SCHOOL, text[span[0] : span[1]], "school")
    for m in finditer_words(_SCHOOL_CONTEXT, _SCHOOL_CONTEXT_FIRST_WORDS, text):
        span = _clean(text, m.start(2), m.end(2))
        if span:
            yield Finding(span[0], span[1], Label.SCHOOL, text[span[0] : span[1]], "school")


@distinct
def find_institutions(text: str) -> Iterator[Finding]:
    """Practices, care homes, clubs, employers: organisations tied to a family."""
    for m in finditer_words(_INSTITUTION_KEYWORD, _INSTITUTION_FIRST_WORDS, text):
        span = _clean(text, m.start(), m.end())
        if span:
            yield Finding(span[0], span[1], Label.INSTELLING, text[span[0] : span[1]], "instelling")
    for m in finditer_words(_EMPLOYER, _EMPLOYER_FIRST_WORDS, text):
        span = _clean(text, m.start(1), m.end(1))
        if span:
            yield Finding(span[0], span[1], Label.INSTELLING, text[span[0] : span[1]], "instelling")


DETECTORS = (find_schools, find_institutions)
