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
from forum.models import EventKind, Reaction
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
