"""The courses' sections on the home page, through the site's hook (the home
page never imports this app)."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from . import selectors


@hooks.register("register_home_section")
def continue_learning() -> dict[str, Any]:
    def context(request: Any) -> dict[str, Any] | None:
        items = selectors.courses_in_progress(user=request.user)
        return {"title": _("Verder waar je was"), "items": items} if items else None

    return {
        "key": "verder-leren",
        "audience": "members",
        "order": 10,
        "template": "includes/home_section.html",
        "context": context,
    }


@hooks.register("register_home_section")
def expiring_certificates() -> dict[str, Any]:
    def context(request: Any) -> dict[str, Any] | None:
        items = selectors.expiring_certificates(user=request.user)
        return (
            {"title": _("Certificaten die binnenkort verlopen"), "items": items} if items else None
        )

    return {
        "key": "verloopt-binnenkort",
        "audience": "members",
        "order": 20,
        "template": "includes/home_section.html",
        "context": context,
    }
