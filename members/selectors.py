"""Reads about members that views, the admin and services share."""

from __future__ import annotations

from typing import Any

from allauth.mfa.models import Authenticator
from django.contrib.auth import get_user_model
from django.db.models import Exists, OuterRef, Q, QuerySet

from . import audit
from .models import AuditEvent, MembershipStatus, Organisation, OrganisationDomain, Profile
from .permissions import (
    COORDINATOR,
    can_coordinate,
    can_moderate,
    can_read_audit_log,
    coordinated_organisation_ids,
)


def email_domain(email: str) -> str:
    return email.rsplit("@", 1)[-1].strip().lower()


def organisation_for_email(email: str) -> Organisation | None:
    domain = (
        OrganisationDomain.objects.select_related("organisation")
        .filter(domain=email_domain(email))
        .first()
    )
    return domain.organisation if domain else None


def pending_members_for(user: Any) -> QuerySet[Profile]:
    """The sign-ups this coordinator may decide on: their own organisations only."""
    scope = coordinated_organisation_ids(user)
    pending = (
        Profile.objects.filter(status=MembershipStatus.PENDING, user__is_active=True)
        .exclude(user__emailaddress__verified=False)
        .select_related("user", "organisation")
        .order_by("user__date_joined")
    )
    if scope is None:
        return pending
    return pending.filter(organisation_id__in=scope)


def coordinators() -> QuerySet[Any]:
    """The users for whom `permissions.can_coordinate` holds, as one query: active,
    MFA set up, and a superuser or an approved member in the Coordinator group.
    Kept equal to the predicate by tests/members/test_coordinator_rule.py."""
    mfa = Authenticator.objects.filter(
        user=OuterRef("pk"), type__in=[Authenticator.Type.TOTP, Authenticator.Type.WEBAUTHN]
    )
    role = Q(groups__name=COORDINATOR, profile__status=MembershipStatus.APPROVED)
    return (
        get_user_model()
        .objects.filter(Exists(mfa), Q(is_superuser=True) | role, is_active=True)
        .distinct()
    )


def coordinators_of(organisation: Organisation | None) -> QuerySet[Any]:
    if organisation is None:
        return coordinators().none()
    return coordinators().filter(profile__coordinated_organisations=organisation)


def audit_events_visible_to(user: Any) -> QuerySet[AuditEvent]:
    """The audit log as `user` may read it: administrators everything; a
    coordinator the events about members of the organisations they coordinate;
    a moderator the moderation events (audit.register_actions(moderation=True));
    every reader the events about themselves. Nobody else anything."""
    events = AuditEvent.objects.select_related("actor__profile", "subject__profile")
    if not can_read_audit_log(user):
        return events.none()
    if user.is_superuser:
        return events
    visible = Q(subject=user)
    if can_coordinate(user):
        visible |= Q(subject__profile__organisation_id__in=coordinated_organisation_ids(user))
    if can_moderate(user):
        visible |= Q(action__in=audit.moderation_actions())
    return events.filter(visible)


def audit_events_about(user: Any) -> QuerySet[AuditEvent]:
    return AuditEvent.objects.filter(subject=user).order_by("created_at", "id")
