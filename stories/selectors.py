"""Reads for the stories' screens: the list at /verhalen/, "Mijn verhalen",
the moderators' queue and the site search."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail.models import Revision, TaskState, WorkflowState

from editorial.page_memory import remembered

from . import discussion, rules
from .models import Audience, StoryIndexPage, StoryPage, Theme


class Status(StrEnum):
    DRAFT = "concept"
    IN_REVIEW = "ter-beoordeling"
    CHANGES_REQUESTED = "wijziging-gevraagd"
    SCHEDULED = "gepland"
    PUBLISHED = "gepubliceerd"
    WITHDRAWN = "ingetrokken"


STATUS_LABELS = {
    Status.DRAFT: _("Concept"),
    Status.IN_REVIEW: _("Ter beoordeling"),
    Status.CHANGES_REQUESTED: _("Wijziging gevraagd"),
    Status.SCHEDULED: pgettext_lazy("story status", "Gepland"),
    Status.PUBLISHED: _("Gepubliceerd"),
    Status.WITHDRAWN: _("Ingetrokken"),
}


@dataclass(frozen=True)
class MyStory:
    story: StoryPage
    title: str  # the latest draft's title
    status: Status
    comment: str  # the moderator's request, when changes were asked
    editable: bool
    discussion: discussion.Discussion | None = None
    note: str = ""  # the moderator's message with the publication, if any
    # When an approved version goes live (an editor's "go live" date in Wagtail):
    # the story itself while it is not yet online, or a new version of a live one.
    go_live_at: datetime | None = None

    @property
    def status_label(self) -> str:
        return str(STATUS_LABELS[self.status])


def visible_stories(user: Any) -> QuerySet[StoryPage]:
    """Live stories `user` may read: public ones for everyone, members-only
    ones for approved members."""
    stories = StoryPage.objects.live()
    if not rules.can_read_members_stories(user):
        stories = stories.filter(audience=Audience.PUBLIC)
    return stories


class Length(StrEnum):
    """The reading-time filter at /verhalen/ (StoryPage.reading_minutes)."""

    SHORT = "kort"
    MEDIUM = "middel"
    LONG = "lang"


LENGTH_LABELS = {
    Length.SHORT: _("Kort (tot 5 minuten)"),
    Length.MEDIUM: _("Middel (5 tot 15 minuten)"),
    Length.LONG: _("Lang (meer dan 15 minuten)"),
}
SHORT_MAX_MINUTES = 5
MEDIUM_MAX_MINUTES = 15


def length_of(story: StoryPage) -> Length:
    minutes = story.reading_minutes
    if minutes <= SHORT_MAX_MINUTES:
        return Length.SHORT
    if minutes <= MEDIUM_MAX_MINUTES:
        return Length.MEDIUM
    return Length.LONG


def story_list(
    *,
    index: StoryIndexPage,
    user: Any,
    theme: str = "",
    length: str = "",
    request: HttpRequest | None = None,
) -> list[StoryPage]:
    """The stories at /verhalen/, newest first, by theme and reading time; one
    query whatever their number, kept per generation for each of the two
    audiences (read-only objects shared by requests)."""
    members_too = rules.can_read_members_stories(user)

    def build() -> list[StoryPage]:
        return list(visible_stories(user).child_of(index).order_by("-first_published_at"))

    stories = list(remembered(request, "stories", ("list", index.pk, members_too), build))
    if theme in Theme.values:
        stories = [story for story in stories if theme in story.themes]
    if length in LENGTH_LABELS:
        stories = [story for story in stories if length_of(story) == length]
    return stories


def _state(
    story: StoryPage, states: dict[int, WorkflowState], scheduled: dict[int, datetime]
) -> tuple[Status, str]:
    state = states.get(story.pk)
    if state is not None and state.status == WorkflowState.STATUS_IN_PROGRESS:
        return Status.IN_REVIEW, ""
    if state is not None and state.status == WorkflowState.STATUS_NEEDS_CHANGES:
        comment = state.current_task_state.comment if state.current_task_state else ""
        return Status.CHANGES_REQUESTED, comment or ""
    if story.live:
        return Status.PUBLISHED, ""
    if story.pk in scheduled:
        return Status.SCHEDULED, ""
    if story.withdrawn_at is not None:
        return Status.WITHDRAWN, ""
    return Status.DRAFT, ""


def _go_live_moments(stories: Sequence[StoryPage]) -> dict[int, datetime]:
    """When each story's approved version goes live, for stories that have one:
    Wagtail keeps the moment on the revision (`approved_go_live_at`) until
    `publish_scheduled` publishes it, and on one revision per page at most."""
    moments = Revision.objects.filter(
        base_content_type__app_label="wagtailcore",
        base_content_type__model="page",
        object_id__in=[str(s.pk) for s in stories],
        approved_go_live_at__isnull=False,
    ).values_list("object_id", "approved_go_live_at")
    return {int(object_id): moment for object_id, moment in moments}


def _active_states(stories: Sequence[StoryPage]) -> dict[int, WorkflowState]:
    states = (
        WorkflowState.objects.active()
        .filter(
            base_content_type__app_label="wagtailcore",
            base_content_type__model="page",
            object_id__in=[str(s.pk) for s in stories],
        )
        .select_related("current_task_state")
    )
    return {int(state.object_id): state for state in states}


def _publication_notes(stories: Sequence[StoryPage]) -> dict[int, str]:
    """The message a moderator wrote with the last publication of each story
    (in the site's moderation page or the Wagtail admin), by story id. The
    stories are the live and the scheduled ones."""
    approved = (
        TaskState.objects.filter(
            status=TaskState.STATUS_APPROVED,
            workflow_state__base_content_type__app_label="wagtailcore",
            workflow_state__base_content_type__model="page",
            workflow_state__object_id__in=[str(s.pk) for s in stories],
        )
        .order_by("finished_at", "pk")
        .values_list("workflow_state__object_id", "comment")
    )
    return {int(object_id): comment or "" for object_id, comment in approved}


def my_stories(*, user: Any) -> list[MyStory]:
    stories = list(StoryPage.objects.filter(owner=user).order_by("-latest_revision_created_at"))
    states = _active_states(stories)
    scheduled = _go_live_moments(stories)
    notes = _publication_notes([s for s in stories if s.live or s.pk in scheduled])
    discussions = discussion.discussions_of(stories)
    result = []
    for story in stories:
        status, comment = _state(story, states, scheduled)
        result.append(
            MyStory(
                story=story,
                title=story.draft_title or story.title,
                status=status,
                comment=comment,
                editable=status != Status.IN_REVIEW,
                discussion=discussions.get(story.pk) if story.live else None,
                note=notes.get(story.pk, "")
                if status in (Status.PUBLISHED, Status.SCHEDULED)
                else "",
                go_live_at=scheduled.get(story.pk),
            )
        )
    return result


def story_status(story: StoryPage) -> tuple[Status, str]:
    return _state(story, _active_states([story]), _go_live_moments([story]))


def review_state(story: StoryPage) -> tuple[Status, datetime | None]:
    """The story's status and, when its approved version waits for its moment, that
    moment: for the moderator's review page, one look at the revisions for both."""
    moments = _go_live_moments([story])
    status, _comment = _state(story, _active_states([story]), moments)
    return status, moments.get(story.pk)


def go_live_at(story: StoryPage) -> datetime | None:
    """When the story's approved version goes live, if it waits for its moment."""
    return _go_live_moments([story]).get(story.pk)


def stories_in_review() -> list[StoryPage]:
    """The moderators' queue: stories whose review task waits, oldest first."""
    states = (
        WorkflowState.objects.active()
        .filter(
            status=WorkflowState.STATUS_IN_PROGRESS,
            current_task_state__status=TaskState.STATUS_IN_PROGRESS,
        )
        .order_by("created_at")
    )
    ids = [int(state.object_id) for state in states]
    pages = {page.pk: page for page in StoryPage.objects.filter(pk__in=ids)}
    return [pages[pk] for pk in ids if pk in pages]


@dataclass(frozen=True)
class StoryHit:
    title: str
    url: str
    summary: str


def search_stories(query: str, *, user: Any, limit: int) -> list[StoryHit]:
    """Live stories for the site search, within the reading rule (a visitor
    finds public stories only)."""
    found = visible_stories(user).search(query, operator="and")[:limit]
    return [StoryHit(story.title, story.url, Truncator(story.summary).words(30)) for story in found]
