"""Live threads: `/ws/forum/threads/<thread id>/` (protocol in docs/live.md,
"Forum threads").

Built on the live base (members.live.LiveConsumer): the member is admitted and
checked again before every event there; this consumer adds "may see this thread",
joins the thread's group, replays the thread's log on `resume` and turns each
group event into a frame rendered for its own member. It writes nothing."""

from __future__ import annotations

import asyncio
import logging
import threading
import time
import weakref
from collections import OrderedDict, deque
from dataclasses import dataclass, field
from typing import Any, ClassVar

from channels.db import database_sync_to_async
from django.conf import settings
from django.db import DatabaseError

from members.live import LiveConsumer
from members.live_db import run_live_check
from members.live_rules import session_digest
from members.selectors import user_for_live_check, users_for_live_check

from . import selectors, services
from .broadcast import (
    THREAD_EVENT,
    TYPING_EVENT,
    ThreadEventMessage,
    TypingMessage,
    sender_check_enabled,
    thread_group,
    unwatch,
    watch,
    watcher_entry,
)

logger = logging.getLogger(__name__)

#: Seconds to wait before each try of an event's live check: at once, then after
#: short pauses; when every try failed the socket closes (the client reconnects
#: and resumes, so nothing is lost).
LIVE_CHECK_PAUSES = (0.0, 0.05, 0.25, 1.0)


@dataclass(eq=False)
class _EventBatch:
    """One thread event, checked and rendered once for this process's sockets."""

    event: ThreadEventMessage
    consumers: list[ThreadConsumer]
    done: asyncio.Event = field(default_factory=asyncio.Event)
    answers: dict[ThreadConsumer, tuple[int | None, dict[str, Any] | None]] = field(
        default_factory=dict
    )
    # Set (under `_batches_lock`) when the database thread takes the batch up; then
    # `members` holds every socket it answers for.
    closed: bool = False
    members: frozenset[ThreadConsumer] = frozenset()


#: The latest batch per event; finished ones are kept for the sockets of the process
#: that reach the same event later (a busy loop hands it out one socket at a time).
_batches: OrderedDict[tuple[int, int, str, int], _EventBatch] = OrderedDict()
KEPT_BATCHES = 256
#: The sockets of this process per thread: a batch answers for all of them at once.
_thread_sockets: dict[int, weakref.WeakSet[ThreadConsumer]] = {}
# The event loop adds sockets and batches; the database thread takes a batch up.
_batches_lock = threading.Lock()


def _register(consumer: ThreadConsumer) -> None:
    with _batches_lock:
        _thread_sockets.setdefault(consumer.thread_id, weakref.WeakSet()).add(consumer)


def _unregister(consumer: ThreadConsumer) -> None:
    with _batches_lock:
        sockets = _thread_sockets.get(consumer.thread_id)
        if sockets is not None:
            sockets.discard(consumer)
            if not sockets:
                del _thread_sockets[consumer.thread_id]


def _decide(batch: _EventBatch) -> dict[ThreadConsumer, tuple[int | None, dict[str, Any] | None]]:
    """In a database thread: each socket's close code or frame for one event.

    It answers for every socket of the process on the thread, not only those that
    have the event in hand yet: channels_redis hands a process's sockets their copy
    one `receive()` after another, and each that comes later finds its answer here
    (`_checked_frame`) instead of queueing a check of its own."""
    verdicts = batch.event.get("verdicts") or {}
    with _batches_lock:
        members = set(batch.consumers)
        # Not the sockets the sender's check decided: they need nothing from here.
        members.update(
            socket
            for socket in _thread_sockets.get(batch.event["thread_id"], ())
            if socket.watch_key not in verdicts
        )
        batch.members = frozenset(members)
        batch.closed = True
    consumers = list(batch.members)
    event = batch.event
    wanted = [
        (consumer.user_id, consumer.checked_session_key())
        for consumer in consumers
        if consumer.user_id is not None
    ]
    prepared = event.get("prepared")
    users = users_for_live_check(
        wanted,
        annotations=(
            selectors.live_thread_annotations(event["thread_id"]) if prepared is not None else None
        ),
    )
    loaded = [
        users.get((c.user_id, c.checked_session_key())) if c.user_id is not None else None
        for c in consumers
    ]
    frames = None
    if prepared is not None:
        # The usual way: the posting transaction drew the frames;
        # each member is decided now, and no query is needed beyond the check.
        frames = selectors.prepared_live_frames(
            prepared=prepared,
            thread_id=event["thread_id"],
            seq=event["seq"],
            post_id=event["post_id"],
            users=loaded,
        )
    if frames is None:
        frames = selectors.live_frames(
            thread_id=event["thread_id"],
            seq=event["seq"],
            kind=event["kind"],
            post_id=event["post_id"],
            users=loaded,
        )
    answers = {}
    # A member's sockets with the same session share one user object and so one
    # answer (the base's rules depend on nothing else the socket holds).
    refusals: dict[tuple[type, int, bool, bool], int | None] = {}
    for consumer, user, (permitted, frame) in zip(consumers, loaded, frames, strict=True):
        key = (type(consumer), id(user), permitted, consumer.checked_session_key() is None)
        if key not in refusals:
            refusals[key] = consumer.refusal_for(user, permitted=permitted)
        refusal = refusals[key]
        answers[consumer] = (refusal, None if refusal is not None else frame)
    return answers


async def _answer_batch(batch: _EventBatch) -> None:
    """Runs as its own task, so a socket that closes meanwhile (its dispatch
    cancelled) cannot leave the others of the batch waiting."""
    try:
        batch.answers = await run_live_check(_decide, batch)
    except Exception as exc:  # noqa: BLE001 - every socket of the batch tries again
        # No answers: each socket of the batch tries again (`_checked_frame`). The
        # class only: a database error's text may quote the statement.
        logger.warning(
            "forum live: the check of event %s of thread %s failed (%s)",
            batch.event["seq"],
            batch.event["thread_id"],
            type(exc).__name__,
        )
    finally:
        with _batches_lock:
            batch.closed = True
        batch.done.set()


_batch_tasks: set[asyncio.Task[None]] = set()


# --- the sender's check: verdicts that came with the event --------------------
#
# The posting transaction checked the members whose sockets it found in the
# watcher registry (forum.broadcast) and sent a verdict for each (member, session):
# a close code or the way they see the post. A socket with a verdict applies it
# here, on the event loop, without a query and without the live checks' thread;
# every other socket goes through `_checked_frame` as before. docs/live.md,
# "The sender's check".

#: Each event's frames made from its verdicts, per answer, for the process's sockets.
_verdict_frames: OrderedDict[tuple[int, int, str, int], dict[Any, selectors.LiveFrame]] = (
    OrderedDict()
)
#: This process's registry entries per (event loop, thread, entry): how many sockets.
_watching: dict[tuple[asyncio.AbstractEventLoop, int, str], int] = {}


def _verdict_frame(event: ThreadEventMessage, answer: Any) -> selectors.LiveFrame | None:
    prepared = event.get("prepared")
    if prepared is None:
        return None
    key = (event["thread_id"], event["seq"], event["kind"], event["post_id"])
    frames = _verdict_frames.get(key)
    if frames is None:
        frames = _verdict_frames[key] = {}
        while len(_verdict_frames) > KEPT_BATCHES:
            _verdict_frames.popitem(last=False)
    if answer not in frames:
        frame = selectors.prepared_frame(
            prepared=prepared, seq=event["seq"], post_id=event["post_id"], answer=answer
        )
        if frame is None:
            return None
        frames[answer] = frame
    return frames[answer]


# --- catching up on events the channel layer never delivered -----------------
#
# The client finds a gap only when a later frame shows it. An event the layer drops
# (channels_redis keeps at most `capacity` messages per worker process and drops
# newer ones, and forgets messages older than `expiry`: a worker that fell that far
# behind on an overloaded machine; a group membership past `group_expiry`) with no
# event after it would leave the socket behind for good. So each worker process
# compares, every FORUM_CATCH_UP_SECONDS, the threads its sockets watch with the
# database: when an event committed two periods earlier never reached the process
# (no socket of it on the thread has begun to handle it: a worker that is only slow
# has) and a socket has not been sent it, that socket is told to resync
# (`{"type": "resync"}`), and its client resumes from its own last seq.
# docs/live.md, "An event the layer dropped".

#: How often a worker process compares its sockets with the threads' `last_seq`.
CATCH_UP_SECONDS = 5.0


def _catch_up_seconds() -> float:
    return float(getattr(settings, "FORUM_CATCH_UP_SECONDS", CATCH_UP_SECONDS))


def _last_seqs(thread_ids: list[int]) -> dict[int, int]:
    return selectors.last_seqs(thread_ids)


#: The highest seq of each thread that reached this event loop's sockets from the
#: layer (a socket began to handle it), per (loop, thread).
_heard: dict[tuple[asyncio.AbstractEventLoop, int], int] = {}


def _hear(loop: asyncio.AbstractEventLoop | None, thread_id: int, seq: int) -> None:
    if loop is not None and seq > _heard.get((loop, thread_id), 0):
        _heard[(loop, thread_id)] = seq


def _heard_of(loop: asyncio.AbstractEventLoop | None, thread_id: int) -> int:
    return _heard.get((loop, thread_id), 0) if loop is not None else 0


async def _catch_up() -> None:
    """One per event loop (worker process) while it has thread sockets."""
    loop = asyncio.get_running_loop()
    # The threads' last_seq as read at the last two checks, the older first.
    history: deque[dict[int, int]] = deque(maxlen=2)
    while True:
        await asyncio.sleep(_catch_up_seconds())
        with _batches_lock:
            watched = {
                thread_id: mine
                for thread_id, sockets in _thread_sockets.items()
                if (mine := [socket for socket in sockets if socket.loop is loop])
            }
        if not watched:
            for key in [key for key in _heard if key[0] is loop]:
                del _heard[key]
            return
        # Refresh this process's entries in the watcher registry (older ones are
        # ignored by the senders, so a process that died stops counting).
        entries: dict[int, list[str]] = {}
        for loop_of, thread_id, entry in list(_watching):
            if loop_of is loop:
                entries.setdefault(thread_id, []).append(entry)
        for thread_id, mine in entries.items():
            sockets = watched.get(thread_id)
            if sockets:
                await watch(sockets[0].channel_layer, thread_id, mine)
        for thread_id, sockets in watched.items():
            earlier = history[0].get(thread_id) if len(history) == 2 else None
            if earlier is None or _heard_of(loop, thread_id) >= earlier:
                continue  # nothing old enough, or the process got it (slow, not lost)
            behind = [socket for socket in sockets if socket.missed(earlier)]
            if behind:
                logger.warning(
                    "live: %d sockets on thread %d never got event %d; resync",
                    len(behind),
                    thread_id,
                    earlier,
                )
            for socket in behind:
                socket.catch_up(earlier)
        try:
            history.append(await run_live_check(_last_seqs, list(watched)))
        except DatabaseError:
            logger.warning("live: the catch-up check could not read the threads", exc_info=True)
            history.clear()


_catch_up_tasks: dict[asyncio.AbstractEventLoop, asyncio.Task[None]] = {}


def _start_catch_up() -> None:
    loop = asyncio.get_running_loop()
    task = _catch_up_tasks.get(loop)
    if task is None or task.done():
        task = _catch_up_tasks[loop] = loop.create_task(_catch_up(), name="forum-catch-up")
        task.add_done_callback(lambda done: _catch_up_tasks.pop(loop, None))


#: A connection's `typing` frames reach the others at most once per this many seconds.
TYPING_INTERVAL = 3.0


class ThreadConsumer(LiveConsumer):
    typing_interval: ClassVar[float] = TYPING_INTERVAL
    _typed_at: float | None = None
    #: The highest seq this socket's client has been sent (or said it had, in its
    #: `resume`); None before either. The catch-up check compares it with the thread.
    sent_seq: int | None = None
    _caught_up_for = 0
    loop: asyncio.AbstractEventLoop | None = None
    #: "<member id>|<session digest>": the key of this socket's verdict in an event
    #: (the sender's check); None when the socket is not in the watcher registry.
    watch_key: str | None = None
    _watch_entry: str | None = None

    @property
    def thread_id(self) -> int:
        return int(self.scope["url_route"]["kwargs"]["pk"])

    def check_permission(self, user: Any) -> bool:
        return selectors.can_read_thread_id(user=user, thread_id=self.thread_id)

    async def join_groups(self) -> None:
        await self.join(thread_group(self.thread_id))
        self.loop = asyncio.get_running_loop()
        _register(self)
        _start_catch_up()
        key = self.checked_session_key()
        if key is not None and self.user_id is not None and sender_check_enabled():
            digest = session_digest(key)
            self.watch_key = f"{self.user_id}|{digest}"
            self._watch_entry = watcher_entry(user_id=self.user_id, digest=digest)
            counted = (self.loop, self.thread_id, self._watch_entry)
            _watching[counted] = _watching.get(counted, 0) + 1
            if _watching[counted] == 1:
                await watch(self.channel_layer, self.thread_id, [self._watch_entry])

    def _sent(self, seq: int) -> None:
        if self.sent_seq is None or seq > self.sent_seq:
            self.sent_seq = seq

    def missed(self, seq: int) -> bool:
        """Has this socket still not been sent event `seq` (asked once per seq)?"""
        return (
            not self.closing
            and self.sent_seq is not None
            and self.sent_seq < seq
            and self._caught_up_for < seq
        )

    def catch_up(self, seq: int) -> None:
        self._caught_up_for = seq
        self.request_resync()

    async def disconnect(self, code: int) -> None:
        _unregister(self)
        entry, self._watch_entry = self._watch_entry, None
        if entry is not None and self.loop is not None:
            counted = (self.loop, self.thread_id, entry)
            left = _watching.get(counted, 0) - 1
            if left > 0:
                _watching[counted] = left
            else:
                _watching.pop(counted, None)
                await unwatch(self.channel_layer, self.thread_id, entry)
        await super().disconnect(code)

    def _frames_after(self, after: int) -> list[dict[str, Any]]:
        user = user_for_live_check(self.user_id) if self.user_id is not None else None
        if user is None:
            return []
        return selectors.frames_after(thread_id=self.thread_id, after=after, user=user)

    async def replay_after(self, after: int) -> None:
        frames = await database_sync_to_async(self._frames_after)(after)
        for frame in frames:
            await self.send_json(frame)
        # The client has everything up to `after` (so it says) and now the replay.
        self._sent(max([after, *(frame["seq"] for frame in frames)]))

    # --- live events: checked and rendered once per process, not once per socket ---

    async def forum_event(self, event: ThreadEventMessage) -> None:
        """A committed change in the thread. `dispatch` sends it here without the
        base's one-socket check: `_checked_frame` checks this member again, in a
        batch with the process's other sockets on the thread, unless the sender's
        check sent a verdict for it (applied here, without a query)."""
        decided = self._verdict(event)
        refusal, frame = decided if decided is not None else await self._checked_frame(event)
        if refusal is not None:
            await self.close_with(refusal)
            return
        if isinstance(frame, selectors.LiveFrame):
            await self.send(text_data=frame.text)  # encoded once for all its sockets
        elif frame is not None:
            await self.send_json(frame)
        if frame is not None:
            self._sent(event["seq"])

    def _verdict(
        self, event: ThreadEventMessage
    ) -> tuple[int | None, dict[str, Any] | None] | None:
        """This socket's answer from the sender's check, or None: no verdict for it
        (joined after the sender read the registry, a session allauth does not
        record, no registry), and its worker checks it."""
        verdicts = event.get("verdicts")
        if not verdicts or self.watch_key is None:
            return None
        answer = selectors.verdict_answer(verdicts.get(self.watch_key))
        if answer is None:
            return None
        if isinstance(answer, int):
            return answer, None
        frame = _verdict_frame(event, answer)
        return None if frame is None else (None, frame)

    async def _checked_frame(
        self, event: ThreadEventMessage
    ) -> tuple[int | None, dict[str, Any] | None]:
        """This socket's answer to a thread event: a close code, or its frame.

        Every socket of this process on the thread receives the same group message
        in the same moment (channels_redis hands one Redis message to all of them).
        The first to handle it opens a batch and asks the database thread for it;
        the others join until that thread takes the batch up (under load that is
        every socket of the process on the thread), and the database is asked once
        for all of them: each member is loaded fresh and checked again (the base's
        rules and may-see-the-thread), and the post is rendered once per way of
        seeing it. A socket that comes later opens a batch of its own: the same
        check, the same frame."""
        key = (self.thread_id, event["seq"], event["kind"], event["post_id"])
        for pause in LIVE_CHECK_PAUSES:
            if pause:
                # A check can fail for a moment (a database restarting; SQLite's shared
                # cache refusing a read while another transaction writes the thread):
                # wait a little before asking again, in a batch of our own.
                await asyncio.sleep(pause)
            with _batches_lock:
                batch = _batches.get(key)
                if batch is not None and not batch.closed:
                    batch.consumers.append(self)
                elif batch is None or self not in batch.members:
                    batch = _batches[key] = _EventBatch(event=event, consumers=[self])
                    while len(_batches) > KEPT_BATCHES:
                        _batches.popitem(last=False)
                    task = asyncio.ensure_future(_answer_batch(batch))
                    _batch_tasks.add(task)
                    task.add_done_callback(_batch_tasks.discard)
            await batch.done.wait()
            if self in batch.answers:
                return batch.answers[self]
            # The check failed: again after the next pause, in a batch of our own.
            with _batches_lock:
                if _batches.get(key) is batch:
                    del _batches[key]
        raise RuntimeError("the live check of this event failed")

    async def dispatch(self, message: dict[str, Any]) -> None:
        kind = message.get("type")
        if kind == THREAD_EVENT:
            _hear(self.loop, self.thread_id, int(message.get("seq", 0)))
            if not self.closing:
                await self.forum_event(message)  # type: ignore[arg-type]
            return
        # The typist's own sockets skip their typing event before any check.
        if kind == TYPING_EVENT and message.get("user_id") == self.user_id:
            return
        await super().dispatch(message)

    # --- typing: not stored, not replayed, never back to the typist -------------

    async def handle_typing(self, content: dict[str, Any]) -> None:
        now = time.monotonic()
        if self._typed_at is not None and now - self._typed_at < self.typing_interval:
            return  # throttled: the others already know
        self._typed_at = now
        await database_sync_to_async(self._signal_typing)()

    def _signal_typing(self) -> None:
        user = user_for_live_check(self.user_id) if self.user_id is not None else None
        if user is not None:
            services.signal_typing(user=user, thread_id=self.thread_id)

    async def forum_typing(self, event: TypingMessage) -> None:
        """Someone else is writing; the base checked access just now."""
        await self.send_json({"type": "typing", "name": event["name"]})
