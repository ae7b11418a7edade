"""The members' discussion about a story, through the forum's services only.

When the author allows it (StoryPage.allow_discussion), publishing the story opens
a forum thread about it with `forum.services.open_thread` (the story is the
thread's subject, a generic link; stories import `forum.services` and never the
forum's models). Participants are shown by per-thread alias, so a member's posts
here cannot be linked to their other posts, and the story's writer appears as
"Inbrenger" whatever name the story carries.

- Withdrawn or unpublished (by its author, a moderator or the admin): the
  discussion is hidden at once.
- Published again: it is shown again (opened, the first time).
- Published without `allow_discussion`: an existing discussion is closed.
- The author closes and reopens it from "Mijn verhalen" (stories.services).

Visitors and pending members never learn whether a story has a discussion."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from forum import services as forum_services
from forum.services import Discussion
from members.permissions import can_use_members_area

from .models import StoryPage

logger = logging.getLogger(__name__)

CATEGORY_NAME = _("Verhalen")
CATEGORY_DESCRIPTION = _("Praten over de verhalen van ervaringsdeskundigen.")
OPENING_TEXT = _(
    "Dit is het gesprek over het verhaal '%(title)s'. Lees eerst het verhaal. "
    "Reageer met respect voor de schrijver: deel wat het verhaal bij je oproept of wat je "
    "ervan leert voor je werk."
)

__all__ = ["Discussion", "discussion_for", "discussions_of", "sync_with_publication"]


def discussion_for(story: StoryPage, user: Any) -> Discussion | None:
    """The discussion about `story` that `user` may read now, or None."""
    return forum_services.readable_discussion_about(subject=story, user=user)


def discussions_of(stories: Sequence[StoryPage]) -> dict[int, Discussion]:
    """Each story's discussion by story id, for its author's overview (one query)."""
    return forum_services.discussions_about(subjects=list(stories))


def _open(story: StoryPage, opener: Any) -> None:
    """Open the discussion: the story's writer starts it when they can use the
    forum, otherwise the moderator who published it."""
    owner = story.owner
    author = owner if owner is not None and can_use_members_area(owner) else opener
    if author is None or not can_use_members_area(author):
        logger.warning("story %s: no member to open its discussion", story.pk)
        return
    category = forum_services.discussion_category(
        slug=settings.STORIES_FORUM_CATEGORY,
        name=str(CATEGORY_NAME),
        description=str(CATEGORY_DESCRIPTION),
    )
    arguments: dict[str, Any] = {
        "category": category,
        "title": story.title,
        "author": author,
        "text": str(OPENING_TEXT % {"title": story.title}),
        "subject": story,
        "alias_mode": True,
    }
    try:
        try:
            forum_services.open_thread(**arguments)
        except ValidationError as error:
            # The title passed the story's own check; the author kept what the
            # forum's check would replace, so its placeholders are accepted.
            placeholders = getattr(error, "placeholders", None)
            if placeholders is None:
                raise
            forum_services.open_thread(**arguments, accepted_placeholders=placeholders)
    except ValidationError as error:
        # The detector is down, or the title blocks: the story is published all
        # the same; the discussion opens when it is published next.
        logger.warning("story %s: discussion not opened (%s)", story.pk, type(error).__name__)


def sync_with_publication(*, story: StoryPage, live: bool, actor: Any = None) -> None:
    """Bring the discussion in line with the story's publication: hidden when the
    story is offline, shown (opened the first time) when it is published and the
    author allows a discussion, closed when a newer version no longer allows it."""
    if not live:
        forum_services.set_discussion_state_about(subject=story, hidden=True)
        return
    existing = forum_services.discussion_about(subject=story)
    if existing is None:
        if story.allow_discussion:
            _open(story, actor)
        return
    if story.allow_discussion:
        forum_services.set_discussion_state_about(subject=story, hidden=False)
    else:
        forum_services.set_discussion_state_about(subject=story, hidden=False, locked=True)


def set_open(*, story: StoryPage, open_: bool) -> bool:
    """Close (read-only) or reopen the story's discussion; False when it has none."""
    return forum_services.set_discussion_state_about(subject=story, locked=not open_)
