"""A story a moderator approves while its version has a go-live moment in the
future (an editor's "Live gaan op" in Wagtail): the author and the moderators
see it as scheduled with its moment."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from django.utils import translation

from stories.models import StoryPage
from stories.selectors import Status, my_stories, story_status
from tests.stories.factories import submitted

pytestmark = pytest.mark.django_db

# Far ahead, so the test does not depend on today; in Dutch time.
GO_LIVE = datetime(2030, 3, 14, 9, 30, tzinfo=ZoneInfo("Europe/Amsterdam"))


def schedule(story: StoryPage, moment: datetime = GO_LIVE) -> None:
    """The editor's go-live moment on the version under review (the page's settings)."""
    revision = story.get_latest_revision()
    revision.content["go_live_at"] = moment.isoformat()
    revision.save(update_fields=["content"])


def test_mijn_verhalen_shows_a_scheduled_story_as_gepland_with_its_moment(
    client, story_index, author, moderator
):
    story = submitted(author, title="Een verhaal voor later")
    schedule(story)
    client.force_login(moderator)
    client.post(reverse("stories:review", args=[story.pk]), {"action": "publish", "comment": ""})

    assert story_status(story)[0] == Status.SCHEDULED
    [mine] = my_stories(user=author)
    assert mine.go_live_at == GO_LIVE
    client.force_login(author)
    page = client.get(reverse("stories:mine")).content.decode()
    assert "Gepland" in page
    assert "Verschijnt op 14 maart 2030 09:30" in page
    assert "Concept" not in page
    with translation.override("en"):
        english = client.get(reverse("stories:mine")).content.decode()
    assert "Scheduled" in english
    assert "Appears on 14 March 2030 09:30" in english


def test_the_moderation_pages_show_a_scheduled_story_as_approved_not_in_review(
    client, story_index, author, moderator
):
    story = submitted(author, title="Een verhaal voor later")
    schedule(story)
    client.force_login(moderator)

    response = client.post(
        reverse("stories:review", args=[story.pk]),
        {"action": "publish", "comment": ""},
        follow=True,
    )

    page = response.content.decode()
    assert "Het verhaal is goedgekeurd en verschijnt op 14 maart 2030 09:30." in page
    assert "Het verhaal is gepubliceerd." not in page
    assert "Een verhaal voor later" not in page  # no longer in the queue
    review = client.get(reverse("stories:review", args=[story.pk])).content.decode()
    assert "Dit verhaal is goedgekeurd en verschijnt op 14 maart 2030 09:30." in review
    assert 'value="publish"' not in review
