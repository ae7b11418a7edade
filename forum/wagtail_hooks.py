"""The forum on the home page: what is new, for members who may read it
(leerwerkplaats.home_sections collects the section through the hook)."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail import hooks

from . import permissions, selectors


def _home_context(request: Any) -> dict[str, Any] | None:
    if not permissions.can_read_forum(request.user):
        return None
    items = [
        {
            "title": thread.title,
            "url": thread.get_absolute_url(),
            "note": ngettext("%(count)s ongelezen", "%(count)s ongelezen", thread.unread_count)
            % {"count": thread.unread_count}
            if thread.unread_count
            else "",
        }
        for thread in selectors.recent_threads(user=request.user)
    ]
    if not items:
        return None  # an empty forum: the menu still leads there
    items.append({"title": _("Alle gesprekken in het forum"), "url": reverse("forum:index")})
    return {"title": _("Nieuw in het forum"), "items": items}


@hooks.register("register_home_section")
def forum_news() -> dict[str, Any]:
    return {
        "key": "forum",
        "audience": "members",
        "order": 30,
        "template": "includes/home_section.html",
        "context": _home_context,
    }
