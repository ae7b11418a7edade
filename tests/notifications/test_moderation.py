"""A moderator warns or suspends a member from the site's own moderation pages (with
MFA): audited, notified; a suspended member cannot post, react or flag over HTTP."""

from __future__ import annotations

import pytest
from django.urls import reverse

from forum import services as forum_services
from forum.models import Post
from members.models import AuditEvent, ModerationAction, Profile
from notifications.models import Notification
from tests.forum import factories as forum_factories
from tests.members import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def setting():
    author = factories.member()
    thread = forum_factories.thread(author=author)
    post = forum_factories.post(thread=thread, author=author, text="Een bericht.")
    moderator = factories.member(role="Moderator", with_mfa=True)
    return author, thread, post, moderator


def test_a_moderator_warns_with_a_reason_audited_and_notified(client, setting):
    author, _thread, post, moderator = setting
    client.force_login(moderator)

    response = client.post(
        reverse("forum:moderate_member", args=[post.pk]),
        {"actie": "waarschuwen", "reason": "ongepast", "note": "Let op je toon."},
    )

    assert response.status_code == 302
    event = AuditEvent.objects.get(action=ModerationAction.MEMBER_WARNED)
    assert (event.actor, event.subject, event.reason) == (moderator, author, "ongepast")
    note = Notification.objects.get(recipient=author)
    assert note.title == "Waarschuwing van een moderator: Ongepaste of kwetsende bijdrage"
    assert note.detail == "Let op je toon."
    assert "Let op" not in event.reason


def test_a_warning_note_passes_the_privacy_gate(client, setting):
    _author, _thread, post, moderator = setting
    client.force_login(moderator)

    response = client.post(
        reverse("forum:moderate_member", args=[post.pk]),
        {"actie": "waarschuwen", "reason": "anders", "note": "Bel me op 0612345678."},
    )

    assert response.status_code == 200  # blocked: the form comes back with the text
    assert "0612345678" in response.content.decode()
    assert not Notification.objects.exists()
    assert not AuditEvent.objects.filter(action=ModerationAction.MEMBER_WARNED).exists()


def test_a_member_cannot_warn(client, setting):
    _author, _thread, post, _moderator = setting
    client.force_login(factories.member())

    response = client.post(
        reverse("forum:moderate_member", args=[post.pk]),
        {"actie": "waarschuwen", "reason": "ongepast"},
    )

    assert response.status_code == 403
    assert not AuditEvent.objects.filter(action=ModerationAction.MEMBER_WARNED).exists()


def test_a_suspension_blocks_posting_reacting_and_flagging_with_the_end_date(client, setting):
    author, thread, post, moderator = setting
    other = forum_factories.post(thread=thread, author=factories.member(), text="Anders.")
    client.force_login(moderator)
    client.post(
        reverse("forum:moderate_member", args=[post.pk]),
        {"actie": "schorsen", "reason": "huisregels", "days": "5"},
    )
    profile = Profile.objects.get(user=author)
    assert profile.suspended_until is not None
    event = AuditEvent.objects.get(action=ModerationAction.MEMBER_SUSPENDED)
    assert (event.actor, event.subject) == (moderator, author)
    assert "geschorst tot" in Notification.objects.get(recipient=author).title

    client.force_login(author)
    posts_before = Post.objects.count()
    response = client.post(thread.get_absolute_url(), {"text": "Toch nog iets."})
    assert response.status_code == 403
    page = response.content.decode()
    assert "Je bent geschorst tot" in page
    assert str(profile.suspended_until.year) in page
    assert Post.objects.count() == posts_before
    assert (
        client.post(reverse("forum:react", args=[other.pk]), {"soort": "steun"}).status_code == 403
    )
    assert (
        client.post(reverse("forum:flag", args=[other.pk]), {"reason": "ongepast"}).status_code
        == 403
    )
    # Reading still works, with the message instead of the reply form.
    thread_page = client.get(thread.get_absolute_url()).content.decode()
    assert "Je bent geschorst tot" in thread_page
    assert 'id="forum-reply-form"' not in thread_page


def test_lifting_a_suspension_is_audited_and_lets_the_member_post_again(client, setting):
    author, thread, post, moderator = setting
    forum_services.suspend_member(moderator=moderator, post=post, days=2, reason="ongepast")
    client.force_login(moderator)
    assert "lid-" in client.get(reverse("forum:moderation")).content.decode()

    response = client.post(reverse("forum:lift_suspension", args=[author.pk]))

    assert response.status_code == 302
    assert AuditEvent.objects.filter(action=ModerationAction.SUSPENSION_LIFTED).exists()
    author.refresh_from_db()
    reply = forum_services.post_reply(thread=thread, author=author, text="Ik ben er weer.")
    assert reply.pk is not None


def test_moderators_read_these_decisions_in_the_audit_log(setting):
    from members.selectors import audit_events_visible_to

    author, _thread, post, moderator = setting
    forum_services.warn_member(moderator=moderator, post=post, reason="ongepast")
    second = factories.member(role="Moderator", with_mfa=True)

    assert (
        audit_events_visible_to(second)
        .filter(action=ModerationAction.MEMBER_WARNED, subject=author)
        .exists()
    )
