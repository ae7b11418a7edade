"""Guided intervisie sessions on a published case.

A method is data (Method with ordered Phase rows, each with a rule the server keeps),
seeded by a migration and edited by moderators in the Wagtail admin. A Session follows
one method phase by phase; its SessionEvent rows are its log (like the forum's
ThreadEvent): every change a participant sees live takes the session's next `seq` in the
transaction that makes it, so a client that reconnects asks the database for the rest.

The case is linked by id only (casuistry is read through casuistry.selectors); the
facilitator is named, everyone else is shown by an alias (Inbrenger, Deelnemer A, ...).
"""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.models import Orderable

#: Texts in a session are as long as a forum post at most.
MAX_TEXT_CHARS = 10_000
MIN_PARTICIPANTS = 3
MAX_PARTICIPANTS = 12


class RuleKind(models.TextChoices):
    FREE = "free", _("Vrij: iedereen schrijft")
    QUESTIONS_ONLY = "questions_only", _("Alleen vragen (de inbrenger antwoordt)")
    INBRENGER_SILENT = "inbrenger_silent", _("De inbrenger leest mee en schrijft niet")
    BLIND_POSITIONS = "blind_positions", _("Ieder schrijft een positie, verborgen tot onthulling")
    REVEAL = "reveal", _("Onthulling van de posities door de gespreksleider")


class Method(ClusterableModel):
    """A method's template: its phases in order. Editable in the admin."""

    slug = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("naam"), max_length=120)
    description = models.TextField(_("beschrijving"), blank=True)

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("description"),
        InlinePanel("phases", label=_("Fasen"), min_num=1),
    ]

    class Meta:
        verbose_name = _("intervisiemethode")
        verbose_name_plural = _("intervisiemethoden")
        ordering = ("name",)

    def __str__(self) -> str:
        return self.name


class Phase(Orderable):
    method = ParentalKey(Method, on_delete=models.CASCADE, related_name="phases")
    name = models.CharField(_("naam"), max_length=120)
    instructions = models.TextField(_("uitleg voor de deelnemers"), blank=True)
    rule = models.CharField(
        _("regel"), max_length=20, choices=RuleKind.choices, default=RuleKind.FREE
    )
    default_minutes = models.PositiveSmallIntegerField(_("duur in minuten (live)"), default=10)

    panels = [
        FieldPanel("name"),
        FieldPanel("instructions"),
        FieldPanel("rule"),
        FieldPanel("default_minutes"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("fase")
        verbose_name_plural = _("fasen")

    def __str__(self) -> str:
        return self.name


class Mode(models.TextChoices):
    LIVE = "live", _("Live (een gepland uur)")
    ASYNC = "async", _("Verspreid over dagen (asynchroon)")


class Status(models.TextChoices):
    PLANNED = "planned", _("Gepland")
    RUNNING = "running", _("Bezig")
    FINISHED = "finished", _("Afgerond")


class Audience(models.TextChoices):
    INVITED = "invited", _("Alleen wie ik uitnodig")
    ORGANISATION = "organisation", _("Leden van een organisatie melden zich aan")
    REGION = "region", _("Alle leden in de regio melden zich aan")


#: `Session.awaited_inbrenger` once the member asked was erased
#: (services.erase_personal_data): no digest matches it, and nobody is awaited.
NO_INBRENGER = "-"


class Session(models.Model):
    # casuistry's Case id, read through casuistry.selectors; the title is a snapshot
    # taken when the case is in the library. NULL: the inbrenger brings a new case
    # that has not been attached yet (`new_case`); it passes casuistry's own intake,
    # privacy check and moderation, and the session starts once it is published.
    case_id = models.PositiveBigIntegerField(_("casus"), null=True, blank=True)
    new_case = models.BooleanField(_("nieuwe casus van de inbrenger"), default=False)
    case_title = models.CharField(_("titel van de casus"), max_length=200, blank=True)
    method = models.ForeignKey(
        Method, on_delete=models.PROTECT, related_name="sessions", verbose_name=_("methode")
    )
    mode = models.CharField(_("werkwijze"), max_length=8, choices=Mode.choices, default=Mode.LIVE)
    starts_at = models.DateTimeField(_("begint op"))
    async_days_per_phase = models.PositiveSmallIntegerField(
        _("dagen per fase (asynchroon)"), default=2
    )
    facilitator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="facilitated_sessions",
        verbose_name=_("gespreksleider"),
    )
    keep_text = models.BooleanField(_("tekst bewaren"), default=True)
    # Who may join besides the invited: members of one organisation, or every
    # approved member of the region (the network), until MAX_PARTICIPANTS.
    audience = models.CharField(
        _("wie mag meedoen"), max_length=16, choices=Audience.choices, default=Audience.INVITED
    )
    organisation = models.ForeignKey(
        "members.Organisation",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("organisatie"),
    )
    # The inbrenger the planner asked by e-mail, until they confirm on /intervisie/
    # (services.confirm_inbrenger): a keyed digest of the address, never the address
    # (services.address_digest), so the planning stores nothing readable about an
    # address that may have no account. Empty once confirmed, or when a member who
    # had already agreed was named directly (seeding, tests).
    awaited_inbrenger = models.CharField(max_length=64, blank=True, default="", db_index=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PLANNED)
    # Index into the method's phases (0-based) while running.
    current_phase = models.PositiveSmallIntegerField(default=0)
    phase_started_at = models.DateTimeField(null=True, blank=True)
    phase_ends_at = models.DateTimeField(null=True, blank=True)
    positions_revealed = models.BooleanField(default=False)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    text_removed = models.BooleanField(default=False)
    last_seq = models.PositiveBigIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("intervisiesessie")
        verbose_name_plural = _("intervisiesessies")
        ordering = ("-starts_at", "-pk")
        indexes = [models.Index(fields=["mode", "status", "phase_ends_at"])]

    def __str__(self) -> str:
        return f"{self.method} — {self.case_title}" if self.case_title else str(self.method)

    def phase_duration(self, phase: Phase) -> timedelta:
        if self.mode == Mode.ASYNC:
            return timedelta(days=self.async_days_per_phase)
        return timedelta(minutes=phase.default_minutes)


class Role(models.TextChoices):
    FACILITATOR = "facilitator", _("Gespreksleider")
    INBRENGER = "inbrenger", _("Inbrenger")
    PARTICIPANT = "participant", _("Deelnemer")


class Participant(models.Model):
    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="participants")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="intervisie_roles"
    )
    role = models.CharField(max_length=12, choices=Role.choices)
    # "Inbrenger", "Deelnemer A", ...; the facilitator's alias is their name.
    alias = models.CharField(max_length=120)
    invited_at = models.DateTimeField(null=True, blank=True)
    # Set when the member joined an open session themselves (not invited).
    joined_at = models.DateTimeField(null=True, blank=True)
    reminded_at = models.DateTimeField(null=True, blank=True)
    # The last phase (index) of an asynchronous session this participant was
    # e-mailed about: one nudge per phase, whoever runs the tick how often.
    nudged_phase = models.PositiveSmallIntegerField(null=True, blank=True)
    activity_recorded = models.BooleanField(default=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["session", "user"], name="intervisie_one_role"),
            # At most one inbrenger (services.ask_another_inbrenger, confirm_inbrenger).
            models.UniqueConstraint(
                fields=["session"],
                condition=models.Q(role="inbrenger"),
                name="intervisie_one_inbrenger",
            ),
        ]
        ordering = ("session", "pk")

    def __str__(self) -> str:
        return self.alias


class Contribution(models.Model):
    """A text written in a phase: only the redacted text the author accepted."""

    class Kind(models.TextChoices):
        TEXT = "text", _("Bijdrage")
        POSITION = "position", _("Positie")

    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="contributions")
    author = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="contributions")
    seq = models.PositiveBigIntegerField()
    phase_index = models.PositiveSmallIntegerField()
    phase_name = models.CharField(max_length=120)
    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.TEXT)
    text = models.TextField(max_length=MAX_TEXT_CHARS)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ("session", "seq")
        constraints = [
            models.UniqueConstraint(fields=["session", "seq"], name="intervisie_contribution_seq"),
        ]

    def __str__(self) -> str:
        return f"{self.session_id}#{self.seq}"


class SessionEvent(models.Model):
    """The session's log: what every screen applies, in order."""

    class Kind(models.TextChoices):
        CONTRIBUTION = "contribution"
        PHASE = "phase"
        REVEAL = "reveal"
        TIMER = "timer"

    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="events")
    seq = models.PositiveBigIntegerField()
    kind = models.CharField(max_length=16, choices=Kind.choices)
    contribution = models.ForeignKey(
        Contribution, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    # Primitives the frame carries: the phase index and name, the timer's end (ISO).
    data = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ("session", "seq")
        constraints = [
            models.UniqueConstraint(fields=["session", "seq"], name="intervisie_event_seq"),
        ]

    def __str__(self) -> str:
        return f"{self.session_id}#{self.seq} {self.kind}"


class SessionReflection(models.Model):
    """A participant's private Korthagen reflection afterwards: for them alone."""

    session = models.ForeignKey(
        Session, on_delete=models.SET_NULL, null=True, related_name="reflections"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="intervisie_reflections"
    )
    session_label = models.CharField(max_length=300)
    happened = models.TextField(_("wat gebeurde er?"), max_length=4000)
    felt = models.TextField(_("wat voelde en dacht ik?"), max_length=4000)
    means = models.TextField(_("wat betekent het voor mij?"), max_length=4000)
    will_do = models.TextField(_("wat ga ik doen?"), max_length=4000)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ("-created_at",)
        constraints = [
            models.UniqueConstraint(fields=["session", "user"], name="intervisie_one_reflection"),
        ]

    def __str__(self) -> str:
        return self.session_label
