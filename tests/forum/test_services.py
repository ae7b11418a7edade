"""forum.services: privacy on every text, sequence numbers, moderation, audit."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from forum import permissions, services
from forum.audit import ForumAudit
from forum.models import (
    EventKind,
    Flag,
    FlagReason,
    Post,
    PostRevision,
    Reaction,
    ReadState,
    Thread,
    ThreadAlias,
    ThreadEvent,
)
from forum.privacy_check import (
    ERROR_PRIVACY_UNAVAILABLE,
    ConfirmationNeeded,
    PostBlocked,
)
from members import services as member_services
from members.models import AuditEvent, MembershipStatus
from tests.forum import factories
from tests.members import factories as member_factories

pytestmark = pytest.mark.django_db

NAME_TEXT = "Ik sprak met haar man Dmytro Kowalczyk over de school."
NAME_REDACTED = "Ik sprak met haar man [NAAM-1] over de school."
PHONE_TEXT = "Bel mij op 06-12345678 over dit gezin."
PLAIN = "Herkenbaar, dank je. Hoe pakten jullie dit aan?"


def test_open_thread_stores_the_first_post_with_seq_1(member, category):
    thread = services.open_thread(category=category, title="Vraag", author=member, text=PLAIN)

    post = thread.posts.get()
    assert (post.seq, post.text, thread.last_seq) == (1, PLAIN, 1)
    assert list(thread.events.values_list("seq", "kind")) == [(1, EventKind.POST)]


def test_a_name_asks_for_confirmation_and_nothing_is_stored(member, category):
    thread = factories.thread(author=member)

    with pytest.raises(ConfirmationNeeded) as caught:
        services.post_reply(thread=thread, author=member, text=NAME_TEXT)

    assert caught.value.redacted == NAME_REDACTED
    assert caught.value.placeholders == {"[NAAM-1]"}
    assert "Kowalczyk" not in str(caught.value)
    assert not Post.objects.exists()


def test_after_acceptance_only_the_redacted_text_is_stored(member):
    thread = factories.thread(author=member)

    post = services.post_reply(
        thread=thread, author=member, text=NAME_TEXT, accepted_placeholders=["[NAAM-1]"]
    )

    assert post.text == NAME_REDACTED
    assert not Post.objects.filter(text__contains="Kowalczyk").exists()


def test_a_structured_identifier_blocks_even_when_accepted(member):
    thread = factories.thread(author=member)

    with pytest.raises(PostBlocked) as caught:
        services.post_reply(
            thread=thread, author=member, text=PHONE_TEXT, accepted_placeholders=["[TELEFOON-1]"]
        )

    assert [(s.start, s.end, s.label) for s in caught.value.spans] == [(11, 22, "TELEFOON")]
    assert "06-12345678" not in str(caught.value)
    assert not Post.objects.exists()


def test_the_service_down_refuses_with_a_dutch_message(member, service_down):
    thread = factories.thread(author=member)

    with pytest.raises(ValidationError) as caught:
        services.post_reply(thread=thread, author=member, text=PLAIN)

    assert caught.value.messages == [str(ERROR_PRIVACY_UNAVAILABLE)]
    assert not Post.objects.exists()
    thread.refresh_from_db()
    assert thread.last_seq == 0


def test_each_post_takes_the_next_seq_and_broadcasts_after_commit(
    member, django_capture_on_commit_callbacks
):
    thread = factories.thread(author=member)
    with django_capture_on_commit_callbacks() as callbacks:
        first = services.post_reply(thread=thread, author=member, text=PLAIN)
        second = services.post_reply(thread=thread, author=member, text=PLAIN, reply_to=first)

    assert (first.seq, second.seq) == (1, 2)
    assert second.reply_to == first
    assert len(callbacks) == 2


def test_a_locked_thread_takes_no_reply_but_a_moderator_may(member, moderator):
    thread = factories.thread(author=member)
    services.lock_thread(thread=thread, moderator=moderator)

    with pytest.raises(PermissionDenied):
        services.post_reply(thread=thread, author=member, text=PLAIN)
    services.post_reply(thread=thread, author=moderator, text=PLAIN)
    assert AuditEvent.objects.filter(action=ForumAudit.THREAD_LOCKED).exists()


def test_a_pending_member_cannot_post(db):
    pending = member_factories.member(role=None, status=MembershipStatus.PENDING)
    thread = factories.thread()

    with pytest.raises(PermissionDenied):
        services.post_reply(thread=thread, author=pending, text=PLAIN)


def test_edit_within_the_window_keeps_history_and_logs_an_event(member):
    thread = factories.thread(author=member)
    post = services.post_reply(thread=thread, author=member, text=PLAIN)

    services.edit_post(post=post, editor=member, text="Dank je, heel herkenbaar.")

    post.refresh_from_db()
    assert post.text == "Dank je, heel herkenbaar."
    assert post.edited is not None
    assert list(PostRevision.objects.values_list("text", flat=True)) == [PLAIN]
    assert thread.events.last().kind == EventKind.POST_UPDATED


def test_edit_after_the_window_is_refused(member):
    thread = factories.thread(author=member)
    post = factories.post(thread=thread, created=timezone.now() - timezone.timedelta(minutes=16))

    with pytest.raises(PermissionDenied):
        services.edit_post(post=post, editor=member, text="Anders")


def test_herleidbaar_flag_hides_at_once_and_broadcasts_post_hidden(
    member, moderator, django_capture_on_commit_callbacks
):
    thread = factories.thread()
    post = factories.post(thread=thread)
    with django_capture_on_commit_callbacks() as callbacks:
        services.flag_post(post=post, reporter=member, reason=FlagReason.HERLEIDBAAR)

    post.refresh_from_db()
    assert post.hidden
    assert not Post.objects.visible_to(member).filter(pk=post.pk).exists()
    assert Post.objects.visible_to(moderator).filter(pk=post.pk).exists()
    assert ThreadEvent.objects.filter(thread=thread).last().kind == EventKind.POST_HIDDEN
    assert len(callbacks) == 1
    assert AuditEvent.objects.filter(action=ForumAudit.POST_HIDDEN).count() == 1


def test_another_flag_reason_leaves_the_post_visible(member):
    post = factories.post(thread=factories.thread())

    services.flag_post(post=post, reporter=member, reason=FlagReason.ONGEPAST)

    post.refresh_from_db()
    assert not post.hidden
    with pytest.raises(ValidationError):
        services.flag_post(post=post, reporter=member, reason=FlagReason.ONGEPAST)


def test_one_member_places_a_few_posts_a_minute_then_waits(member, moderator, settings):
    """Every post runs the privacy engine: one member cannot flood a thread (or the
    machine). Past the limit nothing is checked or stored; others still post."""
    settings.FORUM_POSTS_PER_MINUTE = 3
    thread = factories.thread()
    for _ in range(3):
        services.post_reply(thread=thread, author=member, text=PLAIN)

    with pytest.raises(ValidationError) as error:
        services.post_reply(thread=thread, author=member, text=PLAIN)
    with pytest.raises(ValidationError):
        services.open_thread(category=thread.category, title="Nog een", author=member, text=PLAIN)

    assert services.ERROR_TOO_FAST in error.value.message_dict["text"]
    assert Post.objects.filter(author=member).count() == 3
    services.post_reply(thread=thread, author=moderator, text=PLAIN)
    Post.objects.filter(author=member).update(
        created=timezone.now() - timezone.timedelta(minutes=2)
    )
    services.post_reply(thread=thread, author=member, text=PLAIN)


def test_edits_count_against_the_posts_a_minute(member, settings):
    """An edit runs the privacy engine and goes out live like a post: editing one
    post over and over is no way around FORUM_POSTS_PER_MINUTE (probe13)."""
    settings.FORUM_POSTS_PER_MINUTE = 3
    thread = factories.thread()
    post = services.post_reply(thread=thread, author=member, text=PLAIN)
    services.edit_post(post=post, editor=member, text=PLAIN + " Eerste aanvulling.")
    services.edit_post(post=post, editor=member, text=PLAIN + " Tweede aanvulling.")

    with pytest.raises(ValidationError) as error:
        services.edit_post(post=post, editor=member, text=PLAIN + " Derde aanvulling.")

    assert services.ERROR_TOO_FAST in error.value.message_dict["text"]
    assert Post.objects.get(pk=post.pk).text == PLAIN + " Tweede aanvulling."


def test_one_member_hides_only_a_few_posts_an_hour_with_herleidbaar_flags(member, moderator):
    """One member cannot take a discussion down by reporting every post
    "herleidbaar": past the hourly number their reports still reach the
    moderators, but the posts stay visible until a moderator looks."""
    thread = factories.thread()
    posts = [factories.post(thread=thread) for _ in range(services.FLAG_HIDES_PER_HOUR + 2)]

    for post in posts:
        flag = services.flag_post(post=post, reporter=member, reason=FlagReason.HERLEIDBAAR)
        assert flag.pk is not None

    hidden = [Post.objects.get(pk=post.pk).hidden for post in posts]
    assert hidden == [True] * services.FLAG_HIDES_PER_HOUR + [False, False]
    assert Flag.objects.open().filter(reporter=member).count() == len(posts)


def test_the_hourly_count_of_hiding_reports_is_taken_under_the_reporters_lock(member):
    """Two "herleidbaar" reports by one member at the same moment are counted one
    after the other: the reporter's row is locked before the count (PostgreSQL
    would otherwise let both see the same number and both hide; SQLite writes one
    transaction at a time and has no row locks)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    if not connection.features.has_select_for_update:
        pytest.skip("row locks: PostgreSQL (make test-services)")
    thread = factories.thread()
    post = factories.post(thread=thread)
    with CaptureQueriesContext(connection) as queries:
        services.flag_post(post=post, reporter=member, reason=FlagReason.HERLEIDBAAR)
    statements = [query["sql"].upper() for query in queries.captured_queries]
    table = member._meta.db_table.upper()
    lock = next(i for i, sql in enumerate(statements) if table in sql and "FOR UPDATE" in sql)
    count = next(i for i, sql in enumerate(statements) if "COUNT(" in sql)
    assert lock < count


def test_an_hour_later_a_herleidbaar_flag_hides_again(member):
    thread = factories.thread()
    for _ in range(services.FLAG_HIDES_PER_HOUR):
        post = factories.post(thread=thread)
        services.flag_post(post=post, reporter=member, reason=FlagReason.HERLEIDBAAR)
    Flag.objects.filter(reporter=member).update(
        created=timezone.now() - timezone.timedelta(hours=1, minutes=1)
    )
    post = factories.post(thread=thread)

    services.flag_post(post=post, reporter=member, reason=FlagReason.HERLEIDBAAR)

    post.refresh_from_db()
    assert post.hidden


def test_restore_shows_the_post_again_and_closes_the_flags(member, moderator):
    post = factories.post(thread=factories.thread())
    services.flag_post(post=post, reporter=member, reason=FlagReason.HERLEIDBAAR)

    services.restore_post(post=post, moderator=moderator)

    post.refresh_from_db()
    assert not post.hidden
    assert not Flag.objects.open().exists()
    assert AuditEvent.objects.filter(action=ForumAudit.POST_RESTORED, actor=moderator)


def test_redact_purges_the_history_with_the_old_text(member, moderator):
    thread = factories.thread(author=member)
    post = services.post_reply(thread=thread, author=member, text="Eerste versie van mijn tekst.")
    services.edit_post(post=post, editor=member, text="Tweede versie van mijn tekst.")

    services.redact_post(post=post, moderator=moderator, text="Door moderator aangepast.")

    post.refresh_from_db()
    assert post.text == "Door moderator aangepast."
    assert not PostRevision.objects.exists()
    assert AuditEvent.objects.filter(action=ForumAudit.POST_REDACTED).exists()


def test_moderator_actions_need_a_moderator(member):
    post = factories.post(thread=factories.thread())
    for call in (
        lambda: services.restore_post(post=post, moderator=member),
        lambda: services.redact_post(post=post, moderator=member, text="x"),
        lambda: services.lock_thread(thread=post.thread, moderator=member),
        lambda: services.move_thread(
            thread=post.thread, moderator=member, category=factories.category("x", "X")
        ),
    ):
        with pytest.raises(PermissionDenied):
            call()


def test_move_thread_is_audited(moderator):
    thread = factories.thread()
    target = factories.category("verhalen", "Verhalen")

    services.move_thread(thread=thread, moderator=moderator, category=target)

    assert Thread.objects.get(pk=thread.pk).category == target
    assert AuditEvent.objects.get(action=ForumAudit.THREAD_MOVED).reason == "verhalen"


def test_soft_delete_keeps_the_place_and_empties_the_text(member):
    thread = factories.thread(author=member)
    post = services.post_reply(thread=thread, author=member, text=PLAIN)

    services.delete_post(post=post, actor=member)

    post.refresh_from_db()
    assert (post.deleted, post.text) == (True, "")


def test_a_reaction_toggles(member):
    post = factories.post(thread=factories.thread())

    assert services.react(post=post, user=member, kind="steun") is True
    assert services.react(post=post, user=member, kind="steun") is False
    assert not Reaction.objects.exists()
    with pytest.raises(PermissionDenied):
        services.react(post=post, user=member, kind="like")


def test_mark_read_never_goes_back(member):
    thread = factories.thread()
    for _ in range(3):
        factories.post(thread=thread)
    thread.refresh_from_db()

    services.mark_read(user=member, thread=thread, seq=3)
    services.mark_read(user=member, thread=thread, seq=1)

    assert ReadState.objects.get(user=member, thread=thread).last_read_seq == 3


def test_aliases_per_thread_and_reveal_is_audited(member, moderator, category):
    other = member_factories.member()
    thread = services.open_thread(
        category=category, title="Casus", author=member, text=PLAIN, alias_mode=True
    )
    services.post_reply(thread=thread, author=other, text=PLAIN)
    services.post_reply(thread=thread, author=moderator, text=PLAIN)

    aliases = dict(ThreadAlias.objects.filter(thread=thread).values_list("user_id", "alias"))
    assert aliases == {member.pk: "Inbrenger", other.pk: "Deelnemer A", moderator.pk: "Deelnemer B"}

    assert services.reveal_alias(thread=thread, alias="Deelnemer A", moderator=moderator) == other
    event = AuditEvent.objects.get(action=ForumAudit.ALIAS_REVEALED)
    assert (event.actor, event.subject) == (moderator, other)
    with pytest.raises(PermissionDenied):
        services.reveal_alias(thread=thread, alias="Deelnemer A", moderator=other)


def test_open_thread_takes_a_generic_subject(member, category):
    subject = member_factories.organisation("Kwadraad")

    thread = services.open_thread(
        category=category, title="Over een casus", author=member, text=PLAIN, subject=subject
    )

    assert Thread.objects.get(pk=thread.pk).subject == subject


def test_export_and_erase_cover_posts_flags_and_read_state(member):
    thread = factories.thread(author=member)
    post = services.post_reply(thread=thread, author=member, text=PLAIN)
    other_post = factories.post(thread=thread, author=member_factories.member())
    services.flag_post(post=other_post, reporter=member, reason=FlagReason.ONGEPAST)
    services.react(post=other_post, user=member, kind="dank")

    data = member_services.export_personal_data(user=member)["forum"]
    assert [p["text"] for p in data["posts"]] == [PLAIN]
    assert data["flags"] == [{"post": other_post.pk, "reason": "ongepast", "status": "open"}]
    assert data["read_positions"] and data["reactions"]

    member_services.delete_account(user=member)

    assert not ReadState.objects.filter(user=member).exists()
    assert not Reaction.objects.filter(user=member).exists()
    assert Flag.objects.get().reporter is None
    assert Post.objects.filter(pk=post.pk).exists()  # stays for the others


def test_follow_mute_and_back_to_default(member):
    from forum.models import Subscription, SubscriptionState

    thread = factories.thread()

    services.set_subscription(user=member, thread=thread, state=SubscriptionState.MUTED)
    assert Subscription.objects.get(user=member, thread=thread).state == "muted"
    services.set_subscription(user=member, thread=thread, state=SubscriptionState.SUBSCRIBED)
    assert Subscription.objects.get(user=member, thread=thread).state == "subscribed"
    services.set_subscription(user=member, thread=thread, state=None)
    assert not Subscription.objects.filter(user=member, thread=thread).exists()


def _suspended(post, moderator):
    """The post's author, suspended by a moderator, as a fresh user object (the
    permission memo of an earlier object would still say "not suspended")."""
    services.suspend_member(moderator=moderator, post=post, days=3, reason=FlagReason.ONGEPAST)
    return type(post.author).objects.get(pk=post.author_id)


def test_a_suspended_author_cannot_edit_their_post_within_the_window(member, moderator):
    thread = factories.thread(author=member)
    post = services.post_reply(thread=thread, author=member, text=PLAIN)
    suspended = _suspended(post, moderator)

    assert not permissions.can_edit_post(suspended, post)
    with pytest.raises(PermissionDenied) as refused:
        services.edit_post(post=post, editor=suspended, text="Toch nog even aangepast.")

    assert "Je bent geschorst tot" in str(refused.value)
    post.refresh_from_db()
    assert post.text == PLAIN
    assert not PostRevision.objects.exists()


def test_a_suspended_author_cannot_delete_their_post_but_a_moderator_can(member, moderator):
    """Deleting empties the text and its history and closes the reports on it: a
    suspended author would wipe what the moderators are looking at."""
    thread = factories.thread(author=member)
    post = services.post_reply(thread=thread, author=member, text=PLAIN)
    services.edit_post(post=post, editor=member, text="Tweede versie.")
    suspended = _suspended(post, moderator)

    assert not permissions.can_delete_post(suspended, post)
    with pytest.raises(PermissionDenied) as refused:
        services.delete_post(post=post, actor=suspended)

    assert "Je bent geschorst tot" in str(refused.value)
    post.refresh_from_db()
    assert (post.deleted, post.text, post.revisions.count()) == (False, "Tweede versie.", 1)
    assert permissions.can_delete_post(moderator, post)
    services.delete_post(post=post, actor=moderator)
    post.refresh_from_db()
    assert post.deleted
