"""The list page `/meldingen/`: paginated, mark one or all read with a POST. Works
without JavaScript; the bell in the header (templatetags) links here."""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from members.decorators import member_required

from . import selectors, services

PAGE_SIZE = 20


@never_cache
@member_required
def notification_list(request: HttpRequest) -> HttpResponse:
    page = Paginator(selectors.notifications_for(user=request.user), PAGE_SIZE).get_page(
        request.GET.get("pagina")
    )
    return render(request, "notifications/list.html", {"page": page})


def _back(request: HttpRequest) -> HttpResponse:
    """Back to the page of the list the member was on."""
    page = request.POST.get("pagina", "")
    url = reverse("notifications:list")
    return redirect(f"{url}?pagina={page}" if page.isdigit() else url)


@member_required
@require_POST
def mark_read(request: HttpRequest, pk: int) -> HttpResponse:
    services.mark_read(user=request.user, notification_id=pk)
    follow = request.POST.get("volgen", "")
    if follow and url_has_allowed_host_and_scheme(
        follow, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return redirect(follow)
    messages.success(request, _("De melding is als gelezen gemarkeerd."))
    return _back(request)


@member_required
@require_POST
def mark_all_read(request: HttpRequest) -> HttpResponse:
    services.mark_all_read(user=request.user)
    messages.success(request, _("Alle meldingen zijn als gelezen gemarkeerd."))
    return _back(request)
