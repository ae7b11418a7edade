"""The forum's pages use the same number of queries for 10 posts or threads as
for 200 (and stay under a fixed ceiling)."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from forum.models import Reaction
from tests.forum import factories
from tests.members import factories as member_factories

pytestmark = pytest.mark.django_db

THREAD_PAGE_QUERIES = 30
LIST_QUERIES = 20


def count(client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


def _thread_with(n: int, authors: list, **fields):
    thread = factories.thread(author=authors[0], **fields)
    previous = None
    for i in range(n):
        post = factories.post(thread=thread, author=authors[i % len(authors)], reply_to=previous)
        if i % 3 == 0:
            Reaction.objects.create(post=post, user=authors[(i + 1) % len(authors)], kind="steun")
        previous = post
    return thread


@pytest.mark.parametrize("alias_mode", [False, True])
def test_the_thread_page_is_flat_in_thread_length(client, alias_mode):
    authors = [member_factories.member() for _ in range(4)]
    short = _thread_with(10, authors, alias_mode=alias_mode)
    long = _thread_with(200, authors, alias_mode=alias_mode)
    client.force_login(authors[1])

    count(client, short.get_absolute_url())  # first visit creates the read state
    count(client, long.get_absolute_url())
    few = count(client, short.get_absolute_url())
    many = count(client, long.get_absolute_url())

    assert few == many
    assert many <= THREAD_PAGE_QUERIES


def test_the_thread_page_for_a_moderator_is_flat_too(client):
    authors = [member_factories.member() for _ in range(3)]
    short = _thread_with(10, authors)
    long = _thread_with(200, authors)
    client.force_login(factories.moderator())

    count(client, short.get_absolute_url())
    count(client, long.get_absolute_url())

    assert count(client, short.get_absolute_url()) == count(client, long.get_absolute_url())


def test_the_lists_are_flat_in_the_number_of_threads(client, member):
    small = factories.category("klein", "Klein")
    large = factories.category("groot", "Groot")
    authors = [member_factories.member() for _ in range(3)]
    for i in range(10):
        factories.post(thread=factories.thread(author=authors[i % 3], category=small))
    for i in range(200):
        factories.post(thread=factories.thread(author=authors[i % 3], category=large))
    client.force_login(member)
    count(client, reverse("forum:index"))  # warm the per-process caches (site root)

    few = count(client, reverse("forum:category", args=["klein"]))
    many = count(client, reverse("forum:category", args=["groot"]))
    index = count(client, reverse("forum:index"))

    assert few == many
    assert many <= LIST_QUERIES
    assert index <= LIST_QUERIES


def test_the_replay_is_flat_in_the_number_of_events():
    from forum import selectors
    from members.selectors import user_for_live_check

    authors = [member_factories.member() for _ in range(3)]
    short = _thread_with(10, authors)
    long = _thread_with(200, authors)
    reader = user_for_live_check(authors[1].pk)

    def replay(thread) -> tuple[int, int]:
        with CaptureQueriesContext(connection) as captured:
            frames = selectors.frames_after(thread_id=thread.pk, after=0, user=reader)
        return len(frames), len(captured)

    replay(short)  # warm the per-user memo of the permission predicates
    assert replay(short)[0] == 10
    assert replay(long)[0] == 200
    assert replay(short)[1] == replay(long)[1]


def _busy_thread(n: int, members: list):
    """`n` posts by `members` in turn, each quoting the one before and @mentioning
    the next member; a reaction on every third, some quoted posts hidden or deleted
    (the quote then says so), so every part of a post's view is on the page."""
    thread = factories.thread(author=members[0])
    previous = None
    for i in range(n):
        named = members[(i + 1) % len(members)].profile.pseudonym
        post = factories.post(
            thread=thread,
            author=members[i % len(members)],
            text=f"Dank je @{named}, ik sluit me aan.",
            reply_to=previous,
            hidden=i % 7 == 5,
            deleted=i % 11 == 9,
        )
        if i % 3 == 0:
            Reaction.objects.create(post=post, user=members[(i + 2) % len(members)], kind="steun")
        previous = post
    return thread


@pytest.mark.parametrize("as_moderator", [False, True])
def test_the_thread_page_is_flat_with_reactions_quotes_and_mentions(client, as_moderator):
    """More posts, more distinct members mentioned, quoted and reacting: the same
    number of queries."""
    few = [member_factories.member(pseudonym=f"klein{i}") for i in range(3)]
    many = [member_factories.member(pseudonym=f"groot{i}") for i in range(12)]
    short = _busy_thread(10, few)
    long = _busy_thread(120, many)
    viewer = factories.moderator() if as_moderator else member_factories.member()
    client.force_login(viewer)
    page = client.get(long.get_absolute_url()).content.decode()
    assert 'class="utrecht-link forum-mention"' in page  # the mentions are linked

    count(client, short.get_absolute_url())  # first visit creates the read state
    assert count(client, short.get_absolute_url()) == count(client, long.get_absolute_url())
    assert count(client, long.get_absolute_url()) <= THREAD_PAGE_QUERIES
