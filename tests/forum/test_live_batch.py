"""One thread event for many sockets of a worker process: checked and rendered in a
fixed number of queries whatever the number of sockets (docs/live.md, "Many sockets
on one thread"), with each member's frame as they alone may see it."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from forum import selectors
from forum.models import EventKind, Flag, FlagReason, Reaction
from members.models import Profile
from members.permissions import is_suspended
from members.selectors import users_for_live_check
from tests.forum import factories
from tests.members import factories as member_factories

pytestmark = pytest.mark.django_db


def frames_for(thread, post, users):
    loaded = users_for_live_check([(user.pk, None) for user in users])
    members = [loaded[(user.pk, None)] for user in users]
    with CaptureQueriesContext(connection) as captured:
        answers = selectors.live_frames(
            thread_id=thread.pk, seq=post.seq, kind=EventKind.POST, post_id=post.pk, users=members
        )
    return answers, len(captured)


def test_the_queries_do_not_grow_with_the_number_of_sockets():
    author = member_factories.member()
    thread = factories.thread(author=author)
    post = factories.post(thread=thread, author=author)
    few = [member_factories.member() for _ in range(2)]
    many = few + [member_factories.member() for _ in range(10)]

    _, queries_few = frames_for(thread, post, few)
    answers, queries_many = frames_for(thread, post, many)

    assert queries_many == queries_few
    assert all(permitted and frame["type"] == "post" for permitted, frame in answers)


def test_loading_many_members_takes_two_queries(django_assert_num_queries):
    members = [member_factories.member() for _ in range(8)]
    with django_assert_num_queries(1):  # no session keys: the members only
        loaded = users_for_live_check([(m.pk, None) for m in members])
    assert all(loaded[(m.pk, None)] is not None for m in members)


def test_each_member_sees_the_post_as_they_may():
    author = member_factories.member()
    thread = factories.thread(author=author)
    post = factories.post(thread=thread, author=author, text="Een bericht voor iedereen.")
    reader = member_factories.member()
    reacted = member_factories.member()
    Reaction.objects.create(post=post, user=reacted, kind="steun")
    moderator = factories.moderator()
    refused = member_factories.member(status="refused")
    users = [author, reader, reacted, moderator, refused]

    answers, _ = frames_for(thread, post, users)
    by_user = dict(zip([u.pk for u in users], answers, strict=True))

    assert by_user[refused.pk] == (False, None)
    for pk in (author.pk, reader.pk, reacted.pk, moderator.pk):
        permitted, frame = by_user[pk]
        assert permitted
        # Each frame equals what the one-socket path renders for that member.
        single = users_for_live_check([(pk, None)])[(pk, None)]
        expected = selectors.frame_for(
            thread_id=thread.pk, seq=post.seq, kind=EventKind.POST, post_id=post.pk, user=single
        )
        assert frame == expected
    assert 'aria-pressed="true"' in by_user[reacted.pk][1]["html"]
    assert 'aria-pressed="true"' not in by_user[reader.pk][1]["html"]


def test_a_hidden_post_is_a_bare_post_hidden_for_members_only():
    author = member_factories.member()
    thread = factories.thread(author=author)
    post = factories.post(thread=thread, author=author, hidden=True)
    reader = member_factories.member()
    moderator = factories.moderator()

    answers, _ = frames_for(thread, post, [reader, moderator])

    assert answers[0] == (True, {"type": "post_hidden", "seq": post.seq, "id": post.pk})
    assert answers[1][1]["type"] == "post" and "html" in answers[1][1]


def test_the_batch_knows_a_suspended_member_is_suspended():
    """The batch fills the same memo as the one-socket check, suspension included
    (it once left it out, and a suspended member then passed the per-event check)."""
    member = member_factories.member()
    Profile.objects.filter(user=member).update(suspended_until=timezone.now() + timedelta(days=1))

    loaded = users_for_live_check([(member.pk, None)])[(member.pk, None)]

    assert is_suspended(loaded)


# --- frames prepared once in the posting process (forum.broadcast) -----------


def prepared_for(thread, post, users, *, kind=EventKind.POST, seq=None):
    """The event's frames as the posting process prepares them at the commit, and
    as a worker then decides them for `users` (loaded as its check loads them)."""
    seq = post.seq if seq is None else seq
    prepared = selectors.prepare_event(thread_id=thread.pk, seq=seq, kind=kind, post_id=post.pk)
    return prepared, decide_prepared(thread, post, users, prepared, seq=seq)


def decide_prepared(thread, post, users, prepared, *, seq):
    loaded = users_for_live_check(
        [(user.pk, None) for user in users],
        annotations=selectors.live_thread_annotations(thread.pk),
    )
    members = [loaded[(user.pk, None)] for user in users]
    return selectors.prepared_live_frames(
        prepared=prepared, thread_id=thread.pk, seq=seq, post_id=post.pk, users=members
    )


def test_prepared_frames_are_what_the_worker_would_render_for_each_member():
    """Author, reader, one who reacted, one who flagged, a moderator (who also
    reacted), a refused member: each gets from the prepared frames exactly the
    frame the one-socket path renders for them."""
    author = member_factories.member()
    thread = factories.thread(author=author)
    post = factories.post(thread=thread, author=author, text="Een bericht voor iedereen.")
    reader = member_factories.member()
    reacted = member_factories.member()
    flagger = member_factories.member()
    moderator = factories.moderator()
    Reaction.objects.create(post=post, user=reacted, kind="steun")
    Reaction.objects.create(post=post, user=moderator, kind="herkenbaar")
    Flag.objects.create(post=post, reporter=flagger, reason=FlagReason.ANDERS)
    refused = member_factories.member(status="refused")
    users = [author, reader, reacted, flagger, moderator, refused]

    prepared, answers = prepared_for(thread, post, users)

    # reader, moderator, and the four whose variant is their own (author, reacted,
    # flagged, the moderator who reacted): rendered once each, in the posting process
    assert len(prepared["frames"]) == 6
    assert answers is not None
    assert answers[-1] == (False, None)
    expected = selectors.live_frames(
        thread_id=thread.pk,
        seq=post.seq,
        kind=EventKind.POST,
        post_id=post.pk,
        users=[users_for_live_check([(u.pk, None)])[(u.pk, None)] for u in users],
    )
    assert answers == expected
    for user, (permitted, frame) in zip(users[:-1], answers, strict=False):
        single = users_for_live_check([(user.pk, None)])[(user.pk, None)]
        assert permitted
        assert frame == selectors.frame_for(
            thread_id=thread.pk, seq=post.seq, kind=EventKind.POST, post_id=post.pk, user=single
        )
    assert "Melden" not in answers[3][1]["html"]  # the flagger flagged already
    assert "Bewerken" in answers[0][1]["html"] and "Bewerken" not in answers[1][1]["html"]


def test_a_worker_decides_a_prepared_event_in_one_query_and_renders_nothing(monkeypatch):
    """The worker's whole check of a prepared event for many members: one query (the
    members, with the thread's state in passing; the sessions add one when the
    sockets have them), no post loaded, nothing rendered."""
    author = member_factories.member()
    thread = factories.thread(author=author)
    post = factories.post(thread=thread, author=author)
    readers = [member_factories.member() for _ in range(6)] + [factories.moderator()]
    prepared = selectors.prepare_event(
        thread_id=thread.pk, seq=post.seq, kind=EventKind.POST, post_id=post.pk
    )

    def no_rendering(*args, **kwargs):
        raise AssertionError("a worker rendered the post")

    monkeypatch.setattr(selectors, "render_to_string", no_rendering)
    with CaptureQueriesContext(connection) as captured:
        answers = decide_prepared(thread, post, readers, prepared, seq=post.seq)

    assert len(captured) == 1
    assert answers is not None
    assert all(permitted and frame["type"] == "post" for permitted, frame in answers)
    # One frame object per way of seeing the post, its JSON encoded once.
    assert len({id(frame) for _, frame in answers}) == 2


def test_prepared_frames_are_not_used_once_the_thread_moved_on():
    """A post hidden after the frames were prepared (a new seq): the worker renders
    from the database, and the reader gets a bare post_hidden, not the text."""
    author = member_factories.member()
    thread = factories.thread(author=author)
    post = factories.post(thread=thread, author=author, text="Wordt zo verborgen.")
    reader = member_factories.member()
    prepared = selectors.prepare_event(
        thread_id=thread.pk, seq=post.seq, kind=EventKind.POST, post_id=post.pk
    )
    assert prepared is not None
    moderator = factories.moderator()
    from forum import services

    services.hide_post(post=post, moderator=moderator)

    assert decide_prepared(thread, post, [reader], prepared, seq=post.seq) is None
    [answer] = selectors.live_frames(
        thread_id=thread.pk,
        seq=post.seq,
        kind=EventKind.POST,
        post_id=post.pk,
        users=[users_for_live_check([(reader.pk, None)])[(reader.pk, None)]],
    )
    assert answer == (True, {"type": "post_hidden", "seq": post.seq, "id": post.pk})


def test_a_thread_hidden_or_locked_after_preparing_is_decided_as_it_is_now():
    """Hiding or locking a thread takes no seq: the worker reads the thread's state
    in its check. Hidden: the reader is refused. Locked: the reader's variant (no
    "Reageer hierop") was not prepared, so the worker renders it."""
    from forum.models import Thread

    author = member_factories.member()
    thread = factories.thread(author=author)
    post = factories.post(thread=thread, author=author)
    reader = member_factories.member()
    prepared = selectors.prepare_event(
        thread_id=thread.pk, seq=post.seq, kind=EventKind.POST, post_id=post.pk
    )

    Thread.objects.filter(pk=thread.pk).update(locked=True)
    assert decide_prepared(thread, post, [reader], prepared, seq=post.seq) is None

    Thread.objects.filter(pk=thread.pk).update(locked=False, hidden=True)
    assert decide_prepared(thread, post, [reader], prepared, seq=post.seq) == [(False, None)]


def test_prepared_frames_in_an_aliased_thread_show_the_aliases():
    author = member_factories.member()
    thread = factories.thread(author=author, alias_mode=True)
    from forum import services

    post = services.post_reply(thread=thread, author=author, text="Mijn inbreng.")
    reader = member_factories.member()
    moderator = factories.moderator()

    _, answers = prepared_for(thread, post, [reader, moderator, author])

    assert answers is not None
    for (_, frame), user in zip(answers, [reader, moderator, author], strict=True):
        single = users_for_live_check([(user.pk, None)])[(user.pk, None)]
        assert frame == selectors.frame_for(
            thread_id=thread.pk, seq=post.seq, kind=EventKind.POST, post_id=post.pk, user=single
        )
        assert "Inbrenger" in frame["html"]
        assert author.profile.pseudonym not in frame["html"]
