"""The site's sends to the channel layer: site-wide announcements (for example
planned maintenance) to every logged-in member who has a page open."""

from __future__ import annotations

from typing import TypedDict

from members.broadcast import send_on_commit

ANNOUNCEMENT_GROUP = "site.announcements"
ANNOUNCEMENT_EVENT = "site.announce"
MAX_ANNOUNCEMENT_LENGTH = 500


class AnnouncementEvent(TypedDict):
    type: str
    text: str


def announce(text: str) -> None:
    """Send `text` to every connected member, in every worker process, once the
    current transaction commits (at once outside a transaction).

    With Redis as the channel layer this reaches consumers on other hosts too."""
    text = text.strip()
    if not text or len(text) > MAX_ANNOUNCEMENT_LENGTH:
        raise ValueError(f"An announcement has 1 to {MAX_ANNOUNCEMENT_LENGTH} characters.")
    event: AnnouncementEvent = {"type": ANNOUNCEMENT_EVENT, "text": text}
    send_on_commit(ANNOUNCEMENT_GROUP, event)
