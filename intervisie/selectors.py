"""Reads that views, the consumer and the services share.

`effective_state` is the asynchronous clock read without writing: a phase whose end
date passed is over, whoever looks, even before the management command (or the next
write) stores it. A GET changes no row; services persist the same answer."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from django.db.models import Case, Count, F, Prefetch, Q, Value, When
from django.http import Http404
from django.template.loader import render_to_string
from django.utils import formats, timezone
from django.utils.crypto import constant_time_compare, salted_hmac
from django.utils.translation import gettext as _

import casuistry.selectors

from . import clock
from .models import (
    MAX_PARTICIPANTS,
    MIN_PARTICIPANTS,
    NO_INBRENGER,
    Audience,
    Contribution,
    Mode,
    Participant,
    Phase,
    Role,
    RuleKind,
    Session,
    SessionEvent,
    SessionReflection,
    Status,
)
from .permissions import can_join_audience, can_use_intervisie


@dataclass(frozen=True)
class Move:
    """One step the clock takes: `kind` start, phase or finish, at `at`."""

    kind: str
    phase_index: int
    at: datetime


@dataclass(frozen=True)
class State:
    status: str
    phase_index: int
    phase_ends_at: datetime | None
    moves: tuple[Move, ...] = field(default=())


def phases_of(session: Session) -> list[Phase]:
    cached = getattr(session, "_phases", None)
    if cached is None:
        cached = list(session.method.phases.order_by("sort_order", "pk"))
        session._phases = cached  # type: ignore[attr-defined]
    return cached


def effective_state(session: Session, *, now: datetime | None = None) -> State:
    """Where the session stands at `now`. Live sessions move only when the
    facilitator says; asynchronous ones also start at `starts_at` and leave a phase
    when its end date passes (the next phase then runs from that moment)."""
    now = now or clock.now()
    status, index, ends = session.status, session.current_phase, session.phase_ends_at
    if session.mode != Mode.ASYNC:
        return State(status, index, ends)
    phases = phases_of(session)
    moves: list[Move] = []
    if status == Status.PLANNED and now >= session.starts_at:
        # The start waits for the case to be in the library and the group to be
        # complete; it happens at the later of the planned start and that moment.
        ready = ready_at(session)
        if ready is not None:
            start = max(session.starts_at, ready)
            if now >= start:
                status, index = Status.RUNNING, 0
                ends = start + session.phase_duration(phases[0])
                moves.append(Move("start", 0, start))
    while status == Status.RUNNING and ends is not None and now >= ends:
        at = ends
        index += 1
        if index >= len(phases):
            status, index, ends = Status.FINISHED, len(phases) - 1, None
            moves.append(Move("finish", index, at))
            break
        ends = at + session.phase_duration(phases[index])
        moves.append(Move("phase", index, at))
    return State(status, index, ends, tuple(moves))


EARLIEST = datetime.min.replace(tzinfo=UTC)


def ready_at(session: Session) -> datetime | None:
    """Since when the session may start, or None while it may not (start_blocker):
    its case must be in the library (a new case of the inbrenger once a moderator
    published it), its inbrenger must take part and the group must count
    MIN_PARTICIPANTS (the inbrenger counted). Derived from stored dates only, so every
    reader gets the same answer."""
    # One query gives the group to start_blocker and the moments people joined.
    members = list(
        Participant.objects.filter(session=session)
        .exclude(role=Role.FACILITATOR)
        .values_list("role", "joined_at")
    )
    if start_blocker(session, group=[role for role, _at in members]) is not None:
        return None
    moments = [EARLIEST]
    if session.new_case:
        case = casuistry.selectors.published_case(session.case_id or 0)
        if case is not None and case.published_at is not None:
            moments.append(case.published_at)
    # Invited members count from the planning; who joined counts from joining.
    joined = sorted((at or EARLIEST) for _role, at in members)
    moments.append(joined[MIN_PARTICIPANTS - 1])
    # Never before its inbrenger took part: one asked by address (again, when the one
    # who confirmed first is gone) counts from their confirmation.
    moments.extend((at or EARLIEST) for role, at in members if role == Role.INBRENGER)
    return max(moments)


def address_digest(email: str) -> str:
    """A keyed digest of an e-mail address (lower-cased): what a session keeps of the
    address the planner gave as the inbrenger's, to know the member who confirms."""
    return salted_hmac(
        "intervisie.awaited_inbrenger", email.strip().lower(), algorithm="sha256"
    ).hexdigest()


def session_label(session: Session) -> str:
    """How a session is named where several may be listed (messages on /intervisie/):
    its method, date and time, as the page shows them."""
    moment = timezone.localtime(session.starts_at)
    return _("%(method)s op %(date)s om %(time)s") % {
        "method": session.method.name,
        "date": formats.date_format(moment, "j F Y"),
        "time": formats.time_format(moment, "H:i"),
    }


def sessions_asking(*, user: Any) -> list[Session]:
    """Planned sessions whose planner gave `user`'s address as the inbrenger's and
    that wait for them to confirm: one query."""
    if not can_use_intervisie(user) or not user.email:
        return []
    return list(
        Session.objects.filter(awaited_inbrenger=address_digest(user.email), status=Status.PLANNED)
        .select_related("method")
        .order_by("starts_at", "pk")
    )


def start_blocker(session: Session, *, group: Sequence[str] | None = None) -> Any:
    """Why the session cannot start now (a Dutch message), or None. The facilitator's
    start asks it, and an asynchronous session waits while it answers (ready_at).

    `group`: the role of each participant but the facilitator, when the caller read
    them (the room, ready_at), else one query."""
    if awaits_inbrenger(session):
        return _("De inbrenger heeft nog niet bevestigd: de sessie begint pas als die meedoet.")
    if group is None:
        group = list(
            Participant.objects.filter(session=session)
            .exclude(role=Role.FACILITATOR)
            .values_list("role", flat=True)
        )
    if Role.INBRENGER not in group:
        # The inbrenger who confirmed is gone (their account was removed) and nobody
        # was asked since: permissions.can_ask_another_inbrenger allows asking now.
        return _(
            "Deze sessie heeft geen inbrenger meer: ze begint pas als de gespreksleider "
            "iemand anders vraagt („Een ander vragen als inbrenger”) en die bevestigt."
        )
    if session.case_id is None or casuistry.selectors.published_case(session.case_id) is None:
        return _(
            "De casus staat nog niet in de bibliotheek: de sessie begint zodra een "
            "moderator hem heeft goedgekeurd."
        )
    # Nobody is awaited, so no place is kept: the group is who takes part (group_size).
    if len(group) < MIN_PARTICIPANTS:
        return _("Er zijn nog te weinig deelnemers: minstens %(min)s, de inbrenger meegeteld.") % {
            "min": MIN_PARTICIPANTS
        }
    return None


def awaits_inbrenger(session: Session) -> bool:
    """Whether the session keeps a place for an inbrenger asked and not yet
    confirmed. The marker `NO_INBRENGER` (the one asked was erased) keeps none:
    nobody can confirm it, and the planner asks another."""
    return session.awaited_inbrenger not in ("", NO_INBRENGER)


def is_awaited_inbrenger(session: Session, email: str | None) -> bool:
    """Whether `email` is the address the planner gave as the inbrenger's, still to
    confirm (compared by its digest: the session keeps nothing else of it)."""
    return bool(session.awaited_inbrenger and email) and constant_time_compare(
        address_digest(email or ""), session.awaited_inbrenger
    )


def _awaited_among(session: Session, emails: Iterable[str | None]) -> bool:
    return bool(session.awaited_inbrenger) and any(
        is_awaited_inbrenger(session, email) for email in emails
    )


def group_size(session: Session) -> int:
    """The inbrenger (also while awaited: their place is kept) and the participants
    (not the facilitator). The member asked as the inbrenger who joined the open
    session before confirming holds that kept place: counted once. An erased asked
    inbrenger (`NO_INBRENGER`) keeps no place (awaits_inbrenger). One query."""
    emails = list(
        Participant.objects.filter(session=session)
        .exclude(role=Role.FACILITATOR)
        .values_list("user__email", flat=True)
    )
    kept_place = awaits_inbrenger(session) and not _awaited_among(session, emails)
    return len(emails) + (1 if kept_place else 0)


def can_join(*, user: Any, session: Session) -> bool:
    """May `user` join this open session now: the audience fits, it has not begun,
    there is room (the member asked as its inbrenger has a place kept), and they are
    not in it yet."""
    return (
        session.audience != Audience.INVITED
        and session.status == Status.PLANNED
        and can_join_audience(user, session)
        and not Participant.objects.filter(session=session, user_id=user.pk).exists()
        and (
            group_size(session) < MAX_PARTICIPANTS
            or is_awaited_inbrenger(session, getattr(user, "email", ""))
        )
    )


def open_sessions_for(*, user: Any) -> list[Session]:
    """Planned sessions open to `user` (their organisation's or the region's) that
    they are not in yet, with room left, each with its `group` (group_size): one query
    for the list with the counts, one more when a listed session awaits its inbrenger
    (who may have joined already and then holds the kept place: counted once)."""
    if not can_use_intervisie(user):
        return []
    profile = getattr(user, "profile", None)
    org_id = profile.organisation_id if profile is not None else None
    audience = Q(audience=Audience.REGION)
    if org_id is not None:
        audience |= Q(audience=Audience.ORGANISATION, organisation_id=org_id)
    sessions = list(
        Session.objects.filter(audience, status=Status.PLANNED)
        .exclude(participants__user_id=user.pk)
        .select_related("method", "organisation")
        .annotate(
            group=Count("participants", filter=~Q(participants__role=Role.FACILITATOR))
            # The awaited inbrenger's place is kept; none for an erased one (group_size).
            + Case(When(awaited_inbrenger__in=("", NO_INBRENGER), then=Value(0)), default=Value(1))
        )
        # One more than the limit may still have room: see below.
        .filter(group__lte=MAX_PARTICIPANTS)
        .order_by("starts_at", "pk")
    )
    awaiting = {session.pk: session for session in sessions if awaits_inbrenger(session)}
    if awaiting:
        emails: dict[int, list[str]] = {}
        for session_id, email in (
            Participant.objects.filter(session_id__in=awaiting)
            .exclude(role=Role.FACILITATOR)
            .values_list("session_id", "user__email")
        ):
            emails.setdefault(session_id, []).append(email)
        for session_id, session in awaiting.items():
            if _awaited_among(session, emails.get(session_id, [])):
                session.group -= 1  # type: ignore[attr-defined]
    return [session for session in sessions if session.group < MAX_PARTICIPANTS]  # type: ignore[attr-defined]


def get_open_session_for(*, user: Any, pk: int) -> Session:
    """A session `user` may see to join (open to them) or is in; 404 otherwise."""
    if not can_use_intervisie(user):
        raise Http404
    session = Session.objects.select_related("method", "organisation").filter(pk=pk).first()
    if session is None or not (
        Participant.objects.filter(session=session, user_id=user.pk).exists()
        or (session.audience != Audience.INVITED and can_join_audience(user, session))
    ):
        raise Http404
    return session


def participant_of(session: Session, user: Any) -> Participant | None:
    if not getattr(user, "is_authenticated", False):
        return None
    return Participant.objects.filter(session=session, user_id=user.pk).first()


def get_session_for(*, user: Any, pk: int) -> Session:
    """The session, for one of its participants (the facilitator included); 404 else."""
    if not can_use_intervisie(user):
        raise Http404
    session = (
        Session.objects.select_related("method", "facilitator")
        .filter(pk=pk, participants__user_id=user.pk)
        .first()
    )
    if session is None:
        raise Http404
    return session


def session_by_id(session_id: int) -> Session:
    return Session.objects.select_related("method").get(pk=session_id)


def can_read_session_id(*, user: Any, session_id: int) -> bool:
    """One query: is `user` (fresh from the live check) in this session?"""
    return Participant.objects.filter(session_id=session_id, user_id=user.pk).exists()


def sessions_for(*, user: Any) -> list[Session]:
    """The member's sessions, newest first, with the method and their own role:
    two queries whatever the number."""
    return list(
        Session.objects.filter(participants__user_id=user.pk)
        .select_related("method")
        .prefetch_related(
            Prefetch(
                "participants",
                queryset=Participant.objects.filter(user_id=user.pk),
                to_attr="mine",
            )
        )
        .order_by("-starts_at", "-pk")
    )


@dataclass
class ContributionView:
    contribution: Contribution
    author: str
    text: str | None  # None: a position still hidden from this member
    hidden_position: bool


def _view(contribution: Contribution, *, session: Session, user: Any) -> ContributionView:
    hidden = (
        contribution.kind == Contribution.Kind.POSITION
        and not session.positions_revealed
        and contribution.author.user_id != user.pk
    )
    text: str | None = None if hidden else contribution.text
    if session.text_removed:
        text = _("Deze tekst is na de sessie verwijderd (niet bewaren).")
    return ContributionView(contribution, contribution.author.alias, text, hidden)


def contribution_html(view: ContributionView) -> str:
    return render_to_string("intervisie/includes/contribution.html", {"cv": view})


def room(*, session: Session, user: Any, now: datetime | None = None) -> dict[str, Any]:
    """Everything the room shows to `user`: the phase now, its rule, what was written
    (blind positions of others hidden until the reveal) and the last `seq` rendered."""
    state = effective_state(session, now=now)
    phases = phases_of(session)
    phase = phases[state.phase_index]
    me = participant_of(session, user)
    # The member asked as the inbrenger who joined before confirming is shown once,
    # in the inbrenger's kept place (and counted once: group_size).
    participants = list(session.participants.annotate(user_email=F("user__email")).order_by("pk"))
    awaited = next((p for p in participants if is_awaited_inbrenger(session, p.user_email)), None)
    contributions = list(
        Contribution.objects.filter(session=session).select_related("author").order_by("seq")
    )
    return {
        "session": session,
        "state": state,
        "phases": phases,
        "phase": phase,
        "me": me,
        "is_facilitator": session.facilitator_id == user.pk,
        "participants": [p for p in participants if p is not awaited],
        "roles": frozenset(p.role for p in participants),
        # For start_blocker: each participant's role but the facilitator's.
        "group_roles": [p.role for p in participants if p.role != Role.FACILITATOR],
        # The member asked was erased (NO_INBRENGER): nobody is awaited (start_blocker).
        "inbrenger_awaited": awaits_inbrenger(session),
        "me_awaited": me is not None and awaited is not None and me.pk == awaited.pk,
        "contributions": [_view(c, session=session, user=user) for c in contributions],
        "last_seq": session.last_seq,
        "is_async": session.mode == Mode.ASYNC,
        "positions_hidden": any(c.kind == Contribution.Kind.POSITION for c in contributions)
        and not session.positions_revealed,
        "can_reveal": phase.rule in (RuleKind.BLIND_POSITIONS, RuleKind.REVEAL)
        and not session.positions_revealed,
    }


def reflection_of(*, session: Session, user: Any) -> SessionReflection | None:
    return SessionReflection.objects.filter(session=session, user=user).first()


def reflections_of(*, user: Any) -> list[SessionReflection]:
    return list(SessionReflection.objects.filter(user=user).order_by("-created_at"))


# --- live frames (intervisie.consumers) ---------------------------------------


def _frames(*, session: Session, events: list[SessionEvent], user: Any) -> list[dict[str, Any]]:
    frames: list[dict[str, Any]] = []
    for event in events:
        frame: dict[str, Any] = {"type": event.kind, "seq": event.seq}
        if event.kind == SessionEvent.Kind.CONTRIBUTION and event.contribution is not None:
            view = _view(event.contribution, session=session, user=user)
            frame.update(id=event.contribution_id, html=contribution_html(view))
        else:
            frame.update(event.data)
        frames.append(frame)
    return frames


def _events(session_id: int) -> Any:
    return SessionEvent.objects.filter(session_id=session_id).select_related(
        "contribution", "contribution__author"
    )


def frames_after(*, session_id: int, after: int, user: Any) -> list[dict[str, Any]]:
    """Every event of the session after `after`, rendered for `user`: the replay."""
    session = Session.objects.filter(pk=session_id).first()
    if session is None:
        return []
    events = list(_events(session_id).filter(seq__gt=after).order_by("seq"))
    return _frames(session=session, events=events, user=user)


def frame_for(*, session_id: int, seq: int, user: Any) -> dict[str, Any] | None:
    session = Session.objects.filter(pk=session_id).first()
    event = _events(session_id).filter(seq=seq).first()
    if session is None or event is None:
        return None
    return _frames(session=session, events=[event], user=user)[0]


def ics_for(*, session: Session, url: str) -> str:
    """A calendar entry without case text: the method, the time and the link."""
    phases = phases_of(session)
    minutes = sum(phase.default_minutes for phase in phases)
    start = session.starts_at.astimezone(UTC)
    end = start + (
        session.phase_duration(phases[0]) * len(phases)
        if session.mode == Mode.ASYNC
        else timedelta(minutes=minutes)
    )
    stamp = "%Y%m%dT%H%M%SZ"
    summary = _("Intervisie: %(method)s") % {"method": session.method.name}
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//HG Leerwerkplaats//Intervisie//NL",
        "BEGIN:VEVENT",
        f"UID:intervisie-{session.pk}@leerwerkplaats",
        f"DTSTAMP:{clock.now().astimezone(UTC).strftime(stamp)}",
        f"DTSTART:{start.strftime(stamp)}",
        f"DTEND:{end.strftime(stamp)}",
        f"SUMMARY:{_ics_escape(summary)}",
        f"URL:{url}",
        f"DESCRIPTION:{_ics_escape(url)}",
        "END:VEVENT",
        "END:VCALENDAR",
    ]
    return "\r\n".join(lines) + "\r\n"


def _ics_escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")
