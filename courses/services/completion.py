"""Completion and certificates: issue a certificate when a course is done, start
again to re-certify, remind before expiry, correct a certificate's holder."""

from __future__ import annotations

import secrets
from calendar import monthrange
from datetime import date, timedelta
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from members.services import record_event

from ..models import Completion, CoursePage, Enrolment, LessonPage, LessonProgress, QuizAttempt
from ..selectors.record import member_name, member_register_numbers
from .membership import check_member

ERROR_NOT_YET_RENEWABLE = _(
    "Je certificaat is nog geldig. Opnieuw certificeren kan vanaf drie maanden voor de vervaldatum."
)

ERROR_CORRECTION_NEEDS_REASON = _("Geef de reden van de correctie.")
ERROR_CORRECTION_REASON_TOO_LONG = _("De reden is te lang: maximaal %(max)s tekens.")
ERROR_BAD_REGISTER_NUMBER = _("Onbekend register of te lang nummer: %(register)s.")
# The numbers a profile holds (members.models.Profile.register_numbers), as long as
# the profile allows them; the audit log keeps a reason of up to 500 characters.
HOLDER_NUMBER_KEYS = ("SKJ", "Registerplein", "BIG", "V&VN")
REGISTER_NUMBER_MAX_CHARS = 20
CORRECTION_REASON_MAX_CHARS = 500
AUDIT_CERTIFICATE_CORRECTED = "certificate.corrected"

REMINDER_WINDOW = timedelta(days=30)
CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"


def new_certificate_code() -> str:
    """HG-XXXX-XXXX-XXXX: 60 random bits, no 0/O or 1/I to mistype."""
    groups = ["".join(secrets.choice(CODE_ALPHABET) for _ in range(4)) for _ in range(3)]
    return "HG-" + "-".join(groups)


def live_lessons(course: CoursePage) -> list[LessonPage]:
    return list(LessonPage.objects.child_of(course).live().order_by("path"))


def _add_months(day: date, months: int) -> date:
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return day.replace(year=year, month=month, day=min(day.day, monthrange(year, month)[1]))


def complete_course_if_done(*, enrolment: Enrolment, course: CoursePage) -> Completion | None:
    """Write the Completion once every live lesson of the course is done in this
    cycle (which includes every quiz passed). Called inside the caller's transaction."""
    if Completion.objects.filter(enrolment=enrolment).of_current_cycle().exists():
        return None
    # Ids only: which lessons are done needs none of their bodies.
    lesson_ids = set(LessonPage.objects.child_of(course).live().values_list("pk", flat=True))
    if not lesson_ids:
        return None
    done = set(
        LessonProgress.objects.filter(
            enrolment=enrolment, cycle=enrolment.cycle, completed_at__isnull=False
        ).values_list("lesson_id", flat=True)
    )
    if not lesson_ids <= done:
        return None
    best: dict[int, int] = {}
    first: dict[int, tuple[int, int]] = {}
    for lesson_id, score, passed, number in QuizAttempt.objects.filter(
        enrolment=enrolment, cycle=enrolment.cycle
    ).values_list("lesson_id", "score", "passed", "number"):
        if passed:
            best[lesson_id] = max(best.get(lesson_id, 0), score)
        if lesson_id not in first or number < first[lesson_id][0]:
            first[lesson_id] = (number, score)
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
        first_score=round(sum(score for _n, score in first.values()) / len(first))
        if first
        else None,
        accreditations=accreditations,
        holder_name=member_name(enrolment.user),
        holder_register_numbers=member_register_numbers(enrolment.user),
    )
    completion.full_clean()
    completion.save()
    return completion


@transaction.atomic
def restart_course(*, user: Any, course: CoursePage) -> Enrolment:
    """Re-certification: a new cycle from a clean state. The old completion stays in
    the record (and shows as expired once it is)."""
    check_member(user)
    enrolment = Enrolment.objects.select_for_update().get(user=user, course=course)
    latest = Completion.objects.filter(enrolment=enrolment).of_current_cycle().first()
    if latest is None:
        return enrolment  # the current cycle is still open: nothing to reset
    if not latest.is_renewable(timezone.localdate()):
        raise ValidationError(ERROR_NOT_YET_RENEWABLE)
    enrolment.cycle += 1
    enrolment.cycle_started_at = timezone.now()
    enrolment.full_clean()
    enrolment.save()
    return enrolment


@transaction.atomic
def correct_certificate_holder(
    *, actor: Any, completion: Completion, name: str, register_numbers: dict[str, str], reason: str
) -> Completion:
    """Correct the name or register numbers a certificate was issued to (a register
    accepted a correction). The only way to change them after issue; every change
    leaves a line in the members' audit log with the reason."""
    if not reason.strip():
        raise ValidationError(ERROR_CORRECTION_NEEDS_REASON)
    if len(reason.strip()) > CORRECTION_REASON_MAX_CHARS:
        raise ValidationError(
            ERROR_CORRECTION_REASON_TOO_LONG, params={"max": CORRECTION_REASON_MAX_CHARS}
        )
    for register, number in register_numbers.items():
        if register not in HOLDER_NUMBER_KEYS or len(number.strip()) > REGISTER_NUMBER_MAX_CHARS:
            raise ValidationError(ERROR_BAD_REGISTER_NUMBER, params={"register": register})
    completion = Completion.objects.select_for_update().get(pk=completion.pk)
    completion.holder_name = name.strip()
    completion.holder_register_numbers = {
        register: number.strip() for register, number in register_numbers.items() if number.strip()
    }
    completion.full_clean()
    completion.save(update_fields=["holder_name", "holder_register_numbers"])
    record_event(
        action=AUDIT_CERTIFICATE_CORRECTED,
        actor=actor,
        subject=completion.user,
        obj=completion,
        reason=reason.strip(),
    )
    return completion


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
        if completion.enrolment and not completion.is_of_current_cycle(completion.enrolment):
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


PROFILE_NUMBER_FIELDS = {
    "SKJ": "skj_number",
    "Registerplein": "registerplein_number",
    "BIG": "big_number",
    "V&VN": "vvn_number",
}
ERROR_NUMBER_ALREADY_SET = _(
    "Dit certificaat heeft al een nummer voor dit register. Klopt het niet? Vraag de "
    "beheerder om een correctie."
)


@transaction.atomic
def add_missing_register_number(
    *, user: Any, completion: Completion, register: str, number: str
) -> Completion:
    """The holder adds a register number they had not yet given (asked for on the
    completion page): it goes on their profile when that has none, and on this
    certificate, which had none for that register. Never changes a number already
    there (that is a correction: `correct_certificate_holder`). Audited."""
    check_member(user)
    number = number.strip()
    field = PROFILE_NUMBER_FIELDS.get(register)
    if field is None or not number or len(number) > REGISTER_NUMBER_MAX_CHARS:
        raise ValidationError(ERROR_BAD_REGISTER_NUMBER, params={"register": register})
    completion = Completion.objects.select_for_update().get(pk=completion.pk, user=user)
    if completion.holder_register_numbers.get(register):
        raise ValidationError(ERROR_NUMBER_ALREADY_SET)
    profile = user.profile
    if not getattr(profile, field):
        setattr(profile, field, number)
        profile.full_clean()
        profile.save(update_fields=[field])
    completion.holder_register_numbers = {**completion.holder_register_numbers, register: number}
    completion.full_clean()
    completion.save(update_fields=["holder_register_numbers"])
    record_event(
        action=AUDIT_CERTIFICATE_CORRECTED,
        actor=user,
        subject=user,
        obj=completion,
        reason=f"{register}-nummer aangevuld door de houder",
    )
    return completion
