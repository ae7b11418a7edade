"""The site's own live endpoint: proves the WebSocket wiring end to end and
relays site-wide announcements (`leerwerkplaats.broadcast.announce`) to every
member who has a page open. Built on the live base: only approved members who
meet the MFA policy connect."""

from __future__ import annotations

from typing import Any

from channels.generic.websocket import AsyncWebsocketConsumer

from members.live import CLOSE_NOT_FOUND, LiveConsumer

from .broadcast import ANNOUNCEMENT_GROUP, AnnouncementEvent


class PingConsumer(LiveConsumer):
    """`{"type": "ping"}` is answered with `{"type": "pong"}`; announcements are relayed."""

    async def join_groups(self) -> None:
        await self.join(ANNOUNCEMENT_GROUP)

    async def handle_ping(self, content: dict[str, Any]) -> None:
        await self.send_json({"type": "pong"})

    async def site_announce(self, event: AnnouncementEvent) -> None:
        await self.send_json({"type": "announce", "text": event["text"]})


class NoRouteConsumer(AsyncWebsocketConsumer):
    """Every address no route matched: refused before accept (the handshake gets
    403), where Channels' router would raise and answer 500 with a traceback."""

    async def connect(self) -> None:
        await self.close(code=CLOSE_NOT_FOUND)
