"""SEAM: the members' discussion about a story, through the forum.

Not wired yet. When the author allows it (StoryPage.allow_discussion), a
published story gets a forum thread opened with `forum.services.open_thread`
(subject=the story, a generic link; stories may import forum.services only,
never the forum's models). What forum.services still needs to offer for this,
without stories touching its models:

- the category a story's thread goes in (e.g. `stories_category()`),
- the thread about a subject, for the link on the story page,
- closing by the story's author (`lock_thread` is for moderators today).

Until then the story page shows no discussion (`discussion_for` returns None)."""

from __future__ import annotations

from typing import Any

from .models import StoryPage


def discussion_for(story: StoryPage, user: Any) -> None:
    """The forum thread about `story` that `user` may join; none until wired."""
    return None
