"""Study time matches content: each lesson's estimate is measured from its words,
questions, scenario steps and reflections, shown per lesson, and the demo courses
claim no more study time (hence accreditation points) than their content takes."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command

from courses import rules
from courses.models import CoursePage, LessonPage

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
