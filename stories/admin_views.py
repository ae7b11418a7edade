"""Wagtail admin views that list pages outside the reach of the page permission
policy (stories.wagtail_hooks), narrowed so they show no private draft: the page
types usage report and the page bulk actions' confirmations."""

from __future__ import annotations

from typing import Any

from django.db.models import F
from wagtail.admin.views.pages.bulk_actions.delete import DeleteBulkAction
from wagtail.admin.views.pages.bulk_actions.move import MoveBulkAction
from wagtail.admin.views.pages.bulk_actions.publish import PublishBulkAction
from wagtail.admin.views.pages.bulk_actions.unpublish import UnpublishBulkAction
from wagtail.admin.views.reports.page_types_usage import PageTypesUsageReportView
from wagtail.models import Page

from .models import drafts_hidden_from


class PageTypesUsageWithoutPrivateDrafts(PageTypesUsageReportView):
    """Wagtail's "Page types usage" report names the last edited page of each type,
    chosen among all pages: for stories that is often a draft nobody but its author
    may see. Such a page is replaced by the last edited one the user may see."""

    def decorate_paginated_queryset(self, page_types: Any) -> Any:
        hidden_ids = set(drafts_hidden_from(self.request.user).values_list("pk", flat=True))
        if hidden_ids:
            filters = self.filters.form.cleaned_data
            others = Page.objects.exclude(pk__in=hidden_ids)
            if filters.get("page_locale"):
                others = others.filter(locale__language_code=filters["page_locale"])
            if filters.get("site"):
                others = others.filter(path__startswith=filters["site"])
            latest_first = (F("latest_revision_created_at").desc(nulls_last=True), "title", "-pk")
            for item in page_types:
                if item.last_edited_page_id in hidden_ids:
                    item.last_edited_page_id = (
                        others.filter(content_type=item)
                        .order_by(*latest_first)
                        .values_list("pk", flat=True)
                        .first()
                    )
        return super().decorate_paginated_queryset(page_types)


class WithoutPrivateDrafts:
    """Wagtail's page bulk actions (delete, move, publish, unpublish) confirm by
    listing every page they were asked for, those the user may not act on among
    them, by title; `?id=all&childOf=` asks for every child of a page. Other
    authors' private drafts are left out of both lists, so neither the
    confirmation nor the action reaches them."""

    request: Any

    def get_actionable_objects(self) -> tuple[list[Any], dict[str, list[Any]]]:
        objects, extra = super().get_actionable_objects()  # type: ignore[misc]
        hidden_ids = set(drafts_hidden_from(self.request.user).values_list("pk", flat=True))
        if not hidden_ids:
            return objects, extra
        return [page for page in objects if page.pk not in hidden_ids], {
            **extra,
            "items_with_no_access": [
                page for page in extra["items_with_no_access"] if page.pk not in hidden_ids
            ],
        }


class DeleteWithoutPrivateDrafts(WithoutPrivateDrafts, DeleteBulkAction):
    pass


class MoveWithoutPrivateDrafts(WithoutPrivateDrafts, MoveBulkAction):
    pass


class PublishWithoutPrivateDrafts(WithoutPrivateDrafts, PublishBulkAction):
    pass


class UnpublishWithoutPrivateDrafts(WithoutPrivateDrafts, UnpublishBulkAction):
    pass


PAGE_BULK_ACTIONS = (
    DeleteWithoutPrivateDrafts,
    MoveWithoutPrivateDrafts,
    PublishWithoutPrivateDrafts,
    UnpublishWithoutPrivateDrafts,
)
