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
