"""Reads of notifications the bell, the list page and the consumer share."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from . import messages
from .models import Notification


def unread_count(*, user: Any) -> int:
    """One query."""
    return Notification.objects.filter(recipient_id=user.pk).unread().count()


def notifications_for(*, user: Any) -> QuerySet[Notification]:
    """The member's notifications, newest first (the list page paginates it)."""
    return Notification.objects.filter(recipient_id=user.pk).order_by("-created_at", "-pk")


def frame_for(*, user_id: int, notification_id: int) -> dict[str, Any]:
    """What the bell needs after a change: the unread count and, for a new
    notification, its text and link (never more) in the active language. Two
    queries."""
    unread = Notification.objects.filter(recipient_id=user_id).unread().count()
    if notification_id:
        notification = (
            Notification.objects.filter(recipient_id=user_id, pk=notification_id)
            .values("pk", "title", "message", "params", "url")
            .first()
        )
        if notification is not None:
            return {
                "type": "notification",
                "unread": unread,
                "id": notification["pk"],
                "title": messages.render(
                    notification["message"], notification["params"], notification["title"]
                ),
                "url": messages.localized_url(notification["url"]),
            }
    return {"type": "unread", "unread": unread}
