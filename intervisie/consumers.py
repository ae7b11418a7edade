"""The live room: `/ws/intervisie/<session id>/` (protocol in docs/intervisie.md).

Built on the live base (members.live.LiveConsumer): the member is admitted and
checked again before every event there; this consumer adds "is in this session",
joins the session's group, replays the session's log on `resume` and turns each
group event into a frame rendered for its own member (a blind position shows its
text to its author only until the reveal). It writes nothing: writes are HTTP POSTs."""

from __future__ import annotations

from typing import Any

from channels.db import database_sync_to_async

from members.live import LiveConsumer
from members.selectors import user_for_live_check

from . import selectors
from .broadcast import SessionEventMessage, session_group


class SessionConsumer(LiveConsumer):
    @property
    def session_id(self) -> int:
        return int(self.scope["url_route"]["kwargs"]["pk"])

    def check_permission(self, user: Any) -> bool:
        return selectors.can_read_session_id(user=user, session_id=self.session_id)

    async def join_groups(self) -> None:
        await self.join(session_group(self.session_id))

    def _frames_after(self, after: int) -> list[dict[str, Any]]:
        user = user_for_live_check(self.user_id) if self.user_id is not None else None
        if user is None:
            return []
        return selectors.frames_after(session_id=self.session_id, after=after, user=user)

    async def replay_after(self, after: int) -> None:
        for frame in await database_sync_to_async(self._frames_after)(after):
            await self.send_json(frame)

    def _frame(self, event: SessionEventMessage) -> dict[str, Any] | None:
        user = user_for_live_check(self.user_id) if self.user_id is not None else None
        if user is None:
            return None
        return selectors.frame_for(session_id=self.session_id, seq=event["seq"], user=user)

    async def intervisie_event(self, event: SessionEventMessage) -> None:
        """A committed change in the session; the base checked access just now."""
        frame = await database_sync_to_async(self._frame)(event)
        if frame is not None:
            await self.send_json(frame)
