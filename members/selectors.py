"""Reads about members that views, the admin and services share."""

from __future__ import annotations

from typing import Any

from allauth.mfa.models import Authenticator
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db.models import Exists, OuterRef, QuerySet

from .models import AuditEvent, MembershipStatus, Organisation, OrganisationDomain, Profile
from .permissions import ROLES, coordinated_organisation_ids, remember_access


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
    from .permissions import COORDINATOR

    users = get_user_model().objects.filter(is_active=True, groups__name=COORDINATOR)
    if organisation is None:
        return users.none()
    return users.filter(profile__coordinated_organisations=organisation).distinct()


def audit_events_about(user: Any) -> QuerySet[AuditEvent]:
    return AuditEvent.objects.filter(subject=user).order_by("created_at", "id")


def user_for_live_check(user_id: int) -> Any | None:
    """The member as the database knows them now, for one live event: None when the
    account is gone or inactive. One query (a row and a few EXISTS), and the
    permission predicates answer from it without asking again."""
    role_exists = {
        f"_has_role_{index}": Exists(Group.objects.filter(user=OuterRef("pk"), name=role))
        for index, role in enumerate(ROLES)
    }
    user = (
        get_user_model()
        .objects.filter(pk=user_id, is_active=True)
        .annotate(
            _approved=Exists(
                Profile.objects.filter(user=OuterRef("pk"), status=MembershipStatus.APPROVED)
            ),
            _mfa=Exists(
                Authenticator.objects.filter(
                    user=OuterRef("pk"),
                    type__in=[Authenticator.Type.TOTP, Authenticator.Type.WEBAUTHN],
                )
            ),
            **role_exists,
        )
        .first()
    )
    if user is None:
        return None
    roles = frozenset(
        role for index, role in enumerate(ROLES) if getattr(user, f"_has_role_{index}")
    )
    return remember_access(user, roles=roles, approved=user._approved, mfa=user._mfa)
