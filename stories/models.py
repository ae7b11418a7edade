"""Stories by ervaringsdeskundigen as Wagtail pages: StoryIndexPage (/verhalen/)
-> StoryPage.

A story's author is the page's owner. Authors write in the site's own form
(stories.views) and never need the Wagtail admin; moderators publish through
the workflow "Verhaal beoordelen" (stories.moderation). Reading rules (who may
see a members-only story) live in stories.rules, so lists, search, the sitemap
and the page itself answer alike."""

from __future__ import annotations

import math
from typing import Any

from django import forms
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Exists, OuterRef
from django.db.models.functions import Cast
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page, PagePermissionTester, WorkflowState
from wagtail.search import index

from members.permissions import can_moderate

from .blocks import StoryStreamBlock

WORDS_PER_MINUTE = 200
ERROR_PSEUDONYM_REQUIRED = _("Vul het schrijversnaam in, of kies voor 'anoniem'.")
ERROR_UNKNOWN_THEME = _("Kies thema's uit de lijst.")


class Theme(models.TextChoices):
    PARTNER_VIOLENCE = "partnergeweld", _("Partnergeweld")
    CHILD_ABUSE = "kindermishandeling", _("Kindermishandeling")
    GROWING_UP = "opgroeien", _("Opgroeien met geweld thuis")
    ELDER_ABUSE = "ouderenmishandeling", _("Ouderenmishandeling")
    HONOUR = "eergerelateerd", _("Eergerelateerd geweld")
    SEXUAL = "seksueel-geweld", _("Seksueel geweld")
    COERCIVE_CONTROL = "dwingende-controle", _("Dwingende controle")
    STALKING = "stalking", _("Stalking")
    HELP = "hulpverlening", _("Ervaringen met hulpverlening")
    RECOVERY = "herstel", _("Herstel en verder gaan")


class ContentWarning(models.TextChoices):
    PHYSICAL = "lichamelijk", _("Lichamelijk geweld")
    PSYCHOLOGICAL = "psychisch", _("Psychisch geweld en bedreiging")
    SEXUAL = "seksueel", _("Seksueel geweld")
    CHILDREN = "kinderen", _("Geweld tegen kinderen")
    SUICIDE = "zelfdoding", _("Gedachten aan zelfdoding")
    GENERAL = "algemeen", _("Huiselijk geweld, zonder beschrijving van geweld")


class AuthorDisplay(models.TextChoices):
    PSEUDONYM = "pseudoniem", _("Met een schrijversnaam")
    ANONYMOUS = "anoniem", _("Anoniem")


class Audience(models.TextChoices):
    PUBLIC = "openbaar", _("Iedereen")
    MEMBERS = "leden", _("Alleen leden van de Leerwerkplaats")


class StoryIndexPage(Page):
    """The stories section (/verhalen/)."""

    intro = models.TextField(_("introductie"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["leerwerkplaats.HomePage"]
    subpage_types = ["stories.StoryPage"]
    max_count = 1

    class Meta:
        verbose_name = _("verhalenoverzicht")
        verbose_name_plural = _("verhalenoverzichten")

    def permissions_for_user(self, user: Any) -> PagePermissionTester:
        return StoryPermissionTester(user, self)


class StoryPage(Page):
    """One story: the writing member is the page's owner."""

    summary = models.TextField(
        _("korte samenvatting"), max_length=400, help_text=_("Eén of twee zinnen.")
    )
    body = StreamField(StoryStreamBlock(), verbose_name=_("verhaal"))
    themes = models.JSONField(_("thema's"), default=list, blank=True)
    content_warning = models.CharField(
        _("inhoudswaarschuwing"), max_length=20, choices=ContentWarning.choices
    )
    content_warning_note = models.CharField(
        _("toelichting bij de waarschuwing"), max_length=250, blank=True
    )
    author_display = models.CharField(
        _("hoe je genoemd wordt"),
        max_length=20,
        choices=AuthorDisplay.choices,
        default=AuthorDisplay.ANONYMOUS,
    )
    pseudonym = models.CharField(_("schrijversnaam"), max_length=80, blank=True)
    # The privacy check found a name in the pen name and the author kept it on
    # hand-in: the moderators see it was flagged (stories.services.submit_story).
    pseudonym_confirmed = models.BooleanField(
        _("schrijversnaam gemarkeerd en bevestigd"), default=False, editable=False
    )
    audience = models.CharField(
        _("wie mag het lezen"), max_length=20, choices=Audience.choices, default=Audience.MEMBERS
    )
    allow_discussion = models.BooleanField(_("leden mogen erover in gesprek"), default=False)
    withdrawn_at = models.DateTimeField(_("ingetrokken op"), null=True, blank=True, editable=False)

    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        MultiFieldPanel(
            [FieldPanel("content_warning"), FieldPanel("content_warning_note")],
            heading=_("Inhoudswaarschuwing"),
        ),
        FieldPanel("body"),
        FieldPanel(
            "themes",
            widget=forms.CheckboxSelectMultiple(choices=Theme.choices),
        ),
        MultiFieldPanel(
            [
                FieldPanel("author_display"),
                FieldPanel("pseudonym"),
                FieldPanel("audience"),
                FieldPanel("allow_discussion"),
            ],
            heading=_("Schrijver en lezers"),
        ),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("body"),
        index.FilterField("audience"),
    ]

    @classmethod
    def get_indexed_objects(cls) -> models.QuerySet[StoryPage]:
        """Only published stories enter the search index: the page row of a story
        never published holds its first draft, the author's text before the privacy
        check. A story that goes offline leaves the index (services.forget_in_search)."""
        return super().get_indexed_objects().filter(live=True)

    parent_page_types = ["stories.StoryIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("verhaal")
        verbose_name_plural = _("verhalen")

    def clean(self) -> None:
        super().clean()
        if self.author_display == AuthorDisplay.PSEUDONYM and not self.pseudonym.strip():
            raise ValidationError({"pseudonym": ERROR_PSEUDONYM_REQUIRED})
        if not isinstance(self.themes, list) or not set(self.themes) <= set(Theme.values):
            raise ValidationError({"themes": ERROR_UNKNOWN_THEME})

    # --- presentation ---------------------------------------------------------

    @property
    def is_public(self) -> bool:
        return self.audience == Audience.PUBLIC

    @property
    def author_name(self) -> str:
        if self.author_display == AuthorDisplay.PSEUDONYM and self.pseudonym:
            return self.pseudonym
        return str(_("anoniem"))

    def can_be_read_by(self, user: Any) -> bool:
        """Live and readable by `user` (stories.rules): asked by blocks of other apps
        that link a story without importing this app (courses.blocks.StoryLinkBlock)."""
        from .rules import can_read_story  # rules builds on this module

        return self.live and can_read_story(user, self)

    def theme_labels(self) -> list[str]:
        labels = dict(Theme.choices)
        return [str(labels[theme]) for theme in self.themes if theme in labels]

    def texts(self) -> list[str]:
        """Every text the author wrote, in reading order (for reading time and the
        privacy check)."""
        parts = [self.title, self.summary, self.content_warning_note, self.pseudonym]
        for block in self.body:
            if block.block_type == "section":
                parts += [block.value.get("heading") or "", block.value.get("text") or ""]
                parts += [block.value.get("quote") or "", block.value.get("alt_text") or ""]
        return [part for part in parts if part]

    @property
    def reading_minutes(self) -> int:
        words = sum(len(text.split()) for text in self.texts())
        return max(1, math.ceil(words / WORDS_PER_MINUTE))

    # --- Wagtail --------------------------------------------------------------

    def get_sitemap_urls(self, request: Any = None) -> list[dict[str, Any]]:
        # Members-only stories never appear in the public sitemap.
        return super().get_sitemap_urls(request) if self.is_public else []

    def permissions_for_user(self, user: Any) -> PagePermissionTester:
        return StoryPermissionTester(user, self)


def _handed_in() -> Exists:
    """In review, or approved and being published (the approval publishes as the
    moderator, after the workflow left "in progress")."""
    return Exists(
        WorkflowState.objects.filter(
            base_content_type=ContentType.objects.get_for_model(Page),
            # WorkflowState.object_id is text; Postgres does not compare it to an integer.
            object_id=Cast(OuterRef("pk"), output_field=models.CharField()),
            status__in=(WorkflowState.STATUS_IN_PROGRESS, WorkflowState.STATUS_APPROVED),
        )
    )


def private_drafts() -> models.QuerySet[StoryPage]:
    """Stories their author has not handed in yet: never published and not in
    review. Their drafts are the author's text before the privacy check (it runs at
    hand-in), and the writing form promises that nobody else sees them: the admin
    neither opens (StoryPermissionTester) nor lists (stories.wagtail_hooks) them
    for anyone but their author."""
    return StoryPage.objects.filter(first_published_at__isnull=True, live=False).exclude(
        _handed_in()
    )


# Whether an unpublished story is a private draft changes with its workflow state
# alone (a page created later is unknown to a memo and asked for itself): every
# workflow state saved or deleted in this process starts a new generation
# (stories.apps connects `workflow_state_changed`).
_workflow_generation = 0
_MEMO = "_stories_private_draft_memo"


def workflow_state_changed(**kwargs: Any) -> None:
    global _workflow_generation
    _workflow_generation += 1


def _unpublished_stories(user: Any) -> tuple[frozenset[int], frozenset[int]]:
    """The never-published stories and which of them are private drafts, read once
    and kept on the user object (one per request, as Wagtail keeps a user's page
    permissions): the admin's listings ask StoryPermissionTester about every page
    they show, and a query per page made them grow with the number of drafts."""
    memo = getattr(user, _MEMO, None)
    if memo is None or memo[0] != _workflow_generation:
        rows = (
            StoryPage.objects.filter(first_published_at__isnull=True, live=False)
            .annotate(handed_in=_handed_in())
            .values_list("pk", "handed_in")
        )
        unpublished: set[int] = set()
        private: set[int] = set()
        for pk, handed_in in rows:
            unpublished.add(pk)
            if not handed_in:
                private.add(pk)
        memo = (_workflow_generation, frozenset(unpublished), frozenset(private))
        setattr(user, _MEMO, memo)
    return memo[1], memo[2]


def drafts_hidden_from(user: Any) -> models.QuerySet[StoryPage]:
    """The private drafts `user` did not write."""
    if getattr(user, "pk", None) is None:
        return private_drafts()
    return private_drafts().exclude(owner=user)


class StoryPermissionTester(PagePermissionTester):
    """Wagtail's page permissions, narrowed for stories: only moderators
    (members.permissions.can_moderate, with MFA) edit, publish, unpublish,
    move or delete a story in the admin. Coordinators keep their rights on the
    rest of the site (leerwerkplaats.editors grants them on the home page, and
    Wagtail's grants flow down the tree) but not here."""

    def _moderator(self) -> bool:
        return bool(can_moderate(self.user))

    def _private_draft(self) -> bool:
        page = self.page
        # A page that is or was ever live is no private draft: no query for it.
        if page.first_published_at is not None or page.live:
            return False
        unpublished, private = _unpublished_stories(self.user)
        if page.pk in unpublished:
            return page.pk in private
        # Created after the memo was read: asked for itself.
        return private_drafts().filter(pk=page.pk).exists()

    def can_edit(self) -> bool:
        return self._moderator() and not self._private_draft() and super().can_edit()

    def can_view_revisions(self) -> bool:
        return not self._private_draft() and super().can_view_revisions()

    def can_lock(self) -> bool:
        return not self._private_draft() and super().can_lock()

    def can_publish(self) -> bool:
        # Never a draft that did not pass the privacy check on submission.
        return self._moderator() and not self._private_draft() and super().can_publish()

    def can_unpublish(self) -> bool:
        return self._moderator() and super().can_unpublish()

    def can_publish_subpage(self) -> bool:
        return self._moderator() and super().can_publish_subpage()

    def can_delete(self, ignore_bulk: bool = False) -> bool:
        # The confirmation names the page: not for a draft nobody else may see.
        return (
            self._moderator()
            and not self._private_draft()
            and super().can_delete(ignore_bulk=ignore_bulk)
        )

    def can_move(self) -> bool:
        return self._moderator() and not self._private_draft() and super().can_move()

    def can_copy(self) -> bool:
        return False

    def can_add_subpage(self) -> bool:
        # New stories are written in the site's form, by their authors.
        return self._moderator() and super().can_add_subpage()
