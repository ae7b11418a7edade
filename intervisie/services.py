"""Every change of state in an intervisie session: one function per use case, one
transaction each. Views, the consumer and the management commands call these, so
the method's rules hold however a text arrives (the page is never the guard).

The rules, per phase (`RuleKind`), for everyone but the facilitator, who guards the
steps and may always write except in a blind round:

- free: everyone writes.
- questions_only: only questions. A question is a text that ends with a question
  mark (after trailing spaces): anything else is refused with ERROR_NOT_A_QUESTION.
  The inbrenger answers, so their texts are not held to this.
- inbrenger_silent: the inbrenger reads and does not write (ERROR_INBRENGER_SILENT).
- blind_positions: what is written is a position, seen by its author only until the
  facilitator reveals all positions at once (`reveal_positions`).
- reveal: as free; the facilitator reveals the positions.

Only the facilitator starts, moves to the next phase, extends the timer and reveals.
Asynchronous sessions also move by date (`catch_up`, `advance_due_sessions`).
Every text goes through the members' privacy gate (members.privacy_gate.accepted_text):
only the redacted text the author accepted is stored."""

from __future__ import annotations

import string
from collections.abc import Collection, Iterable
from datetime import datetime, timedelta
from typing import Any, NamedTuple

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

import casuistry.selectors
import courses.services
from members import privacy_gate
from members.permissions import can_use_members_area, require_not_suspended, suspension_refusal
from notifications import services as notifications

from . import broadcast, clock, permissions, selectors
from .models import (
    MAX_PARTICIPANTS,
    MIN_PARTICIPANTS,
    NO_INBRENGER,
    Audience,
    Contribution,
    Method,
    Mode,
    Participant,
    Role,
    RuleKind,
    Session,
    SessionEvent,
    SessionReflection,
    Status,
)

ERROR_NOT_ALLOWED = _("Dit mag je in deze sessie niet doen.")
ERROR_ONLY_FACILITATOR = _("Alleen de gespreksleider kan dit doen.")
ERROR_NOT_A_QUESTION = _(
    "In de vragenronde stel je alleen vragen: eindig je tekst met een vraagteken. "
    "Je tekst staat nog in het formulier."
)
ERROR_INBRENGER_SILENT = _(
    "In deze fase lees je als inbrenger mee en schrijf je niet. Straks is het jouw beurt."
)
ERROR_FACILITATOR_BLIND = _("In de ronde met verborgen posities schrijven alleen de deelnemers.")
ERROR_NOT_RUNNING = _("De sessie is nu niet bezig: er kan niets bij.")
ERROR_ALREADY_STARTED = _("De sessie is al begonnen.")
ERROR_EMPTY = _("Schrijf eerst je tekst.")
ERROR_SUSPENDED = _(
    "Je bent geschorst tot %(until)s. Tot dan kun je de sessie volgen, maar niet schrijven."
)
ERROR_SUSPENDED_JOIN = _(
    "Je bent geschorst tot %(until)s. Tot dan kun je je niet voor een sessie aanmelden."
)
ERROR_SUSPENDED_CONFIRM = _(
    "Je bent geschorst tot %(until)s. Tot dan kun je niet bevestigen als inbrenger en je "
    "niet voor een sessie aanmelden."
)
ERROR_NO_CASE = _("Kies een gepubliceerde casus uit de bibliotheek.")
ERROR_PARTICIPANT_COUNT = _("Nodig %(min)s tot %(max)s deelnemers uit (de inbrenger meegeteld).")
ERROR_NOT_ASKED = _(
    "Je bent niet (meer) gevraagd als inbrenger van deze sessie, of ze is al begonnen."
)
ERROR_FACILITATOR_IN_LIST = _("Als gespreksleider ben je geen deelnemer of inbrenger.")
ERROR_INBRENGER_CONFIRMED = _(
    "De inbrenger heeft al bevestigd: een ander vragen kan alleen zolang de gevraagde "
    "inbrenger nog niet heeft bevestigd. Plan anders een nieuwe sessie."
)
ERROR_EXTEND = _("Verleng met 1 tot 120 minuten.")
ERROR_NOTHING_TO_REVEAL = _(
    "De posities kunnen alleen in de ronde met posities of de onthulling getoond worden."
)
ERROR_NOT_FINISHED = _("Een reflectie schrijf je na afloop van de sessie.")
ERROR_NO_ORGANISATION = _("Kies de organisatie waarvan de leden zich kunnen aanmelden.")
ERROR_ALREADY_IN = _("Je doet al mee aan deze sessie.")
ERROR_FULL = _("Deze sessie is vol of al begonnen.")
ERROR_NOT_YOUR_CASE = _(
    "Kies een casus die je zelf hebt ingebracht en die niet is afgewezen of ingetrokken."
)

Placeholders = Collection[str]

# --- planning ----------------------------------------------------------------


def _aliases(count: int) -> list[str]:
    letters = string.ascii_uppercase
    return [gettext("Deelnemer %(letter)s") % {"letter": letters[i]} for i in range(count)]


class Invitees(NamedTuple):
    members: list[Any]  # approved members, in the order given
    other_addresses: list[str]  # of no approved member: lower-cased, once each


def invitees_by_email(emails: Iterable[str]) -> Invitees:
    """The approved members for the addresses, in the order given, and the other
    addresses (lower-cased, once each). The planning answers alike for both: whether
    an address has an account is not for whoever types it to learn."""
    wanted = [email.strip().lower() for email in emails if email.strip()]
    User = get_user_model()
    found = {
        user.email.lower(): user
        for user in User.objects.filter(email__in=wanted).select_related("profile")
        if can_use_members_area(user)
    }
    missing = list(dict.fromkeys(email for email in wanted if email not in found))
    unique: dict[int, Any] = {}
    for email in wanted:
        if email in found:
            unique.setdefault(found[email].pk, found[email])
    return Invitees(list(unique.values()), missing)


@transaction.atomic
def plan_session(
    *,
    facilitator: Any,
    case_id: int | None,
    method: Method,
    mode: str,
    starts_at: datetime,
    inbrenger: Any = None,
    inbrenger_address: str = "",
    participants: list[Any],
    keep_text: bool = True,
    async_days_per_phase: int = 2,
    audience: str = Audience.INVITED,
    organisation: Any = None,
    other_addresses: Collection[str] = (),
) -> Session:
    """A facilitator plans a session on a published case, or on a new case the
    inbrenger brings in (`case_id` None: it goes through casuistry's intake and
    moderation, and the session starts once it is in the library). Who takes part:
    the invited (3 to 12 in all, the inbrenger counted), or for an open session the
    invited so far and whoever of the organisation or the region joins, up to 12.
    Each is invited by e-mail without the case's text. Aliases: "Inbrenger",
    "Deelnemer A", ...; the facilitator is named. `other_addresses`, given for the
    group but of no approved member, count as invited and get an e-mail on how to
    take part, so the planner learns nothing of who has an account; they are stored
    nowhere. The session starts only once enough members take part (start_blocker).

    The inbrenger: the planning form gives the address typed (`inbrenger_address`),
    and whoever it belongs to is asked by e-mail and confirms on /intervisie/ once they
    have an approved account on it (`confirm_inbrenger`); the same for a member and
    for an address without an account, so the planner learns nothing from it, and
    the session cannot start before the inbrenger confirmed. Only a keyed digest of
    the address is stored (`Session.awaited_inbrenger`). `inbrenger`, a member who
    already agreed, takes the role at once (demo data, tests)."""
    if not permissions.can_plan_sessions(facilitator):
        raise PermissionDenied(ERROR_NOT_ALLOWED)
    if (inbrenger is None) == (not inbrenger_address.strip()):
        raise ValueError("give either the inbrenger or the address of the inbrenger")
    case = None
    if case_id is not None:
        case = casuistry.selectors.published_case(case_id)
        if case is None:
            raise ValidationError({"case": ERROR_NO_CASE})
    address = inbrenger_address.strip().lower()
    if inbrenger is not None:
        others = [user for user in participants if user.pk != inbrenger.pk]
        facilitator_asked = facilitator.pk == inbrenger.pk
    else:
        # The inbrenger's address once, as the inbrenger only.
        others = [user for user in participants if (user.email or "").lower() != address]
        other_addresses = [email for email in other_addresses if email != address]
        facilitator_asked = (facilitator.email or "").lower() == address
    if facilitator_asked or any(u.pk == facilitator.pk for u in others):
        raise ValidationError(ERROR_FACILITATOR_IN_LIST)
    if audience == Audience.ORGANISATION and organisation is None:
        raise ValidationError({"organisation": ERROR_NO_ORGANISATION})
    group = len(others) + len(set(other_addresses)) + 1
    if group > MAX_PARTICIPANTS or (audience == Audience.INVITED and group < MIN_PARTICIPANTS):
        raise ValidationError(
            ERROR_PARTICIPANT_COUNT % {"min": MIN_PARTICIPANTS, "max": MAX_PARTICIPANTS}
        )
    session = Session(
        case_id=case.pk if case else None,
        case_title=case.title if case else "",
        new_case=case is None,
        method=method,
        mode=mode,
        starts_at=starts_at,
        facilitator=facilitator,
        keep_text=keep_text,
        async_days_per_phase=async_days_per_phase,
        audience=audience,
        organisation=organisation if audience == Audience.ORGANISATION else None,
        awaited_inbrenger=selectors.address_digest(address) if address else "",
    )
    session.full_clean()
    session.save()
    now = clock.now()
    profile = getattr(facilitator, "profile", None)
    name = (profile.display_name if profile else "") or facilitator.get_full_name()
    rows = [
        Participant(
            session=session,
            user=facilitator,
            role=Role.FACILITATOR,
            alias=gettext("%(name)s (gespreksleider)") % {"name": name or facilitator.email},
            invited_at=now,
        ),
    ]
    if inbrenger is not None:
        rows.append(
            Participant(
                session=session,
                user=inbrenger,
                role=Role.INBRENGER,
                alias=gettext("Inbrenger"),
                invited_at=now,
            )
        )
    rows += [
        Participant(session=session, user=user, role=Role.PARTICIPANT, alias=alias, invited_at=now)
        for user, alias in zip(others, _aliases(len(others)), strict=True)
    ]
    Participant.objects.bulk_create(rows)
    named = [inbrenger] if inbrenger is not None else []
    recipients = [user.email for user in [*named, *others] if user.email]
    transaction.on_commit(lambda: _send_invitations(session, recipients))
    if address:
        transaction.on_commit(lambda: _send_inbrenger_request(session, address))
    strangers = sorted(set(other_addresses))
    if strangers:
        transaction.on_commit(lambda: _send_account_needed(session, strangers))
    return session


@transaction.atomic
def join_session(*, session: Session, user: Any, now: datetime | None = None) -> Participant:
    """A member of the session's organisation (or, for the region, any approved
    member) joins an open session that has not begun, while it has fewer than
    MAX_PARTICIPANTS; they get the next alias and the invitation e-mail."""
    fresh = _locked(session)
    if not selectors.can_join(user=user, session=fresh):
        if fresh.audience != Audience.INVITED and permissions.can_join_audience(user, fresh):
            if Participant.objects.filter(session=fresh, user_id=user.pk).exists():
                raise ValidationError(ERROR_ALREADY_IN)
            raise ValidationError(ERROR_FULL)
        raise PermissionDenied(ERROR_NOT_ALLOWED)
    # Joining is taking part (permissions.can_take_part): not while suspended.
    if not permissions.can_take_part(user):
        raise ValidationError(suspension_refusal(user, ERROR_SUSPENDED_JOIN) or ERROR_NOT_ALLOWED)
    now = now or clock.now()
    if selectors.is_awaited_inbrenger(fresh, user.email):
        # The member asked as the inbrenger takes the place kept for them (counted
        # once, shown once) under the alias they will have; confirm_inbrenger makes
        # them the inbrenger. No letter is used up, so no gap shows who it was.
        alias = gettext("Inbrenger")
    else:
        used = set(Participant.objects.filter(session=fresh).values_list("alias", flat=True))
        alias = next(a for a in _aliases(MAX_PARTICIPANTS) if a not in used)
    participant = Participant.objects.create(
        session=fresh,
        user=user,
        role=Role.PARTICIPANT,
        alias=alias,
        invited_at=now,
        joined_at=now,
    )
    if user.email:
        transaction.on_commit(lambda: _send_invitations(fresh, [user.email]))
    return participant


@transaction.atomic
def confirm_inbrenger(*, session: Session, user: Any, now: datetime | None = None) -> Participant:
    """The member whose address the planner gave as the inbrenger's confirms, once
    their account on that address is approved, while the session has not begun. A
    member who had joined the open session already becomes its inbrenger.

    Bringing in a case is taking part (permissions.can_take_part): a suspended member
    is refused with the end date (ERROR_SUSPENDED_CONFIRM) and the request stays
    open. The planner is not told: a suspension stays between the member and the
    moderators, and the planner may ask someone else while nobody confirmed
    (permissions.can_ask_another_inbrenger)."""
    fresh = _locked(session)
    if not (
        fresh.status == Status.PLANNED
        and can_use_members_area(user)
        and user.email
        and fresh.awaited_inbrenger == selectors.address_digest(user.email)
    ):
        raise PermissionDenied(ERROR_NOT_ASKED)
    if not permissions.can_take_part(user):
        raise ValidationError(
            suspension_refusal(user, ERROR_SUSPENDED_CONFIRM) or ERROR_NOT_ALLOWED
        )
    now = now or clock.now()
    participant = Participant.objects.filter(session=fresh, user_id=user.pk).first()
    if participant is None:
        participant = Participant(session=fresh, user=user, invited_at=now)
    participant.role = Role.INBRENGER
    participant.alias = gettext("Inbrenger")
    participant.joined_at = now
    participant.save()
    fresh.awaited_inbrenger = ""
    fresh.save(update_fields=["awaited_inbrenger"])
    return participant


INBRENGER_REPLACED = "intervisie.inbrenger_replaced"


@transaction.atomic
def ask_another_inbrenger(
    *, session: Session, actor: Any, address: str, now: datetime | None = None
) -> Session:
    """The planner asks another address as the inbrenger's, while the one asked has
    not confirmed and the session has not begun. The new request replaces the old
    one: only the new address can confirm from now on (the old one is told "niet
    (meer) gevraagd", ERROR_NOT_ASKED), and it gets the same e-mail as at planning.
    A member asked before who had joined the open session already stays in it as
    a participant under the next free letter, and is told so in the bell (of an
    address that did not join, the session knows only a digest: nobody to tell).
    Once the inbrenger confirmed, the request is refused (ERROR_INBRENGER_CONFIRMED):
    a planner who wants someone else then plans again.

    At most one inbrenger: this and confirm_inbrenger both lock the session row
    first, so one of them sees what the other did; the database keeps one
    inbrenger per session besides (constraint `intervisie_one_inbrenger`).

    Allowed exactly when the room draws the form: permissions.can_ask_another_inbrenger,
    asked again of the locked row once the asynchronous clock is applied."""
    fresh = _locked(session)
    _apply_clock(fresh, now or clock.now())
    if not permissions.can_ask_another_inbrenger(actor, fresh):
        # Why not, in the order the predicate asks.
        _require_facilitator(fresh, actor)
        if fresh.status != Status.PLANNED:
            raise ValidationError(ERROR_ALREADY_STARTED)
        raise ValidationError(ERROR_INBRENGER_CONFIRMED)
    address = address.strip().lower()
    if (actor.email or "").lower() == address:
        raise ValidationError({"inbrenger": ERROR_FACILITATOR_IN_LIST})
    digest = selectors.address_digest(address)
    if digest == fresh.awaited_inbrenger:
        return fresh  # asked already: nothing changes
    others = Participant.objects.filter(session=fresh).exclude(role=Role.FACILITATOR)
    earlier = [
        p
        for p in others.select_related("user")
        if selectors.is_awaited_inbrenger(fresh, p.user.email)
    ]
    fresh.awaited_inbrenger = digest
    if selectors.group_size(fresh) > MAX_PARTICIPANTS:
        raise ValidationError(
            ERROR_PARTICIPANT_COUNT % {"min": MIN_PARTICIPANTS, "max": MAX_PARTICIPANTS}
        )
    fresh.save(update_fields=["awaited_inbrenger"])
    for participant in earlier:
        used = set(others.values_list("alias", flat=True))
        participant.alias = next(a for a in _aliases(MAX_PARTICIPANTS) if a not in used)
        participant.save(update_fields=["alias"])
        _tell_no_longer_asked(participant)
    transaction.on_commit(lambda: _send_inbrenger_request(fresh, address))
    return fresh


def _tell_no_longer_asked(participant: Participant) -> None:
    """The member asked before, in the open session already: still in it, as a
    participant (their bell only: they are in the session, whose room says it too)."""
    _tell_in_app(participant, INBRENGER_REPLACED, kind=notifications.Kind.NO_LONGER_ASKED)


@transaction.atomic
def attach_case(*, session: Session, actor: Any, case_id: int) -> Session:
    """The inbrenger names the case they submitted through casuistry's own intake
    (privacy check, moderation) for a session planned on a new case. The case's
    text is shown only from the library, so only once a moderator published it;
    until then the session cannot start."""
    fresh = _locked(session)
    is_inbrenger = Participant.objects.filter(
        session=fresh, user_id=actor.pk, role=Role.INBRENGER
    ).exists()
    if not (fresh.new_case and is_inbrenger and can_use_members_area(actor)):
        raise PermissionDenied(ERROR_NOT_ALLOWED)
    if fresh.status != Status.PLANNED:
        raise ValidationError(ERROR_ALREADY_STARTED)
    case = casuistry.selectors.case_to_bring_in(user=actor, case_id=case_id)
    if case is None:
        raise ValidationError({"case": ERROR_NOT_YOUR_CASE})
    fresh.case_id = case.pk
    fresh.case_title = ""  # taken from the library when the session starts
    fresh.save(update_fields=["case_id", "case_title"])
    return fresh


def _session_url(session: Session) -> str:
    # SITE_URL reaches the settings as WAGTAILADMIN_BASE_URL (settings/base.py).
    base = settings.WAGTAILADMIN_BASE_URL.rstrip("/")
    return base + reverse("intervisie:room", kwargs={"pk": session.pk})


def _send_invitations(session: Session, recipients: list[str], *, reminder: bool = False) -> None:
    """Invitation or reminder: the method, the time and the link; never case text."""
    when = timezone.localtime(session.starts_at).strftime("%d-%m-%Y %H:%M")
    subject = (
        gettext("Herinnering: intervisie op %(when)s")
        if reminder
        else gettext("Uitnodiging: intervisie op %(when)s")
    ) % {"when": when}
    body = gettext(
        "Je bent uitgenodigd voor een intervisiesessie (%(method)s) op %(when)s.\n\n"
        "Open de sessie na inloggen: %(url)s\n"
        "Daar vind je ook een agendabestand (.ics)."
    ) % {"method": session.method.name, "when": when, "url": _session_url(session)}
    for email in recipients:
        send_mail(subject, body, None, [email])


def _send_account_needed(session: Session, recipients: list[str]) -> None:
    """To an address invited that belongs to no approved member: the same subject as
    an invitation, what it takes to join, no link to the session, never case text."""
    when = timezone.localtime(session.starts_at).strftime("%d-%m-%Y %H:%M")
    subject = gettext("Uitnodiging: intervisie op %(when)s") % {"when": when}
    body = gettext(
        "Je bent uitgenodigd voor een intervisiesessie (%(method)s) op %(when)s bij de "
        "HG Leerwerkplaats.\n\n"
        "Meedoen kan alleen met een goedgekeurd account op dit e-mailadres. Heb je dat "
        "nog niet, vraag het dan aan op %(url)s en laat het weten aan wie je uitnodigde."
    ) % {
        "method": session.method.name,
        "when": when,
        "url": settings.WAGTAILADMIN_BASE_URL.rstrip("/") + reverse("account_signup"),
    }
    for email in recipients:
        send_mail(subject, body, None, [email])


def _send_inbrenger_request(session: Session, email: str) -> None:
    """To the address the planner gave as the inbrenger's: the same text whether it
    belongs to a member or not (the planner cannot tell from what happens next
    either), what to do to take part, never case text."""
    when = timezone.localtime(session.starts_at).strftime("%d-%m-%Y %H:%M")
    base = settings.WAGTAILADMIN_BASE_URL.rstrip("/")
    subject = gettext("Uitnodiging: intervisie op %(when)s") % {"when": when}
    body = gettext(
        "Je bent gevraagd als inbrenger van een intervisiesessie (%(method)s) op "
        "%(when)s bij de HG Leerwerkplaats.\n\n"
        "Wil je meedoen, log dan in met een goedgekeurd account op dit e-mailadres en "
        "bevestig op %(mine)s. Heb je nog geen account, vraag het dan aan op %(signup)s; "
        "zodra het is goedgekeurd kun je bevestigen. De sessie begint pas als je hebt "
        "bevestigd."
    ) % {
        "method": session.method.name,
        "when": when,
        "mine": base + reverse("intervisie:mine"),
        "signup": base + reverse("account_signup"),
    }
    send_mail(subject, body, None, [email])


@transaction.atomic
def send_reminders(*, now: datetime | None = None, within: timedelta = timedelta(hours=24)) -> int:
    """Remind every participant of a planned session that starts within `within`,
    once, by e-mail. The inbrenger, who has the case to bring, also gets it in the
    bell at the same moment (a notification with the method, the start and the link
    to the room; if their new case is not linked yet, it says so). An inbrenger asked
    by address who has not confirmed has no place yet and gets neither. Returns how
    many reminders went out."""
    now = now or clock.now()
    due = list(
        Participant.objects.filter(
            session__status=Status.PLANNED,
            session__starts_at__gt=now,
            session__starts_at__lte=now + within,
            reminded_at__isnull=True,
        )
        .exclude(role=Role.FACILITATOR)
        .select_related("session", "session__method", "user")
    )
    for participant in due:
        session, email = participant.session, participant.user.email
        if email:
            transaction.on_commit(
                lambda s=session, e=email: _send_invitations(s, [e], reminder=True)
            )
        if participant.role == Role.INBRENGER:
            _remind_inbrenger_in_app(participant)
    Participant.objects.filter(pk__in=[p.pk for p in due]).update(reminded_at=now)
    return len(due)


#: Keys of notifications.messages (the words are made in the reader's language).
INBRENGER_REMINDER = "intervisie.inbrenger_reminder"
INBRENGER_CASE_MISSING = "intervisie.inbrenger_case_missing"


def _remind_inbrenger_in_app(participant: Participant) -> None:
    """The inbrenger's reminder in the bell (the e-mail reminder above goes to every
    participant)."""
    missing = participant.session.case_id is None
    _tell_in_app(participant, INBRENGER_CASE_MISSING if missing else INBRENGER_REMINDER)


def _tell_in_app(participant: Participant, message: str, *, kind: str = "reminder") -> None:
    """A notification of `kind` in the participant's bell, no e-mail: `message` with
    the session's method and start and a link to the room, never case text."""
    session = participant.session
    with translation.override(settings.LANGUAGE_CODE):  # stored as the site's address
        url = reverse("intervisie:room", kwargs={"pk": session.pk})
    notifications.notify(
        recipient=participant.user,
        kind=kind,
        message=message,
        params={"method": session.method.name, "moment": session.starts_at},
        url=url,
        email=False,
    )


# --- the log -----------------------------------------------------------------


def _next_seq(session: Session) -> int:
    Session.objects.filter(pk=session.pk).update(last_seq=F("last_seq") + 1)
    session.last_seq = Session.objects.values_list("last_seq", flat=True).get(pk=session.pk)
    return session.last_seq


def _event(
    session: Session, kind: str, *, contribution: Contribution | None = None, **data: Any
) -> SessionEvent:
    seq = contribution.seq if contribution is not None else _next_seq(session)
    event = SessionEvent.objects.create(
        session=session, seq=seq, kind=kind, contribution=contribution, data=data
    )
    broadcast.publish_event(session_id=session.pk, seq=seq, kind=kind)
    return event


def _phase_event(session: Session) -> None:
    phases = selectors.phases_of(session)
    phase = phases[session.current_phase]
    _event(
        session,
        SessionEvent.Kind.PHASE,
        phase=session.current_phase,
        name=phase.name,
        rule=phase.rule,
        status=session.status,
        ends_at=session.phase_ends_at.isoformat() if session.phase_ends_at else None,
    )


def _locked(session: Session) -> Session:
    """The session row, locked for this transaction (PostgreSQL; SQLite serialises)."""
    fresh = Session.objects.select_for_update().select_related("method").get(pk=session.pk)
    return fresh


def _require_facilitator(session: Session, actor: Any) -> None:
    if not permissions.is_facilitator_of(actor, session):
        raise PermissionDenied(ERROR_ONLY_FACILITATOR)


# --- moving through the phases -------------------------------------------------


def _enter_phase(session: Session, index: int, at: datetime) -> None:
    phases = selectors.phases_of(session)
    session.current_phase = index
    session.phase_started_at = at
    session.phase_ends_at = at + session.phase_duration(phases[index])
    session.save(
        update_fields=["current_phase", "phase_started_at", "phase_ends_at", "status", "started_at"]
    )
    _phase_event(session)


def _start(session: Session, at: datetime) -> None:
    """The session begins; a new case's title is taken from the library now (the
    moderator may have edited it), never before it is published."""
    if not session.case_title and session.case_id is not None:
        case = casuistry.selectors.published_case(session.case_id)
        if case is not None:
            session.case_title = case.title
            session.save(update_fields=["case_title"])
    session.status = Status.RUNNING
    session.started_at = at
    _enter_phase(session, 0, at)


def _start_when_ready(session: Session, at: datetime) -> None:
    blocker = selectors.start_blocker(session)
    if blocker is not None:
        raise ValidationError(blocker)
    _start(session, at)


def _finish(session: Session, at: datetime) -> None:
    """The session ends: every participant gets the activity in their learning
    record; with "niet bewaren" the texts are removed."""
    session.status = Status.FINISHED
    session.finished_at = at
    session.phase_ends_at = None
    update = ["status", "finished_at", "phase_ends_at"]
    if not session.keep_text:
        Contribution.objects.filter(session=session).update(text="")
        session.text_removed = True
        update.append("text_removed")
    session.save(update_fields=update)
    _phase_event(session)
    minutes = activity_minutes(session)
    title = gettext("Intervisie (%(method)s)") % {"method": session.method.name}
    for participant in session.participants.select_related("user"):
        courses.services.record_activity(
            user=participant.user,
            kind="intervisie",
            title=title,
            minutes=minutes,
            occurred_on=timezone.localdate(at),
            source=f"intervisie:{session.pk}",
        )
    session.participants.update(activity_recorded=True)


def activity_minutes(session: Session) -> int:
    """The hours the register counts: a live session as long as it ran (at most the
    method's planned time plus an hour); an asynchronous one the method's planned time."""
    planned = sum(phase.default_minutes for phase in selectors.phases_of(session))
    if session.mode == Mode.LIVE and session.started_at and session.finished_at:
        ran = round((session.finished_at - session.started_at).total_seconds() / 60)
        return max(1, min(ran, planned + 60))
    return max(1, planned)


def _apply_clock(session: Session, now: datetime) -> bool:
    """Store what the asynchronous clock says (selectors.effective_state)."""
    state = selectors.effective_state(session, now=now)
    for move in state.moves:
        if move.kind == "start":
            _start(session, move.at)
        elif move.kind == "phase":
            _enter_phase(session, move.phase_index, move.at)
        else:
            _finish(session, move.at)
    return bool(state.moves)


@transaction.atomic
def catch_up(*, session: Session, now: datetime | None = None) -> Session:
    """An asynchronous session moves to where its dates say it is."""
    fresh = _locked(session)
    _apply_clock(fresh, now or clock.now())
    return fresh


def advance_due_sessions(*, now: datetime | None = None) -> int:
    """For the management command: every asynchronous session whose start or phase end
    passed moves on. Returns how many sessions moved."""
    now = now or clock.now()
    ids = list(
        Session.objects.filter(mode=Mode.ASYNC)
        .filter(
            Q(status=Status.PLANNED, starts_at__lte=now)
            | Q(status=Status.RUNNING, phase_ends_at__lte=now)
        )
        .values_list("pk", flat=True)
    )
    moved = 0
    for pk in ids:
        with transaction.atomic():
            # A session still waiting for its case or its group does not move.
            moved += _apply_clock(_locked(Session(pk=pk)), now)
    return moved


def send_phase_nudges(*, now: datetime | None = None) -> int:
    """For the management command, after `advance_due_sessions`: every participant of
    a running asynchronous session gets one e-mail per phase, when it opens (the
    phase, until when, the link; never case text). A conditional UPDATE claims each
    nudge, so two ticks at once still send it once. Returns how many were sent."""
    now = now or clock.now()
    not_yet = Q(nudged_phase__isnull=True) | Q(nudged_phase__lt=F("session__current_phase"))
    due = list(
        Participant.objects.filter(
            not_yet, session__mode=Mode.ASYNC, session__status=Status.RUNNING
        ).select_related("session", "session__method", "user")
    )
    sent = 0
    for participant in due:
        session = participant.session
        with transaction.atomic():
            claimed = (
                Participant.objects.filter(pk=participant.pk)
                .filter(not_yet, session__current_phase=session.current_phase)
                .update(nudged_phase=session.current_phase)
            )
            email = participant.user.email
            if claimed and email:
                transaction.on_commit(lambda s=session, e=email: _send_phase_nudge(s, e))
                sent += 1
    return sent


def _send_phase_nudge(session: Session, email: str) -> None:
    """The method, the phase's name and number, its end and the link; no case text."""
    phases = selectors.phases_of(session)
    phase = phases[session.current_phase]
    until = (
        timezone.localtime(session.phase_ends_at).strftime("%d-%m-%Y %H:%M")
        if session.phase_ends_at
        else ""
    )
    subject = gettext("Intervisie: fase %(number)s van %(total)s is open") % {
        "number": session.current_phase + 1,
        "total": len(phases),
    }
    body = gettext(
        "In je intervisiesessie (%(method)s) is een nieuwe fase begonnen: %(phase)s.\n"
        "Je kunt meeschrijven tot %(until)s.\n\n"
        "Open de sessie na inloggen: %(url)s"
    ) % {
        "method": session.method.name,
        "phase": phase.name,
        "until": until,
        "url": _session_url(session),
    }
    send_mail(subject, body, None, [email])


@transaction.atomic
def start_session(*, session: Session, actor: Any, now: datetime | None = None) -> Session:
    fresh = _locked(session)
    _require_facilitator(fresh, actor)
    now = now or clock.now()
    _apply_clock(fresh, now)
    if fresh.status != Status.PLANNED:
        raise ValidationError(ERROR_ALREADY_STARTED)
    _start_when_ready(fresh, now)
    return fresh


@transaction.atomic
def advance_phase(*, session: Session, actor: Any, now: datetime | None = None) -> Session:
    """The facilitator moves everyone to the next phase (after the last: the end)."""
    fresh = _locked(session)
    _require_facilitator(fresh, actor)
    now = now or clock.now()
    _apply_clock(fresh, now)
    if fresh.status == Status.PLANNED:
        _start_when_ready(fresh, now)
        return fresh
    if fresh.status != Status.RUNNING:
        raise ValidationError(ERROR_NOT_RUNNING)
    if fresh.current_phase + 1 >= len(selectors.phases_of(fresh)):
        _finish(fresh, now)
    else:
        _enter_phase(fresh, fresh.current_phase + 1, now)
    return fresh


@transaction.atomic
def extend_timer(
    *, session: Session, actor: Any, minutes: int, now: datetime | None = None
) -> Session:
    """The facilitator gives the current phase more time."""
    fresh = _locked(session)
    _require_facilitator(fresh, actor)
    now = now or clock.now()
    _apply_clock(fresh, now)
    if fresh.status != Status.RUNNING:
        raise ValidationError(ERROR_NOT_RUNNING)
    if not 1 <= minutes <= 120:
        raise ValidationError(ERROR_EXTEND)
    fresh.phase_ends_at = max(fresh.phase_ends_at or now, now) + timedelta(minutes=minutes)
    fresh.save(update_fields=["phase_ends_at"])
    _event(fresh, SessionEvent.Kind.TIMER, ends_at=fresh.phase_ends_at.isoformat())
    return fresh


@transaction.atomic
def reveal_positions(*, session: Session, actor: Any, now: datetime | None = None) -> Session:
    """All positions become visible to everyone at the same moment."""
    fresh = _locked(session)
    _require_facilitator(fresh, actor)
    _apply_clock(fresh, now or clock.now())
    if fresh.status != Status.RUNNING:
        raise ValidationError(ERROR_NOT_RUNNING)
    phase = selectors.phases_of(fresh)[fresh.current_phase]
    if phase.rule not in (RuleKind.BLIND_POSITIONS, RuleKind.REVEAL):
        raise ValidationError(ERROR_NOTHING_TO_REVEAL)
    if not fresh.positions_revealed:
        fresh.positions_revealed = True
        fresh.save(update_fields=["positions_revealed"])
        _event(fresh, SessionEvent.Kind.REVEAL)
    return fresh


# --- writing -------------------------------------------------------------------


def phase_refusal(*, rule: str, role: str, text: str) -> Any:
    """Why this text may not be posted now, or None: the one place of the rules."""
    if role == Role.FACILITATOR:
        return ERROR_FACILITATOR_BLIND if rule == RuleKind.BLIND_POSITIONS else None
    if rule == RuleKind.QUESTIONS_ONLY and role != Role.INBRENGER and not is_question(text):
        return ERROR_NOT_A_QUESTION
    if rule == RuleKind.INBRENGER_SILENT and role == Role.INBRENGER:
        return ERROR_INBRENGER_SILENT
    return None


def is_question(text: str) -> bool:
    """A question ends with a question mark (spaces after it do not count)."""
    return text.rstrip().endswith("?")


@transaction.atomic
def post_contribution(
    *,
    session: Session,
    author: Any,
    text: str,
    accepted_placeholders: Placeholders = (),
    now: datetime | None = None,
) -> Contribution:
    """A participant writes in the current phase, under the phase's rule. Raises
    PermissionDenied for someone outside the session, ValidationError with the rule's
    hint otherwise, and the privacy gate's TextBlocked / ConfirmationNeeded."""
    fresh = _locked(session)
    _apply_clock(fresh, now or clock.now())
    participant = Participant.objects.filter(session=fresh, user_id=author.pk).first()
    if participant is None or not can_use_members_area(author):
        raise PermissionDenied(ERROR_NOT_ALLOWED)
    # A suspended member reads but does not write (members.permissions.is_suspended),
    # here as in the forum; the socket refuses them already, the page's form reaches
    # this service.
    require_not_suspended(author, ERROR_SUSPENDED, field="text")
    if fresh.status != Status.RUNNING:
        raise ValidationError({"text": ERROR_NOT_RUNNING})
    if not text.strip():
        raise ValidationError({"text": ERROR_EMPTY})
    phase = selectors.phases_of(fresh)[fresh.current_phase]
    refusal = phase_refusal(rule=phase.rule, role=participant.role, text=text)
    if refusal is not None:
        raise ValidationError({"text": refusal}, code="phase_rule")
    redacted = privacy_gate.accepted_text(
        text, accepted_placeholders=accepted_placeholders, field="text"
    )
    blind = phase.rule == RuleKind.BLIND_POSITIONS
    contribution = Contribution.objects.create(
        session=fresh,
        author=participant,
        seq=_next_seq(fresh),
        phase_index=fresh.current_phase,
        phase_name=phase.name,
        kind=Contribution.Kind.POSITION if blind else Contribution.Kind.TEXT,
        text=redacted,
    )
    _event(fresh, SessionEvent.Kind.CONTRIBUTION, contribution=contribution)
    session.last_seq = fresh.last_seq
    return contribution


# --- afterwards ------------------------------------------------------------------

REFLECTION_FIELDS = ("happened", "felt", "means", "will_do")
#: Four parts fit one entry of the reflection log (courses.rules.REFLECTION_MAX_CHARS).
REFLECTION_PART_CHARS = 2_000
ERROR_REFLECTION_TOO_LONG = _("Schrijf hier hooguit 2000 tekens.")


@transaction.atomic
def save_reflection(
    *,
    session: Session,
    user: Any,
    happened: str,
    felt: str,
    means: str,
    will_do: str,
    accepted_placeholders: Placeholders = (),
    now: datetime | None = None,
) -> SessionReflection:
    """A participant's private Korthagen reflection after the session, privacy-checked
    like every text; for them alone (their reflection log)."""
    if not Participant.objects.filter(session=session, user_id=user.pk).exists():
        raise PermissionDenied(ERROR_NOT_ALLOWED)
    # An asynchronous session whose last phase ended is over, even before the tick:
    # store that first (it records everyone's activity), then take the reflection.
    fresh = _locked(session)
    _apply_clock(fresh, now or clock.now())
    if fresh.status != Status.FINISHED:
        raise ValidationError(ERROR_NOT_FINISHED)
    session = fresh
    values = {"happened": happened, "felt": felt, "means": means, "will_do": will_do}
    cleaned: dict[str, str] = {}
    for name, value in values.items():
        if not value.strip():
            raise ValidationError({name: ERROR_EMPTY})
        if len(value) > REFLECTION_PART_CHARS:
            raise ValidationError({name: ERROR_REFLECTION_TOO_LONG})
    for name, value in values.items():
        cleaned[name] = privacy_gate.accepted_text(
            value, accepted_placeholders=accepted_placeholders, field=name
        )
    reflection, _created = SessionReflection.objects.update_or_create(
        session=session,
        user=user,
        defaults={"session_label": str(session), **cleaned},
    )
    # The same reflection in the learning record's reflection log (page and PDF).
    finished = session.finished_at
    courses.services.record_activity_reflection(
        user=user,
        source=f"intervisie:{session.pk}",
        title=gettext("Intervisie (%(method)s)") % {"method": session.method.name},
        subtitle=timezone.localtime(finished).strftime("%d-%m-%Y") if finished else "",
        prompt=gettext("Reflectie na de sessie (Korthagen)"),
        answer="\n\n".join(f"{label}\n{cleaned[name]}" for name, label in _reflection_labels()),
    )
    return reflection


def _reflection_labels() -> list[tuple[str, str]]:
    return [
        ("happened", gettext("Wat gebeurde er?")),
        ("felt", gettext("Wat voelde en dacht ik?")),
        ("means", gettext("Wat betekent het voor mij?")),
        ("will_do", gettext("Wat ga ik doen?")),
    ]


# --- privacy rights ----------------------------------------------------------------


def export_personal_data(user: Any) -> dict[str, Any]:
    return {
        "sessions": [
            {"session": str(p.session), "role": p.role, "alias": p.alias}
            for p in Participant.objects.filter(user=user).select_related("session__method")
        ],
        "contributions": list(
            Contribution.objects.filter(author__user=user).values(
                "phase_name", "text", "created_at"
            )
        ),
        "reflections": list(
            SessionReflection.objects.filter(user=user).values(
                "session_label", *REFLECTION_FIELDS, "created_at"
            )
        ),
    }


def erase_personal_data(user: Any) -> None:
    SessionReflection.objects.filter(user=user).delete()
    Contribution.objects.filter(author__user=user).update(text="")
    # The facilitator's alias carries their name.
    Participant.objects.filter(user=user, role=Role.FACILITATOR).update(
        alias=gettext("Gespreksleider")
    )
    # Asked as an inbrenger and not confirmed: the digest of their address goes too;
    # the session waits for an inbrenger (none can confirm: the planner asks another).
    if user.email:
        Session.objects.filter(awaited_inbrenger=selectors.address_digest(user.email)).update(
            awaited_inbrenger=NO_INBRENGER
        )


def register_personal_data() -> None:
    from members import personal_data

    personal_data.register(
        personal_data.PersonalDataProvider(
            key="intervisie",
            label="Intervisie: sessies, bijdragen en reflecties",
            export=export_personal_data,
            erase=erase_personal_data,
        )
    )
