"""A case reflection: only redacted text is ever stored here.

The narrative parts, the title and the moderator's message hold text that went
through ``privacy.redact_text`` (casuistry.services); the author's marks of false
finds hold a label and a placeholder, never the word that was found."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from members.permissions import can_moderate, can_use_members_area

from .methods import AgeBand, MeldcodeStep, Method, PeerRequest, Setting, ViolenceForm, part_label


class Status(models.TextChoices):
    SUBMITTED = "ingediend", _("Ingediend")
    IN_REVIEW = "in_behandeling", _("In behandeling")
    CHANGES_REQUESTED = "wijziging_gevraagd", _("Wijziging gevraagd")
    PUBLISHED = "gepubliceerd", _("Gepubliceerd")
    REJECTED = "afgewezen", _("Afgewezen")
    WITHDRAWN = "ingetrokken", _("Ingetrokken")
    ARCHIVED = "gearchiveerd", _("Gearchiveerd")


#: Readable in the library (archived cases stay readable, their discussion read-only).
LIBRARY_STATUSES = (Status.PUBLISHED, Status.ARCHIVED)
QUEUE_STATUSES = (Status.SUBMITTED, Status.IN_REVIEW)

_SEPARATOR = "|"


def join_choices(values: list[str] | tuple[str, ...]) -> str:
    """Several choices in one column, ``|a|b|``: filterable by ``icontains`` on every
    database (SQLite has no JSON ``contains``)."""
    cleaned = [v for v in values if v]
    return f"{_SEPARATOR}{_SEPARATOR.join(cleaned)}{_SEPARATOR}" if cleaned else ""


def split_choices(value: str) -> list[str]:
    return [v for v in value.split(_SEPARATOR) if v]


def choice_filter(field: str, value: str) -> Q:
    return Q(**{f"{field}__contains": f"{_SEPARATOR}{value}{_SEPARATOR}"})


class CaseQuerySet(models.QuerySet["Case"]):
    def published(self) -> CaseQuerySet:
        """In the library: published or archived (read-only), featured first, newest next."""
        return self.filter(status__in=LIBRARY_STATUSES).order_by(
            "-featured", "-published_at", "-pk"
        )

    def visible_to(self, user: Any) -> CaseQuerySet:
        """The library as ``user`` may read it: approved members only."""
        if not can_use_members_area(user):
            return self.none()
        return self.published()

    def in_queue(self) -> CaseQuerySet:
        """What moderators work on, oldest first, with who wrote it and who claimed it."""
        return (
            self.filter(status__in=QUEUE_STATUSES)
            .select_related("author", "claimed_by")
            .order_by("submitted_at", "pk")
        )

    def moderated_by(self, user: Any) -> CaseQuerySet:
        """Every case a moderator may open on the review page."""
        if not can_moderate(user):
            return self.none()
        return self.select_related("author", "claimed_by")

    def of_author(self, user: Any) -> CaseQuerySet:
        return self.filter(author=user).order_by("-submitted_at", "-pk")


class Case(models.Model):
    title = models.CharField(_("titel"), max_length=200)
    method = models.CharField(_("reflectiemethode"), max_length=32, choices=Method.choices)
    setting = models.CharField(_("werkveld"), max_length=32, choices=Setting.choices)
    # Several coarse choices each, as "|a|b|" (join_choices): see AgeBand, ViolenceForm.
    age_bands = models.CharField(_("leeftijden van betrokkenen"), max_length=100)
    violence_forms = models.CharField(_("vormen van geweld"), max_length=300)
    meldcode_step = models.PositiveSmallIntegerField(
        _("bereikte stap van de Meldcode"), choices=MeldcodeStep.choices
    )
    peer_request = models.CharField(
        _("wat je van collega's vraagt"), max_length=32, choices=PeerRequest.choices
    )
    # part key (casuistry.methods.METHOD_PARTS) -> redacted text
    parts = models.JSONField(_("tekst (geanonimiseerd)"), default=dict)
    # [{"part": key, "label": "NAAM", "placeholder": "[NAAM-2]"}]: never the found word.
    false_finds = models.JSONField(_("gemelde onterechte vondsten"), default=list, blank=True)

    status = models.CharField(
        _("status"), max_length=32, choices=Status.choices, default=Status.SUBMITTED
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("inbrenger"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="cases",
    )
    # Snapshots at submission: moderators see where the author worked then; the library
    # shows the profession only.
    organisation_name = models.CharField(_("organisatie"), max_length=200, blank=True)
    profession = models.CharField(_("beroep"), max_length=32, blank=True)
    claimed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("in behandeling bij"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="claimed_cases",
    )
    claimed_at = models.DateTimeField(_("opgepakt op"), null=True, blank=True)
    moderator_message = models.TextField(_("bericht van de moderator"), blank=True)
    featured = models.BooleanField(_("uitgelicht"), default=False)
    # The forum's thread id (forum.services.open_thread); no foreign key on purpose:
    # casuistry never reaches the forum's models.
    discussion_thread_id = models.PositiveBigIntegerField(_("discussie"), null=True, blank=True)

    submitted_at = models.DateTimeField(_("ingediend op"), db_index=True)
    updated_at = models.DateTimeField(_("gewijzigd op"), auto_now=True)
    published_at = models.DateTimeField(_("gepubliceerd op"), null=True, blank=True)
    archived_at = models.DateTimeField(_("gearchiveerd op"), null=True, blank=True)
    withdrawn_at = models.DateTimeField(_("ingetrokken op"), null=True, blank=True)

    objects = CaseQuerySet.as_manager()

    class Meta:
        verbose_name = _("casus")
        verbose_name_plural = _("casussen")
        ordering = ("-submitted_at", "-pk")
        indexes = [models.Index(fields=["status", "-published_at"])]

    def __str__(self) -> str:
        return self.title

    @property
    def age_band_list(self) -> list[str]:
        return split_choices(self.age_bands)

    @property
    def violence_form_list(self) -> list[str]:
        return split_choices(self.violence_forms)

    @property
    def summary_labels(self) -> list[str]:
        """Werkveld, methode and Meldcode step, as the library's cards show them: by
        dictionary (Django's get_FOO_display makes the choices hashable on every call,
        which a page of cards pays three times per card)."""
        return [
            str(dict(Setting.choices).get(self.setting, self.setting)),
            str(dict(Method.choices).get(self.method, self.method)),
            str(dict(MeldcodeStep.choices).get(self.meldcode_step, self.meldcode_step)),
        ]

    @property
    def age_band_labels(self) -> list[str]:
        labels = dict(AgeBand.choices)
        return [str(labels.get(v, v)) for v in self.age_band_list]

    @property
    def violence_form_labels(self) -> list[str]:
        labels = dict(ViolenceForm.choices)
        return [str(labels.get(v, v)) for v in self.violence_form_list]

    @property
    def profession_label(self) -> str:
        from members.models import Profession

        return str(dict(Profession.choices).get(self.profession, "")) or str(_("Professional"))

    @property
    def labelled_parts(self) -> list[tuple[str, str, str]]:
        """(key, label, text) in the order of the method's parts."""
        from .methods import parts_for

        order = [part.key for part in parts_for(self.method)]
        keys = [k for k in order if k in self.parts] + [k for k in self.parts if k not in order]
        return [(k, str(part_label(k)), self.parts[k]) for k in keys]

    @property
    def is_open_for_review(self) -> bool:
        return self.status in QUEUE_STATUSES

    @property
    def is_withdrawable(self) -> bool:
        """At any time while anyone can still read it: submitted, in review, changes
        asked, published and archived (still in the library, read-only)."""
        return self.status not in (Status.WITHDRAWN, Status.REJECTED)
