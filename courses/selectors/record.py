"""Reads for the member's learning record and their certificates."""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from decimal import Decimal
from typing import Any

from django.utils import timezone

from .. import rules
from ..models import Completion, LearningActivity, ReflectionAnswer


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
        for item in completion.accreditations:
            per_year[completion.completed_on.year][item["register"]] += Decimal(item["points"])
            totals[item["register"]] += Decimal(item["points"])
    expiring = [c for c in latest_per_course.values() if c.is_expiring(today)]
    registers = sorted(totals)
    reflections = list(ReflectionAnswer.objects.filter(user=user).order_by("-updated_at"))
    activities = list(LearningActivity.objects.filter(user=user).order_by("-occurred_on", "-pk"))
    return {
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
