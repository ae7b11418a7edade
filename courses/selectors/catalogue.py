"""Reads for the course catalogue and a course's page: what a member took, where
to resume, which prerequisites are missing. Fixed query counts (pinned in tests)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, F, Q
from django.http import HttpRequest
from django.utils import timezone

from editorial.page_memory import remembered
from members.permissions import can_use_members_area

from ..models import (
    Completion,
    CourseIndexPage,
    CoursePage,
    Enrolment,
    LessonPage,
    LessonProgress,
)


@dataclass
class CourseCard:
    course: CoursePage
    lesson_count: int
    done_count: int = 0
    enrolled: bool = False
    completed: bool = False


def _catalogue(index: CourseIndexPage) -> list[tuple[CoursePage, int]]:
    """The live courses with their accreditations and live lesson counts: what
    every visitor sees, from pages alone (kept per generation, `remembered`)."""
    courses = list(
        CoursePage.objects.child_of(index)
        .live()
        .order_by("path")
        .prefetch_related("accreditations")
    )
    depth = index.depth + 1
    counts: dict[str, int] = defaultdict(int)
    for path in LessonPage.objects.descendant_of(index).live().values_list("path", flat=True):
        counts[path[: depth * 4]] += 1
    return [(course, counts[course.path]) for course in courses]


def course_list(
    *, index: CourseIndexPage, user: Any, request: HttpRequest | None = None
) -> list[CourseCard]:
    """The catalogue's cards: the courses from the worker's memory (read-only
    objects shared by requests), what the member did read per request."""
    catalogue = remembered(request, "courses", ("catalogue", index.pk), lambda: _catalogue(index))
    cards = [CourseCard(course=course, lesson_count=count) for course, count in catalogue]
    courses = [card.course for card in cards]
    if can_use_members_area(user) and cards:
        enrolments = {
            e.course_id: e
            for e in Enrolment.objects.filter(user=user, course__in=courses).annotate(
                done=Count(
                    "progress",
                    filter=Q(progress__completed_at__isnull=False) & Q(progress__cycle=F("cycle")),
                )
            )
        }
        completed = set(
            Completion.objects.current()
            .filter(user=user, course__in=courses)
            .values_list("course_id", flat=True)
        )
        for card in cards:
            enrolment = enrolments.get(card.course.pk)
            if enrolment is not None:
                card.enrolled = True
                card.done_count = min(enrolment.done, card.lesson_count)
            card.completed = card.course.pk in completed
    return cards


def resume_anchor(position: str) -> str:
    """The fragment that brings the learner back to the block where they stopped."""
    return f"#blok-{position}" if position else ""


def prerequisites_of(course: CoursePage) -> list[CoursePage]:
    """The courses to complete first: the published ones (a draft cannot be taken,
    so it can neither be asked for nor shown)."""
    return list(course.prerequisites.live().order_by("path"))


def missing_prerequisites(
    *, user: Any, course: CoursePage, required: list[CoursePage] | None = None
) -> list[CoursePage]:
    """The prerequisites the member has no still-valid completion of. The one
    definition the course page shows and `services.enrol` enforces."""
    required = prerequisites_of(course) if required is None else required
    if not required:
        return []
    done = set(
        Completion.objects.current()
        .filter(user=user, course__in=required)
        .values_list("course_id", flat=True)
    )
    return [c for c in required if c.pk not in done]


def course_overview(*, course: CoursePage, user: Any) -> dict[str, Any]:
    # With their bodies: the page shows each lesson's estimated study time.
    lessons = list(LessonPage.objects.child_of(course).live().order_by("path"))
    prerequisites = prerequisites_of(course)
    context: dict[str, Any] = {
        "lessons": lessons,
        "accreditations": list(course.accreditations.all()),
        "prerequisites": prerequisites,
        "enrolment": None,
        "done_ids": set(),
        "resume_url": "",
        "completions": [],
        "current_completion": None,
        "can_restart": False,
        "missing_prerequisites": [],
        "is_member": can_use_members_area(user),
    }
    if not context["is_member"]:
        return context
    context["missing_prerequisites"] = missing_prerequisites(
        user=user, course=course, required=prerequisites
    )
    enrolment = Enrolment.objects.filter(user=user, course=course).first()
    if enrolment is None:
        return context
    progress = {
        p.lesson_id: p
        for p in LessonProgress.objects.filter(enrolment=enrolment, cycle=enrolment.cycle)
    }
    done_ids = {pk for pk, p in progress.items() if p.completed_at}
    completions = list(Completion.objects.filter(enrolment=enrolment).order_by("-cycle"))
    current = next((c for c in completions if c.is_of_current_cycle(enrolment)), None)
    for lesson in lessons:
        if lesson.pk not in done_ids:
            seen = progress.get(lesson.pk)
            context["resume_url"] = lesson.url + resume_anchor(seen.position if seen else "")
            break
    today = timezone.localdate()
    context.update(
        enrolment=enrolment,
        done_ids=done_ids,
        done_count=len(done_ids & {lesson.pk for lesson in lessons}),
        completions=completions,
        current_completion=current,
        can_restart=current is not None and current.is_renewable(today),
    )
    return context
