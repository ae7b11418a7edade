"""The casuistry's section on the home page, through the site's hook (the home page
never imports this app)."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from members.permissions import can_moderate, can_use_members_area

from .models import Case


@hooks.register("register_home_section")
def casuistry_section() -> dict[str, Any]:
    def context(request: Any) -> dict[str, Any] | None:
        user = request.user
        if not can_use_members_area(user):
            return None
        items = [
            {
                "title": _("Casussen lezen en bespreken"),
                "url": reverse("casuistry:library"),
                "note": _("geanonimiseerde casussen van collega's"),
            },
            {"title": _("Casus inbrengen"), "url": reverse("casuistry:submit")},
            {"title": _("Mijn casussen"), "url": reverse("casuistry:mine")},
        ]
        if can_moderate(user):
            waiting = Case.objects.in_queue().count()
            items.append(
                {
                    "title": _("Casussen beoordelen"),
                    "url": reverse("casuistry:queue"),
                    "note": _("%(count)s in de wachtrij") % {"count": waiting},
                }
            )
        return {"title": _("Casuïstiek"), "items": items}

    return {
        "key": "casuistiek",
        "audience": "members",
        "order": 30,
        "template": "includes/home_section.html",
        "context": context,
    }
