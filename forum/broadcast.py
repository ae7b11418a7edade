"""The forum's one door to the channel layer.

Services call `publish_event` inside their transaction, as their last change to the
post; the event goes out only after the commit (members.broadcast.send_on_commit),
so nobody hears of a post that was rolled back. The payload is primitives only.

As Zulip renders a message in the sending request and only sends after the commit,
`publish_event` draws the post right away, inside the transaction (its seq and id
known, the thread's row locked by `_next_seq`), once per likely way of seeing it
(`prepared`, `forum.selectors.prepare_event`); the on-commit hook only hands the
finished event to the channel layer, without a query or a drawing. A worker process,
after checking its members again, only picks each socket's frame; it renders from
the database itself when the drawings are missing or may be out of date (the thread's
`last_seq` moved since they were drawn). docs/live.md, "Frames drawn in the posting
transaction"."""

from __future__ import annotations

import logging
import os
import secrets
import threading
import time
from collections.abc import Collection, Mapping
from typing import Any, NotRequired, TypedDict

import redis
from channels.layers import get_channel_layer
from django.conf import settings
from django.db import DatabaseError

from members.broadcast import LAYER_ERRORS, send_on_commit

from . import selectors

logger = logging.getLogger(__name__)

#: The group event every ThreadConsumer handles (`forum_event`).
THREAD_EVENT = "forum.event"


class ThreadEventMessage(TypedDict):
    type: str
    thread_id: int
    seq: int
    kind: str  # post, post_updated, post_hidden, reaction
    post_id: int
    # Drawn in the posting transaction (`selectors.prepare_event`); absent or None: none.
    prepared: NotRequired[dict[str, Any] | None]
    # The sender's check (`selectors.live_verdicts`): "<member id>|<session digest>"
    # to a close code, "hidden" or a variant. A socket without one: its worker checks.
    verdicts: NotRequired[dict[str, Any]]


#: Someone is writing in the thread: not stored, never replayed (`forum_typing`).
TYPING_EVENT = "forum.typing"


class TypingMessage(TypedDict):
    type: str
    thread_id: int
    user_id: int
    name: str  # the typist's alias in an aliased thread, else their pseudonym


def thread_group(thread_id: int) -> str:
    return f"forum.thread.{int(thread_id)}"


def publish_event(*, thread_id: int, seq: int, kind: str, post_id: int) -> None:
    """Tell every open copy of the thread about event `seq`, after the commit.

    Call it after the transaction's last change to the post (every later change a
    reader sees takes a new seq, which makes the workers draw from the database).
    The post is drawn now, in the caller's transaction; the commit only sends."""
    message: ThreadEventMessage = {
        "type": THREAD_EVENT,
        "thread_id": thread_id,
        "seq": seq,
        "kind": kind,
        "post_id": post_id,
    }
    prepared = None
    try:
        prepared = message["prepared"] = selectors.prepare_event(
            thread_id=thread_id, seq=seq, kind=kind, post_id=post_id
        )
    except DatabaseError:
        raise  # the transaction cannot go on: the change is rolled back, nothing sent
    except Exception:
        # A drawing that failed must not cost the change: the workers draw it.
        logger.exception("forum live: drawing event %s of thread %s failed", seq, thread_id)
    if prepared is not None and sender_check_enabled():
        try:
            watchers = read_watchers(thread_id)
            # Past a handful of members the check's cost (serial, in the transaction,
            # about 0.1-0.3 ms a member) outgrows the hops it saves, which the
            # workers take in parallel: then the workers check (docs/performance.md).
            if watchers and len(watchers) <= sender_check_max_watchers():
                message["verdicts"] = selectors.live_verdicts(
                    prepared=prepared, thread_id=thread_id, post_id=post_id, watchers=watchers
                )
        except DatabaseError:
            raise
        except Exception:
            # Without verdicts every worker checks its sockets itself, as before.
            logger.exception("forum live: the sender's check of event %s failed", seq)
    send_on_commit(thread_group(thread_id), message)


def publish_typing(*, thread_id: int, user_id: int, name: str) -> None:
    """Tell the thread's open copies that `name` is writing (after the commit of
    the caller's transaction, which stores nothing)."""
    message: TypingMessage = {
        "type": TYPING_EVENT,
        "thread_id": thread_id,
        "user_id": user_id,
        "name": name,
    }
    send_on_commit(thread_group(thread_id), message)


# --- the watcher registry: who watches a thread, for the sender's check --------
#
# Per thread a Redis sorted set `<layer prefix>:forum.watchers.<thread id>` of
# `<worker id>|<member id>|<session digest>` (members.live_rules.session_digest:
# never the session key), scored with the time it was last refreshed. A worker
# process adds its sockets' entries when they join the thread (one entry per
# member and session, however many of their sockets it holds), removes them with
# the last of them, and refreshes them every catch-up period (5 s); entries older
# than WATCHERS_TTL seconds (a worker that died) are ignored and trimmed. The
# sender reads the set inside the posting transaction (`read_watchers`) and checks
# those members there (`selectors.live_verdicts`). Only with a Redis channel layer:
# with the in-memory one (tests, development) there is no registry and every socket
# is checked by its worker. docs/live.md, "The sender's check".

#: Seconds after its last refresh that an entry is no longer believed.
WATCHERS_TTL = 30.0
#: The sender's read gives up this soon (seconds) and goes without verdicts.
REGISTRY_TIMEOUT = 0.25
#: After a failed read the sender does not ask again for this many seconds.
REGISTRY_BACKOFF = 1.0


#: The sender checks a thread's watchers only when there are at most this many
#: (member, session) entries; with more, every worker checks its own sockets.
SENDER_CHECK_MAX_WATCHERS = 16


def sender_check_enabled() -> bool:
    return bool(getattr(settings, "FORUM_LIVE_SENDER_CHECK", True))


def sender_check_max_watchers() -> int:
    return int(getattr(settings, "FORUM_LIVE_SENDER_CHECK_MAX_WATCHERS", SENDER_CHECK_MAX_WATCHERS))


def _redis_layer(layer: Any) -> bool:
    return (
        layer is not None
        and hasattr(layer, "consistent_hash")
        and hasattr(layer, "connection")
        and bool(getattr(layer, "hosts", None))
    )


def watchers_key(layer: Any, thread_id: int) -> str:
    return f"{layer.prefix}:forum.watchers.{int(thread_id)}"


class _Process:
    """This process's worker id and its Redis clients for sync readers (a forked
    child makes its own)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._pid: int | None = None
        self._worker = ""
        self._clients: dict[str, redis.Redis] = {}
        self.failed_at = 0.0

    def _fresh(self) -> None:
        if self._pid != os.getpid():
            self._pid = os.getpid()
            self._worker = f"{os.getpid()}.{secrets.token_hex(4)}"
            self._clients = {}
            self.failed_at = 0.0

    def worker(self) -> str:
        with self._lock:
            self._fresh()
            return self._worker

    def client(self, host: Mapping[str, Any]) -> redis.Redis | None:
        name = repr(sorted(host.items()))
        with self._lock:
            self._fresh()
            client = self._clients.get(name)
            if client is None:
                options = dict(host)
                timeouts = {
                    "socket_timeout": REGISTRY_TIMEOUT,
                    "socket_connect_timeout": REGISTRY_TIMEOUT,
                }
                if "address" in options:
                    address = options.pop("address")
                    client = redis.Redis.from_url(address, **{**options, **timeouts})
                elif "master_name" in options:
                    return None  # Sentinel: no registry; the workers check
                else:
                    client = redis.Redis(**{**options, **timeouts})
                self._clients[name] = client
            return client


_process = _Process()


def watcher_entry(*, user_id: int, digest: str) -> str:
    """This worker process's registry entry for a member's session."""
    return f"{_process.worker()}|{int(user_id)}|{digest}"


def read_watchers(thread_id: int) -> set[tuple[int, str]] | None:
    """Who watches the thread now, as (member id, session digest): for the sender's
    check, from sync code (the posting transaction). None without a registry (the
    in-memory layer) or when Redis did not answer (then for REGISTRY_BACKOFF
    seconds without asking): every worker checks its sockets itself."""
    layer = get_channel_layer()
    if not _redis_layer(layer):
        return None
    if time.monotonic() - _process.failed_at < REGISTRY_BACKOFF:
        return None
    key = watchers_key(layer, thread_id)
    client = _process.client(layer.hosts[layer.consistent_hash(key)])
    if client is None:
        return None
    try:
        entries = client.zrangebyscore(key, time.time() - WATCHERS_TTL, "+inf")
    except LAYER_ERRORS as error:
        _process.failed_at = time.monotonic()
        logger.info("forum live: the watcher registry could not be read (%s)", type(error).__name__)
        return None
    watchers = set()
    for entry in entries:
        _worker, user_id, digest = entry.decode().split("|", 2)
        watchers.add((int(user_id), digest))
    return watchers


async def watch(layer: Any, thread_id: int, entries: Collection[str]) -> None:
    """Add or refresh this process's `entries` for the thread (and trim the stale)."""
    if not _redis_layer(layer) or not entries:
        return
    key = watchers_key(layer, thread_id)
    now = time.time()
    try:
        async with layer.connection(layer.consistent_hash(key)).pipeline(transaction=False) as pipe:
            pipe.zadd(key, dict.fromkeys(entries, now))
            pipe.zremrangebyscore(key, "-inf", now - WATCHERS_TTL)
            pipe.expire(key, int(WATCHERS_TTL * 2))
            await pipe.execute()
    except LAYER_ERRORS as error:
        # Without an entry the sender gives no verdict: the worker checks the socket.
        logger.info("forum live: the watcher registry was not updated (%s)", type(error).__name__)


async def unwatch(layer: Any, thread_id: int, entry: str) -> None:
    if not _redis_layer(layer):
        return
    key = watchers_key(layer, thread_id)
    try:
        await layer.connection(layer.consistent_hash(key)).zrem(key, entry)
    except LAYER_ERRORS as error:
        logger.info("forum live: the watcher registry was not updated (%s)", type(error).__name__)
