"""The coordinator's queue of pending sign-ups, in the Wagtail admin."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from . import services
from .forms import RefusalForm
from .models import Profile
from .permissions import can_approve_member, can_coordinate
from .selectors import pending_members_for


def _require_coordinator(request: HttpRequest) -> None:
    if not can_coordinate(request.user):
        raise PermissionDenied


def pending_members(request: HttpRequest) -> HttpResponse:
    _require_coordinator(request)
    return TemplateResponse(
        request,
        "members/admin/pending_members.html",
        {
            "page_title": _("Aanmeldingen"),
            "header_icon": "group",
            "pending": pending_members_for(request.user),
        },
    )


def _pending_profile_for(request: HttpRequest, pk: int) -> Profile:
    _require_coordinator(request)
    profile = get_object_or_404(Profile.objects.select_related("user", "organisation"), pk=pk)
    if not can_approve_member(request.user, profile):
        # Not "not found": the coordinator should know the rule, not guess.
        raise PermissionDenied(services.ERROR_NOT_YOURS)
    return profile


@require_POST
def approve_member(request: HttpRequest, pk: int) -> HttpResponse:
    profile = _pending_profile_for(request, pk)
    try:
        services.approve_member(actor=request.user, profile=profile)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("De aanmelding is goedgekeurd; het lid krijgt een e-mail."))
    return redirect("members_pending")


@require_http_methods(["GET", "POST"])
def refuse_member(request: HttpRequest, pk: int) -> HttpResponse:
    profile = _pending_profile_for(request, pk)
    form = RefusalForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.refuse_member(
                actor=request.user, profile=profile, reason=form.cleaned_data["reason"]
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("De aanmelding is afgewezen; het lid krijgt een e-mail."))
            return redirect("members_pending")
    return TemplateResponse(
        request,
        "members/admin/refuse_member.html",
        {
            "page_title": _("Aanmelding afwijzen"),
            "header_icon": "group",
            "profile": profile,
            "form": form,
        },
    )
