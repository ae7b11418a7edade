"""The forum's one door to the channel layer.

Services call `publish_event` inside their transaction; the event goes out only
after the commit (members.broadcast.send_on_commit), so nobody hears of a post that
was rolled back. The payload is primitives only. Right after the commit the posting
process renders the post once per likely way of seeing it and adds those frames
(`prepared`, `forum.selectors.prepare_event`), so that a worker process, after
checking its members again, only picks each socket's frame; it renders from the
database itself when they are missing or may be out of date."""

from __future__ import annotations

from typing import Any, NotRequired, TypedDict

from members.broadcast import send_on_commit

from . import selectors

#: The group event every ThreadConsumer handles (`forum_event`).
THREAD_EVENT = "forum.event"


class ThreadEventMessage(TypedDict):
    type: str
    thread_id: int
    seq: int
    kind: str  # post, post_updated, post_hidden, reaction
    post_id: int
    # Frames rendered at the commit (`selectors.prepare_event`); absent or None: none.
    prepared: NotRequired[dict[str, Any] | None]


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

    def prepare() -> dict[str, Any]:
        return {
            "prepared": selectors.prepare_event(
                thread_id=thread_id, seq=seq, kind=kind, post_id=post_id
            )
        }

    send_on_commit(thread_group(thread_id), message, prepare=prepare)


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
