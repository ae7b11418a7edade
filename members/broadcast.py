"""The members app's only door to the channel layer.

Every live connection joins its member's group (`user_group`); the services below
close those connections, after their transaction commits, when the member logs out,
is erased, suspended or refused, their roles change or they remove a second
factor. Other apps' `broadcast.py`
modules may use `send_on_commit` for their own groups."""

from __future__ import annotations

import asyncio
import logging
import os
import threading
from collections.abc import Callable, Coroutine, Mapping
from concurrent.futures import ThreadPoolExecutor
from typing import Any, TypedDict

from asgiref.sync import async_to_sync
from channels.layers import InMemoryChannelLayer, get_channel_layer
from django.db import transaction
from redis.exceptions import RedisError
from redis.exceptions import TimeoutError as RedisTimeout

logger = logging.getLogger(__name__)

# Why a member's connections were closed; the consumer picks the close code.
REASON_LOGGED_OUT = "logged_out"
REASON_ERASED = "erased"
REASON_SUSPENDED = "suspended"
REASON_REFUSED = "refused"
REASON_ROLES_CHANGED = "roles_changed"
REASON_MFA_REMOVED = "mfa_removed"
REASONS = frozenset(
    {
        REASON_LOGGED_OUT,
        REASON_ERASED,
        REASON_SUSPENDED,
        REASON_REFUSED,
        REASON_ROLES_CHANGED,
        REASON_MFA_REMOVED,
    }
)

# The event type every live consumer handles (`LiveConsumer.live_close`).
CLOSE_EVENT = "live.close"


class CloseEvent(TypedDict):
    type: str
    reason: str


#: What a channel layer raises while its Redis is away (refused, reset, timed out,
#: still loading its data after a restart).
LAYER_ERRORS: tuple[type[BaseException], ...] = (RedisError, OSError)
#: A read that only timed out (a busy process, a blocking pop at its boundary):
#: Redis kept the messages; not an outage when Redis answers at once.
LAYER_TIMEOUTS: tuple[type[BaseException], ...] = (RedisTimeout, TimeoutError)


async def layer_epoch(layer: Any) -> tuple[str, ...] | None:
    """Who the layer's Redis servers are now: the `run_id` of each, which changes
    with every restart (and with it the group memberships, unless Redis persists
    them). None for a layer without Redis (the in-memory layer never restarts).

    Raises one of LAYER_ERRORS while a server cannot be reached."""
    connection = getattr(layer, "connection", None)
    ring_size = getattr(layer, "ring_size", 0)
    if connection is None or not ring_size:
        return None
    ids = []
    for index in range(ring_size):
        info = await connection(index).info("server")
        ids.append(str(info.get("run_id", "")))
    return tuple(ids)


def user_group(user_id: int) -> str:
    """The group every live connection of this member joins."""
    return f"user.{int(user_id)}"


class _Sender:
    """One event loop per process, in a daemon thread of its own, that sends to a
    channel layer living outside the process (Redis) for sync code.

    channels_redis keeps its connections per event loop: `async_to_sync` from a
    thread without a loop (a WSGI worker, a management command, a service called
    from a plain thread) made a new loop, and with it a new Redis connection, for
    every event (about 20 ms on a busy machine before the event left). This loop
    lives as long as the process, and so does its connection."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._loop: asyncio.AbstractEventLoop | None = None
        self._pid: int | None = None

    def loop(self) -> asyncio.AbstractEventLoop:
        with self._lock:
            # A forked child has the loop object but not its thread: start its own.
            if self._loop is None or self._pid != os.getpid():
                loop = asyncio.new_event_loop()
                threading.Thread(target=loop.run_forever, name="live-sender", daemon=True).start()
                self._loop, self._pid = loop, os.getpid()
            return self._loop

    def run(self, coroutine: Coroutine[Any, Any, None]) -> None:
        """Run on the sender's loop and wait for it (so events keep their order)."""
        asyncio.run_coroutine_threadsafe(coroutine, self.loop()).result(SEND_TIMEOUT)


#: Longer than a healthy Redis ever takes; channels_redis times out before.
SEND_TIMEOUT = 60.0
_sender = _Sender()


def send_now(group: str, event: Mapping[str, Any]) -> None:
    """Send one event to a group in every worker process (Redis past one process)."""
    layer = get_channel_layer()
    if layer is None:
        return
    group_send = layer.group_send

    async def send_once_more_on_a_stale_connection(group: str, event: dict[str, Any]) -> None:
        # After a Redis restart the pool's first connection is stale ("Connection
        # closed by server"); the second try opens a new one. A real outage fails
        # twice and is logged by send_on_commit; the clients catch up on resync.
        try:
            await group_send(group, event)
        except LAYER_ERRORS:
            await group_send(group, event)

    if not isinstance(layer, InMemoryChannelLayer):
        # Redis: from the process's own sender loop, over its open connection.
        _sender.run(send_once_more_on_a_stale_connection(group, dict(event)))
        return
    # The in-memory layer (tests, development) lives on the server's own loop:
    # `async_to_sync` goes back to it from a request's thread.
    send = async_to_sync(send_once_more_on_a_stale_connection)
    try:
        asyncio.get_running_loop()
    except RuntimeError:  # the usual case: a sync worker thread without a loop
        send(group, dict(event))
        return
    # Sync code called from a thread that runs an event loop (a management command
    # or test driven from async code) cannot block on that loop: send from a helper
    # thread instead, and wait for it so the order of events is kept.
    with ThreadPoolExecutor(max_workers=1) as pool:
        pool.submit(send, group, dict(event)).result()


def send_on_commit(
    group: str,
    event: Mapping[str, Any],
    *,
    prepare: Callable[[], Mapping[str, Any]] | None = None,
) -> None:
    """Send once the current transaction commits; nothing is sent if it rolls back.

    Outside a transaction (autocommit) it sends at once. `prepare`, when given, runs
    right after the commit and adds its fields to the event (primitives only): work
    done once in the sending process instead of in every receiving one. When it
    fails the event goes without them."""
    payload = dict(event)

    def send() -> None:
        if prepare is not None:
            try:
                payload.update(prepare())
            except Exception:
                logger.exception("live: preparing an event for %s failed; sent without", group)
        send_now(group, payload)

    # robust: the change has committed; a layer that is down must not turn it into an
    # error page (and a retried, duplicated post). The failure is logged, and clients
    # catch up from the database when they resume.
    transaction.on_commit(send, robust=True)


def close_user_connections(user_id: int, reason: str) -> None:
    """Close every open live connection of this member, on commit."""
    if reason not in REASONS:
        raise ValueError(f"Unknown reason {reason!r}; one of {sorted(REASONS)}.")
    event: CloseEvent = {"type": CLOSE_EVENT, "reason": reason}
    send_on_commit(user_group(user_id), event)
