"""Reads for the member's learning record and their certificates."""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from decimal import Decimal
from typing import Any

from django.utils import timezone

from .. import rules
from ..models import Completion, CoursePage, LearningActivity, ReflectionAnswer
from ..models.registers import REGISTER_NUMBER_KEYS, number_for_register
from .home import courses_in_progress


def member_name(user: Any) -> str:
    """The member's name as it stands now: what a new certificate is issued to, and
    the heading of their own learning record. A certificate shows its own
    `holder_name`, fixed at issue time."""
    profile = getattr(user, "profile", None)
    return (profile.display_name if profile else "") or user.get_full_name() or ""


def member_register_numbers(user: Any) -> dict[str, str]:
    profile = getattr(user, "profile", None)
    return dict(profile.register_numbers) if profile else {}


def learning_record(*, user: Any, today: date | None = None) -> dict[str, Any]:
    today = today or timezone.localdate()
    completions = list(Completion.objects.filter(user=user).order_by("-completed_on", "-id"))
    latest_per_course: dict[Any, Completion] = {}
    for completion in completions:
        latest_per_course.setdefault(completion.course_id or completion.course_title, completion)
    per_year: dict[int, dict[str, Decimal]] = defaultdict(lambda: defaultdict(Decimal))
    totals: dict[str, Decimal] = defaultdict(Decimal)
    for completion in completions:
        completion.expired = completion.is_expired(today)
        completion.superseded = (
            latest_per_course.get(completion.course_id or completion.course_title) is not completion
        )
        # Numbers, not the stored strings: templates print them the reader's way (2,0).
        completion.points = [
            {"register": item["register"], "points": Decimal(item["points"])}
            for item in completion.accreditations
        ]
        for item in completion.accreditations:
            per_year[completion.completed_on.year][item["register"]] += Decimal(item["points"])
            totals[item["register"]] += Decimal(item["points"])
    expiring = [c for c in latest_per_course.values() if c.is_expiring(today)]
    registers = sorted(totals)
    reflections = list(ReflectionAnswer.objects.filter(user=user).order_by("-updated_at"))
    in_progress = courses_in_progress(user=user)
    activities = list(LearningActivity.objects.filter(user=user).order_by("-occurred_on", "-pk"))
    return {
        "in_progress": in_progress,
        "activities": activities,
        "activity_hours": rules.study_hours(sum(a.minutes for a in activities)),
        "completions": completions,
        "registers": registers,
        "per_year": [
            {"year": year, "points": [per_year[year].get(r, Decimal(0)) for r in registers]}
            for year in sorted(per_year, reverse=True)
        ],
        "totals": [totals[r] for r in registers],
        "expiring": sorted(expiring, key=lambda c: c.expires_on),
        "reflections": reflections,
        "reflection_minutes": round(sum(r.seconds_spent for r in reflections) / 60),
    }


def completion_for_owner(*, user: Any, code: str) -> Completion | None:
    return Completion.objects.filter(user=user, code=code).first()


def completion_by_code(code: str) -> Completion | None:
    return Completion.objects.filter(code=code.strip().upper()).select_related("user").first()


def completion_issued_by(attempt: Any) -> Completion | None:
    """The certificate the quiz attempt completed the course with, if it did."""
    if not attempt.passed:
        return None
    return (
        Completion.objects.filter(
            enrolment_id=attempt.enrolment_id,
            cycle=attempt.cycle,
            completed_at__gte=attempt.created_at,
        )
        .order_by("-id")
        .first()
    )


def current_completion(*, enrolment: Any) -> Completion | None:
    """The certificate of the enrolment's current cycle."""
    return Completion.objects.filter(enrolment=enrolment, cycle=enrolment.cycle).first()


def completion_page(*, user: Any, code: str) -> dict[str, Any] | None:
    """What the completion page shows: the certificate, points per register with what
    to do to claim them (and which register number is missing), and what to learn
    next. Three queries."""
    completion = Completion.objects.filter(user=user, code=code).select_related("course").first()
    if completion is None:
        return None
    numbers = completion.holder_register_numbers
    claims = []
    for item in completion.accreditations:
        key = REGISTER_NUMBER_KEYS.get(item["register"], (item["register"],))[0]
        claims.append(
            {
                "register": item["register"],
                "points": Decimal(item["points"]),
                # ngettext wants an integer: "1,0 punt" but "1,5 punten".
                "points_plural": 1 if Decimal(item["points"]) == 1 else 2,
                "accreditation_id": item["accreditation_id"],
                "number": number_for_register(numbers, item["register"]),
                "number_key": key,
            }
        )
    done = Completion.objects.current().filter(user=user).values("course_id")
    next_courses = list(
        CoursePage.objects.live()
        .exclude(pk__in=done)
        .exclude(pk=completion.course_id or 0)
        .order_by("path")[:3]
    )
    return {
        "completion": completion,
        "claims": claims,
        "missing": [claim for claim in claims if not claim["number"]],
        "next_courses": next_courses,
    }
