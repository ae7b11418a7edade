"""View restrictions on the course pages: asked of the site shell's memory through
the `page_view_restrictions` hook (courses/models/pages.py), with the same outcome
as Wagtail's own check, and honoured at once when added or removed."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

from courses.models import VIEW_RESTRICTIONS_HOOK
from tests.courses import factories as cf

pytestmark = pytest.mark.django_db


def _urls(course):
    return ["/cursussen/", course.url, cf.lessons_of(course)[0].url]


def test_a_restricted_course_list_sends_a_visitor_to_log_in_and_lets_a_member_in(
    client, member, course, settings
):
    settings.PAGE_CACHE_ENABLED = False
    for url in _urls(course):
        client.get(url)  # the shell's memory filled before the restriction is added
    PageViewRestriction.objects.create(page=course.get_parent(), restriction_type="login")

    for url in _urls(course):
        response = client.get(url)
        assert response.status_code == 302, url
        assert "/account/login/" in response["Location"]
    client.force_login(member)
    for url in _urls(course):
        assert client.get(url).status_code == 200, url


def test_a_removed_restriction_opens_the_course_pages_at_once(client, course, settings):
    settings.PAGE_CACHE_ENABLED = False
    restriction = PageViewRestriction.objects.create(page=course, restriction_type="login")
    assert client.get(course.url).status_code == 302
    assert client.get("/cursussen/").status_code == 200

    restriction.delete()

    assert client.get(course.url).status_code == 200


def test_a_course_page_reads_no_restriction_when_none_lies_above_it(
    client, member, course, settings
):
    """Wagtail's own check reads the page's ancestors and the restriction table on
    every request; the shell's memory reads nothing once filled."""
    settings.PAGE_CACHE_ENABLED = False
    settings.MEMBER_PAGE_CACHE_ENABLED = False
    client.force_login(member)  # a lesson is for members
    for url in _urls(course):
        client.get(url)
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        sql = [q["sql"] for q in captured.captured_queries]
        assert not [q for q in sql if "wagtailcore_pageviewrestriction" in q], url


def test_the_hook_is_answered_by_the_site_shell():
    from wagtail import hooks

    assert hooks.get_hooks(VIEW_RESTRICTIONS_HOOK)
