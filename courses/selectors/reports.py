"""Reads for the coordinator's reports: counts per course and the attendance list
a register asks for. Counts only: no answers, no reflections."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import Count, Exists, OuterRef, Q, QuerySet, Sum
from django.utils import timezone

from members.models import Profile

from .. import rules
from ..models import (
    Completion,
    CoursePage,
    Enrolment,
    LearningActivity,
    LessonPage,
    QuizAttempt,
    number_for_register,
)
from ..models.records import still_valid


@dataclass
class ReportRow:
    course: CoursePage
    enrolled: int = 0
    completed: int = 0
    expired: int = 0

    @property
    def in_progress(self) -> int:
        return max(0, self.enrolled - self.completed - self.expired)

    @property
    def rate(self) -> int:
        return round(100 * self.completed / self.enrolled) if self.enrolled else 0


def _in_scope(queryset: QuerySet, org_ids: frozenset[int] | None, path: str) -> QuerySet:
    if org_ids is None:
        return queryset
    return queryset.filter(**{f"{path}__in": org_ids})


def organisation_report(
    *,
    org_ids: frozenset[int] | None,
    start: date,
    end: date,
    course: CoursePage | None = None,
    today: date | None = None,
) -> dict[str, Any]:
    """Counts per course for the members of the given organisations: enrolled
    (started on or before the end of the period), completed in the period and still
    valid, expired, in progress. Counts only: no answers, no reflections."""
    today = today or timezone.localdate()
    courses = list(CoursePage.objects.live().order_by("path"))
    if course is not None:
        courses = [c for c in courses if c.pk == course.pk]
    completions = Completion.objects.filter(enrolment=OuterRef("pk"))
    enrolments = _in_scope(
        Enrolment.objects.filter(started_at__date__lte=end, course__in=courses),
        org_ids,
        "user__profile__organisation_id",
    ).annotate(
        has_current=Exists(
            completions.filter(completed_on__range=(start, end)).filter(still_valid(today))
        ),
        has_any_current=Exists(completions.filter(still_valid(today))),
        has_expired=Exists(completions.filter(expires_on__lt=today)),
    )
    counts = {
        row["course_id"]: row
        for row in enrolments.values("course_id").annotate(
            enrolled=Count("pk"),
            completed=Count("pk", filter=Q(has_current=True)),
            expired=Count("pk", filter=Q(has_expired=True, has_any_current=False)),
        )
    }
    rows = []
    for c in courses:
        data = counts.get(c.pk, {})
        rows.append(
            ReportRow(
                course=c,
                enrolled=data.get("enrolled", 0),
                completed=data.get("completed", 0),
                expired=data.get("expired", 0),
            )
        )
    members = _in_scope(
        Profile.objects.filter(status="approved", user__is_active=True), org_ids, "organisation_id"
    ).count()
    activities = _in_scope(
        LearningActivity.objects.filter(occurred_on__range=(start, end)),
        org_ids,
        "user__profile__organisation_id",
    )
    activity_rows = [
        {
            "kind": row["kind"],
            "label": dict(LearningActivity._meta.get_field("kind").choices).get(row["kind"]),
            "count": row["count"],
            "members": row["members"],
            "hours": rules.study_hours(row["minutes"] or 0),
        }
        for row in activities.values("kind")
        .annotate(count=Count("pk"), members=Count("user", distinct=True), minutes=Sum("minutes"))
        .order_by("kind")
    ]
    return {"rows": rows, "member_count": members, "activity_rows": activity_rows}


@dataclass
class AttendanceLine:
    name: str
    register_number: str
    accreditation_id: str
    completed_on: date
    points: str
    code: str


def attendance_list(
    *,
    org_ids: frozenset[int] | None,
    course: CoursePage,
    register: str,
    start: date,
    end: date,
) -> list[AttendanceLine]:
    """The list a provider hands to a register: who completed the course in the
    period, with their number in that register and the points, as the certificate
    was issued (name and number fixed at issue time)."""
    completions = _in_scope(
        Completion.objects.filter(course=course, completed_on__range=(start, end)),
        org_ids,
        "user__profile__organisation_id",
    )
    lines = []
    for completion in completions.order_by("completed_on", "pk"):
        item = next((a for a in completion.accreditations if a["register"] == register), None)
        if item is None:
            continue
        lines.append(
            AttendanceLine(
                name=completion.holder_name,
                register_number=number_for_register(completion.holder_register_numbers, register),
                accreditation_id=item["accreditation_id"],
                completed_on=completion.completed_on,
                points=item["points"],
                code=completion.code,
            )
        )
    return lines


# Below this many first attempts a question's rate is not shown: with two or three
# learners a percentage would say how one colleague answered.
MIN_ATTEMPTS_FOR_A_RATE = 3


@dataclass
class QuestionRate:
    lesson: str
    number: int
    question: str
    attempts: int
    right: int

    @property
    def rate(self) -> int | None:
        if self.attempts < MIN_ATTEMPTS_FOR_A_RATE:
            return None
        return round(100 * self.right / self.attempts)


def first_attempt_rates(
    *, org_ids: frozenset[int] | None, course: CoursePage, start: date, end: date
) -> list[QuestionRate]:
    """Per question of the course, how many learners answered it right at their first
    attempt: which questions confuse people. Counts only, and no rate under
    MIN_ATTEMPTS_FOR_A_RATE attempts. Two queries."""
    lessons = list(LessonPage.objects.child_of(course).live().order_by("path"))
    attempts = _in_scope(
        QuizAttempt.objects.filter(
            number=1, enrolment__course=course, created_at__date__range=(start, end)
        ),
        org_ids,
        "enrolment__user__profile__organisation_id",
    ).values_list("lesson_id", "results")
    counts: dict[str, list[int]] = {}
    for _lesson_id, results in attempts:
        for block_id, right in results.items():
            seen = counts.setdefault(block_id, [0, 0])
            seen[0] += 1
            seen[1] += int(bool(right))
    rows = []
    for lesson in lessons:
        for number, block in enumerate(lesson.question_blocks(), start=1):
            attempted, right = counts.get(block.id, [0, 0])
            rows.append(
                QuestionRate(
                    lesson=lesson.title,
                    number=number,
                    question=block.value["question"],
                    attempts=attempted,
                    right=right,
                )
            )
    return rows
