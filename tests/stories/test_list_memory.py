"""The public stories' list comes from the worker's memory (the `page_memory` hook,
kept per generation of the site shell, one list per audience): a change shows at
once, and a visitor never gets the members' list."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.members import factories
from tests.stories.factories import published

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def page_cache_off(settings):
    settings.PAGE_CACHE_ENABLED = False
    settings.MEMBER_PAGE_CACHE_ENABLED = False


def test_a_visitor_story_list_drawn_again_reads_only_its_page(
    client, story_index, author, moderator, django_assert_num_queries
):
    story = published(author, moderator)
    client.get(story_index.url)
    with django_assert_num_queries(1):  # the page itself; the list from memory
        html = client.get(story_index.url).content.decode()
    assert story.title in html


def test_a_newly_published_story_shows_at_once(client, story_index, author, moderator):
    client.get(story_index.url)
    story = published(author, moderator, title="Net gepubliceerd")
    assert story.title in client.get(story_index.url).content.decode()


def test_a_withdrawn_story_leaves_at_once(client, story_index, author, moderator):
    story = published(author, moderator, title="Even online")
    assert story.title in client.get(story_index.url).content.decode()
    client.force_login(author)
    client.post(reverse("stories:withdraw", args=[story.pk]))
    client.logout()
    assert story.title not in client.get(story_index.url).content.decode()


def test_visitors_and_members_each_get_their_own_list(client, story_index, author, moderator):
    members = published(author, moderator, title="Verhaal voor leden", audience="leden")
    client.force_login(factories.member())
    assert members.title in client.get(story_index.url).content.decode()  # members' list kept
    client.logout()
    assert members.title not in client.get(story_index.url).content.decode()
    client.force_login(factories.member(status="pending"))
    assert members.title not in client.get(story_index.url).content.decode()
