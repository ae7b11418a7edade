"""Schools, day care and other institutions a family can be traced through.

"groep 5 van De Regenboog", "basisschool De Fontein", "BSO De Boomhut", "het Einstein
Lyceum", "zitten op De Vlinderboom"; "Huisartsenpraktijk De Linde", "Zorgcentrum De
Leeuwenhoek", "voetbalvereniging Excelsior '20", "werkt bij Coolblue".
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from privacy.allowlist import is_not_name
from privacy.detectors.lexicon import (
    COUNTRIES,
    common_words,
    dutch_words,
    first_names,
    is_unknown_word,
    place_names,
    surnames,
)
from privacy.detectors.organisations import KNOWN_ORGANISATIONS
from privacy.detectors.spans import distinct
from privacy.fast import contains_any, finditer_words, first_words, folded, keyword_pattern
from privacy.findings import Finding, Label

_NAME_WORD = r"(?:[A-ZÀ-Ý][\w'\u2019&-]*|'\d{2}|'t|\d{1,3})"
_NAME_LINK = r"(?:en|van|de|der|den|het|'t|&)"
# "De Regenboog", "Het Speelkasteel", "Kikker en Pad", "Excelsior '20"
# within one line: a name never runs on into the next line (an address, "Betreft")
_PROPER = (
    rf"(?:(?:De|Het|Den|'t|de|het)[ \t]+)?[A-ZÀ-Ý][\w'\u2019&-]*"
    rf"(?:[ \t]+(?:{_NAME_LINK}[ \t]+)?{_NAME_WORD}){{0,3}}"
)

_SCHOOL_TYPES_LIST = (
        "basisschool", "basisscholen", "obs", "cbs", "rkbs", "pcbs", "ikc", "kindcentrum",
        "brede school", "montessorischool", "daltonschool", "jenaplanschool", "vrije school",
        "sbo", "speciaal onderwijs", "kinderdagverblijf", "kdv", "bso",
        "buitenschoolse opvang", "peuterspeelzaal", "peuteropvang", "kinderopvang",
        "gastouderbureau", "school", "scholengemeenschap", "praktijkschool", "roc", "mbo",
        "osg", "csg", "rsg", "pcsg", "isg",
)  # fmt: skip
_SCHOOL_TYPES = keyword_pattern(_SCHOOL_TYPES_LIST)
#: The type words alone (round 15: a bare one names no school).
SCHOOL_TYPE_WORDS = frozenset(_SCHOOL_TYPES_LIST)
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
    r"\b(?i:groep\s+\d{1,2}|klas\s+\d[A-Za-z]{0,2}|brugklas|(?:havo|vwo|vmbo|mavo|atheneum|gymnasium)"
    r"(?:\s+\d)?|leerling|leerlingen|juf|meester|mentor|docent|intern\s+begeleider|"
    r"directeur|directie|zorgcoördinator|zit|zitten|zat|zaten|gaat|gaan|ging)"
    rf"\s+(?:(?:nu|nog|al|ook|toen|daar)\s+)?(?:van|op|naar)\s+((?:het|de)\s+)?({_PROPER})"
)

#: Names many Dutch primary schools and day-care centres share ("De Regenboog", "De
#: Klimop"): after "de"/"het" in a text about school or day care, in any case, they are a
#: school's name, not a street without a type word ("op de Regenboog") or a person.
_COMMON_SCHOOL_NAMES = (
    "regenboog", "klimop", "fonkelsteen", "vlinderhof", "kameleon", "kleine prins",
    "sterrenwachter", "sterrenkijker", "wilgen", "fontein", "springplank", "toermalijn",
    "vuurtoren", "horizon", "schakel", "wegwijzer", "bron", "ark", "zonnewijzer",
    "tandem", "piramide", "windroos", "octopus", "kompas", "zevensprong", "meander",
    "globe", "driehoek", "vlinderboom", "boomhut", "speelkasteel", "notenkraker",
    "zonnebloem", "wereldwijzer", "ontdekking", "sleutel", "startbaan", "tweemaster",
    "vliegeraar", "zeppelin", "watertoren", "duizendpoot", "klaverweide", "dolfijn",
    "kinderhof", "bolster", "krullevaar", "ooievaar", "mozaïek",
    "peppel", "plataan", "esdoorn", "linde", "kastanje", "triangel",
    "hoeksteen", "morgenster", "poolster", "regenbui", "toverberg", "vogelaar",
    "wingerd", "wieken", "zonnestraal", "zonnehoek", "ukkepuk", "ukkie",
)  # fmt: skip
_COMMON_SCHOOL = re.compile(
    rf"(?<![\w-])(?i:de|het|'t)[ \t]+(?i:{keyword_pattern(_COMMON_SCHOOL_NAMES, space=' ')})"
    r"(?![\w-])"
)
#: Searched in the folded text (privacy/fast.py), so all lowercase.
_SCHOOL_TOPIC = re.compile(
    r"(?<![\w-])(?:juf|juffrouw|meester|school|basisschool|klas|groep|leerkracht|leerling|"
    r"mentor|ib'?er|intern\s+begeleider|kdv|bso|kinderopvang|peuteropvang|opvang|"
    r"pedagogisch|schoolplein|ouderavond|oudergesprek|zorgco[öo]rdinator|directeur)"
)

_INSTITUTION_TYPES_LIST = (
        "huisartsenpraktijk", "huisartsenpost", "gezondheidscentrum", "apotheek",
        "tandartspraktijk", "fysiotherapie", "fysiotherapiepraktijk", "zorgcentrum",
        "woonzorgcentrum", "verpleeghuis", "verzorgingshuis", "ziekenhuis", "kliniek",
        "stichting", "vereniging", "voetbalvereniging", "sportvereniging", "hockeyclub",
        "sportclub", "sportschool", "scouting", "moskee", "kerk", "gemeente", "woningcorporatie",
        "woningbouwvereniging", "opvang", "vrouwenopvang", "blijf-van-mijn-lijfhuis",
        "bedrijf", "supermarkt", "vv", "sv", "hv", "rkvv", "rksv", "svv", "voetbalclub",
        "tennisclub", "zwemvereniging", "judoschool", "dansschool", "hotel", "kraamzorg",
        "moskeevereniging", "kerkgemeente", "gemeente", "parochie", "hogeschool",
        "universiteit", "restaurant", "kapsalon", "garage", "thuiszorg", "jeugdhulp",
        "wijkteam", "buurthuis", "sportcentrum", "zwembad", "bureau", "politiebureau",
        # shops and eating places named by their owner: "bakkerij De Jong"
        "bakkerij", "slagerij", "snackbar", "cafetaria", "shoarmazaak", "nagelstudio",
        "eethuis", "lunchroom", "drogisterij", "tankstation",
        # round 23: family lawyers' and mediators' practices ("Mediationpraktijk De Brug")
        "mediationpraktijk", "advocatenkantoor", "advocatenpraktijk", "notariskantoor",
)  # fmt: skip
_INSTITUTION_TYPES = keyword_pattern(_INSTITUTION_TYPES_LIST)
_INSTITUTION_KEYWORD = re.compile(rf"(?<![\w-])(?i:{_INSTITUTION_TYPES})[ \t]+({_PROPER})")
# round 12: type words that are also a plural or an ordinary noun ("de verloskundigen
# Anouk en Sara"), so only with a capital and a proper name after them
_CAPITAL_TYPE_KEYWORD = re.compile(
    rf"(?<![\w-])(?:Verloskundigen|Expertisecentrum|Kenniscentrum)[ \t]+({_PROPER})"
)
_CAPITAL_TYPE_FIRST_WORDS = first_words(("verloskundigen", "expertisecentrum", "kenniscentrum"))
# the type word after the name: "Mevlana moskee", "Heilige Maria kerk", "Ahoy hal"
_NAME_THEN_TYPE = re.compile(
    r"(?<![\w-])((?:[A-ZÀ-Ý][\w'\u2019-]*[ \t]+){1,3}(?i:moskee|kerk|kerkgemeente|"
    r"gemeente|parochie|tempel|synagoge|ziekenhuis|kliniek|apotheek|hogeschool|"
    r"universiteit))(?![\w-])"
)
_NAME_THEN_TYPE_WORDS = ("moskee", "kerk", "gemeente", "parochie", "tempel", "synagoge",
                         "ziekenhuis", "kliniek", "apotheek", "hogeschool",
                         "universiteit")  # fmt: skip
# "GV Olympia", "ZV De Zeeschuimers", "HC Rotterdam": a club by the acronym of its kind
# (gymnastics, swimming, korfball, hockey, athletics, tennis, water polo) and its name
_CLUB_KIND = re.compile(
    r"(?<![\w-])(?:GV|ZV|KV|HC|MHC|AV|LTC|ZPC)[ \t]+((?:De[ \t]+|Het[ \t]+)?"
    r"[A-ZÀ-Ý][\w'\u2019-]+)(?![\w-])"
)
_CLUB_KINDS = ("GV ", "ZV ", "KV ", "HC ", "AV ", "LTC ", "ZPC ")
_CLUB_FIRST_WORDS = first_words(_CLUB_KINDS)
# typed without capitals: "kraamzorg de waarden", "vv spartaan"
_INSTITUTION_LOWER = re.compile(
    r"(?<![\w-])(?:vv|sv|kraamzorg|zorgcentrum|woonzorgcentrum|verpleeghuis|verzorgingshuis)"
    r"[ \t]+((?:de[ \t]+|het[ \t]+|'t[ \t]+)?[a-z][\w'-]{2,}(?:[ \t]+'\d{2})?)"
)
# typed without capitals: "de mevlana moskee", "de ulu camii", "de medhane alem kerk"
_LOWER_HOUSE_OF_WORSHIP_WORDS = ("moskee", "camii", "kerk", "tempel", "synagoge", "gurdwara")
_LOWER_HOUSE_OF_WORSHIP = re.compile(
    r"(?<![\w-])([a-zà-ÿ][\w'-]{2,}[ \t]+)?([a-zà-ÿ][\w'-]{2,})[ \t]+"
    r"(?:moskee|camii|kerk|tempel|synagoge|gurdwara)(?![\w-])"
)


def _ordinary_before_worship(word: str) -> bool:
    """An adjective or everyday word before "moskee"/"kerk" ("grote", "turkse", "oude"),
    not a name ("mevlana", "nasr": frequent, but no inflected adjective)."""
    return (
        is_not_name(word)
        or word in common_words()
        or (word in dutch_words() and (word.endswith("e") or word.endswith("s")))
    )


# a care home typed in lowercase is a name only if its word is no Dutch word ("zorgcentrum
# maasdelta", not "zorgcentrum waar ze woont")
_CARE_HOMES = frozenset({"zorgcentrum", "woonzorgcentrum", "verpleeghuis", "verzorgingshuis"})
# "HVV Laakkwartier", "RVVH", "CVV Zwervers": a club's acronym with "VV" (voetbalvereniging)
# and the name after it
_CLUB_ACRONYM = re.compile(
    r"(?<![\w-])([A-Z]{0,3}VV[A-Z]{0,3})(?<=\w{3})(?![\w-])(?:[ \t]+([A-ZÀ-Ý][\w'\u2019-]+))?"
)
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
_INSTITUTION_LOWER_FIRST_WORDS = first_words(("vv", "sv", "kraamzorg", *_CARE_HOMES))
_COUNTRY_ABBREVIATIONS = frozenset({"VS", "VK", "USA", "UK", "VAE", "EU"})
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


#: A lowercase article that opens a finding: the sentence's, never the name's.
LOWERCASE_ARTICLE = re.compile(r"(?:de|het|'t|\u2019t)[ \t]+(?=\S)")


def without_lowercase_article(text: str, finding: Finding) -> Finding:
    """The article convention (round 13b): a lowercase "de", "het" or "'t" is never part of
    a school's, institution's, address's or place's span ("op de [Regenboog]", "op het
    [Einstein Lyceum]"); a capitalised one inside a sentence is ("op [De Regenboog]"), and
    so is a type word before the name ("[basisschool de Fontein]")."""
    article = LOWERCASE_ARTICLE.match(finding.text)
    if article is None:
        return finding
    start = finding.start + article.end()
    return Finding(start, finding.end, finding.label, text[start : finding.end], finding.detector)


@distinct
def find_schools(text: str) -> Iterator[Finding]:
    """Schools and day care, by type word, by name ending, or by school context."""
    for finding in _find_schools(text):
        yield without_lowercase_article(text, finding)


# one word: "Sint-Jozefschool", "Bavoschool" (not the kinds: "Basisschool", "Rijschool")
_ONE_WORD_SCHOOL = re.compile(r"(?<![\w-])[A-ZÀ-Ý][\w'-]*school(?![\w-])")
# typed without capitals: "de sint jozefschool", "de mariaschool", "de bavoschool" (round
# 13b): a school named after a saint or a person, not a kind ("de dansschool")
_LOWER_ONE_WORD_SCHOOL = re.compile(
    r"(?<![\w-])(?:(sint|st\.)[ \t-]?)?([a-zà-ÿ][a-zà-ÿ']{2,}?)-?school(?![\w-])"
)
_SCHOOL_KINDS = frozenset(
    {"basisschool", "hogeschool", "zondagsschool", "rijschool", "sportschool", "dansschool",
     "muziekschool", "judoschool", "praktijkschool", "montessorischool", "daltonschool",
     "jenaplanschool", "vakschool", "dagschool", "avondschool", "zwemschool", "taalschool"}
)  # fmt: skip


_WORDS_BEFORE_SCHOOL = re.compile(
    r"(?:[A-ZÀ-Ý][\w'\u2019.-]*[ \t]+(?:(?:van|de|der|den)[ \t]+)?){1,3}$"
)


def _school_name_start(text: str, start: int) -> int:
    """A one-word school takes the capitalised words of its name before it: "Koningin
    Julianaschool", "Prins Willem-Alexanderschool", "Johannes Calvijnschool"."""
    before = _WORDS_BEFORE_SCHOOL.search(text, max(0, start - 60), start)
    if before is None:
        return start
    words = list(re.finditer(r"\S+", text[before.start() : start]))
    while (
        words
        and words[0].group(0).lower() not in _NAME_TITLES
        and (
            is_not_name(words[0].group(0))
            or words[0].group(0).lower() in common_words()
            or words[0].group(0).lower() in _LINK_WORDS
            or (
                words[0].group(0).lower() in dutch_words()
                and _SENTENCE_OPENING.search(
                    text,
                    max(0, before.start() + words[0].start() - 3),
                    before.start() + words[0].start(),
                )
            )
        )
    ):
        words.pop(0)
    return before.start() + words[0].start() if words else start


_LINK_WORDS = frozenset({"van", "de", "der", "den"})
#: Titles that open a school's name after a person: "Koningin Julianaschool".
_NAME_TITLES = frozenset(
    {"koningin", "koning", "prins", "prinses", "graaf", "gravin", "sint", "st.", "dr.",
     "dokter", "burgemeester", "pater", "pastoor", "mgr.", "meester"}
)  # fmt: skip
_SENTENCE_OPENING = re.compile(r"(?:^|[.!?:]\s+|\n)\s*$")


# "De school (De Lage Hoeve)", "school: De Wilgenstam": the school named right after
# the word
_SCHOOL_WORD = first_words(("school",))
_SCHOOL_APPOSITION = re.compile(
    rf"(?<![\w-])(?i:school)[ \t]*[(:][ \t]*({_PROPER})(?=[ \t]*[),.;]|$)", re.MULTILINE
)

# typed without capitals: "het zuiderpark college", "wolfert lyceum"
_LOWER_SCHOOL_SUFFIX = re.compile(
    r"(?<![\w-])(?:(het|'t)[ \t]+)?([a-zà-ÿ][a-zà-ÿ-]{3,})[ \t]+(?:college|lyceum|gymnasium)"
    r"(?![\w-])"
)
#: Type words that end an institution's name ("Mevlana Moskee"): never a school's.
_NOT_SCHOOL_TYPES = frozenset(
    {"moskee", "kerk", "kerkgemeente", "gemeente", "parochie", "tempel", "synagoge",
     "ziekenhuis", "kliniek", "apotheek", "praktijk", "huisartsenpraktijk", "zorgcentrum",
     "bibliotheek", "buurthuis", "wijkcentrum", "sportcentrum", "zwembad", "moskeevereniging"}
)  # fmt: skip


#: A word of an organisation's name that no school's name holds: after "gaat naar de" it
#: is another organisation ("de Moskee Mevlana", "de Sociale Dienst Drechtsteden").
_NOT_SCHOOL_WORDS = (
    _NOT_SCHOOL_TYPES
    | frozenset(_INSTITUTION_TYPES_LIST)
    | frozenset({"dienst", "stichting", "zorg", "kerk", "moskee", "huisarts", "praktijk"})
) - frozenset(_SCHOOL_TYPES_LIST)


#: The end of a word that makes it an organisation no school is: "Voedselbank",
#: "Uitzendbureau", "Sociaal Team", "Bewindvoering".
_NOT_SCHOOL_HEADS = (
    "bank", "dienst", "bureau", "instituut", "stichting", "bedrijf", "kliniek", "fonds",
    "apotheek", "ziekenhuis", "gasthuis", "kantoor", "hotel", "team", "voering", "moskee",
    "kerk", "gemeente", "parochie", "winkel", "markt",
)  # fmt: skip


def _find_schools(text: str) -> Iterator[Finding]:
    if _SCHOOL_TOPIC.search(folded(text).text):
        for m in _COMMON_SCHOOL.finditer(text):
            name = m.group(0).split(maxsplit=1)[1]
            if name.islower() and name in common_words():
                continue  # "de sleutel", "de fontein": the thing, unless capitalised
            yield Finding(m.start(), m.end(), Label.SCHOOL, m.group(0), "school-naam")
    if "school" in text:
        for m in _LOWER_ONE_WORD_SCHOOL.finditer(text):
            word = m.group(2).lower() + "school"
            stem = m.group(2)
            if word in _SCHOOL_KINDS or word in dutch_words() or stem in common_words():
                continue
            if (
                m.group(1)
                or stem in first_names()
                or (stem in surnames() and stem not in dutch_words())  # not "boksschool"
            ):
                yield Finding(m.start(), m.end(), Label.SCHOOL, m.group(0), "school")
        for m in _ONE_WORD_SCHOOL.finditer(text):
            if m.group(0).lower() not in _SCHOOL_KINDS:
                start = _school_name_start(text, m.start())
                yield Finding(start, m.end(), Label.SCHOOL, text[start : m.end()], "school")
    for m in finditer_words(_SCHOOL_KEYWORD, _SCHOOL_FIRST_WORDS, text):
        span = _clean(text, m.start(), m.end())
        if span:
            yield Finding(span[0], span[1], Label.SCHOOL, text[span[0] : span[1]], "school")
    for m in finditer_words(_SCHOOL_LOWER, _SCHOOL_LOWER_FIRST_WORDS, text):
        if m.group(1).split()[-1] in common_words():
            continue
        if " " not in m.group(1) and m.group(1) in dutch_words():
            continue  # "door het kdv aangemeld": a verb, not the centre's name
        yield Finding(m.start(), m.end(1), Label.SCHOOL, text[m.start() : m.end(1)], "school")
    if contains_any(text, _SCHOOL_SUFFIX_WORDS):
        for m in _SCHOOL_SUFFIX.finditer(text):
            span = _clean(text, m.start(1), m.end(1))
            if span:
                yield Finding(span[0], span[1], Label.SCHOOL, text[span[0] : span[1]], "school")
    if any(word in text for word in ("college", "lyceum", "gymnasium")):
        about_school = _SCHOOL_TOPIC.search(folded(text).text) is not None
        for m in _LOWER_SCHOOL_SUFFIX.finditer(text):
            word = m.group(2)
            # "het einstein lyceum", "het stedelijk gymnasium": after "het" a lyceum or
            # gymnasium with a word before it is a school's name, unless the word is an
            # inflected adjective ("het oude lyceum"); "college" is also a lecture, so
            # only in a text about school ("op school, het penta college", round 13b)
            named = (
                m.group(1) is not None
                and (about_school or not m.group(0).endswith("college"))
                and not word.endswith("e")
            )
            if word in common_words() or not (
                named
                or is_unknown_word(word)
                or word in place_names()
                or word in surnames()
                or word in first_names()
            ):
                continue
            yield Finding(m.start(), m.end(), Label.SCHOOL, m.group(0), "school")
    if "school" in text:
        for m in finditer_words(_SCHOOL_APPOSITION, _SCHOOL_WORD, text):
            span = _clean(text, m.start(1), m.end(1))
            if span and not _STREET_END.search(m.group(1).split()[-1].lower()):
                yield Finding(span[0], span[1], Label.SCHOOL, text[span[0] : span[1]], "school")
    for m in finditer_words(_SCHOOL_CONTEXT, _SCHOOL_CONTEXT_FIRST_WORDS, text):
        last = m.group(2).split()[-1].lower()
        street = _STREET_END.search(last)
        if last in _NOT_SCHOOL_TYPES or (street is not None and street.start() > 0):
            continue  # "gaat naar de Mevlana Moskee", "zit op de Witte de Withstraat"
        if any(
            w.lower() in _NOT_SCHOOL_WORDS or w.lower().endswith(_NOT_SCHOOL_HEADS)
            for w in m.group(2).split()
        ):
            continue  # "gaat naar de Moskee Mevlana", "naar de Voedselbank Schiedam"
        if not m.group(1) and " " not in m.group(2) and m.group(2).lower() in first_names():
            continue  # "de mentor van Lisa": the pupil, not a school
        if m.group(2).lower() in COUNTRIES or m.group(2) in _COUNTRY_ABBREVIATIONS:
            continue  # "terug naar de VS", "ging naar Polen": a country, not a school
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
    for m in finditer_words(_CAPITAL_TYPE_KEYWORD, _CAPITAL_TYPE_FIRST_WORDS, text):
        first = m.group(1).split()[0].lower()
        if first in first_names() and first not in place_names():
            continue  # "Verloskundigen Anouk en Sara kwamen langs": people, not a practice
        span = _clean(text, m.start(), m.end())
        if span:
            yield Finding(span[0], span[1], Label.INSTELLING, text[span[0] : span[1]], "instelling")
    if contains_any(folded(text).text, _NAME_THEN_TYPE_WORDS):
        for m in _NAME_THEN_TYPE.finditer(text):
            words = m.group(1).split()
            while len(words) > 1 and (is_not_name(words[0]) or words[0].lower() in common_words()):
                words.pop(0)
            if len(words) < 2:
                continue
            value = " ".join(words)
            start = m.end(1) - len(value)
            if text[start : m.end(1)] == value:
                yield Finding(start, m.end(1), Label.INSTELLING, value, "instelling")
    if contains_any(folded(text).text, _LOWER_HOUSE_OF_WORSHIP_WORDS):
        for m in _LOWER_HOUSE_OF_WORSHIP.finditer(text):
            word = m.group(2)
            if _ordinary_before_worship(word):
                continue  # "de oude kerk", "een grote moskee", "de turkse moskee"
            start = m.start()
            first = (m.group(1) or "").strip()
            if first and _ordinary_before_worship(first):
                start = m.start(2)  # "de grote mevlana moskee": the name only
            yield Finding(start, m.end(), Label.INSTELLING, text[start : m.end()], "instelling")
    for m in finditer_words(_INSTITUTION_LOWER, _INSTITUTION_LOWER_FIRST_WORDS, text):
        if m.group(1).split()[-1] in common_words():
            continue
        if m.group(0).split()[0].lower() in _CARE_HOMES and (
            m.group(1).split()[-1] in dutch_words() or not m.group(0)[0].islower()
        ):
            continue  # capitalised ones: _INSTITUTION_KEYWORD
        yield Finding(
            m.start(), m.end(1), Label.INSTELLING, text[m.start() : m.end(1)], "instelling"
        )
    if "VV" in text:
        for m in _CLUB_ACRONYM.finditer(text):
            end = m.end()
            if m.group(2) and not is_not_name(m.group(2)):
                end = m.end(2)
            yield Finding(m.start(1), end, Label.INSTELLING, text[m.start(1) : end], "instelling")
    if contains_any(text, _CLUB_KINDS):
        for m in finditer_words(_CLUB_KIND, _CLUB_FIRST_WORDS, text):
            if not is_not_name(m.group(1)) and m.group(1).lower() not in common_words():
                yield Finding(m.start(), m.end(), Label.INSTELLING, m.group(0), "instelling")
    for m in finditer_words(_EMPLOYER, _EMPLOYER_FIRST_WORDS, text):
        span = _clean(text, m.start(1), m.end(1))
        if span:
            yield Finding(span[0], span[1], Label.INSTELLING, text[span[0] : span[1]], "instelling")


_ORGANISATION_WORDS = keyword_pattern(o.lower() for o in KNOWN_ORGANISATIONS)
# "Arkin-traumacentrum": the name before a lowercase compound part is the organisation
# not a website's name: "fier.nl", "www.arkin.nl/contact"
_ORGANISATION = re.compile(
    rf"(?<![\w.@/-])(?i:{_ORGANISATION_WORDS})(?![\w]|-[A-Z0-9]|\.[a-z]{{2}})"
)
_ORGANISATION_CONTEXT = re.compile(
    r"(?<![\w-])(?:bij|van|naar|via|met|door|in|op|aan)\s+(?:de\s+|het\s+)?$", re.IGNORECASE
)
_UPPER_ONLY = frozenset(o.lower() for o in KNOWN_ORGANISATIONS if o.isupper())
_ORGANISATION_FIRST_WORDS = first_words(o.lower() for o in KNOWN_ORGANISATIONS)


@distinct
def find_known_organisations(text: str) -> Iterator[Finding]:
    """Organisations from the list, in any case: "woonstad", "bij fier", "Lucertis"."""
    for m in finditer_words(_ORGANISATION, _ORGANISATION_FIRST_WORDS, text):
        value = m.group(0)
        if (
            value.lower() in dutch_words()
            and not value[:1].isupper()
            and not _ORGANISATION_CONTEXT.search(text, max(0, m.start() - 12), m.start())
        ):
            continue
        if value.lower() in _UPPER_ONLY and not value.isupper():
            continue  # "ECT", "HTM": abbreviations only in capitals
        start, end = m.start(), m.end()
        own_type = _OWN_TYPE_BEFORE.search(text, max(0, start - 30), start)
        if own_type is not None and own_type.group(1).lower().endswith(_OWN_TYPE_WORDS):
            start = own_type.start(1)  # "Hogeschool Inholland": the capital makes it the name's
        place = _PLACE_AFTER.match(text, end)
        if place is not None and place.group(1).lower() in place_names():
            end = place.end()  # "Woonstad Rotterdam": the organisation of that place
        club = _CLUB_BEFORE.search(text, max(0, start - 8), start)
        if club is not None:
            start = club.start()  # "SC Feyenoord", "FC Excelsior": the club's letters
        service = _SERVICE_AFTER.match(text, end)
        if service is not None:
            end = service.end()  # "Leger des Heils Jeugdbescherming & Reclassering"
        yield Finding(start, end, Label.INSTELLING, text[start:end], "instelling-lijst")


_CLUB_BEFORE = re.compile(r"(?<![\w-])(?:SC|FC|SV|VV|AFC|RKSV|BVV|CSV|SBV|ASV)[ \t]+$")
_SERVICE_WORD = (
    r"(?:Jeugdbescherming|Reclassering|Jeugdzorg|Jeugdhulp|Opvang|Thuiszorg|Welzijn"
    r"|Maatschappelijk[ \t]+Werk)"
)
_SERVICE_AFTER = re.compile(
    rf"[ \t]+{_SERVICE_WORD}(?:[ \t]*(?:&|en)[ \t]*{_SERVICE_WORD})*(?![\w-])"
)


_OWN_TYPE_BEFORE = re.compile(r"(?<![\w-])([A-ZÀ-Ý][a-zà-ÿ]{3,})[ \t]+$")
_OWN_TYPE_WORDS = (
    "hogeschool", "universiteit", "ziekenhuis", "kliniek", "stichting", "zorggroep",
    "woningcorporatie", "supermarkt", "voetbalclub",
)  # fmt: skip
_PLACE_AFTER = re.compile(r"[ \t]+([A-ZÀ-Ý][\w-]+(?:[ \t][A-ZÀ-Ý][\w-]+)?)(?![\w-])")


# A congregation, church or mosque named in one word, with the name that may follow:
# "Pinkstergemeente Levend Water", "Pauluskerk", "Baptistengemeente Rotterdam-Zuid".
_CONGREGATION = re.compile(
    r"(?<![\w-])([A-ZÀ-Ý][a-zà-ÿ']*(?:-[A-ZÀ-Ýa-zà-ÿ][a-zà-ÿ']*)*"
    r"(?<=[\w']{3})(?:gemeente|kerk|parochie|moskee|synagoge|tempel))"
    r"((?:[ \t]+(?:van[ \t]+)?[A-ZÀ-Ý][\w'\u2019-]*){0,3})(?![\w-])"
)
_CONGREGATION_WORDS = ("gemeente", "kerk", "parochie", "moskee", "synagoge", "tempel")


# a company by its legal form: "YB Transport B.V.", "Schoonmaakbedrijf Dekker BV"
_LEGAL_FORM = re.compile(
    r"(?<![\w-])((?:[A-ZÀ-Ý0-9][\w&'\u2019.-]*[ \t]+){1,4}(?:B\.V\.|BV|N\.V\.|NV|V\.O\.F\.|VOF))"
    r"(?![\w])"
)


@distinct
def find_companies(text: str) -> Iterator[Finding]:
    """A company named with its legal form: "YB Transport B.V.", "Dekker Bouw BV"."""
    if not contains_any(text, ("B.V.", "BV", "N.V.", "NV", "V.O.F.", "VOF")):
        return
    for m in _LEGAL_FORM.finditer(text):
        words = m.group(1).split()
        while len(words) > 2 and (is_not_name(words[0]) or words[0].lower() in common_words()):
            words.pop(0)
        start = m.end(1) - len(" ".join(words))
        if text[start : m.end(1)] != " ".join(words):
            start = m.start(1)
        yield Finding(start, m.end(1), Label.INSTELLING, text[start : m.end(1)], "instelling")


@distinct
def find_congregations(text: str) -> Iterator[Finding]:
    """A church, congregation or mosque by its one-word name ("Pauluskerk") or with the
    name that follows the type ("Pinkstergemeente Levend Water")."""
    if not contains_any(text, _CONGREGATION_WORDS):
        return
    for m in _CONGREGATION.finditer(text):
        name, rest = m.group(1), m.group(2)
        if name.lower() in place_names():
            continue  # "Ridderkerk", "Nieuwerkerk": a place, not a church
        words = rest.split()
        while words and is_not_name(words[-1]):
            words.pop()  # "Pauluskerk Het": the article of the next sentence part
        if (
            not words
            and name.lower() in dutch_words()
            and (
                not name[:1].isupper()
                or _SENTENCE_START.search(text, max(0, m.start(1) - 3), m.start(1))
                or name.lower().endswith("gemeente")
            )
        ):
            # "moederkerk", "Deelgemeente" alone are words, not one church; "bij de
            # Dorpskerk" written with its capital inside a sentence is the village's church
            continue
        if not words and name.lower().endswith("gemeente"):
            continue  # "Woongemeente": a municipality's kind, unless a name follows
        if not words and name.lower() in place_names():
            continue  # "Ridderkerk", "Heemskerk", "Nieuwerkerk": a place, not a church
        end = m.end(1)
        if words:
            end = text.index(words[-1], m.end(1)) + len(words[-1])
        yield Finding(m.start(1), end, Label.INSTELLING, text[m.start(1) : end], "instelling")


#: Words that make a run of capitalised words an organisation's name, alone or as the end
#: of a compound ("Kredietbank", "Transportbedrijf", "Uitzendbureau").
_ORGANISATION_HEADS = (
    "centrum", "praktijk", "bank", "dienst", "bureau", "instituut", "stichting",
    "vereniging", "bedrijf", "bedrijven", "kliniek", "fonds", "apotheek", "ziekenhuis",
    "gasthuis", "opvang", "kantoor", "groep", "hotel", "zorg", "kinderopvang", "club",
    # houses where a service is given ("Omgangshuis Kralingen", "Inloophuis Zuid")
    "omgangshuis", "buurthuis", "inloophuis", "jongerenhuis", "verpleeghuis", "wijkhuis",
    "opvanghuis", "vrouwenhuis", "hospice",
    # round 23: law firms named by their partners ("Van Dalen & Oostrom Advocaten")
    "advocaten", "notarissen", "mediation",
)  # fmt: skip
ORGANISATION_HEADS = _ORGANISATION_HEADS
# two to five capitalised words, with "voor", "van de", "en" between them
_CAPITALISED_RUN = re.compile(
    r"(?<![\w-])([A-ZÀ-Ý][\w'\u2019-]*(?:[ \t]+"
    r"(?:(?:voor|van|de|der|den|en|het|tegen)[ \t]+){0,2}"
    r"[A-ZÀ-Ý][\w'\u2019-]*){1,4})(?![\w-])"
)
# "Van Dalen & Oostrom Advocaten", "Bakker & De Wit Notarissen": a firm named by its
# partners, joined by "&", with the word for what they are (round 23)
_PARTNERS_FIRM = re.compile(
    r"(?<![\w&-])((?:(?:van|de|der|den|ten|ter)[ \t]+)?[A-ZÀ-Ý][\w'\u2019-]*"
    r"(?:[ \t]+(?:van|de|der|den|ten|ter|[A-ZÀ-Ý][\w'\u2019-]*)){0,3}"
    r"[ \t]+&[ \t]+"
    r"(?:(?:van|de|der|den|ten|ter)[ \t]+)?[A-ZÀ-Ý][\w'\u2019-]*"
    r"(?:[ \t]+(?:van|de|der|den|ten|ter|[A-ZÀ-Ý][\w'\u2019-]*)){0,3}?"
    r"[ \t]+(?:Advocaten|Advocatuur|Notarissen|Mediation))(?![\w-])"
)
_STREET_END = re.compile(r"(?:straat|laan|weg|plein|kade|singel|gracht|dijk|dreef)$")


@distinct
def find_organisation_names(text: str) -> Iterator[Finding]:
    """An organisation's own name of several capitalised words, with a word that makes it
    one ("Centrum", "Praktijk", "...bank", "...bedrijf") and a word that makes it this one
    (a place, a name, a word no Dutch list holds): "Gemeentelijke Kredietbank Rotterdam",
    "Praktijk Dokter Öztürk", "Transportbedrijf Van den Heuvel". "Sociale Dienst" alone
    is a kind of organisation, not one."""
    if not contains_any(folded(text).text, _ORGANISATION_HEADS):
        return
    places = place_names()
    for m in _CAPITALISED_RUN.finditer(text):
        start = m.start(1)
        words = m.group(1).split()
        if (
            len(words) > 2
            and _SENTENCE_START.search(text, max(0, start - 3), start)
            and not words[0].lower().endswith(_ORGANISATION_HEADS)
            and not words[0].lower().endswith(("e", "s"))
            # "Van Dalen & Oostrom Advocaten": a surname's particle opens the name itself
            and words[0].lower() not in ("van", "ten", "ter", "den", "der")
        ):
            # "Betalingsregeling Gemeentelijke Kredietbank": a heading's first word
            start = text.index(words[1], start + len(words[0]))
            words = words[1:]
        capitalised = [w for w in words if w[:1].isupper()]
        lowered = [w.lower().rstrip(".,") for w in capitalised]
        if not any(w.endswith(_ORGANISATION_HEADS) for w in lowered):
            continue
        if _STREET_END.search(lowered[-1]) or is_not_name(m.group(1)):
            continue
        if not any(
            not w.endswith(_ORGANISATION_HEADS)
            and (
                w in places
                or _place_adjective(w, places)
                or is_unknown_word(w)
                or w in surnames()
                or w in first_names()
            )
            for w in lowered
        ):
            continue
        value = text[start : m.end(1)]
        yield Finding(start, m.end(1), Label.INSTELLING, value, "instelling-naam")
    if "&" in text:
        for m in _PARTNERS_FIRM.finditer(text):
            start = m.start(1)
            first = text[start : text.find(" ", start)]
            if first.lower() not in ("van", "de", "der", "den", "ten", "ter") and (
                first.lower() in dutch_words() and first.lower() not in surnames()
            ):
                start = text.index(" ", start) + 1  # "Namens Van Dalen & ...": a word before
                while text[start] in " \t":
                    start += 1
            value = text[start : m.end(1)]
            yield Finding(start, m.end(1), Label.INSTELLING, value, "instelling-naam")
    # the pattern needs one of its type words, in lowercase: most texts have none
    compounds = contains_any(folded(text).text, _COMPOUND_TYPE_WORDS)
    for m in _COMPOUND_TYPE.finditer(text) if compounds else ():
        span = _clean(text, m.start(), m.end())
        if span and m.group(1) not in _COMPOUND_NOT_TYPES:
            value = text[span[0] : span[1]]
            yield Finding(span[0], span[1], Label.INSTELLING, value, "instelling-naam")


_PLACE_ADJECTIVE = re.compile(r"(.{3,}?)s(?:che|e)")


def _place_adjective(word: str, places: frozenset[str]) -> bool:
    """The adjective of a place: "rotterdamsche", "rotterdamse", "delftse"."""
    m = _PLACE_ADJECTIVE.fullmatch(word)
    return m is not None and m.group(1) in places


# a lowercase compound type word and the name after it: "gymnastiekvereniging Olympia",
# "revalidatiecentrum Rijndam", "uitzendbureau Randstad"
_COMPOUND_TYPE_WORDS = (
    "vereniging", "centrum", "bedrijf", "bureau", "praktijk", "kliniek", "club", "instituut",
    "stichting", "opvang", "winkel",
)  # fmt: skip
_COMPOUND_TYPE = re.compile(
    rf"(?<![\w-])([a-zà-ÿ]{{3,}}(?:{'|'.join(_COMPOUND_TYPE_WORDS)}))"
    r"[ \t]+(?!(?:De|Het|Een)[ \t]+[a-z])"
    rf"({_PROPER})"
)
_COMPOUND_NOT_TYPES = frozenset({"wijkcentrum"})
_COMPOUND_TYPE_WORD = re.compile(
    r"[a-zà-ÿ]{3,}(?:vereniging|centrum|bedrijf|bureau|praktijk|kliniek|club|instituut|"
    r"stichting|opvang|winkel|corporatie|post)"
)


def is_compound_type(word: str) -> bool:
    """A lowercase compound that names a kind of organisation: "havenbedrijf",
    "uitzendbureau", "woningcorporatie", "huisartsenpost" (not "wijkcentrum")."""
    return _COMPOUND_TYPE_WORD.fullmatch(word) is not None and word not in _COMPOUND_NOT_TYPES


_SENTENCE_START = re.compile(r"(?:^|[.!?:]\s+|\n)\s*$")


# "Sociaal Team Capelle", "sociaal team capelle", "Buurtteam Schiedam-Oost", "Voedselbank
# Vlaardingen", "Bewindvoering Zuid-Holland": a local service named by the place or region it
# serves is that place's own organisation, one name with its place ("wijkteam Feijenoord" in
# lowercase stays a place: the team of a district, as the writers mark it)
_TEAM_WORDS = ("sociaal team", "sociaal wijkteam", "buurtteam", "jeugdteam", "gebiedsteam",
               "wijkteam", "voedselbank", "bewindvoering", "schuldhulpverlening",
               "schuldhulp", "cjg", "ggd", "jgz", "centrum voor jeugd en gezin")  # fmt: skip
_TEAM = re.compile(
    r"(?<![\w-])((?i:sociaal[ \t]+(?:wijk)?team|buurtteam|jeugdteam|gebiedsteam|wijkteam|"
    r"voedselbank|bewindvoering|schuldhulpverlening|schuldhulp|cjg|ggd|jgz|"
    # the CJG written out (round 13b): "Centrum voor Jeugd en Gezin Rijnmond"
    r"centrum[ \t]+voor[ \t]+jeugd[ \t]+en[ \t]+gezin))[ \t]+"
    r"([^\W\d_][\w'-]*(?:[ \t]+[^\W\d_][\w'-]*){0,3})"
)
#: Regions a service is named by ("CJG Rijnmond", "Sociaal Team Drechtsteden").
_SERVICE_REGIONS = frozenset(
    {"rijnmond", "rotterdam-rijnmond", "drechtsteden", "haaglanden", "zuid-holland",
     "zuid-holland zuid", "hollands midden", "voorne-putten", "hoeksche waard",
     "goeree-overflakkee", "midden-holland", "waterweg", "nieuwe waterweg noord"}
)  # fmt: skip
_TEAM_NOT_LOWER = frozenset({"wijkteam", "voedselbank", "bewindvoering", "schuldhulp",
                             "schuldhulpverlening"})  # fmt: skip


def _place_words(words: list[str]) -> int:
    """How many of ``words`` (from the first) name a place or region: the longest."""
    places = place_names()
    for n in range(len(words), 0, -1):
        value = " ".join(words[:n]).lower().rstrip(".,;:!?")
        stem = _QUARTER_END.sub("", _OLD_NEW.sub("", value))  # "Oud-Charlois"
        if value in places or value in _SERVICE_REGIONS or (stem != value and stem in places):
            return n
    return 0


_QUARTER_END = re.compile(r"-(?:noord|zuid|oost|west|centrum)$")
_OLD_NEW = re.compile(r"^(?:oud|oude|nieuw|nieuwe)-")


@distinct
def find_local_teams(text: str) -> Iterator[Finding]:
    """A local team or service and the place it serves: "Sociaal Team Capelle"."""
    if not contains_any(folded(text).text, _TEAM_WORDS):
        return
    for m in _TEAM.finditer(text):
        kind = " ".join(m.group(1).lower().split())
        if kind in _TEAM_NOT_LOWER and not m.group(1)[:1].isupper():
            continue  # "wijkteam feijenoord": the district is the place
        words = m.group(2).split()
        n = _place_words(words)
        if n == 0:
            continue
        if m.group(1)[:1].isupper() != words[0][:1].isupper() and kind not in ("cjg", "ggd", "jgz"):
            continue  # "Wijkteam rotterdam", "sociaal team Capelle": not one name
        value = " ".join(words[:n]).rstrip(".,;:!?")
        end = text.index(value, m.start(2)) + len(value) if n > 1 else m.start(2) + len(value)
        yield Finding(m.start(1), end, Label.INSTELLING, text[m.start(1) : end], "instelling-team")


# "bij ggz delfland", "GGZ Breburg": a mental health organisation named by its region
_GGZ_REGION = re.compile(r"(?<![\w-])(?i:ggz)[ \t]+([^\W\d_][\w-]{2,30})(?![\w-])")


@distinct
def find_regional_care(text: str) -> Iterator[Finding]:
    """ "ggz" and the place or region it serves, in any case ("ggz delfland")."""
    if "ggz" not in folded(text).text:
        return
    for m in _GGZ_REGION.finditer(text):
        word = m.group(1)
        if word.lower() in place_names() or (
            word[:1].isupper() and word.lower() not in common_words()
        ):
            yield Finding(m.start(), m.end(), Label.INSTELLING, m.group(0), "instelling")


# a chat group's own name in quotes: 'een Telegram-groep "Munca NL"', "de whatsappgroep
# 'Dubai Cash'" (round 13b): it leads to the people in it; "de groepsapp 'Mama's van groep
# 5'" of ordinary words does not
_CHAT_GROUP = re.compile(
    r"(?<![\w-])(?i:(?:whatsapp|telegram|signal|snapchat|facebook|instagram)[ \t-]?"
    r"(?:groep|groepje|chat|kanaal)|groepsapp|groepschat|appgroep)"
    r"[ \t]+(?:(?i:genaamd|met[ \t]+de[ \t]+naam)[ \t]+)?"
    r"[\"'\u201c\u201e\u2018]([^\"'\u201c\u201d\u201e\u2018\u2019\n]{2,40})[\"'\u201d\u2019]"
)
_CHAT_GROUP_WORDS = ("groep", "chat", "kanaal", "app")


@distinct
def find_chat_groups(text: str) -> Iterator[Finding]:
    """A chat group's own name in quotes, when a word of it is no ordinary word or is
    capitalised (and not a frequent word), and none is a lowercase Dutch word."""
    if not contains_any(folded(text).text, _CHAT_GROUP_WORDS):
        return
    for m in _CHAT_GROUP.finditer(text):
        name = m.group(1).strip()
        words = [w.strip(".,!?") for w in name.split()]
        if any(w.islower() and w in dutch_words() for w in words):
            continue  # 'groepsapp "MDO gezin Boukhari"': a description; the name is found alone
        if not is_not_name(name) and any(
            w.isalpha()
            and (is_unknown_word(w) or (w[:1].isupper() and w.lower() not in common_words()))
            for w in words
        ):
            start = m.start(1) + m.group(1).index(name)
            yield Finding(start, start + len(name), Label.NAAM, name, "groepsnaam")


DETECTORS = (
    find_chat_groups,
    find_regional_care,
    find_local_teams,
    find_schools,
    find_institutions,
    find_known_organisations,
    find_congregations,
    find_organisation_names,
    find_companies,
)
