"""Intervisie's one door to the channel layer.

Services call `publish_event` inside their transaction; the event goes out after
the commit (members.broadcast.send_on_commit). Primitives only: each consumer loads
what the event is about and renders it for its own member (a blind position is shown
to its author only until the reveal)."""

from __future__ import annotations

from typing import TypedDict

from members.broadcast import send_on_commit

#: The group event every SessionConsumer handles (`intervisie_event`).
SESSION_EVENT = "intervisie.event"


class SessionEventMessage(TypedDict):
    type: str
    session_id: int
    seq: int
    kind: str  # contribution, phase, reveal, timer


def session_group(session_id: int) -> str:
    return f"intervisie.session.{int(session_id)}"


def publish_event(*, session_id: int, seq: int, kind: str) -> None:
    """Tell every open copy of the session's room about event `seq`, after the commit."""
    message: SessionEventMessage = {
        "type": SESSION_EVENT,
        "session_id": session_id,
        "seq": seq,
        "kind": kind,
    }
    send_on_commit(session_group(session_id), message)
