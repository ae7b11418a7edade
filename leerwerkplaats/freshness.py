"""When help information counts as out of date.

The advisory board's complaint was information that was out of date, so every
help page carries the date someone last checked it against the sources. Six
months is the promise we make to readers and the rule the dashboard and the
reminder e-mail share; it lives here so both cannot drift apart."""

from __future__ import annotations

import calendar
from datetime import date

from django.utils import timezone

CHECK_INTERVAL_MONTHS = 6


def months_before(day: date, months: int) -> date:
    """The same day of the month `months` earlier, clamped to the month's last day
    (31 August minus six months is 28 or 29 February)."""
    month_index = day.year * 12 + (day.month - 1) - months
    year, month = divmod(month_index, 12)
    month += 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def check_due_before(today: date | None = None) -> date:
    """Pages last checked before this date are stale."""
    return months_before(today or timezone.localdate(), CHECK_INTERVAL_MONTHS)


def is_stale(last_checked: date | None, today: date | None = None) -> bool:
    return last_checked is None or last_checked < check_due_before(today)
