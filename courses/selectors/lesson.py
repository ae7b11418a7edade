"""Reads for a lesson page: each block with what the learner may see of it now."""

from __future__ import annotations

import hashlib
import json
import time
from dataclasses import dataclass, field
from typing import Any

from django.core import signing
from django.core.cache import cache
from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import F
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from members.permissions import can_use_members_area

from .. import rules
from ..models import (
    CoursePage,
    Enrolment,
    LessonPage,
    LessonProgress,
    QuizAttempt,
    ReflectionAnswer,
)

REFLECTION_SALT = "courses.reflection.started"


@dataclass
class BlockItem:
    """One block of the lesson: an interactive one with its `block` and the
    learner's `state`, any other as its cached `html`."""

    block: Any
    anchor: str
    state: dict[str, Any] = field(default_factory=dict)
    block_type: str = ""
    block_id: str = ""
    html: str = ""


def reflection_token() -> str:
    return signing.dumps(int(time.time()), salt=REFLECTION_SALT)


def seconds_since(token: str) -> int:
    try:
        started = int(signing.loads(token, salt=REFLECTION_SALT, max_age=24 * 3600))
    except (signing.BadSignature, TypeError, ValueError):
        return 0
    return max(0, int(time.time()) - started)


def _question_state(
    block: Any,
    number: int,
    attempt: QuizAttempt | None,
    posted: dict[str, list[int]] | None,
) -> dict[str, Any]:
    """What the template may show of a question. Before the learner answered, the
    options carry only their index and text: nothing says which one is right."""
    options = block.value["options"]
    if attempt is not None and block.id in attempt.answers:
        chosen = set(attempt.answers[block.id])
        return {
            "number": number,
            "answered": True,
            "right": bool(attempt.results.get(block.id)),
            "options": [
                {
                    "index": i,
                    "text": option["text"],
                    "chosen": i in chosen,
                    "correct": option["correct"],
                    "feedback": option["feedback"],
                }
                for i, option in enumerate(options)
            ],
        }
    chosen = set((posted or {}).get(block.id, []))
    return {
        "number": number,
        "answered": False,
        "options": [
            {"index": i, "text": option["text"], "chosen": i in chosen}
            for i, option in enumerate(options)
        ],
    }


def scenario_state(block: Any, path: list[list[int]]) -> dict[str, Any]:
    """The path taken so far and the step to answer now (`rules.next_scenario_step`,
    the same rule `services.choose_scenario_option` enforces)."""
    steps = block.value["steps"]
    history = []
    for step, choice in rules.valid_scenario_path(steps, path):
        chosen = steps[step - 1]["choices"][choice]
        history.append(
            {
                "number": step,
                "text": steps[step - 1]["text"],
                "choice": chosen["label"],
                "consequence": chosen["consequence"],
            }
        )
    current_number = rules.next_scenario_step(steps, path)
    current = None
    if current_number is not None:
        current = {
            "number": current_number,
            "text": steps[current_number - 1]["text"],
            "choices": [
                {"index": i, "label": c["label"]}
                for i, c in enumerate(steps[current_number - 1]["choices"])
            ],
        }
    return {"history": history, "current": current, "ended": current is None}


# Blocks the learner works in; every other block looks the same for everyone.
INTERACTIVE_BLOCKS = frozenset({"question", "scenario", "reflection"})
BODY_CACHE_SECONDS = 24 * 60 * 60


@dataclass
class LearnerState:
    """What one learner has of one lesson: read in one query once they viewed it
    (the progress row with its enrolment), plus their quiz attempt and reflections
    when the lesson has questions or reflection blocks."""

    enrolment: Enrolment | None = None
    progress: LessonProgress | None = None
    attempt: QuizAttempt | None = None
    reflections: dict[str, ReflectionAnswer] = field(default_factory=dict)


def block_types(lesson: LessonPage) -> list[str]:
    """The lesson's block types in order, from the stored JSON (nothing is converted)."""
    return [raw["type"] for raw in lesson.body.raw_data]


def course_of(lesson: LessonPage) -> CoursePage:
    """The lesson's course, found by its tree path: one query."""
    return CoursePage.objects.get(path=lesson.path[: -LessonPage.steplen])


def lesson_siblings(lesson: LessonPage) -> list[LessonPage]:
    parent_path = lesson.path[: -LessonPage.steplen]
    return list(
        LessonPage.objects.filter(path__startswith=parent_path, depth=lesson.depth)
        .live()
        .order_by("path")
        .defer_streamfields()
    )


def learner_state(*, user: Any, lesson: LessonPage, course: CoursePage) -> LearnerState:
    if not can_use_members_area(user):
        return LearnerState()
    types = set(block_types(lesson))
    progress = (
        LessonProgress.objects.select_related("enrolment")
        .filter(
            enrolment__user=user,
            enrolment__course_id=course.pk,
            lesson=lesson,
            cycle=F("enrolment__cycle"),
        )
        .first()
    )
    enrolment = (
        progress.enrolment
        if progress is not None
        else Enrolment.objects.filter(user=user, course_id=course.pk).first()
    )
    state = LearnerState(enrolment=enrolment, progress=progress)
    if "reflection" in types:
        state.reflections = {
            r.block_id: r for r in ReflectionAnswer.objects.filter(user=user, lesson=lesson)
        }
    if enrolment is not None and "question" in types:
        state.attempt = (
            QuizAttempt.objects.filter(enrolment=enrolment, lesson=lesson, cycle=enrolment.cycle)
            .order_by("-created_at", "-id")
            .first()
        )
    return state


def static_blocks_html(lesson: LessonPage, *, use_cache: bool = True) -> dict[str, str]:
    """{position: HTML} of the blocks that look the same for every learner, drawn
    once per version of the body and language and kept in the cache. The key is
    a digest of the stored body (a new revision is a new key, and so is a body
    changed without one); a preview is drawn afresh and not kept."""
    raw = json.dumps(list(lesson.body.raw_data), sort_keys=True, cls=DjangoJSONEncoder)
    digest = hashlib.sha256(raw.encode()).hexdigest()[:32]
    key = f"courses:lesson-body:{lesson.pk}:{digest}:{get_language()}"
    if use_cache:
        cached = cache.get(key)
        if cached is not None:
            return cached
    # By position: a preview's new blocks have no id yet.
    html = {
        str(index): str(block.render(context={}))
        for index, block in enumerate(lesson.body)
        if block.block_type not in INTERACTIVE_BLOCKS
    }
    if use_cache:
        cache.set(key, html, BODY_CACHE_SECONDS)
    return html


def lesson_state(
    *,
    lesson: LessonPage,
    user: Any,
    retake: bool = False,
    posted_answers: dict[str, list[int]] | None = None,
    quiz_error: str = "",
    posted_reflection: dict[str, str] | None = None,
    reflection_error: dict[str, str] | None = None,
    learner: LearnerState | None = None,
    course: CoursePage | None = None,
    use_cache: bool = True,
) -> dict[str, Any]:
    """`posted_reflection` ({block id: text}) is a refused reflection, shown again
    as typed beside its `reflection_error` ({block id: message}), so the learner
    loses nothing. `learner` and `course`, when the view already read them, are
    not read again."""
    course = course or course_of(lesson)
    siblings = lesson_siblings(lesson)
    position = next((i for i, s in enumerate(siblings) if s.pk == lesson.pk), None)
    learner = learner or learner_state(user=user, lesson=lesson, course=course)
    progress, attempt, reflections = learner.progress, learner.attempt, learner.reflections
    shown_attempt = None if (retake or posted_answers is not None) else attempt
    paths = progress.scenario_paths if progress else {}
    token = reflection_token()
    static_html = static_blocks_html(lesson, use_cache=use_cache)
    items = []
    question_number = 0
    first_question = ""
    for index, raw in enumerate(lesson.body.raw_data):
        block_type, block_id = raw["type"], raw["id"]
        item = BlockItem(
            block=None, anchor=f"blok-{block_id}", block_type=block_type, block_id=block_id
        )
        if block_type not in INTERACTIVE_BLOCKS:
            # HTML the block's own template drew (static_blocks_html), escaped there.
            item.html = mark_safe(static_html.get(str(index), ""))  # noqa: S308
            items.append(item)
            continue
        # Only the interactive blocks are converted from the stored JSON.
        block = item.block = lesson.body[index]
        if block_type == "question":
            question_number += 1
            first_question = first_question or block.id
            item.state = _question_state(block, question_number, shown_attempt, posted_answers)
        elif block_type == "scenario":
            item.state = scenario_state(block, paths.get(block.id, []))
        elif block_type == "reflection":
            saved = reflections.get(block.id)
            answer = saved.answer if saved else ""
            if posted_reflection and block.id in posted_reflection:
                answer = posted_reflection[block.id]
            item.state = {
                "answer": answer,
                "token": token,
                "error": (reflection_error or {}).get(block.id, ""),
                "max_chars": rules.REFLECTION_MAX_CHARS,
            }
        items.append(item)
    return {
        "course": course,
        "items": items,
        "question_count": question_number,
        "first_question": first_question,
        "quiz_form_id": f"toets-{lesson.pk}",
        "attempt": shown_attempt,
        "last_attempt": attempt,
        "quiz_error": quiz_error,
        "progress": progress,
        "lesson_done": bool(progress and progress.completed_at),
        "lesson_number": (position or 0) + 1,
        "lesson_total": len(siblings),
        "previous_lesson": siblings[position - 1] if position else None,
        "next_lesson": siblings[position + 1]
        if position is not None and position + 1 < len(siblings)
        else None,
        "pass_mark": course.pass_mark,
    }
