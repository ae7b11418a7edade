"""Learning activities that are not courses, recorded by the apps that run them
(intervisie records a guided session). One activity per member and source: a
second call for the same source updates it rather than counting twice."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from ..models import ActivityKind, LearningActivity

ERROR_UNKNOWN_KIND = _("Onbekende soort leeractiviteit.")
ERROR_NO_MINUTES = _("Een leeractiviteit duurt minstens een minuut.")


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
