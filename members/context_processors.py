"""What templates may ask about the current user, from the one set of predicates."""

from __future__ import annotations

from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from . import permissions


def member_permissions(request: HttpRequest) -> dict[str, object]:
    user = request.user

    def compute() -> dict[str, bool]:
        return {
            "is_member": permissions.is_approved_member(user),
            "can_moderate": permissions.can_moderate(user),
            "can_coordinate": permissions.can_coordinate(user),
            "can_write_stories": permissions.can_write_stories(user),
            "can_read_audit_log": permissions.can_read_audit_log(user),
        }

    return {"perms_lwp": SimpleLazyObject(compute)}
