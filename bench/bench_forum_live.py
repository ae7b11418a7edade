"""Forum live fan-out: from a reply's commit to the last of N open thread sockets,
next to a bare `group_send` to the same sockets, measured in turns in the same run.

    .venv/bin/python bench/bench_forum_live.py               # 10, 100, 500 sockets
    .venv/bin/python bench/bench_forum_live.py --sizes 10,100 --rounds 5
    .venv/bin/python bench/bench_forum_live.py --repeat 3     # a loaded machine: medians

Two uvicorn worker processes share this script's own redis-server (a free port)
and a throw-away SQLite database; the sockets are spread over both.

- **forum**: a reply is posted through the forum's service in this process
  (privacy check and all, as the reply view does); the clock starts when its
  transaction has committed (the first on-commit hook, which runs before the
  forum's broadcast) and stops when the last socket has its `post` frame: this
  process drew the post inside the transaction (once for readers, once for
  moderators; since 2026-11-27, before that right after the commit) and sends the
  drawings with the event (through its lasting sender loop), each server process
  checks its members' access again and makes each socket's frame from them.
- **bare**: the script itself sends `live.resync` to the thread's group with
  `group_send` (the one group event a consumer forwards without touching the
  database); the clock runs from just before the `group_send` to the last socket's
  `resync` frame.

And from the start of the posting call (before its transaction), so that work moved
from after the commit into the transaction is not hidden:

- **forum from the call**: the same forum reply, from the start of the
  `post_reply` call to the last socket's `post` frame;
- **plain post + bare**: the same posting work (a reply by the same author through
  the same service, in a thread nobody watches, with the forum's live event left
  out: `forum.broadcast.publish_event` does nothing for it), then the bare
  `group_send` to the watched sockets; from the start of the posting call to the
  last socket's `resync` frame.
- **call**: how long the posting call itself took (its transaction and on-commit
  hooks included), the plain reply against the forum one.

`--trace DIR` stamps every stage of each event in every process (bench/live_trace;
`bench/live_trace/analyze.py DIR` gives the medians); `--stub` bounds what a stage
costs by breaking a rule on purpose (never for the forum's own figures).

Prints a Markdown section for docs/performance.md (bench/run.py)."""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import shutil
import signal
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from websockets.asyncio.client import connect  # noqa: E402

from tests.live_client import post_reply  # noqa: E402
from tests.live_servers import AsgiProcess, OwnRedis, server_env  # noqa: E402
from tests.load.forum_soak import SETTINGS, prepare, recreate_database  # noqa: E402


def log(message: str) -> None:
    print(f"[bench forum] {time.strftime('%H:%M:%S')} {message}", file=sys.stderr, flush=True)


class Socket:
    def __init__(self) -> None:
        self.resyncs: list[float] = []
        self.posts: dict[int, float] = {}
        self.ready = asyncio.Event()

    async def run(self, url: str, origin: str, cookie: str, stop: asyncio.Event) -> None:
        async with connect(
            url, origin=origin, additional_headers={"Cookie": cookie}, open_timeout=120,
            ping_interval=None, max_queue=None,
        ) as socket:  # fmt: skip
            self.ready.set()
            reader = asyncio.ensure_future(self._read(socket))
            await stop.wait()
            reader.cancel()

    async def _read(self, socket) -> None:
        async for message in socket:
            now = time.time()
            frame = json.loads(message)
            if frame.get("type") == "resync":
                self.resyncs.append(now)
            elif frame.get("type") == "post":
                self.posts[frame["seq"]] = now


def post_and_stamp(thread_id: int, author, *, live: bool = True) -> tuple[int, float, float, float]:
    """Post a reply in this process: (its seq, the moment the call started, the
    moment its transaction committed, the moment the call returned). `live=False`:
    the same work without the forum's live event (`publish_event` does nothing)."""
    import contextlib
    from unittest import mock

    from django.db import transaction

    from forum import broadcast, services
    from forum.models import Thread

    stamp: list[float] = []
    thread = Thread.objects.get(pk=thread_id)
    quiet = (
        contextlib.nullcontext()
        if live
        else mock.patch.object(broadcast, "publish_event", lambda **kwargs: None)
    )
    with quiet:
        started = time.time()
        with transaction.atomic():
            transaction.on_commit(lambda: stamp.append(time.time()))
            post = services.post_reply(thread=thread, author=author, text="Een meting.")
        returned = time.time()
    return post.seq, started, stamp[0], returned


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


async def wait_until(predicate, timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            raise TimeoutError("not every socket received the frame")
        await asyncio.sleep(0.002)


async def measure(
    size: int,
    *,
    setup,
    servers,
    thread_id: int,
    quiet_thread_id: int,
    rounds: int,
    modes: list[str],
) -> list[dict]:
    from channels.layers import get_channel_layer

    from forum.broadcast import thread_group
    from tests.members import factories as member_factories

    layer = get_channel_layer()
    author = await asyncio.to_thread(member_factories.member)
    stop = asyncio.Event()
    sockets = [Socket() for _ in range(size)]
    tasks = []
    for i, socket in enumerate(sockets):
        server = servers[i % len(servers)]
        url = f"{server.ws_url}/ws/forum/threads/{thread_id}/"
        tasks.append(
            asyncio.create_task(
                socket.run(url, server.url, setup.readers[i % len(setup.readers)], stop)
            )
        )
    await asyncio.wait_for(asyncio.gather(*(s.ready.wait() for s in sockets)), 300)
    # Warm this process's posting path (templates, translations) in the thread
    # nobody watches, with and without the live event.
    for live in (True, False):
        await asyncio.to_thread(
            lambda live=live: post_and_stamp(quiet_thread_id, author, live=live)
        )
    await asyncio.sleep(1)
    from django.conf import settings

    bare, plain_bare, plain_took = [], [], []
    forum = {mode: [] for mode in modes}
    forum_call = {mode: [] for mode in modes}
    forum_took = {mode: [] for mode in modes}
    for round_ in range(rounds):
        # bare group_send. Counted from each socket's resyncs so far: a loaded machine
        # sends an unasked `resync` now and then (a layer read that timed out), which
        # must not pass for this round's (it once gave a negative time).
        seen = [len(s.resyncs) for s in sockets]
        t0 = time.time()
        await layer.group_send(thread_group(thread_id), {"type": "live.resync"})
        pairs = list(zip(sockets, seen, strict=True))
        await wait_until(lambda pairs=pairs: all(len(s.resyncs) > k for s, k in pairs))
        bare.append(max(s.resyncs[k] for s, k in pairs) - t0)
        # the forum's own path: a reply through the forum's service (privacy check
        # and all), the clock started by the first on-commit hook, which runs right
        # after the commit and before the forum's broadcast (hooks run in order).
        # With both modes, each round posts once with the sender's check and once
        # without (the workers check every socket), in turns which goes first.
        order = modes if round_ % 2 == 0 else list(reversed(modes))
        for mode in order:
            settings.FORUM_LIVE_SENDER_CHECK = mode == "on"
            seq, started, committed, returned = await asyncio.to_thread(
                post_and_stamp, thread_id, author
            )
            await wait_until(lambda seq=seq: all(seq in s.posts for s in sockets))
            last = max(s.posts[seq] for s in sockets)
            forum[mode].append(last - committed)
            forum_call[mode].append(last - started)
            forum_took[mode].append(returned - started)
        # the same posting work without the live event (in a thread nobody
        # watches), then the bare group_send: from the start of the posting call.
        _seq, started, _committed, returned = await asyncio.to_thread(
            lambda: post_and_stamp(quiet_thread_id, author, live=False)
        )
        seen = [len(s.resyncs) for s in sockets]
        await layer.group_send(thread_group(thread_id), {"type": "live.resync"})
        pairs = list(zip(sockets, seen, strict=True))
        await wait_until(lambda pairs=pairs: all(len(s.resyncs) > k for s, k in pairs))
        plain_bare.append(max(s.resyncs[k] for s, k in pairs) - started)
        plain_took.append(returned - started)
    stop.set()
    await asyncio.gather(*tasks, return_exceptions=True)
    results = []
    for mode in modes:
        result: dict = {"size": size, "check": mode}
        for name, values in (
            ("bare", bare),
            ("forum", forum[mode]),
            ("call_forum", forum_call[mode]),
            ("call_plain_bare", plain_bare),
            ("took_forum", forum_took[mode]),
            ("took_plain", plain_took),
        ):
            result[f"{name}_p50"] = statistics.median(values) * 1000
            result[f"{name}_p99"] = percentile(values, 99) * 1000
        results.append(result)
    return results


def _raise_on_sigterm(signum, frame) -> None:
    # SystemExit unwinds through `finally`: the servers and Redis are stopped.
    raise SystemExit(128 + signum)


def main() -> int:
    signal.signal(signal.SIGTERM, _raise_on_sigterm)
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10,100,500")
    parser.add_argument("--rounds", type=int, default=10)
    parser.add_argument(
        "--repeat",
        type=int,
        default=1,
        help="measure every size this many times on the same servers (a loaded machine: "
        "report the medians); one migration for all",
    )
    parser.add_argument(
        "--keep-db",
        type=Path,
        help="start from this SQLite file when it exists (no migration: members and "
        "threads are added to it) and leave the run's database there afterwards",
    )
    parser.add_argument(
        "--redis-port",
        type=int,
        help="the port of the script's own redis-server (default: a free one)",
    )
    parser.add_argument(
        "--database-url",
        help="a PostgreSQL database to run on instead of a throw-away SQLite file, e.g. "
        "postgres://postgres@127.0.0.1:5432/lwp_bench_forum (dropped and created again)",
    )
    parser.add_argument(
        "--trace",
        type=Path,
        help="stamp every stage of each event into this directory (bench/live_trace; "
        "read them with bench/live_trace/analyze.py): costs a little time per stage",
    )
    parser.add_argument(
        "--stub",
        default="",
        help="stubs that bound what a stage costs (comma-separated: nocheck, inline, quiet; "
        "bench/live_trace/sitecustomize.py): they break the forum's rules on purpose, so "
        "never for the forum's own figures",
    )
    parser.add_argument(
        "--sender-check",
        choices=["on", "off", "both"],
        default="both",
        help="the forum's sender check (FORUM_LIVE_SENDER_CHECK) for the forum rounds: "
        "on, off, or both in turns in every round (default); the workers keep the "
        "watcher registry either way, the posting process decides",
    )
    args = parser.parse_args()
    modes = ["off", "on"] if args.sender_check == "both" else [args.sender_check]
    if args.database_url and args.keep_db:
        parser.error("--keep-db is for the SQLite database only")
    sizes = [int(s) for s in args.sizes.split(",")]
    workdir = Path(tempfile.mkdtemp(prefix="lwp-forum-bench-"))
    redis = OwnRedis(args.redis_port)
    redis.start()
    servers: list[AsgiProcess] = []
    try:
        if args.database_url:
            recreate_database(args.database_url)
        env = server_env(
            database_url=args.database_url or f"sqlite:///{workdir / 'forum.sqlite3'}",
            redis_url=redis.url,
            settings=SETTINGS,
            FORUM_LIVE_SENDER_CHECK="false" if modes == ["off"] else "true",
        )
        if args.trace or args.stub:
            trace = {"LWP_LIVE_TRACE_STUB": args.stub}
            if args.trace:
                args.trace.mkdir(parents=True, exist_ok=True)
                trace["LWP_LIVE_TRACE"] = str(args.trace.resolve())
            os.environ.update(trace)
            env.update(trace, PYTHONPATH=f"{ROOT / 'bench' / 'live_trace'}{os.pathsep}{ROOT}")
            import importlib

            importlib.import_module("bench.live_trace.sitecustomize").install()
        reuse = args.keep_db is not None and args.keep_db.exists()
        if reuse:
            shutil.copyfile(args.keep_db, workdir / "forum.sqlite3")
        log("creating members" if reuse else "migrating and creating members")
        # One thread per size, and one nobody watches for the plain posts.
        setup = prepare(env, threads=len(sizes) + 1, readers=50, authors=2, migrate=not reuse)
        servers = [AsgiProcess(env, log=workdir / f"server{i}.log") for i in (1, 2)]
        for server in servers:
            server.start()
        for server in servers:
            post_reply(server.url, setup.threads[0], setup.authors[1], "Opwarmen.", timeout=300)
        # The forum rounds post from this process: load its privacy engine first.
        from privacy import scan_text

        scan_text("Opwarmen.")
        results = []
        for run in range(1, args.repeat + 1):
            for size, thread_id in zip(sizes, setup.threads, strict=False):
                log(f"run {run}: {size} sockets")
                load_before = os.getloadavg()[0]
                measured = asyncio.run(
                    measure(size, setup=setup, servers=servers, thread_id=thread_id,
                            quiet_thread_id=setup.threads[-1], rounds=args.rounds,
                            modes=modes)
                )  # fmt: skip
                for result in measured:
                    result["run"] = run
                    result["load"] = os.getloadavg()[0]
                    result["load_before"] = load_before
                    results.append(result)
                    log(str(result))
    finally:
        for server in servers:
            server.stop()
        redis.stop()
        if args.keep_db is not None and (workdir / "forum.sqlite3").exists():
            shutil.copyfile(workdir / "forum.sqlite3", args.keep_db)
    print("# Forum live fan-out\n")
    database = "PostgreSQL" if args.database_url else "SQLite"
    repeat = f" --repeat {args.repeat}" if args.repeat > 1 else ""
    if args.database_url:
        repeat += f" --database-url {args.database_url}"
    print(
        f"`python bench/bench_forum_live.py --sizes {args.sizes} --rounds {args.rounds}{repeat}`: "
        f"2 uvicorn workers, the script's own Redis, {database}; sockets spread over both "
        "workers. **forum**: from the reply's commit to the last socket's `post` frame "
        "(each worker re-checking its members' access). "
        "**bare**: a `group_send` of `live.resync` (no database) to the same sockets. "
        "**from the call**: from the start of the posting call (before its transaction) "
        "to the last socket: the same posting work without the live event followed by "
        "the bare `group_send`, against the forum reply. **call**: the posting call's "
        "own time, plain reply against the forum one. **sender check** on: the posting "
        "transaction decided the sockets it found in the watcher registry and their "
        "workers only apply its verdicts; off: each worker checks all its sockets "
        '(docs/live.md, "The sender\'s check").\n'
    )
    if args.stub:
        print(f"**Stubs on: {args.stub}** (rules broken on purpose: not the forum's figures).\n")
    if args.repeat > 1:
        print("Each run, with the 1-minute load average before / after it:\n")
        print("| run | load " + HEADER)
        print("| ---: | ---: " + "| ---: " * COLUMNS + "|")
        for r in results:
            print(f"| {r['run']} | {r['load_before']:.1f} / {r['load']:.1f} " + _row(r))
        print(f"\nMedians over the {args.repeat} runs:\n")
        results = [
            {
                "check": mode,
                **{
                    key: statistics.median(
                        r[key] for r in results if r["size"] == size and r["check"] == mode
                    )
                    for key in results[0]
                    if key not in ("run", "load", "load_before", "check")
                },
            }
            for size in sizes
            for mode in modes
        ]
    print(HEADER)
    print("| ---: " * COLUMNS + "|")
    for r in results:
        print(_row(r))
    if args.repeat == 1:
        loads = ", ".join(
            f"{r['size']}: {r['load_before']:.2f} / {r['load']:.2f}"
            for r in results
            if r["check"] == modes[0]
        )
        print(f"\n1-minute load average before / after each size: {loads}.")
    return 0


HEADER = (
    "| sockets | sender check | bare p50 ms | bare p99 ms | forum p50 ms | forum p99 ms "
    "| forum / bare (p50) "
    "| from the call: plain post + bare p50 / p99 ms | from the call: forum p50 / p99 ms "
    "| from the call: forum / (plain + bare) (p50) | call p50 ms: plain / forum |"
)
COLUMNS = 11


def _ratio(a: float, b: float) -> str:
    return f"{a / b:.2f}x" if b else "nan"


def _row(r: dict) -> str:
    return (
        f"| {int(r['size'])} | {r['check']} | {r['bare_p50']:.1f} | {r['bare_p99']:.1f} "
        f"| {r['forum_p50']:.1f} "
        f"| {r['forum_p99']:.1f} | {_ratio(r['forum_p50'], r['bare_p50'])} "
        f"| {r['call_plain_bare_p50']:.1f} / {r['call_plain_bare_p99']:.1f} "
        f"| {r['call_forum_p50']:.1f} / {r['call_forum_p99']:.1f} "
        f"| {_ratio(r['call_forum_p50'], r['call_plain_bare_p50'])} "
        f"| {r['took_plain_p50']:.1f} / {r['took_forum_p50']:.1f} |"
    )


if __name__ == "__main__":
    os.environ.setdefault("PYTHONUNBUFFERED", "1")
    sys.exit(main())
