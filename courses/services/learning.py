"""The learner's changes of state while taking a course: enrol, view a lesson,
answer a quiz, walk a scenario, write a reflection. One function per use case,
one transaction each; lesson views, management commands and tests call these."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .. import rules
from ..models import (
    CoursePage,
    Enrolment,
    LessonPage,
    LessonProgress,
    QuizAttempt,
    ReflectionAnswer,
)
from ..selectors.catalogue import missing_prerequisites
from ..selectors.lesson import LearnerState, block_types, course_of, learner_state
from .completion import complete_course_if_done
from .membership import check_member

ERROR_PREREQUISITES = _("Rond eerst deze cursus(sen) af: %(titles)s.")
ERROR_UNANSWERED = _("Beantwoord alle vragen; deze nog niet: %(numbers)s.")
ERROR_NO_QUESTIONS = _("Deze les heeft geen toetsvragen.")
ERROR_UNKNOWN_BLOCK = _("Dit onderdeel bestaat niet (meer) in deze les. Laad de pagina opnieuw.")
ERROR_BAD_CHOICE = _("Kies één van de mogelijkheden.")
ERROR_EMPTY_REFLECTION = _("Schrijf eerst je antwoord.")
ERROR_REFLECTION_TOO_LONG = _(
    "Je antwoord is te lang: maximaal %(max)s tekens, het zijn er nu %(count)s. "
    "Je tekst staat hieronder nog: maak hem korter en bewaar opnieuw."
)
ERROR_NOT_PUBLISHED = _("Deze cursus is niet gepubliceerd.")

# A plain lesson view updates `last_viewed_at` at most this often.
VIEW_RECORD_INTERVAL = timedelta(minutes=5)

# A reflection counts at most this long per save: a tab left open is not study time.
MAX_REFLECTION_SECONDS = 2 * 60 * 60


def _course_of(lesson: LessonPage) -> CoursePage:
    return CoursePage.objects.get(pk=lesson.get_parent().pk)


@transaction.atomic
def enrol(*, user: Any, course: CoursePage) -> Enrolment:
    """Start a course (or return the enrolment already there). Prerequisites must
    hold when starting, not afterwards."""
    check_member(user)
    existing = Enrolment.objects.filter(user=user, course=course).first()
    if existing is not None:
        return existing
    if not course.live:
        raise ValidationError(ERROR_NOT_PUBLISHED)
    missing = missing_prerequisites(user=user, course=course)
    if missing:
        raise ValidationError(ERROR_PREREQUISITES % {"titles": ", ".join(c.title for c in missing)})
    enrolment = Enrolment(user=user, course=course)
    enrolment.full_clean()
    try:
        with transaction.atomic():
            enrolment.save()
    except IntegrityError:  # a double click: the other request enrolled
        enrolment = Enrolment.objects.get(user=user, course=course)
    return enrolment


def _progress(enrolment: Enrolment, lesson: LessonPage) -> LessonProgress:
    progress, _created = LessonProgress.objects.select_for_update().get_or_create(
        enrolment=enrolment, lesson=lesson, cycle=enrolment.cycle
    )
    return progress


def record_lesson_view(
    *,
    user: Any,
    lesson: LessonPage,
    course: CoursePage | None = None,
    learner: LearnerState | None = None,
) -> LessonProgress:
    """The learner opened a lesson (never called for a preview). A lesson without
    questions is done once seen; one with questions when its quiz is passed.

    A plain view writes nothing, and opens no transaction (on SQLite that would
    take the database's write lock), unless the learner's state changes (first
    view, the lesson becoming done, the first position) or the last recorded view
    is older than VIEW_RECORD_INTERVAL. The course is checked for completion only
    when this view makes the lesson done. `course` and `learner`, when the view
    already read them (selectors.learner_state), are not read again."""
    course = course or course_of(lesson)
    learner = learner or learner_state(user=user, lesson=lesson, course=course)
    progress = learner.progress
    types = block_types(lesson)
    if progress is not None:
        changes = _view_changes(progress, types, lesson)
        if not changes:
            return progress
    with transaction.atomic():
        enrolment = learner.enrolment or enrol(user=user, course=course)
        if progress is None or progress.cycle != enrolment.cycle:
            progress = _progress(enrolment, lesson)
        changes = _view_changes(progress, types, lesson)
        if changes:
            LessonProgress.objects.filter(pk=progress.pk).update(**changes)
            for name, value in changes.items():
                setattr(progress, name, value)
        if "completed_at" in changes:
            complete_course_if_done(enrolment=enrolment, course=course)
    return progress


def _view_changes(progress: LessonProgress, types: list[str], lesson: LessonPage) -> dict[str, Any]:
    """What a view changes in the progress row: nothing on most views."""
    now = timezone.now()
    changes: dict[str, Any] = {}
    if progress.completed_at is None and "question" not in types:
        changes["completed_at"] = now
    if not progress.position and types:
        changes["position"] = lesson.body.raw_data[0]["id"]
    if changes or now - progress.last_viewed_at >= VIEW_RECORD_INTERVAL:
        changes["last_viewed_at"] = now
    return changes


def grade(*, lesson: LessonPage, answers: dict[str, list[int]]) -> dict[str, bool]:
    """Pure grading: a question is right when exactly the correct options are chosen."""
    results = {}
    for block in lesson.question_blocks():
        correct = {i for i, option in enumerate(block.value["options"]) if option["correct"]}
        results[block.id] = set(answers.get(block.id, [])) == correct
    return results


@transaction.atomic
def grade_quiz_attempt(
    *, user: Any, lesson: LessonPage, answers: dict[str, list[int]]
) -> QuizAttempt:
    """Grade a lesson's questions on the server and keep the attempt with its score.
    Every question needs an answer; single-choice questions take one option."""
    course = _course_of(lesson)
    enrolment = enrol(user=user, course=course)
    questions = lesson.question_blocks()
    if not questions:
        raise ValidationError(ERROR_NO_QUESTIONS)
    clean_answers: dict[str, list[int]] = {}
    unanswered = []
    for number, block in enumerate(questions, start=1):
        count = len(block.value["options"])
        chosen = sorted({i for i in answers.get(block.id, []) if 0 <= i < count})
        if not block.value["multiple"]:
            chosen = chosen[:1]
        if not chosen:
            unanswered.append(str(number))
        clean_answers[block.id] = chosen
    if unanswered:
        raise ValidationError(ERROR_UNANSWERED % {"numbers": ", ".join(unanswered)})
    results = grade(lesson=lesson, answers=clean_answers)
    score = (100 * sum(results.values())) // len(results)
    attempt = QuizAttempt(
        enrolment=enrolment,
        lesson=lesson,
        cycle=enrolment.cycle,
        answers=clean_answers,
        results=results,
        score=score,
        passed=score >= course.pass_mark,
    )
    attempt.full_clean()
    attempt.save()
    progress = _progress(enrolment, lesson)
    progress.position = questions[0].id
    if attempt.passed and progress.completed_at is None:
        progress.completed_at = timezone.now()
    progress.save()
    complete_course_if_done(enrolment=enrolment, course=course)
    return attempt


@transaction.atomic
def choose_scenario_option(
    *, user: Any, lesson: LessonPage, block_id: str, step: int, choice: int
) -> LessonProgress:
    """One choice in a branching case. The path is kept so the learner resumes at
    the step where they stopped."""
    block = lesson.block_by_id(block_id, "scenario")
    if block is None:
        raise ValidationError(ERROR_UNKNOWN_BLOCK)
    enrolment = enrol(user=user, course=_course_of(lesson))
    progress = _progress(enrolment, lesson)
    path = list(progress.scenario_paths.get(block_id, []))
    steps = block.value["steps"]
    expected_step = rules.next_scenario_step(steps, path)
    if (
        expected_step is None
        or step != expected_step
        or not 0 <= choice < len(steps[step - 1]["choices"])
    ):
        raise ValidationError(ERROR_BAD_CHOICE)
    path.append([step, choice])
    progress.scenario_paths = {**progress.scenario_paths, block_id: path}
    following = rules.next_scenario_step(steps, path)
    progress.position = f"{block_id}-stap-{following}" if following else f"{block_id}-einde"
    progress.full_clean()
    progress.save()
    return progress


@transaction.atomic
def restart_scenario(*, user: Any, lesson: LessonPage, block_id: str) -> LessonProgress:
    if lesson.block_by_id(block_id, "scenario") is None:
        raise ValidationError(ERROR_UNKNOWN_BLOCK)
    enrolment = enrol(user=user, course=_course_of(lesson))
    progress = _progress(enrolment, lesson)
    paths = dict(progress.scenario_paths)
    paths.pop(block_id, None)
    progress.scenario_paths = paths
    progress.position = f"{block_id}-stap-1"
    progress.save()
    return progress


@transaction.atomic
def save_reflection(
    *, user: Any, lesson: LessonPage, block_id: str, answer: str, seconds_spent: int = 0
) -> ReflectionAnswer:
    """Keep the learner's private reflection; a new save replaces the text and adds
    the time spent (capped), which the reflection log reports."""
    block = lesson.block_by_id(block_id, "reflection")
    if block is None:
        raise ValidationError(ERROR_UNKNOWN_BLOCK)
    answer = answer.strip()
    if not answer:
        raise ValidationError(ERROR_EMPTY_REFLECTION)
    if len(answer) > rules.REFLECTION_MAX_CHARS:
        raise ValidationError(
            ERROR_REFLECTION_TOO_LONG,
            params={"max": rules.REFLECTION_MAX_CHARS, "count": len(answer)},
        )
    course = _course_of(lesson)
    enrolment = enrol(user=user, course=course)
    seconds = max(0, min(int(seconds_spent), MAX_REFLECTION_SECONDS))
    reflection = (
        ReflectionAnswer.objects.select_for_update()
        .filter(user=user, lesson=lesson, block_id=block_id)
        .first()
    )
    now = timezone.now()
    if reflection is None:
        reflection = ReflectionAnswer(user=user, lesson=lesson, block_id=block_id, created_at=now)
    reflection.course_title = course.title
    reflection.lesson_title = lesson.title
    reflection.prompt = block.value["prompt"][: rules.PROMPT_MAX_CHARS]
    reflection.answer = answer
    reflection.seconds_spent += seconds
    reflection.updated_at = now
    reflection.full_clean()
    reflection.save()
    progress = _progress(enrolment, lesson)
    progress.position = block_id
    progress.save()
    return reflection
