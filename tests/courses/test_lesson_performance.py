"""A lesson GET for a logged-in learner (issue 16): a fixed, small number of queries
whatever the course's size or the learner's history, no write on a plain view,
course completion checked only when a lesson becomes done, and the blocks every
learner sees alike drawn once per revision, never with one learner's work in
another's page."""

from __future__ import annotations

from datetime import timedelta
from unittest import mock

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from courses import services
from courses.models import CoursePage, Enrolment, LessonPage, LessonProgress, QuizAttempt
from tests.courses import factories as cf
from tests.members import factories

pytestmark = pytest.mark.django_db

# Session, user, groups, the page (routing), the profile, the learner's state (one
# query: progress, enrolment, last attempt, certificate), their reflections and
# the bell's unread count; the course and its lessons come from the cache.
LESSON_GET_QUERIES = 10
WRITES = ("INSERT", "UPDATE", "DELETE", "REPLACE")
REFLECTION_TEXT = "Ik neem het zeepbelkompas mee naar het teamoverleg."


def _writes(captured) -> list[str]:
    return [q["sql"] for q in captured if q["sql"].lstrip().upper().startswith(WRITES)]


def _last_lesson(course: CoursePage) -> LessonPage:
    """The factories put the questions, the scenario and the reflection in the last lesson."""
    return cf.lessons_of(course)[-1]


def _count(client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


def _many_attempts(member, course: CoursePage, lesson: LessonPage, n: int) -> None:
    enrolment = Enrolment.objects.get(user=member, course=course)
    wrong = cf.wrong_answers(lesson)
    QuizAttempt.objects.bulk_create(
        QuizAttempt(
            enrolment=enrolment,
            lesson=lesson,
            cycle=enrolment.cycle,
            answers=wrong,
            results=dict.fromkeys(wrong, False),
            score=0,
            passed=False,
            number=number,
            questions=list(wrong),
            created_at=timezone.now() - timedelta(minutes=n - number),
        )
        for number in range(1, n + 1)
    )


def test_a_lesson_get_runs_at_most_10_queries_for_3_or_12_lessons_and_many_attempts(
    client, member, home_page, django_assert_max_num_queries, settings
):
    # The page drawn (a miss of the member page cache, whose hits run 2 queries:
    # tests/leerwerkplaats/test_member_cache.py); the attempts are written below
    # without the services, so no signal would tell the cache.
    settings.MEMBER_PAGE_CACHE_ENABLED = False
    small = cf.course(home_page, title="Klein", lessons=3)
    large = cf.course(home_page, title="Groot", lessons=12)
    small_lesson, large_lesson = _last_lesson(small), _last_lesson(large)
    client.force_login(member)
    for url in (small_lesson.url, large_lesson.url):
        client.get(url)  # the first view starts the course and the lesson: writes
        client.get(url)  # warm the site shell, the course outline and the lesson body
    _many_attempts(member, small, small_lesson, 1)
    _many_attempts(member, large, large_lesson, 40)

    small_count = _count(client, small_lesson.url)
    assert _count(client, large_lesson.url) == small_count
    with django_assert_max_num_queries(LESSON_GET_QUERIES):
        html = client.get(large_lesson.url).content.decode()
    assert "les 12 van 12" in html
    assert "Je score: 0% goed." in html  # the last of the 40 attempts is shown


def test_a_plain_lesson_get_writes_nothing_and_checks_no_completion(client, member, first_view):
    _course, lesson = first_view(lessons=3)  # enrolment, progress, the lesson done
    progress = LessonProgress.objects.get(enrolment__user=member, lesson=lesson)

    with (
        mock.patch(
            "courses.services.learning.complete_course_if_done",
            wraps=services.complete_course_if_done,
        ) as completion_check,
        CaptureQueriesContext(connection) as captured,
    ):
        response = client.get(lesson.url)

    assert response.status_code == 200
    assert _writes(captured) == []
    assert not [q for q in captured if q["sql"].upper().startswith(("BEGIN", "SAVEPOINT"))]
    completion_check.assert_not_called()
    assert LessonProgress.objects.get(pk=progress.pk).last_viewed_at == progress.last_viewed_at


def test_a_lesson_view_records_the_time_again_after_a_few_minutes(client, first_view, settings):
    # The clock is moved back in the database only; a kept page would have expired
    # by then (tests/leerwerkplaats/test_member_cache.py checks its lifetime).
    settings.MEMBER_PAGE_CACHE_ENABLED = False
    _course, lesson = first_view(lessons=2)
    long_ago = timezone.now() - services.VIEW_RECORD_INTERVAL - timedelta(seconds=1)
    LessonProgress.objects.filter(lesson=lesson).update(last_viewed_at=long_ago)

    with CaptureQueriesContext(connection) as captured:
        client.get(lesson.url)

    assert len(_writes(captured)) == 1
    assert LessonProgress.objects.get(lesson=lesson).last_viewed_at > long_ago


def test_the_course_is_checked_for_completion_only_when_a_lesson_becomes_done(
    client, member, home_page
):
    course = cf.course(home_page, title="Klein", lessons=2)
    reading, quiz = cf.lessons_of(course)
    client.force_login(member)
    target = "courses.services.learning.complete_course_if_done"
    with mock.patch(target, wraps=services.complete_course_if_done) as check:
        client.get(reading.url)  # a lesson without questions: done once seen
        assert check.call_count == 1
        client.get(reading.url)
        client.get(quiz.url)  # not done until its quiz is passed
        services.grade_quiz_attempt(user=member, lesson=quiz, answers=cf.wrong_answers(quiz))
        assert check.call_count == 1
        services.grade_quiz_attempt(user=member, lesson=quiz, answers=cf.right_answers(quiz))
        assert check.call_count == 2
        services.grade_quiz_attempt(user=member, lesson=quiz, answers=cf.right_answers(quiz))
        assert check.call_count == 2
    assert course.completions.filter(user=member).count() == 1


def test_the_completion_check_reads_lesson_ids_not_their_bodies(member, home_page):
    course = cf.course(home_page, title="Groot", lessons=6)
    enrolment = services.enrol(user=member, course=course)

    with CaptureQueriesContext(connection) as captured:
        services.complete_course_if_done(enrolment=enrolment, course=course)

    assert captured
    assert not [q for q in captured if '"body"' in q["sql"]]


def test_the_shared_blocks_are_drawn_once_and_the_learners_blocks_every_time(
    client, member, home_page
):
    course = cf.course(home_page, title="Klein", lessons=1)
    lesson = _last_lesson(course)
    client.force_login(member)
    first = client.get(lesson.url)
    assert "courses/blocks/text.html" in [t.name for t in first.templates]

    again = client.get(lesson.url)
    drawn = [t.name for t in again.templates]
    html = again.content.decode()
    assert "courses/blocks/text.html" not in drawn  # from the cache
    assert "Tekst van les 1." in html
    for per_learner in ("question", "scenario", "reflection"):
        assert f"courses/blocks/{per_learner}.html" in drawn
    assert 'name="vraag-' in html


def test_a_published_revision_is_visible_at_once(client, first_view):
    course, lesson = first_view(lessons=2)
    assert "Tekst van les 1." in client.get(lesson.url).content.decode()

    lesson.body = [("text", "<p>Nieuwe uitleg na een revisie.</p>")]
    lesson.save_revision().publish()
    html = client.get(lesson.url).content.decode()
    assert "Nieuwe uitleg na een revisie." in html
    assert "Tekst van les 1." not in html

    # The course's title and its lessons (breadcrumb, "les x van y") follow too.
    course.title = "Klein, herzien"
    course.save_revision().publish()
    extra = LessonPage(title="Les 3", slug="les-3", body=[("text", "<p>Drie.</p>")])
    course.add_child(instance=extra)
    extra.save_revision().publish()
    html = client.get(lesson.url).content.decode()
    assert "Klein, herzien" in html
    assert "les 1 van 3" in html


def test_one_learners_work_never_shows_in_another_learners_page(client, member, home_page):
    course = cf.course(home_page, title="Klein", lessons=1)
    lesson = _last_lesson(course)
    reflection = next(b for b in lesson.body if b.block_type == "reflection")
    scenario = next(b for b in lesson.body if b.block_type == "scenario")
    client.force_login(member)
    client.get(lesson.url)
    services.save_reflection(
        user=member, lesson=lesson, block_id=reflection.id, answer=REFLECTION_TEXT
    )
    services.choose_scenario_option(
        user=member, lesson=lesson, block_id=scenario.id, step=1, choice=0
    )
    services.grade_quiz_attempt(user=member, lesson=lesson, answers=cf.wrong_answers(lesson))
    own = client.get(lesson.url).content.decode()
    # The learner's own page shows their work (so the checks below mean something).
    assert REFLECTION_TEXT in own
    assert "GEVOLG-JA" in own
    assert "UITLEG-ONJUIST" in own
    assert "Je score:" in own

    other = factories.member()
    client.force_login(other)
    for _ in range(2):  # the first view and one served with everything cached
        html = client.get(lesson.url).content.decode()
        assert REFLECTION_TEXT not in html
        assert "GEVOLG-JA" not in html
        assert "UITLEG-ONJUIST" not in html
        assert "Je score:" not in html
        assert 'name="vraag-' in html  # a fresh quiz
