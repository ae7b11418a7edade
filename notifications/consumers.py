"""The bell, live: `/ws/notifications/` (protocol in docs/live.md, "Notifications").

Built on the live base (members.live.LiveConsumer): only an approved member who is
not suspended gets in, and that is checked again before every event. The socket
joins the member's own notification group; each change becomes a frame with the
unread count (and, for a new notification, its title and link). `resume` (any
`after`) answers with the current count, so a page that reconnects is right again.
It writes nothing. The page's language comes with the address
(`/ws/notifications/?lang=en`): the titles are written in it."""

from __future__ import annotations

from typing import Any
from urllib.parse import parse_qs

from channels.db import database_sync_to_async
from django.conf import settings
from django.utils import translation

from members.live import LiveConsumer

from . import selectors
from .broadcast import ChangedMessage, notification_group


class NotificationConsumer(LiveConsumer):
    async def join_groups(self) -> None:
        if self.user_id is not None:
            await self.join(notification_group(self.user_id))

    @property
    def language(self) -> str:
        query = parse_qs(self.scope.get("query_string", b"").decode("latin-1"))
        wanted = (query.get("lang") or [""])[0]
        known = {code for code, _name in settings.LANGUAGES}
        return wanted if wanted in known else settings.LANGUAGE_CODE

    def _frame(self, notification_id: int) -> dict[str, Any]:
        with translation.override(self.language):
            return selectors.frame_for(user_id=self.user_id or 0, notification_id=notification_id)

    async def replay_after(self, after: int) -> None:
        await self.send_json(await database_sync_to_async(self._frame)(0))

    async def notifications_changed(self, event: ChangedMessage) -> None:
        """A committed change; the base checked access just now."""
        if event["user_id"] != self.user_id:
            return
        await self.send_json(await database_sync_to_async(self._frame)(event["notification_id"]))
