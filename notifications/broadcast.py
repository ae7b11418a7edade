"""The notifications app's one door to the channel layer.

Each member's notification sockets join `notification_group(user_id)`; services call
`publish_changed` inside their transaction and the event goes out after the commit
(members.broadcast.send_on_commit). The payload holds ids only: the consumer reads
the count and the title from the database for its own member."""

from __future__ import annotations

from typing import TypedDict

from members.broadcast import send_on_commit
from members.cache_versions import bump_member

#: The group event every NotificationConsumer handles (`notifications_changed`).
CHANGED_EVENT = "notifications.changed"


class ChangedMessage(TypedDict):
    type: str
    user_id: int
    notification_id: int  # 0 when only the unread count changed (marked read)


def notification_group(user_id: int) -> str:
    return f"notifications.user.{int(user_id)}"


def publish_changed(*, user_id: int, notification_id: int = 0) -> None:
    """Tell the member's open pages that their notifications changed, after the commit."""
    # Every change of a member's notifications passes here (bulk_create and update
    # send no signal): the bell kept for them (their shell, their kept pages) is stale.
    bump_member(user_id)
    message: ChangedMessage = {
        "type": CHANGED_EVENT,
        "user_id": user_id,
        "notification_id": notification_id,
    }
    send_on_commit(notification_group(user_id), message)
