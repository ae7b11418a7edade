"""Thin views for the member's own account: profile and privacy rights."""

from __future__ import annotations

import json

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from . import services
from .forms import DeleteAccountForm, ProfileForm
from .models import Profile


def _own_profile(request: HttpRequest) -> Profile:
    """Read only: a member without a profile row yet gets an unsaved one, which
    the profile service saves on their first POST. A GET writes nothing."""
    profile = Profile.objects.select_related("organisation").filter(user=request.user).first()
    return profile if profile is not None else Profile(user=request.user)


@login_required
@require_http_methods(["GET", "POST"])
def profile(request: HttpRequest) -> HttpResponse:
    own = _own_profile(request)
    form = ProfileForm(request.POST or None, instance=own)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_profile(profile=own, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Je profiel is opgeslagen."))
            return redirect("members:profile")
    return render(request, "members/profile.html", {"form": form, "profile": own})


@login_required
@never_cache
@require_http_methods(["GET", "POST"])
def my_data(request: HttpRequest) -> HttpResponse:
    form = DeleteAccountForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        services.delete_account(user=request.user)
        logout(request)
        messages.success(
            request, _("Je account en je gegevens zijn gewist. Bedankt dat je meedeed.")
        )
        return redirect("/")
    return render(request, "members/my_data.html", {"form": form, "profile": _own_profile(request)})


@login_required
@never_cache
@require_POST
def download_my_data(request: HttpRequest) -> HttpResponse:
    data = services.export_personal_data(user=request.user)
    response = HttpResponse(
        json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2),
        content_type="application/json; charset=utf-8",
    )
    filename = f"mijn-gegevens-hg-leerwerkplaats-{timezone.localdate():%Y-%m-%d}.json"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
