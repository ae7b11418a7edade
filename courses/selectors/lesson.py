"""Reads for a lesson page: each block with what the learner may see of it now.

A lesson GET reads little (issue 16): the course and its lessons' titles and
addresses come from the cache (`course_outline`, forgotten whenever a page
changes), the learner's enrolment, progress, last quiz attempt and certificate
come in one query (`learner_state`), and the blocks that look the same for every
learner are drawn once per revision and language and kept in the cache
(`shared_blocks_html`); only the quiz, scenario, reflection and story blocks are
drawn per learner."""

from __future__ import annotations

import hashlib
import json
import time
from dataclasses import dataclass, field
from typing import Any

from django.core import signing
from django.core.cache import cache
from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection
from django.db.models import F
from django.db.models.expressions import RawSQL
from django.http import HttpRequest
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from members.permissions import can_use_members_area

from .. import rules
from ..models import (
    Completion,
    CoursePage,
    Enrolment,
    LessonPage,
    LessonProgress,
    QuizAttempt,
    ReflectionAnswer,
)

REFLECTION_SALT = "courses.reflection.started"
# The reflection's start time, filled in anew when a kept lesson page is served
# (registered in courses/apps.py, members.cache_versions.register_fresh_value).
REFLECTION_TOKEN = "courses.reflection-token"  # noqa: S105 - a name, not a secret

# Blocks drawn for each request: the learner works in the first three, and a story
# shows only to whom may read it, as long as it is live. Every other block looks the
# same for every learner and is drawn once per revision (`shared_blocks_html`).
PER_LEARNER_BLOCKS = frozenset({"question", "scenario", "reflection", "story"})
BODY_CACHE_SECONDS = 24 * 60 * 60
BODY_CACHE_PREFIX = "courses:lesson-body"
OUTLINE_CACHE_SECONDS = 24 * 60 * 60
OUTLINE_GENERATION_KEY = "courses:outline:generation"
# The last attempt's columns, read along with the progress row (`learner_state`).
ATTEMPT_FIELDS = (
    "id",
    "answers",
    "results",
    "score",
    "passed",
    "number",
    "questions",
    "created_at",
)


@dataclass
class BlockItem:
    """One block of the lesson: a per-learner one with its `block` and the learner's
    `state`, any other as the `html` drawn once for everyone."""

    block: Any
    anchor: str
    state: dict[str, Any] = field(default_factory=dict)
    block_type: str = ""
    block_id: str = ""
    html: str = ""


@dataclass(frozen=True)
class LessonLink:
    pk: int
    title: str
    url: str


@dataclass(frozen=True)
class CourseOutline:
    """What a lesson page shows of its course: plain data, kept in the cache."""

    pk: int
    title: str
    url: str
    pass_mark: int
    lessons: tuple[LessonLink, ...]


@dataclass
class LearnerState:
    """What one learner has of one lesson in their current cycle (`learner_state`)."""

    enrolment: Enrolment | None = None
    progress: LessonProgress | None = None
    attempt: QuizAttempt | None = None
    completion_code: str = ""
    reflections: dict[str, ReflectionAnswer] = field(default_factory=dict)


def course_path(lesson: LessonPage) -> str:
    return lesson.path[: -LessonPage.steplen]


def course_of(lesson: LessonPage) -> CoursePage:
    """The lesson's course, found by its tree path: one query."""
    return CoursePage.objects.get(path=course_path(lesson))


def _outline_generation() -> int:
    value = cache.get(OUTLINE_GENERATION_KEY)
    if value is None:
        value = time.time_ns()
        cache.add(OUTLINE_GENERATION_KEY, value, None)
        value = cache.get(OUTLINE_GENERATION_KEY, value)
    return int(value)


def forget_course_outlines() -> None:
    """Every outline is read afresh: called when any page is saved, published,
    unpublished, moved or deleted (courses/apps.py)."""
    cache.set(OUTLINE_GENERATION_KEY, time.time_ns(), None)


def course_outline(lesson: LessonPage, request: HttpRequest | None = None) -> CourseOutline:
    """The lesson's course with its live lessons in order: from the cache, or two
    queries when a page changed since it was kept."""
    key = (
        f"courses:outline:{_outline_generation()}:{course_path(lesson)}:"
        f"{get_language()}:{request.get_host() if request is not None else ''}"
    )
    outline = cache.get(key)
    if outline is None:
        course = course_of(lesson)
        siblings = (
            LessonPage.objects.filter(path__startswith=course.path, depth=lesson.depth)
            .live()
            .order_by("path")
            .defer_streamfields()
        )
        outline = CourseOutline(
            pk=course.pk,
            title=course.title,
            url=course.get_url(request) or "",
            pass_mark=course.pass_mark,
            lessons=tuple(
                LessonLink(pk=s.pk, title=s.title, url=s.get_url(request) or "") for s in siblings
            ),
        )
        cache.set(key, outline, OUTLINE_CACHE_SECONDS)
    return outline


def _last_attempt_sql() -> dict[str, RawSQL]:
    """The columns of the progress row's last quiz attempt (same enrolment, lesson
    and cycle), as correlated subqueries of the progress query. Plain SQL, the
    same on SQLite and PostgreSQL: compiling as many ORM subqueries cost more CPU
    than the rest of the page's queries together."""
    q = connection.ops.quote_name
    attempt, progress = q(QuizAttempt._meta.db_table), q(LessonProgress._meta.db_table)
    where = (
        f"FROM {attempt} WHERE {attempt}.{q('enrolment_id')} = {progress}.{q('enrolment_id')} "
        f"AND {attempt}.{q('lesson_id')} = {progress}.{q('lesson_id')} "
        f"AND {attempt}.{q('cycle')} = {progress}.{q('cycle')} "
        f"ORDER BY {attempt}.{q('created_at')} DESC, {attempt}.{q('id')} DESC LIMIT 1"
    )
    # Only table and column names from the models' metadata, quoted; no input.
    return {
        f"attempt_{name}": RawSQL(  # noqa: S611
            f"SELECT {attempt}.{q(QuizAttempt._meta.get_field(name).column)} {where}",
            (),
            output_field=QuizAttempt._meta.get_field(name),
        )
        for name in ATTEMPT_FIELDS
    }


def _completion_code_sql() -> RawSQL:
    """The certificate code of the progress row's enrolment and cycle, if any."""
    q = connection.ops.quote_name
    completion, progress = q(Completion._meta.db_table), q(LessonProgress._meta.db_table)
    return RawSQL(  # noqa: S611
        f"SELECT {completion}.{q('code')} FROM {completion} "  # noqa: S608
        f"WHERE {completion}.{q('enrolment_id')} = {progress}.{q('enrolment_id')} "
        f"AND {completion}.{q('cycle')} = {progress}.{q('cycle')} LIMIT 1",
        (),
        output_field=Completion._meta.get_field("code"),
    )


def learner_state(*, user: Any, lesson: LessonPage, course_id: int) -> LearnerState:
    """One query for the learner's progress in the lesson with their enrolment, the
    last quiz attempt of the cycle and the cycle's certificate code; one more for
    their reflections when the lesson asks for any. Before their first view of
    the lesson in this cycle there is no progress row: then the enrolment alone."""
    if not can_use_members_area(user):
        return LearnerState()
    types = set(lesson.block_types())
    annotations: dict[str, Any] = {"completion_code": _completion_code_sql()}
    if "question" in types:
        annotations.update(_last_attempt_sql())
    progress = (
        LessonProgress.objects.select_related("enrolment")
        .filter(
            enrolment__user=user,
            enrolment__course_id=course_id,
            lesson_id=lesson.pk,
            cycle=F("enrolment__cycle"),
        )
        .annotate(**annotations)
        .first()
    )
    state = LearnerState()
    if progress is not None:
        state.enrolment, state.progress = progress.enrolment, progress
        state.completion_code = progress.completion_code or ""
        if getattr(progress, "attempt_id", None) is not None:
            state.attempt = QuizAttempt(
                enrolment=progress.enrolment,
                lesson_id=lesson.pk,
                cycle=progress.cycle,
                **{name: getattr(progress, f"attempt_{name}") for name in ATTEMPT_FIELDS},
            )
    else:
        state.enrolment = Enrolment.objects.filter(user=user, course_id=course_id).first()
    if "reflection" in types:
        state.reflections = {
            r.block_id: r for r in ReflectionAnswer.objects.filter(user=user, lesson=lesson)
        }
    return state


def shared_blocks_html(lesson: LessonPage, *, use_cache: bool = True) -> dict[int, str]:
    """{position in the body: HTML} of the blocks that look the same for every learner, drawn
    once per revision of the lesson and language and kept in the cache. The key
    holds the page, its live revision, the language and a digest of the stored
    body (so a body saved without a new revision is drawn again too). A preview
    is drawn afresh and not kept."""
    raw = json.dumps(list(lesson.body.raw_data), sort_keys=True, cls=DjangoJSONEncoder)
    digest = hashlib.sha256(raw.encode()).hexdigest()[:24]
    key = (
        f"{BODY_CACHE_PREFIX}:{lesson.pk}:{lesson.live_revision_id or 0}:{get_language()}:{digest}"
    )
    if use_cache:
        cached = cache.get(key)
        if cached is not None:
            return cached
    # By position, not by id: blocks of an unsaved body (a preview) have no id yet.
    html = {
        index: str(lesson.body[index].render(context={}))
        for index, raw_block in enumerate(lesson.body.raw_data)
        if raw_block["type"] not in PER_LEARNER_BLOCKS
    }
    if use_cache:
        cache.set(key, html, BODY_CACHE_SECONDS)
    return html


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
    request: HttpRequest | None = None,
    retake: bool = False,
    posted_answers: dict[str, list[int]] | None = None,
    quiz_error: str = "",
    posted_reflection: dict[str, str] | None = None,
    reflection_error: dict[str, str] | None = None,
    reflection_privacy: dict[str, Any] | None = None,
    learner: LearnerState | None = None,
    outline: CourseOutline | None = None,
    use_cache: bool = True,
) -> dict[str, Any]:
    """`posted_reflection` ({block id: text}) is a refused reflection, shown again
    as typed beside its `reflection_error` ({block id: message}), so the learner
    loses nothing. `learner` and `outline`, when the view already read them, are
    not read again."""
    outline = outline or course_outline(lesson, request)
    siblings = outline.lessons
    position = next((i for i, s in enumerate(siblings) if s.pk == lesson.pk), None)
    learner = learner or learner_state(user=user, lesson=lesson, course_id=outline.pk)
    enrolment, progress, attempt = learner.enrolment, learner.progress, learner.attempt
    reflections = learner.reflections
    fresh_quiz = retake or posted_answers is not None or attempt is None
    shown_attempt = None if fresh_quiz else attempt
    if fresh_quiz:
        next_number, asked = draw_for(lesson=lesson, enrolment=enrolment, previous=attempt)
    else:
        next_number = attempt.number + 1
        blocks = {block.id: block for block in lesson.question_blocks()}
        asked = [blocks[i] for i in attempt.questions if i in blocks] or lesson.question_blocks()
    paths = progress.scenario_paths if progress else {}
    token = reflection_token()
    shared_html = shared_blocks_html(lesson, use_cache=use_cache)
    items = []
    question_number = 0
    for index, raw in enumerate(lesson.body.raw_data):
        block_type, block_id = raw["type"], raw.get("id")
        if block_type not in PER_LEARNER_BLOCKS:
            # Drawn by the block's own template (shared_blocks_html), escaped there.
            html = mark_safe(shared_html.get(index, ""))  # noqa: S308
            items.append(
                BlockItem(
                    block=None,
                    anchor=f"blok-{block_id}",
                    block_type=block_type,
                    block_id=block_id,
                    html=html,
                )
            )
            continue
        if block_type == "question":
            # Each question slot of the lesson shows the next question of the draw;
            # slots beyond the number asked stay empty.
            if question_number >= len(asked):
                continue
            block = asked[question_number]
            question_number += 1
            item = BlockItem(
                block=block, anchor=f"blok-{block.id}", block_type="question", block_id=block.id
            )
            item.state = _question_state(block, question_number, shown_attempt, posted_answers)
            items.append(item)
            continue
        # Only the per-learner blocks are converted from the stored JSON.
        block = lesson.body[index]
        item = BlockItem(
            block=block, anchor=f"blok-{block.id}", block_type=block_type, block_id=block.id
        )
        if block_type == "scenario":
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
                "privacy": (reflection_privacy or {}).get(block.id),
            }
        items.append(item)
    first_question = asked[0].id if asked else ""
    completion_url = ""
    if progress is not None and progress.completed_at and learner.completion_code:
        completion_url = reverse("courses:completion", kwargs={"code": learner.completion_code})
    return {
        "course": outline,
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
        "pass_mark": outline.pass_mark,
        "retake_query": f"?opnieuw={next_number}",
        "completion_url": completion_url,
        "quiz_revealed": bool(shown_attempt and shown_attempt.passed),
    }
