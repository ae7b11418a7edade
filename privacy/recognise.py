"""Recognisability: details that identify a family without any name.

A scan removes names and numbers, but a family can still be recognised from what is
left: a small municipality, an exact age together with a rare event, a parent's
profession, an exact date, the make-up of the family. :func:`quasi_identifiers` lists
such details with their kind, span and a Dutch suggestion for the author;
:func:`recognisability` adds a simple risk level for the moderator.

Risk level (documented in docs/privacy.md):

- ``"laag"``: no quasi-identifier found;
- ``"midden"``: one or two kinds of quasi-identifier;
- ``"hoog"``: three or more kinds, or a small municipality (or a neighbourhood)
  together with any other kind: in a village one more detail is enough.

Plain Python and word lists only (no deduce): cheap enough for every keystroke check.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from enum import StrEnum
from typing import Literal

from privacy.detectors.ages import find_ages
from privacy.detectors.dates import find_dates
from privacy.detectors.lexicon import REGION_PLACES, common_words, place_names
from privacy.errors import check_text


class Kind(StrEnum):
    """The kinds of quasi-identifier; the value is what the moderator screen shows."""

    KLEINE_GEMEENTE = "kleine gemeente"
    WIJK = "wijk"
    LEEFTIJD_MET_GEBEURTENIS = "leeftijd met gebeurtenis"
    BEROEP = "beroep van een ouder"
    DATUM = "exacte datum"
    GEZIN = "gezinssamenstelling"


#: The Dutch suggestion shown to the author for each kind.
ADVICE: dict[Kind, str] = {
    Kind.KLEINE_GEMEENTE: "Noem liever 'een gemeente in de regio' dan de gemeente.",
    Kind.WIJK: "Noem liever 'een wijk in de stad' dan de wijk.",
    Kind.LEEFTIJD_MET_GEBEURTENIS: (
        "Noem liever een leeftijdsgroep ('een tiener', 'een jong kind') dan de exacte "
        "leeftijd bij deze gebeurtenis."
    ),
    Kind.BEROEP: ("Noem liever geen beroep, of een algemene omschrijving ('werkt in de zorg')."),
    Kind.DATUM: "Noem liever de periode ('in het najaar') dan de exacte datum.",
    Kind.GEZIN: (
        "Noem liever 'een gezin met kinderen' dan het precieze aantal kinderen en hun leeftijden."
    ),
}

Level = Literal["laag", "midden", "hoog"]


@dataclass(frozen=True, slots=True)
class QuasiIdentifier:
    """One detail that can make a family recognisable: ``text[start:end]``."""

    kind: Kind
    start: int
    end: int
    text: str
    advice: str


@dataclass(frozen=True, slots=True)
class Assessment:
    """How recognisable a text is: a level and the details behind it."""

    level: Level
    items: tuple[QuasiIdentifier, ...]

    @property
    def kinds(self) -> frozenset[Kind]:
        """The distinct kinds of quasi-identifier found."""
        return frozenset(item.kind for item in self.items)


#: Cities too large for their name to narrow a family down (over ~100,000 people), and
#: the region's name itself.
BIG_CITIES: frozenset[str] = frozenset(
    {
        "rotterdam", "den haag", "'s-gravenhage", "amsterdam", "utrecht", "eindhoven",
        "groningen", "tilburg", "almere", "breda", "nijmegen", "apeldoorn", "haarlem",
        "arnhem", "enschede", "amersfoort", "zaanstad", "zoetermeer", "zwolle",
        "leiden", "maastricht", "dordrecht", "ede", "alphen aan den rijn", "alkmaar",
        "emmen", "delft", "westland", "venlo", "deventer", "sittard-geleen", "helmond",
        "oss", "hilversum", "rijnmond", "rotterdam-rijnmond", "nederland",
    }
)  # fmt: skip
_NEIGHBOURHOODS = frozenset(p.lower() for p in REGION_PLACES)

_RARE_EVENTS = (
    r"overleden|overleed|overlijden|gestorven|stierf|zelfmoord|suïcide|suicide|"
    r"zelfdoding|verdronken|verongelukt|ongeluk|brand|verkracht|verkrachting|misbruikt|"
    r"zwanger|bevallen|bevalling|geboren|uit\s+huis\s+geplaatst|ontvoerd|vermist|"
    r"gearresteerd|opgepakt|doodgestoken|neergestoken|moord|vermoord|besneden|"
    r"uitgehuwelijkt|gevlucht|opgenomen|reanimatie|gereanimeerd|in\s+coma|amputatie|"
    r"aanslag|schietpartij|steekpartij|eerwraak"
)
_RARE_EVENT = re.compile(rf"\b(?:{_RARE_EVENTS})\b", re.IGNORECASE)
_SENTENCE = re.compile(r"[^.!?\n]+[.!?]?")

_PROFESSIONS = (
    r"politieagent|agent|wijkagent|rechercheur|huisarts|arts|tandarts|chirurg|psychiater|"
    r"verpleegkundige|verpleger|leraar|lerares|docent|juf|meester|directeur|schoolleider|"
    r"wethouder|burgemeester|raadslid|rechter|advocaat|notaris|officier\s+van\s+justitie|"
    r"predikant|dominee|pastoor|imam|rabbijn|militair|soldaat|marinier|brandweerman|"
    r"buschauffeur|taxichauffeur|vrachtwagenchauffeur|chauffeur|piloot|journalist|"
    r"voetballer|profvoetballer|zanger|zangeres|artiest|bekende\s+nederlander|"
    r"ondernemer|eigenaar|bakker|slager|kapper|kapster|apotheker|dierenarts|boer|"
    r"tuinder|visser|havenwerker|beveiliger|gevangenisbewaarder|jeugdwerker|"
    r"maatschappelijk\s+werker|jeugdconsulent|wijkverpleegkundige|verloskundige|"
    r"kinderarts|hoogleraar|onderzoeker|ambtenaar|politicus|bestuurder|topman|manager"
)
_PARENT = r"vader|moeder|papa|mama|stiefvader|stiefmoeder|ouders?|man|vrouw|partner|ex"
_PROFESSION = re.compile(
    rf"\b(?:{_PARENT})\b[^.!?\n]{{0,40}}?\b(?:is|was|werkt\s+als|werkte\s+als|"
    rf"is\s+van\s+beroep|zijn\s+beide)\s+(?:een\s+|de\s+|bekende\s+)?({_PROFESSIONS})\b"
    rf"|\b(?:{_PARENT})\s*,\s*(?:een\s+)?({_PROFESSIONS})\b",
    re.IGNORECASE,
)

_COUNT_WORDS = {"vier": 4, "vijf": 5, "zes": 6, "zeven": 7, "acht": 8, "negen": 9, "tien": 10,
                "elf": 11, "twaalf": 12}  # fmt: skip
_MANY_CHILDREN = re.compile(
    r"\b(\d{1,2}|vier|vijf|zes|zeven|acht|negen|tien|elf|twaalf)\s+"
    r"(?:kinderen|kids|zonen|dochters|broers|zussen|broertjes|zusjes)\b"
    r"|\b(?:tweeling|drieling|vierling|eeneiige\s+tweeling|enig\s+kind)\b",
    re.IGNORECASE,
)
_AGE_LIST_CONTEXT = re.compile(
    r"\b(?:kinderen|kids|zonen|dochters|jongens|meisjes|broers|zussen)\b", re.IGNORECASE
)
_WORD = re.compile(r"[^\W\d_][\w'-]*")


def quasi_identifiers(text: str) -> list[QuasiIdentifier]:
    """Every detail in ``text`` that can make a family recognisable, in reading order."""
    check_text(text)
    items = [*_places(text), *_ages_with_events(text), *_professions(text)]
    items += [_item(Kind.DATUM, text, f.start, f.end) for f in find_dates(text)]
    items += list(_family(text))
    unique = {(i.kind, i.start, i.end): i for i in items}
    return sorted(unique.values(), key=lambda i: (i.start, i.end, i.kind))


def recognisability(text: str) -> Assessment:
    """The quasi-identifiers of ``text`` and a risk level: "laag", "midden" or "hoog"."""
    items = tuple(quasi_identifiers(text))
    kinds = {item.kind for item in items}
    small_place = bool(kinds & {Kind.KLEINE_GEMEENTE, Kind.WIJK})
    level: Level
    if not kinds:
        level = "laag"
    elif len(kinds) >= 3 or (small_place and len(kinds) >= 2):
        level = "hoog"
    else:
        level = "midden"
    return Assessment(level=level, items=items)


def _item(kind: Kind, text: str, start: int, end: int) -> QuasiIdentifier:
    return QuasiIdentifier(kind, start, end, text[start:end], ADVICE[kind])


def _places(text: str) -> Iterator[QuasiIdentifier]:
    """Known places that are not big cities, and neighbourhoods (up to three words)."""
    places = place_names()
    words = list(_WORD.finditer(text))
    i = 0
    while i < len(words):
        for n in (4, 3, 2, 1):
            if i + n > len(words):
                continue
            start, end = words[i].start(), words[i + n - 1].end()
            value = text[start:end]
            key = " ".join(value.lower().split())
            if key in BIG_CITIES or not (key in places or key in _NEIGHBOURHOODS):
                continue
            if not _place_like(text, words, i, n, value):
                continue
            kind = Kind.WIJK if key in _NEIGHBOURHOODS else Kind.KLEINE_GEMEENTE
            yield _item(kind, text, start, end)
            i += n - 1
            break
        i += 1


_NAME_PARTS = frozenset({"van", "de", "den", "der", "ter", "ten", "het"})


def _place_like(text: str, words: list[re.Match[str]], i: int, n: int, value: str) -> bool:
    """Written like a place, not like part of a name or an ordinary word."""
    if value[:1].islower():
        # typed without capitals: only a long name of one word ("hellevoetsluis")
        return n == 1 and len(value) >= 6 and text.islower()
    if i > 0:
        before = words[i - 1].group(0)
        if before.lower() in _NAME_PARTS or (
            before[:1].isupper() and before.lower() not in common_words()
        ):
            return False  # "Graaf Florisstraat", "Van den Berg", "Woonzorgcentrum X"
    if i + n < len(words):
        after = words[i + n]
        between = text[words[i + n - 1].end() : after.start()]
        if after.group(0)[:1].isupper() and between.strip() == "":
            return False  # "De Linde Praktijk", "Horst Janssen"
    return True


def _ages_with_events(text: str) -> Iterator[QuasiIdentifier]:
    """An exact age in the same sentence as a rare event."""
    ages = list(find_ages(text))
    if not ages:
        return
    for sentence in _SENTENCE.finditer(text):
        if not _RARE_EVENT.search(sentence.group(0)):
            continue
        for age in ages:
            if sentence.start() <= age.start < sentence.end():
                yield _item(Kind.LEEFTIJD_MET_GEBEURTENIS, text, age.start, age.end)


def _professions(text: str) -> Iterator[QuasiIdentifier]:
    for m in _PROFESSION.finditer(text):
        group = 1 if m.group(1) else 2
        yield _item(Kind.BEROEP, text, m.start(group), m.end(group))


def _family(text: str) -> Iterator[QuasiIdentifier]:
    """Many children, twins, an only child, or a list of the children's ages."""
    for m in _MANY_CHILDREN.finditer(text):
        count = m.group(1)
        if count is not None:
            value = int(count) if count.isdigit() else _COUNT_WORDS.get(count.lower(), 0)
            if value < 4:
                continue
        yield _item(Kind.GEZIN, text, m.start(), m.end())
    ages = list(find_ages(text))
    for sentence in _SENTENCE.finditer(text):
        inside = [a for a in ages if sentence.start() <= a.start < sentence.end()]
        if len(inside) >= 3 and _AGE_LIST_CONTEXT.search(sentence.group(0)):
            yield _item(Kind.GEZIN, text, inside[0].start, inside[-1].end)
