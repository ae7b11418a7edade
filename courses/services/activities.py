"""Learning activities that are not courses, recorded by the apps that run them
(intervisie records a guided session). One activity per member and source: a
second call for the same source updates it rather than counting twice."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .. import rules
from ..models import ActivityKind, LearningActivity, ReflectionAnswer

ERROR_UNKNOWN_KIND = _("Onbekende soort leeractiviteit.")
ERROR_NO_MINUTES = _("Een leeractiviteit duurt minstens een minuut.")
ERROR_REFLECTION_SIZE = _("Een reflectie heeft een vraag en een antwoord van beperkte lengte.")


@transaction.atomic
def record_activity(
    *, user: Any, kind: str, title: str, minutes: int, occurred_on: date, source: str
) -> LearningActivity:
    """Put an activity in the member's learning record (idempotent per `source`)."""
    if kind not in ActivityKind.values:
        raise ValidationError(ERROR_UNKNOWN_KIND)
    if minutes < 1:
        raise ValidationError(ERROR_NO_MINUTES)
    activity, _created = LearningActivity.objects.update_or_create(
        user=user,
        source=source,
        defaults={
            "kind": kind,
            "title": title[:300],
            "minutes": minutes,
            "occurred_on": occurred_on,
        },
    )
    return activity


@transaction.atomic
def record_activity_reflection(
    *, user: Any, source: str, title: str, subtitle: str, prompt: str, answer: str
) -> ReflectionAnswer:
    """A private reflection written after an activity that is not a course (the
    Korthagen reflection after an intervisie session) in the member's reflection log,
    beside the reflections in lessons: the page, the PDF, the export and the erasure
    read it alike. One per member and `source` (a second call updates it). The
    calling app has put the text through the privacy gate; no report ever reads it."""
    if (
        not answer.strip()
        or len(answer) > rules.REFLECTION_MAX_CHARS
        or len(prompt) > rules.PROMPT_MAX_CHARS
    ):
        raise ValidationError(ERROR_REFLECTION_SIZE)
    now = timezone.now()
    reflection = (
        ReflectionAnswer.objects.select_for_update()
        .filter(user=user, lesson__isnull=True, block_id=source)
        .first()
    ) or ReflectionAnswer(user=user, lesson=None, block_id=source, created_at=now)
    reflection.course_title = title[:255]
    reflection.lesson_title = subtitle[:255]
    reflection.prompt = prompt
    reflection.answer = answer
    reflection.updated_at = now
    reflection.save()
    return reflection
