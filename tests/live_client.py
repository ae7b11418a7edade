"""A forum thread client for tests and the load test, outside a browser: it talks to a
real ASGI server over a real WebSocket (the `websockets` package) and posts over
HTTP like the reply form does, and applies frames by the rules `static/js/forum.js`
follows (docs/live.md, "The client"): resume on every (re)connect and on `resync`,
apply only `seq == last + 1`, drop `seq <= last`, keep early frames and resume on a
gap (once per `last`, and again when a newer frame shows the gap). It records what
it applied, so a test can count lost and duplicated events."""

from __future__ import annotations

import asyncio
import contextlib
import json
import secrets
import time
import urllib.parse
import urllib.request
from dataclasses import dataclass, field

import websockets
from websockets.asyncio.client import connect

CSRF_TOKEN = "a" * 32


def post_reply(base_url: str, thread_id: int, cookie: str, text: str, timeout: float = 60) -> dict:
    """POST a reply as the enhanced form does (X-Forum-Fetch: JSON answer)."""
    csrf = secrets.token_hex(16)
    body = urllib.parse.urlencode({"text": text}).encode()
    request = urllib.request.Request(  # noqa: S310 - our own loopback server
        f"{base_url}/forum/gesprek/{thread_id}/",
        data=body,
        headers={
            "Cookie": f"{cookie}; csrftoken={csrf}",
            "X-CSRFToken": csrf,
            "X-Forum-Fetch": "1",
            "Content-Type": "application/x-www-form-urlencoded",
        },
        method="POST",
    )
    with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310
        return json.loads(response.read())


@dataclass
class ThreadClient:
    ws_url: str  # ws://127.0.0.1:port
    origin: str  # http://127.0.0.1:port
    thread_id: int
    cookie: str
    last_seq: int
    applied: list[int] = field(default_factory=list)
    wire_duplicates: int = 0  # frames with seq <= last (dropped, as the client does)
    resyncs: int = 0
    resumes: int = 0
    reconnects: int = 0
    closes: list[int] = field(default_factory=list)
    received_at: dict[int, float] = field(default_factory=dict)
    typing: list[str] = field(default_factory=list)
    _waiting: dict[int, dict] = field(default_factory=dict)
    _asked_at: int = -1
    _asked_up_to: int = -1  # the newest seq seen when that resume was asked
    _highest_seen: int = 0
    _socket: object = None
    _stop: bool = False
    connected: asyncio.Event = field(default_factory=asyncio.Event)

    async def _resume(self) -> None:
        if self._socket is not None and (
            self._asked_at != self.last_seq or self._highest_seen > self._asked_up_to
        ):
            self._asked_at = self.last_seq
            self._asked_up_to = self._highest_seen
            self.resumes += 1
            await self._socket.send(json.dumps({"type": "resume", "after": self.last_seq}))

    async def _on_frame(self, frame: dict) -> None:
        if frame.get("type") == "resync":
            self.resyncs += 1
            self._asked_at = -1
            await self._resume()
            return
        if frame.get("type") == "typing":
            self.typing.append(frame.get("name", ""))
            return
        seq = frame.get("seq")
        if not isinstance(seq, int):
            return
        self._highest_seen = max(self._highest_seen, seq)
        if seq <= self.last_seq:
            self.wire_duplicates += 1
            return
        if seq > self.last_seq + 1:
            self._waiting[seq] = frame
            await self._resume()
            return
        self._apply(seq)
        while self.last_seq + 1 in self._waiting:
            self._apply(self._waiting.pop(self.last_seq + 1)["seq"])
        for kept in [s for s in self._waiting if s <= self.last_seq]:
            del self._waiting[kept]

    def _apply(self, seq: int) -> None:
        self.applied.append(seq)
        self.received_at[seq] = time.monotonic()
        self.last_seq = seq

    async def run(self) -> None:
        """Connect, resume, receive until stopped; reconnect after a close (not 4401/4403)."""
        delay = 0.5
        url = f"{self.ws_url}/ws/forum/threads/{self.thread_id}/"
        headers = {"Cookie": self.cookie}
        while not self._stop:
            try:
                async with connect(
                    url, origin=self.origin, additional_headers=headers, open_timeout=60,
                    ping_interval=None, max_queue=None,
                ) as socket:  # fmt: skip
                    self._socket = socket
                    self._asked_at = -1
                    self.connected.set()
                    await self._resume()
                    delay = 0.5
                    async for message in socket:
                        await self._on_frame(json.loads(message))
            except websockets.ConnectionClosed as closed:
                code = closed.rcvd.code if closed.rcvd else 1006
                self.closes.append(code)
                if code in (4401, 4403):
                    return
            except (TimeoutError, OSError, websockets.InvalidHandshake):
                self.closes.append(1006)
            finally:
                self._socket = None
            if self._stop:
                return
            self.reconnects += 1
            await asyncio.sleep(delay)
            delay = min(delay * 2, 5)

    async def send_typing(self) -> None:
        if self._socket is not None:
            await self._socket.send(json.dumps({"type": "typing"}))

    async def stop(self) -> None:
        self._stop = True
        if self._socket is not None:
            with contextlib.suppress(Exception):
                await self._socket.close()

    def counts(self, expected: range) -> tuple[int, int]:
        """(lost, duplicated) against the seqs the client should have applied."""
        seen = set(self.applied)
        lost = sum(1 for seq in expected if seq not in seen)
        return lost, len(self.applied) - len(seen)
