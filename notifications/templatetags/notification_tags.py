"""The bell in the site header: the unread count, rendered on the server (one query,
kept on the request so a page that shows the bell twice asks once)."""

from __future__ import annotations

from typing import Any

from django import template

from members.permissions import can_use_members_area

from .. import selectors

register = template.Library()

_MEMO = "_notifications_unread"


def unread_for_request(request: Any) -> int | None:
    """None when the bell is not shown (visitors, pending members)."""
    if request is None:
        return None
    if not hasattr(request, _MEMO):
        user = getattr(request, "user", None)
        value = selectors.unread_count(user=user) if can_use_members_area(user) else None
        setattr(request, _MEMO, value)
    return getattr(request, _MEMO)


@register.inclusion_tag("notifications/includes/bell.html", takes_context=True)
def notification_bell(context: template.Context) -> dict[str, Any]:
    request = context.get("request")
    return {"unread": unread_for_request(request), "request": request}
