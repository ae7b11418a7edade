"""The privacy check every forum text goes through before anything is stored: the
members' shared gate (members.privacy_gate), under the names the forum's services,
views and tests use. Mentions of members and of a thread's aliases are no findings;
structured identifiers block; other findings are shown with their placeholder."""

from __future__ import annotations

from members.privacy_gate import ERROR_BLOCKED as ERROR_BLOCKED
from members.privacy_gate import ERROR_CONFIRM as ERROR_CONFIRM
from members.privacy_gate import ERROR_PRIVACY_UNAVAILABLE as ERROR_PRIVACY_UNAVAILABLE
from members.privacy_gate import ERROR_TOO_LONG as ERROR_TOO_LONG
from members.privacy_gate import MAX_CHARS as MAX_CHARS
from members.privacy_gate import Check as Check
from members.privacy_gate import ConfirmationNeeded as ConfirmationNeeded
from members.privacy_gate import Segment as Segment
from members.privacy_gate import Span as Span
from members.privacy_gate import TextBlocked as PostBlocked
from members.privacy_gate import accepted_text as accepted_text
from members.privacy_gate import check as check
from members.privacy_gate import segments as segments

__all__ = [
    "ERROR_BLOCKED",
    "ERROR_CONFIRM",
    "ERROR_PRIVACY_UNAVAILABLE",
    "ERROR_TOO_LONG",
    "MAX_CHARS",
    "Check",
    "ConfirmationNeeded",
    "PostBlocked",
    "Segment",
    "Span",
    "accepted_text",
    "check",
    "segments",
]
