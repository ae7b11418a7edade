"""Reads about members that views, the admin and services share."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from .models import AuditEvent, MembershipStatus, Organisation, OrganisationDomain, Profile
from .permissions import coordinated_organisation_ids


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


def coordinators_of(organisation: Organisation | None) -> QuerySet[Any]:
    from django.contrib.auth import get_user_model

    from .permissions import COORDINATOR

    users = get_user_model().objects.filter(is_active=True, groups__name=COORDINATOR)
    if organisation is None:
        return users.none()
    return users.filter(profile__coordinated_organisations=organisation).distinct()


def audit_events_about(user: Any) -> QuerySet[AuditEvent]:
    return AuditEvent.objects.filter(subject=user).order_by("created_at", "id")
