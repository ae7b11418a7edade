"""The course list's cards come from the worker's memory (the `page_memory` hook,
kept per generation of the site shell): a change to the courses shows at once, and
what a member did is still read per request."""

from __future__ import annotations

from datetime import date

import pytest
from wagtail.models import Page

from courses import services
from courses.models import CourseAccreditation, CoursePage, Register
from tests.courses import factories as cf

pytestmark = pytest.mark.django_db


@pytest.fixture
def course(home_page, settings):
    settings.PAGE_CACHE_ENABLED = False
    settings.MEMBER_PAGE_CACHE_ENABLED = False
    return cf.course(home_page)


def test_a_visitor_course_list_drawn_again_reads_only_its_page(
    client, course, django_assert_num_queries
):
    client.get("/cursussen/")
    with django_assert_num_queries(1):  # the page itself; the cards from memory
        html = client.get("/cursussen/").content.decode()
    assert course.title in html
    assert "2 lessen" in html


def test_a_new_course_shows_at_once(client, course, home_page):
    client.get("/cursussen/")
    cf.course(home_page, title="Tweede cursus")
    assert "Tweede cursus" in client.get("/cursussen/").content.decode()


def test_an_unpublished_course_leaves_at_once(client, course):
    assert course.title in client.get("/cursussen/").content.decode()
    course.unpublish()
    assert course.title not in client.get("/cursussen/").content.decode()


def test_a_published_change_to_the_accreditations_and_lessons_shows_at_once(client, course):
    assert "2 lessen" in client.get("/cursussen/").content.decode()
    lesson = cf.lessons_of(course)[0]
    Page.objects.get(pk=lesson.pk).specific.unpublish()
    page = CoursePage.objects.get(pk=course.pk)
    page.accreditations.add(
        CourseAccreditation(
            register=Register.VVN,
            accreditation_id="VVN-1",
            valid_from=date(2000, 1, 1),
            valid_until=date(2100, 12, 31),
        )
    )
    page.save_revision().publish()

    html = client.get("/cursussen/").content.decode()
    assert "1 les," in html
    assert "V&amp;VN" in html


def test_a_members_progress_is_read_per_request(client, member, course):
    client.force_login(member)
    assert "van 2 lessen" not in client.get("/cursussen/").content.decode()
    services.enrol(user=member, course=course)
    assert "0 van 2 lessen" in client.get("/cursussen/").content.decode()
