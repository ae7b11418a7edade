"""Courses as Wagtail pages (content) and the learner's records (progress,
attempts, completions, reflections) as plain models.

Pages: CourseIndexPage -> CoursePage -> LessonPage. A CoursePage carries one
accreditation per register. Records never point at a page revision's content:
a Completion keeps what the learner took (title, version, study time, points)
so that later edits to the course do not change it."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from members.models import Profession

from .blocks import LessonStreamBlock


class Register(models.TextChoices):
    SKJ = "SKJ", _("SKJ (Stichting Kwaliteitsregister Jeugd)")
    REGISTERPLEIN = "Registerplein", _("Registerplein")
    VVN = "V&VN", _("V&VN Kwaliteitsregister")


# Which profile number a register asks for on its attendance list.
REGISTER_NUMBER_KEYS = {
    Register.SKJ: ("SKJ",),
    Register.REGISTERPLEIN: ("Registerplein",),
    Register.VVN: ("V&VN", "BIG"),
}

ERROR_SKJ_NEEDS_TEST = _(
    "Een cursus met SKJ-accreditatie moet een toets hebben: voeg eerst een les met minstens "
    "één kennisvraag toe (SKJ eist een afsluitende toets bij e-learning)."
)
ERROR_DUPLICATE_REGISTER = _("Per register hoort één accreditatie.")


class CourseIndexPage(Page):
    """The course catalogue."""

    intro = models.TextField(_("introductie"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["leerwerkplaats.HomePage"]
    subpage_types = ["courses.CoursePage"]
    max_count = 1

    class Meta:
        verbose_name = _("cursusoverzicht")
        verbose_name_plural = _("cursusoverzichten")

    def get_context(self, request: HttpRequest, *args: Any, **kwargs: Any) -> dict[str, Any]:
        from . import selectors

        context = super().get_context(request, *args, **kwargs)
        context["courses"] = selectors.course_list(index=self, user=request.user)
        return context


class CoursePageForm(WagtailAdminPageForm):
    target_professions = forms.MultipleChoiceField(
        label=_("doelgroep"),
        choices=Profession.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        formset = self.formsets.get("accreditations")
        registers = []
        if formset is not None:
            for form in formset.forms:
                if not form.is_valid() or form.cleaned_data.get("DELETE"):
                    continue
                register = form.cleaned_data.get("register")
                if register:
                    registers.append(register)
        if len(registers) != len(set(registers)):
            self.add_error(None, ERROR_DUPLICATE_REGISTER)
        publishing = "action-publish" in self.data
        if (
            publishing
            and Register.SKJ in registers
            and not (self.instance.pk and self.instance.has_scored_test())
        ):
            self.add_error(None, ERROR_SKJ_NEEDS_TEST)
        return cleaned


class CoursePage(Page):
    """One course: what it is for, who it is for, how long it takes, when it is
    passed, how long a completion holds, and its accreditations."""

    summary = models.TextField(_("samenvatting"), help_text=_("Twee of drie zinnen."))
    learning_goals = RichTextField(
        _("leerdoelen"), features=["bold", "italic", "ul", "ol", "link"], blank=True
    )
    target_professions = models.JSONField(_("doelgroep"), default=list, blank=True)
    study_minutes = models.PositiveIntegerField(
        _("netto studietijd (minuten)"),
        validators=[MinValueValidator(1)],
        help_text=_("De netto tijd die de cursus kost. Eén netto uur is één accreditatiepunt."),
    )
    pass_mark = models.PositiveSmallIntegerField(
        _("cesuur (procent goed)"),
        default=70,
        validators=[MinValueValidator(1), MaxValueValidator(100)],
        help_text=_("Het deel van de vragen van een les dat goed moet zijn om de toets te halen."),
    )
    validity_months = models.PositiveSmallIntegerField(
        _("geldigheid (maanden)"),
        null=True,
        blank=True,
        default=24,
        help_text=_("Na zoveel maanden verloopt een afronding. Leeg: verloopt nooit."),
    )
    prerequisites = ParentalManyToManyField(
        "self",
        verbose_name=_("voorkennis: eerst afronden"),
        symmetrical=False,
        blank=True,
        related_name="required_for",
    )

    base_form_class = CoursePageForm
    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        FieldPanel("learning_goals"),
        FieldPanel("target_professions"),
        MultiFieldPanel(
            [
                FieldPanel("study_minutes"),
                FieldPanel("pass_mark"),
                FieldPanel("validity_months"),
                FieldPanel("prerequisites", widget=forms.CheckboxSelectMultiple),
            ],
            heading=_("Afronding"),
        ),
        InlinePanel("accreditations", label=_("accreditatie"), heading=_("Accreditaties")),
    ]
    search_fields = [*Page.search_fields, index.SearchField("summary")]
    parent_page_types = ["courses.CourseIndexPage"]
    subpage_types = ["courses.LessonPage"]

    class Meta:
        verbose_name = _("cursus")
        verbose_name_plural = _("cursussen")

    def clean(self) -> None:
        super().clean()
        # Publishing through a workflow does not pass the admin form: check again.
        if (
            self.live
            and self.pk
            and any(a.register == Register.SKJ for a in self.accreditations.all())
            and not self.has_scored_test()
        ):
            raise ValidationError(ERROR_SKJ_NEEDS_TEST)

    def has_scored_test(self) -> bool:
        return any(
            lesson.question_blocks()
            for lesson in LessonPage.objects.child_of(self).specific(defer=False)
        )

    @property
    def study_hours(self) -> Decimal:
        return (Decimal(self.study_minutes) / 60).quantize(Decimal("0.1"))

    def get_context(self, request: HttpRequest, *args: Any, **kwargs: Any) -> dict[str, Any]:
        from . import selectors

        context = super().get_context(request, *args, **kwargs)
        context.update(selectors.course_overview(course=self, user=request.user))
        return context

    def serve(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        from . import views

        if request.method == "POST":
            return views.course_action(request, self)
        return super().serve(request, *args, **kwargs)


class CourseAccreditation(Orderable):
    """The course's accreditation with one register."""

    page = ParentalKey(CoursePage, on_delete=models.CASCADE, related_name="accreditations")
    register = models.CharField(_("register"), max_length=20, choices=Register.choices)
    accreditation_id = models.CharField(
        _("accreditatienummer"),
        max_length=60,
        help_text=_("Het nummer dat het register aan deze cursus gaf; deelnemers geven het op."),
    )
    points = models.DecimalField(
        _("punten"),
        max_digits=5,
        decimal_places=1,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0"))],
        help_text=_("Leeg: één punt per netto uur studietijd."),
    )
    valid_from = models.DateField(_("geldig vanaf"))
    valid_until = models.DateField(_("geldig tot en met"))

    panels = [
        FieldPanel("register"),
        FieldPanel("accreditation_id"),
        FieldPanel("points"),
        FieldPanel("valid_from"),
        FieldPanel("valid_until"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("accreditatie")
        verbose_name_plural = _("accreditaties")

    def __str__(self) -> str:
        return f"{self.register} {self.accreditation_id}"

    def clean(self) -> None:
        if self.valid_from and self.valid_until and self.valid_until < self.valid_from:
            raise ValidationError({"valid_until": _("Het einde ligt vóór het begin.")})

    def effective_points(self, study_minutes: int) -> Decimal:
        if self.points is not None:
            return self.points
        return (Decimal(study_minutes) / 60).quantize(Decimal("0.1"))

    @property
    def course_points(self) -> Decimal:
        return self.effective_points(self.page.study_minutes)

    def is_valid_on(self, day: Any) -> bool:
        return self.valid_from <= day <= self.valid_until


class LessonPage(Page):
    intro = models.TextField(_("introductie"), blank=True)
    body = StreamField(LessonStreamBlock(), verbose_name=_("inhoud"))

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]
    search_fields = [*Page.search_fields, index.SearchField("intro"), index.SearchField("body")]
    parent_page_types = ["courses.CoursePage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("les")
        verbose_name_plural = _("lessen")

    def question_blocks(self) -> list[Any]:
        return [block for block in self.body if block.block_type == "question"]

    def block_by_id(self, block_id: str, block_type: str | None = None) -> Any | None:
        for block in self.body:
            if block.id == block_id and (block_type is None or block.block_type == block_type):
                return block
        return None

    def get_context(self, request: HttpRequest, *args: Any, **kwargs: Any) -> dict[str, Any]:
        from . import selectors

        context = super().get_context(request, *args, **kwargs)
        context.update(
            selectors.lesson_state(
                lesson=self,
                user=request.user,
                retake=kwargs.get("retake", False),
                posted_answers=kwargs.get("posted_answers"),
                quiz_error=kwargs.get("quiz_error", ""),
            )
        )
        return context

    def serve(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        from . import views

        return views.serve_lesson(request, self, *args, **kwargs)


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
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("toetspoging")
        verbose_name_plural = _("toetspogingen")
        ordering = ("-created_at", "-id")
        indexes = [models.Index(fields=["enrolment", "lesson", "cycle"])]

    def __str__(self) -> str:
        return f"{self.lesson_id}: {self.score}%"


class CompletionQuerySet(models.QuerySet["Completion"]):
    def current(self, today: Any = None) -> CompletionQuerySet:
        today = today or timezone.localdate()
        return self.filter(models.Q(expires_on__isnull=True) | models.Q(expires_on__gte=today))

    def expired(self, today: Any = None) -> CompletionQuerySet:
        today = today or timezone.localdate()
        return self.filter(expires_on__lt=today)


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
    # [{"register": "SKJ", "accreditation_id": "...", "points": "2.0"}]
    accreditations = models.JSONField(default=list, blank=True)
    reminder_sent_at = models.DateTimeField(null=True, blank=True)

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

    def is_expired(self, today: Any = None) -> bool:
        today = today or timezone.localdate()
        return self.expires_on is not None and self.expires_on < today

    @property
    def study_hours(self) -> Decimal:
        return (Decimal(self.study_minutes) / 60).quantize(Decimal("0.1"))


class ReflectionAnswer(models.Model):
    """Private: shown to the learner only, in their own record; never in a report."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reflection_answers"
    )
    lesson = models.ForeignKey(LessonPage, on_delete=models.SET_NULL, null=True, related_name="+")
    block_id = models.CharField(max_length=64)
    course_title = models.CharField(max_length=255)
    lesson_title = models.CharField(max_length=255)
    prompt = models.TextField()
    answer = models.TextField(_("antwoord"))
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
