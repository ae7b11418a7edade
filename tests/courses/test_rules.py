"""One rule, one place: the screens that show a rule and the services that enforce it
give the same answer (renewal window, scenario step, current completion,
prerequisites, study hours)."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from courses import rules, selectors, services
from courses.models import Completion, CourseAccreditation, CoursePage, LessonProgress
from tests.courses import factories as cf

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("days_left", [0, 1, 30, 91, 92, 93, 120])
def test_a_certificate_shown_as_expiring_can_be_renewed_and_only_then(member, course, days_left):
    """Day 92 used to show as "verloopt binnenkort" while renewing was refused (91)."""
    completion = cf.complete(member, course)
    today = timezone.localdate()
    Completion.objects.filter(pk=completion.pk).update(expires_on=today + timedelta(days_left))

    shown_on_home = bool(selectors.expiring_certificates(user=member, today=today))
    overview = selectors.course_overview(course=course, user=member)
    record = selectors.learning_record(user=member, today=today)

    assert shown_on_home == overview["can_restart"] == bool(record["expiring"])
    assert shown_on_home == (days_left <= 92)
    if shown_on_home:
        assert services.restart_course(user=member, course=course).cycle == 2
    else:
        with pytest.raises(ValidationError):
            services.restart_course(user=member, course=course)


def test_the_renewal_window_is_one_window():
    today = timezone.localdate()
    for days in range(-5, 200):
        expires = today + timedelta(days)
        if rules.is_expiring(expires, today):
            assert rules.is_renewable(expires, today)
        low, high = rules.expiring_range(today)
        assert rules.is_expiring(expires, today) == (low <= expires <= high)


def _scenario_lesson(course):
    return cf.lessons_of(course)[-1]


def test_the_step_the_page_offers_is_the_step_the_service_accepts(member, course):
    lesson = _scenario_lesson(course)
    block = lesson.body[2]
    services.record_lesson_view(user=member, lesson=lesson)
    # A path whose last choice an editor has since removed (step 1 has two choices).
    progress = LessonProgress.objects.get(lesson=lesson)
    progress.scenario_paths = {block.id: [[1, 5]]}
    progress.save()

    state = selectors.scenario_state(block, progress.scenario_paths[block.id])

    assert state["ended"] and state["current"] is None
    for step in (1, 2):
        with pytest.raises(ValidationError):
            services.choose_scenario_option(
                user=member, lesson=lesson, block_id=block.id, step=step, choice=0
            )
    services.restart_scenario(user=member, lesson=lesson, block_id=block.id)
    offered = selectors.scenario_state(block, [])["current"]["number"]
    progress = services.choose_scenario_option(
        user=member, lesson=lesson, block_id=block.id, step=offered, choice=0
    )
    following = selectors.scenario_state(block, progress.scenario_paths[block.id])
    assert progress.position == f"{block.id}-stap-{following['current']['number']}"


def test_the_current_completion_is_the_same_on_every_screen(member, home_page, course):
    first = cf.complete(member, course)
    Completion.objects.filter(pk=first.pk).update(
        expires_on=timezone.localdate() - timedelta(days=1)
    )
    services.restart_course(user=member, course=course)
    services.record_lesson_view(user=member, lesson=cf.lessons_of(course)[0])

    overview = selectors.course_overview(course=course, user=member)
    in_progress = selectors.courses_in_progress(user=member)

    assert overview["current_completion"] is None
    assert [item["title"] for item in in_progress] == [course.title]
    assert services.restart_course(user=member, course=course).cycle == 2  # still open
    second = cf.complete(member, course)
    assert selectors.course_overview(course=course, user=member)["current_completion"] == second
    assert selectors.courses_in_progress(user=member) == []


def test_a_draft_prerequisite_neither_shows_nor_blocks(member, home_page, course):
    draft = cf.course(home_page, title="Concept", publish=False)
    CoursePage.objects.filter(pk=draft.pk).update(live=False)
    advanced = cf.course(home_page, title="Verdieping")
    advanced.prerequisites.add(draft, course)
    advanced.save()

    shown = selectors.course_overview(course=advanced, user=member)["missing_prerequisites"]
    assert shown == [course]
    with pytest.raises(ValidationError) as error:
        services.enrol(user=member, course=advanced)
    assert course.title in error.value.messages[0]
    assert draft.title not in error.value.messages[0]

    cf.complete(member, course)
    assert selectors.course_overview(course=advanced, user=member)["missing_prerequisites"] == []
    assert services.enrol(user=member, course=advanced).course == advanced


@pytest.mark.parametrize("minutes", [1, 7, 45, 90, 149, 600])
def test_study_hours_are_the_same_on_course_completion_and_points(member, home_page, minutes):
    course = cf.course(home_page, title=f"Cursus {minutes}", study_minutes=minutes)
    completion = cf.complete(member, course)
    accreditation = CourseAccreditation.objects.filter(page=course).first()

    expected = rules.study_hours(minutes)
    assert expected == (Decimal(minutes) / 60).quantize(Decimal("0.1"))
    assert course.study_hours == completion.study_hours == expected
    assert accreditation.course_points == expected
    assert {Decimal(item["points"]) for item in completion.accreditations} == {expected}
