"""Addresses of the Wagtail admin (/beheer/) that stories serves ahead of
Wagtail's own (leerwerkplaats.urls includes them first), so no admin screen names
a private draft (models.private_drafts) to anyone but its author: the report of
stories.admin_views, and the explorer and the page chooser opened on such a draft
by its id (both show the page's title above its children; a story has none)."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.urls import path
from django.views.decorators.cache import never_cache
from wagtail.admin.auth import require_admin_access
from wagtail.admin.views import chooser
from wagtail.admin.viewsets.pages import page_viewset_registry

from .admin_views import PageTypesUsageWithoutPrivateDrafts
from .models import drafts_hidden_from


def _admin(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    # What Wagtail's admin URLs are wrapped in (wagtail.admin.urls).
    return never_cache(require_admin_access(view))


def _not_on_private_drafts(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    @wraps(view)
    def wrapped(request: HttpRequest, parent_page_id: int, *args: Any, **kwargs: Any) -> Any:
        # By the page's own `id`: an id beyond the database's integers is "none"
        # (`pk`, the parent link, would reach the database and fail).
        if drafts_hidden_from(request.user).filter(id=parent_page_id).exists():
            raise Http404
        return view(request, *args, parent_page_id=parent_page_id, **kwargs)

    return _admin(wrapped)


urlpatterns = [
    path(
        "reports/page-types-usage/",
        _admin(PageTypesUsageWithoutPrivateDrafts.as_view()),
    ),
    path(
        "reports/page-types-usage/results/",
        _admin(PageTypesUsageWithoutPrivateDrafts.as_view(results_only=True)),
    ),
    path(
        "pages/<int:parent_page_id>/",
        _not_on_private_drafts(
            page_viewset_registry.as_view("index", parent_page_id_kwarg="parent_page_id")
        ),
    ),
    path(
        "pages/<int:parent_page_id>/results/",
        _not_on_private_drafts(
            page_viewset_registry.as_view("index_results", parent_page_id_kwarg="parent_page_id")
        ),
    ),
    path("choose-page/<int:parent_page_id>/", _not_on_private_drafts(chooser.BrowseView.as_view())),
]
