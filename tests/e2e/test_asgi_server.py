"""The browser tests' own server: with the test's one in-memory SQLite connection
shared by every thread, HTTP requests are served one at a time (two requests would
share one transaction and could roll back each other's writes); WebSocket
connections are not held up by it."""

from __future__ import annotations

import asyncio
from concurrent.futures import ThreadPoolExecutor

from tests.e2e.asgi_server import OneRequestAtATime


def run_concurrently(scopes: list[dict]) -> list[tuple[str, str]]:
    log: list[tuple[str, str]] = []

    async def app(scope, receive, send) -> None:
        log.append(("start", scope["path"]))
        await asyncio.sleep(0.01)  # a view in its thread, awaited
        log.append(("end", scope["path"]))

    wrapped = OneRequestAtATime(app)

    async def main() -> None:
        await asyncio.gather(*(wrapped(scope, None, None) for scope in scopes))

    # A thread of its own: Playwright's sync API keeps a loop running in this one.
    with ThreadPoolExecutor(max_workers=1) as executor:
        executor.submit(asyncio.run, main()).result()
    return log


def test_http_requests_are_served_one_after_the_other():
    log = run_concurrently([{"type": "http", "path": "/a/"}, {"type": "http", "path": "/b/"}])
    assert log == [("start", "/a/"), ("end", "/a/"), ("start", "/b/"), ("end", "/b/")]


def test_a_websocket_is_not_held_up_by_a_request():
    log = run_concurrently([{"type": "http", "path": "/a/"}, {"type": "websocket", "path": "/ws/"}])
    assert log[:2] == [("start", "/a/"), ("start", "/ws/")]
