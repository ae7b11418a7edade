"""Study time matches content: each lesson's estimate is measured from its words,
questions, scenario steps and reflections, shown per lesson, and the demo courses
claim no more study time (hence accreditation points) than their content takes."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command

from courses import rules
from courses.models import CoursePage, LessonPage
from tests.courses import factories as cf

pytestmark = pytest.mark.django_db


def test_the_estimate_counts_words_questions_steps_and_reflections():
    assert rules.estimated_minutes(words=1500) == 10
    assert rules.estimated_minutes(words=0, questions=4) == 6
    assert rules.estimated_minutes(words=300, scenario_steps=2, reflections=1) == 16


def test_the_demo_courses_claim_no_more_study_time_than_their_content_takes():
    call_command("seed_demo", stdout=StringIO())
    measured = {}
    for course in CoursePage.objects.filter(slug__in=["meldcode-in-vijf-stappen", "signaleren"]):
        lessons = LessonPage.objects.child_of(course).live().specific()
        measured[course.slug] = (
            course.study_minutes,
            sum(lesson.estimated_minutes() for lesson in lessons),
        )
    assert len(measured) == 2
    for slug, (stated, estimate) in measured.items():
        assert stated <= estimate * rules.STUDY_TIME_TOLERANCE, measured
        assert estimate <= stated * rules.STUDY_TIME_TOLERANCE, (slug, measured)


@pytest.mark.parametrize("logged_in", [False, True])
def test_the_course_page_shows_each_lessons_time(client, home_page, member, logged_in):
    course = cf.course(home_page, lessons=3)
    lessons = cf.lessons_of(course)
    if logged_in:
        client.force_login(member)

    html = client.get(course.url).content.decode()

    listing = html[html.index('<ol class="utrecht-ordered-list course-lessons">') :]
    items = listing[: listing.index("</ol>")].split("<li>")[1:]
    assert len(items) == len(lessons)
    # Les 1 and 2 hold one short paragraph; les 3 adds two questions (2 x 1.5),
    # a scenario of two steps (2 x 3) and a reflection (8).
    expected = {"Les 1": 1, "Les 2": 1, "Les 3": 17}
    for lesson, item in zip(lessons, items, strict=True):
        minutes = expected[lesson.title]
        assert lesson.estimated_minutes() == minutes
        assert f">{lesson.title}</" in item
        shown = "1 minuut" if minutes == 1 else f"{minutes} minuten"
        assert f"(ongeveer {shown})" in item
