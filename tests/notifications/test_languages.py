"""A notification keeps a message key and its parameters; its words are made when
it is shown, in the reader's language: /en/meldingen/, the live bell on an English
page, while the e-mail (members have no language setting) stays Dutch. Rows from
before the keys show their stored title."""

from __future__ import annotations

import importlib
from datetime import UTC, datetime

import pytest
from asgiref.sync import sync_to_async
from channels.testing import WebsocketCommunicator
from django.core import mail
from django.utils import translation

from forum import services as forum_services
from leerwerkplaats.asgi import application
from notifications import messages, services
from notifications.models import Notification
from tests.forum import factories as forum_factories
from tests.members import factories
from tests.members.test_live import cookie_of, logged_in_client

pytestmark = pytest.mark.django_db


def reply_in_dutch(owner, *, title="Samenwerken met school"):
    """A reply in `owner`'s thread, written while the site speaks Dutch."""
    thread = forum_factories.thread(author=owner, title=title)
    forum_factories.post(thread=thread, text="Wie denkt er mee?")
    with translation.override("nl"):
        forum_services.post_reply(
            thread=thread, author=factories.member(), text="Wij bellen eerst de school."
        )
    return thread


def test_a_notification_made_in_dutch_reads_in_english_on_the_english_list(client):
    owner = factories.member()
    reply_in_dutch(owner)
    note = Notification.objects.get(recipient=owner)
    assert note.message == "forum.reply"
    assert note.params == {"thread": "Samenwerken met school"}
    client.force_login(owner)

    english = client.get("/en/meldingen/").content.decode()
    dutch = client.get("/meldingen/").content.decode()

    assert "There is a new reply in &quot;Samenwerken met school&quot;" in english
    assert "Er is een nieuwe reactie" not in english
    # The link leads to the English version of the thread's page.
    assert f'href="/en{note.url}"' in english
    assert "Er is een nieuwe reactie in &quot;Samenwerken met school&quot;" in dutch
    assert f'href="{note.url}"' in dutch


def test_labels_and_dates_in_the_parameters_are_translated_too():
    member = factories.member()
    until = datetime(2026, 3, 5, 14, 30, tzinfo=UTC)
    with translation.override("nl"):
        note = services.notify(
            recipient=member,
            kind="moderation",
            message=messages.FORUM_SUSPENDED,
            params={"until": until, "reason": "Ongepaste of kwetsende bijdrage"},
            url="/meldingen/",
            email=False,
        )
    assert note.title.startswith("Je bent geschorst tot 5 maart 2026")
    with translation.override("en"):
        text = Notification.objects.get(pk=note.pk).text
    assert "March" in text and "maart" not in text
    assert "Inappropriate or hurtful contribution" in text


def test_the_e_mail_is_in_dutch_whatever_language_the_sender_used(
    django_capture_on_commit_callbacks,
):
    owner = factories.member()
    owner.profile.notify_replies = True
    owner.profile.save()
    thread = forum_factories.thread(author=owner, title="Samenwerken met school")
    forum_factories.post(thread=thread, text="Wie denkt er mee?")
    with translation.override("en"), django_capture_on_commit_callbacks(execute=True):
        forum_services.post_reply(
            thread=thread, author=factories.member(), text="Wij bellen eerst de school."
        )
    assert [m.subject for m in mail.outbox] == [
        'HG Leerwerkplaats: Er is een nieuwe reactie in "Samenwerken met school"'
    ]


def test_a_row_from_before_the_keys_shows_its_stored_title(client):
    member = factories.member()
    Notification.objects.create(
        recipient=member, kind="reply", title="Oude melding in het Nederlands", url="/forum/"
    )
    client.force_login(member)
    assert "Oude melding in het Nederlands" in client.get("/en/meldingen/").content.decode()


def test_the_data_migration_gives_old_rows_with_a_fixed_text_their_key():
    from django.apps import apps

    member = factories.member()
    old = Notification.objects.create(
        recipient=member, kind="moderation", title="Je verhaal is gepubliceerd", url="/"
    )
    other = Notification.objects.create(
        recipient=member, kind="reply", title="Iets anders", url="/"
    )
    migration = importlib.import_module("notifications.migrations.0002_notification_message_key")
    migration.keys_for_old_rows(apps, None)

    old.refresh_from_db()
    other.refresh_from_db()
    assert old.message == messages.STORY_PUBLISHED
    assert other.message == ""
    with translation.override("en"):
        assert old.text == "Your story has been published"


@pytest.mark.django_db(transaction=True)
async def test_the_live_bell_speaks_the_language_of_its_page():
    owner = await sync_to_async(factories.member)()
    client = await sync_to_async(logged_in_client)(owner)
    socket = WebsocketCommunicator(
        application,
        "/ws/notifications/?lang=en",
        headers=[(b"origin", b"http://testserver"), cookie_of(client)],
    )
    connected, _ = await socket.connect(timeout=10)
    assert connected
    await socket.send_json_to({"type": "resume", "after": 0})
    assert await socket.receive_json_from(timeout=10) == {"type": "unread", "unread": 0}

    thread = await sync_to_async(reply_in_dutch)(owner)

    frame = await socket.receive_json_from(timeout=10)
    assert frame["title"] == 'There is a new reply in "Samenwerken met school"'
    assert frame["url"].startswith("/en/")
    assert thread.title in frame["title"]
    await socket.disconnect()


def test_the_bell_on_an_english_page_asks_for_english_frames(client):
    client.force_login(factories.member())
    html = client.get("/en/meldingen/").content.decode()
    assert 'data-ws-path="/ws/notifications/?lang=en"' in html


def test_an_unknown_message_key_is_refused():
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        services.notify(
            recipient=factories.member(),
            kind="reply",
            message="nope.unknown",
            url="/forum/",
            email=False,
        )


def test_a_row_with_a_key_this_version_does_not_know_shows_its_stored_title():
    member = factories.member()
    note = Notification.objects.create(
        recipient=member,
        kind="reply",
        title="Bewaarde titel",
        message="removed.key",
        url="/forum/",
    )
    assert note.text == "Bewaarde titel"
