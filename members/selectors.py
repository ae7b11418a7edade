"""Reads about members that views, the admin and services share."""

from __future__ import annotations

import copy
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass
from functools import lru_cache
from types import MappingProxyType
from typing import Any

from allauth.mfa.models import Authenticator
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.sessions.models import Session
from django.db import connections
from django.db.models import Exists, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Lower
from django.utils import timezone

from . import audit
from .compiled_queries import run_compiled
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
from .sessions import decode_stored


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


@dataclass(frozen=True)
class LiveAnnotations:
    """More columns for the members query of the live check: a consumer's own state
    read in passing (for instance the object its sockets watch). `build(value)`
    gives the annotations for one integer `value`; the statement is compiled once
    per `name` (and number of members) and reused with each new value."""

    name: str
    build: Callable[[int], Mapping[str, Any]]
    value: int


# The worker's check runs before every live event, for every socket of a process:
# building and compiling its ORM query cost more CPU than running it (about 5 ms of
# a 7 ms check on the demo data). So each shape of the query (how many members,
# which annotations) is compiled once per database connection and then run with the
# real ids and value (members.compiled_queries).


def _padded(count: int) -> int:
    """Statements for 1, 2, 4, 8, ... members (the id list padded with repeats), so
    that a process keeps a handful, not one per number of sockets."""
    size = 1
    while size < count:
        size *= 2
    return size


def _members_query(ids: list[int], annotations: LiveAnnotations | None, value: int) -> QuerySet:
    members = _with_access_answers(get_user_model().objects.filter(pk__in=ids, is_active=True))
    if annotations is not None:
        members = members.annotate(**annotations.build(value))
    return members


def _load_members(ids: list[int], annotations: LiveAnnotations | None) -> list[Any]:
    """The active members among `ids`, annotated as `_with_access_answers` (and
    `annotations`) annotate them: the ORM's query, compiled once per shape."""
    if not ids:
        return []
    padded = ids + [ids[0]] * (_padded(len(ids)) - len(ids))
    values: dict[str, Any] = {"ids": padded}
    if annotations is not None:
        values["value"] = annotations.value

    def build(ids: list[int], value: int = 0) -> QuerySet:
        return _members_query(ids, annotations, value)

    return run_compiled(
        ("members.live_check", annotations.name if annotations is not None else None),
        build,
        using=get_user_model().objects.db,
        values=values,
    )


# The live checks read a session's row in the database, the source of truth for every
# engine they check (members.sessions.DATABASE_ENGINES: the cached engines write the
# row first), in the member's own query; never a cache entry, whose name only the
# engine knows (members.sessions.cache_key_for).
#
#: Plain statements on the sessions, by (name, database vendor, number of values).
_SESSIONS_SQL: dict[tuple[str, str, int], str] = {}


def _session_rows(
    name: str, write_sql: Callable[[Callable[[str], str], str], str], values: list[Any]
) -> list[tuple[Any, ...]]:
    """The rows of one plain statement on the sessions: written once per vendor and
    number of `values` (padded as the members are), by `write_sql(quote_name,
    placeholders)` from the models' metadata. Its parameters: the time now (its one
    `%s` before the placeholders), then `values`, padded with repeats of the first.
    One query; every value a parameter."""
    connection = connections[Session.objects.db]
    size = _padded(len(values))
    shape = (name, connection.vendor, size)
    sql = _SESSIONS_SQL.get(shape)
    if sql is None:
        placeholders = ", ".join(["%s"] * size)
        sql = _SESSIONS_SQL[shape] = write_sql(connection.ops.quote_name, placeholders)
    params = [connection.ops.adapt_datetimefield_value(timezone.now())]
    params += values + [values[0]] * (size - len(values))
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def _session_columns(q: Callable[[str], str]) -> tuple[str, str, str, str]:
    """The sessions table and its key, data and expiry columns, quoted."""
    meta = Session._meta
    return (
        q(meta.db_table),
        *(
            q(meta.get_field(name).column)
            for name in ("session_key", "session_data", "expire_date")
        ),
    )


def _live_sessions_sql(q: Callable[[str], str], placeholders: str) -> str:
    table, key, data, expire = _session_columns(q)
    return (
        f"SELECT {key}, {data} FROM {table} "  # noqa: S608
        f"WHERE {expire} > %s AND {key} IN ({placeholders})"
    )


def _live_sessions(keys: set[str]) -> dict[str, Mapping[str, Any]]:
    """The data of those of `keys` whose session has not ended: one query."""
    if not keys:
        return {}
    rows = _session_rows("live", _live_sessions_sql, sorted(keys))
    return {key: _decoded_session(data) for key, data in rows}


def _digest_sessions_sql(q: Callable[[str], str], placeholders: str) -> str:
    from allauth.usersessions.models import UserSession

    us = UserSession._meta
    us_key = q(us.get_field("session_key").column)
    us_user = q(us.get_field("user").column)
    table, key, data, expire = _session_columns(q)
    return (
        f"SELECT u.{us_user}, u.{us_key}, s.{data} FROM {q(us.db_table)} u "  # noqa: S608
        f"LEFT JOIN {table} s ON s.{key} = u.{us_key} AND s.{expire} > %s "
        f"WHERE u.{us_user} IN ({placeholders})"
    )


def live_sessions_by_digest(user_ids: Collection[int]) -> dict[tuple[int, str], Any]:
    """The sessions of `user_ids` that allauth records (`UserSession`: every login
    through the site, and the re-keyed session of a password change), by member
    and session digest (`members.live_rules.session_digest`): the data of each
    session that has not ended, None for one that has (its row gone or expired).
    One query. For a sender that knows the sockets watching a thread only by
    member and digest (docs/live.md, "The sender's check"); a session it does not
    find here is left to the worker's own check."""
    from .live_rules import session_digest

    if not user_ids:
        return {}
    rows = _session_rows("by_digest", _digest_sessions_sql, sorted(set(user_ids)))
    return {
        (user_id, session_digest(key)): _decoded_session(data) if data is not None else None
        for user_id, key, data in rows
    }


@lru_cache(maxsize=1024)
def _decoded_session(data: str) -> Mapping[str, Any]:
    """A session's data as stored, decoded (and its signature checked) once per
    distinct text: what decoding gives depends on nothing else. Read-only."""
    return MappingProxyType(decode_stored(data))


def users_for_live_check(
    wanted: list[tuple[int, str | None]],
    *,
    annotations: LiveAnnotations | None = None,
) -> dict[tuple[int, str | None], Any | None]:
    """`user_for_live_check` for many (member, session) pairs at once, in two queries
    whatever their number (the members, then the sessions): what a worker process
    asks before one event reaches all its sockets. Each pair gets its own user
    object (its own `live_session`), None when the account is gone or inactive.

    `annotations`: more columns for the members query, set on every user."""
    users = {user.pk: user for user in _load_members(sorted({u for u, _ in wanted}), annotations)}
    sessions = _live_sessions({key for _, key in wanted if key})
    answers: dict[tuple[int, str | None], Any | None] = {}
    used: set[int] = set()
    for user_id, key in wanted:
        if (user_id, key) in answers:
            continue
        found = users.get(user_id)
        if found is None:
            answers[(user_id, key)] = None
            continue
        # One object per pair (each its own session and memo); the first pair of a
        # member takes the loaded object itself.
        user = copy.copy(found) if user_id in used else found
        used.add(user_id)
        user.live_session = sessions.get(key) if key else None
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
        decode_stored(user._session_data) if user._session_data is not None else None
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
