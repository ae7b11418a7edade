"""Query counts do not grow with the data: the same number of queries for a
small and a large course, record and report (and below a fixed ceiling)."""

from __future__ import annotations

from datetime import date, timedelta
from unittest import mock

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from courses import services
from courses.models import Completion, Enrolment, LessonProgress
from members.models import MembershipStatus, Profile
from tests.courses import factories as cf
from tests.members import factories

pytestmark = pytest.mark.django_db

COURSE_PAGE_QUERIES = 24
# Session, user, groups, profile, the lesson, its course, its siblings, the learner's
# progress with enrolment, quiz attempt and reflections (issue 16: at most 10).
LESSON_PAGE_QUERIES = 10
RECORD_QUERIES = 12
REPORT_QUERIES = 18


def count(client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, response.status_code
    return len(captured)


def _enrol_in_all(member, course):
    enrolment = services.enrol(user=member, course=course)
    LessonProgress.objects.bulk_create(
        LessonProgress(enrolment=enrolment, lesson=lesson, cycle=1, completed_at=timezone.now())
        for lesson in cf.lessons_of(course)
    )


def test_a_course_page_with_20_lessons_runs_as_many_queries_as_one_with_2(
    client, member, home_page, django_assert_max_num_queries
):
    small = cf.course(home_page, title="Klein", lessons=2, publish=False)
    large = cf.course(home_page, title="Groot", lessons=20, publish=False)
    for course in (small, large):
        _enrol_in_all(member, course)
    client.force_login(member)
    # Warm the worker's memory of each address and trail (leerwerkplaats/shell_cache.py).
    client.get(small.url)
    client.get(large.url)

    assert count(client, small.url) == count(client, large.url)
    with django_assert_max_num_queries(COURSE_PAGE_QUERIES):
        html = client.get(large.url).content.decode()
    assert "20 van 20 lessen" in html
    with django_assert_max_num_queries(COURSE_PAGE_QUERIES):
        client.get("/cursussen/")


def test_a_lesson_page_runs_a_fixed_number_of_queries(
    client, member, home_page, django_assert_max_num_queries
):
    small = cf.course(home_page, title="Klein", lessons=2, publish=False)
    large = cf.course(home_page, title="Groot", lessons=20, publish=False)
    client.force_login(member)
    small_lesson, large_lesson = cf.lessons_of(small)[-1], cf.lessons_of(large)[-1]
    client.get(small_lesson.url)
    client.get(large_lesson.url)

    assert count(client, small_lesson.url) == count(client, large_lesson.url)
    with django_assert_max_num_queries(LESSON_PAGE_QUERIES):
        client.get(large_lesson.url)


def _completions(user, n: int) -> None:
    today = timezone.localdate()
    Completion.objects.bulk_create(
        Completion(
            user=user,
            cycle=1,
            code=f"HG-TEST-{user.pk:04d}-{i:04d}",
            completed_on=today - timedelta(days=20 * i),
            expires_on=today + timedelta(days=30 * i - 400),
            course_title=f"Cursus {i}",
            study_minutes=60,
            accreditations=[
                {"register": "SKJ", "accreditation_id": "A", "points": "1.0"},
                {"register": "Registerplein", "accreditation_id": "B", "points": "1.0"},
            ],
        )
        for i in range(n)
    )


def test_a_learning_record_with_50_completions_runs_as_many_queries_as_with_1(
    client, django_assert_max_num_queries
):
    one, fifty = factories.member(), factories.member()
    _completions(one, 1)
    _completions(fifty, 50)

    client.force_login(one)
    client.get("/mijn/leerdossier/")  # the first request after login also saves the session
    small = count(client, "/mijn/leerdossier/")
    client.force_login(fifty)
    client.get("/mijn/leerdossier/")
    assert count(client, "/mijn/leerdossier/") == small
    with django_assert_max_num_queries(RECORD_QUERIES):
        html = client.get("/mijn/leerdossier/").content.decode()
    assert html.count('href="/mijn/certificaten/HG-TEST-') == 50


def _members_with_progress(org, course, n: int) -> None:
    users = get_user_model().objects.bulk_create(
        get_user_model()(email=f"{org.pk}-{i}@example.org") for i in range(n)
    )
    Profile.objects.bulk_create(
        Profile(user=u, organisation=org, status=MembershipStatus.APPROVED) for u in users
    )
    enrolments = Enrolment.objects.bulk_create(Enrolment(user=u, course=course) for u in users)
    today = timezone.localdate()
    Completion.objects.bulk_create(
        Completion(
            user=e.user,
            course=course,
            enrolment=e,
            cycle=1,
            code=f"HG-R-{org.pk}-{i}",
            completed_on=today,
            expires_on=today + timedelta(days=700) if i % 3 else date(2000, 1, 1),
            course_title=course.title,
            study_minutes=60,
            accreditations=[{"register": "SKJ", "accreditation_id": "A", "points": "1.0"}],
        )
        for i, e in enumerate(enrolments)
        if i % 2
    )


def test_a_report_over_1000_members_runs_as_many_queries_as_over_10(
    client, home_page, django_assert_max_num_queries
):
    course = cf.course(home_page, publish=False)
    small_org, large_org = factories.organisation("Klein"), factories.organisation("Groot")
    _members_with_progress(small_org, course, 10)
    _members_with_progress(large_org, course, 1000)
    coordinator = factories.member(role="Coordinator", with_mfa=True, org=small_org)
    coordinator.profile.coordinated_organisations.add(small_org, large_org)
    client.force_login(coordinator)
    client.get("/rapportages/")  # the first request after login also saves the session

    small = count(client, f"/rapportages/?organisation={small_org.pk}")
    assert count(client, f"/rapportages/?organisation={large_org.pk}") == small
    with django_assert_max_num_queries(REPORT_QUERIES):
        html = client.get(f"/rapportages/?organisation={large_org.pk}").content.decode()
    assert '<td class="utrecht-table__cell">1000</td>' in html
    with django_assert_max_num_queries(REPORT_QUERIES):
        client.get(f"/rapportages/presentielijst.csv?course={course.pk}&register=SKJ")


WRITES = ("INSERT", "UPDATE", "DELETE", "REPLACE")


def _writes(captured) -> list[str]:
    return [q["sql"] for q in captured if q["sql"].lstrip().upper().startswith(WRITES)]


def test_a_plain_lesson_view_writes_nothing_and_checks_no_completion(client, member, home_page):
    course = cf.course(home_page, title="Klein", lessons=3, publish=False)
    lesson = cf.lessons_of(course)[0]
    client.force_login(member)
    client.get(lesson.url)  # the first view starts the course and the lesson: writes
    progress = LessonProgress.objects.get(enrolment__user=member, lesson=lesson)

    with CaptureQueriesContext(connection) as captured:
        response = client.get(lesson.url)

    assert response.status_code == 200
    assert _writes(captured) == []
    assert not [q for q in captured if "courses_completion" in q["sql"]]
    assert LessonProgress.objects.get(pk=progress.pk).last_viewed_at == progress.last_viewed_at


def test_a_lesson_view_records_the_time_again_after_a_few_minutes(client, member, home_page):
    course = cf.course(home_page, title="Klein", lessons=2, publish=False)
    lesson = cf.lessons_of(course)[0]
    client.force_login(member)
    client.get(lesson.url)
    long_ago = timezone.now() - services.VIEW_RECORD_INTERVAL - timedelta(seconds=1)
    LessonProgress.objects.filter(lesson=lesson).update(last_viewed_at=long_ago)

    with CaptureQueriesContext(connection) as captured:
        client.get(lesson.url)

    assert len(_writes(captured)) == 1
    assert LessonProgress.objects.get(lesson=lesson).last_viewed_at > long_ago


def test_the_lesson_body_is_drawn_once_per_version(client, member, home_page):
    """Blocks that look the same for everyone come from the cache; a new revision
    of the lesson is drawn again."""
    course = cf.course(home_page, title="Klein", lessons=1)
    lesson = cf.lessons_of(course)[0]
    client.force_login(member)
    client.get(lesson.url)

    with mock.patch("wagtail.blocks.BoundBlock.render") as render:
        html = client.get(lesson.url).content.decode()
    # Drawn now: the two questions, the scenario and the reflection; not the text.
    assert render.call_count == 4
    assert "Tekst van les 1." in html
    assert 'name="vraag-' in client.get(lesson.url).content.decode()  # drawn per learner

    lesson.body = [("text", "<p>Nieuwe uitleg.</p>")]
    lesson.save_revision().publish()
    assert "Nieuwe uitleg." in client.get(lesson.url).content.decode()
