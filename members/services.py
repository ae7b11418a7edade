"""Every change of state around members: one function per use case, one
transaction each. Views, the admin, signal receivers and commands call these."""

from __future__ import annotations

import logging
import uuid
from collections.abc import Iterable
from datetime import timedelta
from importlib import import_module
from typing import Any

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Prefetch
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from . import audit, broadcast, personal_data
from .cache_versions import bump_member
from .models import (
    AuditAction,
    AuditEvent,
    MembershipStatus,
    ModerationAction,
    ModerationReason,
    Organisation,
    Profile,
)
from .permissions import PROFESSIONAL, ROLES, can_approve_member, can_moderate
from .selectors import coordinators_of, organisation_for_email
from .validators import MAX_REASON_LENGTH, check_lengths

logger = logging.getLogger(__name__)

ERROR_REASON_REQUIRED = _(
    "Schrijf kort waarom je deze aanmelding afwijst; het lid krijgt dit te lezen."
)
ERROR_NOT_YOURS = _("Je mag alleen aanmeldingen van je eigen organisatie(s) beoordelen.")
ERROR_ALREADY_DECIDED = _("Over deze aanmelding is al beslist.")
ERROR_ADMINISTRATORS_ONLY = _("Alleen beheerders van het platform mogen dit wijzigen.")


# Free text a member types, with its limit (the model's max_length).
PROFILE_TEXT_LIMITS = {
    name: Profile._meta.get_field(name).max_length
    for name in (
        "display_name",
        "pseudonym",
        "skj_number",
        "registerplein_number",
        "big_number",
        "vvn_number",
    )
}


def _role_group(name: str) -> Group:
    # Made with its permissions by migration 0003; get_or_create keeps a flushed
    # database (transactional tests) working.
    return Group.objects.get_or_create(name=name)[0]


def record_event(
    *,
    action: str,
    actor: Any = None,
    subject: Any = None,
    obj: Any = None,
    reason: str = "",
) -> AuditEvent:
    """Append one line to the audit log. Ids only: no names, no e-mail addresses.
    The action must be registered (audit.register_actions) by the app that audits it."""
    if not audit.is_registered(action):
        raise ValidationError({"action": audit.ERROR_UNKNOWN_ACTION})
    event = AuditEvent(
        action=action,
        actor=actor if actor is not None and actor.is_authenticated else None,
        subject=subject,
        object_type=obj._meta.label if obj is not None else "",
        object_id=str(obj.pk) if obj is not None else "",
        reason=reason[:500],
    )
    event.full_clean()
    event.save()
    return event


def _mail_member(user: Any, template: str, context: dict[str, Any]) -> None:
    """Send after commit, in Dutch, to the member's address."""
    email = user.email

    def send() -> None:
        with translation.override(settings.LANGUAGE_CODE):
            subject = render_to_string(f"members/email/{template}_subject.txt", context).strip()
            body = render_to_string(f"members/email/{template}_body.txt", context)
        send_mail(subject, body, None, [email])

    transaction.on_commit(send)


@transaction.atomic
def create_profile(
    *,
    user: Any,
    display_name: str,
    pseudonym: str,
    organisation: Organisation,
    profession: str,
    skj_number: str = "",
    registerplein_number: str = "",
    big_number: str = "",
    vvn_number: str = "",
) -> Profile:
    """A new sign-up: the profile waits for approval until the e-mail is verified
    on a known domain or a coordinator of the organisation approves it."""
    check_lengths(
        PROFILE_TEXT_LIMITS,
        display_name=display_name.strip(),
        pseudonym=pseudonym.strip(),
        skj_number=skj_number,
        registerplein_number=registerplein_number,
        big_number=big_number,
        vvn_number=vvn_number,
    )
    profile = Profile(
        user=user,
        display_name=display_name.strip(),
        pseudonym=pseudonym.strip(),
        organisation=organisation,
        profession=profession,
        skj_number=skj_number,
        registerplein_number=registerplein_number,
        big_number=big_number,
        vvn_number=vvn_number,
        status=MembershipStatus.PENDING,
    )
    profile.full_clean()
    profile.save()
    return profile


@transaction.atomic
def apply_verified_email(*, user: Any, email: str) -> Profile:
    """A verified address on an organisation's domain proves membership: approve at
    once, as a member of that organisation. Otherwise the coordinators of the
    organisation the member chose are told a sign-up waits for them."""
    profile, _created = Profile.objects.select_for_update().get_or_create(user=user)
    if profile.status != MembershipStatus.PENDING:
        return profile
    organisation = organisation_for_email(email)
    if organisation is None:
        for coordinator in coordinators_of(profile.organisation):
            _mail_member(
                coordinator, "pending_signup", {"site_url": settings.WAGTAILADMIN_BASE_URL}
            )
        return profile
    profile.organisation = organisation
    profile.status = MembershipStatus.APPROVED
    profile.decided_at = timezone.now()
    profile.save(update_fields=["organisation", "status", "decided_at"])
    user.groups.add(_role_group(PROFESSIONAL))
    record_event(action=AuditAction.SIGNUP_APPROVED_BY_DOMAIN, subject=user, obj=organisation)
    return profile


@transaction.atomic
def approve_member(*, actor: Any, profile: Profile) -> Profile:
    if not can_approve_member(actor, profile):
        raise PermissionDenied(ERROR_NOT_YOURS)
    profile = Profile.objects.select_for_update().get(pk=profile.pk)
    if profile.status != MembershipStatus.PENDING:
        raise ValidationError(ERROR_ALREADY_DECIDED)
    profile.status = MembershipStatus.APPROVED
    profile.decided_at = timezone.now()
    profile.status_reason = ""
    profile.save(update_fields=["status", "decided_at", "status_reason"])
    profile.user.groups.add(_role_group(PROFESSIONAL))
    record_event(action=AuditAction.SIGNUP_APPROVED, actor=actor, subject=profile.user, obj=profile)
    _mail_member(profile.user, "approved", {"site_url": settings.WAGTAILADMIN_BASE_URL})
    return profile


@transaction.atomic
def refuse_member(*, actor: Any, profile: Profile, reason: str) -> Profile:
    """The reason goes to the member by e-mail and stays on their profile (erased
    with it); the audit log records only that a refusal happened."""
    if not can_approve_member(actor, profile):
        raise PermissionDenied(ERROR_NOT_YOURS)
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": ERROR_REASON_REQUIRED})
    check_lengths({"reason": MAX_REASON_LENGTH}, reason=reason)
    profile = Profile.objects.select_for_update().get(pk=profile.pk)
    if profile.status != MembershipStatus.PENDING:
        raise ValidationError(ERROR_ALREADY_DECIDED)
    profile.status = MembershipStatus.REFUSED
    profile.decided_at = timezone.now()
    profile.status_reason = reason
    profile.save(update_fields=["status", "decided_at", "status_reason"])
    record_event(action=AuditAction.SIGNUP_REFUSED, actor=actor, subject=profile.user, obj=profile)
    broadcast.close_user_connections(profile.user_id, broadcast.REASON_REFUSED)
    _mail_member(profile.user, "refused", {"reason": reason})
    return profile


@transaction.atomic
def set_roles(*, actor: Any, user: Any, roles: list[str]) -> None:
    unknown = set(roles) - set(ROLES)
    if unknown:
        raise ValidationError(f"Unknown roles: {sorted(unknown)}")
    keep = user.groups.exclude(name__in=ROLES)
    user.groups.set([*keep, *Group.objects.filter(name__in=roles)])
    record_roles_changed(actor=actor, user=user)


def record_roles_changed(*, actor: Any, user: Any) -> AuditEvent:
    """After roles or the account's active flag changed (here or in the admin's user
    editor): audited, and the member's live connections are closed, so that they
    reconnect with what they may do now (a deactivated account cannot)."""
    roles = user.groups.values_list("name", flat=True)
    event = record_event(
        action=AuditAction.ROLES_CHANGED, actor=actor, subject=user, reason=_roles_reason(roles)
    )
    _close_after_roles_changed(user)
    return event


def _roles_reason(names: Iterable[str]) -> str:
    return ", ".join(sorted(names)) or "-"


def _close_after_roles_changed(user: Any) -> None:
    broadcast.close_user_connections(
        user.pk, broadcast.REASON_ROLES_CHANGED if user.is_active else broadcast.REASON_SUSPENDED
    )


@transaction.atomic
def record_accounts_changed_in_bulk(*, actor: Any, user_ids: list[int]) -> None:
    """After one of the admin's user bulk actions (mark active or inactive, assign a
    role): they write with `QuerySet.update`, which sends no signal. As after the
    user editor, each account still there is audited and its live connections are
    closed; and everything kept for these members is made stale, so their next
    request reads them from the database (an account marked inactive is logged out
    at once, not when its kept shell expires)."""
    bump_member(*user_ids)
    if not audit.is_registered(AuditAction.ROLES_CHANGED):
        raise ValidationError({"action": audit.ERROR_UNKNOWN_ACTION})
    # A constant number of queries however many accounts: the groups in one
    # prefetch, the audit lines in one insert.
    users = list(
        get_user_model()
        .objects.filter(pk__in=user_ids)
        .order_by("pk")
        .prefetch_related(Prefetch("groups", queryset=Group.objects.only("name")))
    )
    events = [
        AuditEvent(
            action=AuditAction.ROLES_CHANGED,
            actor=actor if actor is not None and actor.is_authenticated else None,
            subject=user,
            reason=_roles_reason(group.name for group in user.groups.all())[:500],
        )
        for user in users
    ]
    for event in events:
        # The actor and the subjects were just read: no query per line to prove they exist.
        event.full_clean(exclude=["actor", "subject"])
    AuditEvent.objects.bulk_create(events)
    for user in users:
        _close_after_roles_changed(user)  # on commit, and without a query


def record_logout(*, user: Any) -> None:
    """A member logged out (or was logged out by a timeout): their live connections
    close with the session."""
    broadcast.close_user_connections(user.pk, broadcast.REASON_LOGGED_OUT)


def record_account_removed(*, user_id: int) -> None:
    """An account row was deleted (the admin, a command): close its live connections."""
    broadcast.close_user_connections(user_id, broadcast.REASON_ERASED)


def record_mfa_change(*, user: Any, authenticator_type: str, added: bool) -> AuditEvent:
    """Audited; a removal also closes the member's live connections (a moderator or
    coordinator without MFA may not keep them; anyone else reconnects)."""
    if not added:
        broadcast.close_user_connections(user.pk, broadcast.REASON_MFA_REMOVED)
    return record_event(
        action=AuditAction.MFA_ADDED if added else AuditAction.MFA_REMOVED,
        actor=user,
        subject=user,
        reason=authenticator_type,
    )


@transaction.atomic
def update_profile(
    *,
    profile: Profile,
    display_name: str,
    pseudonym: str,
    profession: str,
    skj_number: str = "",
    registerplein_number: str = "",
    big_number: str = "",
    vvn_number: str = "",
    notify_replies: bool = True,
    notify_mentions: bool = True,
    notify_moderation: bool = True,
) -> Profile:
    """A member edits their own profile: how they appear, their work and
    notifications. Never their status, organisation or roles (those are decided
    by coordinators and administrators, audited)."""
    check_lengths(
        PROFILE_TEXT_LIMITS,
        display_name=display_name.strip(),
        pseudonym=pseudonym.strip(),
        skj_number=skj_number,
        registerplein_number=registerplein_number,
        big_number=big_number,
        vvn_number=vvn_number,
    )
    profile.display_name = display_name.strip()
    profile.pseudonym = pseudonym.strip()
    profile.profession = profession
    profile.skj_number = skj_number
    profile.registerplein_number = registerplein_number
    profile.big_number = big_number
    profile.vvn_number = vvn_number
    profile.notify_replies = notify_replies
    profile.notify_mentions = notify_mentions
    profile.notify_moderation = notify_moderation
    profile.full_clean()
    profile.save()
    return profile


@transaction.atomic
def change_membership(
    *,
    actor: Any,
    profile: Profile,
    organisation: Organisation | None,
    profession: str,
    coordinated_organisations: list[Organisation],
) -> Profile:
    """An administrator changes where a member works and which organisations
    they coordinate (the admin's member view). Audited: which fields changed,
    by organisation id, never a name."""
    if not (actor.is_active and actor.is_superuser):
        raise PermissionDenied(ERROR_ADMINISTRATORS_ONLY)
    profile = Profile.objects.select_for_update().get(pk=profile.pk)
    before_coordinated = set(profile.coordinated_organisations.values_list("pk", flat=True))
    after_coordinated = {organisation.pk for organisation in coordinated_organisations}
    changed = []
    if profile.organisation_id != (organisation.pk if organisation else None):
        changed.append(f"organisation={organisation.pk if organisation else '-'}")
    if profile.profession != profession:
        changed.append(f"profession={profession or '-'}")
    if before_coordinated != after_coordinated:
        ids = ",".join(str(pk) for pk in sorted(after_coordinated)) or "-"
        changed.append(f"coordinated_organisations={ids}")
    profile.organisation = organisation
    profile.profession = profession
    profile.full_clean()
    profile.save(update_fields=["organisation", "profession"])
    profile.coordinated_organisations.set(coordinated_organisations)
    if changed:
        record_event(
            action=AuditAction.PROFILE_CHANGED,
            actor=actor,
            subject=profile.user,
            obj=profile,
            reason="; ".join(changed),
        )
    return profile


def export_personal_data(*, user: Any) -> dict[str, Any]:
    """Everything the platform holds about this member, and nothing about anyone else."""
    data: dict[str, Any] = {
        "export_generated_at": timezone.now().isoformat(),
        "format": "HG Leerwerkplaats personal data export, version 1",
    }
    for provider in personal_data.providers():
        data[provider.key] = provider.export(user)
    record_event(action=AuditAction.DATA_EXPORTED, actor=user, subject=user)
    return data


@transaction.atomic
def delete_account(*, user: Any) -> None:
    """Erase the member: every app erases what it holds, then the account itself
    is anonymised (kept as an empty row so contributions and the audit log keep
    their references but show "verwijderd lid")."""
    for provider in personal_data.providers():
        provider.erase(user)
    record_event(action=AuditAction.ACCOUNT_DELETED, actor=None, subject=user)
    broadcast.close_user_connections(user.pk, broadcast.REASON_ERASED)
    logger.info("A member erased their account (id %s).", user.pk)
    transaction.on_commit(checkpoint_sqlite_log)


def checkpoint_sqlite_log() -> None:
    """SQLite keeps changed pages, with the erased values, in its write-ahead log
    until a checkpoint copies them into the file. After an erasure that is at once,
    and the log is emptied (TRUNCATE). With secure_delete on (settings), the file
    then holds zeros where the data was. PostgreSQL needs nothing here."""
    from django.db import connection

    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")


# --- the members app's own personal data -----------------------------------


def export_account(user: Any) -> dict[str, Any]:
    profile = Profile.objects.filter(user=user).select_related("organisation").first()
    return {
        "email": user.email,
        "first_name": user.first_name,
        "last_name": user.last_name,
        "date_joined": user.date_joined.isoformat(),
        "last_login": user.last_login.isoformat() if user.last_login else None,
        "email_addresses": [
            {"email": a.email, "verified": a.verified, "primary": a.primary}
            for a in EmailAddress.objects.filter(user=user)
        ],
        "roles": sorted(user.groups.values_list("name", flat=True)),
        "two_factor_methods": sorted(
            Authenticator.objects.filter(user=user).values_list("type", flat=True)
        ),
        "profile": None
        if profile is None
        else {
            "display_name": profile.display_name,
            "pseudonym": profile.pseudonym,
            "organisation": profile.organisation.name if profile.organisation else None,
            "profession": profile.profession,
            "register_numbers": profile.register_numbers,
            "notifications": {
                "replies": profile.notify_replies,
                "mentions": profile.notify_mentions,
                "moderation": profile.notify_moderation,
            },
            "membership_status": profile.status,
            "membership_reason": profile.status_reason,
            "decided_at": profile.decided_at.isoformat() if profile.decided_at else None,
        },
    }


def export_audit(user: Any) -> list[dict[str, Any]]:
    from .selectors import audit_events_about

    return [
        {
            "action": event.action,
            "at": event.created_at.isoformat(),
            "by_you": event.actor_id == user.pk,
        }
        for event in audit_events_about(user)
    ]


def erase_account(user: Any) -> None:
    from allauth.usersessions.models import UserSession
    from django.contrib.sessions.models import Session

    sessions = UserSession.objects.filter(user=user)
    keys = list(sessions.values_list("session_key", flat=True))
    # Through the session engine, so a copy it keeps in the cache (members.sessions
    # with Redis, under a digest of the key) goes too; then the rows, whatever the engine.
    store = import_module(settings.SESSION_ENGINE).SessionStore()
    for key in keys:
        store.delete(key)
    Session.objects.filter(session_key__in=keys).delete()
    sessions.delete()
    Authenticator.objects.filter(user=user).delete()
    EmailAddress.objects.filter(user=user).delete()
    bump_member(user.pk)
    Profile.objects.filter(user=user).update(
        display_name="",
        pseudonym=None,
        organisation=None,
        profession="",
        skj_number="",
        registerplein_number="",
        big_number="",
        vvn_number="",
        status_reason="",
        erased_at=timezone.now(),
    )
    for profile in Profile.objects.filter(user=user):
        profile.coordinated_organisations.clear()
    user.email = f"verwijderd-{uuid.uuid4().hex}@verwijderd.invalid"
    user.first_name = ""
    user.last_name = ""
    user.is_active = False
    user.is_staff = False
    user.is_superuser = False
    user.set_unusable_password()
    user.save()
    user.groups.clear()


def register_personal_data() -> None:
    """Called from MembersConfig.ready(): members' own part of every export and erasure."""
    personal_data.register(
        personal_data.PersonalDataProvider(
            key="account", label="Account en profiel", export=export_account, erase=erase_account
        )
    )
    personal_data.register(
        personal_data.PersonalDataProvider(
            key="audit_log", label="Auditlog over jou", export=export_audit, erase=_keep
        )
    )


def _keep(user: Any) -> None:
    """The audit log holds ids only: nothing in it names the member."""


# --- moderators' decisions about a member ---------------------------------------

#: The longest suspension a moderator can give; anything longer is an administrator's
#: decision (deactivating the account).
MAX_SUSPENSION_DAYS = 90
ERROR_NOT_A_MODERATOR = _("Alleen moderatoren kunnen leden waarschuwen of schorsen.")
ERROR_UNKNOWN_REASON = _("Kies een reden uit de lijst.")
ERROR_SUSPENSION_DAYS = _("Kies een schorsing van 1 tot en met %(max)s dagen.")
ERROR_NOT_YOURSELF = _("Je kunt jezelf niet waarschuwen of schorsen.")
ERROR_NOT_SUSPENDED = _("Dit lid is niet geschorst.")


def _check_moderation(*, moderator: Any, member: Any, reason: str | None = None) -> None:
    if not can_moderate(moderator):
        raise PermissionDenied(ERROR_NOT_A_MODERATOR)
    if member.pk == moderator.pk:
        raise ValidationError(ERROR_NOT_YOURSELF)
    if reason is not None and reason not in ModerationReason.values:
        raise ValidationError({"reason": ERROR_UNKNOWN_REASON})


@transaction.atomic
def record_warning(*, moderator: Any, member: Any, reason: str) -> AuditEvent:
    """A moderator warned a member for one of the fixed reasons: audited (the reason
    code only; a moderator's note never enters the audit log). The member hears of it
    through the caller (a notification)."""
    _check_moderation(moderator=moderator, member=member, reason=reason)
    return record_event(
        action=ModerationAction.MEMBER_WARNED, actor=moderator, subject=member, reason=reason
    )


@transaction.atomic
def suspend_member(*, moderator: Any, member: Any, days: int, reason: str) -> Profile:
    """Suspend a member for `days` days from now: they may read but not post, react
    or flag, and every live connection they have closes at once (on commit).
    A new suspension replaces a running one."""
    _check_moderation(moderator=moderator, member=member, reason=reason)
    if isinstance(days, bool) or not isinstance(days, int) or not 1 <= days <= MAX_SUSPENSION_DAYS:
        raise ValidationError({"days": ERROR_SUSPENSION_DAYS % {"max": MAX_SUSPENSION_DAYS}})
    profile = Profile.objects.select_for_update().get(user=member)
    profile.suspended_until = timezone.now() + timedelta(days=days)
    profile.save(update_fields=["suspended_until"])
    member.__dict__.pop("_lwp_permission_cache", None)
    record_event(
        action=ModerationAction.MEMBER_SUSPENDED,
        actor=moderator,
        subject=member,
        obj=profile,
        reason=f"{reason}; {days}",
    )
    broadcast.close_user_connections(member.pk, broadcast.REASON_SUSPENDED)
    return profile


@transaction.atomic
def lift_suspension(*, moderator: Any, member: Any) -> Profile:
    """End a running suspension now; audited."""
    _check_moderation(moderator=moderator, member=member)
    profile = Profile.objects.select_for_update().get(user=member)
    if profile.suspended_until is None or profile.suspended_until <= timezone.now():
        raise ValidationError(ERROR_NOT_SUSPENDED)
    profile.suspended_until = None
    profile.save(update_fields=["suspended_until"])
    member.__dict__.pop("_lwp_permission_cache", None)
    record_event(
        action=ModerationAction.SUSPENSION_LIFTED, actor=moderator, subject=member, obj=profile
    )
    return profile
