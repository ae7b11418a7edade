"""The live base: every WebSocket consumer of the platform builds on `LiveConsumer`.

It holds the rules once (docs/live.md, "The live base"):

- only an approved member who satisfies the MFA policy, is not suspended and has a
  valid session, gets in; anyone else is refused before `accept()` with `CLOSE_UNAUTHENTICATED` or
  `CLOSE_FORBIDDEN`;
- before any group event reaches the client, all of that is checked again from the
  database (one query, no memo kept on the connection); when it fails the socket
  closes with the same codes;
- every connection joins its member's group, so the members services can close
  all of a member's sockets (log-out, erasure, suspension, refusal, role change);
- frames are bounded (size, nesting, rate) and bad input gets an error frame;
- client frames are dispatched on their `type` to `handle_<type>` methods; a
  `{"type": "resume", "after": N}` frame calls the `replay_after` hook.

Consumers never write models: they call services through `database_sync_to_async`,
and they never talk to the channel layer's senders: each app's `broadcast.py` does.
"""

from __future__ import annotations

import asyncio
import json
import logging
import re
import time
import weakref
from dataclasses import dataclass, field
from itertools import accumulate
from typing import Any, ClassVar

from channels.db import database_sync_to_async
from channels.generic.websocket import AsyncJsonWebsocketConsumer
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext_lazy as _

from .broadcast import (
    CLOSE_EVENT,
    LAYER_ERRORS,
    LAYER_TIMEOUTS,
    REASON_ERASED,
    REASON_LOGGED_OUT,
    CloseEvent,
    layer_epoch,
    user_group,
)
from .live_rules import CLOSE_FORBIDDEN, CLOSE_UNAUTHENTICATED, live_refusal
from .selectors import user_for_live_check
from .sessions import sessions_in_database

logger = logging.getLogger(__name__)

# CLOSE_UNAUTHENTICATED (4401) and CLOSE_FORBIDDEN (4403) live with the rules
# (members.live_rules) and are imported above.
CLOSE_RATE_LIMITED = 4429
# No consumer at this address (leerwerkplaats.routing's last route); refused before accept.
CLOSE_NOT_FOUND = 4404

MAX_FRAME_BYTES = 64 * 1024
MAX_JSON_DEPTH = 20
RATE_BURST = 20
RATE_PER_SECOND = 5.0
# Open sockets one member may hold in one worker process (many tabs, each with the
# bell and a thread or a room, stay far below it); one more is refused with 4429,
# so a script cannot hold thousands of connections, each re-checked per event.
MAX_CONNECTIONS_PER_MEMBER = 30

ERROR_BINARY = _("Alleen tekstberichten in JSON worden ondersteund.")
ERROR_TOO_LARGE = _("Dit bericht is te groot.")
ERROR_TOO_DEEP = _("Dit bericht is te diep genest.")
ERROR_INVALID_JSON = _("Dit bericht is geen geldige JSON.")
ERROR_NOT_AN_OBJECT = _("Een bericht is een JSON-object met een veld 'type'.")
ERROR_UNKNOWN_TYPE = _("Onbekend berichttype.")
ERROR_RESUME_AFTER = _("'after' moet een geheel getal van 0 of meer zijn.")
ERROR_RESUME_UNSUPPORTED = _("Hervatten kan hier niet.")
ERROR_NOT_ALLOWED = _("Dat mag je hier niet doen.")

# A message type names a handler: `handle_<type>`. Nothing else may reach getattr.
_TYPE_PATTERN = re.compile(r"[a-z][a-z0-9_]{0,39}")
# A JSON string, closed or running to the end: removed left to right, each character
# looked at once, so brackets inside strings never count as nesting.
_JSON_STRING = re.compile(r'"(?:[^"\\]|\\.)*"?', re.DOTALL)
_NOT_A_BRACKET = re.compile(r"[^\[\]{}]+")
_BRACKET_STEP = {"[": 1, "{": 1, "]": -1, "}": -1}


def json_depth(text: str) -> int:
    """The deepest nesting of arrays and objects in `text`, without parsing it.

    Linear and recursion-free, so it can run before `json.loads` (whose recursion
    a frame of 200,000 `[` would exhaust). Malformed input may count too deep,
    never too shallow; it fails to parse afterwards anyway."""
    brackets = _NOT_A_BRACKET.sub("", _JSON_STRING.sub("", text))
    return max(0, max(accumulate(map(_BRACKET_STEP.__getitem__, brackets)), default=0))


@dataclass
class TokenBucket:
    """`capacity` frames at once, refilled at `rate` frames per second."""

    capacity: float
    rate: float
    tokens: float = field(init=False)
    updated: float = field(default_factory=time.monotonic)

    def __post_init__(self) -> None:
        self.tokens = self.capacity

    def take(self) -> bool:
        now = time.monotonic()
        self.tokens = min(self.capacity, self.tokens + (now - self.updated) * self.rate)
        self.updated = now
        if self.tokens < 1:
            return False
        self.tokens -= 1
        return True


class _MemberBuckets:
    """One bucket per member and process, shared by all their connections in it.

    Consumers of a process run on one event loop, so no lock is needed. The bucket
    goes when the member's last connection in this process closes."""

    def __init__(self) -> None:
        self._buckets: dict[int, TokenBucket] = {}
        self._connections: dict[int, int] = {}

    def open(self, user_id: int, *, capacity: float, rate: float) -> TokenBucket:
        self._connections[user_id] = self._connections.get(user_id, 0) + 1
        if user_id not in self._buckets:
            self._buckets[user_id] = TokenBucket(capacity=capacity, rate=rate)
        return self._buckets[user_id]

    def count(self, user_id: int) -> int:
        """The member's open sockets in this process."""
        return self._connections.get(user_id, 0)

    def close(self, user_id: int) -> None:
        remaining = self._connections.get(user_id, 0) - 1
        if remaining > 0:
            self._connections[user_id] = remaining
        else:
            self._connections.pop(user_id, None)
            self._buckets.pop(user_id, None)


member_buckets = _MemberBuckets()

#: The event a consumer's own receive loop hands to `live_resync` once the channel
#: layer answers again after an outage (never sent through the layer).
RESYNC_EVENT = "live.resync"
#: How often each process asks its Redis who it is (`LIVE_LAYER_CHECK_SECONDS`).
LAYER_CHECK_SECONDS = 1.0
#: Waiting for a layer that is down: first try again after this, doubling to the max.
LAYER_RETRY_SECONDS = 0.1
LAYER_RETRY_MAX_SECONDS = 2.0


def _layer_check_seconds() -> float:
    return float(getattr(settings, "LIVE_LAYER_CHECK_SECONDS", LAYER_CHECK_SECONDS))


class _LayerWatch:
    """One per event loop (so one per worker process) with open live sockets.

    Asks the channel layer's Redis every `LIVE_LAYER_CHECK_SECONDS` who it is
    (`members.broadcast.layer_epoch`). When the answer changes (Redis restarted,
    quickly enough that no receive failed) or comes back after failing (an
    outage), every live consumer of the process is told to resync: it joins its
    groups again (a restarted Redis forgot them) and sends `{"type": "resync"}`, so
    its client resumes from its last seq. Ends with the process's last socket."""

    def __init__(self, layer: Any) -> None:
        self.layer = layer
        # Weak: a consumer cancelled without its disconnect() must not keep the
        # watch (and its Redis connection) alive.
        self.consumers: weakref.WeakSet[LiveConsumer] = weakref.WeakSet()
        self.task: asyncio.Task[None] | None = None

    async def run(self) -> None:
        known: tuple[str, ...] | None = None
        down = False
        while self.consumers:
            try:
                epoch = await layer_epoch(self.layer)
            except LAYER_ERRORS as error:
                if not down:
                    logger.warning("live: the channel layer is unreachable (%s)", error)
                down = True
            else:
                if epoch is None:
                    return  # a layer without Redis: nothing to watch
                if down or (known is not None and epoch != known):
                    logger.warning(
                        "live: the channel layer is back; resync %d sockets", len(self.consumers)
                    )
                    for consumer in list(self.consumers):
                        consumer.request_resync()
                down = False
                known = epoch
            await asyncio.sleep(_layer_check_seconds())


_watches: dict[asyncio.AbstractEventLoop, _LayerWatch] = {}


def _watch(consumer: LiveConsumer) -> None:
    loop = asyncio.get_running_loop()
    watch = _watches.get(loop)
    if watch is None or watch.layer is not consumer.channel_layer:
        watch = _watches[loop] = _LayerWatch(consumer.channel_layer)
    watch.consumers.add(consumer)
    if watch.task is None or watch.task.done():
        watch.task = loop.create_task(watch.run(), name="live-layer-watch")
        watch.task.add_done_callback(lambda _task: _forget(loop, watch))


def _forget(loop: asyncio.AbstractEventLoop, watch: _LayerWatch) -> None:
    if _watches.get(loop) is watch and not watch.consumers:
        del _watches[loop]


def _unwatch(consumer: LiveConsumer) -> None:
    for watch in list(_watches.values()):
        watch.consumers.discard(consumer)


class LiveConsumer(AsyncJsonWebsocketConsumer):
    """The base of every consumer. Subclasses override, as they need:

    - `check_permission(user)`: may this member use this connection (this thread,
      this session)? Runs in a database thread, at connect and before every group
      event, with a user loaded fresh for that check.
    - `join_groups()`: join their groups with `await self.join(group)`.
    - `handle_<type>(content)`: one method per client message type.
    - `replay_after(after)`: send every event after sequence number `after` from
      the database (the `resume` message).
    - group event handlers as in Channels (`thread_post` for `thread.post`): they
      run only after access was checked again, and should only `send_json`.
    """

    max_frame_bytes: ClassVar[int] = MAX_FRAME_BYTES
    max_json_depth: ClassVar[int] = MAX_JSON_DEPTH
    rate_burst: ClassVar[float] = RATE_BURST
    rate_per_second: ClassVar[float] = RATE_PER_SECOND
    max_connections: ClassVar[int] = MAX_CONNECTIONS_PER_MEMBER
    # Group events handled by the base itself, without a permission check.
    unchecked_events: ClassVar[frozenset[str]] = frozenset({CLOSE_EVENT, RESYNC_EVENT})

    user_id: int | None = None
    session_key: str | None = None
    closing = False
    bucket: TokenBucket | None = None
    _layer_receive: Any = None
    _layer_task: asyncio.Future[Any] | None = None
    _needs_resync = False
    _wake: asyncio.Event | None = None

    # --- hooks for subclasses ------------------------------------------------

    def check_permission(self, user: Any) -> bool:
        """Extra rule of this consumer for an admitted member (default: none).

        Runs in a database thread; `user` is freshly loaded, so predicates of
        `members.permissions` answer as the database stands now. Keep it to a
        query or two: it runs for every event."""
        return True

    async def join_groups(self) -> None:
        """Join this consumer's groups (`await self.join(name)`), before accept."""

    async def replay_after(self, after: int) -> None:
        """Send every event with a sequence number above `after`, from the database.

        Consumers with a sequence (the forum) implement it; the base refuses."""
        raise NotImplementedError

    # --- admission -----------------------------------------------------------

    async def connect(self) -> None:
        user = self.scope.get("user")
        if user is None or not user.is_authenticated:
            # Closing before accept() refuses the handshake.
            await self.close(code=CLOSE_UNAUTHENTICATED)
            return
        self.user_id = user.pk
        session = self.scope.get("session")
        self.session_key = getattr(session, "session_key", None)
        refusal = await self.access_refusal()
        if refusal is not None:
            await self.close(code=refusal)
            return
        if member_buckets.count(user.pk) >= self.max_connections:
            await self.close(code=CLOSE_RATE_LIMITED)
            return
        await self.join(user_group(user.pk))
        await self.join_groups()
        self.bucket = member_buckets.open(
            user.pk, capacity=self.rate_burst, rate=self.rate_per_second
        )
        await self.accept()
        if self.channel_layer is not None:
            _watch(self)

    async def join(self, group: str) -> None:
        """Join a group; the base leaves it again on disconnect."""
        await self.channel_layer.group_add(group, self.channel_name)
        self.groups.append(group)

    async def has_access(self) -> bool:
        return await self.access_refusal() is None

    async def access_refusal(self) -> int | None:
        """None when the member may go on; otherwise the close code. Asked of the
        database now, in one thread hop and (for the base) one query: the session
        still valid (not ended, not timed out), the account active and approved, the
        MFA policy met, and this consumer's own rule."""
        return await database_sync_to_async(self._access_refusal)()

    def _access_refusal(self) -> int | None:
        if self.user_id is None:
            return CLOSE_UNAUTHENTICATED
        user = user_for_live_check(self.user_id, session_key=self.checked_session_key())
        return self.refusal_for(user)

    def checked_session_key(self) -> str | None:
        """The session the per-event check reads (None when the engine keeps it
        elsewhere than the database)."""
        if self.session_key is not None and sessions_in_database():
            return self.session_key
        return None

    def refusal_for(self, user: Any | None, *, permitted: bool | None = None) -> int | None:
        """The base's rules for a member loaded fresh (`user_for_live_check`, or
        `users_for_live_check` for many sockets at once). `permitted`: the answer of
        this consumer's own rule when the caller has it already (asked of the
        database in the same batch); otherwise `check_permission` is asked."""
        refusal = live_refusal(
            user, session_checked=self.checked_session_key() is not None, permitted=True
        )
        if refusal is not None:
            return refusal
        if not (self.check_permission(user) if permitted is None else permitted):
            return CLOSE_FORBIDDEN
        return None

    async def websocket_disconnect(self, message: dict[str, Any]) -> None:
        """Leave the groups, as Channels does, but a layer that is away (Redis down or
        just restarted) must not turn a closing socket into an error: its group
        memberships expire with Redis's group expiry anyway."""
        for group in list(self.groups):
            try:
                await self.channel_layer.group_discard(group, self.channel_name)
            except LAYER_ERRORS + LAYER_TIMEOUTS:
                logger.info("live: leaving %s while the channel layer is away", group)
        self.groups = []
        await super().websocket_disconnect(message)

    async def disconnect(self, code: int) -> None:
        _unwatch(self)
        if self.bucket is not None and self.user_id is not None:
            member_buckets.close(self.user_id)
            self.bucket = None

    async def close_with(self, code: int) -> None:
        if not self.closing:
            self.closing = True
            await self.close(code=code)

    # --- the channel layer going away and coming back ----------------------
    #
    # Channels' dispatch loop reads the layer through `self.channel_receive`; when
    # Redis goes away that read raises and would end the consumer (the socket closes
    # with 1011). The base reads through `_receive_from_layer` instead: it waits for
    # the layer to answer again, joins its groups again and hands `live.resync` to
    # the dispatch loop; the per-process `_LayerWatch` asks for the same when Redis
    # restarted between two reads. docs/live.md, "Redis going away".

    @property
    def channel_receive(self) -> Any:
        return self._receive_from_layer

    @channel_receive.setter
    def channel_receive(self, receive: Any) -> None:
        self._layer_receive = receive

    def request_resync(self) -> None:
        """Join the groups again and tell the client to resume (from any task)."""
        self._needs_resync = True
        if self._wake is not None:
            self._wake.set()

    async def _receive_from_layer(self) -> dict[str, Any]:
        if self._wake is None:
            self._wake = asyncio.Event()
        try:
            while True:
                if self._needs_resync:
                    try:
                        for group in self.groups:
                            await self.channel_layer.group_add(group, self.channel_name)
                    except LAYER_ERRORS:
                        await self._wait_for_layer()
                        continue
                    self._needs_resync = False
                    self._wake.clear()
                    return {"type": RESYNC_EVENT}
                if self._layer_task is None:
                    self._layer_task = asyncio.ensure_future(self._layer_receive())
                wake = asyncio.ensure_future(self._wake.wait())
                try:
                    await asyncio.wait(
                        {self._layer_task, wake}, return_when=asyncio.FIRST_COMPLETED
                    )
                finally:
                    wake.cancel()
                if not self._layer_task.done():
                    continue  # woken for a resync; the read goes on
                task, self._layer_task = self._layer_task, None
                try:
                    return task.result()
                except LAYER_ERRORS as error:
                    if isinstance(error, LAYER_TIMEOUTS) and await self._layer_answers():
                        continue  # only slow: the messages wait in Redis; read again
                    logger.warning("live: a socket lost the channel layer (%s)", error)
                    self._needs_resync = True
                    await self._wait_for_layer()
        except asyncio.CancelledError:
            if self._layer_task is not None:
                self._layer_task.cancel()
                self._layer_task = None
            raise

    async def _layer_answers(self) -> bool:
        try:
            await layer_epoch(self.channel_layer)
        except LAYER_ERRORS:
            return False
        return True

    async def _wait_for_layer(self) -> None:
        delay = LAYER_RETRY_SECONDS
        while True:
            await asyncio.sleep(delay)
            try:
                await layer_epoch(self.channel_layer)
            except LAYER_ERRORS:
                delay = min(delay * 2, LAYER_RETRY_MAX_SECONDS)
            else:
                return

    async def live_resync(self, event: dict[str, Any]) -> None:
        """The layer may have lost events meanwhile: the client resumes from its seq."""
        await self.send_json({"type": "resync"})

    # --- group events --------------------------------------------------------

    async def dispatch(self, message: dict[str, Any]) -> None:
        kind = message.get("type", "")
        if isinstance(kind, str) and not kind.startswith("websocket."):
            if self.closing:
                return
            if kind not in self.unchecked_events:
                refusal = await self.access_refusal()
                if refusal is not None:
                    await self.close_with(refusal)
                    return
        await super().dispatch(message)

    async def live_close(self, event: CloseEvent) -> None:
        gone = event.get("reason") in (REASON_LOGGED_OUT, REASON_ERASED)
        await self.close_with(CLOSE_UNAUTHENTICATED if gone else CLOSE_FORBIDDEN)

    # --- client frames -------------------------------------------------------

    async def receive(self, text_data: str | None = None, bytes_data: bytes | None = None) -> None:
        if self.closing:
            return
        if self.bucket is not None and not self.bucket.take():
            await self.close_with(CLOSE_RATE_LIMITED)
            return
        if text_data is None:
            await self.send_error(ERROR_BINARY)
            return
        if len(text_data) > self.max_frame_bytes or (
            len(text_data) * 4 > self.max_frame_bytes
            and len(text_data.encode("utf-8", "surrogatepass")) > self.max_frame_bytes
        ):
            await self.send_error(ERROR_TOO_LARGE)
            return
        if json_depth(text_data) > self.max_json_depth:
            await self.send_error(ERROR_TOO_DEEP)
            return
        try:
            content = json.loads(text_data)
        except (ValueError, RecursionError):
            await self.send_error(ERROR_INVALID_JSON)
            return
        await self.receive_json(content)

    async def receive_json(self, content: Any, **kwargs: Any) -> None:
        if not isinstance(content, dict) or not isinstance(content.get("type"), str):
            await self.send_error(ERROR_NOT_AN_OBJECT)
            return
        kind = content["type"]
        handler = getattr(self, f"handle_{kind}", None) if _TYPE_PATTERN.fullmatch(kind) else None
        if handler is None:
            await self.send_error(ERROR_UNKNOWN_TYPE)
            return
        try:
            await handler(content)
        except ValidationError as error:
            # A service refused the input: the member reads why, as in a form.
            await self.send_error(" ".join(str(message) for message in error.messages))
        except PermissionDenied as error:
            await self.send_error(str(error) or ERROR_NOT_ALLOWED)

    async def handle_resume(self, content: dict[str, Any]) -> None:
        after = content.get("after")
        if not isinstance(after, int) or isinstance(after, bool) or not 0 <= after < 2**63:
            await self.send_error(ERROR_RESUME_AFTER)
            return
        if type(self).replay_after is LiveConsumer.replay_after:
            await self.send_error(ERROR_RESUME_UNSUPPORTED)
            return
        # The replay sends stored events: the same check as before a live event.
        refusal = await self.access_refusal()
        if refusal is not None:
            await self.close_with(refusal)
            return
        await self.replay_after(after)

    async def send_error(self, message: str) -> None:
        await self.send_json({"type": "error", "message": str(message)})
