"""Signal receivers: each hands the event to one service, nothing more."""

from __future__ import annotations

from typing import Any

from . import services
from .models import StoryPage


def purge_on_publish(sender: Any, instance: StoryPage, revision: Any = None, **kwargs: Any) -> None:
    """Published, through the site's moderation page or the Wagtail admin alike."""
    if revision is not None:
        services.purge_old_revisions(story=instance, keep=revision)
