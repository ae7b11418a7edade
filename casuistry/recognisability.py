"""The "herkenbaarheid" panel: quasi-identifiers a scan does not remove, for the
moderator to weigh (a small municipality, an exact age, a parent's profession, a date).

A small casuistry-side list of coarse signals until ``privacy`` offers
``quasi_identifiers``; it flags, it never changes text."""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

# Municipalities and well-known places of the region Rotterdam-Rijnmond.
REGION_PLACES = (
    "Albrandswaard",
    "Barendrecht",
    "Bergschenhoek",
    "Berkel en Rodenrijs",
    "Bleiswijk",
    "Brielle",
    "Capelle aan den IJssel",
    "Goeree-Overflakkee",
    "Hellevoetsluis",
    "Hoeksche Waard",
    "Hoogvliet",
    "Krimpen aan den IJssel",
    "Lansingerland",
    "Maassluis",
    "Nissewaard",
    "Pernis",
    "Poortugaal",
    "Rhoon",
    "Ridderkerk",
    "Rotterdam",
    "Rozenburg",
    "Schiedam",
    "Spijkenisse",
    "Vlaardingen",
    "Voorne aan Zee",
    "Westvoorne",
)

PROFESSIONS = (
    "agent",
    "arts",
    "burgemeester",
    "dominee",
    "huisarts",
    "imam",
    "juf",
    "leerkracht",
    "leraar",
    "meester",
    "notaris",
    "politieagent",
    "predikant",
    "rechter",
    "tandarts",
    "wethouder",
    "wijkagent",
)

MONTHS = "januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december"
WEEKDAYS = "maandag|dinsdag|woensdag|donderdag|vrijdag|zaterdag|zondag"


@dataclass(frozen=True)
class Signal:
    kind: Promise
    excerpt: str
    part: str


_PATTERNS: tuple[tuple[Promise, re.Pattern[str]], ...] = (
    (
        _("Plaats in de regio"),
        re.compile(r"\b(?:" + "|".join(re.escape(p) for p in REGION_PLACES) + r")\b", re.I),
    ),
    (
        _("Precieze leeftijd"),
        re.compile(r"\b\d{1,3}[- ]?(?:jaar|jarige?)\b|\(\d{1,2}\)", re.I),
    ),
    (
        _("Beroep van een ouder of familielid"),
        re.compile(
            r"\b(?:vader|moeder|ouders?|stiefvader|stiefmoeder|opa|oma|oom|tante)\b"
            r"[^.\n]{0,40}?\b(?:" + "|".join(PROFESSIONS) + r")\b",
            re.I,
        ),
    ),
    (
        _("Datum of dag"),
        re.compile(
            rf"\b(?:\d{{1,2}} (?:{MONTHS})|(?:{WEEKDAYS}) \d{{1,2}}|kerst|oud en nieuw|"
            r"pasen|carnaval|suikerfeest|offerfeest)\b",
            re.I,
        ),
    ),
)


def signals(texts: dict[str, str]) -> list[Signal]:
    """Every coarse signal in ``texts`` (part key -> redacted text), in reading order."""
    found: list[Signal] = []
    for part, text in texts.items():
        for kind, pattern in _PATTERNS:
            for match in pattern.finditer(text):
                found.append(Signal(kind=kind, excerpt=match.group(0), part=part))
    return found
