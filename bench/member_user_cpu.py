"""In-process CPU of a kept lesson for the demo learner through the WSGI application
gunicorn serves: the member read by Django's `get_user` (the user table) against the
member read from their kept shell (`leerwerkplaats.member_cache.member_user`),
taking turns in one process.

    DJANGO_SETTINGS_MODULE=leerwerkplaats.settings.bench \\
        DATABASE_URL=sqlite:////tmp/seeded/bench.sqlite3 SECRET_KEY=x \\
        BENCH_STATIC_ROOT=/tmp/seeded/static [BENCH_REDIS_URL=redis://127.0.0.1:6379/13] \\
        .venv/bin/python bench/member_user_cpu.py --rounds 6

`DATABASE_URL` names a copy of the bench database (`migrate`, `seed_demo`,
`collectstatic` into `BENCH_STATIC_ROOT` done with the bench settings); the run
writes sessions into it. With `BENCH_REDIS_URL` the cache and the sessions are in
Redis (production's layout), else in local memory and the database. Connections are
kept as the gunicorn unit keeps them (`DATABASE_CONN_MAX_AGE=60`). Per round and
way: 300 requests after 10, CPU milliseconds per request (`time.process_time`);
min and median over the rounds, and the same for `/healthz` (no cookie) as the
stack's own cost."""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from io import BytesIO
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

REQUESTS = 300


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=6)
    args = parser.parse_args()
    os.environ.setdefault("DATABASE_CONN_MAX_AGE", "60")
    import django

    django.setup()
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.test import Client

    from courses.models import CoursePage, LessonPage
    from leerwerkplaats import member_cache
    from leerwerkplaats.demo import DEMO_ACCOUNTS
    from leerwerkplaats.wsgi import application

    account = next(a for a in DEMO_ACCOUNTS if a.email.startswith("professional@"))
    user = get_user_model().objects.get(email=account.email)
    course = CoursePage.objects.live().get(slug="meldcode-in-vijf-stappen")
    lessons = LessonPage.objects.child_of(course).live().specific().order_by("path")
    lesson = next(page for page in lessons if page.question_blocks()).get_url_parts()[2]
    login = Client(HTTP_HOST="127.0.0.1")
    login.force_login(user)
    cookie = f"{settings.SESSION_COOKIE_NAME}={login.cookies[settings.SESSION_COOKIE_NAME].value}"

    def once(path: str, with_cookie: bool) -> dict[str, Any]:
        seen: dict[str, Any] = {}

        def start_response(status: str, headers: list[tuple[str, str]], exc_info=None) -> None:
            seen["status"], seen["headers"] = status, dict(headers)

        environ = {
            "REQUEST_METHOD": "GET", "PATH_INFO": path, "QUERY_STRING": "", "SCRIPT_NAME": "",
            "SERVER_NAME": "127.0.0.1", "SERVER_PORT": "80", "SERVER_PROTOCOL": "HTTP/1.1",
            "REMOTE_ADDR": "127.0.0.1", "HTTP_HOST": "127.0.0.1",
            "HTTP_ACCEPT_ENCODING": "gzip, deflate, br",
            "wsgi.version": (1, 0), "wsgi.url_scheme": "http", "wsgi.input": BytesIO(),
            "wsgi.errors": sys.stderr, "wsgi.multithread": True, "wsgi.multiprocess": True,
            "wsgi.run_once": False,
        }  # fmt: skip
        if with_cookie:
            environ["HTTP_COOKIE"] = cookie
        result = application(environ, start_response)
        try:
            b"".join(result)
        finally:
            result.close()
        return seen

    kept_user = member_cache._kept_user
    ways = (
        ("Django's get_user (the user table)", lambda *a: None),
        ("the member from their kept shell", kept_user),
    )
    results: dict[str, list[float]] = {}
    for _ in range(args.rounds):
        for name, reader in (("`/healthz`, no cookie", None), *ways):
            if reader is not None:
                member_cache._kept_user = reader
            path, with_cookie = (lesson, True) if reader is not None else ("/healthz", False)
            for _ in range(10):
                seen = once(path, with_cookie)
            if not seen["status"].startswith("200"):
                raise SystemExit(f"{path}: {seen['status']}")
            if with_cookie and seen["headers"].get(member_cache.HEADER) != "hit":
                raise SystemExit(f"{path}: not a kept page")
            started = time.process_time()
            for _ in range(REQUESTS):
                once(path, with_cookie)
            cpu_ms = (time.process_time() - started) * 1000 / REQUESTS
            results.setdefault(name, []).append(cpu_ms)
    member_cache._kept_user = kept_user
    layout = "Redis" if os.environ.get("BENCH_REDIS_URL") else "local memory + database sessions"
    print(f"cache: {layout}; {args.rounds} rounds of {REQUESTS} requests")
    print("| request | CPU ms min | CPU ms median |")
    print("| --- | ---: | ---: |")
    for name, values in results.items():
        print(f"| {name} | {min(values):.2f} | {statistics.median(values):.2f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
