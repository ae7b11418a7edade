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
