"""In-process CPU of the forum's live fan-out work per event, on a seeded database.

    DJANGO_SETTINGS_MODULE=leerwerkplaats.settings.test \
        DATABASE_URL=sqlite:////tmp/demo.sqlite3 .venv/bin/python bench/forum_prepare_cpu.py

`DATABASE_URL` must name a migrated database with `seed_demo` run on it; it is
copied first (SQLite), so the run leaves it as it was. A reply is posted in the
busiest thread that shows pseudonyms, then, `--calls` times each (after one
warm-up call):

- **prepare**: `forum.selectors.prepare_event`, what the posting process does
  in the posting transaction, right after the change (the on-commit hook only sends);
- **check**: what a worker process does for one event and the sockets of
  `--members` members (created when the database has fewer), each with one
  session and `--sockets-per-member` sockets on it:
  `forum.consumers._decide`'s database part, the members and their sessions
  loaded fresh with the thread's state, and each socket's frame picked from the
  prepared ones.

Reported: median and p90 CPU milliseconds (`time.process_time`, so other
processes on a loaded machine count little) and the queries of one call."""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


def _copy_database() -> None:
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith("sqlite:///"):
        return
    source = Path(url.removeprefix("sqlite://"))
    target = Path(tempfile.mkdtemp(prefix="lwp-prepare-cpu-")) / "db.sqlite3"
    shutil.copyfile(source, target)
    os.environ["DATABASE_URL"] = f"sqlite:///{target}"


def _timed(call, calls: int) -> tuple[list[float], int]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    call()  # warm: templates, translations, connections
    with CaptureQueriesContext(connection) as captured:
        call()
    cpu = []
    for _ in range(calls):
        started = time.process_time()
        call()
        cpu.append((time.process_time() - started) * 1000)
    return cpu, len(captured)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--calls", type=int, default=20)
    parser.add_argument(
        "--members", type=int, default=50, help="distinct members, each with a session"
    )
    parser.add_argument("--sockets-per-member", type=int, default=1)
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "leerwerkplaats.settings.test")
    _copy_database()
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.contrib.sessions.backends.db import SessionStore
    from django.db.models import Count

    from forum import selectors, services
    from forum.models import EventKind, Thread
    from members.selectors import users_for_live_check

    thread = (
        Thread.objects.filter(alias_mode=False, hidden=False, locked=False)
        .annotate(n=Count("posts"))
        .order_by("-n")
        .first()
    )
    if thread is None:
        print("no thread: run seed_demo on the database first", file=sys.stderr)
        return 1
    users = get_user_model().objects.filter(is_active=True).order_by("pk")
    author = next(u for u in users if selectors.permissions.can_post_in(u, thread))
    post = services.post_reply(thread=thread, author=author, text="Een meting.")
    event = {"thread_id": thread.pk, "seq": post.seq, "kind": EventKind.POST, "post_id": post.pk}
    prepared = selectors.prepare_event(**event)
    if prepared is None:
        print("prepare_event returned None", file=sys.stderr)
        return 1
    from tests.members import factories as member_factories

    for _ in range(args.members - users.count()):
        member_factories.member()
    ids = list(users.values_list("pk", flat=True))[: args.members]
    sessions = {}
    for user_id in ids:  # each member's sockets share their one session, as in a browser
        session = SessionStore()
        session["_auth_user_id"] = str(user_id)
        session.create()
        sessions[user_id] = session.session_key
    sockets = args.members * args.sockets_per_member
    wanted = [(ids[i % len(ids)], sessions[ids[i % len(ids)]]) for i in range(sockets)]

    def check() -> None:
        loaded = users_for_live_check(
            wanted, annotations=selectors.live_thread_annotations(thread.pk)
        )
        frames = selectors.prepared_live_frames(
            prepared=prepared,
            thread_id=thread.pk,
            seq=post.seq,
            post_id=post.pk,
            users=[loaded[key] for key in wanted],
        )
        if frames is None:
            raise RuntimeError("the prepared frames were not used")

    drawn = len(prepared.get("drawings", prepared.get("frames", [])))  # main had "frames"
    print(f"thread {thread.pk} ({thread.n} posts), {drawn} drawn")
    print("| work | calls | CPU ms p50 | CPU ms p90 | queries |")
    print("| --- | ---: | ---: | ---: | ---: |")
    for name, call in (
        ("prepare_event", lambda: selectors.prepare_event(**event)),
        (f"worker check, {sockets} sockets of {len(ids)} members", check),
    ):
        cpu, queries = _timed(call, args.calls)
        p90 = sorted(cpu)[round(0.9 * (len(cpu) - 1))]
        print(f"| {name} | {args.calls} | {statistics.median(cpu):.2f} | {p90:.2f} | {queries} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
