"""The course rules that more than one screen or service asks about, each defined
once: study hours, the renewal window and the scenario's next step.

Plain functions over plain values (no queries, no project import), so that models,
services, selectors, templates and PDFs all give the same answer. The rules that
need the database are defined once beside their model: "current completion" as
`CompletionQuerySet.of_current_cycle()` / `Completion.is_of_current_cycle()`, "still
valid" as `CompletionQuerySet.current()`, prerequisites as
`courses.selectors.missing_prerequisites()`."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

# Free text a learner or an editor types is bounded, so that every page, export and
# PDF that shows it does bounded work (a 4.6 MB reflection once kept the reflection
# log's PDF busy for over ten minutes).
REFLECTION_MAX_CHARS = 10_000  # a learner's reflection answer (some 1,500 words)
PROMPT_MAX_CHARS = 1_000  # an editor's reflection question or guidance
BLOCK_TEXT_MAX_CHARS = 2_000  # an editor's question, feedback, consequence, description
SUMMARY_MAX_CHARS = 1_000  # a course's summary, a page's introduction
RICH_TEXT_MAX_CHARS = 5_000  # rich text inside a block: a step, a case, learning goals
BODY_TEXT_MAX_CHARS = 20_000  # a lesson's running-text block, a video's transcript

# "Drie maanden voor de vervaldatum": from this many days before the expiry date a
# certificate is shown as expiring AND may be renewed. One window for both, so a
# certificate is never announced as expiring while renewing is still refused.
RENEWAL_WINDOW = timedelta(days=92)


def study_hours(minutes: int) -> Decimal:
    """Net study time in hours with one decimal; one net hour is one accreditation point."""
    return (Decimal(minutes) / 60).quantize(Decimal("0.1"))


def renewal_opens_on(expires_on: date) -> date:
    return expires_on - RENEWAL_WINDOW


def is_renewable(expires_on: date | None, today: date) -> bool:
    """May the holder start again (re-certify)? From the window's start, also after expiry.
    A completion that never expires is never renewed."""
    return expires_on is not None and today >= renewal_opens_on(expires_on)


def is_expiring(expires_on: date | None, today: date) -> bool:
    """Still valid but inside the renewal window: shown as "verloopt binnenkort"."""
    return is_renewable(expires_on, today) and today <= expires_on  # type: ignore[operator]


def expiring_range(today: date) -> tuple[date, date]:
    """The expiry dates that `is_expiring` accepts today, for a database filter."""
    return today, today + RENEWAL_WINDOW


def _choice(steps: Sequence[Any], step: int, choice: int) -> Any | None:
    if not 1 <= step <= len(steps):
        return None
    choices = steps[step - 1]["choices"]
    if not 0 <= choice < len(choices):
        return None
    return choices[choice]


def valid_scenario_path(steps: Sequence[Any], path: Sequence[Sequence[int]]) -> list[list[int]]:
    """The leading part of a stored path that still fits the scenario (an editor may
    have removed steps or choices since)."""
    valid: list[list[int]] = []
    for step, choice in path:
        if _choice(steps, step, choice) is None:
            break
        valid.append([step, choice])
    return valid


def next_scenario_step(steps: Sequence[Any], path: Sequence[Sequence[int]]) -> int | None:
    """The step to answer next (1-based), or None when the case has ended.

    The path is read as `valid_scenario_path` keeps it: a choice that no longer
    exists ends the case rather than pointing somewhere."""
    if not path:
        return 1
    valid = valid_scenario_path(steps, path)
    if len(valid) != len(path):
        return None
    step, choice = valid[-1]
    following = _choice(steps, step, choice)["next_step"]
    return following if 1 <= following <= len(steps) else None
