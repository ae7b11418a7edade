"""Notifications: replies, mentions and status changes notify; e-mail follows the
member's profile setting and never carries the text."""

from __future__ import annotations

import pytest
from django.core import mail

from forum import services as forum_services
from forum.models import SubscriptionState
from members.models import Profile
from notifications import services
from notifications.models import Notification
from tests.forum import factories as forum_factories
from tests.members import factories

pytestmark = pytest.mark.django_db

CANARY = "Kanarie-7Q3ZWX"


def thread_by(author, **fields):
    return forum_services.open_thread(
        category=forum_factories.category(),
        title=fields.pop("title", "Omgaan met de meldcode"),
        author=author,
        text="Hoe pakken jullie dit aan?",
        **fields,
    )


def test_a_reply_notifies_the_thread_author_by_app_and_mail_without_text(
    django_capture_on_commit_callbacks,
):
    author, replier = factories.member(), factories.member()
    thread = thread_by(author)

    with django_capture_on_commit_callbacks(execute=True):
        post = forum_services.post_reply(
            thread=thread, author=replier, text=f"Mijn ervaring: {CANARY} werkt goed."
        )

    [note] = Notification.objects.filter(recipient=author)
    assert note.kind == "reply"
    assert note.title == 'Er is een nieuwe reactie in "Omgaan met de meldcode"'
    assert note.url == post.get_absolute_url()
    assert not Notification.objects.filter(recipient=replier).exists()
    [message] = mail.outbox
    assert message.to == [author.email]
    assert "Er is een nieuwe reactie in" in message.subject
    assert post.get_absolute_url() in message.body
    assert CANARY not in message.subject + message.body
    assert CANARY not in note.title + note.url + note.detail


def test_no_mail_when_the_profile_says_no_but_the_bell_still_counts(
    django_capture_on_commit_callbacks,
):
    author, replier = factories.member(), factories.member()
    Profile.objects.filter(user=author).update(notify_replies=False)
    author.refresh_from_db()
    thread = thread_by(author)

    with django_capture_on_commit_callbacks(execute=True):
        forum_services.post_reply(thread=thread, author=replier, text="Goed punt.")

    assert Notification.objects.filter(recipient=author).count() == 1
    assert mail.outbox == []


def test_subscribers_hear_of_replies_and_muted_members_do_not():
    author, follower, muted, replier = (factories.member() for _ in range(4))
    thread = thread_by(author)
    forum_services.set_subscription(
        user=follower, thread=thread, state=SubscriptionState.SUBSCRIBED
    )
    forum_services.set_subscription(user=author, thread=thread, state=SubscriptionState.MUTED)
    forum_services.set_subscription(user=muted, thread=thread, state=SubscriptionState.MUTED)

    forum_services.post_reply(thread=thread, author=replier, text="Een reactie.")

    assert set(Notification.objects.values_list("recipient_id", flat=True)) == {follower.pk}


def test_a_mention_of_a_pseudonym_notifies_survives_the_privacy_gate_and_links():
    author = factories.member()
    mentioned = factories.member(pseudonym="Zonnebloem")
    forum_services.post_reply(
        thread=(thread := thread_by(mentioned, title="Intervisie")),
        author=mentioned,
        text="Mijn eerste reactie.",
    )

    post = forum_services.post_reply(
        thread=thread, author=author, text="Wat vind jij, @zonnebloem? Ik twijfel."
    )

    # The pseudonym is not a name to redact: no confirmation was needed and it is kept.
    assert post.text == "Wat vind jij, @zonnebloem? Ik twijfel."
    kinds = dict(Notification.objects.filter(recipient=mentioned).values_list("kind", "title"))
    # Mentioned (and the thread's author): one notification, the mention.
    assert kinds == {"mention": 'Je bent genoemd in "Intervisie"'}
    from forum import selectors

    [view] = selectors.post_views(posts=[post], thread=thread, user=author)
    assert 'class="utrecht-link forum-mention" href="#bericht-1">@zonnebloem</a>' in str(
        view.text_html
    )


def test_an_unknown_at_name_is_still_a_name_for_the_privacy_gate():
    from forum.privacy_check import check

    result = check("Ik sprak @Margriet gisteren.")
    assert result.placeholders  # not a member's pseudonym: redacted like any name
    factories.member(pseudonym="Margriet")
    assert check("Ik sprak @Margriet gisteren.").clean


def test_in_a_thread_with_aliases_an_alias_mention_notifies_and_a_pseudonym_does_not():
    author, participant = factories.member(), factories.member(pseudonym="Kastanje")
    thread = thread_by(author, alias_mode=True, title="Casus: huisbezoek")
    forum_services.post_reply(thread=thread, author=participant, text="Herkenbaar.")
    Notification.objects.all().delete()

    post = forum_services.post_reply(
        thread=thread, author=author, text="Dank je @Deelnemer A, en @Kastanje ook."
    )

    assert "@Deelnemer A" in post.text
    [note] = Notification.objects.filter(recipient=participant)
    assert note.kind == "mention"
    # The title names neither the thread (a case discussion) nor anyone.
    assert note.title == "Je bent genoemd in een gesprek"
    from forum import selectors

    [view] = selectors.post_views(posts=[post], thread=thread, user=author)
    assert "forum-mention" not in str(view.text_html)


def test_mark_read_and_mark_all_read():
    member = factories.member()
    notes = [
        services.notify(recipient=member, kind="reply", title=f"T{i}", url="/forum/", email=False)
        for i in range(3)
    ]
    other = factories.member()

    assert services.mark_read(user=other, notification_id=notes[0].pk) is False
    assert services.mark_read(user=member, notification_id=notes[0].pk) is True
    assert Notification.objects.filter(recipient=member).unread().count() == 2
    assert services.mark_all_read(user=member) == 2
    assert Notification.objects.filter(recipient=member).unread().count() == 0


def test_personal_data_export_and_erase():
    member = factories.member()
    services.notify(recipient=member, kind="mention", title="Hallo", url="/forum/", email=False)

    assert services.export_personal_data(member)[0]["title"] == "Hallo"
    services.erase_personal_data(member)
    assert not Notification.objects.filter(recipient=member).exists()


def test_case_status_changes_notify_the_author_in_app(django_capture_on_commit_callbacks):
    from casuistry import services as case_services
    from casuistry.models import Status
    from tests.casuistry import factories as case_factories

    moderator = case_factories.moderator()
    case = case_factories.case(status=Status.SUBMITTED)
    case_services.claim_case(moderator=moderator, case=case)
    with django_capture_on_commit_callbacks(execute=True):
        case_services.ask_changes(moderator=moderator, case=case, message="Haal de wijk weg.")

    [note] = Notification.objects.filter(recipient=case.author)
    assert note.kind == "moderation"
    assert note.url == "/casussen/mijn/"
    assert case.title not in note.title
    assert "wijk" not in note.title
    assert len(mail.outbox) == 1  # casuistry's own mail, not a second one
