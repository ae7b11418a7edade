"""Query counts do not grow with the data: the same number of queries for a
small and a large course, record and report (and below a fixed ceiling)."""

from __future__ import annotations

from datetime import date, timedelta

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
LESSON_PAGE_QUERIES = 10  # issue 16; see test_lesson_performance.py
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
    client.get(small.url)  # warm the site shell's caches (route and breadcrumbs per page)
    client.get(large.url)

    assert count(client, small.url) == count(client, large.url)
    with django_assert_max_num_queries(COURSE_PAGE_QUERIES):
        html = client.get(large.url).content.decode()
    assert "20 van 20 lessen" in html
    with django_assert_max_num_queries(COURSE_PAGE_QUERIES):
        client.get("/cursussen/")


def test_a_lesson_page_runs_a_fixed_number_of_queries(
    client, member, home_page, django_assert_max_num_queries, settings
):
    # The page drawn, not served from the member page cache (test_member_cache.py).
    settings.MEMBER_PAGE_CACHE_ENABLED = False
    small = cf.course(home_page, title="Klein", lessons=2, publish=False)
    large = cf.course(home_page, title="Groot", lessons=20, publish=False)
    client.force_login(member)
    small_lesson, large_lesson = cf.lessons_of(small)[-1], cf.lessons_of(large)[-1]
    # Twice: the first views write (enrolment, progress), which makes the member's
    # kept shell stale; the second round keeps it (leerwerkplaats/member_cache.py).
    for _ in range(2):
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
    assert '<td class="utrecht-table__cell" data-label="Ingeschreven">1000</td>' in html
    with django_assert_max_num_queries(REPORT_QUERIES):
        client.get(f"/rapportages/presentielijst.csv?course={course.pk}&register=SKJ")
