"""The site's own live endpoint: proves the WebSocket wiring end to end and
carries site-wide announcements (for example planned maintenance) to every
logged-in member who has a page open."""

from __future__ import annotations

from typing import Any, TypedDict

from asgiref.sync import async_to_sync
from channels.generic.websocket import AsyncJsonWebsocketConsumer
from channels.layers import get_channel_layer
from django.utils.translation import gettext as _

ANNOUNCEMENT_GROUP = "site.announcements"
CLOSE_UNAUTHENTICATED = 4401
MAX_ANNOUNCEMENT_LENGTH = 500


class AnnouncementEvent(TypedDict):
    type: str
    text: str


def announce(text: str) -> None:
    """Send `text` to every connected member, in every worker process.

    With Redis as the channel layer this reaches consumers on other hosts too."""
    text = text.strip()
    if not text or len(text) > MAX_ANNOUNCEMENT_LENGTH:
        raise ValueError(f"An announcement has 1 to {MAX_ANNOUNCEMENT_LENGTH} characters.")
    event: AnnouncementEvent = {"type": "site.announce", "text": text}
    async_to_sync(get_channel_layer().group_send)(ANNOUNCEMENT_GROUP, event)


class PingConsumer(AsyncJsonWebsocketConsumer):
    """`{"type": "ping"}` is answered with `{"type": "pong"}`; announcements are relayed."""

    joined = False

    async def connect(self) -> None:
        user = self.scope.get("user")
        if user is None or not user.is_authenticated:
            # Closing before accept() refuses the handshake (HTTP 403).
            await self.close(code=CLOSE_UNAUTHENTICATED)
            return
        await self.channel_layer.group_add(ANNOUNCEMENT_GROUP, self.channel_name)
        self.joined = True
        await self.accept()

    async def disconnect(self, code: int) -> None:
        if self.joined:
            await self.channel_layer.group_discard(ANNOUNCEMENT_GROUP, self.channel_name)

    async def receive(self, text_data: str | None = None, bytes_data: bytes | None = None) -> None:
        if text_data is None:
            await self.send_error(_("Alleen tekstberichten in JSON worden ondersteund."))
            return
        try:
            content = await self.decode_json(text_data)
        except ValueError:
            await self.send_error(_("Dit bericht is geen geldige JSON."))
            return
        await self.receive_json(content)

    async def receive_json(self, content: Any, **kwargs: Any) -> None:
        if isinstance(content, dict) and content.get("type") == "ping":
            await self.send_json({"type": "pong"})
        else:
            await self.send_error(_("Onbekend berichttype."))

    async def send_error(self, message: str) -> None:
        await self.send_json({"type": "error", "message": message})

    async def site_announce(self, event: AnnouncementEvent) -> None:
        await self.send_json({"type": "announce", "text": event["text"]})
