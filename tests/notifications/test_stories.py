"""Stories: changes asked and published notify the author in-app and by e-mail,
without a word of the story."""

from __future__ import annotations

import pytest
from django.core import mail

from notifications.models import Notification
from stories import services
from tests.members import factories
from tests.stories.factories import CALM_TEXT, content, submitted

pytestmark = pytest.mark.django_db


@pytest.fixture
def story_index(home_page):
    from leerwerkplaats import site_setup

    site_setup.set_up_site()


def test_changes_asked_and_published_notify_the_author_without_text(
    story_index,
    django_capture_on_commit_callbacks,
):
    author = factories.member(role="Ervaringsdeskundige", pseudonym="Schrijver Drie")
    moderator = factories.member(role="Moderator", with_mfa=True)
    story = submitted(author)

    with django_capture_on_commit_callbacks(execute=True):
        services.request_changes(moderator=moderator, story=story, comment="Korter graag.")
    with django_capture_on_commit_callbacks(execute=True):
        services.submit_story(author=author, content=content(), story=story)
        services.publish_story(moderator=moderator, story=story)

    titles = list(
        Notification.objects.filter(recipient=author)
        .order_by("created_at", "pk")
        .values_list("title", "url")
    )
    assert titles == [
        ("Een moderator vraagt je een wijziging in je verhaal", "/verhalen/mijn/"),
        ("Je verhaal is gepubliceerd", "/verhalen/mijn/"),
    ]
    # Wagtail's workflow mails moderators too; ours go to the author, one per change.
    ours = [m for m in mail.outbox if m.subject.startswith("HG Leerwerkplaats: ")]
    assert [(m.to, m.subject) for m in ours] == [
        ([author.email], f"HG Leerwerkplaats: {title}") for title, _url in titles
    ]
    for message in ours:
        for text in ("Hoe ik weer ruimte vond", "Korter graag", CALM_TEXT[:20]):
            assert text not in message.subject + message.body
