"""Wagtail admin permissions answered by `members.permissions`, for every app.

Wagtail asks a model's permission policy whether a user may view, add, change
or delete it in the admin. `PredicatePermissionPolicy` answers from one of the
project's predicates instead of Django's per-model permissions, so the admin
and the site ask the same question. An app's wagtail_hooks.py registers one:

    register_permission_policy(
        Flag, PredicatePermissionPolicy(Flag, actions={"view"}, allowed=can_moderate)
    )
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from wagtail.permission_policies import ModelPermissionPolicy


class PredicatePermissionPolicy(ModelPermissionPolicy):
    """`actions` are allowed to users for whom `allowed(user)` holds, every other
    action to nobody."""

    def __init__(self, model: Any, *, actions: set[str], allowed: Callable[[Any], bool]) -> None:
        super().__init__(model)
        self.actions = frozenset(actions)
        self.allowed = allowed

    def user_has_permission(self, user: Any, action: str) -> bool:
        return action in self.actions and bool(self.allowed(user))

    def user_has_any_permission(self, user: Any, actions: Iterable[str]) -> bool:
        return any(self.user_has_permission(user, action) for action in actions)


def is_platform_administrator(user: Any) -> bool:
    return bool(user.is_active and user.is_superuser)
