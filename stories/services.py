"""Every change of state of a story: write a draft, submit it for review, the
moderator's decision, withdrawal, and the purge of old revisions on publish.

Authors never need Wagtail permissions: these services check the project's
own rules (stories.rules) and drive Wagtail's revisions and workflow, so the
admin and the site's own pages move a story through the same states."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import PurePosixPath
from typing import Any
from uuid import uuid4

from django import forms
from django.conf import settings
from django.core.exceptions import PermissionDenied, SuspiciousFileOperation, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import connections, transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from wagtail.actions.unpublish_page import UnpublishPageAction
from wagtail.images import get_image_model
from wagtail.models import (
    Collection,
    Page,
    PageLogEntry,
    Revision,
    TaskState,
    WorkflowState,
)
from wagtail.search import index as search_index

import privacy
from members import audit, privacy_gate
from members.permissions import require_not_suspended, suspension_refusal
from members.services import record_event
from notifications import services as notifications

from . import discussion, moderation, privacy_check, rules
from .models import AuthorDisplay, StoryIndexPage, StoryPage
from .privacy_check import Detail

ERROR_NOT_YOURS = _("Dit verhaal kun je niet wijzigen.")
ERROR_NOT_EDITABLE = _(
    "Dit verhaal ligt bij de moderatoren. Je kunt het weer wijzigen als zij het teruggeven."
)
ERROR_BLOCKED = _(
    "Je verhaal bevat gegevens die iemand direct herkenbaar maken: %(details)s. Haal ze weg "
    "en probeer het opnieuw. Je tekst staat nog in het formulier."
)
ERROR_PEN_NAME_BLOCKED = _(
    "Je schrijversnaam bevat gegevens waarmee iemand direct te vinden is (%(details)s). "
    "Kies een andere schrijversnaam."
)
WARNING_PEN_NAME = _(
    "Lijkt dit op je echte naam? Kies dan liever een schrijversnaam die niet naar jou of "
    "je familie leidt."
)
ERROR_SERVICE_DOWN = _(
    "De privacycontrole werkt even niet. Je verhaal is niet ingediend; je tekst staat nog in "
    "het formulier. Probeer het over een paar minuten opnieuw."
)
ERROR_SUSPENDED = _(
    "Je bent geschorst tot %(until)s. Tot dan kun je geen verhaal indienen; je tekst "
    "blijft staan en een concept bewaren kan wel."
)
ERROR_NO_INDEX = _("Er is nog geen plek voor verhalen op de site.")
ERROR_NOT_IN_REVIEW = _("Dit verhaal wacht niet op een beoordeling.")
ERROR_NOT_MODERATOR = _("Alleen moderatoren beoordelen verhalen.")
ERROR_COMMENT_REQUIRED = _("Schrijf de schrijver wat er moet veranderen.")
ERROR_NOT_PUBLISHED = _("Dit verhaal staat niet online.")
ERROR_NO_DISCUSSION = _("Over dit verhaal is geen gesprek.")
ERROR_NOT_YOUR_IMAGE = _("Deze afbeelding hoort niet bij jouw verhaal.")
ERROR_IMAGE_NOT_CLEANED = _(
    "Deze afbeelding kon niet van haar metagegevens (zoals locatie of camera) worden ontdaan "
    "en is daarom niet opgeslagen. Sla haar opnieuw op als JPEG of PNG en probeer het nog eens."
)
ALT_TEXT_MAX = 250

RESERVED_SLUGS = frozenset({"schrijven", "mijn", "moderatie"})

AUDIT_ACTIONS = {
    "stories.submitted": _("Verhaal ingediend"),
    "stories.withdrawn": _("Verhaal ingetrokken door de schrijver"),
    "stories.discussion_closed": _("Gesprek over verhaal gesloten door de schrijver"),
    "stories.discussion_reopened": _("Gesprek over verhaal heropend door de schrijver"),
}
AUDIT_MODERATION_ACTIONS = {
    "stories.published": _("Verhaal gepubliceerd"),
    "stories.scheduled": _("Verhaal goedgekeurd om later te verschijnen"),
    "stories.changes_requested": _("Wijziging gevraagd in verhaal"),
    "stories.revisions_purged": _("Oude versies van verhaal verwijderd"),
}


def register_audit_actions() -> None:
    audit.register_actions("stories", AUDIT_ACTIONS)
    audit.register_actions("stories", AUDIT_MODERATION_ACTIONS, moderation=True)


def _labels(details: Sequence[Detail]) -> str:
    return ", ".join(sorted({d.label for d in details}))


class StoryBlocked(ValidationError):
    """Structured identifiers in the story: it cannot be submitted. Those in the pen
    name (`pen_name`, part of `details`) have their own message, for that field."""

    def __init__(
        self, details: Sequence[Detail], pen_name: Sequence[Detail] = (), *, elsewhere: bool = True
    ) -> None:
        self.details = tuple(details)
        self.pen_name = tuple(pen_name)
        self.elsewhere = elsewhere  # also in the story's other texts
        super().__init__(ERROR_BLOCKED, params={"details": _labels(details)})

    def pen_name_message(self) -> str:
        return str(ERROR_PEN_NAME_BLOCKED) % {"details": _labels(self.pen_name)}


class ConfirmationNeeded(Exception):
    """Names, places or other details the author has not yet decided on, and a pen
    name that looks like a real name and was not yet confirmed (`pen_name`)."""

    def __init__(self, details: Sequence[Detail], pen_name: Sequence[Detail] = ()) -> None:
        self.details = tuple(details)
        self.pen_name = tuple(pen_name)
        super().__init__("The author must decide on each detail first.")


@dataclass(frozen=True)
class Section:
    heading: str = ""
    text: str = ""
    quote: str = ""
    alt_text: str = ""
    image_id: int | None = None  # an image stored by store_story_image


@dataclass(frozen=True)
class StoryContent:
    """What the author writes in the site's form."""

    title: str
    summary: str
    sections: tuple[Section, ...]
    content_warning: str
    content_warning_note: str = ""
    themes: tuple[str, ...] = ()
    author_display: str = "anoniem"
    pseudonym: str = ""
    audience: str = "leden"
    allow_discussion: bool = False
    pseudonym_confirmed: bool = False  # a name was found in it; the author kept it
    extra: dict[str, Any] = field(default_factory=dict)

    PEN_NAME_AT = 3  # the pen name's index in texts()

    def pen_name_at(self) -> int | None:
        """The pen name's index in texts() when the story is signed with it."""
        shown = self.author_display == AuthorDisplay.PSEUDONYM and self.pseudonym.strip()
        return self.PEN_NAME_AT if shown else None

    def texts(self) -> list[str]:
        parts = [self.title, self.summary, self.content_warning_note, self.pseudonym]
        for section in self.sections:
            parts += [section.heading, section.text, section.quote, section.alt_text]
        return parts

    def with_texts(self, texts: Sequence[str]) -> StoryContent:
        it = iter(texts)
        title, summary, note, pseudonym = next(it), next(it), next(it), next(it)
        sections = tuple(
            replace(section, heading=next(it), text=next(it), quote=next(it), alt_text=next(it))
            for section in self.sections
        )
        return replace(
            self,
            title=title,
            summary=summary,
            content_warning_note=note,
            pseudonym=pseudonym,
            sections=sections,
        )

    @classmethod
    def from_page(cls, page: StoryPage) -> StoryContent:
        sections = tuple(
            Section(
                block.value.get("heading") or "",
                block.value.get("text") or "",
                block.value.get("quote") or "",
                alt_text=block.value.get("alt_text") or "",
                image_id=getattr(block.value.get("image"), "pk", None),
            )
            for block in page.body
            if block.block_type == "section"
        )
        return cls(
            title=page.title,
            summary=page.summary,
            sections=sections,
            content_warning=page.content_warning,
            content_warning_note=page.content_warning_note,
            themes=tuple(page.themes),
            author_display=page.author_display,
            pseudonym=page.pseudonym,
            audience=page.audience,
            allow_discussion=page.allow_discussion,
            pseudonym_confirmed=page.pseudonym_confirmed,
        )


def _images(author: Any, page: StoryPage, content: StoryContent) -> dict[int, Any]:
    """The images the sections point at: each one the author uploaded, or one the
    story already shows (an editor may have chosen it in the admin)."""
    ids = {s.image_id for s in content.sections if s.image_id is not None}
    if not ids:
        return {}
    in_story = set()
    if page.pk:
        for block in page.body:
            image = block.value.get("image") if block.block_type == "section" else None
            if image is not None:
                in_story.add(image.pk)
    images = {
        image.pk: image
        for image in get_image_model().objects.filter(pk__in=ids)
        if image.pk in in_story or image.uploaded_by_user_id == author.pk
    }
    if set(images) != ids:
        raise PermissionDenied(ERROR_NOT_YOUR_IMAGE)
    return images


def _body(page: StoryPage, content: StoryContent, images: dict[int, Any]) -> list[tuple[str, Any]]:
    """The new sections, each with its image and that image's description, and
    any notices an editor added in the admin."""
    blocks: list[tuple[str, Any]] = []
    for section in (s for s in content.sections if s.text.strip()):
        image = images.get(section.image_id) if section.image_id is not None else None
        value: dict[str, Any] = {
            "heading": section.heading.strip(),
            "text": section.text.strip(),
            "quote": section.quote.strip(),
            "image": image,
            "alt_text": section.alt_text.strip() if image is not None else "",
        }
        blocks.append(("section", value))
    if page.pk:
        blocks += [(b.block_type, b.value) for b in page.body if b.block_type != "section"]
    return blocks


def _apply(page: StoryPage, content: StoryContent, images: dict[int, Any]) -> None:
    page.title = content.title.strip()
    page.draft_title = page.title
    page.summary = content.summary.strip()
    page.body = _body(page, content, images)
    page.content_warning = content.content_warning
    page.content_warning_note = content.content_warning_note.strip()
    page.themes = list(content.themes)
    page.author_display = content.author_display
    page.pseudonym = content.pseudonym.strip()
    page.audience = content.audience
    page.allow_discussion = content.allow_discussion
    page.pseudonym_confirmed = content.pseudonym_confirmed and bool(page.pseudonym)


@transaction.atomic
def store_story_image(*, author: Any, upload: UploadedFile) -> int:
    """Store an image for the author's story and return its id.

    The file goes through the site's default storage, which re-encodes every
    image without EXIF, GPS, XMP or comments and refuses what it cannot clean
    (the project's upload rules). The uploaded name is dropped too: a phone's
    file name can carry a date, a place or a person."""
    if not rules.can_write_stories(author):
        raise PermissionDenied(ERROR_NOT_YOURS)
    forms.ImageField().clean(upload)  # a real image, in Dutch when it is not
    suffix = PurePosixPath(upload.name or "").suffix.lower() or ".jpg"
    image = get_image_model()(
        title=str(_("Afbeelding bij een verhaal")),
        uploaded_by_user=author,
        collection=Collection.get_first_root_node(),
    )
    upload.seek(0)
    try:
        image.file.save(f"verhaal-{uuid4().hex}{suffix}", upload, save=False)
    except SuspiciousFileOperation as error:
        raise ValidationError(ERROR_IMAGE_NOT_CLEANED) from error
    image._set_image_file_metadata()  # size and hash of the cleaned file
    image.full_clean(exclude=["file"])
    image.save()
    return image.pk


def _unique_slug(index: Page, title: str, own: int | None = None) -> str:
    base = slugify(title)[:60] or "verhaal"
    taken = set(StoryPage.objects.child_of(index).exclude(pk=own).values_list("slug", flat=True))
    slug, number = base, 2
    while slug in taken or slug in RESERVED_SLUGS:
        slug, number = f"{base}-{number}", number + 1
    return slug


def _index() -> StoryIndexPage:
    index = StoryIndexPage.objects.first()
    if index is None:
        raise ValidationError(ERROR_NO_INDEX)
    return index


@transaction.atomic
def save_draft(*, author: Any, content: StoryContent, story: StoryPage | None = None) -> StoryPage:
    """A new revision of the author's story (a new, unpublished page the first
    time). The live version, if any, stays as it is until a moderator publishes."""
    if not rules.can_write_stories(author):
        raise PermissionDenied(ERROR_NOT_YOURS)
    if story is None:
        index = _index()
        page = StoryPage(live=False, owner=author, content_warning=content.content_warning)
        _apply(page, content, _images(author, page, content))
        page.slug = _unique_slug(index, page.title)
        page.full_clean(exclude=["path", "depth"])
        index.add_child(instance=page)
        page.save_revision(user=author)
        return page
    if not rules.can_edit_story(author, story):
        raise PermissionDenied(ERROR_NOT_YOURS)
    if story.workflow_in_progress:
        raise ValidationError(ERROR_NOT_EDITABLE)
    page = story.get_latest_revision_as_object()
    _apply(page, content, _images(author, page, content))
    if page.first_published_at is None:
        # Until its first publication the address follows the title: the first
        # draft (an autosave, often) was named after the raw title, and a name or
        # address the author replaced on submission must not stay in the URL.
        page.slug = _unique_slug(page.get_parent(), page.title, own=page.pk)
    page.full_clean()
    page.save_revision(user=author)
    return StoryPage.objects.get(pk=story.pk)


def check_privacy(content: StoryContent) -> privacy_check.PrivacyReport:
    try:
        return privacy_check.check(content.texts(), pen_name_at=content.pen_name_at())
    except privacy.PrivacyServiceError as error:
        raise ValidationError(ERROR_SERVICE_DOWN) from error


def suspension_refusal_for(author: Any) -> str | None:
    """Why a suspended member cannot hand in a story now (with the end date), or
    None. Saving a draft stays open to them: nobody else reads it."""
    return suspension_refusal(author, ERROR_SUSPENDED)


@transaction.atomic
def submit_story(
    *,
    author: Any,
    content: StoryContent,
    story: StoryPage | None = None,
    reviewed: Iterable[str] = (),
    replace_keys: Iterable[str] = (),
    pen_name_confirmed: str = "",
) -> StoryPage:
    """Check the text, replace the details the author chose to replace, save it
    as a revision and hand it to the moderators (workflow "Verhaal beoordelen";
    resumed when they had asked for changes).

    The pen name is never replaced: when a name is found in it, the author confirms
    it by sending it back as `pen_name_confirmed` (the very text: a changed pen name
    is asked about again), and the moderators see it was flagged and kept.

    Raises StoryBlocked for structured identifiers and ConfirmationNeeded while
    a name, place or other detail was not yet shown to the author."""
    require_not_suspended(author, ERROR_SUSPENDED)
    report = check_privacy(content)
    if report.blocked:
        raise StoryBlocked(
            report.blocked, report.pen_name_blocked, elsewhere=report.blocked_elsewhere
        )
    unreviewed = report.unreviewed(reviewed)
    pen_name = content.pseudonym.strip()
    unconfirmed = report.pen_name if pen_name_confirmed.strip() != pen_name else ()
    if unreviewed or unconfirmed:
        raise ConfirmationNeeded(unreviewed, unconfirmed)
    content = replace(content, pseudonym_confirmed=bool(report.pen_name))
    replace_keys = set(replace_keys)
    if replace_keys:
        content = content.with_texts(
            privacy_check.replace(
                content.texts(), keys=replace_keys, pen_name_at=content.pen_name_at()
            )
        )
    page = save_draft(author=author, content=content, story=story)
    state = WorkflowState.objects.for_instance(page).active().first()
    if state is not None and state.status == WorkflowState.STATUS_NEEDS_CHANGES:
        state.resume(user=author)
    else:
        workflow = moderation.story_workflow()
        if workflow is None:
            raise ValidationError(ERROR_NO_INDEX)
        workflow.start(page, author)
    record_event(action="stories.submitted", actor=author, subject=author, obj=page)
    forget_drafts_before_hand_in(story=page)
    return page


def forget_drafts_before_hand_in(*, story: StoryPage) -> int:
    """Handed in: the drafts saved before are the author's text before the privacy
    check (a name they have just replaced). From now on moderators and coordinators
    see the story in the admin, so none of it may stay: the earlier drafts go (but
    the live version and every earlier hand-in, which a review refers to), and a
    story never published takes its title, address, text and search entry from the
    checked version (its row still held its first draft). Returns how many went."""
    story = StoryPage.objects.get(pk=story.pk)
    handed_in = story.latest_revision
    if handed_in is None:
        return 0
    reviewed = TaskState.objects.filter(revision__in=story.revisions.all()).values("revision_id")
    drafts = (
        story.revisions.exclude(pk=handed_in.pk)
        .exclude(pk=story.live_revision_id or 0)
        .exclude(pk__in=reviewed)
        .filter(created_at__lte=handed_in.created_at)
    )
    count = drafts.count()
    if count:
        drafts.delete()
    if story.first_published_at is None:
        checked = handed_in.as_object()
        checked.latest_revision = handed_in
        checked.save(clean=False)
    _forget_draft_titles(story)
    return count


def _task_state_for_review(story: StoryPage) -> TaskState:
    state = WorkflowState.objects.for_instance(story).active().first()
    if (
        state is None
        or state.status != WorkflowState.STATUS_IN_PROGRESS
        or state.current_task_state is None
    ):
        raise ValidationError(ERROR_NOT_IN_REVIEW)
    return state.current_task_state


# Notifications (in-app and e-mail): the new state and a link, never the story's text.
# Keys of notifications.messages: the words are made in the reader's language.
STORY_PUBLISHED = "stories.published"
STORY_SCHEDULED = "stories.scheduled"
STORY_CHANGES_REQUESTED = "stories.changes_requested"


def _notify_owner(story: StoryPage, message: str, params: dict[str, Any] | None = None) -> None:
    with translation.override(settings.LANGUAGE_CODE):
        url = reverse("stories:mine")
    notifications.notify(
        recipient=story.owner,
        kind="moderation",
        message=message,
        params=params,
        url=url,
        email=True,
    )


def _moderator_comment(comment: str) -> str:
    """The moderator's message to the author, through the privacy gate like every
    stored text: structured identifiers block it; names and places in it are
    replaced by their placeholders (the author knows whom they wrote about)."""
    comment = comment.strip()
    if not comment:
        return ""
    result = privacy_gate.check(comment)
    if result.blocked:
        raise privacy_gate.TextBlocked(result.blocking, field="comment")
    return result.redacted


ADMIN_TEXT_NOT_KEPT = _(
    "(Deze opmerking is niet bewaard: de privacycontrole was niet bereikbaar. Schrijf haar "
    "opnieuw.)"
)


def redacted_admin_text(text: str) -> str:
    """A moderator's text about a story written in the Wagtail admin (the review
    task's comment, a comment or reply on the page) is stored only redacted. The admin
    cannot show the gate's refusal, so structured identifiers are replaced by their
    placeholders as well; a detector that cannot be reached keeps nothing of the text."""
    if not text.strip():
        return text
    try:
        return privacy_gate.check(text).redacted
    except ValidationError:
        return str(ADMIN_TEXT_NOT_KEPT)


@transaction.atomic
def publish_story(*, moderator: Any, story: StoryPage, comment: str = "") -> StoryPage:
    """Approve the story's review task: Wagtail publishes the submitted revision
    (and purge_old_revisions removes the versions before it). When an editor gave
    it a go-live moment in the future, Wagtail keeps it for that moment instead
    (`publish_scheduled` publishes it, see announce_scheduled_publication): the
    author hears it is approved and when it appears."""
    if not rules.can_moderate_stories(moderator):
        raise PermissionDenied(ERROR_NOT_MODERATOR)
    task_state = _task_state_for_review(story)
    comment = _moderator_comment(comment)
    task_state.task.specific.on_action(task_state, moderator, "approve", comment=comment)
    page = StoryPage.objects.get(pk=story.pk)
    scheduled = page.scheduled_revision
    if scheduled is not None:
        record_event(action="stories.scheduled", actor=moderator, subject=page.owner, obj=page)
        _notify_owner(page, STORY_SCHEDULED, {"moment": scheduled.approved_go_live_at})
    else:
        record_event(action="stories.published", actor=moderator, subject=page.owner, obj=page)
        _notify_owner(page, STORY_PUBLISHED)
    return page


def announce_scheduled_publication(*, story: StoryPage, revision: Revision) -> None:
    """A version approved for a later moment went live (`publish_scheduled`): the
    author hears it is published, as after an immediate publication. Wagtail
    sends page_published for that, and also when it only schedules a story that
    is not yet online; the story is live only in the first case."""
    if story.live and revision.approved_go_live_at is not None:
        _notify_owner(story, STORY_PUBLISHED)


@transaction.atomic
def request_changes(*, moderator: Any, story: StoryPage, comment: str) -> StoryPage:
    """Reject the review task with a comment the author reads in "Mijn verhalen"."""
    if not rules.can_moderate_stories(moderator):
        raise PermissionDenied(ERROR_NOT_MODERATOR)
    if not comment.strip():
        raise ValidationError({"comment": ERROR_COMMENT_REQUIRED})
    task_state = _task_state_for_review(story)
    comment = _moderator_comment(comment)
    task_state.task.specific.on_action(task_state, moderator, "reject", comment=comment)
    record_event(
        action="stories.changes_requested", actor=moderator, subject=story.owner, obj=story
    )
    _notify_owner(story, STORY_CHANGES_REQUESTED)
    return story


@transaction.atomic
def withdraw_story(*, author: Any, story: StoryPage) -> StoryPage:
    """The author stops their story, at any moment (issue 13): a live story goes
    offline at once, a version approved for a later go-live moment is no longer
    published by `publish_scheduled`, a review in progress ends."""
    if not rules.can_edit_story(author, story):
        raise PermissionDenied(ERROR_NOT_YOURS)
    story = StoryPage.objects.get(pk=story.pk)
    scheduled = list(story.revisions.filter(approved_go_live_at__isnull=False))
    if not story.live and not scheduled:
        raise ValidationError(ERROR_NOT_PUBLISHED)
    for state in WorkflowState.objects.for_instance(story).active():
        state.cancel(user=author)
    for revision in scheduled:
        # As Wagtail's "cancel scheduled publish" does: saving the cleared moment
        # logs wagtail.schedule.cancel in the page's history.
        revision.approved_go_live_at = None
        revision.save(user=author, update_fields=["approved_go_live_at"])
    if story.live:
        UnpublishPageAction(story, user=author).execute(skip_permission_checks=True)
    StoryPage.objects.filter(pk=story.pk).update(withdrawn_at=timezone.now())
    record_event(action="stories.withdrawn", actor=author, subject=author, obj=story)
    return StoryPage.objects.get(pk=story.pk)


@transaction.atomic
def purge_old_revisions(*, story: StoryPage, keep: Revision) -> int:
    """Delete every revision of the story older than the published one: drafts
    may hold names the author replaced before submitting. Returns how many went."""
    old = story.revisions.exclude(pk=keep.pk).filter(created_at__lte=keep.created_at)
    count = old.count()
    if count:
        old.delete()
        record_event(action="stories.revisions_purged", subject=story.owner, obj=story)
    _forget_draft_titles(story)
    if story.withdrawn_at is not None:
        StoryPage.objects.filter(pk=story.pk).update(withdrawn_at=None)
    return count


def _forget_draft_titles(story: StoryPage) -> None:
    """Wagtail's history of the page names it by its title at each action: the
    drafts' raw titles. From the publication on, every entry carries the published
    title (`without_old_title` keeps the entries written after this one clean)."""
    title = StoryPage.objects.filter(pk=story.pk).values_list("title", flat=True).first()
    entries = PageLogEntry.objects.filter(page_id=story.pk)
    entries.exclude(label=title).update(label=title or "")
    for entry in entries.filter(data__has_key="title"):
        entry.data = without_old_title(entry.data)
        entry.save(update_fields=["data"])


def without_old_title(data: Any) -> Any:
    """A log entry's data without the title before and after a rename."""
    if isinstance(data, dict) and "title" in data:
        return {key: value for key, value in data.items() if key != "title"}
    return data


def forget_in_search(*, story: StoryPage) -> None:
    """A story that went offline (withdrawn, unpublished, expired) leaves the search
    index at once: only published stories are searchable (StoryPage.get_indexed_objects),
    and the index would otherwise keep the text it had until the next publication."""
    if not StoryPage.objects.filter(pk=story.pk, live=True).exists():
        search_index.remove_object(story)
        merge_full_text_index()


def merge_full_text_index(using: str = "default") -> None:
    """On SQLite, merge the full-text index beside Wagtail's IndexEntry into one
    segment. A deleted entry leaves its words (a story's text before the privacy
    check included) in FTS5's older segments until they merge; merged, those blocks
    are freed and zeroed (secure_delete). Other databases keep no such table."""
    connection = connections[using]
    if connection.vendor != "sqlite":
        return
    table = "wagtailsearch_indexentry_fts"
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = %s", [table]
        )
        if cursor.fetchone()[0]:
            cursor.execute(f"INSERT INTO {table}({table}) VALUES ('optimize')")  # noqa: S608


# --- the discussion (stories.discussion, through forum.services) -------------------


@transaction.atomic
def sync_discussion(*, story: StoryPage) -> None:
    """After a publication or unpublication (any route: the site's pages, the
    admin, a withdrawal): the story's discussion follows at once."""
    story = StoryPage.objects.get(pk=story.pk)
    discussion.sync_with_publication(story=story, live=story.live)


@transaction.atomic
def set_discussion_open(*, author: Any, story: StoryPage, open_: bool) -> StoryPage:
    """The author closes the discussion about their story (members read it, nobody
    adds to it) or reopens it. Only while the story is online."""
    if not rules.can_edit_story(author, story):
        raise PermissionDenied(ERROR_NOT_YOURS)
    story = StoryPage.objects.get(pk=story.pk)
    if not story.live:
        raise ValidationError(ERROR_NOT_PUBLISHED)
    if not discussion.set_open(story=story, open_=open_):
        raise ValidationError(ERROR_NO_DISCUSSION)
    action = "stories.discussion_reopened" if open_ else "stories.discussion_closed"
    record_event(action=action, actor=author, subject=author, obj=story)
    return story
