"""A story a moderator approves while its version has a go-live moment in the
future (an editor's "Live gaan op" in Wagtail): the author and the moderators
see it as scheduled with its moment, the author hears it is approved and when it
appears, and hears it is published once publish_scheduled has published it. The
author can withdraw it before its moment: it then never appears (issue 13)."""

from __future__ import annotations

from datetime import datetime, timedelta
from io import StringIO
from unittest import mock
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone, translation
from wagtail.models import PageLogEntry

from members.models import AuditEvent
from notifications.models import Notification
from stories import services
from stories.models import StoryPage
from stories.selectors import Status, my_stories, story_status
from tests.stories.factories import CALM_TEXT, content, published, submitted

pytestmark = pytest.mark.django_db

# Far ahead, so the test does not depend on today; in Dutch time.
GO_LIVE = datetime(2030, 3, 14, 9, 30, tzinfo=ZoneInfo("Europe/Amsterdam"))


def schedule(story: StoryPage, moment: datetime = GO_LIVE) -> None:
    """The editor's go-live moment on the version under review (the page's settings)."""
    revision = story.get_latest_revision()
    revision.content["go_live_at"] = moment.isoformat()
    revision.save(update_fields=["content"])


def run_publish_scheduled(at: datetime) -> None:
    with mock.patch.object(timezone, "now", return_value=at):
        call_command("publish_scheduled", stdout=StringIO())


def notices(user) -> list[str]:
    return list(
        Notification.objects.filter(recipient=user).order_by("pk").values_list("title", flat=True)
    )


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


def test_the_author_hears_it_is_approved_with_its_moment_and_later_that_it_is_published(
    client, story_index, author, moderator, django_capture_on_commit_callbacks
):
    story = submitted(author)
    schedule(story)

    with django_capture_on_commit_callbacks(execute=True):
        services.publish_story(moderator=moderator, story=story)

    assert notices(author) == ["Je verhaal is goedgekeurd en verschijnt op 14 maart 2030 09:30"]
    with translation.override("en"):
        assert Notification.objects.get(recipient=author).text == (
            "Your story has been approved and will appear on 14 March 2030 09:30"
        )
    actions = AuditEvent.objects.filter(object_id=str(story.pk)).values_list("action", flat=True)
    assert "stories.scheduled" in actions
    assert "stories.published" not in actions

    with django_capture_on_commit_callbacks(execute=True):
        run_publish_scheduled(GO_LIVE - timedelta(minutes=1))  # not yet
    assert notices(author) == ["Je verhaal is goedgekeurd en verschijnt op 14 maart 2030 09:30"]

    with django_capture_on_commit_callbacks(execute=True):
        run_publish_scheduled(GO_LIVE + timedelta(minutes=1))

    story = StoryPage.objects.get(pk=story.pk)
    assert story.live
    assert story_status(story)[0] == Status.PUBLISHED
    assert my_stories(user=author)[0].go_live_at is None
    assert notices(author) == [
        "Je verhaal is goedgekeurd en verschijnt op 14 maart 2030 09:30",
        "Je verhaal is gepubliceerd",
    ]
    ours = [m for m in mail.outbox if m.subject.startswith("HG Leerwerkplaats: ")]
    assert [m.subject for m in ours] == [f"HG Leerwerkplaats: {t}" for t in notices(author)]
    for message in ours:
        for text in ("Hoe ik weer ruimte vond", CALM_TEXT[:20]):
            assert text not in message.subject + message.body


def test_a_new_version_of_a_live_story_waits_for_its_moment_and_the_author_sees_it(
    client, story_index, author, moderator
):
    story = published(author, moderator, title="Eerste versie")
    services.submit_story(author=author, content=content(title="Tweede versie"), story=story)
    schedule(story)

    services.publish_story(moderator=moderator, story=story)

    story = StoryPage.objects.get(pk=story.pk)
    assert story.live and story.title == "Eerste versie"
    assert story_status(story)[0] == Status.PUBLISHED
    client.force_login(author)
    page = client.get(reverse("stories:mine")).content.decode()
    assert "De nieuwe versie verschijnt op 14 maart 2030 09:30" in page
    assert notices(author)[-1] == "Je verhaal is goedgekeurd en verschijnt op 14 maart 2030 09:30"

    run_publish_scheduled(GO_LIVE + timedelta(minutes=1))

    story = StoryPage.objects.get(pk=story.pk)
    assert story.title == "Tweede versie"
    assert notices(author)[-1] == "Je verhaal is gepubliceerd"
    assert "verschijnt op" not in client.get(reverse("stories:mine")).content.decode()


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


def withdraw_button(story: StoryPage) -> str:
    return f'action="{reverse("stories:withdraw", args=[story.pk])}"'


def test_the_author_withdraws_a_scheduled_story_and_it_never_appears(
    client, story_index, author, other_author, moderator
):
    story = submitted(author, title="Een verhaal voor later")
    schedule(story)
    services.publish_story(moderator=moderator, story=story)
    withdraw_url = reverse("stories:withdraw", args=[story.pk])

    # Only the author: another writer and the moderator leave the schedule alone.
    for someone in (other_author, moderator):
        client.force_login(someone)
        assert client.post(withdraw_url).status_code == 403
    assert story_status(story)[0] == Status.SCHEDULED

    client.force_login(author)
    mine = client.get(reverse("stories:mine")).content.decode()
    assert withdraw_button(story) in mine
    assert "Intrekken: niet laten verschijnen" in mine
    response = client.post(withdraw_url, follow=True)

    page = response.content.decode()
    assert "Je verhaal verschijnt niet: de geplande publicatie is geannuleerd." in page
    assert "Ingetrokken" in page
    assert "Verschijnt op" not in page
    assert withdraw_button(story) not in page
    story = StoryPage.objects.get(pk=story.pk)
    assert story_status(story)[0] == Status.WITHDRAWN
    assert my_stories(user=author)[0].go_live_at is None
    withdrawn = AuditEvent.objects.get(object_id=str(story.pk), action="stories.withdrawn")
    assert withdrawn.actor == author
    # Wagtail's own history says the scheduled publication was cancelled, by the author.
    cancelled = PageLogEntry.objects.get(page=story, action="wagtail.schedule.cancel")
    assert cancelled.user == author

    run_publish_scheduled(GO_LIVE + timedelta(minutes=1))

    story = StoryPage.objects.get(pk=story.pk)
    assert not story.live
    assert story_status(story)[0] == Status.WITHDRAWN
    client.logout()
    assert client.get(story.url).status_code == 404
    assert "Een verhaal voor later" not in client.get(story_index.url).content.decode()
    assert "Je verhaal is gepubliceerd" not in notices(author)


def test_withdrawing_a_live_story_cancels_its_scheduled_new_version_too(
    client, story_index, author, moderator
):
    story = published(author, moderator, title="Eerste versie")
    services.submit_story(author=author, content=content(title="Tweede versie"), story=story)
    schedule(story)
    services.publish_story(moderator=moderator, story=story)
    client.force_login(author)
    assert withdraw_button(story) in client.get(reverse("stories:mine")).content.decode()

    response = client.post(reverse("stories:withdraw", args=[story.pk]), follow=True)

    assert "Je verhaal staat niet meer online." in response.content.decode()
    story = StoryPage.objects.get(pk=story.pk)
    assert not story.live
    assert story_status(story)[0] == Status.WITHDRAWN
    assert my_stories(user=author)[0].go_live_at is None

    run_publish_scheduled(GO_LIVE + timedelta(minutes=1))

    story = StoryPage.objects.get(pk=story.pk)
    assert not story.live
    assert story.title == "Eerste versie"
    assert story_status(story)[0] == Status.WITHDRAWN
    client.logout()
    assert client.get(story.url).status_code == 404
