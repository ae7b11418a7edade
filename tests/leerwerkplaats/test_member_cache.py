"""What the site keeps for one member (leerwerkplaats/member_cache.py, issue 16): a
lesson page kept whole for its learner, and the member's shell.

A kept page is served in 2 queries (session and user), with the CSRF token, the
CSP nonce and the reflection's start time filled in anew; anything the page shows
of the learner, the pages or the shell makes it be drawn again at once, and no
member ever gets another's page."""

from __future__ import annotations

import re
import time
from datetime import timedelta
from unittest import mock

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from courses import selectors, services
from courses.models import LessonPage, LessonProgress
from leerwerkplaats import member_cache
from members.cache_versions import bump_member, member_version
from members.models import MembershipStatus, Profile
from members.permissions import COORDINATOR
from notifications import services as notifications
from tests.courses import factories as cf
from tests.members import factories

pytestmark = pytest.mark.django_db

# The session's row (none when sessions are read from the cache): the user comes
# from their kept shell, the kept page asks nothing else.
HIT_QUERIES = 1
LESSON_GET_QUERIES = 10
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
NONCE = re.compile(r'nonce="([^"]+)"')
STARTED = re.compile(r'name="gestart" value="([^"]+)"')


def state(response) -> str | None:
    return response.get(member_cache.HEADER)


@pytest.fixture
def course(home_page):
    return cf.course(home_page, title="Klein", lessons=2)


@pytest.fixture
def lesson(course) -> LessonPage:
    # The last lesson has the questions, the scenario and the reflection.
    return cf.lessons_of(course)[-1]


@pytest.fixture
def learner(client, member, lesson):
    client.force_login(member)
    client.get(lesson.url)  # the first view enrols and starts the lesson: writes
    return client


def warm(client: Client, url: str) -> str:
    """The page drawn and kept, then served from the cache; the drawn HTML."""
    response = client.get(url)
    assert state(response) == "miss", "the page was not kept"
    assert state(client.get(url)) == "hit"
    return response.content.decode()


def test_a_kept_lesson_is_served_in_1_query_and_drawn_in_at_most_10(
    learner, lesson, django_assert_max_num_queries
):
    with CaptureQueriesContext(connection) as drawn:
        miss = learner.get(lesson.url)
    assert state(miss) == "miss"
    assert len(drawn) <= LESSON_GET_QUERIES
    with django_assert_max_num_queries(HIT_QUERIES):
        hit = learner.get(lesson.url)

    assert state(hit) == "hit"
    assert hit.status_code == 200
    assert hit["Cache-Control"] == miss["Cache-Control"]  # never_cache: private
    # The same page but for the per-request values (the reflection's start is
    # signed with the time in seconds, so it may differ too).
    strip = lambda html: STARTED.sub("", NONCE.sub("", CSRF.sub("", html)))  # noqa: E731
    assert strip(hit.content.decode()) == strip(miss.content.decode())


def test_the_csrf_token_and_the_csp_nonce_are_fresh_on_every_kept_page(
    member, lesson, django_assert_max_num_queries
):
    client = Client(enforce_csrf_checks=True)
    client.force_login(member)
    client.get(lesson.url)  # the first view writes
    warm(client, lesson.url)
    first, second = client.get(lesson.url), client.get(lesson.url)
    assert state(first) == state(second) == "hit"

    for response in (first, second):
        html = response.content.decode()
        tokens = set(CSRF.findall(html))
        assert len(tokens) == 1 and "lwp-slot" not in html
        nonces = set(NONCE.findall(html))
        assert len(nonces) == 1
        assert f"'nonce-{nonces.pop()}'" in response["Content-Security-Policy"]
    assert CSRF.findall(first.content.decode()) != CSRF.findall(second.content.decode())
    assert NONCE.findall(first.content.decode()) != NONCE.findall(second.content.decode())

    # The filled-in token is accepted: the quiz can be handed in from a kept page.
    token = CSRF.findall(second.content.decode())[0]
    answers = {f"vraag-{k}": [str(i) for i in v] for k, v in cf.right_answers(lesson).items()}
    response = client.post(lesson.url, {"csrfmiddlewaretoken": token, "actie": "toets", **answers})
    assert response.status_code == 302


def test_the_reflections_start_time_is_fresh_on_a_kept_page(learner, lesson):
    # The lesson module's clock only (the cache's own expiry reads the real one).
    with mock.patch("courses.selectors.lesson.time") as clock:
        clock.time_ns.side_effect = time.time_ns
        clock.time.return_value = 1_000_000
        warm(learner, lesson.url)
        clock.time.return_value = 1_000_500
        hit = learner.get(lesson.url)
        token = STARTED.search(hit.content.decode()).group(1)
        assert state(hit) == "hit"
        assert selectors.seconds_since(token) == 0  # not 500: drawn for this request


def test_a_quiz_handed_in_shows_at_once(learner, lesson):
    html = warm(learner, lesson.url)
    assert "Je score" not in html
    answers = {f"vraag-{k}": [str(i) for i in v] for k, v in cf.right_answers(lesson).items()}
    learner.post(lesson.url, {"actie": "toets", **answers})

    response = learner.get(lesson.url)
    assert state(response) == "miss"
    assert "Je score: 100% goed." in response.content.decode()


def test_a_state_written_by_a_service_elsewhere_shows_at_once(learner, member, lesson):
    warm(learner, lesson.url)
    # Graded outside this client's requests (another tab, another worker).
    services.grade_quiz_attempt(user=member, lesson=lesson, answers=cf.wrong_answers(lesson))

    response = learner.get(lesson.url)
    assert state(response) == "miss"
    assert "Je score: 0% goed." in response.content.decode()


def test_a_new_notification_and_reading_it_show_in_the_bell_at_once(learner, member, lesson):
    html = warm(learner, lesson.url)
    assert 'data-unread="0"' in html
    notification = notifications.notify(
        recipient=member, kind="reply", title="Een reactie", url="/forum/", email=False
    )

    response = learner.get(lesson.url)
    assert state(response) == "miss"
    assert 'data-unread="1"' in response.content.decode()
    assert state(learner.get(lesson.url)) == "hit"

    notifications.mark_read(user=member, notification_id=notification.pk)
    assert 'data-unread="0"' in learner.get(lesson.url).content.decode()


def test_a_published_change_of_the_lesson_shows_at_once(learner, lesson):
    warm(learner, lesson.url)
    page = LessonPage.objects.get(pk=lesson.pk)
    page.title = "Een nieuwe titel voor de les"
    page.save_revision().publish()

    response = learner.get(lesson.url)
    assert state(response) == "miss"
    assert "Een nieuwe titel voor de les" in response.content.decode()


def test_a_new_role_shows_in_the_menu_at_once(client, lesson):
    member = factories.member(with_mfa=True)
    client.force_login(member)
    client.get(lesson.url)
    html = warm(client, lesson.url)
    assert "Rapportages" not in html

    member.groups.add(Group.objects.get_or_create(name=COORDINATOR)[0])
    response = client.get(lesson.url)
    assert state(response) == "miss"
    assert "Rapportages" in response.content.decode()

    member.groups.clear()
    assert "Rapportages" not in client.get(lesson.url).content.decode()


def test_a_member_who_loses_access_gets_no_kept_page(learner, member, lesson):
    warm(learner, lesson.url)
    profile = Profile.objects.get(user=member)
    profile.status = MembershipStatus.REFUSED
    profile.save()

    assert learner.get(lesson.url).status_code == 403


def test_after_logging_out_the_kept_page_is_gone(learner, lesson):
    warm(learner, lesson.url)
    session_cookie = learner.cookies["sessionid"].value
    learner.post("/account/logout/")

    response = learner.get(lesson.url)
    assert response.status_code == 302  # to the login form
    # Nor with the old session's cookie sent again.
    replay = Client()
    replay.cookies["sessionid"] = session_cookie
    response = replay.get(lesson.url)
    assert response.status_code == 302
    assert state(response) is None


def test_a_member_never_gets_another_members_page(learner, member, lesson):
    answers = {f"vraag-{k}": [str(i) for i in v] for k, v in cf.right_answers(lesson).items()}
    learner.post(lesson.url, {"actie": "toets", **answers})
    mine = warm(learner, lesson.url)
    assert "Je score: 100% goed." in mine

    other = factories.member()
    other_client = Client()
    other_client.force_login(other)
    other_client.get(lesson.url)
    theirs = other_client.get(lesson.url)
    assert state(theirs) == "miss"
    html = theirs.content.decode()
    assert "Je score" not in html
    assert "Controleer mijn antwoorden" in html
    # Each keeps their own: the first learner's kept page is still theirs.
    assert "Je score: 100% goed." in learner.get(lesson.url).content.decode()
    assert "Je score" not in other_client.get(lesson.url).content.decode()


def test_a_kept_page_is_never_served_to_a_visitor(learner, lesson, client):
    warm(learner, lesson.url)
    visitor = Client()
    response = visitor.get(lesson.url)
    assert response.status_code == 302
    assert state(response) is None


def test_pages_with_messages_are_neither_served_from_nor_kept(learner, lesson):
    warm(learner, lesson.url)
    # A refused scenario choice: an error message, and back to the lesson.
    block = lesson.blocks_of_type("scenario")[0]
    learner.post(lesson.url, {"actie": "casus", "blok": block.id, "stap": "9", "keuze": "0"})

    with_message = learner.get(lesson.url)
    assert state(with_message) is None  # neither served from the cache nor kept
    assert "site-messages" in with_message.content.decode()
    after = learner.get(lesson.url)
    assert "site-messages" not in after.content.decode()
    assert state(learner.get(lesson.url)) == "hit"
    assert "site-messages" not in learner.get(lesson.url).content.decode()


def test_a_retake_address_is_not_kept(learner, lesson):
    warm(learner, lesson.url)
    response = learner.get(lesson.url + "?opnieuw=2")
    assert state(response) is None


def test_a_page_is_kept_no_longer_than_until_the_next_view_is_recorded(learner, member, lesson):
    # The view was recorded 4 minutes ago: the page may be kept one more minute,
    # then the next view writes the time again.
    LessonProgress.objects.filter(enrolment__user=member).update(
        last_viewed_at=timezone.now() - timedelta(minutes=4)
    )
    bump_member(member.pk)  # an update sends no signal
    with mock.patch.object(member_cache.cache, "set", wraps=member_cache.cache.set) as kept:
        response = learner.get(lesson.url)
    assert state(response) == "miss"
    timeouts = [c.args[2] for c in kept.call_args_list if c.args[0].startswith("memberpage")]
    assert timeouts and 0 < timeouts[0] <= 60


def test_the_member_shell_saves_the_role_profile_and_bell_queries(
    learner, member, lesson, settings
):
    settings.MEMBER_PAGE_CACHE_ENABLED = False
    learner.get(lesson.url)
    with CaptureQueriesContext(connection) as primed:
        learner.get(lesson.url)
    sql = " ".join(q["sql"] for q in primed)
    assert "auth_group" not in sql
    assert "members_profile" not in sql
    assert "notifications_notification" not in sql
    assert '"members_user"' not in sql

    settings.MEMBER_SHELL_CACHE_ENABLED = False
    with CaptureQueriesContext(connection) as unprimed:
        learner.get(lesson.url)
    # The user, their roles, their profile and the bell.
    assert len(unprimed) == len(primed) + 4


def test_the_version_changes_on_each_thing_the_shell_shows(member):
    before = member_version(member.pk)
    profile = Profile.objects.get(user=member)
    profile.display_name = "Een andere naam"
    profile.save()
    after_profile = member_version(member.pk)
    member.groups.add(Group.objects.get_or_create(name=COORDINATOR)[0])
    after_role = member_version(member.pk)
    notifications.notify(recipient=member, kind="reply", title="Iets", url="/", email=False)
    after_bell = member_version(member.pk)

    assert len({before, after_profile, after_role, after_bell}) == 4


def test_a_kept_lesson_costs_two_cache_reads(learner, lesson):
    # The pages' generation (read for the site, before the session), then the
    # member's version, shell and kept page in one read: not four round trips.
    warm(learner, lesson.url)
    shared = member_cache.cache
    reads: list[str] = []
    depth = [0]

    def counting(name, real):
        # A backend's get_many may call its own get: one read all the same.
        def call(*args, **kwargs):
            if not depth[0]:
                reads.append(name)
            depth[0] += 1
            try:
                return real(*args, **kwargs)
            finally:
                depth[0] -= 1

        return call

    names = ("get", "get_many", "has_key")
    patches = [
        mock.patch.object(shared, n, side_effect=counting(n, getattr(shared, n))) for n in names
    ]
    with patches[0], patches[1], patches[2]:
        response = learner.get(lesson.url)
    assert state(response) == "hit"
    # With Redis the session itself is read from the cache (members.sessions)
    # instead of its row: one read more, one query less.
    from django.conf import settings

    session = ["get"] if settings.SESSION_ENGINE != "django.contrib.sessions.backends.db" else []
    assert reads == ["get", *session, "get_many"]


def _kept_key(client: Client, url: str) -> str:
    shared = member_cache.cache
    with mock.patch.object(shared, "set", wraps=shared.set) as kept:
        assert state(client.get(url)) == "miss"
    return next(c.args[0] for c in kept.call_args_list if c.args[0].startswith("memberpage"))


def test_a_page_kept_under_an_older_version_generation_or_for_another_is_not_served(
    learner, member, lesson
):
    bump_member(member.pk)
    key = _kept_key(learner, lesson.url)
    shared = member_cache.cache
    stored = shared.get(key)
    assert state(learner.get(lesson.url)) == "hit"
    # The same key, but the entry drawn under an older version, generation, or for
    # another member: drawn again.
    for changed in (
        {"version": "een-oudere-versie"},
        {"generation": stored["generation"] - 1},
        {"user": factories.member().pk},
    ):
        shared.set(key, {**stored, **changed}, 60)
        assert state(learner.get(lesson.url)) == "miss", changed
        shared.set(key, stored, 60)
        assert state(learner.get(lesson.url)) == "hit"
