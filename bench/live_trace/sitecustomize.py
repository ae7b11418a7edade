"""Stage stamps of the forum's live fan-out, for `bench/bench_forum_live.py --trace`.

Python imports this `sitecustomize` at start-up when `bench/live_trace` is on
`PYTHONPATH` (the bench puts it there for its uvicorn servers and installs it in
its own process). It does nothing unless `LWP_LIVE_TRACE` names a directory: then,
after `django.setup()`, it wraps the functions an event passes through and appends
one line per stage to `<dir>/<pid>.txt` (`pid stage seq unix-time`):

- posting process: the on-commit hooks (`hooks_start/end`), `send_now` (its start is
  the commit, give or take the hooks before it), `group_send` on the sender loop,
  the message's serialisation (with its size), the notification e-mail;
- worker: the group message read from Redis (`recv_<type>`), each socket's
  `forum_event` (start, end: its frame sent), the batch task (`ab_start/end`) and
  the check in the live checks' thread (`decide_start/end`), each `resync` sent.

`bench/live_trace/analyze.py <dir>` turns them into per-stage medians.

`LWP_LIVE_TRACE_STUB` (comma-separated; with or without the stamps), for bounding
what a stage costs, never for a figure of the forum itself:

- `nocheck`: the worker's check asks the database once per socket set and then
  reuses those members for every later event (breaks the per-event re-check on
  purpose: what a free check would give);
- `inline`: with `nocheck`, the batch's decision runs on the event loop, without
  the hop to the live checks' thread and back;
- `quiet`: the posting process notifies nobody (no bell event, no e-mail after the
  commit), so only the forum's own send runs in its on-commit hooks."""

from __future__ import annotations

import contextlib
import os
import threading
import time

_DIR = os.environ.get("LWP_LIVE_TRACE")
_STUBS = {s for s in os.environ.get("LWP_LIVE_TRACE_STUB", "").split(",") if s}
_lock = threading.Lock()
_file = None


def _log(stage: str, seq: object = "") -> None:
    global _file
    now = time.time()
    with _lock:
        if _file is None:
            _file = open(os.path.join(_DIR, f"{os.getpid()}.txt"), "a", buffering=1)  # noqa: SIM115
        _file.write(f"{os.getpid()} {stage} {seq if seq != '' else '-'} {now:.6f}\n")


def _wrap_async(owner, name, before, after):
    original = getattr(owner, name)

    async def wrapper(*args, **kwargs):
        before(*args)
        result = await original(*args, **kwargs)
        after(result, *args)
        return result

    setattr(owner, name, wrapper)


def _trace() -> None:
    import channels_redis.core as redis_core
    from django.db.backends.base.base import BaseDatabaseWrapper

    import forum.consumers as forum_consumers
    import members.broadcast as members_broadcast
    import members.live as members_live
    import notifications.services as notification_services

    layer = redis_core.RedisChannelLayer
    receive_single = layer.receive_single

    async def traced_receive_single(self, channel):
        got, message = await receive_single(self, channel)
        _log(f"recv_{message.get('type')}", message.get("seq", ""))
        return got, message

    layer.receive_single = traced_receive_single
    _wrap_async(
        layer,
        "group_send",
        lambda self, group, message: _log(
            f"gs_start_{message.get('type')}", message.get("seq", "")
        ),
        lambda result, self, group, message: _log(
            f"gs_end_{message.get('type')}", message.get("seq", "")
        ),
    )
    serialize = layer.serialize

    def traced_serialize(self, message):
        data = serialize(self, message)
        _log(f"ser_bytes_{len(data)}", message.get("seq", ""))
        return data

    layer.serialize = traced_serialize

    hooks = BaseDatabaseWrapper.run_and_clear_commit_hooks

    def traced_hooks(self):
        _log("hooks_start")
        try:
            return hooks(self)
        finally:
            _log("hooks_end")

    BaseDatabaseWrapper.run_and_clear_commit_hooks = traced_hooks

    send_now = members_broadcast.send_now

    def traced_send_now(group, event):
        _log(f"send_now_start_{event.get('type')}", event.get("seq", ""))
        try:
            return send_now(group, event)
        finally:
            _log(f"send_now_end_{event.get('type')}", event.get("seq", ""))

    members_broadcast.send_now = traced_send_now
    send_mail = notification_services.send_mail

    def traced_send_mail(*args, **kwargs):
        _log("mail_start")
        try:
            return send_mail(*args, **kwargs)
        finally:
            _log("mail_end")

    notification_services.send_mail = traced_send_mail

    _wrap_async(
        members_live.LiveConsumer,
        "live_resync",
        lambda self, event: None,
        lambda result, self, event: _log("resync_sent"),
    )
    _wrap_async(
        forum_consumers.ThreadConsumer,
        "forum_event",
        lambda self, event: _log("fe_start", event.get("seq")),
        lambda result, self, event: _log("fe_end", event.get("seq")),
    )
    _wrap_async(
        forum_consumers,
        "_answer_batch",
        lambda batch: _log("ab_start", batch.event.get("seq")),
        lambda result, batch: _log("ab_end", batch.event.get("seq")),
    )
    decide = forum_consumers._decide

    def _decide(batch):  # the name `_decide` is what the `inline` stub looks for
        _log("decide_start", batch.event.get("seq"))
        try:
            return decide(batch)
        finally:
            _log("decide_end", batch.event.get("seq"))

    forum_consumers._decide = _decide


def _stub() -> None:
    from django.core.exceptions import SynchronousOnlyOperation

    import forum.consumers as forum_consumers
    import forum.services as forum_services

    if "quiet" in _STUBS:
        forum_services._notify_followers = lambda post, skip: None
        forum_services._notify_mentions = lambda post: set()
    if not _STUBS & {"nocheck", "inline"}:
        return
    as_of: dict[str, object] = {}
    loaded: dict[tuple, dict] = {}
    decide = forum_consumers._decide

    def _decide(batch):
        as_of["value"] = (batch.event.get("prepared") or {}).get("as_of")
        return decide(batch)

    forum_consumers._decide = _decide
    users_for_live_check = forum_consumers.users_for_live_check

    def reused_members(wanted, annotations=None):
        key = tuple(sorted(wanted, key=str))
        if key not in loaded:
            loaded[key] = users_for_live_check(wanted, annotations=annotations)
        for user in loaded[key].values():
            if user is not None:  # as if the thread's last_seq had been read now
                user._forum_thread_last_seq = as_of.get("value")
        return loaded[key]

    forum_consumers.users_for_live_check = reused_members
    if "inline" in _STUBS:
        run_live_check = forum_consumers.run_live_check

        async def inline(func, *args, **kwargs):
            if getattr(func, "__name__", "") == "_decide":
                with contextlib.suppress(SynchronousOnlyOperation):
                    # No query once the members are loaded; the first one queries
                    # (refused on the loop): that one goes to the thread.
                    return func(*args, **kwargs)
            return await run_live_check(func, *args, **kwargs)

        forum_consumers.run_live_check = inline


def install() -> None:
    """Wrap `django.setup` so that the tracing starts right after it."""
    import django

    setup = django.setup
    if getattr(setup, "_live_trace", False):
        return

    done: list[bool] = []

    def traced_setup(*args, **kwargs):
        setup(*args, **kwargs)
        if not done:  # once, however often django.setup is called
            done.append(True)
            if _DIR:
                _trace()
            _stub()

    traced_setup._live_trace = True
    django.setup = traced_setup


if _DIR or _STUBS:
    install()
