"""The sitemap lists what a visitor can read, and nothing that sends them to the
login form: Wagtail's own sitemap leaves out pages behind a view restriction,
this one also leaves out the page types a search kind marks members-only (the
lessons, which the course views open to approved members only)."""

from __future__ import annotations

from typing import Any

from wagtail.contrib.sitemaps import Sitemap

from .search import registered_kinds


def members_only_page_models() -> tuple[type, ...]:
    return tuple(
        model for kind in registered_kinds() if kind.members_only for model in kind.page_models
    )


class VisitorSitemap(Sitemap):
    def items(self) -> Any:
        pages = super().items()
        members_only = members_only_page_models()
        if members_only:
            pages = pages.not_type(*members_only)
        return pages
