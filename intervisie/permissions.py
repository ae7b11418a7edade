"""Intervisie's answers to "may this user do X", built on members.permissions."""

from __future__ import annotations

from collections.abc import Collection
from typing import TYPE_CHECKING, Any

from members.permissions import can_facilitate, can_participate, can_use_members_area, is_suspended

from .models import Role, Status

if TYPE_CHECKING:
    from .models import Session


def can_plan_sessions(user: Any) -> bool:
    """Moderators and members a coordinator marked as facilitator."""
    return can_facilitate(user)


def can_use_intervisie(user: Any) -> bool:
    return can_use_members_area(user)


def can_take_part(user: Any) -> bool:
    """Join a session, write in its room: not while suspended
    (members.permissions.can_participate, as forum.permissions.can_take_part)."""
    return can_participate(user)


def sees_contribution_form(user: Any) -> bool:
    """Whether the room draws its contribution form for `user` (the twin of
    forum.permissions.sees_reply_section): for everyone but a suspended member, who
    reads why (with the end date) in its place."""
    return not is_suspended(user)


def is_facilitator_of(user: Any, session: Session) -> bool:
    return can_use_members_area(user) and session.facilitator_id == user.pk


def can_join_audience(user: Any, session: Session) -> bool:
    """Whether the session's audience includes `user`: an approved member of the
    session's organisation, or any approved member for the region."""
    if not can_use_members_area(user):
        return False
    if session.audience == "region":
        return True
    if session.audience == "organisation":
        profile = getattr(user, "profile", None)
        return (
            profile is not None
            and session.organisation_id is not None
            and profile.organisation_id == session.organisation_id
        )
    return False


def can_ask_another_inbrenger(
    user: Any,
    session: Session,
    *,
    status: str | None = None,
    roles: Collection[str] | None = None,
) -> bool:
    """The planner may ask an address as the inbrenger's while the session has not
    begun and nobody confirmed as its inbrenger: the one asked has not confirmed yet,
    was erased (`models.NO_INBRENGER`), or the session has no inbrenger at all (the
    one who confirmed is gone). Once an inbrenger confirmed, a planner who wants
    someone else plans again.

    The room draws the form by this answer and `services.ask_another_inbrenger`
    guards with it, under the session's row lock. `status`: where the session stands
    when the caller worked it out (selectors.effective_state: an asynchronous session
    starts by its dates before a service stores it); `roles`: the roles of the
    session's participants when the caller read them, else one query."""
    if not is_facilitator_of(user, session):
        return False
    if (status if status is not None else session.status) != Status.PLANNED:
        return False
    if roles is None:
        return not session.participants.filter(role=Role.INBRENGER).exists()
    return Role.INBRENGER not in roles
