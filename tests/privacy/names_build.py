"""Write ``privacy/data/world_names.txt.gz``: first names and surnames of the region's
communities, from the person lists of Faker (MIT licence, see ``privacy/data/NOTICE``).

    python tests/privacy/names_build.py

Faker is a development dependency (through factory-boy); the engine reads only the
written list. Names in Cyrillic are transliterated with Faker's own Ukrainian table (the
spelling of Ukrainian passports: "Oleksandr", "Mykola"); names in other scripts are
left out. Every name is lowercased; names of fewer than three letters are left out, and
so are names that are also a frequent Dutch word (a Zipf frequency in Dutch of
``MAX_ZIPF`` or more in wordfreq 3.1.1: "frans", "elke", "server"), so that a lowercase
name of the list is a name, not a word. Building needs Faker and wordfreq 3.1.1
(``pip install wordfreq==3.1.1`` in a scratch environment: it is no dependency of the
project); the engine reads only the written lists.
"""

from __future__ import annotations

import gzip
import importlib
import sys
import unicodedata
from collections.abc import Callable, Iterable
from pathlib import Path

#: Faker locales whose names the region's communities carry: Turkish, Ukrainian,
#: Russian-speaking, Polish, Maghrebi (French spelling), Portuguese and Brazilian
#: (Cape Verdean), Kenyan and Swahili lists (Somali and East African names), Nigerian,
#: Indonesian (Javanese Surinamese), Indian (Hindustani Surinamese, English spelling),
#: Dutch and Belgian Dutch.
LOCALES = (
    "tr_TR", "uk_UA", "ru_RU", "pl_PL", "fr_DZ", "pt_PT", "pt_BR", "en_KE", "sw",
    "en_NG", "ha_NG", "yo_NG", "ig_NG", "id_ID", "en_IN", "nl_NL", "nl_BE",
)  # fmt: skip
FIRST_NAME_ATTRIBUTES = ("first_names", "first_names_male", "first_names_female")
SURNAME_ATTRIBUTES = (
    "last_names", "last_names_male", "last_names_female", "unisex_last_names",
    "male_last_names", "female_last_names",
)  # fmt: skip
#: A name that is a Dutch word at least this frequent (Zipf scale: 3 is once per
#: million words) is left out: "oleksandr" (2.7) stays, "jürgen" (3.1) stays, "frans" goes.
MAX_ZIPF = 3.2
DATA = Path(__file__).resolve().parents[2] / "privacy" / "data"
OUT = {"first": DATA / "world_first_names.txt.gz", "last": DATA / "world_surnames.txt.gz"}


def _values(provider: type, attributes: tuple[str, ...]) -> Iterable[str]:
    for attribute in attributes:
        value = getattr(provider, attribute, None)
        if value:
            yield from (value.keys() if isinstance(value, dict) else value)


def _latin(name: str, translit: Callable[[str], str]) -> str | None:
    lowered = name.lower()
    if any("\u0400" <= ch <= "\u04ff" for ch in lowered):
        lowered = translit(
            lowered.replace("\u044b", "\u0438")
            .replace("\u044d", "\u0435")
            .replace("\u0451", "\u0439\u043e")
        )  # the Russian letters Ukrainian lacks (yery, e, yo)
        lowered = lowered.lower().replace("'", "").replace("\u2019", "")
    if not all(ch.isalpha() or ch in "-'" for ch in lowered):
        return None
    if any(unicodedata.name(ch, "").split()[0] not in ("LATIN",) for ch in lowered if ch.isalpha()):
        return None
    return lowered


def build(attributes: tuple[str, ...]) -> list[str]:
    """The sorted list of lowercase names of the given kind."""
    from wordfreq import zipf_frequency

    translit = importlib.import_module("faker.providers.person.uk_UA").translit
    names: set[str] = set()
    for locale in LOCALES:
        provider = importlib.import_module(f"faker.providers.person.{locale}").Provider
        for value in _values(provider, attributes):
            for part in value.split():
                latin = _latin(part, translit)
                if (
                    latin
                    and len(latin.strip("-'")) >= 3
                    and latin != "doe"
                    and zipf_frequency(latin, "nl") < MAX_ZIPF
                ):
                    names.add(latin)
    return sorted(names)


def main() -> None:
    for kind, attributes in (("first", FIRST_NAME_ATTRIBUTES), ("last", SURNAME_ATTRIBUTES)):
        names = build(attributes)
        with gzip.GzipFile(OUT[kind], "wb", mtime=0) as raw:
            raw.write(("\n".join(names) + "\n").encode("utf-8"))
        sys.stdout.write(f"{len(names)} names -> {OUT[kind]}\n")


if __name__ == "__main__":
    main()
