"""The learner's records as plain models: enrolment, progress, quiz attempts,
completions (the certificates) and private reflections.

Records never point at a page revision's content: a Completion keeps what the
learner took (title, version, study time, points) and who took it (the holder's
name and register numbers at issue time), so later edits to the course or the
profile do not change it."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .. import rules
from .pages import CoursePage, LessonPage


class Enrolment(models.Model):
    """A member takes a course. `cycle` counts the times they started it from a
    clean state: re-certification after expiry starts a new cycle, and progress
    and attempts of an earlier cycle no longer count."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="enrolments"
    )
    course = models.ForeignKey(CoursePage, on_delete=models.CASCADE, related_name="enrolments")
    cycle = models.PositiveSmallIntegerField(_("ronde"), default=1)
    started_at = models.DateTimeField(_("gestart op"), default=timezone.now)
    cycle_started_at = models.DateTimeField(_("ronde gestart op"), default=timezone.now)

    class Meta:
        verbose_name = _("inschrijving")
        verbose_name_plural = _("inschrijvingen")
        constraints = [
            models.UniqueConstraint(fields=["user", "course"], name="courses_one_enrolment")
        ]

    def __str__(self) -> str:
        return f"{self.user_id} / {self.course_id} ({self.cycle})"


class LessonProgress(models.Model):
    enrolment = models.ForeignKey(Enrolment, on_delete=models.CASCADE, related_name="progress")
    lesson = models.ForeignKey(LessonPage, on_delete=models.CASCADE, related_name="+")
    cycle = models.PositiveSmallIntegerField()
    first_viewed_at = models.DateTimeField(default=timezone.now)
    last_viewed_at = models.DateTimeField(default=timezone.now)
    completed_at = models.DateTimeField(null=True, blank=True)
    # Where the learner stopped: a block id, or "<block id>-stap-<n>" inside a scenario.
    position = models.CharField(max_length=80, blank=True)
    # Scenario paths: {block id: [[step, choice], ...]}.
    scenario_paths = models.JSONField(default=dict, blank=True)

    class Meta:
        verbose_name = _("voortgang in een les")
        verbose_name_plural = _("voortgang in lessen")
        constraints = [
            models.UniqueConstraint(
                fields=["enrolment", "lesson", "cycle"], name="courses_one_progress_per_cycle"
            )
        ]

    def __str__(self) -> str:
        return f"{self.enrolment_id} / {self.lesson_id}"


class QuizAttempt(models.Model):
    """One submission of a lesson's knowledge questions, graded on the server."""

    enrolment = models.ForeignKey(Enrolment, on_delete=models.CASCADE, related_name="attempts")
    lesson = models.ForeignKey(LessonPage, on_delete=models.CASCADE, related_name="+")
    cycle = models.PositiveSmallIntegerField()
    # {question block id: [chosen option indexes]}
    answers = models.JSONField(default=dict)
    # {question block id: true/false}
    results = models.JSONField(default=dict)
    score = models.PositiveSmallIntegerField(_("score (procent)"))
    passed = models.BooleanField(_("gehaald"))
    # The attempt's number in its cycle (1 = the first attempt) and the question block
    # ids it asked, in the order it showed them (courses.rules.draw_questions).
    number = models.PositiveSmallIntegerField(_("poging"), default=1)
    questions = models.JSONField(default=list, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("toetspoging")
        verbose_name_plural = _("toetspogingen")
        ordering = ("-created_at", "-id")
        indexes = [models.Index(fields=["enrolment", "lesson", "cycle"])]

    def __str__(self) -> str:
        return f"{self.lesson_id}: {self.score}%"


def still_valid(today: date | None = None, prefix: str = "") -> models.Q:
    """ "Still valid" as a filter: never expires, or expires today or later. `prefix`
    reaches a completion through a relation (e.g. "completions__")."""
    today = today or timezone.localdate()
    return models.Q(**{f"{prefix}expires_on__isnull": True}) | models.Q(
        **{f"{prefix}expires_on__gte": today}
    )


class CompletionQuerySet(models.QuerySet["Completion"]):
    def current(self, today: date | None = None) -> CompletionQuerySet:
        """Still valid (not expired) today."""
        return self.filter(still_valid(today))

    def expired(self, today: date | None = None) -> CompletionQuerySet:
        today = today or timezone.localdate()
        return self.filter(expires_on__lt=today)

    def of_current_cycle(self) -> CompletionQuerySet:
        """The enrolment's current completion: the one of the cycle the learner is in
        now. A completion of an earlier cycle was superseded by starting again."""
        return self.filter(enrolment__isnull=False, cycle=models.F("enrolment__cycle"))

    def expiring(self, today: date | None = None) -> CompletionQuerySet:
        """Inside the renewal window and not yet expired (`rules.is_expiring`)."""
        return self.filter(expires_on__range=rules.expiring_range(today or timezone.localdate()))


class Completion(models.Model):
    """A course passed: the certificate. It keeps what was taken (version, title,
    study time, points per register), so later edits to the course leave it as it was."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="completions"
    )
    course = models.ForeignKey(
        CoursePage, on_delete=models.SET_NULL, null=True, related_name="completions"
    )
    enrolment = models.ForeignKey(
        Enrolment, on_delete=models.SET_NULL, null=True, related_name="completions"
    )
    cycle = models.PositiveSmallIntegerField()
    code = models.CharField(_("certificaatcode"), max_length=20, unique=True)
    completed_on = models.DateField(_("afgerond op"))
    completed_at = models.DateTimeField(default=timezone.now)
    expires_on = models.DateField(_("geldig tot"), null=True, blank=True)
    course_revision_id = models.PositiveIntegerField(_("versie"), null=True, blank=True)
    course_title = models.CharField(_("cursus"), max_length=255)
    study_minutes = models.PositiveIntegerField(_("netto studietijd (minuten)"))
    score = models.PositiveSmallIntegerField(_("gemiddelde score (procent)"), default=0)
    # The average score of each lesson's first attempt: what the learner knew before
    # retaking, reported beside the final score.
    first_score = models.PositiveSmallIntegerField(
        _("score bij de eerste poging (procent)"), null=True, blank=True
    )
    # [{"register": "SKJ", "accreditation_id": "...", "points": "2.0"}]
    accreditations = models.JSONField(default=list, blank=True)
    reminder_sent_at = models.DateTimeField(null=True, blank=True)
    # Who the certificate was issued to, fixed at issue time: renaming the profile later
    # changes neither the PDF, the verification page nor the attendance list. A correction
    # goes through courses.services.correct_certificate_holder (audited).
    holder_name = models.CharField(_("naam van de houder"), max_length=150, blank=True)
    # {register: number} as on the profile at issue time, e.g. {"SKJ": "100012345"}.
    holder_register_numbers = models.JSONField(_("registratienummers"), default=dict, blank=True)

    objects = CompletionQuerySet.as_manager()

    class Meta:
        verbose_name = _("afronding")
        verbose_name_plural = _("afrondingen")
        ordering = ("-completed_on", "-id")
        constraints = [
            models.UniqueConstraint(
                fields=["enrolment", "cycle"], name="courses_one_completion_per_cycle"
            )
        ]
        indexes = [models.Index(fields=["expires_on"])]

    def __str__(self) -> str:
        return f"{self.course_title} ({self.code})"

    def is_expired(self, today: date | None = None) -> bool:
        today = today or timezone.localdate()
        return self.expires_on is not None and self.expires_on < today

    def is_of_current_cycle(self, enrolment: Enrolment) -> bool:
        """In-memory form of `CompletionQuerySet.of_current_cycle()`."""
        return self.enrolment_id == enrolment.pk and self.cycle == enrolment.cycle

    def is_renewable(self, today: date | None = None) -> bool:
        return rules.is_renewable(self.expires_on, today or timezone.localdate())

    def is_expiring(self, today: date | None = None) -> bool:
        return rules.is_expiring(self.expires_on, today or timezone.localdate())

    @property
    def study_hours(self) -> Decimal:
        return rules.study_hours(self.study_minutes)


class ReflectionAnswer(models.Model):
    """Private: shown to the learner only, in their own record; never in a report."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reflection_answers"
    )
    lesson = models.ForeignKey(LessonPage, on_delete=models.SET_NULL, null=True, related_name="+")
    block_id = models.CharField(max_length=64)
    course_title = models.CharField(max_length=255)
    lesson_title = models.CharField(max_length=255)
    prompt = models.TextField(max_length=rules.PROMPT_MAX_CHARS)
    answer = models.TextField(_("antwoord"), max_length=rules.REFLECTION_MAX_CHARS)
    seconds_spent = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("reflectie")
        verbose_name_plural = _("reflecties")
        ordering = ("-updated_at",)
        constraints = [
            models.UniqueConstraint(
                fields=["user", "lesson", "block_id"], name="courses_one_reflection_per_block"
            )
        ]

    def __str__(self) -> str:
        return f"{self.lesson_title}: {self.prompt[:40]}"
