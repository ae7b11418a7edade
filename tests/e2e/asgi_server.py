"""A live server that also speaks WebSocket: the project's ASGI application
(leerwerkplaats.asgi) under uvicorn, in a thread of the test process.

Django's live server (pytest-django's `live_server`) serves WSGI only, and
channels' ChannelsLiveServerTestCase starts Daphne in another process, which
cannot see the in-memory SQLite test database. Here the server runs in the test
process, like Django's own live server, and shares the test's database
connection with every thread that serves a request, as Django's live server does
for an in-memory SQLite database. The in-memory channel layer lives on the
server's event loop, so every write that must reach a socket goes through the
server (the browser), never through the ORM of the test thread."""

from __future__ import annotations

import asyncio
import socket
import threading
import types

import uvicorn
from channels.layers import channel_layers
from django.contrib.staticfiles.handlers import ASGIStaticFilesHandler
from django.db import connections

START_TIMEOUT = 15


class OneRequestAtATime:
    """HTTP requests one at a time, when every thread shares the test's one in-memory
    SQLite connection. Two requests in their own threads on one connection would share
    one transaction: the second `atomic` becomes a savepoint of the first, the first's
    exit releases the other's savepoint instead of committing, and a write that was
    answered with success can be rolled back with the other request (a contribution
    posted while another member's page saved its session was lost this way, once in
    CI). Production has a connection per thread; only this test server needs this.
    WebSocket consumers only read and keep running beside it."""

    def __init__(self, app) -> None:
        self.app = app
        self._lock: asyncio.Lock | None = None

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        if self._lock is None:
            self._lock = asyncio.Lock()
        async with self._lock:
            await self.app(scope, receive, send)


class AsgiLiveServer:
    def __init__(self) -> None:
        self._socket = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self._socket.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self._socket.bind(("127.0.0.1", 0))
        self.port = self._socket.getsockname()[1]
        self.url = f"http://localhost:{self.port}"
        self._server: uvicorn.Server | None = None
        self._thread: threading.Thread | None = None
        self._saved_connections = None
        self._loop: asyncio.AbstractEventLoop | None = None

    def _share_the_test_connection(self) -> bool:
        connection = connections["default"]
        if connection.vendor == "sqlite" and connection.is_in_memory_db():
            connection.inc_thread_sharing()
            self._saved_connections = connections._connections
            connections._connections = types.SimpleNamespace(default=connection)
            return True
        return False

    def _restore_connections(self) -> None:
        if self._saved_connections is not None:
            connections._connections.default.dec_thread_sharing()
            connections._connections = self._saved_connections
            self._saved_connections = None

    def start(self) -> None:
        from leerwerkplaats.asgi import application

        shared = self._share_the_test_connection()
        # A fresh in-memory layer, created on the server's own event loop.
        channel_layers.backends.clear()
        config = uvicorn.Config(
            ASGIStaticFilesHandler(OneRequestAtATime(application) if shared else application),
            ws="websockets-sansio",
            lifespan="off",
            log_level="warning",
            access_log=False,
        )
        self._server = uvicorn.Server(config)
        self._thread = threading.Thread(
            target=lambda: asyncio.run(self._serve()),
            name="asgi-live-server",
            daemon=True,
        )
        self._thread.start()
        deadline = threading.Event()
        for _ in range(START_TIMEOUT * 20):
            if self._server.started:
                return
            deadline.wait(0.05)
        self.stop()
        raise RuntimeError("the ASGI live server did not start")

    async def _serve(self) -> None:
        self._loop = asyncio.get_running_loop()
        await self._server.serve(sockets=[self._socket])

    def _on_server_loop(self, coroutine_function) -> None:
        """Run `coroutine_function()` on the server's event loop (where the channel
        layer and the consumers live) and wait for it."""
        asyncio.run_coroutine_threadsafe(coroutine_function(), self._loop).result(
            timeout=START_TIMEOUT
        )

    def lose_group_memberships(self) -> None:
        """As a channel layer that restarted without persistence: every open live
        socket is no member of its groups any more, so events sent now reach none of
        them (members.live joins them again on resync)."""
        from members.live import _watches

        async def discard() -> None:
            # Only this server's sockets: an earlier test's watch (another loop, a
            # Redis long gone) may still be in the registry.
            watch = _watches.get(asyncio.get_running_loop())
            if watch is not None:
                for consumer in list(watch.consumers):
                    for group in consumer.groups:
                        await consumer.channel_layer.group_discard(group, consumer.channel_name)

        self._on_server_loop(discard)

    def resync(self) -> None:
        """As when the channel layer answers again (members.live._LayerWatch): every
        open live socket joins its groups again and sends `{"type": "resync"}`."""
        from members.live import _watches

        async def resync() -> None:
            watch = _watches.get(asyncio.get_running_loop())
            if watch is not None:
                for consumer in list(watch.consumers):
                    consumer.request_resync()

        self._on_server_loop(resync)

    def stop(self) -> None:
        if self._server is not None:
            self._server.should_exit = True
        if self._thread is not None:
            self._thread.join(timeout=10)
        self._socket.close()
        channel_layers.backends.clear()
        self._restore_connections()
