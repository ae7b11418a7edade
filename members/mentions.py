"""@mentions in members' text: `@pseudoniem`, or a per-discussion alias such as
`@Deelnemer A` or `@Inbrenger` (the forum's threads with aliases, the intervisie
room).

A pseudonym is chosen to be unrecognisable, and an alias names nobody outside its
discussion, so a mention is not a name for the privacy gate to redact
(members.privacy_gate keeps it). Linking a mention is the forum's business
(forum.mentions)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext_lazy as _

#: The per-discussion aliases services hand out (forum alias mode, intervisie).
AUTHOR_ALIAS = _("Inbrenger")
PARTICIPANT_ALIAS = _("Deelnemer %(letter)s")

# `@` at the start of a word, then up to four words of a pseudonym's characters
# (a pseudonym may hold spaces, dots and hyphens); the longest known one wins.
CANDIDATE = re.compile(r"(?<![\w@])@(\w[\w.\-]*(?: \w[\w.\-]*){0,3})")
_WORD_END = re.compile(r"[.\-]+$")


@dataclass(frozen=True)
class Mention:
    start: int  # the `@`
    end: int
    name: str


def prefixes(words: str) -> list[str]:
    """ "Jan de Boer, hoi" -> candidates from longest to shortest."""
    parts = words.split(" ")
    names = []
    for n in range(len(parts), 0, -1):
        name = _WORD_END.sub("", " ".join(parts[:n]))
        if name:
            names.append(name)
    return names


def candidates(text: str) -> set[str]:
    """Every name some @mention in `text` might mean (for one look-up)."""
    found: set[str] = set()
    for match in CANDIDATE.finditer(text):
        found.update(prefixes(match.group(1)))
    return found


def find(text: str, known: set[str]) -> list[Mention]:
    """The mentions in `text` of names in `known` (compared case-insensitively),
    longest match first, in order, never overlapping."""
    lowered = {name.lower() for name in known}
    mentions: list[Mention] = []
    for match in CANDIDATE.finditer(text):
        for name in prefixes(match.group(1)):
            if name.lower() in lowered:
                start = match.start()
                mentions.append(
                    Mention(start, start + 1 + len(name), text[start + 1 : start + 1 + len(name)])
                )
                break
    return mentions


def alias_names() -> set[str]:
    """Every way an alias can read ("Inbrenger", "Deelnemer A", ... in each language)."""
    names: set[str] = set()
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            names.add(str(AUTHOR_ALIAS))
            for letter in "ABCDEFGHIJKLMNOPQRSTUVWXYZ":
                names.add(str(PARTICIPANT_ALIAS % {"letter": letter}))
    return names
