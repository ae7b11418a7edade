"""Live threads: `/ws/forum/threads/<thread id>/` (protocol in docs/live.md,
"Forum threads").

Built on the live base (members.live.LiveConsumer): the member is admitted and
checked again before every event there; this consumer adds "may see this thread",
joins the thread's group, replays the thread's log on `resume` and turns each
group event into a frame rendered for its own member. It writes nothing."""

from __future__ import annotations

import time
from typing import Any, ClassVar

from channels.db import database_sync_to_async

from members.live import LiveConsumer
from members.selectors import user_for_live_check

from . import selectors, services
from .broadcast import TYPING_EVENT, ThreadEventMessage, TypingMessage, thread_group

#: A connection's `typing` frames reach the others at most once per this many seconds.
TYPING_INTERVAL = 3.0


class ThreadConsumer(LiveConsumer):
    typing_interval: ClassVar[float] = TYPING_INTERVAL
    _typed_at: float | None = None

    @property
    def thread_id(self) -> int:
        return int(self.scope["url_route"]["kwargs"]["pk"])

    def check_permission(self, user: Any) -> bool:
        return selectors.can_read_thread_id(user=user, thread_id=self.thread_id)

    async def join_groups(self) -> None:
        await self.join(thread_group(self.thread_id))

    def _frames_after(self, after: int) -> list[dict[str, Any]]:
        user = user_for_live_check(self.user_id) if self.user_id is not None else None
        if user is None:
            return []
        return selectors.frames_after(thread_id=self.thread_id, after=after, user=user)

    async def replay_after(self, after: int) -> None:
        for frame in await database_sync_to_async(self._frames_after)(after):
            await self.send_json(frame)

    def _frame(self, event: ThreadEventMessage) -> dict[str, Any] | None:
        user = user_for_live_check(self.user_id) if self.user_id is not None else None
        if user is None:
            return None
        return selectors.frame_for(
            thread_id=self.thread_id,
            seq=event["seq"],
            kind=event["kind"],
            post_id=event["post_id"],
            user=user,
        )

    async def forum_event(self, event: ThreadEventMessage) -> None:
        """A committed change in the thread; the base checked access just now."""
        frame = await database_sync_to_async(self._frame)(event)
        if frame is not None:
            await self.send_json(frame)

    # --- typing: not stored, not replayed, never back to the typist -------------

    async def handle_typing(self, content: dict[str, Any]) -> None:
        now = time.monotonic()
        if self._typed_at is not None and now - self._typed_at < self.typing_interval:
            return  # throttled: the others already know
        self._typed_at = now
        await database_sync_to_async(self._signal_typing)()

    def _signal_typing(self) -> None:
        user = user_for_live_check(self.user_id) if self.user_id is not None else None
        if user is not None:
            services.signal_typing(user=user, thread_id=self.thread_id)

    async def dispatch(self, message: dict[str, Any]) -> None:
        # The typist's own sockets skip their typing event before any check.
        if message.get("type") == TYPING_EVENT and message.get("user_id") == self.user_id:
            return
        await super().dispatch(message)

    async def forum_typing(self, event: TypingMessage) -> None:
        """Someone else is writing; the base checked access just now."""
        await self.send_json({"type": "typing", "name": event["name"]})
