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

from members.cache_versions import bump_member

from .. import privacy_check, rules
from ..models import (
    CoursePage,
    Enrolment,
    LessonPage,
    LessonProgress,
    QuizAttempt,
    ReflectionAnswer,
)
from ..selectors.catalogue import missing_prerequisites
from ..selectors.lesson import LearnerState, course_of, draw_for, last_attempt, learner_state
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

# A plain lesson view records `last_viewed_at` at most this often.
VIEW_RECORD_INTERVAL = timedelta(minutes=5)

# A reflection counts at most this long per save: a tab left open is not study time.
MAX_REFLECTION_SECONDS = 2 * 60 * 60


def _course_of(lesson: LessonPage) -> CoursePage:
    return course_of(lesson)


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
    *, user: Any, lesson: LessonPage, learner: LearnerState | None = None
) -> LessonProgress:
    """The learner opened a lesson (never called for a preview). A lesson without
    questions is done once seen; one with questions when its quiz is passed.

    A plain view writes nothing and opens no transaction (on SQLite that would take
    the database's write lock) unless the learner's state changes: the first view
    in this cycle (enrolment and progress row), the lesson becoming done, the first
    position; or the last recorded view is older than VIEW_RECORD_INTERVAL. The
    course is checked for completion only when this view makes the lesson done.
    `learner`, when the view already read it (`selectors.learner_state`), is not
    read again; its progress is updated in place."""
    if learner is None:
        learner = learner_state(user=user, lesson=lesson, course_id=course_of(lesson).pk)
    progress = learner.progress
    if progress is not None and not _view_changes(progress, lesson):
        return progress
    with transaction.atomic():
        course = course_of(lesson)
        enrolment = enrol(user=user, course=course)
        stored = _progress(enrolment, lesson)
        changes = _view_changes(stored, lesson)
        if changes:
            LessonProgress.objects.filter(pk=stored.pk).update(**changes)
            # An update sends no signal: what is kept for this member is stale.
            bump_member(enrolment.user_id)
        for target in (stored, progress):
            if target is not None and target.pk == stored.pk:
                for name, value in changes.items():
                    setattr(target, name, value)
        if "completed_at" in changes:
            complete_course_if_done(enrolment=enrolment, course=course)
    return stored


def _view_changes(progress: LessonProgress, lesson: LessonPage) -> dict[str, Any]:
    """What a view changes in the progress row: nothing on most views."""
    now = timezone.now()
    types = lesson.block_types()
    changes: dict[str, Any] = {}
    if progress.completed_at is None and "question" not in types:
        changes["completed_at"] = now
    if not progress.position and types:
        changes["position"] = lesson.body.raw_data[0]["id"]
    if changes or now - progress.last_viewed_at >= VIEW_RECORD_INTERVAL:
        changes["last_viewed_at"] = now
    return changes


def grade(
    *, lesson: LessonPage, answers: dict[str, list[int]], questions: list[Any] | None = None
) -> dict[str, bool]:
    """Pure grading: a question is right when exactly the correct options are chosen.
    `questions` are the blocks the attempt asked (default: all of the lesson's)."""
    results = {}
    for block in lesson.question_blocks() if questions is None else questions:
        correct = {i for i, option in enumerate(block.value["options"]) if option["correct"]}
        results[block.id] = set(answers.get(block.id, [])) == correct
    return results


@transaction.atomic
def grade_quiz_attempt(
    *, user: Any, lesson: LessonPage, answers: dict[str, list[int]]
) -> QuizAttempt:
    """Grade a lesson's questions on the server and keep the attempt with its score.
    The attempt asks the questions `draw_for` draws (another order, and where the
    lesson has a pool another selection, on each retake). Every asked question needs
    an answer; single-choice questions take one option."""
    course = _course_of(lesson)
    enrolment = enrol(user=user, course=course)
    # One attempt at a time per learner: the draw depends on the previous attempt.
    Enrolment.objects.select_for_update().filter(pk=enrolment.pk).first()
    if not lesson.question_blocks():
        raise ValidationError(ERROR_NO_QUESTIONS)
    previous = last_attempt(enrolment=enrolment, lesson=lesson)
    number, questions = draw_for(lesson=lesson, enrolment=enrolment, previous=previous)
    clean_answers: dict[str, list[int]] = {}
    unanswered = []
    for position, block in enumerate(questions, start=1):
        count = len(block.value["options"])
        chosen = sorted({i for i in answers.get(block.id, []) if 0 <= i < count})
        if not block.value["multiple"]:
            chosen = chosen[:1]
        if not chosen:
            unanswered.append(str(position))
        clean_answers[block.id] = chosen
    if unanswered:
        raise ValidationError(ERROR_UNANSWERED % {"numbers": ", ".join(unanswered)})
    results = grade(lesson=lesson, answers=clean_answers, questions=questions)
    score = (100 * sum(results.values())) // len(results)
    attempt = QuizAttempt(
        enrolment=enrolment,
        lesson=lesson,
        cycle=enrolment.cycle,
        answers=clean_answers,
        results=results,
        score=score,
        passed=score >= course.pass_mark,
        number=number,
        questions=[block.id for block in questions],
    )
    attempt.full_clean()
    attempt.save()
    progress = _progress(enrolment, lesson)
    progress.position = questions[0].id
    lesson_done_now = attempt.passed and progress.completed_at is None
    if lesson_done_now:
        progress.completed_at = timezone.now()
    progress.save()
    if lesson_done_now:
        # The course can only become done when one of its lessons does.
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
    *,
    user: Any,
    lesson: LessonPage,
    block_id: str,
    answer: str,
    seconds_spent: int = 0,
    accepted_placeholders: frozenset[str] = frozenset(),
) -> ReflectionAnswer:
    """Keep the learner's private reflection; a new save replaces the text and adds
    the time spent (capped), which the reflection log reports. The text passes the
    privacy check first (`courses.privacy_check`): structured identifiers refuse it,
    names, addresses, places and schools are stored as their placeholders once the
    learner accepted them; the typed text itself is never stored."""
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
    answer = privacy_check.accepted_text(answer, accepted_placeholders=accepted_placeholders)
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
