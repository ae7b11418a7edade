"""Replies and mentions notify many members in a fixed number of queries
(`notifications.services.notify_many`, forum.services `_recipients`): each follower
hears of a reply exactly once, live and (as their profile says) by e-mail without a
word of the post; muted, unsubscribed, suspended, inactive and no-access members and
the author hear nothing."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from forum import services as forum_services
from forum.models import SubscriptionState, Thread
from members import broadcast as member_broadcast
from members.models import Profile
from notifications import services
from notifications.broadcast import CHANGED_EVENT, notification_group
from notifications.models import Notification
from tests.forum import factories as forum_factories
from tests.members import factories

pytestmark = pytest.mark.django_db

CANARY = "Kanarie-N1PLUS9"


@pytest.fixture
def pushed(monkeypatch):
    """The live events the channel layer is asked to send (after the commit)."""
    sent: list[tuple[str, dict]] = []
    monkeypatch.setattr(
        member_broadcast, "send_now", lambda group, event: sent.append((group, event))
    )
    return sent


def thread_by(author, **fields) -> Thread:
    return forum_services.open_thread(
        category=forum_factories.category(),
        title=fields.pop("title", "Samenwerken met Veilig Thuis"),
        author=author,
        text="Hoe pakken jullie dit aan?",
        **fields,
    )


def follow(thread, *members, state=SubscriptionState.SUBSCRIBED) -> None:
    for member in members:
        forum_services.set_subscription(user=member, thread=thread, state=state)


def queries_of(callback, django_capture_on_commit_callbacks) -> int:
    """The queries of one service call, the work after its commit included."""
    with (
        CaptureQueriesContext(connection) as captured,
        django_capture_on_commit_callbacks(execute=True),
    ):
        callback()
    return len(captured)


def reply_queries(followers: int, django_capture_on_commit_callbacks) -> int:
    author, replier = factories.member(), factories.member()
    thread = thread_by(author)
    follow(thread, *(factories.member() for _ in range(followers)))
    forum_services.post_reply(thread=thread, author=replier, text="Eerste reactie.")  # warm
    count = queries_of(
        lambda: forum_services.post_reply(thread=thread, author=replier, text="Nog een reactie."),
        django_capture_on_commit_callbacks,
    )
    assert Notification.objects.filter(kind="reply").count() == 2 * (followers + 1)
    return count


def test_a_reply_costs_the_same_queries_for_2_and_for_20_followers(
    django_capture_on_commit_callbacks, pushed
):
    few = reply_queries(2, django_capture_on_commit_callbacks)
    Notification.objects.all().delete()
    many = reply_queries(20, django_capture_on_commit_callbacks)

    assert few == many
    # Only the counted reply ran its after-commit work: an e-mail to each recipient.
    assert len(mail.outbox) == 3 + 21


def mention_queries(mentioned: int, django_capture_on_commit_callbacks) -> int:
    author, replier = factories.member(), factories.member()
    thread = thread_by(author)
    names = [f"Noemer{mentioned}x{i}" for i in range(mentioned)]
    for name in names:
        factories.member(pseudonym=name)
    text = "Wat vinden jullie, " + ", ".join(f"@{name}" for name in names) + "?"
    forum_services.post_reply(thread=thread, author=replier, text=text)  # warm
    count = queries_of(
        lambda: forum_services.post_reply(thread=thread, author=replier, text=text),
        django_capture_on_commit_callbacks,
    )
    assert Notification.objects.filter(kind="mention").count() == 2 * mentioned
    return count


def test_a_mention_of_several_members_costs_the_same_queries_as_of_two(
    django_capture_on_commit_callbacks, pushed
):
    few = mention_queries(2, django_capture_on_commit_callbacks)
    Notification.objects.all().delete()
    many = mention_queries(7, django_capture_on_commit_callbacks)

    assert few == many


def test_each_follower_hears_once_and_the_others_not_at_all(
    django_capture_on_commit_callbacks, pushed
):
    author, replier = factories.member(), factories.member()
    thread = thread_by(author)
    followers = [factories.member() for _ in range(3)]
    muted, unsubscribed, _never_followed = (factories.member() for _ in range(3))
    suspended, inactive, pending = (factories.member() for _ in range(3))
    follow(thread, *followers, muted, unsubscribed, suspended, inactive, pending, replier)
    follow(thread, muted, state=SubscriptionState.MUTED)
    forum_services.set_subscription(user=unsubscribed, thread=thread, state=None)
    Profile.objects.filter(user=suspended).update(
        suspended_until=timezone.now() + timedelta(days=3)
    )
    type(inactive).objects.filter(pk=inactive.pk).update(is_active=False)
    Profile.objects.filter(user=pending).update(status="pending")  # lost access after following
    Profile.objects.filter(user=followers[2]).update(notify_replies=False)

    with django_capture_on_commit_callbacks(execute=True):
        post = forum_services.post_reply(
            thread=thread, author=replier, text=f"Bij ons werkt {CANARY} goed."
        )

    notes = list(Notification.objects.order_by("recipient_id"))
    expected = sorted([author.pk, *(f.pk for f in followers)])
    assert [note.recipient_id for note in notes] == expected  # exactly one each
    for note in notes:
        assert note.kind == "reply"
        assert note.title == 'Er is een nieuwe reactie in "Samenwerken met Veilig Thuis"'
        assert note.url == post.get_absolute_url()
    # The bell of each recipient, after the commit, with the new notification's id.
    bells = {
        group: event["notification_id"] for group, event in pushed if event["type"] == CHANGED_EVENT
    }
    assert bells == {notification_group(note.recipient_id): note.pk for note in notes}
    # E-mail as each profile says (followers[2] said no), never a word of the post.
    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        [author.email, followers[0].email, followers[1].email]
    )
    for message in mail.outbox:
        assert CANARY not in message.subject + message.body
        assert "Bij ons werkt" not in message.body
        assert post.get_absolute_url() in message.body


def test_in_a_hidden_thread_only_moderators_hear_of_a_reply(pushed):
    author, follower = factories.member(), factories.member()
    moderator, replier = forum_factories.moderator(), forum_factories.moderator()
    thread = thread_by(author)
    follow(thread, follower, moderator)
    forum_services.set_discussion_state(thread_id=thread.pk, hidden=True)
    thread.refresh_from_db()

    forum_services.post_reply(thread=thread, author=replier, text="Dit gesprek is verborgen.")

    assert list(Notification.objects.values_list("recipient_id", flat=True)) == [moderator.pk]


def test_a_mentioned_follower_hears_once_as_mentioned_and_the_author_never(pushed):
    author = factories.member(pseudonym="Schrijver")
    mentioned = factories.member(pseudonym="Lijsterbes")
    suspended = factories.member(pseudonym="Hazelaar")
    thread = thread_by(author)
    follow(thread, mentioned, suspended)
    Profile.objects.filter(user=suspended).update(
        suspended_until=timezone.now() + timedelta(days=1)
    )

    forum_services.post_reply(
        thread=thread, author=author, text="Dank @Lijsterbes en @Hazelaar, zegt @Schrijver."
    )

    assert list(Notification.objects.values_list("recipient_id", "kind")) == [
        (mentioned.pk, "mention")
    ]


def test_notify_many_skips_inactive_and_doubles_and_checks_the_link_once(pushed):
    one, two = factories.member(), factories.member()
    gone = factories.member(is_active=False)

    created = services.notify_many(
        recipients=[one, two, one, gone, None], kind="reply", title="T", url="/forum/", email=False
    )

    assert sorted(n.recipient_id for n in created) == sorted([one.pk, two.pk])
    assert all(n.pk for n in created)
    with pytest.raises(Exception, match="pagina van de Leerwerkplaats"):
        services.notify_many(
            recipients=[one], kind="reply", title="T", url="https://elders.example/", email=False
        )
    assert Notification.objects.count() == 2
