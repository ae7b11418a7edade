"""The forum's one door to the channel layer.

Services call `publish_event` inside their transaction; the event goes out only
after the commit (members.broadcast.send_on_commit), so nobody hears of a post that
was rolled back. The payload is primitives only: each consumer loads the post
itself and renders it for its own member, after the live base checked again that
the member may still see the thread."""

from __future__ import annotations

from typing import TypedDict

from members.broadcast import send_on_commit

#: The group event every ThreadConsumer handles (`forum_event`).
THREAD_EVENT = "forum.event"


class ThreadEventMessage(TypedDict):
    type: str
    thread_id: int
    seq: int
    kind: str  # post, post_updated, post_hidden, reaction
    post_id: int


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
    """Tell every open copy of the thread about event `seq`, after the commit."""
    message: ThreadEventMessage = {
        "type": THREAD_EVENT,
        "thread_id": thread_id,
        "seq": seq,
        "kind": kind,
        "post_id": post_id,
    }
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
