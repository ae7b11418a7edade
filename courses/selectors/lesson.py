"""Reads for a lesson page: each block with what the learner may see of it now."""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Any

from django.core import signing
from django.urls import reverse

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
from .record import current_completion

REFLECTION_SALT = "courses.reflection.started"


@dataclass
class BlockItem:
    block: Any
    anchor: str
    state: dict[str, Any] = field(default_factory=dict)


def reflection_token() -> str:
    return signing.dumps(int(time.time()), salt=REFLECTION_SALT)


def seconds_since(token: str) -> int:
    try:
        started = int(signing.loads(token, salt=REFLECTION_SALT, max_age=24 * 3600))
    except (signing.BadSignature, TypeError, ValueError):
        return 0
    return max(0, int(time.time()) - started)


def last_attempt(*, enrolment: Enrolment, lesson: LessonPage) -> QuizAttempt | None:
    return (
        QuizAttempt.objects.filter(enrolment=enrolment, lesson=lesson, cycle=enrolment.cycle)
        .order_by("-created_at", "-id")
        .first()
    )


def draw_for(
    *, lesson: LessonPage, enrolment: Enrolment | None, previous: QuizAttempt | None
) -> tuple[int, list[Any]]:
    """The next attempt's number and the question blocks it asks, in order: the one
    draw that the lesson page shows and `services.grade_quiz_attempt` grades
    (`rules.draw_questions`, seeded by enrolment, cycle, lesson and attempt number)."""
    number = previous.number + 1 if previous is not None else 1
    blocks = {block.id: block for block in lesson.question_blocks()}
    seed = f"{enrolment.pk}-{enrolment.cycle}" if enrolment is not None else "0-0"
    ids = rules.draw_questions(
        list(blocks),
        ask=lesson.questions_per_attempt,
        seed=f"{seed}-{lesson.pk}-{number}",
        previous=[i for i in (previous.questions if previous else []) if i in blocks],
    )
    return number, [blocks[i] for i in ids]


def _question_state(
    block: Any,
    number: int,
    attempt: QuizAttempt | None,
    posted: dict[str, list[int]] | None,
) -> dict[str, Any]:
    """What the template may show of a question. Before the learner answered, the
    options carry only their index and text: nothing says which one is right. After
    a failed attempt only the chosen options get their feedback, so a retake is not
    a copy of the answers; once the quiz is passed every option shows whether it is
    right, with its explanation."""
    options = block.value["options"]
    if attempt is not None and block.id in attempt.answers:
        chosen = set(attempt.answers[block.id])
        reveal = attempt.passed
        return {
            "number": number,
            "answered": True,
            "revealed": reveal,
            "right": bool(attempt.results.get(block.id)),
            "options": [
                {
                    "index": i,
                    "text": option["text"],
                    "chosen": i in chosen,
                    "show_feedback": reveal or i in chosen,
                    "correct": option["correct"] if reveal or i in chosen else None,
                    "feedback": option["feedback"] if reveal or i in chosen else "",
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


def lesson_state(
    *,
    lesson: LessonPage,
    user: Any,
    retake: bool = False,
    posted_answers: dict[str, list[int]] | None = None,
    quiz_error: str = "",
    posted_reflection: dict[str, str] | None = None,
    reflection_error: dict[str, str] | None = None,
    reflection_privacy: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """`posted_reflection` ({block id: text}) is a refused reflection, shown again
    as typed beside its `reflection_error` ({block id: message}), so the learner
    loses nothing."""
    course = CoursePage.objects.get(pk=lesson.get_parent().pk)
    siblings = list(
        LessonPage.objects.child_of(course).live().order_by("path").defer_streamfields()
    )
    position = next((i for i, s in enumerate(siblings) if s.pk == lesson.pk), None)
    enrolment = progress = attempt = None
    reflections: dict[str, ReflectionAnswer] = {}
    if can_use_members_area(user):
        enrolment = Enrolment.objects.filter(user=user, course=course).first()
        reflections = {
            r.block_id: r for r in ReflectionAnswer.objects.filter(user=user, lesson=lesson)
        }
    if enrolment is not None:
        progress = LessonProgress.objects.filter(
            enrolment=enrolment, lesson=lesson, cycle=enrolment.cycle
        ).first()
        attempt = last_attempt(enrolment=enrolment, lesson=lesson)
    fresh_quiz = retake or posted_answers is not None or attempt is None
    shown_attempt = None if fresh_quiz else attempt
    if fresh_quiz:
        next_number, asked = draw_for(lesson=lesson, enrolment=enrolment, previous=attempt)
    else:
        next_number = attempt.number + 1
        blocks = {block.id: block for block in lesson.question_blocks()}
        asked = [blocks[i] for i in attempt.questions if i in blocks] or [
            block for block in lesson.body if block.block_type == "question"
        ]
    paths = progress.scenario_paths if progress else {}
    token = reflection_token()
    items = []
    question_number = 0
    for block in lesson.body:
        if block.block_type == "question":
            # Each question slot of the lesson shows the next question of the draw;
            # slots beyond the number asked stay empty.
            if question_number >= len(asked):
                continue
            block = asked[question_number]
            question_number += 1
            item = BlockItem(block=block, anchor=f"blok-{block.id}")
            item.state = _question_state(block, question_number, shown_attempt, posted_answers)
            items.append(item)
            continue
        item = BlockItem(block=block, anchor=f"blok-{block.id}")
        if block.block_type == "scenario":
            item.state = scenario_state(block, paths.get(block.id, []))
        elif block.block_type == "reflection":
            saved = reflections.get(block.id)
            answer = saved.answer if saved else ""
            if posted_reflection and block.id in posted_reflection:
                answer = posted_reflection[block.id]
            item.state = {
                "answer": answer,
                "token": token,
                "error": (reflection_error or {}).get(block.id, ""),
                "max_chars": rules.REFLECTION_MAX_CHARS,
                "privacy": (reflection_privacy or {}).get(block.id),
            }
        items.append(item)
    first_question = asked[0].id if asked else ""
    completion_url = ""
    if enrolment is not None and progress is not None and progress.completed_at:
        completion = current_completion(enrolment=enrolment)
        if completion is not None:
            completion_url = reverse("courses:completion", kwargs={"code": completion.code})
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
        "retake_query": f"?opnieuw={next_number}",
        "completion_url": completion_url,
        "quiz_revealed": bool(shown_attempt and shown_attempt.passed),
    }
