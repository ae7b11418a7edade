"""The audit log's vocabulary: which actions exist, and how a reader sees them.

Each app registers its own actions from its AppConfig.ready(), so a new app
audits without a `members` migration (the model field has no fixed choices):

    audit.register_actions("forum", {"forum.post_hidden": _("Bericht verborgen")},
                           moderation=True)

`services.record_event` refuses an action nobody registered. Moderation actions
are the ones moderators may read in the log (selectors.audit_events_visible_to)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

ERROR_UNKNOWN_ACTION = _("Deze handeling kan niet in de auditlog: geen app heeft haar aangemeld.")


@dataclass(frozen=True)
class RegisteredAction:
    code: str
    label: str | Promise
    app_label: str
    moderation: bool


_registry: dict[str, RegisteredAction] = {}


def register_actions(
    app_label: str, actions: Mapping[str, str | Promise], *, moderation: bool = False
) -> None:
    """Make `actions` ({code: Dutch label}) recordable. Idempotent for the same
    app; an app may not take over another app's code."""
    for code, label in actions.items():
        existing = _registry.get(code)
        if existing is not None and existing.app_label != app_label:
            raise ValueError(f"Audit action {code!r} already belongs to {existing.app_label}.")
        if len(code) > 64:
            raise ValueError(f"Audit action {code!r} is longer than 64 characters.")
        _registry[code] = RegisteredAction(str(code), label, app_label, moderation)


def is_registered(code: str) -> bool:
    return code in _registry


def label_for(code: str) -> str:
    action = _registry.get(code)
    return str(action.label) if action is not None else code


def choices() -> list[tuple[str, str]]:
    """For the admin's filter: every registered action, by label."""
    return sorted(((code, str(a.label)) for code, a in _registry.items()), key=lambda c: c[1])


def moderation_actions() -> list[str]:
    return [code for code, action in _registry.items() if action.moderation]


def member_reference(user: Any) -> str:
    """How the audit log names a member: their forum pseudonym, or a stable
    reference by id; never a name or an e-mail address."""
    if user is None:
        return "-"
    profile = getattr(user, "profile", None)  # None when the user has no profile
    pseudonym = profile.pseudonym if profile is not None else None
    return pseudonym or f"lid #{user.pk}"
