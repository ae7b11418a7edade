"""Reads for course pages, lessons, the learning record and reports. Each runs a
fixed number of queries whatever the amount of data (pinned in tests)."""

from __future__ import annotations

import time
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from django.core import signing
from django.db.models import Count, Exists, F, OuterRef, Q, QuerySet
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from members.models import Profile
from members.permissions import can_use_members_area

from .models import (
    REGISTER_NUMBER_KEYS,
    Completion,
    CourseIndexPage,
    CoursePage,
    Enrolment,
    LessonPage,
    LessonProgress,
    QuizAttempt,
    ReflectionAnswer,
)

REFLECTION_SALT = "courses.reflection.started"
EXPIRING_WITHIN = timedelta(days=92)


def _member(user: Any) -> bool:
    return can_use_members_area(user)


# --- catalogue and course page -----------------------------------------------


@dataclass
class CourseCard:
    course: CoursePage
    lesson_count: int
    done_count: int = 0
    enrolled: bool = False
    completed: bool = False


def course_list(*, index: CourseIndexPage, user: Any) -> list[CourseCard]:
    courses = list(
        CoursePage.objects.child_of(index)
        .live()
        .order_by("path")
        .prefetch_related("accreditations")
    )
    depth = index.depth + 1
    counts: dict[str, int] = defaultdict(int)
    for path in LessonPage.objects.descendant_of(index).live().values_list("path", flat=True):
        counts[path[: depth * 4]] += 1
    cards = [CourseCard(course=c, lesson_count=counts[c.path]) for c in courses]
    if _member(user) and cards:
        enrolments = {
            e.course_id: e
            for e in Enrolment.objects.filter(user=user, course__in=courses).annotate(
                done=Count(
                    "progress",
                    filter=Q(progress__completed_at__isnull=False) & Q(progress__cycle=F("cycle")),
                )
            )
        }
        completed = set(
            Completion.objects.current()
            .filter(user=user, course__in=courses)
            .values_list("course_id", flat=True)
        )
        for card in cards:
            enrolment = enrolments.get(card.course.pk)
            if enrolment is not None:
                card.enrolled = True
                card.done_count = min(enrolment.done, card.lesson_count)
            card.completed = card.course.pk in completed
    return cards


def _anchor(position: str) -> str:
    return f"#blok-{position}" if position else ""


def course_overview(*, course: CoursePage, user: Any) -> dict[str, Any]:
    lessons = list(LessonPage.objects.child_of(course).live().order_by("path").defer_streamfields())
    context: dict[str, Any] = {
        "lessons": lessons,
        "accreditations": list(course.accreditations.all()),
        "prerequisites": list(course.prerequisites.live()),
        "enrolment": None,
        "done_ids": set(),
        "resume_url": "",
        "completions": [],
        "current_completion": None,
        "can_restart": False,
        "missing_prerequisites": [],
        "is_member": _member(user),
    }
    if not context["is_member"]:
        return context
    done_prerequisites = set(
        Completion.objects.current()
        .filter(user=user, course__in=context["prerequisites"])
        .values_list("course_id", flat=True)
    )
    context["missing_prerequisites"] = [
        c for c in context["prerequisites"] if c.pk not in done_prerequisites
    ]
    enrolment = Enrolment.objects.filter(user=user, course=course).first()
    if enrolment is None:
        return context
    progress = {
        p.lesson_id: p
        for p in LessonProgress.objects.filter(enrolment=enrolment, cycle=enrolment.cycle)
    }
    done_ids = {pk for pk, p in progress.items() if p.completed_at}
    completions = list(Completion.objects.filter(enrolment=enrolment).order_by("-cycle"))
    current = next((c for c in completions if c.cycle == enrolment.cycle), None)
    for lesson in lessons:
        if lesson.pk not in done_ids:
            seen = progress.get(lesson.pk)
            context["resume_url"] = lesson.url + _anchor(seen.position if seen else "")
            break
    today = timezone.localdate()
    context.update(
        enrolment=enrolment,
        done_ids=done_ids,
        done_count=len(done_ids & {lesson.pk for lesson in lessons}),
        completions=completions,
        current_completion=current,
        can_restart=current is not None
        and current.expires_on is not None
        and current.expires_on - today <= timedelta(days=91),
    )
    return context


# --- lesson page ---------------------------------------------------------------


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


def _scenario_state(block: Any, path: list[list[int]]) -> dict[str, Any]:
    steps = block.value["steps"]
    history = []
    for step, choice in path:
        if not 1 <= step <= len(steps) or not 0 <= choice < len(steps[step - 1]["choices"]):
            break
        chosen = steps[step - 1]["choices"][choice]
        history.append(
            {
                "number": step,
                "text": steps[step - 1]["text"],
                "choice": chosen["label"],
                "consequence": chosen["consequence"],
            }
        )
    current_number: int | None = 1
    if path:
        step, choice = path[-1]
        try:
            following = steps[step - 1]["choices"][choice]["next_step"]
        except (IndexError, TypeError):
            following = 0
        current_number = following if 1 <= following <= len(steps) else None
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
) -> dict[str, Any]:
    course = CoursePage.objects.get(pk=lesson.get_parent().pk)
    siblings = list(
        LessonPage.objects.child_of(course).live().order_by("path").defer_streamfields()
    )
    position = next((i for i, s in enumerate(siblings) if s.pk == lesson.pk), None)
    enrolment = progress = attempt = None
    reflections: dict[str, ReflectionAnswer] = {}
    if _member(user):
        enrolment = Enrolment.objects.filter(user=user, course=course).first()
        reflections = {
            r.block_id: r for r in ReflectionAnswer.objects.filter(user=user, lesson=lesson)
        }
    if enrolment is not None:
        progress = LessonProgress.objects.filter(
            enrolment=enrolment, lesson=lesson, cycle=enrolment.cycle
        ).first()
        attempt = (
            QuizAttempt.objects.filter(enrolment=enrolment, lesson=lesson, cycle=enrolment.cycle)
            .order_by("-created_at", "-id")
            .first()
        )
    shown_attempt = None if (retake or posted_answers is not None) else attempt
    paths = progress.scenario_paths if progress else {}
    token = reflection_token()
    items = []
    question_number = 0
    first_question = ""
    for block in lesson.body:
        item = BlockItem(block=block, anchor=f"blok-{block.id}")
        if block.block_type == "question":
            question_number += 1
            first_question = first_question or block.id
            item.state = _question_state(block, question_number, shown_attempt, posted_answers)
        elif block.block_type == "scenario":
            item.state = _scenario_state(block, paths.get(block.id, []))
        elif block.block_type == "reflection":
            saved = reflections.get(block.id)
            item.state = {"answer": saved.answer if saved else "", "token": token}
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


# --- learning record -----------------------------------------------------------


def learning_record(*, user: Any, today: date | None = None) -> dict[str, Any]:
    today = today or timezone.localdate()
    completions = list(Completion.objects.filter(user=user).order_by("-completed_on", "-id"))
    latest_per_course: dict[Any, Completion] = {}
    for completion in completions:
        latest_per_course.setdefault(completion.course_id or completion.course_title, completion)
    per_year: dict[int, dict[str, Decimal]] = defaultdict(lambda: defaultdict(Decimal))
    totals: dict[str, Decimal] = defaultdict(Decimal)
    for completion in completions:
        completion.expired = completion.is_expired(today)
        completion.superseded = (
            latest_per_course.get(completion.course_id or completion.course_title) is not completion
        )
        for item in completion.accreditations:
            per_year[completion.completed_on.year][item["register"]] += Decimal(item["points"])
            totals[item["register"]] += Decimal(item["points"])
    expiring = [
        c
        for c in latest_per_course.values()
        if c.expires_on is not None and today <= c.expires_on <= today + EXPIRING_WITHIN
    ]
    registers = sorted(totals)
    reflections = list(ReflectionAnswer.objects.filter(user=user).order_by("-updated_at"))
    return {
        "completions": completions,
        "registers": registers,
        "per_year": [
            {"year": year, "points": [per_year[year].get(r, Decimal(0)) for r in registers]}
            for year in sorted(per_year, reverse=True)
        ],
        "totals": [totals[r] for r in registers],
        "expiring": sorted(expiring, key=lambda c: c.expires_on),
        "reflections": reflections,
        "reflection_minutes": round(sum(r.seconds_spent for r in reflections) / 60),
    }


def completion_for_owner(*, user: Any, code: str) -> Completion | None:
    return Completion.objects.filter(user=user, code=code).select_related("user__profile").first()


def completion_by_code(code: str) -> Completion | None:
    return Completion.objects.filter(code=code.strip().upper()).select_related("user").first()


def holder_name(user: Any) -> str:
    profile = getattr(user, "profile", None)
    return (profile.display_name if profile else "") or user.get_full_name() or ""


# --- coordinator reports -----------------------------------------------------------


@dataclass
class ReportRow:
    course: CoursePage
    enrolled: int = 0
    completed: int = 0
    expired: int = 0

    @property
    def in_progress(self) -> int:
        return max(0, self.enrolled - self.completed - self.expired)

    @property
    def rate(self) -> int:
        return round(100 * self.completed / self.enrolled) if self.enrolled else 0


def _in_scope(queryset: QuerySet, org_ids: frozenset[int] | None, path: str) -> QuerySet:
    if org_ids is None:
        return queryset
    return queryset.filter(**{f"{path}__in": org_ids})


def organisation_report(
    *,
    org_ids: frozenset[int] | None,
    start: date,
    end: date,
    course: CoursePage | None = None,
    today: date | None = None,
) -> dict[str, Any]:
    """Counts per course for the members of the given organisations: enrolled
    (started on or before the end of the period), completed in the period and still
    valid, expired, in progress. Counts only: no answers, no reflections."""
    today = today or timezone.localdate()
    courses = list(CoursePage.objects.live().order_by("path"))
    if course is not None:
        courses = [c for c in courses if c.pk == course.pk]
    completions = Completion.objects.filter(enrolment=OuterRef("pk"))
    enrolments = _in_scope(
        Enrolment.objects.filter(started_at__date__lte=end, course__in=courses),
        org_ids,
        "user__profile__organisation_id",
    ).annotate(
        has_current=Exists(
            completions.filter(completed_on__range=(start, end)).filter(
                Q(expires_on__isnull=True) | Q(expires_on__gte=today)
            )
        ),
        has_any_current=Exists(
            completions.filter(Q(expires_on__isnull=True) | Q(expires_on__gte=today))
        ),
        has_expired=Exists(completions.filter(expires_on__lt=today)),
    )
    counts = {
        row["course_id"]: row
        for row in enrolments.values("course_id").annotate(
            enrolled=Count("pk"),
            completed=Count("pk", filter=Q(has_current=True)),
            expired=Count("pk", filter=Q(has_expired=True, has_any_current=False)),
        )
    }
    rows = []
    for c in courses:
        data = counts.get(c.pk, {})
        rows.append(
            ReportRow(
                course=c,
                enrolled=data.get("enrolled", 0),
                completed=data.get("completed", 0),
                expired=data.get("expired", 0),
            )
        )
    members = _in_scope(
        Profile.objects.filter(status="approved", user__is_active=True), org_ids, "organisation_id"
    ).count()
    return {"rows": rows, "member_count": members}


@dataclass
class AttendanceLine:
    name: str
    register_number: str
    accreditation_id: str
    completed_on: date
    points: str
    code: str


def attendance_list(
    *,
    org_ids: frozenset[int] | None,
    course: CoursePage,
    register: str,
    start: date,
    end: date,
) -> list[AttendanceLine]:
    """The list a provider hands to a register: who completed the course in the
    period, with their number in that register and the points."""
    completions = _in_scope(
        Completion.objects.filter(course=course, completed_on__range=(start, end)),
        org_ids,
        "user__profile__organisation_id",
    ).select_related("user__profile")
    lines = []
    keys = REGISTER_NUMBER_KEYS.get(register, (register,))
    for completion in completions.order_by("completed_on", "pk"):
        item = next((a for a in completion.accreditations if a["register"] == register), None)
        if item is None:
            continue
        numbers = completion.user.profile.register_numbers
        number = next((numbers[k] for k in keys if numbers.get(k)), "")
        lines.append(
            AttendanceLine(
                name=holder_name(completion.user),
                register_number=number,
                accreditation_id=item["accreditation_id"],
                completed_on=completion.completed_on,
                points=item["points"],
                code=completion.code,
            )
        )
    return lines


# --- the home page's sections ------------------------------------------------


def courses_in_progress(*, user: Any) -> list[dict[str, str]]:
    """Each started, not yet completed course with a link to exactly where the
    learner stopped ("Verder waar je was"). Four queries, whatever the number of
    courses and lessons."""
    if not _member(user):
        return []
    enrolments = list(
        Enrolment.objects.filter(user=user, course__live=True).select_related("course")
    )
    if not enrolments:
        return []
    courses = [e.course for e in enrolments]
    completed = set(
        Completion.objects.current()
        .filter(user=user, enrolment__in=enrolments, cycle=F("enrolment__cycle"))
        .values_list("enrolment_id", flat=True)
    )
    paths = Q()
    for course in courses:
        paths |= Q(path__startswith=course.path, depth=course.depth + 1)
    lessons = list(LessonPage.objects.live().filter(paths).order_by("path").defer_streamfields())
    progress = {
        (p.enrolment_id, p.lesson_id): p
        for p in LessonProgress.objects.filter(
            enrolment__in=enrolments, cycle=F("enrolment__cycle")
        )
    }
    items = []
    for enrolment in enrolments:
        if enrolment.pk in completed:
            continue
        own = [lesson for lesson in lessons if lesson.path.startswith(enrolment.course.path)]
        done = [
            lesson
            for lesson in own
            if (seen := progress.get((enrolment.pk, lesson.pk))) and seen.completed_at
        ]
        next_lesson = next((lesson for lesson in own if lesson not in done), None)
        if next_lesson is None:
            continue
        seen = progress.get((enrolment.pk, next_lesson.pk))
        items.append(
            {
                "title": enrolment.course.title,
                "url": next_lesson.url + _anchor(seen.position if seen else ""),
                "note": _("%(done)s van %(total)s lessen") % {"done": len(done), "total": len(own)},
            }
        )
    return items


def expiring_certificates(*, user: Any, today: date | None = None) -> list[dict[str, str]]:
    if not _member(user):
        return []
    today = today or timezone.localdate()
    completions = Completion.objects.filter(
        user=user, expires_on__gte=today, expires_on__lte=today + EXPIRING_WITHIN
    ).order_by("expires_on")
    return [
        {
            "title": completion.course_title,
            "url": completion.course.url if completion.course_id and completion.course else "",
            "note": _("geldig tot %(date)s")
            % {"date": date_format(completion.expires_on, "j F Y")},
        }
        for completion in completions.select_related("course")
    ]
