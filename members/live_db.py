"""The live checks' own database thread, whose connection outlives one event.

`database_sync_to_async` closes the thread's database connection before and after
every call unless `CONN_MAX_AGE` keeps it (and docs/deployment.md keeps it at 0 for
the ASGI processes, as Django advises), so each live event's check in a worker
process opened a new connection: a few PRAGMAs on SQLite, a TCP handshake,
authentication and session setup on PostgreSQL, before the check's two queries.

`run_live_check` runs a read-only check in one thread per process that keeps its
connection between events: autocommit, never inside a transaction, so every query
still reads what is committed at that moment (the check is as fresh as with a new
connection). The connection is closed and opened again when a query failed on it
(the database restarted: the caller's retry gets a new one), when it is older than
`LIVE_DATABASE_CONN_MAX_AGE` seconds (default 300). docs/live.md, "The live checks' connection"."""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any, ParamSpec, TypeVar

from asgiref.sync import sync_to_async
from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections

P = ParamSpec("P")
R = TypeVar("R")

#: Seconds a live-check connection is kept at most (a new one after that).
CONN_MAX_AGE = 300.0


def _max_age() -> float:
    return float(getattr(settings, "LIVE_DATABASE_CONN_MAX_AGE", CONN_MAX_AGE))


class _CheckThread:
    """One single-threaded executor per process (a forked child makes its own)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._executor: ThreadPoolExecutor | None = None
        self._pid: int | None = None
        #: The raw connection we last saw, and when we first saw it.
        self.raw: Any = None
        self.opened = 0.0

    def executor(self) -> ThreadPoolExecutor:
        with self._lock:
            if self._executor is None or self._pid != os.getpid():
                self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="live-check")
                self._pid = os.getpid()
                self.raw = None
            return self._executor


_thread = _CheckThread()


def _in_check_thread(func: Callable[..., R], *args: Any, **kwargs: Any) -> R:
    connection = connections[DEFAULT_DB_ALIAS]
    if connection.connection is not None and (
        connection.errors_occurred or time.monotonic() - _thread.opened > _max_age()
    ):
        connection.close()
    connection.errors_occurred = False
    try:
        return func(*args, **kwargs)
    except Exception:
        if connection.errors_occurred:  # a database error: never trust it again
            connection.close()
            connection.errors_occurred = False
        raise
    finally:
        if connection.connection is not None and connection.connection is not _thread.raw:
            _thread.raw, _thread.opened = connection.connection, time.monotonic()


async def run_live_check(func: Callable[P, R], *args: P.args, **kwargs: P.kwargs) -> R:
    """Run `func` (read-only, no transaction of its own) in the live checks' thread,
    on its lasting connection, and return its result."""
    call = sync_to_async(_in_check_thread, thread_sensitive=False, executor=_thread.executor())
    return await call(func, *args, **kwargs)
