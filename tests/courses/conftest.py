"""Fixtures the course tests share."""

from __future__ import annotations

import pytest

from tests.courses import factories as cf


@pytest.fixture
def course(home_page):
    """The default course (cf.course): two published lessons, the last with the quiz,
    the scenario and the reflection; accredited for SKJ and Registerplein."""
    return cf.course(home_page)


@pytest.fixture
def first_view(client, member, home_page):
    """Makes a course ("Klein", `lessons` lessons) and has `member`, logged in on
    `client`, view its first lesson once: enrolled, the lesson's progress recorded.
    Returns (course, that lesson)."""

    def make(*, lessons: int = 2):
        course = cf.course(home_page, title="Klein", lessons=lessons)
        lesson = cf.lessons_of(course)[0]
        client.force_login(member)
        client.get(lesson.url)
        return course, lesson

    return make
