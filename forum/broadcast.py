"""The forum's one door to the channel layer.

Services call `publish_event` inside their transaction; the event goes out only
after the commit (members.broadcast.send_on_commit), so nobody hears of a post that
was rolled back. The payload is primitives only. Right after the commit the posting
process renders the post once per likely way of seeing it and adds those frames
(`prepared`, `forum.selectors.prepare_event`), so that a worker process, after
checking its members again, only picks each socket's frame; it renders from the
database itself when they are missing or may be out of date. With
FORUM_LIVE_HEADS_UP it first sends a heads-up (`THREAD_HEADS_UP`, the same ids)
so the workers check their members while it draws (docs/live.md, "The check
begins at the heads-up"); off by default."""

from __future__ import annotations

from typing import Any, NotRequired, TypedDict

from django.conf import settings

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


#: Sent right after the commit, before the post is drawn: the workers check their
#: members meanwhile (`ThreadConsumer._heads_up`). Never a frame of its own.
THREAD_HEADS_UP = "forum.heads_up"


class HeadsUpMessage(TypedDict):
    type: str
    thread_id: int
    seq: int
    kind: str
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

    def prepare() -> dict[str, Any]:
        return {
            "prepared": selectors.prepare_event(
                thread_id=thread_id, seq=seq, kind=kind, post_id=post_id
            )
        }

    heads_up: HeadsUpMessage = {
        "type": THREAD_HEADS_UP,
        "thread_id": thread_id,
        "seq": seq,
        "kind": kind,
        "post_id": post_id,
    }
    # Off unless FORUM_LIVE_HEADS_UP is set: on the 2-core bench machine it bought
    # nothing at 10 and 100 sockets and cost at 500 (docs/performance.md).
    send_on_commit(
        thread_group(thread_id),
        message,
        prepare=prepare,
        heads_up=heads_up if getattr(settings, "FORUM_LIVE_HEADS_UP", False) else None,
    )


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
