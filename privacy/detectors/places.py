"""Places and addresses deduce misses.

- Streets by their Dutch endings, with or without a house number, also split over a line
  ("Graaf\\nFlorisstraat 88-C"), and "Laan van Romen 9".
- Neighbourhoods of the region, place names typed in lowercase, and capitalised words
  after "in de wijk", "woont in", "uit".
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from privacy.allowlist import is_not_name
from privacy.detectors.lexicon import (
    COUNTRIES,
    REGION_PLACES,
    common_words,
    dutch_words,
    first_names,
    is_unknown_word,
    place_names,
)
from privacy.detectors.numbers_nl import NUMBER_WORD_PATTERN
from privacy.detectors.spans import distinct
from privacy.fast import contains_any, finditer_words, first_words, keyword_pattern
from privacy.findings import Finding, Label

_STREET_ENDINGS = (
    "straat|str|laan|weg|plein|kade|singel|gracht|dijk|dreef|hof|park|pad|steeg|markt|"
    "baan|wal|plantsoen|boulevard|akker|zoom|hoeve|pier|haven|kwartier|veld|wetering|"
    "vaart|polder"
)
_CAPWORD = r"[A-ZÀ-Ý][\w'\u2019-]*"
#: A count or a unit after a number: no house number ("op de bank 3 uur", "op de Maas 2 keer").
_NOT_AFTER_NUMBER = (
    r"(?i:uur|keer|jaar|jaren|maanden|maand|weken|week|dagen|dag|minuten|kinderen|euro|km|"
    r"meter|procent|%)\b"
)
# A house number and its addition: "14a", "14 A", "14-2", "28-B", "14 bis", "14 hs", "3 II".
# The addition is one letter (not the pronoun "u", not the "a" of "a.s."), a hyphen and up to
# four letters or digits, or one of the written additions; a short word after the number
# ("Kwikstaartlaan 14 is", "14 in", "14 op", "14 en", "14 te") is no addition.
# A letter and a flat's number ("301A-02") is one addition; "12 t/m 14" has none, and
# "12 boven de winkel" says where, not which flat.
HOUSE_NUMBER_ADDITION = re.compile(
    r"(?:[a-zA-Z](?:-\d{1,3})?(?![\w])|\s(?![uU](?![\w]))[a-zA-Z](?![\w/]|\.\w)"
    r"|-[A-Za-z0-9]{1,4}(?![\w])"
    r"|\s?(?i:hs|bg|bis|ter|zw|rd|bov|boven|beneden|II|III|IV)(?![\w])"
    r"(?![ \t]+(?i:de|het|een|ons|hun|haar|zijn|mijn)\b))"
)
_HOUSE_NUMBER = rf"(?:\s+(?:nr\.?\s*|nummer\s+)?\d{{1,5}}{HOUSE_NUMBER_ADDITION.pattern}?)"
_STREET = re.compile(
    rf"(?<![\w-])((?:{_CAPWORD}\s+(?:(?:de|van|der|den)\s+)?){{0,2}}"
    rf"[A-ZÀ-Ý][\w'\u2019-]*?(?:{_STREET_ENDINGS})"
    rf"(?:-(?:Zuid|Noord|Oost|West))?)(?![\w-])({_HOUSE_NUMBER})?"
)
_LAAN_VAN = re.compile(
    rf"(?<![\w-])((?:Laan|Plein|Kade|Weg|Singel|Park|Hof|Dreef|Burgemeester|Graaf|Koningin|"
    rf"Prins|Prinses|Koning|Dokter|Dr\.)\s+(?:(?:van|der|de|den|het)\s+)*"
    rf"(?:{_CAPWORD}|\d{{4}})(?:\s+{_CAPWORD})?)({_HOUSE_NUMBER})?"
)
# Street words that are ordinary nouns or places, not street names, on their own.
_NOT_STREETS = frozenset(
    {
        "straat", "laan", "weg", "plein", "kade", "park", "pad", "hof", "markt", "ring",
        "haven", "veld", "polder", "burg", "erf", "wal", "baan", "dijk", "zoom", "lei",
        "speelveld", "voetbalveld", "schoolplein", "parkeerplaats", "snelweg", "zijweg",
        "binnenplaats", "achterpad", "woonerf", "werkveld", "vakgebied", "spoedweg",
        "zorgpad", "stappenplan", "brandweg", "hulpverlening", "opvoedingsweg",
        "leerweg", "thuisweg", "schoolweg", "levensweg", "vervolgweg", "tussenweg",
        "bijstandshof", "hofje",
    }
)  # fmt: skip


def _street_ok(name: str) -> bool:
    lowered = name.lower()
    last = lowered.split()[-1]
    if last in _NOT_STREETS or lowered in place_names() or is_not_name(name):
        return False
    if last in _NEIGHBOURHOODS:
        return False  # "HVV Laakkwartier": a part of town, not a street "-kwartier"
    if _ONE_LETTER_STEM.fullmatch(last):
        return False  # "Joost Bakker": a surname, not a street "B" + "akker"
    return not (last in common_words() and " " not in lowered)


_NON_SPACE = re.compile(r"\S+")
_NEIGHBOURHOODS = frozenset(place.lower() for place in REGION_PLACES)
_ONE_LETTER_STEM = re.compile(rf"[^\W\d_](?:{_STREET_ENDINGS})")
# Cheap tests first: a street name ends in one of the endings (lowercase, at a word's
# end), a "Laan van ..." name starts with one of its capitalised words.
_STREET_HINT = re.compile(rf"(?:{keyword_pattern(_STREET_ENDINGS.split('|'))})(?!\w)")
_LAAN_VAN_WORDS = (
    "Laan", "Plein", "Kade", "Weg", "Singel", "Park", "Hof", "Dreef", "Burgemeester", "Graaf",
    "Koningin", "Prins", "Koning", "Dokter", "Dr.",
)  # fmt: skip


_TITLE_STREET_WORDS = frozenset(
    {"Dr.", "Dokter", "Burgemeester", "Graaf", "Koning", "Koningin", "Prins", "Prinses"}
)
#: Capitalised words that open a street's name: "Nieuwe Damlaan", "Van Foreestlaan",
#: "Korte Hoogstraat", "Eerste Pijnackerstraat".
_STREET_PREFIXES = frozenset(
    {"Nieuwe", "Oude", "Korte", "Lange", "Grote", "Kleine", "Hoge", "Lage", "Van", "Sint",
     "Eerste", "Tweede", "Derde", "Vierde", "Binnen", "Buiten", "Achter", "Voor"}
)  # fmt: skip
_PERSON_TITLE_BEFORE = re.compile(
    r"(?<![\w-])(?:mevrouw|meneer|mevr\.?|mw\.?|dhr\.?|heer|juf|juffrouw|meester|familie|"
    r"fam\.|mr\.|dr\.|dokter)\s+$",
    re.IGNORECASE,
)
_STREET_BEFORE = re.compile(r"(?:\b(?:aan|op|in|naar|via|langs|de)\s+)$", re.IGNORECASE)


@distinct
def find_streets(text: str) -> Iterator[Finding]:
    """Street names, with the house number when there is one."""
    patterns = []
    street_hint = _STREET_HINT.search(text) is not None  # asked twice: searched once
    if street_hint:
        patterns.append(_STREET)
    if contains_any(text, _LAAN_VAN_WORDS):
        patterns.append(_LAAN_VAN)
    for pattern in patterns:
        for m in pattern.finditer(text):
            name = m.group(1)
            # keep leading words only when they are part of a multi-word name
            start = m.start(1)
            words = list(_NON_SPACE.finditer(name))
            while (
                len(words) > 1
                and words[0].group(0) not in _TITLE_STREET_WORDS
                and words[0].group(0) not in _STREET_PREFIXES
                and (is_not_name(words[0].group(0)) or words[0].group(0).lower() in common_words())
            ):
                words.pop(0)
            start = m.start(1) + words[0].start()
            line_break = text.rfind("\n", start, m.end(1))
            if line_break >= 0:
                # "naar de Graaf\nFlorisstraat" wraps a sentence; "Huisartsenpraktijk De
                # Linde\nLindelaan 45" is a letterhead whose street starts its own line
                before = text[text.rfind("\n", 0, start) + 1 : start].split()
                if not before or not before[-1][:1].islower():
                    start = line_break + 1
            street = text[start : m.end(1)]
            if pattern is _STREET and not _street_ok(street):
                continue
            if not m.group(2) and _PERSON_TITLE_BEFORE.search(text, max(0, start - 12), start):
                continue  # "mevrouw Bakker op de Kruiskade": a person, not the street "Bakker"
            if (
                pattern is _LAAN_VAN
                and not m.group(2)
                and m.group(1).split()[0] in _TITLE_STREET_WORDS
                and not _STREET_BEFORE.search(text, max(0, start - 12), start)
            ):
                continue  # "Dr. Jansen zag hem": a person, unless "aan de"/a house number
            end = m.end(2) if m.group(2) else m.end(1)
            yield Finding(start, end, Label.ADRES, text[start:end], "adres")
    if street_hint:
        yield from _lowercase_streets(text)


# A street typed in lowercase ("op de beijerlandselaan", "van speijkstraat 14"): one word
# with a street ending that is no Dutch word, or any such word with a house number.
_LOWER_STREET = re.compile(
    r"(?<![\w-])((?:(?:[1-9]e|eerste|tweede|derde)[ \t]+)?"
    r"(?:(?:groene|oude|nieuwe|korte|lange|hoge|lage|grote|kleine|sint|"
    r"burgemeester|noord|oost|zuid|west)[ \t-])?"
    rf"(?:van\s+)?[a-zà-ÿ][a-zà-ÿ'-]{{2,30}}?(?:{_STREET_ENDINGS}))(?![\w-])"
    rf"({_HOUSE_NUMBER})?"
)
_BEFORE_VAN = re.compile(r"(?:^|[,;:(\n]|\b(?:op|aan|in|de|naar|bij|adres|woont))\s*$")


_STREET_ORDINAL = re.compile(r"(?:[1-9]e|eerste|tweede|derde)[ \t]+")


# In a dictated note: "aan de hugo de grootstraat", "op de jan van goyenstraat": a person's
# name before the street is the street's. A first name, or a word and a particle.
_NAME_BEFORE_LOWER_STREET = re.compile(
    r"(?<![\w-])(?:aan|op|in|naar|bij)[ \t]+de[ \t]+([a-zà-ÿ]{2,15})[ \t]+"
    r"((?:(?:van|de|der|den|ter|ten|van[ \t]+de|van[ \t]+der|van[ \t]+den)[ \t]+)?)$"
)
# and its house number read out: "vlashof zeventien", not "rozenhof twee jaar"
_SPOKEN_HOUSE_NUMBER = re.compile(
    rf"[ \t]+({NUMBER_WORD_PATTERN})(?![\w-])"
    r"(?![ \t]+(?:jaar|jaren|maanden|maand|weken|week|dagen|dag|keer|uur|minuten|kinderen"
    r"|mensen|personen|euro|procent)\b)"
)


def _lowercase_streets(text: str) -> Iterator[Finding]:
    words = dutch_words()
    known_first_names = first_names()
    for m in _LOWER_STREET.finditer(text):
        name = m.group(1)
        start = m.start(1)
        ordinal = _STREET_ORDINAL.match(name)
        if ordinal is not None:  # "1e middellandstraat": the ordinal is the street's
            name = name[ordinal.end() :]
        if name.startswith("van") and name[3:4].isspace():
            if not _BEFORE_VAN.search(text, max(0, start - 12), start):
                start = m.start(1) + len(name) - len(name.split()[-1])
            name = name.split()[-1]
        adjective = re.match(r"[a-z]+[ \t-]", name) if ordinal is None else None
        if adjective and not m.group(2):
            start += adjective.end()  # "groene kruisweg" without a number: only the word
            name = name[adjective.end() :]
        elif adjective:
            name = name[adjective.end() :]
        if name in _NOT_STREETS:
            continue
        if (name in common_words() or name in place_names()) and not m.group(2):
            continue
        if name in words and not m.group(2):
            continue
        end = m.end(2) if m.group(2) else m.end(1)
        if not m.group(2):
            spoken = _SPOKEN_HOUSE_NUMBER.match(text, end)
            if spoken is not None and spoken.group(1) not in ("een", "één"):
                end = spoken.end(1)
        named = _NAME_BEFORE_LOWER_STREET.search(text, max(0, start - 40), start)
        if named is not None and (named.group(2) or named.group(1) in known_first_names):
            start = named.start(1)
        yield Finding(start, end, Label.ADRES, text[start:end], "adres-klein")


_REGION_WORDS = keyword_pattern((p.lower() for p in REGION_PLACES), space=" ")
_REGION = re.compile(rf"(?<![\w-])(?i:{_REGION_WORDS})(?![\w-])")
_PLACE_WORD_LIST = (
    "in de wijk", "in de buurt", "in het dorp", "wijk", "woont in", "wonen in",
    "woonde in", "woonden in", "verhuisd naar", "opgegroeid in", "uit", "in", "naar",
    "te", "bij",
)  # fmt: skip
_PLACE_WORDS = keyword_pattern(_PLACE_WORD_LIST)
_PLACE_CONTEXT = re.compile(
    rf"\b(?i:{_PLACE_WORDS})\s+"
    rf"({_CAPWORD}(?:[- ](?:aan|op|en|de|den|der|[A-ZÀ-Ý][\w'\u2019]*))*)"
)
_LOWER_PLACE_WORD_LIST = ("in", "uit", "naar", "te", "bij", "rond", "richting", "wijk")
_LOWER_PLACE_WORDS = keyword_pattern(_LOWER_PLACE_WORD_LIST)
_LOWER_PLACE = re.compile(
    rf"\b(?:{_LOWER_PLACE_WORDS})\s+([a-zà-ÿ][a-zà-ÿ'-]+(?:\s[a-zà-ÿ'-]+){{0,3}})"
)
_REGION_FIRST_WORDS = first_words(REGION_PLACES)
_PLACE_FIRST_WORDS = first_words(_PLACE_WORD_LIST)
_LOWER_PLACE_FIRST_WORDS = first_words(_LOWER_PLACE_WORD_LIST)
# Capitalised words after "in"/"uit" that are not places.
_NOT_PLACES = frozenset(
    {
        "januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus",
        "september", "oktober", "november", "december", "groep", "klas", "stap", "fase",
        "overleg", "gesprek", "paniek", "beeld", "principe", "totaal",
    }
)  # fmt: skip


# "van Paramaribo naar de Bijlmer": both ends of a move are places
_MOVE = re.compile(
    rf"\bvan\s+({_CAPWORD}(?:[- ][A-ZÀ-Ý][\w'\u2019]*)?)\s+naar\s+(?:de\s+|het\s+)?"
    rf"({_CAPWORD}(?:[- ][A-ZÀ-Ý][\w'\u2019]*)?)"
)
# a part of town after a place: "schiedam oost", "Den Haag Zuidwest"
_QUARTER_AFTER = re.compile(
    r"[ \t-](?:oost|west|noord|zuid|centrum|zuidwest|zuidoost|noordwest|noordoost)(?![\w-])",
    re.IGNORECASE,
)
# a street named without a street-type word: "aan de Schans", "op de Bree"
_AAN_DE = re.compile(r"\b(?:aan|op)\s+de\s+([A-ZÀ-Ý][a-zà-ÿ'-]{2,})(?![\w-])(?!\s+[A-Z])")
_HOUSE_NUMBER_AFTER = re.compile(rf"{_HOUSE_NUMBER}(?![\w-])(?!\s+{_NOT_AFTER_NUMBER})")
_AAN_DE_LOWER = re.compile(
    r"\b(?:aan|op)\s+de\s+([a-zà-ÿ][a-zà-ÿ'-]{3,})"
    rf"{_HOUSE_NUMBER}(?![\w-])(?!\s+{_NOT_AFTER_NUMBER})"
)
_AAN_OP = frozenset({"aan", "op"})
# two capitalised words, the first an adjective that opens street names: "aan de Oude
# Watering", "op de Lange Hilleweg" (round 13b; "aan de Schans" alone is _AAN_DE)
_AAN_DE_ADJECTIVE = re.compile(
    r"\b(?:aan|op)\s+de\s+((?:Oude|Nieuwe|Korte|Lange|Hoge|Lage|Grote|Kleine|Groene|Brede)"
    r"[ \t]+[A-ZÀ-Ý][a-zà-ÿ'-]{2,})(?![\w-])(?![ \t]+[A-Z])"
)
_STREET_ADJECTIVE_KEYS = ("Oude ", "Nieuwe ", "Korte ", "Lange ", "Hoge ", "Lage ", "Grote ",
                          "Kleine ", "Groene ", "Brede ")  # fmt: skip
# typed without capitals and without a number, a word no list holds where someone lives
# or meets: "haar flat aan de zwaanshals", "de locatie aan de keizerswaard" (round 13b;
# "op de groepsapp" has no such word before it)
# and the word ends in a part of a place's or street's name ("-hals", "-waard", "-horst"),
# not in one of a building's or a service's ("op de leefgroep", "aan de galerijkant")
_AAN_DE_LOWER_BARE = re.compile(
    r"\b(?:aan|op)\s+de\s+([a-zà-ÿ][a-zà-ÿ'-]{2,}(?:hals|waard|weerd|horst|daal|dal|hoek|rak|"
    r"oord|hove|veen|burg|berg|kamp|weide|gaarde|hout|bos|laar|beemd|vliet|meer|donk|heuvel|"
    r"stede|stein|broek|woude|wold|schans|dam|bocht|hage|kreek|plaat|lust|zicht|rust))"
    r"(?![\w-])"
)
_RESIDENCE_BEFORE = re.compile(
    r"\b(?:woont|wonen|woonde|woonden|woning|huis|huisje|flat|flatje|portiek|adres|locatie|"
    r"verhuisd|verhuizen|verhuist|kantoor|winkel|winkelcentrum|café|ingang)\b[^.!?\n]{0,25}$"
)
# a street and its number after the address field: "Adres: Binnenban 12bis" (a street
# name without a street-type word, which deduce reads as a name)
_ADDRESS_FIELD = re.compile(
    rf"(?<![\w-])(?i:adres|woonadres|postadres|verblijfsadres|bezoekadres)[ \t]*:[ \t]*"
    rf"((?:{_CAPWORD}[ \t]+){{0,2}}{_CAPWORD}{_HOUSE_NUMBER})(?![\w-])"
    rf"(?![ \t]+{_NOT_AFTER_NUMBER})"
)
_LONG_LOWER_PLACE = re.compile(r"[a-zà-ÿ](?<![\w-].)[a-zà-ÿ-]{7,}(?![\w-])")


_HYPHEN_QUARTER = re.compile(
    r"([a-zà-ÿ][a-zà-ÿ' -]+)-(?:oost|west|noord|zuid|centrum|zuidwest|zuidoost|noordwest|"
    r"noordoost)"
)


def _with_quarter(text: str, start: int, end: int) -> int:
    quarter = _QUARTER_AFTER.match(text, end)
    return quarter.end() if quarter else end


@distinct
def find_places(text: str) -> Iterator[Finding]:
    """Neighbourhoods of the region, lowercase place names, places after "in"/"uit"."""
    for m in finditer_words(_REGION, _REGION_FIRST_WORDS, text):
        yield Finding(m.start(), m.end(), Label.PLAATS, m.group(0), "plaats")
    places = place_names()
    if " naar " in text:
        for m in _MOVE.finditer(text):
            for group in (1, 2):
                value = m.group(group)
                first = value.split()[0].lower()
                if first in COUNTRIES or first in common_words() or is_not_name(value):
                    continue
                yield Finding(m.start(group), m.end(group), Label.PLAATS, value, "plaats")
    if " de " in text:
        for m in _AAN_DE.finditer(text):
            word = m.group(1)
            if word.lower() in common_words() or is_not_name(word) or word.lower() in places:
                continue
            # "op de Zalmplaat 19": the house number belongs to the street
            number = _HOUSE_NUMBER_AFTER.match(text, m.end(1))
            end = number.end() if number is not None else m.end(1)
            yield Finding(m.start(1), end, Label.ADRES, text[m.start(1) : end], "adres")
        # typed without capitals, a word no dictionary holds with a house number: "op de
        # beukendaal 23b"; a word the dictionary holds too where someone lives ("ze woont op
        # de slinge 120", round 13b; "ik zat op de bank 3 uur" has neither)
        for m in finditer_words(_AAN_DE_LOWER, _AAN_OP, text):
            word = m.group(1)
            if word in common_words() or word in places:
                continue
            if word in dutch_words() and not _RESIDENCE_BEFORE.search(
                text, max(0, m.start() - 40), m.start()
            ):
                continue
            yield Finding(m.start(1), m.end(), Label.ADRES, text[m.start(1) : m.end()], "adres")
        if contains_any(text, _STREET_ADJECTIVE_KEYS):
            for m in _AAN_DE_ADJECTIVE.finditer(text):
                if is_not_name(m.group(1)) or m.group(1).lower() in places:
                    continue
                number = _HOUSE_NUMBER_AFTER.match(text, m.end(1))
                end = number.end() if number is not None else m.end(1)
                yield Finding(m.start(1), end, Label.ADRES, text[m.start(1) : end], "adres")
        for m in _AAN_DE_LOWER_BARE.finditer(text):
            word = m.group(1)
            if (
                not is_unknown_word(word)
                or word in first_names()
                or _HOUSE_NUMBER_AFTER.match(text, m.end(1))  # _AAN_DE_LOWER
                or not _RESIDENCE_BEFORE.search(text, max(0, m.start() - 40), m.start())
            ):
                continue
            yield Finding(m.start(1), m.end(1), Label.ADRES, word, "adres-klein")
    if ":" in text:
        for m in _ADDRESS_FIELD.finditer(text):
            street = m.group(1)
            if is_not_name(street.split()[0]):
                continue
            yield Finding(m.start(1), m.end(1), Label.ADRES, street, "adres")
    # a long lowercase word that is a Dutch place needs no word before it: "hellevoetsluis"
    for m in _LONG_LOWER_PLACE.finditer(text):
        word = m.group(0)
        if word in places:
            end = _with_quarter(text, m.start(), m.end())
            yield Finding(m.start(), end, Label.PLAATS, text[m.start() : end], "plaats")
    for m in finditer_words(_LOWER_PLACE, _LOWER_PLACE_FIRST_WORDS, text):
        words = m.group(1).split(" ")
        # the longest run of words that is a known place ("berkel en rodenrijs")
        if words[0] in common_words():
            continue
        quarter = _HYPHEN_QUARTER.fullmatch(words[0].rstrip(".,;:"))
        if quarter is not None and quarter.group(1) in places:
            start = m.start(1)  # "in kralingen-west", "naar rotterdam-zuid"
            end = start + len(words[0].rstrip(".,;:"))
            yield Finding(start, end, Label.PLAATS, text[start:end], "plaats")
            continue
        for n in range(len(words), 0, -1):
            candidate = " ".join(words[:n])
            if candidate in places:
                start = m.start(1)
                end = _with_quarter(text, start, start + len(candidate))
                yield Finding(start, end, Label.PLAATS, text[start:end], "plaats")
                break
    for m in finditer_words(_PLACE_CONTEXT, _PLACE_FIRST_WORDS, text):
        value = m.group(1)
        first = value.split()[0].lower().rstrip(".,")
        if first in _NOT_PLACES or first in COUNTRIES or is_not_name(value):
            continue
        if first in common_words() or first.endswith("."):
            continue
        core = _LINK_TAIL.sub("", value)
        if core.lower() not in places and (
            (core.isupper() and len(core) <= 4) or _INNER_CAPITAL.search(core)
        ):
            continue  # "in NL", "bij de GGZ", "in ParnasSys": an abbreviation or a product
        start, end = m.start(1), m.end(1)
        while end > start and text[end - 1] in ".,;:'\u2019":
            end -= 1
        yield from _split_at_en(text, start, end, places)


_LINK_TAIL = re.compile(r"(?:[ -](?:aan|op|en|de|den|der))+$")
_INNER_CAPITAL = re.compile(r"^[A-ZÀ-Ý][a-zà-ÿ]+[A-ZÀ-Ý]\w*$")
_STREET_AFTER = re.compile(r" (?:op|aan) (?:de |het )?[A-ZÀ-Ý]")


def _split_at_en(text: str, start: int, end: int, places: frozenset[str]) -> Iterator[Finding]:
    """ "Kralingen-West en Lombardijen" are two places; "Berkel en Rodenrijs" is one (a
    run of parts joined by "en" that is a known place stays whole)."""
    value = text[start:end]
    if value.lower() not in places and (cut := _STREET_AFTER.search(value)) is not None:
        end = start + cut.start()  # "Feijenoord op de Putselaan": the place, then a street
        value = text[start:end]
    if " en " not in value or value.lower() in places:
        yield Finding(start, end, Label.PLAATS, value, "plaats-context")
        return
    parts = value.split(" en ")
    offsets = []
    position = start
    for part in parts:
        offsets.append((position, position + len(part)))
        position += len(part) + 4
    i = 0
    while i < len(parts):
        j = len(parts)
        while j > i + 1 and " en ".join(parts[i:j]).lower() not in places:
            j -= 1
        piece_start, piece_end = offsets[i][0], offsets[j - 1][1]
        piece = text[piece_start:piece_end]
        if piece[:1].isupper() and piece.lower() not in common_words():
            yield Finding(piece_start, piece_end, Label.PLAATS, piece, "plaats-context")
        i = j


# --- addresses abroad: families with relatives in Poland, Germany, France, England, the
# US ("ul. Długa 44/3", "14 rue de la République", "Aachener Straße 203", "42 Baker
# Street", "1200 Maple Avenue") -----------------------------------------------------------
_CAP = r"[A-ZÀ-ÖØ-ÞĀ-Ž][\w'\u2019-]+"
_FOREIGN_NUMBER = r"\d{1,5}(?:[/-]\d{1,4}|[a-zA-Z](?![\w]))?(?![\w/])"
_FOREIGN_PARTICLE = r"(?:de|la|du|des|del|della|di|da|do|dos|das|le|les|l'|d')"
_FOREIGN_PREFIXED = re.compile(
    rf"(?<![\w-])(?:{_FOREIGN_NUMBER},?[ \t]+)?"
    r"(?:ul\.|ulica|(?i:rue|calle|avenida|rua)|plac|aleja)[ \t]+"
    rf"(?:{_FOREIGN_PARTICLE}[ \t]*)*{_CAP}"
    rf"(?:[ \t]+(?:{_FOREIGN_PARTICLE}[ \t]+)*{_CAP})*"
    rf"(?:,?[ \t]+{_FOREIGN_NUMBER})?"
)
_GERMAN_STREET = re.compile(
    rf"(?<![\w-])(?:[A-ZÄÖÜ][\wäöüß-]*(?:straße|strasse|gasse)(?:[ \t]+{_FOREIGN_NUMBER})?"
    rf"|[A-ZÄÖÜ][\wäöüß-]+[ \t]+(?:Straße|Strasse|Allee|Gasse|Chaussee|Damm|Ring)"
    rf"[ \t]+{_FOREIGN_NUMBER})"
)
_ENGLISH_STREET = re.compile(
    rf"(?<![\w-])(?:{_FOREIGN_NUMBER},?[ \t]+(?:{_CAP}[ \t]+){{1,3}}"
    r"(?:Street|Road|Avenue|Lane|Drive|Close|Crescent|Boulevard|Terrace|Gardens|Court|Square"
    r"|St|Rd|Ave|Blvd)\b\.?"
    rf"|(?:{_CAP}[ \t]+){{1,3}}(?:Street|Road|Avenue|Lane|Drive|Close|Crescent|Terrace)"
    rf"[ \t]+{_FOREIGN_NUMBER})"
)
# "de Charloisse Hoofd", "de Schiedamse Dijk": a place's adjective and a street's noun as two
# capitalised words (one word, "Schiedamseweg", is found by find_streets)
_ADJECTIVE_STREET = re.compile(
    r"(?<=\bde[ \t])[A-ZÀ-Ý][a-zà-ÿ]{2,}s(?:ch)?e[ \t]+(?:Hoofd|Dijk|Weg|Kade|Dreef|Singel|Zoom)"
    rf"(?![\w-])(?:[ \t]+{_FOREIGN_NUMBER})?"
)
# cheap substring tests first: most texts hold none of these words
_PREFIXED_KEYS = ("ul.", "ulica", "rue ", "Rue ", "calle", "Calle", "avenida", "Avenida", "rua ",
                  "Rua ", "plac ", "aleja")  # fmt: skip
_GERMAN_KEYS = ("straße", "Straße", "strasse", "Strasse", "gasse", "Gasse", "Allee", "Chaussee",
                "Damm", "Ring")  # fmt: skip
_ENGLISH_KEYS = ("Street", "Road", "Avenue", "Lane", "Drive", "Close", "Crescent", "Boulevard",
                 "Terrace", "Gardens", "Court", "Square", "St", "Rd", "Ave", "Blvd")  # fmt: skip
_ADJECTIVE_KEYS = ("Hoofd", "Dijk", "Weg", "Kade", "Dreef", "Singel", "Zoom")


def _holds(text: str, keys: tuple[str, ...]) -> bool:
    return any(key in text for key in keys)


def find_foreign_addresses(text: str) -> Iterator[Finding]:
    """Streets abroad with their house numbers, in the forms of their countries (and "de
    Charloisse Hoofd")."""
    if _holds(text, _ADJECTIVE_KEYS):
        for m in _ADJECTIVE_STREET.finditer(text):
            adjective = m.group(0).split()[0]
            stem = adjective[:-4] if adjective.endswith("sche") else adjective[:-2]
            if stem.lower() in place_names():  # "Charloisse": Charlois; not "Nederlandse"
                yield Finding(m.start(), m.end(), Label.ADRES, m.group(0), "adres")
    for key, pattern in (
        (_PREFIXED_KEYS, _FOREIGN_PREFIXED),
        (_GERMAN_KEYS, _GERMAN_STREET),
        (_ENGLISH_KEYS, _ENGLISH_STREET),
    ):
        if not _holds(text, key):
            continue
        for m in pattern.finditer(text):
            end = m.end() - (text[m.end() - 1] == ".")
            if end - m.start() < 6:
                continue
            yield Finding(m.start(), end, Label.ADRES, text[m.start() : end], "adres-buitenland")


DETECTORS = (find_streets, find_places, find_foreign_addresses)
