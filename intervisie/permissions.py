"""Intervisie's answers to "may this user do X", built on members.permissions."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from members.permissions import can_facilitate, can_use_members_area

if TYPE_CHECKING:
    from .models import Session


def can_plan_sessions(user: Any) -> bool:
    """Moderators and members a coordinator marked as facilitator."""
    return can_facilitate(user)


def can_use_intervisie(user: Any) -> bool:
    return can_use_members_area(user)


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
