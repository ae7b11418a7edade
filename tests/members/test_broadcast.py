"""members.broadcast: events leave after the commit, from any kind of caller, and a
channel layer that fails never turns a committed change into an error."""

from __future__ import annotations

import asyncio
import logging

import pytest
from channels.layers import get_channel_layer
from django.db import transaction

from members import broadcast

pytestmark = pytest.mark.django_db(transaction=True)


async def _receive(channel: str) -> dict:
    return await asyncio.wait_for(get_channel_layer().receive(channel), timeout=2)


def test_an_event_sent_from_a_thread_that_runs_an_event_loop_still_arrives():
    # Playwright's sync API, and management commands started from async code, call
    # sync services while an event loop runs in the same thread: async_to_sync refuses
    # to block there, so the broadcast must take another thread (it crashed seed_demo).
    layer = get_channel_layer()

    async def scenario() -> dict:
        channel = await layer.new_channel()
        await layer.group_add("probe.group", channel)
        broadcast.send_now("probe.group", {"type": "probe.event", "n": 1})
        return await _receive(channel)

    assert asyncio.run(scenario()) == {"type": "probe.event", "n": 1}


def test_a_failing_layer_after_commit_is_logged_not_raised(monkeypatch, caplog):
    def broken(group, event):
        raise ConnectionError("redis is down")

    monkeypatch.setattr(broadcast, "send_now", broken)
    with caplog.at_level(logging.ERROR), transaction.atomic():
        broadcast.send_on_commit("probe.group", {"type": "probe.event"})
    # The block above committed and returned normally; the failure is in the log.
    assert any("redis is down" in str(r.exc_info[1]) for r in caplog.records if r.exc_info)


class _RemoteLayer:
    """A channel layer that lives outside the process (as Redis does), recording the
    event loop each send ran on."""

    def __init__(self) -> None:
        self.sent: list[tuple[str, dict, asyncio.AbstractEventLoop]] = []

    async def group_send(self, group: str, event: dict) -> None:
        self.sent.append((group, event, asyncio.get_running_loop()))


def test_sync_callers_send_to_a_remote_layer_over_one_lasting_event_loop(monkeypatch):
    """channels_redis keeps its connection per event loop: sync callers (a request
    thread, a WSGI worker) share one sender loop for the life of the process, so
    an event does not wait for a new connection. Order is kept."""
    import threading

    layer = _RemoteLayer()
    monkeypatch.setattr(broadcast, "get_channel_layer", lambda: layer)

    broadcast.send_now("probe.group", {"type": "probe.event", "n": 1})
    other = threading.Thread(
        target=broadcast.send_now, args=("probe.group", {"type": "probe.event", "n": 2})
    )
    other.start()
    other.join()
    broadcast.send_now("probe.group", {"type": "probe.event", "n": 3})

    assert [event["n"] for _, event, _ in layer.sent] == [1, 2, 3]
    loops = {loop for _, _, loop in layer.sent}
    assert len(loops) == 1 and loops.pop().is_running()


def test_what_prepare_adds_after_the_commit_travels_with_the_event(monkeypatch, caplog):
    sent = []
    monkeypatch.setattr(broadcast, "send_now", lambda group, event: sent.append(event))

    with transaction.atomic():
        broadcast.send_on_commit("probe.group", {"type": "probe.event"}, prepare=lambda: {"x": 1})
        assert sent == []  # nothing before the commit

    def broken():
        raise ValueError("rendering failed")

    with caplog.at_level(logging.ERROR), transaction.atomic():
        broadcast.send_on_commit("probe.group", {"type": "probe.event"}, prepare=broken)

    # A failed preparation still sends the event itself (the receivers do the work).
    assert sent == [{"type": "probe.event", "x": 1}, {"type": "probe.event"}]
    assert any("rendering failed" in str(r.exc_info[1]) for r in caplog.records if r.exc_info)
