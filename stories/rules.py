"""Who may write, edit, moderate and read a story: one place, asked by the
views, the services, the search kind and the page itself. Built on
members.permissions (which knows the roles)."""

from __future__ import annotations

from typing import Any

from members import permissions

from .models import StoryPage


def can_write_stories(user: Any) -> bool:
    return permissions.can_write_stories(user)


def can_edit_story(user: Any, story: StoryPage) -> bool:
    """Only the author edits, submits or withdraws their own story."""
    return can_write_stories(user) and story.owner_id == user.pk


def can_moderate_stories(user: Any) -> bool:
    return permissions.can_moderate(user)


def can_read_members_stories(user: Any) -> bool:
    return permissions.is_approved_member(user)


def can_read_story(user: Any, story: StoryPage) -> bool:
    return story.is_public or can_read_members_stories(user)
