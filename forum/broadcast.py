"""The forum's one door to the channel layer.

Services call `publish_event` inside their transaction; the event goes out only
after the commit, so nobody hears of a post that was rolled back. The payload is
primitives only: each consumer loads the post itself and renders it for its own
member, after checking that member may still see it."""

from __future__ import annotations

from typing import TypedDict

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer
from django.db import transaction


class ThreadEventMessage(TypedDict):
    type: str  # the consumer's handler: "forum.event"
    thread_id: int
    seq: int
    kind: str  # post, post_updated, post_hidden, reaction
    post_id: int


def thread_group(thread_id: int) -> str:
    return f"forum.thread.{thread_id}"


def send_now(thread_id: int, message: ThreadEventMessage) -> None:
    layer = get_channel_layer()
    if layer is not None:
        async_to_sync(layer.group_send)(thread_group(thread_id), message)


def publish_event(*, thread_id: int, seq: int, kind: str, post_id: int) -> None:
    """Tell every open copy of the thread about event `seq`, after the commit."""
    message: ThreadEventMessage = {
        "type": "forum.event",
        "thread_id": thread_id,
        "seq": seq,
        "kind": kind,
        "post_id": post_id,
    }
    transaction.on_commit(lambda: send_now(thread_id, message))
