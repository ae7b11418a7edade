"""View guards for the members-only parts of the site, on the same predicates."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext_lazy as _

from .permissions import can_use_members_area

NOT_YET_APPROVED = _(
    "Dit deel van de Leerwerkplaats is alleen voor goedgekeurde leden. Je aanmelding wacht "
    "nog op goedkeuring door een coördinator van je organisatie."
)


def member_required(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Anonymous visitors go to the login; pending members get a 403 that says why."""

    @wraps(view)
    def guarded(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not can_use_members_area(request.user):
            raise PermissionDenied(NOT_YET_APPROVED)
        return view(request, *args, **kwargs)

    return guarded
