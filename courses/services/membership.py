"""Who may take courses at all: approved members (one answer, members.permissions)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _

from members.permissions import can_use_members_area

ERROR_NOT_A_MEMBER = _("Alleen goedgekeurde leden kunnen cursussen volgen.")


def check_member(user: Any) -> None:
    if not can_use_members_area(user):
        raise PermissionDenied(ERROR_NOT_A_MEMBER)
