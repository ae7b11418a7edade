"""The stories' place in Wagtail: their pages served through the views (so the
reading rule and the lists live in one place), their search kind, their
part of `setup_site` (the moderators' workflow), and the admin's page listings
without the drafts their authors have not handed in."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.models import AbstractPage
from wagtail.permission_policies.pages import PagePermissionPolicy
from wagtail.permissions import register_permission_policy

from . import moderation, selectors, views
from .admin_views import PAGE_BULK_ACTIONS
from .models import StoryIndexPage, StoryPage, drafts_hidden_from


class PagePolicyWithoutPrivateDrafts(PagePermissionPolicy):
    """Wagtail's page policy, without other authors' private drafts among the pages
    a user explores or holds a permission on. The admin lists pages from these two:
    the explorer and its sidebar menu (admin API), the page search, the site history
    (PageLogEntry.viewable_by_user), the locked pages and the workflow reports. A
    private draft's title is the author's raw text before the privacy check."""

    def explorable_instances(self, user: Any) -> Any:
        hidden = drafts_hidden_from(user).values("pk")
        return super().explorable_instances(user).exclude(pk__in=hidden)

    def instances_user_has_any_permission_for(self, user: Any, actions: Any) -> Any:
        hidden = drafts_hidden_from(user).values("pk")
        return super().instances_user_has_any_permission_for(user, actions).exclude(pk__in=hidden)


# Replaces Wagtail's own registration for all pages (wagtail.permissions).
register_permission_policy(AbstractPage, PagePolicyWithoutPrivateDrafts("wagtailcore.Page"))


# Registered after Wagtail's own (order 1): the last registration of an action
# type wins (wagtail.admin.views.bulk_action.registry).
for bulk_action in PAGE_BULK_ACTIONS:
    hooks.register("register_bulk_action", bulk_action, order=1)


@hooks.register("construct_page_chooser_queryset")
def hide_private_drafts_from_chooser(pages: QuerySet[Any], request: HttpRequest) -> QuerySet[Any]:
    return pages.exclude(pk__in=drafts_hidden_from(request.user).values("pk"))


@hooks.register("construct_explorer_page_queryset")
def hide_private_drafts_from_explorer(
    parent_page: Any, pages: QuerySet[Any], request: HttpRequest
) -> QuerySet[Any]:
    # Already outside explorable_instances; kept for a search that does not filter
    # by permissions (WAGTAILADMIN_PAGE_SEARCH_FILTER_BY_PERMISSIONS = False).
    return pages.exclude(pk__in=drafts_hidden_from(request.user).values("pk"))


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
