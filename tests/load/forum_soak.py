"""Forum live load: a soak of many thread sockets over two ASGI worker processes that
share Redis and PostgreSQL, with replies posted over HTTP at a steady rate; every
client must end with every event of its thread exactly once (`make load`).

    .venv/bin/python tests/load/forum_soak.py                  # 2 x 60 s, 200 clients
    .venv/bin/python tests/load/forum_soak.py --duration 20 --clients 40   # quicker

Phase 1 is a plain soak. Phase 2 restarts Redis halfway (this script's own
redis-server, port 6390 by default, without persistence: every group membership
is lost): the servers notice, join their groups again and send `resync`; the
clients resume and must still end with 0 lost and 0 duplicated.

The optional phase `worker-pause` (`--phases soak,redis-restart,worker-pause`)
stands in for a worker that falls far behind on an overloaded machine: it stops
server 1 (SIGSTOP) for the last `--pause` seconds of the posting, replies go to
server 2 meanwhile, and server 1 continues when the posting ends. Redis keeps at
most the channel layer's `capacity` messages for a process and drops the rest, so
server 1's clients miss the last events of their thread unless the server notices.

Not a test file (pytest collects `test_*.py` only), so `make test` never runs it.
It uses its own database (LOAD_DATABASE_URL, default
postgres://postgres@127.0.0.1:5432/lwp_forum_load, dropped and created again) and
never the machine's shared Redis."""

from __future__ import annotations

import argparse
import asyncio
import os
import signal
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from tests.live_client import ThreadClient, post_reply  # noqa: E402
from tests.live_servers import AsgiProcess, OwnRedis, server_env  # noqa: E402

SETTINGS = "leerwerkplaats.settings.test"
DEFAULT_DATABASE = "postgres://postgres@127.0.0.1:5432/lwp_forum_load"


def recreate_database(url: str) -> None:
    import psycopg

    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    admin = parts._replace(path="/postgres").geturl()
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')


def log(message: str) -> None:
    print(f"[load] {time.strftime('%H:%M:%S')} {message}", file=sys.stderr, flush=True)


@dataclass
class Setup:
    threads: list[int]
    authors: list[str]  # session cookies
    readers: list[str]


def prepare(
    env: dict[str, str], *, threads: int, readers: int, authors: int, migrate: bool = True
) -> Setup:
    """Migrate and create the members, threads and sessions (in this process)."""
    if migrate:
        subprocess.run(
            [sys.executable, "manage.py", "migrate", "--noinput", "-v", "0"],
            cwd=ROOT,
            env=env,
            check=True,
        )
    os.environ.update({k: env[k] for k in ("DATABASE_URL", "REDIS_URL")})
    os.environ["DJANGO_SETTINGS_MODULE"] = SETTINGS
    import django

    django.setup()
    from django.conf import settings
    from django.test import Client
    from django.urls import reverse

    from tests.forum import factories
    from tests.members import factories as member_factories

    def cookie(user) -> str:
        """Log in as the site does: allauth's login form (Django's `login()` and
        allauth's `user_logged_in`, so the session has its `UserSession` row, which
        the sender's check finds sessions by). Each login from an address of its
        own: the form allows 30 logins a minute per address."""
        logins[0] += 1
        n = logins[0]
        client = Client(REMOTE_ADDR=f"10.{n // 62500 % 250}.{n // 250 % 250}.{n % 250 + 1}")
        answer = client.post(
            reverse("account_login"), {"login": user.email, "password": member_factories.PASSWORD}
        )
        name = settings.SESSION_COOKIE_NAME
        if answer.status_code != 302 or name not in client.cookies:
            raise RuntimeError(f"logging in member {user.pk} failed ({answer.status_code})")
        return f"{name}={client.cookies[name].value}"

    logins = [0]
    if not migrate:  # members of an earlier run exist: continue their numbering
        from django.contrib.auth import get_user_model

        member_factories.UserFactory.reset_sequence(
            (get_user_model().objects.order_by("-pk").values_list("pk", flat=True).first() or 0) + 1
        )
    writers = [member_factories.member() for _ in range(authors)]
    thread_ids = []
    for i in range(threads):
        thread = factories.thread(author=writers[i % authors], title=f"Duurtest gesprek {i + 1}")
        factories.post(thread=thread, text="Het begin van het gesprek.")
        thread_ids.append(thread.pk)
    reader_cookies = [cookie(member_factories.member()) for _ in range(readers)]
    return Setup(thread_ids, [cookie(w) for w in writers], reader_cookies)


def last_seqs(thread_ids: list[int]) -> dict[int, int]:
    from forum.models import Thread

    return dict(Thread.objects.filter(pk__in=thread_ids).values_list("pk", "last_seq"))


async def phase(
    name: str,
    *,
    setup: Setup,
    servers: list[AsgiProcess],
    redis: OwnRedis,
    duration: float,
    rate: float,
    restart_redis: bool,
    drain: float,
    pause: float = 0.0,
) -> dict:
    start_seqs = await asyncio.to_thread(last_seqs, setup.threads)
    clients = []
    for i, cookie in enumerate(setup.readers):
        server = servers[i % len(servers)]
        thread_id = setup.threads[i % len(setup.threads)]
        clients.append(
            ThreadClient(
                ws_url=server.ws_url,
                origin=server.url,
                thread_id=thread_id,
                cookie=cookie,
                last_seq=start_seqs[thread_id],
            )
        )
    runners = [asyncio.create_task(c.run()) for c in clients]
    await asyncio.wait_for(asyncio.gather(*(c.connected.wait() for c in clients)), 300)
    log(f"{name}: {len(clients)} clients connected; posting {rate}/s for {duration:.0f} s")

    posted: list[tuple[int, int]] = []  # (thread, seq)
    failures: list[str] = []
    post_seconds: list[float] = []
    loop = asyncio.get_running_loop()
    started = loop.time()
    restart_at = started + duration / 2 if restart_redis else None
    restarted_in = None
    pause_at = started + max(0.0, duration - pause) if pause else None
    paused = False
    pending: set[asyncio.Task] = set()
    gate = asyncio.Semaphore(8)

    async def one_post(n: int) -> None:
        thread_id = setup.threads[n % len(setup.threads)]
        server = servers[-1] if paused else servers[n % len(servers)]
        author = setup.authors[n % len(setup.authors)]
        async with gate:
            t0 = loop.time()
            try:
                answer = await asyncio.to_thread(
                    post_reply, server.url, thread_id, author, "Een bericht in de duurtest."
                )
            except Exception as error:  # noqa: BLE001 - counted and reported
                # An HTTP error with its status ("HTTPError 500"): which of the site's
                # answers failed matters more than that one did.
                status = getattr(error, "code", None)
                failures.append(type(error).__name__ + (f" {status}" if status else ""))
                return
            post_seconds.append(loop.time() - t0)
        if answer.get("ok"):
            posted.append((thread_id, answer["seq"]))
        else:
            failures.append("refused")

    n = 0
    while loop.time() - started < duration:
        target = started + n / rate
        if target > loop.time():
            await asyncio.sleep(target - loop.time())
        task = asyncio.create_task(one_post(n))
        pending.add(task)
        task.add_done_callback(pending.discard)
        n += 1
        if restart_at is not None and loop.time() >= restart_at:
            restart_at = None
            log(f"{name}: restarting Redis (port {redis.port})")
            t0 = loop.time()
            await asyncio.to_thread(redis.restart)
            restarted_in = loop.time() - t0
        if pause_at is not None and loop.time() >= pause_at:
            pause_at = None
            paused = True
            log(f"{name}: stopping server 1 (SIGSTOP) for {pause:.0f} s")
            servers[0].process.send_signal(signal.SIGSTOP)
    if paused:
        servers[0].process.send_signal(signal.SIGCONT)
        log(f"{name}: server 1 continues")
    if pending:
        await asyncio.wait(pending, timeout=120)
    final = await asyncio.to_thread(last_seqs, setup.threads)
    log(f"{name}: {len(posted)} posts, {len(failures)} failed; draining")
    deadline = loop.time() + drain
    while loop.time() < deadline and any(c.last_seq < final[c.thread_id] for c in clients):
        await asyncio.sleep(0.2)
    drained_in = drain - max(0.0, deadline - loop.time())
    for client in clients:
        await client.stop()
    await asyncio.wait(runners, timeout=30)

    lost = dup = behind = 0
    per_client = []
    for client in clients:
        expected = range(start_seqs[client.thread_id] + 1, final[client.thread_id] + 1)
        client_lost, client_dup = client.counts(expected)
        lost += client_lost
        dup += client_dup
        per_client.append(len(client.applied))
        if client_lost:
            behind += 1
            if behind <= 5:
                log(
                    f"{name}: behind: thread {client.thread_id} at {client.last_seq} of "
                    f"{final[client.thread_id]}, {len(client.applied)} applied, closes "
                    f"{client.closes}, resumes {client.resumes}, waiting "
                    f"{sorted(client._waiting)[:5]}"
                )
    return {
        "phase": name,
        "clients": len(clients),
        "posts": len(posted),
        "failed_posts": len(failures),
        "failures": sorted(set(failures)),
        "events_per_client": (min(per_client), max(per_client)),
        "lost": lost,
        "clients_behind": behind,
        "duplicated": dup,
        "wire_duplicates": sum(c.wire_duplicates for c in clients),
        "clients_resynced": sum(1 for c in clients if c.resyncs),
        "clients_reconnected": sum(1 for c in clients if c.reconnects),
        "post_p50_ms": 1000 * statistics.median(post_seconds) if post_seconds else 0,
        "post_p99_ms": 1000 * statistics.quantiles(post_seconds, n=100)[98]
        if len(post_seconds) > 2
        else 0,
        "redis_restart_s": restarted_in,
        "drained_in_s": drained_in,
    }


def markdown(results: list[dict], command: str) -> str:
    lines = [
        "## Forum live load",
        "",
        f"`{command}` (`make load`; tests/load/forum_soak.py): clients spread over 2 uvicorn",
        "worker processes sharing the script's own Redis and a PostgreSQL database; replies",
        "posted over HTTP (privacy check included) at a steady rate, round-robin over the",
        "threads and both servers; each client applies frames as `forum.js` does.",
        "",
        "| phase | clients | posts (failed) | events per client | lost | duplicated "
        "| wire duplicates dropped | clients resynced | reconnected | post p50 / p99 ms |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for r in results:
        low, high = r["events_per_client"]
        lines.append(
            f"| {r['phase']} | {r['clients']} | {r['posts']} ({r['failed_posts']}) "
            f"| {low}-{high} | {r['lost']} | {r['duplicated']} | {r['wire_duplicates']} "
            f"| {r['clients_resynced']} | {r['clients_reconnected']} "
            f"| {r['post_p50_ms']:.0f} / {r['post_p99_ms']:.0f} |"
        )
    return "\n".join(lines) + "\n"


def _raise_on_sigterm(signum, frame) -> None:
    # SystemExit unwinds through `finally`: the servers and Redis are stopped.
    raise SystemExit(128 + signum)


def main() -> int:
    signal.signal(signal.SIGTERM, _raise_on_sigterm)
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--duration", type=float, default=60)
    parser.add_argument("--clients", type=int, default=200)
    parser.add_argument("--threads", type=int, default=4)
    parser.add_argument("--authors", type=int, default=20)
    parser.add_argument("--rate", type=float, default=5.0, help="posts per second, in all")
    parser.add_argument("--redis-port", type=int, default=6390)
    parser.add_argument("--drain", type=float, default=120)
    parser.add_argument("--phases", default="soak,redis-restart")
    parser.add_argument(
        "--pause",
        type=float,
        default=30.0,
        help="worker-pause phase: seconds server 1 is stopped at the end of the posting",
    )
    parser.add_argument(
        "--keep-database",
        action="store_true",
        help="reuse the database of an earlier run (already migrated): new members and threads",
    )
    parser.add_argument(
        "--sender-check",
        choices=["on", "off"],
        default="on",
        help='FORUM_LIVE_SENDER_CHECK for both servers (docs/live.md, "The sender\'s check")',
    )
    parser.add_argument("--output", default=str(ROOT / "tests" / "load" / "results.md"))
    args = parser.parse_args()
    database_url = os.environ.get("LOAD_DATABASE_URL", DEFAULT_DATABASE)
    redis = OwnRedis(port=args.redis_port)
    redis.start()
    servers: list[AsgiProcess] = []
    try:
        if not args.keep_database:
            recreate_database(database_url)
        env = server_env(
            database_url=database_url,
            redis_url=redis.url,
            settings=SETTINGS,
            FORUM_LIVE_SENDER_CHECK="true" if args.sender_check == "on" else "false",
        )
        log("migrating and creating members")
        setup = prepare(
            env,
            threads=args.threads,
            readers=args.clients,
            authors=args.authors,
            migrate=not args.keep_database,
        )
        logs = Path(os.environ.get("LOAD_LOG_DIR", "/tmp"))
        servers = [AsgiProcess(env, log=logs / f"forum-load-server{i}.log") for i in (1, 2)]
        for server in servers:
            server.start()
        log("warming up (the privacy engine loads on each server's first post)")
        for i, server in enumerate(servers):
            post_reply(server.url, setup.threads[i], setup.authors[0], "Opwarmen.", timeout=300)
        results = []
        for name in args.phases.split(","):
            results.append(
                asyncio.run(
                    phase(
                        name,
                        setup=setup,
                        servers=servers,
                        redis=redis,
                        duration=args.duration,
                        rate=args.rate,
                        restart_redis=name == "redis-restart",
                        drain=args.drain,
                        pause=args.pause if name == "worker-pause" else 0.0,
                    )
                )
            )
            log(f"{name}: {results[-1]}")
    finally:
        for server in servers:
            server.stop()
        redis.stop()
    command = "python tests/load/forum_soak.py " + " ".join(sys.argv[1:])
    text = markdown(results, command.strip())
    print(text)
    if args.output:
        # bench/run.py copies it into docs/performance.md ("Forum live load").
        Path(args.output).write_text(text, encoding="utf-8")
    ok = all(r["lost"] == 0 and r["duplicated"] == 0 for r in results)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
