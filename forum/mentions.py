"""@mentions in forum text: `@pseudoniem` in an ordinary thread, `@Deelnemer A` or
`@Inbrenger` (the per-thread aliases) in a thread with aliases.

A pseudonym is chosen to be unrecognisable, and an alias names nobody outside its
thread, so a mention is not a name for the privacy gate to redact
(members.privacy_gate keeps it; the parsing lives in members.mentions, shared
with intervisie). In a thread with aliases a pseudonym is never
resolved or linked: that would reveal who is behind an alias."""

from __future__ import annotations

import re

from django.utils.html import escape

from members.mentions import AUTHOR_ALIAS as AUTHOR_ALIAS
from members.mentions import CANDIDATE, prefixes
from members.mentions import PARTICIPANT_ALIAS as PARTICIPANT_ALIAS
from members.mentions import Mention as Mention
from members.mentions import alias_names as alias_names
from members.mentions import candidates as candidates
from members.mentions import find as find


def linked_html(escaped_html: str, targets: dict[str, str]) -> str:
    """Wrap each mention of a name in `targets` (lower-cased name -> href) in a link,
    inside HTML that is already escaped (names hold no HTML-special characters)."""
    if not targets:
        return escaped_html

    def link(match: re.Match[str]) -> str:
        for name in prefixes(match.group(1)):
            href = targets.get(name.lower())
            if href is not None:
                rest = match.group(0)[1 + len(name) :]
                return (
                    f'<a class="utrecht-link forum-mention" href="{escape(href)}">@{name}</a>{rest}'
                )
        return match.group(0)

    return CANDIDATE.sub(link, escaped_html)
