"""What every courses view shares: the members-only guard and Dutch error text."""

from __future__ import annotations

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse

from members.decorators import NOT_YET_APPROVED
from members.permissions import can_use_members_area


def errors_of(error: ValidationError) -> str:
    return " ".join(str(message) for message in error.messages)


def guard_member(request: HttpRequest) -> HttpResponse | None:
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if not can_use_members_area(request.user):
        raise PermissionDenied(NOT_YET_APPROVED)
    return None
