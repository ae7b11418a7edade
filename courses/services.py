"""Every change of state in learning: one function per use case, one transaction
each. Lesson views, the admin, management commands and tests call these."""

from __future__ import annotations

import logging
import secrets
from calendar import monthrange
from datetime import date, datetime, timedelta
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from members.permissions import can_use_members_area

from .models import (
    Completion,
    CoursePage,
    Enrolment,
    LessonPage,
    LessonProgress,
    QuizAttempt,
    ReflectionAnswer,
)

logger = logging.getLogger(__name__)

ERROR_NOT_A_MEMBER = _("Alleen goedgekeurde leden kunnen cursussen volgen.")
ERROR_PREREQUISITES = _("Rond eerst deze cursus(sen) af: %(titles)s.")
ERROR_UNANSWERED = _("Beantwoord alle vragen; deze nog niet: %(numbers)s.")
ERROR_NO_QUESTIONS = _("Deze les heeft geen toetsvragen.")
ERROR_UNKNOWN_BLOCK = _("Dit onderdeel bestaat niet (meer) in deze les. Laad de pagina opnieuw.")
ERROR_BAD_CHOICE = _("Kies één van de mogelijkheden.")
ERROR_EMPTY_REFLECTION = _("Schrijf eerst je antwoord.")
ERROR_NOT_YET_RENEWABLE = _(
    "Je certificaat is nog geldig. Opnieuw certificeren kan vanaf drie maanden voor de vervaldatum."
)
ERROR_NOT_PUBLISHED = _("Deze cursus is niet gepubliceerd.")

RENEWABLE_BEFORE_EXPIRY = timedelta(days=91)
REMINDER_WINDOW = timedelta(days=30)
# A reflection counts at most this long per save: a tab left open is not study time.
MAX_REFLECTION_SECONDS = 2 * 60 * 60
CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"


def new_certificate_code() -> str:
    """HG-XXXX-XXXX-XXXX: 60 random bits, no 0/O or 1/I to mistype."""
    groups = ["".join(secrets.choice(CODE_ALPHABET) for _ in range(4)) for _ in range(3)]
    return "HG-" + "-".join(groups)


def _check_member(user: Any) -> None:
    if not can_use_members_area(user):
        raise PermissionDenied(ERROR_NOT_A_MEMBER)


def _course_of(lesson: LessonPage) -> CoursePage:
    return CoursePage.objects.get(pk=lesson.get_parent().pk)


def missing_prerequisites(*, user: Any, course: CoursePage) -> list[CoursePage]:
    required = list(course.prerequisites.all())
    if not required:
        return []
    done = set(
        Completion.objects.current()
        .filter(user=user, course__in=required)
        .values_list("course_id", flat=True)
    )
    return [c for c in required if c.pk not in done]


@transaction.atomic
def enrol(*, user: Any, course: CoursePage) -> Enrolment:
    """Start a course (or return the enrolment already there). Prerequisites must
    hold when starting, not afterwards."""
    _check_member(user)
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


@transaction.atomic
def record_lesson_view(*, user: Any, lesson: LessonPage) -> LessonProgress:
    """The learner opened a lesson (never called for a preview). A lesson without
    questions is done once seen; one with questions when its quiz is passed."""
    course = _course_of(lesson)
    enrolment = enrol(user=user, course=course)
    progress = _progress(enrolment, lesson)
    now = timezone.now()
    progress.last_viewed_at = now
    if progress.completed_at is None and not lesson.question_blocks():
        progress.completed_at = now
    if not progress.position and len(lesson.body):
        progress.position = lesson.body[0].id
    progress.full_clean()
    progress.save()
    complete_course_if_done(enrolment=enrolment, course=course)
    return progress


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
    expected_step = _current_step(block.value, path)
    steps = block.value["steps"]
    if (
        expected_step is None
        or step != expected_step
        or not 0 <= choice < len(steps[step - 1]["choices"])
    ):
        raise ValidationError(ERROR_BAD_CHOICE)
    path.append([step, choice])
    progress.scenario_paths = {**progress.scenario_paths, block_id: path}
    following = _current_step(block.value, path)
    progress.position = f"{block_id}-stap-{following}" if following else f"{block_id}-einde"
    progress.full_clean()
    progress.save()
    return progress


def _current_step(value: Any, path: list[list[int]]) -> int | None:
    """The step to answer next, or None when the case has ended."""
    if not path:
        return 1
    step, choice = path[-1]
    steps = value["steps"]
    if not 1 <= step <= len(steps) or not 0 <= choice < len(steps[step - 1]["choices"]):
        return None
    following = steps[step - 1]["choices"][choice]["next_step"]
    return following if 1 <= following <= len(steps) else None


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
    reflection.prompt = block.value["prompt"]
    reflection.answer = answer
    reflection.seconds_spent += seconds
    reflection.updated_at = now
    reflection.full_clean()
    reflection.save()
    progress = _progress(enrolment, lesson)
    progress.position = block_id
    progress.save()
    return reflection


def live_lessons(course: CoursePage) -> list[LessonPage]:
    return list(LessonPage.objects.child_of(course).live().order_by("path"))


def _add_months(day: date, months: int) -> date:
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return day.replace(year=year, month=month, day=min(day.day, monthrange(year, month)[1]))


def complete_course_if_done(*, enrolment: Enrolment, course: CoursePage) -> Completion | None:
    """Write the Completion once every live lesson of the course is done in this
    cycle (which includes every quiz passed). Called inside the caller's transaction."""
    if Completion.objects.filter(enrolment=enrolment, cycle=enrolment.cycle).exists():
        return None
    lessons = live_lessons(course)
    if not lessons:
        return None
    done = set(
        LessonProgress.objects.filter(
            enrolment=enrolment, cycle=enrolment.cycle, completed_at__isnull=False
        ).values_list("lesson_id", flat=True)
    )
    if any(lesson.pk not in done for lesson in lessons):
        return None
    best: dict[int, int] = {}
    for lesson_id, score in QuizAttempt.objects.filter(
        enrolment=enrolment, cycle=enrolment.cycle, passed=True
    ).values_list("lesson_id", "score"):
        best[lesson_id] = max(best.get(lesson_id, 0), score)
    today = timezone.localdate()
    accreditations = [
        {
            "register": a.register,
            "accreditation_id": a.accreditation_id,
            "points": str(a.effective_points(course.study_minutes)),
        }
        for a in course.accreditations.all()
        if a.is_valid_on(today)
    ]
    completion = Completion(
        user=enrolment.user,
        course=course,
        enrolment=enrolment,
        cycle=enrolment.cycle,
        code=new_certificate_code(),
        completed_on=today,
        expires_on=_add_months(today, course.validity_months) if course.validity_months else None,
        course_revision_id=course.live_revision_id,
        course_title=course.title,
        study_minutes=course.study_minutes,
        score=round(sum(best.values()) / len(best)) if best else 100,
        accreditations=accreditations,
    )
    completion.full_clean()
    completion.save()
    return completion


@transaction.atomic
def restart_course(*, user: Any, course: CoursePage) -> Enrolment:
    """Re-certification: a new cycle from a clean state. The old completion stays in
    the record (and shows as expired once it is)."""
    _check_member(user)
    enrolment = Enrolment.objects.select_for_update().get(user=user, course=course)
    latest = (
        Completion.objects.filter(enrolment=enrolment, cycle=enrolment.cycle)
        .order_by("-completed_on")
        .first()
    )
    if latest is None:
        return enrolment  # the current cycle is still open: nothing to reset
    if latest.expires_on is None or latest.expires_on - timezone.localdate() > (
        RENEWABLE_BEFORE_EXPIRY
    ):
        raise ValidationError(ERROR_NOT_YET_RENEWABLE)
    enrolment.cycle += 1
    enrolment.cycle_started_at = timezone.now()
    enrolment.full_clean()
    enrolment.save()
    return enrolment


def send_expiry_reminders(*, today: date | None = None) -> int:
    """E-mail each member whose latest completion of a course expires within 30 days,
    once per completion. Each mail is marked in its own transaction, so a crash half
    way sends no one a second mail for what was marked."""
    today = today or timezone.localdate()
    due = (
        Completion.objects.filter(
            reminder_sent_at__isnull=True,
            expires_on__gte=today,
            expires_on__lte=today + REMINDER_WINDOW,
            user__is_active=True,
        )
        .select_related("user", "enrolment")
        .order_by("expires_on", "pk")
    )
    sent = 0
    for completion in due:
        if completion.enrolment and completion.enrolment.cycle != completion.cycle:
            continue  # the member already started again
        with transaction.atomic():
            marked = Completion.objects.filter(
                pk=completion.pk, reminder_sent_at__isnull=True
            ).update(reminder_sent_at=timezone.now())
            if not marked:
                continue
            context = {
                "completion": completion,
                "site_url": settings.WAGTAILADMIN_BASE_URL,
            }
            with translation.override(settings.LANGUAGE_CODE):
                subject = render_to_string(
                    "courses/email/expiry_reminder_subject.txt", context
                ).strip()
                body = render_to_string("courses/email/expiry_reminder_body.txt", context)
            send_mail(subject, body, None, [completion.user.email])
            sent += 1
    return sent


# --- privacy rights -----------------------------------------------------------


def _iso(value: date | datetime | None) -> str | None:
    return value.isoformat() if value else None


def export_personal_data(user: Any) -> dict[str, Any]:
    return {
        "enrolments": [
            {
                "course": e.course.title,
                "started_at": _iso(e.started_at),
                "cycle": e.cycle,
                "lessons": [
                    {
                        "lesson": p.lesson.title,
                        "cycle": p.cycle,
                        "first_viewed_at": _iso(p.first_viewed_at),
                        "completed_at": _iso(p.completed_at),
                    }
                    for p in e.progress.all()
                ],
                "quiz_attempts": [
                    {
                        "lesson": a.lesson.title,
                        "cycle": a.cycle,
                        "at": _iso(a.created_at),
                        "score": a.score,
                        "passed": a.passed,
                        "answers": a.answers,
                    }
                    for a in e.attempts.all()
                ],
            }
            for e in Enrolment.objects.filter(user=user)
            .select_related("course")
            .prefetch_related("progress__lesson", "attempts__lesson")
        ],
        "certificates": [
            {
                "course": c.course_title,
                "code": c.code,
                "completed_on": _iso(c.completed_on),
                "expires_on": _iso(c.expires_on),
                "study_minutes": c.study_minutes,
                "accreditations": c.accreditations,
            }
            for c in Completion.objects.filter(user=user)
        ],
        "reflections": [
            {
                "course": r.course_title,
                "lesson": r.lesson_title,
                "prompt": r.prompt,
                "answer": r.answer,
                "minutes": round(r.seconds_spent / 60),
                "updated_at": _iso(r.updated_at),
            }
            for r in ReflectionAnswer.objects.filter(user=user)
        ],
    }


def erase_personal_data(user: Any) -> None:
    """Everything learning-related about the member goes: reflections, answers,
    progress and certificates (a certificate names its holder)."""
    ReflectionAnswer.objects.filter(user=user).delete()
    Completion.objects.filter(user=user).delete()
    Enrolment.objects.filter(user=user).delete()


def register_personal_data() -> None:
    from members import personal_data

    personal_data.register(
        personal_data.PersonalDataProvider(
            key="courses",
            label="Cursussen, certificaten en reflecties",
            export=export_personal_data,
            erase=erase_personal_data,
        )
    )
