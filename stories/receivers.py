"""Signal receivers: each hands the event to one service, nothing more."""

from __future__ import annotations

from typing import Any

from . import services
from .models import StoryPage


def purge_on_publish(sender: Any, instance: StoryPage, revision: Any = None, **kwargs: Any) -> None:
    """Published, through the site's moderation page or the Wagtail admin alike."""
    if revision is not None:
        services.purge_old_revisions(story=instance, keep=revision)


def discussion_on_publish(sender: Any, instance: StoryPage, **kwargs: Any) -> None:
    services.sync_discussion(story=instance)


def discussion_on_unpublish(sender: Any, instance: StoryPage, **kwargs: Any) -> None:
    """Withdrawn by the author or unpublished by a moderator: hidden at once."""
    services.sync_discussion(story=instance)
