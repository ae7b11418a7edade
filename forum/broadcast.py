"""The forum's one door to the channel layer.

Services call `publish_event` inside their transaction, as their last change to the
post; the event goes out only after the commit (members.broadcast.send_on_commit),
so nobody hears of a post that was rolled back. The payload is primitives only.

As Zulip renders a message in the sending request and only sends after the commit,
`publish_event` draws the post right away, inside the transaction (its seq and id
known, the thread's row locked by `_next_seq`), once per likely way of seeing it
(`prepared`, `forum.selectors.prepare_event`); the on-commit hook only hands the
finished event to the channel layer, without a query or a drawing. A worker process,
after checking its members again, only picks each socket's frame; it renders from
the database itself when the drawings are missing or may be out of date (the thread's
`last_seq` moved since they were drawn). docs/live.md, "Frames drawn in the posting
transaction"."""

from __future__ import annotations

import logging
from typing import Any, NotRequired, TypedDict

from django.db import DatabaseError

from members.broadcast import send_on_commit

from . import selectors

logger = logging.getLogger(__name__)

#: The group event every ThreadConsumer handles (`forum_event`).
THREAD_EVENT = "forum.event"


class ThreadEventMessage(TypedDict):
    type: str
    thread_id: int
    seq: int
    kind: str  # post, post_updated, post_hidden, reaction
    post_id: int
    # Drawn in the posting transaction (`selectors.prepare_event`); absent or None: none.
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
    """Tell every open copy of the thread about event `seq`, after the commit.

    Call it after the transaction's last change to the post (every later change a
    reader sees takes a new seq, which makes the workers draw from the database).
    The post is drawn now, in the caller's transaction; the commit only sends."""
    message: ThreadEventMessage = {
        "type": THREAD_EVENT,
        "thread_id": thread_id,
        "seq": seq,
        "kind": kind,
        "post_id": post_id,
    }
    try:
        message["prepared"] = selectors.prepare_event(
            thread_id=thread_id, seq=seq, kind=kind, post_id=post_id
        )
    except DatabaseError:
        raise  # the transaction cannot go on: the change is rolled back, nothing sent
    except Exception:
        # A drawing that failed must not cost the change: the workers draw it.
        logger.exception("forum live: drawing event %s of thread %s failed", seq, thread_id)
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
