"""The one place that answers "may this user do X".

Views, consumers, templates and the Wagtail admin all ask these predicates, so
a rule changes in one place. Roles are Django groups (made by a data migration).
A moderator or coordinator without MFA holds none of the role's powers until
they have set it up: the predicates say no, the middleware sends them to set-up."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any

from allauth.mfa.models import Authenticator
from django.core.exceptions import ValidationError
from django.utils import formats, timezone
from django.utils.functional import LazyObject, empty

if TYPE_CHECKING:
    from .models import Profile

PROFESSIONAL = "Professional"
ERVARINGSDESKUNDIGE = "Ervaringsdeskundige"
MODERATOR = "Moderator"
COORDINATOR = "Coordinator"
# A member a coordinator marked as facilitator (gespreksleider) of intervisie sessions.
FACILITATOR = "Facilitator"
ROLES = (PROFESSIONAL, ERVARINGSDESKUNDIGE, MODERATOR, COORDINATOR, FACILITATOR)
ROLES_REQUIRING_MFA = frozenset({MODERATOR, COORDINATOR})


def _cached(user: Any, key: str, compute: Any) -> Any:
    """Per-request memo on the user object: templates ask the same thing often."""
    cache = user.__dict__.setdefault("_lwp_permission_cache", {})
    if key not in cache:
        cache[key] = compute()
    return cache[key]


def plain_user(user: Any) -> Any:
    """The user behind `request.user`'s lazy wrapper, sharing its memo: for code
    that asks the predicates for each of hundreds of items (every read through
    the wrapper costs a proxy call)."""
    if not isinstance(user, LazyObject):
        return user
    if user._wrapped is empty:
        user._setup()
    inner = user._wrapped
    memo = user.__dict__.setdefault("_lwp_permission_cache", {})
    inner.__dict__.setdefault("_lwp_permission_cache", memo)
    return inner


def remember_access(
    user: Any,
    *,
    roles: frozenset[str],
    approved: bool,
    mfa: bool,
    suspended_until: datetime | None = None,
) -> Any:
    """Fill the memo of a freshly loaded user from answers one query already gave.

    The live base loads a new user object for every event it forwards (see
    `members.selectors.user_for_live_check`), so this memo lives for one event only;
    the predicates below then answer without further queries."""
    user.__dict__["_lwp_permission_cache"] = {
        "roles": roles,
        "approved": approved,
        "mfa": mfa,
        "suspended_until": suspended_until,
    }
    return user


def is_authenticated(user: Any) -> bool:
    return bool(user is not None and user.is_authenticated and user.is_active)


def role_names(user: Any) -> frozenset[str]:
    if not is_authenticated(user):
        return frozenset()
    return _cached(user, "roles", lambda: frozenset(user.groups.values_list("name", flat=True)))


def has_role(user: Any, role: str) -> bool:
    return role in role_names(user)


def is_approved_member(user: Any) -> bool:
    """Approved members may read what is for members only; pending ones may not."""
    if not is_authenticated(user):
        return False
    if user.is_superuser:
        return True

    def compute() -> bool:
        profile = getattr(user, "profile", None)
        return profile is not None and profile.is_approved

    return _cached(user, "approved", compute)


def requires_mfa(user: Any) -> bool:
    return is_authenticated(user) and (
        user.is_staff or user.is_superuser or bool(role_names(user) & ROLES_REQUIRING_MFA)
    )


def has_mfa(user: Any) -> bool:
    if not is_authenticated(user):
        return False
    return _cached(
        user,
        "mfa",
        lambda: Authenticator.objects.filter(
            user=user, type__in=[Authenticator.Type.TOTP, Authenticator.Type.WEBAUTHN]
        ).exists(),
    )


def mfa_satisfied(user: Any) -> bool:
    return not requires_mfa(user) or has_mfa(user)


def can_use_members_area(user: Any) -> bool:
    return is_approved_member(user) and mfa_satisfied(user)


def suspended_until(user: Any) -> datetime | None:
    """When the member's suspension ends, or None when they are not suspended now."""
    if not is_authenticated(user):
        return None

    def compute() -> datetime | None:
        profile = getattr(user, "profile", None)
        return profile.suspended_until if profile is not None else None

    until = _cached(user, "suspended_until", compute)
    return until if until is not None and until > timezone.now() else None


def suspension_refusal(user: Any, message: Any) -> str | None:
    """`message` (Dutch, with `%(until)s`) filled with the end of the member's
    suspension, or None when they are not suspended: how every app refuses a
    suspended member what they may not do, with the date it ends."""
    until = suspended_until(user)
    if until is None:
        return None
    return str(message % {"until": formats.date_format(timezone.localtime(until), "j F Y H:i")})


def require_not_suspended(user: Any, message: Any, *, field: str | None = None) -> None:
    """Raise the ValidationError (code "suspended") every service raises when a suspended
    member tries what `message` names; `field` puts it on a form field."""
    refusal = suspension_refusal(user, message)
    if refusal is not None:
        raise ValidationError({field: refusal} if field else refusal, code="suspended")


def is_suspended(user: Any) -> bool:
    """A suspended member may read, but not post, react, flag or keep a live connection."""
    return suspended_until(user) is not None


def can_participate(user: Any) -> bool:
    """May write in the members' area: post, react, flag (a suspension says no)."""
    return can_use_members_area(user) and not is_suspended(user)


def can_moderate(user: Any) -> bool:
    return can_use_members_area(user) and (user.is_superuser or has_role(user, MODERATOR))


def can_coordinate(user: Any) -> bool:
    return can_use_members_area(user) and (user.is_superuser or has_role(user, COORDINATOR))


def can_write_stories(user: Any) -> bool:
    return can_use_members_area(user) and (
        has_role(user, ERVARINGSDESKUNDIGE) or can_moderate(user)
    )


def can_facilitate(user: Any) -> bool:
    """May plan and lead intervisie sessions: moderators, and members a coordinator
    gave the Facilitator role."""
    return can_use_members_area(user) and (
        user.is_superuser or has_role(user, MODERATOR) or has_role(user, FACILITATOR)
    )


def coordinated_organisation_ids(user: Any) -> frozenset[int] | None:
    """The organisations a coordinator acts for; None means all (platform administrator)."""
    if not can_coordinate(user):
        return frozenset()
    if user.is_superuser:
        return None
    return _cached(
        user,
        "coordinated",
        lambda: frozenset(user.profile.coordinated_organisations.values_list("pk", flat=True)),
    )


def can_approve_member(user: Any, profile: Profile) -> bool:
    scope = coordinated_organisation_ids(user)
    if not can_coordinate(user) or profile.user_id == user.pk:
        return False
    return scope is None or profile.organisation_id in scope


def can_read_audit_log(user: Any) -> bool:
    return can_moderate(user) or can_coordinate(user)
