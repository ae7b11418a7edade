"""Reads for the courses' sections on the home page."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db.models import F, Q
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from members.permissions import can_use_members_area

from ..models import Completion, Enrolment, LessonPage, LessonProgress
from .catalogue import resume_anchor


def courses_in_progress(*, user: Any) -> list[dict[str, str]]:
    """Each started course without a still-valid completion of its current cycle,
    with a link to exactly where the learner stopped ("Verder waar je was"). Four
    queries, whatever the number of courses and lessons."""
    if not can_use_members_area(user):
        return []
    enrolments = list(
        Enrolment.objects.filter(user=user, course__live=True).select_related("course")
    )
    if not enrolments:
        return []
    courses = [e.course for e in enrolments]
    completed = set(
        Completion.objects.current()
        .of_current_cycle()
        .filter(user=user, enrolment__in=enrolments)
        .values_list("enrolment_id", flat=True)
    )
    paths = Q()
    for course in courses:
        paths |= Q(path__startswith=course.path, depth=course.depth + 1)
    lessons = list(LessonPage.objects.live().filter(paths).order_by("path").defer_streamfields())
    progress = {
        (p.enrolment_id, p.lesson_id): p
        for p in LessonProgress.objects.filter(
            enrolment__in=enrolments, cycle=F("enrolment__cycle")
        )
    }
    items = []
    for enrolment in enrolments:
        if enrolment.pk in completed:
            continue
        own = [lesson for lesson in lessons if lesson.path.startswith(enrolment.course.path)]
        done = [
            lesson
            for lesson in own
            if (seen := progress.get((enrolment.pk, lesson.pk))) and seen.completed_at
        ]
        next_lesson = next((lesson for lesson in own if lesson not in done), None)
        if next_lesson is None:
            continue
        seen = progress.get((enrolment.pk, next_lesson.pk))
        items.append(
            {
                "title": enrolment.course.title,
                "url": next_lesson.url + resume_anchor(seen.position if seen else ""),
                "note": _("%(done)s van %(total)s lessen") % {"done": len(done), "total": len(own)},
            }
        )
    return items


def expiring_certificates(*, user: Any, today: date | None = None) -> list[dict[str, str]]:
    """Certificates inside the renewal window (`rules.is_expiring`): each one can be
    renewed from its course page today."""
    if not can_use_members_area(user):
        return []
    completions = (
        Completion.objects.expiring(today)
        .of_current_cycle()
        .filter(user=user)
        .order_by("expires_on")
    )
    return [
        {
            "title": completion.course_title,
            "url": completion.course.url if completion.course_id and completion.course else "",
            "note": _("geldig tot %(date)s")
            % {"date": date_format(completion.expires_on, "j F Y")},
        }
        for completion in completions.select_related("course")
    ]
