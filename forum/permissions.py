"""The forum's answers to "may this user do X", built on members.permissions."""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING, Any

from django.utils import timezone

from members.permissions import can_moderate, can_participate, can_use_members_area, is_suspended

if TYPE_CHECKING:
    from .models import Post, Thread

#: How long an author may still change their post.
EDIT_WINDOW = timedelta(minutes=15)


def can_read_forum(user: Any) -> bool:
    return can_use_members_area(user)


def can_read_thread(user: Any, thread: Thread) -> bool:
    return can_read_forum(user) and (not thread.hidden or can_moderate(user))


def can_take_part(user: Any) -> bool:
    """Post, react, flag: not while suspended (members.permissions.can_participate)."""
    return can_participate(user)


def can_be_notified_in(user: Any, thread: Thread) -> bool:
    """Who hears of replies and mentions in a thread: a member who may read it and
    is not suspended (a suspended member may still read, but is not called back
    into the discussion, and has no live connection for the bell)."""
    return can_read_thread(user, thread) and can_take_part(user)


def can_post_in(user: Any, thread: Thread) -> bool:
    return (
        can_read_thread(user, thread)
        and can_take_part(user)
        and (not thread.locked or can_moderate(user))
    )


def sees_reply_section(user: Any) -> bool:
    """Whether the thread page draws its reply section (`#nieuw-bericht`) for `user`:
    for every reader but a suspended member, who reads why (with the end date) under
    the title instead. In a thread locked to them the section says it is closed. The
    template draws by this answer and forum.views.first_unread links by it."""
    return not is_suspended(user)


def can_edit_post(user: Any, post: Post) -> bool:
    """The author, within the edit window, while they may take part: a suspension
    that stops a new post stops changing an old one."""
    return (
        can_take_part(user)
        and post.author_id == user.pk
        and not post.deleted
        and not post.hidden
        and not post.thread.locked
        and timezone.now() - post.created <= EDIT_WINDOW
    )


def can_delete_post(user: Any, post: Post) -> bool:
    """A moderator, or the author while they may take part: deleting empties the
    text and its history and closes the reports on it, so a suspended author would
    wipe what the moderators are looking at."""
    return (
        can_read_forum(user)
        and not post.deleted
        and ((post.author_id == user.pk and can_take_part(user)) or can_moderate(user))
    )


def can_moderate_forum(user: Any) -> bool:
    return can_moderate(user)
