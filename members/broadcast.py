"""The members app's only door to the channel layer.

Every live connection joins its member's group (`user_group`); the services below
close those connections, after their transaction commits, when the member logs out,
is erased, suspended or refused, their roles change or they remove a second
factor. Other apps' `broadcast.py`
modules may use `send_on_commit` for their own groups."""

from __future__ import annotations

import asyncio
from collections.abc import Mapping
from concurrent.futures import ThreadPoolExecutor
from typing import Any, TypedDict

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer
from django.db import transaction
from redis.exceptions import RedisError
from redis.exceptions import TimeoutError as RedisTimeout

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


def send_on_commit(group: str, event: Mapping[str, Any]) -> None:
    """Send once the current transaction commits; nothing is sent if it rolls back.

    Outside a transaction (autocommit) it sends at once."""
    payload = dict(event)
    # robust: the change has committed; a layer that is down must not turn it into an
    # error page (and a retried, duplicated post). The failure is logged, and clients
    # catch up from the database when they resume.
    transaction.on_commit(lambda: send_now(group, payload), robust=True)


def close_user_connections(user_id: int, reason: str) -> None:
    """Close every open live connection of this member, on commit."""
    if reason not in REASONS:
        raise ValueError(f"Unknown reason {reason!r}; one of {sorted(REASONS)}.")
    event: CloseEvent = {"type": CLOSE_EVENT, "reason": reason}
    send_on_commit(user_group(user_id), event)
