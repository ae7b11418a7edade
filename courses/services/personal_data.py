"""The courses' part of the members' privacy rights: export and erasure."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from ..models import Completion, Enrolment, ReflectionAnswer


def _iso(value: date | datetime | None) -> str | None:
    return value.isoformat() if value else None


def export_personal_data(user: Any) -> dict[str, Any]:
    return {
        "enrolments": [
            {
                "course": e.course.title,
                "started_at": _iso(e.started_at),
                "cycle": e.cycle,
                "lessons": [
                    {
                        "lesson": p.lesson.title,
                        "cycle": p.cycle,
                        "first_viewed_at": _iso(p.first_viewed_at),
                        "completed_at": _iso(p.completed_at),
                    }
                    for p in e.progress.all()
                ],
                "quiz_attempts": [
                    {
                        "lesson": a.lesson.title,
                        "cycle": a.cycle,
                        "at": _iso(a.created_at),
                        "score": a.score,
                        "passed": a.passed,
                        "answers": a.answers,
                    }
                    for a in e.attempts.all()
                ],
            }
            for e in Enrolment.objects.filter(user=user)
            .select_related("course")
            .prefetch_related("progress__lesson", "attempts__lesson")
        ],
        "certificates": [
            {
                "course": c.course_title,
                "code": c.code,
                "holder_name": c.holder_name,
                "holder_register_numbers": c.holder_register_numbers,
                "completed_on": _iso(c.completed_on),
                "expires_on": _iso(c.expires_on),
                "study_minutes": c.study_minutes,
                "accreditations": c.accreditations,
            }
            for c in Completion.objects.filter(user=user)
        ],
        "reflections": [
            {
                "course": r.course_title,
                "lesson": r.lesson_title,
                "prompt": r.prompt,
                "answer": r.answer,
                "minutes": round(r.seconds_spent / 60),
                "updated_at": _iso(r.updated_at),
            }
            for r in ReflectionAnswer.objects.filter(user=user)
        ],
    }


def erase_personal_data(user: Any) -> None:
    """Everything learning-related about the member goes: reflections, answers,
    progress and certificates (a certificate names its holder)."""
    ReflectionAnswer.objects.filter(user=user).delete()
    Completion.objects.filter(user=user).delete()
    Enrolment.objects.filter(user=user).delete()


def register_personal_data() -> None:
    from members import personal_data

    personal_data.register(
        personal_data.PersonalDataProvider(
            key="courses",
            label="Cursussen, certificaten en reflecties",
            export=export_personal_data,
            erase=erase_personal_data,
        )
    )
