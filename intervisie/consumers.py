"""The live room: `/ws/intervisie/<session id>/` (protocol in docs/intervisie.md).

Built on the live base (members.live.LiveConsumer): the member is admitted and
checked again before every event there; this consumer adds "is in this session",
joins the session's group, replays the session's log on `resume` and turns each
group event into a frame rendered for its own member (a blind position shows its
text to its author only until the reveal).

The page writes over HTTP POST (it works without JavaScript); the socket also takes
the same writes as frames (`contribute`, `start`, `advance`, `extend`, `reveal`),
each handed to the same service, so a rule refused on the page is refused here too
(an error frame with the service's Dutch message). The consumer writes nothing itself."""

from __future__ import annotations

from typing import Any

from channels.db import database_sync_to_async
from django.core.exceptions import PermissionDenied, ValidationError

from members import privacy_preview
from members.live import LiveConsumer
from members.selectors import user_for_live_check

from . import selectors, services
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

    # --- writes, through the same services as the page ---------------------------

    def _call(self, action: str, content: dict[str, Any]) -> None:
        user = user_for_live_check(self.user_id) if self.user_id is not None else None
        if user is None:
            raise PermissionDenied(services.ERROR_NOT_ALLOWED)
        session = selectors.session_by_id(self.session_id)
        if action == "contribute":
            # The privacy engine runs on every frame, as on every form post.
            if not privacy_preview.checks_allowed(user):
                raise ValidationError(privacy_preview.ERROR_TOO_MANY_CHECKS)
            text = content.get("text")
            accepted = content.get("accepted") or []
            if not isinstance(text, str) or not isinstance(accepted, list):
                raise ValidationError(services.ERROR_EMPTY)
            services.post_contribution(
                session=session,
                author=user,
                text=text,
                accepted_placeholders=[str(item) for item in accepted],
            )
        elif action == "start":
            services.start_session(session=session, actor=user)
        elif action == "advance":
            services.advance_phase(session=session, actor=user)
        elif action == "reveal":
            services.reveal_positions(session=session, actor=user)
        elif action == "extend":
            minutes = content.get("minutes")
            if not isinstance(minutes, int) or isinstance(minutes, bool):
                minutes = 0
            services.extend_timer(session=session, actor=user, minutes=minutes)

    async def handle_contribute(self, content: dict[str, Any]) -> None:
        await database_sync_to_async(self._call)("contribute", content)

    async def handle_start(self, content: dict[str, Any]) -> None:
        await database_sync_to_async(self._call)("start", content)

    async def handle_advance(self, content: dict[str, Any]) -> None:
        await database_sync_to_async(self._call)("advance", content)

    async def handle_reveal(self, content: dict[str, Any]) -> None:
        await database_sync_to_async(self._call)("reveal", content)

    async def handle_extend(self, content: dict[str, Any]) -> None:
        await database_sync_to_async(self._call)("extend", content)
