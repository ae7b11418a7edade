"""The course rules that more than one screen or service asks about, each defined
once: study hours, the renewal window and the scenario's next step.

Plain functions over plain values (no queries, no project import), so that models,
services, selectors, templates and PDFs all give the same answer. The rules that
need the database are defined once beside their model: "current completion" as
`CompletionQuerySet.of_current_cycle()` / `Completion.is_of_current_cycle()`, "still
valid" as `CompletionQuerySet.current()`, prerequisites as
`courses.selectors.missing_prerequisites()`."""

from __future__ import annotations

import hashlib
import random
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


def dutch_number(value: Decimal | str | int | float) -> str:
    """A number as Dutch readers write it, one decimal: "2,0", "1,5"."""
    return f"{Decimal(str(value)).quantize(Decimal('0.1'))}".replace(".", ",")


def points_text(value: Decimal | str) -> str:
    """ "1,0 punt", "2,5 punten": never "2.0 punt(en)"."""
    number = Decimal(str(value))
    return f"{dutch_number(number)} {'punt' if number == 1 else 'punten'}"


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


def draw_questions(
    ids: Sequence[str], *, ask: int | None, seed: str, previous: Sequence[str] = ()
) -> list[str]:
    """The questions one attempt asks, in the order it shows them.

    The first attempt of a lesson that asks all its questions keeps the editor's
    order. Every other attempt is drawn from `seed` (the same seed always gives the
    same draw, so the page and the grading agree without storing anything): questions
    the previous attempt did not ask come first when the lesson has a larger pool,
    and the order differs from the previous attempt's whenever it can."""
    ids = list(ids)
    count = len(ids) if not ask else min(ask, len(ids))
    if not previous and count == len(ids):
        return ids
    digest = hashlib.sha256(seed.encode()).digest()
    generator = random.Random(int.from_bytes(digest[:8], "big"))  # noqa: S311 (not security)
    fresh = [i for i in ids if i not in set(previous)]
    used = [i for i in ids if i in set(previous)]
    generator.shuffle(fresh)
    generator.shuffle(used)
    drawn = (fresh + used)[:count]
    generator.shuffle(drawn)
    if len(drawn) > 1 and drawn == list(previous):
        drawn = drawn[1:] + drawn[:1]
    return drawn


def estimated_minutes(
    *, words: int, questions: int = 0, scenario_steps: int = 0, reflections: int = 0
) -> int:
    """The net study time a lesson's content takes: reading at READING_WORDS_PER_MINUTE,
    plus time for each question, scenario step and reflection. The course page shows
    it per lesson; a course's stated study time should not exceed the sum by much."""
    minutes = (
        words / READING_WORDS_PER_MINUTE
        + questions * MINUTES_PER_QUESTION
        + scenario_steps * MINUTES_PER_SCENARIO_STEP
        + reflections * MINUTES_PER_REFLECTION
    )
    return max(1, round(minutes))


# Study-time estimate: an attentive professional reading instructive Dutch text.
READING_WORDS_PER_MINUTE = 150
MINUTES_PER_QUESTION = 1.5
MINUTES_PER_SCENARIO_STEP = 3
MINUTES_PER_REFLECTION = 8
# A course may state at most this much more than its content's estimate.
STUDY_TIME_TOLERANCE = Decimal("1.25")


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
