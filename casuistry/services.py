"""Every change of state of a case: one function per use case, one transaction each.

Invariants: only text that went through ``privacy.redact_text`` (casuistry.anonymise)
is saved; a structured identifier (BSN, IBAN, phone, ...) blocks; no two moderators
work on one case; every moderation step is in the audit log; e-mails carry a link,
never case text."""

from __future__ import annotations

import logging
from datetime import datetime
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from django.views.decorators.debug import sensitive_variables

import privacy
from forum import services as forum_services
from members import privacy_gate
from members.permissions import (
    can_moderate,
    can_use_members_area,
    require_not_suspended,
    suspension_refusal,
)
from members.services import record_event
from notifications import services as notifications

from . import library_html
from .anonymise import FALSE_FIND_LABELS, PLACEHOLDER, anonymise, next_placeholder
from .audit import CaseAuditAction
from .methods import MAX_PART_CHARS, MAX_TITLE_CHARS, parts_for
from .models import QUEUE_STATUSES, Case, Status, join_choices

logger = logging.getLogger(__name__)

ERROR_STRUCTURED = _(
    "Er staat nog een gegeven in dat iemand direct herkenbaar maakt (zoals een BSN, "
    "telefoonnummer, e-mailadres, IBAN, postcode of kenteken). Haal het weg; je tekst "
    "blijft staan."
)
ERROR_CHANGED_SINCE_PREVIEW = _(
    "Je tekst is veranderd sinds de controle. Bekijk de controle opnieuw voordat je "
    "de casus instuurt."
)
ERROR_SERVICE_DOWN = _(
    "De controle op herkenbare gegevens werkt op dit moment niet. Je tekst is niet "
    "verstuurd en niet bewaard. Probeer het over een paar minuten opnieuw."
)
ERROR_TOO_LONG = _("Deze tekst is te lang. Maak hem korter.")
ERROR_EMPTY_PART = _("Vul dit deel in.")
ERROR_BAD_FALSE_FIND = _(
    "Alleen namen, plaatsen en instellingen kun je als onterechte vondst melden."
)
ERROR_ALREADY_CLAIMED = _("Een andere moderator heeft deze casus al opgepakt.")
ERROR_NOT_IN_QUEUE = _("Deze casus wacht niet (meer) op een moderator.")
ERROR_NOT_CLAIMED_BY_YOU = _("Pak de casus eerst op voordat je hem behandelt.")
ERROR_WITHDRAWN = _("De inbrenger heeft deze casus ingetrokken. Er is niets meer te doen.")
ERROR_NOT_MODERATOR = _("Alleen moderatoren mogen casussen behandelen.")
ERROR_NOT_AUTHOR = _("Dit is niet jouw casus.")
ERROR_NOT_EDITABLE = _("Je kunt deze casus alleen aanpassen als de moderator daarom vraagt.")
ERROR_NOT_WITHDRAWABLE = _("Deze casus kun je niet meer intrekken.")
ERROR_MESSAGE_REQUIRED = _("Schrijf een bericht voor de inbrenger.")
ERROR_SPAN = _("Dit stuk tekst staat niet (meer) in de casus. Kies het opnieuw.")
DEFAULT_DISCUSSION_TEXT = _("Wat vind jij van deze casus? Deel je reflectie.")
ERROR_NOT_PUBLISHED = _("Alleen gepubliceerde casussen kunnen worden uitgelicht.")
ERROR_MESSAGE_STRUCTURED = _(
    "Je bericht bevat een gegeven dat iemand direct herkenbaar maakt (zoals een BSN, "
    "telefoonnummer of e-mailadres). Haal het weg; je bericht staat nog in het formulier."
)

ERROR_SUSPENDED = _(
    "Je bent geschorst tot %(until)s. Tot dan kun je geen casus insturen; je tekst blijft staan."
)

DEFAULT_ARCHIVE_AFTER_MONTHS = 24
DEFAULT_DELETE_AFTER_MONTHS = 12


# --- the discussion, through forum.services only ----------------------------------


def open_discussion(*, case: Case, moderator: Any) -> int:
    """Open the case's discussion in the forum and return its thread id.

    Alias mode: the author is "Inbrenger", others "Deelnemer A, B, ...". The first post
    is the author's own question to peers (already redacted); the moderator's approval
    accepts any placeholder the forum's own check adds."""
    category = forum_services.discussion_category(
        slug=settings.CASUISTRY_FORUM_CATEGORY,
        name=str(_("Casuïstiek")),
        description=str(_("Geanonimiseerde casussen bespreken met collega's.")),
    )
    author = case.author if case.author is not None and case.author.is_active else moderator
    text = case.parts.get("vraag") or str(DEFAULT_DISCUSSION_TEXT)
    arguments = {
        "category": category,
        "title": case.title,
        "author": author,
        "text": text,
        "subject": case,
        "alias_mode": True,
    }
    try:
        thread = forum_services.open_thread(**arguments)
    except ValidationError as error:
        placeholders = getattr(error, "placeholders", None)
        if placeholders is None:
            raise
        thread = forum_services.open_thread(**arguments, accepted_placeholders=placeholders)
    return thread.pk


def _discussion_hidden(case: Case) -> None:
    if case.discussion_thread_id is not None:
        forum_services.set_discussion_state(thread_id=case.discussion_thread_id, hidden=True)


def _discussion_locked(case: Case) -> None:
    if case.discussion_thread_id is not None:
        forum_services.set_discussion_state(thread_id=case.discussion_thread_id, locked=True)


def _discussion_deleted(case: Case) -> None:
    if case.discussion_thread_id is not None:
        forum_services.delete_discussion(thread_id=case.discussion_thread_id)


# --- notifications -------------------------------------------------------------------

# A key of notifications.messages; the status's Dutch label is its message id, so
# the bell shows it in the reader's language.
STATUS_NOTIFICATION = "casuistry.status"


def _notify_author(case: Case) -> None:
    """E-mail the author after commit: the new status and a link, never case text."""
    author = case.author
    if author is None or not author.is_active:
        return
    # In-app (the bell) as well; the e-mail stays the one below.
    with translation.override(settings.LANGUAGE_CODE):
        status = str(case.get_status_display())
        url = reverse("casuistry:mine")
    notifications.notify(
        recipient=author,
        kind="moderation",
        message=STATUS_NOTIFICATION,
        params={"status": status},
        url=url,
        email=False,
    )
    profile = getattr(author, "profile", None)
    if profile is not None and not profile.notify_moderation:
        return
    email = author.email
    context = {
        "status": case.get_status_display(),
        "url": settings.WAGTAILADMIN_BASE_URL.rstrip("/") + reverse("casuistry:mine"),
    }

    def send() -> None:
        with translation.override(settings.LANGUAGE_CODE):
            subject = render_to_string("casuistry/email/status_subject.txt", context).strip()
            body = render_to_string("casuistry/email/status_body.txt", context)
        send_mail(subject, body, None, [email])

    transaction.on_commit(send)


# --- the author's path ---------------------------------------------------------------


@sensitive_variables()
def _texts_of(data: dict[str, Any]) -> dict[str, str]:
    """Title and the method's parts, checked for length and emptiness."""
    errors: dict[str, Any] = {}
    title = (data.get("title") or "").strip()
    if not title:
        errors["title"] = ERROR_EMPTY_PART
    elif len(title) > MAX_TITLE_CHARS:
        errors["title"] = ERROR_TOO_LONG
    texts = {"title": title}
    raw_parts = data.get("parts") or {}
    for part in parts_for(data.get("method", "")):
        text = (raw_parts.get(part.key) or "").strip()
        if not text:
            errors[part.key] = ERROR_EMPTY_PART
        elif len(text) > MAX_PART_CHARS:
            errors[part.key] = ERROR_TOO_LONG
        texts[part.key] = text
    if len(texts) == 1:
        errors["method"] = _("Kies een reflectiemethode.")
    if errors:
        raise ValidationError(errors)
    return texts


@sensitive_variables()
def _anonymised(texts: dict[str, str], confirmed: dict[str, str]) -> dict[str, str]:
    try:
        result = anonymise(texts)
    except privacy.TextTooLong:
        raise ValidationError(ERROR_TOO_LONG) from None
    except privacy.PrivacyServiceError as exc:
        # The exception names the service, never the text; keep the text out of the log.
        logger.warning("Privacy service unavailable on submit: %s", type(exc).__name__)
        raise ValidationError(ERROR_SERVICE_DOWN) from None
    if result.blocked:
        raise ValidationError(dict.fromkeys(result.blocked, ERROR_STRUCTURED))
    redacted = result.redacted
    if redacted != {k: confirmed.get(k, "") for k in redacted}:
        raise ValidationError(ERROR_CHANGED_SINCE_PREVIEW)
    return redacted


def _checked_false_finds(false_finds: list[dict[str, str]], redacted: dict[str, str]) -> list:
    marks = []
    for mark in false_finds:
        part, label, placeholder = mark.get("part"), mark.get("label"), mark.get("placeholder")
        match = PLACEHOLDER.fullmatch(placeholder or "")
        if (
            label not in FALSE_FIND_LABELS
            or match is None
            or match.group(1) != label
            or part not in redacted
            or placeholder not in redacted[part]
        ):
            raise ValidationError(ERROR_BAD_FALSE_FIND)
        entry = {"part": part, "label": label, "placeholder": placeholder}
        if entry not in marks:
            marks.append(entry)
    return marks


def _structured_fields(case: Case, data: dict[str, Any]) -> None:
    case.method = data["method"]
    case.setting = data["setting"]
    case.age_bands = join_choices(list(data.get("age_bands") or []))
    case.violence_forms = join_choices(list(data.get("violence_forms") or []))
    case.meldcode_step = data["meldcode_step"]
    case.peer_request = data["peer_request"]


def suspension_refusal_for(author: Any) -> str | None:
    """Why a suspended member cannot hand in a case now (with the end date), or
    None: the intake asks it before the preview, the services before storing."""
    return suspension_refusal(author, ERROR_SUSPENDED)


def _clean_case(case: Case) -> None:
    try:
        case.full_clean()
    except ValidationError as error:
        # Model messages name fields, never their values; still, never echo text.
        raise ValidationError(_("Controleer de keuzes in het formulier.")) from error


@sensitive_variables()
@transaction.atomic
def submit_case(
    *,
    author: Any,
    data: dict[str, Any],
    confirmed_redacted_parts: dict[str, str],
    false_finds: list[dict[str, str]],
) -> Case:
    """Store a new case: the title and parts are redacted again here and must equal
    what the author confirmed on the preview; structured identifiers block."""
    if not can_use_members_area(author):
        raise PermissionDenied
    require_not_suspended(author, ERROR_SUSPENDED)
    texts = _texts_of(data)
    redacted = _anonymised(texts, confirmed_redacted_parts)
    profile = getattr(author, "profile", None)
    case = Case(
        title=redacted.pop("title"),
        parts=redacted,
        author=author,
        organisation_name=(
            profile.organisation.name if profile is not None and profile.organisation else ""
        ),
        profession=profile.profession if profile is not None else "",
        status=Status.SUBMITTED,
        submitted_at=timezone.now(),
    )
    _structured_fields(case, data)
    case.false_finds = _checked_false_finds(false_finds, {"title": case.title, **case.parts})
    _clean_case(case)
    case.save()
    record_event(action=CaseAuditAction.CASE_SUBMITTED, actor=author, subject=author, obj=case)
    return case


@sensitive_variables()
@transaction.atomic
def resubmit_case(
    *,
    author: Any,
    case: Case,
    data: dict[str, Any],
    confirmed_redacted_parts: dict[str, str],
    false_finds: list[dict[str, str]],
) -> Case:
    """The author's edit after the moderator asked for changes: back in the queue, with
    the same moderator, redacted like a new case."""
    case = Case.objects.select_for_update().get(pk=case.pk)
    if case.author_id != author.pk:
        raise PermissionDenied(ERROR_NOT_AUTHOR)
    if case.status != Status.CHANGES_REQUESTED:
        raise ValidationError(ERROR_NOT_EDITABLE)
    require_not_suspended(author, ERROR_SUSPENDED)
    texts = _texts_of(data)
    redacted = _anonymised(texts, confirmed_redacted_parts)
    case.title = redacted.pop("title")
    case.parts = redacted
    _structured_fields(case, data)
    case.false_finds = _checked_false_finds(false_finds, {"title": case.title, **case.parts})
    case.status = Status.IN_REVIEW if case.claimed_by_id else Status.SUBMITTED
    _clean_case(case)
    case.save()
    record_event(action=CaseAuditAction.CASE_RESUBMITTED, actor=author, subject=author, obj=case)
    return case


@transaction.atomic
def withdraw_case(*, author: Any, case: Case) -> Case:
    """The author takes the case back, at any stage: hidden at once, with its discussion."""
    case = Case.objects.select_for_update().get(pk=case.pk)
    if case.author_id != author.pk:
        raise PermissionDenied(ERROR_NOT_AUTHOR)
    if not case.is_withdrawable:
        raise ValidationError(ERROR_NOT_WITHDRAWABLE)
    case.status = Status.WITHDRAWN
    case.withdrawn_at = timezone.now()
    case.featured = False
    case.save(update_fields=["status", "withdrawn_at", "featured", "updated_at"])
    _discussion_hidden(case)
    record_event(action=CaseAuditAction.CASE_WITHDRAWN, actor=author, subject=author, obj=case)
    return case


# --- the moderator's path ------------------------------------------------------------


def _require_moderator(moderator: Any) -> None:
    if not can_moderate(moderator):
        raise PermissionDenied(ERROR_NOT_MODERATOR)


def _claimed_case(*, moderator: Any, case: Case) -> Case:
    """The case, locked, if this moderator holds it and it is still under review."""
    _require_moderator(moderator)
    case = Case.objects.select_for_update().get(pk=case.pk)
    if case.status == Status.WITHDRAWN:
        raise ValidationError(ERROR_WITHDRAWN)
    if case.status != Status.IN_REVIEW:
        raise ValidationError(ERROR_NOT_IN_QUEUE)
    if case.claimed_by_id != moderator.pk:
        raise ValidationError(ERROR_NOT_CLAIMED_BY_YOU)
    return case


def _audit(action: str, *, moderator: Any, case: Case, reason: str = "") -> None:
    record_event(action=action, actor=moderator, subject=case.author, obj=case, reason=reason)


@transaction.atomic
def claim_case(*, moderator: Any, case: Case) -> Case:
    """Take a submitted case. One conditional UPDATE decides a race: the loser is told
    another moderator has it."""
    _require_moderator(moderator)
    now = timezone.now()
    won = Case.objects.filter(pk=case.pk, status=Status.SUBMITTED, claimed_by__isnull=True).update(
        status=Status.IN_REVIEW, claimed_by=moderator, claimed_at=now, updated_at=now
    )
    case = Case.objects.get(pk=case.pk)
    if not won:
        if case.status == Status.IN_REVIEW and case.claimed_by_id == moderator.pk:
            return case
        if case.status == Status.WITHDRAWN:
            raise ValidationError(ERROR_WITHDRAWN)
        if case.claimed_by_id is not None and case.status in QUEUE_STATUSES:
            raise ValidationError(ERROR_ALREADY_CLAIMED)
        raise ValidationError(ERROR_NOT_IN_QUEUE)
    _audit(CaseAuditAction.CASE_CLAIMED, moderator=moderator, case=case)
    return case


def _check_label(label: str) -> str:
    try:
        return str(privacy.Label(label))
    except ValueError:
        raise ValidationError(_("Kies een soort gegeven.")) from None


@transaction.atomic
def redact_further(
    *, moderator: Any, case: Case, part: str, start: int, end: int, label: str
) -> Case:
    """Replace ``parts[part][start:end]`` by the next placeholder of ``label``."""
    case = _claimed_case(moderator=moderator, case=case)
    label = _check_label(label)
    text = case.title if part == "title" else case.parts.get(part)
    if text is None or not (0 <= start < end <= len(text)) or not text[start:end].strip():
        raise ValidationError(ERROR_SPAN)
    placeholder = next_placeholder([case.title, *case.parts.values()], label)
    new_text = text[:start] + placeholder + text[end:]
    if part == "title":
        case.title = new_text
    else:
        case.parts = {**case.parts, part: new_text}
    case.save(update_fields=["title", "parts", "updated_at"])
    _audit(CaseAuditAction.CASE_REDACTED, moderator=moderator, case=case, reason=f"{part}:{label}")
    return case


@transaction.atomic
def redact_phrase(*, moderator: Any, case: Case, part: str, phrase: str, label: str) -> Case:
    """Replace every occurrence of ``phrase`` in one part by one new placeholder."""
    case = _claimed_case(moderator=moderator, case=case)
    label = _check_label(label)
    text = case.title if part == "title" else case.parts.get(part)
    phrase = phrase.strip()
    if text is None or not phrase or phrase not in text:
        raise ValidationError(ERROR_SPAN)
    placeholder = next_placeholder([case.title, *case.parts.values()], label)
    new_text = text.replace(phrase, placeholder)
    if part == "title":
        case.title = new_text
    else:
        case.parts = {**case.parts, part: new_text}
    case.save(update_fields=["title", "parts", "updated_at"])
    _audit(CaseAuditAction.CASE_REDACTED, moderator=moderator, case=case, reason=f"{part}:{label}")
    return case


@transaction.atomic
def edit_title(*, moderator: Any, case: Case, title: str) -> Case:
    """A clearer title; it is redacted too, and structured identifiers are refused."""
    case = _claimed_case(moderator=moderator, case=case)
    title = title.strip()
    if not title:
        raise ValidationError({"title": ERROR_EMPTY_PART})
    if len(title) > MAX_TITLE_CHARS:
        raise ValidationError({"title": ERROR_TOO_LONG})
    try:
        result = anonymise({"title": title, **{"_rest": " ".join(case.parts.values())}})
    except privacy.PrivacyServiceError:
        raise ValidationError(ERROR_SERVICE_DOWN) from None
    if result.blocked.get("title"):
        raise ValidationError({"title": ERROR_STRUCTURED})
    case.title = result.parts["title"].redacted
    case.save(update_fields=["title", "updated_at"])
    _audit(CaseAuditAction.CASE_TITLE_EDITED, moderator=moderator, case=case)
    return case


@sensitive_variables()
def _message(text: str) -> str:
    """The moderator's message or reason, through the privacy gate like every stored
    text: a structured identifier refuses it, names and places become placeholders
    (the author reads it next to their own, already redacted, case)."""
    text = text.strip()
    if not text:
        raise ValidationError({"message": ERROR_MESSAGE_REQUIRED})
    if len(text) > MAX_PART_CHARS:
        raise ValidationError({"message": ERROR_TOO_LONG})
    try:
        checked = privacy_gate.check(text, max_chars=MAX_PART_CHARS)
    except ValidationError:
        logger.warning("Privacy service unavailable on a moderator's message")
        raise ValidationError({"message": ERROR_SERVICE_DOWN}) from None
    if checked.blocked:
        raise ValidationError({"message": ERROR_MESSAGE_STRUCTURED})
    return checked.redacted


@transaction.atomic
def ask_changes(*, moderator: Any, case: Case, message: str) -> Case:
    """Back to the author with a message; the moderator keeps the case."""
    case = _claimed_case(moderator=moderator, case=case)
    case.moderator_message = _message(message)
    case.status = Status.CHANGES_REQUESTED
    case.save(update_fields=["moderator_message", "status", "updated_at"])
    _audit(CaseAuditAction.CASE_CHANGES_ASKED, moderator=moderator, case=case)
    _notify_author(case)
    return case


@transaction.atomic
def reject(*, moderator: Any, case: Case, reason: str) -> Case:
    case = _claimed_case(moderator=moderator, case=case)
    case.moderator_message = _message(reason)
    case.status = Status.REJECTED
    case.save(update_fields=["moderator_message", "status", "updated_at"])
    _audit(CaseAuditAction.CASE_REJECTED, moderator=moderator, case=case)
    _notify_author(case)
    return case


@transaction.atomic
def approve(*, moderator: Any, case: Case) -> Case:
    """Publish the case and open its discussion (``open_discussion``)."""
    case = _claimed_case(moderator=moderator, case=case)
    case.status = Status.PUBLISHED
    case.published_at = timezone.now()
    case.moderator_message = ""
    case.save(update_fields=["status", "published_at", "moderator_message", "updated_at"])
    if case.discussion_thread_id is None:
        case.discussion_thread_id = open_discussion(case=case, moderator=moderator)
        case.save(update_fields=["discussion_thread_id"])
    _audit(CaseAuditAction.CASE_APPROVED, moderator=moderator, case=case)
    _notify_author(case)
    return case


@transaction.atomic
def set_featured(*, moderator: Any, case: Case, featured: bool) -> Case:
    """Mark a published case "uitgelicht" for courses and intervisie, or unmark it."""
    _require_moderator(moderator)
    case = Case.objects.select_for_update().get(pk=case.pk)
    if case.status != Status.PUBLISHED:
        raise ValidationError(ERROR_NOT_PUBLISHED)
    case.featured = featured
    case.save(update_fields=["featured", "updated_at"])
    _audit(CaseAuditAction.CASE_FEATURED, moderator=moderator, case=case, reason=str(featured))
    return case


# --- retention -----------------------------------------------------------------------


def _months(name: str, default: int) -> int:
    return int(getattr(settings, name, default))


def months_before(moment: datetime, months: int) -> datetime:
    """``moment`` minus whole calendar months; the 31st becomes the month's last day."""
    import calendar

    month_index = moment.year * 12 + moment.month - 1 - months
    year, month = divmod(month_index, 12)
    day = min(moment.day, calendar.monthrange(year, month + 1)[1])
    return moment.replace(year=year, month=month + 1, day=day)


@transaction.atomic
def archive_and_delete_expired(*, now: datetime | None = None) -> tuple[int, int]:
    """Archive cases published longer ago than CASUISTRY_ARCHIVE_AFTER_MONTHS (default
    24); delete archived ones after a further CASUISTRY_DELETE_AFTER_MONTHS (default
    12), and withdrawn or rejected ones that long after the fact. Returns
    (archived, deleted)."""
    now = now or timezone.now()
    archive_before = months_before(
        now, _months("CASUISTRY_ARCHIVE_AFTER_MONTHS", DEFAULT_ARCHIVE_AFTER_MONTHS)
    )
    delete_before = months_before(
        now, _months("CASUISTRY_DELETE_AFTER_MONTHS", DEFAULT_DELETE_AFTER_MONTHS)
    )
    archived = 0
    for case in Case.objects.select_for_update().filter(
        status=Status.PUBLISHED, published_at__lt=archive_before
    ):
        case.status = Status.ARCHIVED
        case.archived_at = now
        case.featured = False
        case.save(update_fields=["status", "archived_at", "featured", "updated_at"])
        _discussion_locked(case)
        record_event(action=CaseAuditAction.CASE_ARCHIVED, obj=case)
        archived += 1
    deleted = 0
    # Archived cases after the further period; withdrawn and rejected cases (nobody
    # reads them again) the same period after they were withdrawn or decided.
    expired = (
        Q(status=Status.ARCHIVED, archived_at__lt=delete_before)
        | Q(status=Status.WITHDRAWN, withdrawn_at__lt=delete_before)
        | Q(status=Status.REJECTED, updated_at__lt=delete_before)
    )
    for case in Case.objects.select_for_update().filter(expired):
        _discussion_deleted(case)
        record_event(action=CaseAuditAction.CASE_DELETED, obj=case)
        case.delete()
        deleted += 1
    return archived, deleted


# --- personal data ("Mijn gegevens") -------------------------------------------------


def export_cases(user: Any) -> list[dict[str, Any]]:
    return [
        {
            "title": case.title,
            "status": case.status,
            "method": case.method,
            "parts": case.parts,
            "submitted_at": case.submitted_at.isoformat(),
            "published_at": case.published_at.isoformat() if case.published_at else None,
            "moderator_message": case.moderator_message,
        }
        for case in Case.objects.filter(author=user).order_by("submitted_at", "pk")
    ]


def erase_cases(user: Any) -> None:
    """Unpublished cases go; published ones stay for the library without their author
    (profession only, as the library always showed). A moderator's claims are let go."""
    kept = (Status.PUBLISHED, Status.ARCHIVED)
    Case.objects.filter(author=user).exclude(status__in=kept).delete()
    Case.objects.filter(author=user).update(author=None, organisation_name="")
    Case.objects.filter(claimed_by=user).update(claimed_by=None)
    # The updates above send no signal; the library shows these cases.
    library_html.forget()


def register_personal_data() -> None:
    from members import personal_data

    personal_data.register(
        personal_data.PersonalDataProvider(
            key="cases", label="Casussen", export=export_cases, erase=erase_cases
        )
    )
