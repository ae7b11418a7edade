"""The site shell's place in Wagtail: the coordinators' dashboard panel and the
help guide's own search kinds (registered like every later app's)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.components import Component

from editorial.page_memory import PAGE_MEMORY_HOOK, VIEW_RESTRICTIONS_HOOK
from members.permissions import can_coordinate

from . import freshness, page_cache, shell_cache
from .models import HelpIndexPage, HelpPage, HomePage, InformationPage
from .search import SEARCH_KIND_HOOK, SearchKindSpec
from .selectors import stale_help_pages


class StaleHelpPagesPanel(Component):
    """Help pages readers may be relying on although no one has checked them
    for six months, the longest unchecked first."""

    name = "stale_help_pages"
    template_name = "leerwerkplaats/admin/stale_help_pages_panel.html"
    order = 50  # above Wagtail's own panels: this is the coordinator's to-do

    def get_context_data(self, parent_context: Mapping[str, Any]) -> Mapping[str, Any]:
        context = super().get_context_data(parent_context)
        context["pages"] = stale_help_pages()
        context["months"] = freshness.CHECK_INTERVAL_MONTHS
        return context


@hooks.register("before_serve_page")
def allow_page_cache(page: Any, request: HttpRequest, args: Any, kwargs: Any) -> None:
    """Only pages Wagtail serves may be stored by the visitors' page cache
    (page_cache.py decides whether this response may)."""
    page_cache.mark_cacheable(request)


@hooks.register(VIEW_RESTRICTIONS_HOOK)
def view_restrictions_from_memory(page: Any) -> Any:
    """The apps' pages' view restrictions from the worker's memory (an app may not
    import this package: courses/models/pages.py asks through this hook,
    editorial.page_memory names it)."""
    return shell_cache.view_restrictions_for(page, None)


@hooks.register(PAGE_MEMORY_HOOK)
def page_memory(request: HttpRequest | None, key: Any, build: Any) -> Any:
    """The apps' page data kept in the worker's memory for the current generation."""
    return shell_cache.remember(request, ("app", *key), build)


@hooks.register("construct_homepage_panels")
def add_stale_help_pages_panel(request: HttpRequest, panels: list[Component]) -> None:
    if can_coordinate(request.user):
        panels.append(StaleHelpPagesPanel())


@hooks.register(SEARCH_KIND_HOOK)
def help_pages_search_kind() -> SearchKindSpec:
    return {
        "key": "help",
        "label": _("Hulp en advies"),
        "order": 10,
        "page_models": [HelpPage, HelpIndexPage],
    }


@hooks.register(SEARCH_KIND_HOOK)
def information_pages_search_kind() -> SearchKindSpec:
    return {
        "key": "information",
        "label": _("Over de Leerwerkplaats"),
        "order": 90,
        "page_models": [HomePage, InformationPage],
    }
