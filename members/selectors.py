"""Reads about members that views, the admin and services share."""

from __future__ import annotations

import copy
from collections.abc import Collection, Mapping
from typing import Any

from allauth.mfa.models import Authenticator
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.sessions.backends.db import SessionStore
from django.contrib.sessions.models import Session
from django.db.models import Exists, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Lower
from django.utils import timezone

from . import audit
from .models import AuditEvent, MembershipStatus, Organisation, OrganisationDomain, Profile
from .permissions import (
    COORDINATOR,
    ROLES,
    can_coordinate,
    can_moderate,
    can_read_audit_log,
    coordinated_organisation_ids,
    remember_access,
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


def _with_access_answers(users: QuerySet[Any]) -> QuerySet[Any]:
    """Members annotated with every answer the permission predicates ask (roles,
    approved, MFA, suspension), so `remember_access` can fill their memo."""
    role_exists = {
        f"_has_role_{index}": Exists(Group.objects.filter(user=OuterRef("pk"), name=role))
        for index, role in enumerate(ROLES)
    }
    return users.annotate(
        _approved=Exists(
            Profile.objects.filter(user=OuterRef("pk"), status=MembershipStatus.APPROVED)
        ),
        _mfa=Exists(
            Authenticator.objects.filter(
                user=OuterRef("pk"),
                type__in=[Authenticator.Type.TOTP, Authenticator.Type.WEBAUTHN],
            )
        ),
        _suspended_until=Subquery(
            Profile.objects.filter(user=OuterRef("pk")).values("suspended_until")[:1]
        ),
        **role_exists,
    )


def _remember_answers(user: Any) -> Any:
    roles = frozenset(
        role for index, role in enumerate(ROLES) if getattr(user, f"_has_role_{index}")
    )
    return remember_access(
        user,
        roles=roles,
        approved=user._approved,
        mfa=user._mfa,
        suspended_until=user._suspended_until,
    )


def users_for_live_check(
    wanted: list[tuple[int, str | None]],
    *,
    annotations: Mapping[str, Any] | None = None,
) -> dict[tuple[int, str | None], Any | None]:
    """`user_for_live_check` for many (member, session) pairs at once, in two queries
    whatever their number (the members, then the sessions): what a worker process
    asks before one event reaches all its sockets. Each pair gets its own user
    object (its own `live_session`), None when the account is gone or inactive.

    `annotations`: more columns for the members query (a consumer's own state read
    in passing, for instance the object its sockets watch), set on every user."""
    members = _with_access_answers(
        get_user_model().objects.filter(pk__in={user_id for user_id, _ in wanted}, is_active=True)
    )
    if annotations:
        members = members.annotate(**annotations)
    users = {user.pk: user for user in members}
    keys = {key for _, key in wanted if key}
    sessions = (
        dict(
            Session.objects.filter(
                session_key__in=keys, expire_date__gt=timezone.now()
            ).values_list("session_key", "session_data")
        )
        if keys
        else {}
    )
    answers: dict[tuple[int, str | None], Any | None] = {}
    for user_id, key in wanted:
        found = users.get(user_id)
        if found is None:
            answers[(user_id, key)] = None
            continue
        user = copy.copy(found)
        data = sessions.get(key) if key else None
        user.live_session = SessionStore().decode(data) if data is not None else None
        answers[(user_id, key)] = _remember_answers(user)
    return answers


def members_with_access(user_ids: Collection[int]) -> list[Any]:
    """The active accounts among `user_ids`, ordered by id, each with its profile
    and with the answers of the permission predicates already in its memo: one
    query whatever their number. For a service that decides about many members at
    once (who hears of a new reply, and who by e-mail)."""
    if not user_ids:
        return []
    users = _with_access_answers(
        get_user_model().objects.filter(pk__in=set(user_ids), is_active=True)
    )
    return [_remember_answers(user) for user in users.select_related("profile").order_by("pk")]


def user_for_live_check(user_id: int, *, session_key: str | None = None) -> Any | None:
    """The member as the database knows them now, for one live event: None when the
    account is gone or inactive. One query (a row, a few EXISTS and the session's
    data), and the permission predicates answer from it without asking again.

    With a `session_key`, `user.live_session` is that session's data, or None when
    the session has ended (logged out, expired, removed)."""
    user = (
        _with_access_answers(get_user_model().objects.filter(pk=user_id, is_active=True))
        .annotate(
            _session_data=Subquery(
                Session.objects.filter(
                    session_key=session_key or "", expire_date__gt=timezone.now()
                ).values("session_data")[:1]
            )
        )
        .first()
    )
    if user is None:
        return None
    user.live_session = (
        SessionStore().decode(user._session_data) if user._session_data is not None else None
    )
    return _remember_answers(user)


def suspended_profiles() -> QuerySet[Profile]:
    """Members suspended now, the soonest to return first (the moderators' page)."""
    return (
        Profile.objects.filter(suspended_until__gt=timezone.now())
        .select_related("user")
        .order_by("suspended_until", "pk")
    )


def profiles_by_pseudonyms(names: set[str]) -> dict[str, Profile]:
    """Approved members by forum pseudonym (lower-cased keys), in one query:
    whom an @mention names."""
    if not names:
        return {}
    lowered = {name.lower() for name in names}
    found = (
        Profile.objects.annotate(pseudonym_lower=Lower("pseudonym"))
        .filter(
            pseudonym_lower__in=lowered,
            status=MembershipStatus.APPROVED,
            erased_at__isnull=True,
            user__is_active=True,
        )
        .select_related("user")
    )
    return {profile.pseudonym.lower(): profile for profile in found}
