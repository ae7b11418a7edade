"""The visitors' page cache (leerwerkplaats/page_cache.py): what it serves, what it
never stores, and that a change editors make is visible at once."""

from __future__ import annotations

import datetime
from unittest import mock

import pytest
from django.http import HttpResponse
from django.test import RequestFactory
from django.utils import timezone

from leerwerkplaats import page_cache
from leerwerkplaats.models import HelpPage

pytestmark = pytest.mark.django_db

HELP_URL = "/hulp/ik-maak-geweld-mee/"


def state(response) -> str | None:
    return response.get(page_cache.HEADER)


def test_a_visitors_page_is_served_from_the_cache_without_a_query(
    client, help_index, django_assert_num_queries
):
    first = client.get(HELP_URL)
    with django_assert_num_queries(0):
        second = client.get(HELP_URL)

    assert (state(first), state(second)) == ("miss", "hit")
    assert second.content == first.content
    assert second["Content-Security-Policy"] == first["Content-Security-Policy"]
    assert second.cookies == {}


def test_a_published_change_is_visible_at_once(client, help_index):
    page = HelpPage.objects.get(slug="ik-maak-geweld-mee")
    client.get(HELP_URL)
    assert state(client.get(HELP_URL)) == "hit"

    page.title = "Een nieuwe titel voor slachtoffers"
    page.save_revision().publish()
    response = client.get(HELP_URL)

    assert state(response) == "miss"
    assert "Een nieuwe titel voor slachtoffers" in response.content.decode()
    # The main menu and the home page's list are pages too: the whole cache went.
    assert "Een nieuwe titel voor slachtoffers" in client.get("/").content.decode()


def test_an_unpublished_page_is_gone_at_once(client, help_index):
    page = HelpPage.objects.get(slug="ik-maak-geweld-mee")
    client.get(HELP_URL)
    client.get("/hulp/")

    page.unpublish()

    assert client.get(HELP_URL).status_code == 404
    assert "ik-maak-geweld-mee" not in client.get("/hulp/").content.decode()


def test_a_moved_or_deleted_page_is_gone_at_once(client, help_index, home_page):
    page = HelpPage.objects.get(slug="ik-maak-geweld-mee")
    client.get(HELP_URL)
    page.delete()

    assert client.get(HELP_URL).status_code == 404


def test_a_logged_in_user_never_gets_a_cached_visitor_page(client, help_index, member):
    client.get(HELP_URL)
    assert state(client.get(HELP_URL)) == "hit"

    client.force_login(member)
    response = client.get(HELP_URL)

    assert state(response) is None
    assert "Uitloggen" in response.content.decode()


def test_a_logged_in_users_page_is_never_stored(client, help_index, member):
    client.force_login(member)
    client.get(HELP_URL)
    client.get(HELP_URL)
    client.logout()

    response = client.get(HELP_URL)

    assert state(response) == "miss"
    assert "Uitloggen" not in response.content.decode()


@pytest.mark.parametrize("cookie", ["sessionid", "messages", "csrftoken"])
def test_a_request_with_a_session_messages_or_csrf_cookie_bypasses_the_cache(
    client, help_index, cookie
):
    client.get(HELP_URL)
    client.cookies[cookie] = "x"

    assert state(client.get(HELP_URL)) is None


def _middleware(response: HttpResponse) -> page_cache.PageCacheMiddleware:
    def view(request):
        page_cache.mark_cacheable(request)
        return response

    return page_cache.PageCacheMiddleware(view)


def test_a_response_that_sets_a_cookie_is_not_stored():
    response = HttpResponse("<p>pagina</p>", content_type="text/html; charset=utf-8")
    response.set_cookie("csrftoken", "abc")
    middleware = _middleware(response)
    request = RequestFactory().get("/ergens/")

    middleware(request)
    again = page_cache.PageCacheMiddleware(lambda r: HttpResponse("vers"))(
        RequestFactory().get("/ergens/")
    )

    assert again.content == b"vers"
    assert state(again) is None


def test_only_pages_wagtail_serves_are_stored():
    response = HttpResponse("<p>pagina</p>", content_type="text/html; charset=utf-8")
    middleware = page_cache.PageCacheMiddleware(lambda request: response)  # not marked

    middleware(RequestFactory().get("/ergens/"))

    assert state(middleware(RequestFactory().get("/ergens/"))) is None


def test_private_or_nonce_responses_are_not_stored():
    private = HttpResponse("<p>x</p>", content_type="text/html")
    private["Cache-Control"] = "private"
    nonce = HttpResponse("<p>x</p>", content_type="text/html")
    nonce["Content-Security-Policy"] = "script-src 'self' 'nonce-abc'"
    for response in (private, nonce):
        _middleware(response)(RequestFactory().get("/ergens/"))
        assert state(_middleware(response)(RequestFactory().get("/ergens/"))) is None


def test_language_variants_are_cached_apart(client, help_index):
    dutch, english = client.get("/"), client.get("/en/")
    dutch_again, english_again = client.get("/"), client.get("/en/")

    assert (state(dutch_again), state(english_again)) == ("hit", "hit")
    assert '<html lang="nl"' in dutch_again.content.decode()
    assert '<html lang="en"' in english_again.content.decode()
    assert dutch_again.content == dutch.content
    assert english_again.content == english.content


def test_a_new_day_is_a_new_entry_so_the_checked_date_warning_appears(client, help_index):
    """The key holds today's date: a help page becomes stale at the start of a day."""
    page = HelpPage.objects.get(slug="ik-maak-geweld-mee")
    HelpPage.objects.filter(pk=page.pk).update(last_checked=datetime.date(2026, 1, 15))
    page_cache.purge()

    def at(day: datetime.date):
        moment = timezone.make_aware(datetime.datetime.combine(day, datetime.time(12)))
        return mock.patch("django.utils.timezone.now", return_value=moment)

    with at(datetime.date(2026, 7, 15)):
        client.get(HELP_URL)
        assert "site-stale-notice" not in client.get(HELP_URL).content.decode()
    with at(datetime.date(2026, 7, 16)):
        response = client.get(HELP_URL)

    assert state(response) == "miss"
    assert "site-stale-notice" in response.content.decode()


def test_an_entry_expires_at_midnight():
    evening = datetime.datetime(2026, 7, 15, 23, 59, 0, tzinfo=timezone.get_current_timezone())
    assert page_cache._seconds_until_midnight(evening) == 60


def test_post_and_query_strings_are_never_cached(client, help_index):
    client.get(HELP_URL)
    assert state(client.get(HELP_URL + "?x=1")) is None
    assert state(client.post(HELP_URL)) is None


# --- a visitor's page drawn afresh (a cache miss) ---------------------------------

# The page itself and its own lists (home: help pages; course list: courses, their
# accreditations, their lessons); site, route, menu, footer, breadcrumbs and the
# view restrictions come from the worker's memory (shell_cache.py); the course list
# asks the shell's memory through the `page_view_restrictions` hook
# (courses/models/pages.py) instead of reading the page's ancestors and the
# restriction table, and keeps its course cards there (the `page_memory` hook,
# courses/selectors/catalogue.py). Before issue 16: 10, 10, 14; before the
# restrictions were kept in memory: 4, 3, 6; before the course list asked the
# hooks: 1, 1, 6.
VISITOR_PAGE_QUERIES = {"/": 1, HELP_URL: 1, "/cursussen/": 1}


@pytest.mark.parametrize("url", list(VISITOR_PAGE_QUERIES))
def test_visitor_pages_on_a_cache_miss_run_a_fixed_number_of_queries(
    client, help_index, privacy_statement, settings, url, django_assert_num_queries
):
    from tests.courses import factories as cf

    cf.course(help_index.get_parent(), title="Meldcode")
    settings.PAGE_CACHE_ENABLED = False
    client.get(url)

    with django_assert_num_queries(VISITOR_PAGE_QUERIES[url]):
        response = client.get(url)
    assert response.status_code == 200
    assert state(response) is None


def _restriction_reads(queries) -> int:
    return sum("wagtailcore_pageviewrestriction" in q["sql"] for q in queries)


@pytest.mark.parametrize("url", ["/", HELP_URL, "/hulp/", "/privacy/", "/cursussen/"])
def test_a_visitor_page_reads_the_view_restrictions_once_at_most(
    client, help_index, privacy_statement, settings, url
):
    """With a restricted section on the site (so there is something to read)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from wagtail.models import PageViewRestriction

    from leerwerkplaats.models import InformationPage
    from tests.courses import factories as cf

    cf.course(help_index.get_parent(), title="Meldcode")
    members_only = InformationPage(title="Alleen voor leden", slug="leden", body="<p>x</p>")
    help_index.get_parent().add_child(instance=members_only)
    PageViewRestriction.objects.create(page=members_only, restriction_type="login")
    settings.PAGE_CACHE_ENABLED = False
    client.get(url)  # a new generation: the memory is filled once per worker

    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)

    assert response.status_code == 200
    assert _restriction_reads(captured.captured_queries) <= 1
    assert "Alleen voor leden" not in response.content.decode()


@pytest.mark.parametrize("page_cache_on", [True, False])
def test_a_new_view_restriction_is_honoured_at_once(client, help_index, settings, page_cache_on):
    from wagtail.models import PageViewRestriction

    settings.PAGE_CACHE_ENABLED = page_cache_on
    page = HelpPage.objects.get(slug="ik-maak-geweld-mee")
    for url in (HELP_URL, "/", "/hulp/"):
        client.get(url)
        assert client.get(url).status_code == 200
    assert page.title in client.get("/hulp/").content.decode()

    PageViewRestriction.objects.create(page=page, restriction_type="login")

    response = client.get(HELP_URL)
    assert response.status_code == 302
    assert "/account/login/" in response["Location"]
    assert page.title not in client.get("/hulp/").content.decode()
    assert f'href="{HELP_URL}"' not in client.get("/").content.decode()


def test_a_removed_view_restriction_opens_the_page_at_once(client, help_index, settings):
    from wagtail.models import PageViewRestriction

    settings.PAGE_CACHE_ENABLED = False
    page = HelpPage.objects.get(slug="ik-maak-geweld-mee")
    restriction = PageViewRestriction.objects.create(page=page, restriction_type="login")
    assert client.get(HELP_URL).status_code == 302

    restriction.delete()

    assert client.get(HELP_URL).status_code == 200
    assert page.title in client.get("/hulp/").content.decode()


def test_a_group_restriction_follows_its_groups_at_once(client, help_index, member, settings):
    """A restriction's groups changed (a many-to-many change, no save of the row)."""
    from django.contrib.auth.models import Group
    from wagtail.models import PageViewRestriction

    settings.PAGE_CACHE_ENABLED = False
    page = HelpPage.objects.get(slug="ik-maak-geweld-mee")
    restriction = PageViewRestriction.objects.create(page=page, restriction_type="groups")
    group = Group.objects.create(name="Alleen deze groep")
    client.force_login(member)
    assert client.get(HELP_URL).status_code != 200

    restriction.groups.add(group)
    member.groups.add(group)

    assert client.get(HELP_URL).status_code == 200


def test_public_stories_on_a_cache_miss_run_a_fixed_number_of_queries(
    client, home_page, settings, django_assert_max_num_queries
):
    from leerwerkplaats import site_setup
    from stories.models import StoryIndexPage
    from tests.members import factories as mf
    from tests.stories.factories import published

    site_setup.set_up_site()
    index = StoryIndexPage.objects.get()
    author = mf.member(role="Ervaringsdeskundige", pseudonym="Schrijver Een")
    moderator = mf.member(role="Moderator", with_mfa=True)
    story = published(author, moderator)
    settings.PAGE_CACHE_ENABLED = False
    # The list from the worker's memory (stories/selectors.py, `page_memory` hook):
    # the index reads its page only (2 before).
    for url, queries in ((index.url, 1), (story.url, 2)):
        client.get(url)
        with django_assert_max_num_queries(queries):
            response = client.get(url)
        assert response.status_code == 200


# --- one cache round trip per hit -------------------------------------------------


class CountingCache:
    """The cache, with the name of every method the page cache calls on it."""

    def __init__(self, real):
        self.real, self.calls = real, []

    def __getattr__(self, name):
        attribute = getattr(self.real, name)
        if not callable(attribute):
            return attribute

        def call(*args, **kwargs):
            self.calls.append(name)
            return attribute(*args, **kwargs)

        return call


@pytest.fixture
def counted(monkeypatch):
    counting = CountingCache(page_cache.cache)
    monkeypatch.setattr(page_cache, "cache", counting)
    return counting


def test_a_hit_costs_one_cache_call(client, help_index, counted):
    client.get(HELP_URL)
    client.get(HELP_URL)
    counted.calls.clear()

    response = client.get(HELP_URL, HTTP_ACCEPT_ENCODING="gzip")

    assert state(response) == "hit"
    assert counted.calls == ["get_many"]  # the generation and the page: one MGET


def test_a_miss_reads_once_and_stores_once(client, help_index, counted):
    client.get("/")  # a generation exists
    counted.calls.clear()

    assert state(client.get(HELP_URL)) == "miss"
    assert counted.calls == ["get_many", "set"]


def test_a_page_kept_under_another_generation_is_a_miss(client, help_index):
    client.get(HELP_URL)
    assert state(client.get(HELP_URL)) == "hit"

    page_cache.purge()  # what a publish does, without changing the page

    assert state(client.get(HELP_URL)) == "miss"
    assert state(client.get(HELP_URL)) == "hit"


def test_a_lost_generation_makes_every_kept_page_a_miss(client, help_index):
    client.get(HELP_URL)
    page_cache.cache.delete(page_cache.GENERATION_KEY)

    assert state(client.get(HELP_URL)) == "miss"
    assert state(client.get(HELP_URL)) == "hit"


def test_an_old_drawing_stored_after_a_publish_is_never_served(client, help_index):
    """A request that read the generation before a publish and stores its page
    after it: the entry carries the old generation and is ignored."""
    page = HelpPage.objects.get(slug="ik-maak-geweld-mee")
    old_generation = page_cache.generation()
    client.get(HELP_URL)
    key = page_cache.request_key(RequestFactory().get(HELP_URL))
    stale = page_cache.cache.get(key)
    assert stale["generation"] == old_generation

    page.title = "Een nieuwe titel na het publiceren"
    page.save_revision().publish()
    page_cache.cache.set(key, stale, 60)  # the slow request stores its old page now

    response = client.get(HELP_URL)
    assert state(response) == "miss"
    assert "Een nieuwe titel na het publiceren" in response.content.decode()


def test_a_host_django_refuses_is_never_a_candidate(settings):
    settings.ALLOWED_HOSTS = ["leerwerkplaats.example"]
    allowed = RequestFactory().get(HELP_URL, HTTP_HOST="leerwerkplaats.example")
    refused = RequestFactory().get(HELP_URL, HTTP_HOST="elders.example")

    assert page_cache.is_candidate(allowed)
    assert not page_cache.is_candidate(refused)


def test_a_request_django_would_send_to_https_is_never_a_candidate(settings):
    settings.SECURE_SSL_REDIRECT = True
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

    assert not page_cache.is_candidate(RequestFactory().get(HELP_URL))
    assert page_cache.is_candidate(RequestFactory().get(HELP_URL, HTTP_X_FORWARDED_PROTO="https"))
