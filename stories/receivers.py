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


def announce_on_publish(
    sender: Any, instance: StoryPage, revision: Any = None, **kwargs: Any
) -> None:
    """A scheduled version went live: the author hears it (stories.services)."""
    if revision is not None:
        services.announce_scheduled_publication(story=instance, revision=revision)


def discussion_on_unpublish(sender: Any, instance: StoryPage, **kwargs: Any) -> None:
    """Withdrawn by the author or unpublished by a moderator: hidden at once."""
    services.sync_discussion(story=instance)


def search_on_unpublish(sender: Any, instance: StoryPage, **kwargs: Any) -> None:
    """Offline: out of the search index at once."""
    services.forget_in_search(story=instance)


def _is_story(content_type_id: int | None) -> bool:
    from django.contrib.contenttypes.models import ContentType

    return content_type_id == ContentType.objects.get_for_model(StoryPage).pk


def redact_review_comment(sender: Any, instance: Any, **kwargs: Any) -> None:
    """The comment of a story's review task, also when given in the Wagtail admin."""
    if instance.comment and _is_story(instance.workflow_state.content_type_id):
        instance.comment = services.redacted_admin_text(instance.comment)


def redact_page_comment(sender: Any, instance: Any, **kwargs: Any) -> None:
    """A comment on a story page in the Wagtail admin's commenting panel."""
    if instance.text and _is_story(instance.page.content_type_id):
        instance.text = services.redacted_admin_text(instance.text)


def redact_comment_reply(sender: Any, instance: Any, **kwargs: Any) -> None:
    if instance.text and _is_story(instance.comment.page.content_type_id):
        instance.text = services.redacted_admin_text(instance.text)


def drop_old_title(sender: Any, instance: Any, **kwargs: Any) -> None:
    """A rename or publication of a story logs its old title (a draft's raw text) in
    the entry's data: kept without it (the label holds the title now)."""
    if _is_story(instance.content_type_id):
        instance.data = services.without_old_title(instance.data)
