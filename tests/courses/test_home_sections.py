"""The member's home page: courses in progress and certificates that expire soon."""

from datetime import timedelta

import pytest
from django.db import reset_queries
from django.utils import timezone

from courses import services
from tests.courses import factories as cf

pytestmark = pytest.mark.django_db


def test_a_started_course_shows_where_the_learner_stopped(client, member, home_page):
    course = cf.course(home_page, lessons=3, questions=False, registers=("Registerplein",))
    first, second, _third = cf.lessons_of(course)
    services.record_lesson_view(user=member, lesson=first)
    client.force_login(member)

    html = client.get("/").content.decode()

    assert "Verder waar je was" in html
    assert f'href="{second.url}' in html
    assert "1 van 3 lessen" in html


def test_a_completed_course_is_no_longer_in_progress(client, member, home_page):
    course = cf.course(home_page, lessons=1)
    cf.complete(member, course)
    client.force_login(member)

    assert "Verder waar je was" not in client.get("/").content.decode()


def test_a_certificate_that_expires_within_three_months_is_named(client, member, home_page):
    course = cf.course(home_page, lessons=1)
    completion = cf.complete(member, course)
    completion.expires_on = timezone.localdate() + timedelta(days=30)
    completion.save(update_fields=["expires_on"])
    client.force_login(member)

    html = client.get("/").content.decode()

    assert "Certificaten die binnenkort verlopen" in html
    assert course.title in html


def test_visitors_see_no_member_sections(client, home_page):
    html = client.get("/").content.decode()

    assert "Verder waar je was" not in html
    assert "Certificaten die binnenkort verlopen" not in html


def test_the_home_page_runs_as_many_queries_for_five_courses_as_for_one(
    client, member, home_page, django_assert_max_num_queries
):
    client.force_login(member)
    first = cf.course(
        home_page, title="Cursus 0", lessons=2, questions=False, registers=("Registerplein",)
    )
    services.record_lesson_view(user=member, lesson=cf.lessons_of(first)[0])
    client.get("/")
    reset_queries()  # the query log holds 9000 entries: a full one captures nothing
    with django_assert_max_num_queries(40) as one:
        client.get("/")
    budget = len(one.captured_queries)
    for n in range(1, 5):
        course = cf.course(
            home_page, title=f"Cursus {n}", lessons=3, questions=False, registers=("Registerplein",)
        )
        services.record_lesson_view(user=member, lesson=cf.lessons_of(course)[0])

    client.get("/")  # new pages cleared the site shell's cache: warm it again
    reset_queries()
    with django_assert_max_num_queries(budget):
        html = client.get("/").content.decode()
    assert html.count("van 3 lessen") == 4
