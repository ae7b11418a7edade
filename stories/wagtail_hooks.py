"""The stories' place in Wagtail: their pages served through the views (so the
reading rule and the lists live in one place), their search kind, and their
part of `setup_site` (the moderators' workflow)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from . import moderation, selectors, views
from .models import StoryIndexPage, StoryPage


@hooks.register("before_serve_page")
def serve_story_pages(
    page: Any, request: HttpRequest, serve_args: Any, serve_kwargs: Any
) -> HttpResponse | None:
    if isinstance(page, StoryPage):
        return views.story_page(request, page)
    if isinstance(page, StoryIndexPage):
        return views.story_index(request, page)
    return None


@hooks.register("register_search_kind")
def stories_search_kind() -> dict[str, Any]:
    return {
        "key": "stories",
        "label": _("Verhalen"),
        "order": 30,
        "search": selectors.search_stories,
    }


@hooks.register("after_site_setup")
def set_up_story_moderation(home: Any) -> None:
    moderation.set_up_story_moderation(home)
