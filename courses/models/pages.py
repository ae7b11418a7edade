"""Courses as Wagtail pages: the catalogue, a course with its accreditations, and
its lessons.

Pages: CourseIndexPage -> CoursePage -> LessonPage. A CoursePage carries one
accreditation per register. What a page shows a learner (progress, quiz state) is
read by `courses.selectors`; models sit below selectors and never import them or
the views: `courses/wagtail_hooks.py` registers the readers (hook
`courses_page_context`) and serves live pages through the views (`on_serve_page`)."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.http import HttpRequest
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail import hooks
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page
from wagtail.rich_text import RichText
from wagtail.search import index

from editorial.page_memory import VIEW_RESTRICTIONS_HOOK
from members.models import Profession

from .. import rules
from ..blocks import LessonStreamBlock
from .registers import Register

# The hook through which courses.wagtail_hooks hands a page the selectors' reading
# of it: fn(page, request, **kwargs) -> dict to add to the template context.
PAGE_CONTEXT_HOOK = "courses_page_context"


def _page_context(page: Page, request: HttpRequest, **kwargs: Any) -> dict[str, Any]:
    context: dict[str, Any] = {}
    for reader in hooks.get_hooks(PAGE_CONTEXT_HOOK):
        context.update(reader(page, request, **kwargs) or {})
    return context


# The site shell answers a page's `get_view_restrictions` from the worker's memory
# through the hook editorial.page_memory.VIEW_RESTRICTIONS_HOOK names
# (leerwerkplaats/wagtail_hooks.py): this app may not import the project package.


def _view_restrictions(page: Page) -> Any:
    """Wagtail asks this on every serve (its view-restriction check): the shell's
    memory reads nothing when no restriction lies above the page, where Wagtail's
    own way reads the ancestors and the restriction table."""
    for reader in hooks.get_hooks(VIEW_RESTRICTIONS_HOOK):
        restrictions = reader(page)
        if restrictions is not None:
            return restrictions
    return Page.get_view_restrictions(page)


ERROR_SKJ_NEEDS_TEST = _(
    "Een cursus met SKJ-accreditatie moet een toets hebben: voeg eerst een les met minstens "
    "één kennisvraag toe (SKJ eist een afsluitende toets bij e-learning)."
)
ERROR_DUPLICATE_REGISTER = _("Per register hoort één accreditatie.")


class CourseIndexPage(Page):
    """The course catalogue."""

    intro = models.TextField(_("introductie"), blank=True, max_length=rules.SUMMARY_MAX_CHARS)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["leerwerkplaats.HomePage"]
    subpage_types = ["courses.CoursePage"]
    max_count = 1

    class Meta:
        verbose_name = _("cursusoverzicht")
        verbose_name_plural = _("cursusoverzichten")

    def get_context(self, request: HttpRequest, *args: Any, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context(request, *args, **kwargs)
        context.update(_page_context(self, request))
        return context

    get_view_restrictions = _view_restrictions


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

    summary = models.TextField(
        _("samenvatting"), help_text=_("Twee of drie zinnen."), max_length=rules.SUMMARY_MAX_CHARS
    )
    learning_goals = RichTextField(
        _("leerdoelen"),
        features=["bold", "italic", "ul", "ol", "link"],
        blank=True,
        max_length=rules.RICH_TEXT_MAX_CHARS,
    )
    target_professions = models.JSONField(_("doelgroep"), default=list, blank=True)
    study_minutes = models.PositiveIntegerField(
        _("netto studietijd (minuten)"),
        validators=[MinValueValidator(1)],
        help_text=_("De netto tijd die de cursus kost. Eén netto uur is één accreditatiepunt."),
    )
    pass_mark = models.PositiveSmallIntegerField(
        _("nodig om te slagen (procent goed)"),
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
        return rules.study_hours(self.study_minutes)

    def get_context(self, request: HttpRequest, *args: Any, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context(request, *args, **kwargs)
        context.update(_page_context(self, request))
        return context

    get_view_restrictions = _view_restrictions


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
        return rules.study_hours(study_minutes)

    @property
    def course_points(self) -> Decimal:
        return self.effective_points(self.page.study_minutes)

    def is_valid_on(self, day: Any) -> bool:
        return self.valid_from <= day <= self.valid_until


def _texts(value: Any) -> list[str]:
    """Every piece of text a learner reads in a block's value (rich text as HTML)."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, RichText):
        return [value.source]
    if isinstance(value, Mapping):
        return [text for item in value.values() for text in _texts(item)]
    if hasattr(value, "__iter__") and not isinstance(value, bytes):
        return [text for item in value for text in _texts(item)]
    return []


class LessonPage(Page):
    intro = models.TextField(_("introductie"), blank=True, max_length=rules.SUMMARY_MAX_CHARS)
    body = StreamField(LessonStreamBlock(), verbose_name=_("inhoud"))
    questions_per_attempt = models.PositiveSmallIntegerField(
        _("vragen per poging"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1)],
        help_text=_(
            "Leeg: elke poging stelt alle vragen van de les. Minder dan het aantal vragen: "
            "elke poging trekt een andere selectie uit de vragen van de les."
        ),
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        FieldPanel("body"),
        FieldPanel("questions_per_attempt"),
    ]
    search_fields = [*Page.search_fields, index.SearchField("intro"), index.SearchField("body")]
    parent_page_types = ["courses.CoursePage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("les")
        verbose_name_plural = _("lessen")

    def blocks_of_type(self, block_type: str) -> list[Any]:
        """The body's blocks of one type, in order. Only that type is converted from
        the stored JSON: the other blocks (images, documents, pages) load nothing."""
        return [
            self.body[position]
            for position, raw in enumerate(self.body.raw_data)
            if raw["type"] == block_type
        ]

    def block_types(self) -> list[str]:
        """The body's block types in order, read from the stored JSON."""
        return [raw["type"] for raw in self.body.raw_data]

    def question_blocks(self) -> list[Any]:
        return self.blocks_of_type("question")

    def questions_asked(self) -> int:
        """How many questions one attempt asks: all, or the editor's smaller number."""
        pool = len(self.question_blocks())
        return min(pool, self.questions_per_attempt or pool)

    def estimated_minutes(self) -> int:
        """The net study time this lesson's content takes (`rules.estimated_minutes`):
        its words, the questions one attempt asks, scenario steps and reflections."""
        words = len(self.intro.split())
        steps = reflections = 0
        for block in self.body:
            words += len(strip_tags(" ".join(_texts(block.value))).split())
            if block.block_type == "scenario":
                steps += len(block.value["steps"])
            elif block.block_type == "reflection":
                reflections += 1
        return rules.estimated_minutes(
            words=words,
            questions=self.questions_asked(),
            scenario_steps=steps,
            reflections=reflections,
        )

    def block_by_id(self, block_id: str, block_type: str | None = None) -> Any | None:
        for position, raw in enumerate(self.body.raw_data):
            if raw.get("id") == block_id and (block_type is None or raw["type"] == block_type):
                return self.body[position]
        return None

    def get_context(self, request: HttpRequest, *args: Any, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context(request, *args, **kwargs)
        context.update(_page_context(self, request, **kwargs))
        return context

    get_view_restrictions = _view_restrictions
