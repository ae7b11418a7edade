"""In-process CPU of a kept page with Redis as the cache: Django's Redis client
against `leerwerkplaats.redis_cache` (one `redis.Redis` per pool), alternately in
one process.

    DJANGO_SETTINGS_MODULE=leerwerkplaats.settings.bench \
        DATABASE_URL=sqlite:////tmp/seeded/bench.sqlite3 SECRET_KEY=x \
        BENCH_STATIC_ROOT=/tmp/seeded/static BENCH_REDIS_URL=redis://127.0.0.1:6379/13 \
        .venv/bin/python bench/redis_client_cpu.py

`DATABASE_URL` names a copy of the bench database (`migrate`, `seed_demo`,
`collectstatic` into `BENCH_STATIC_ROOT` done with the bench settings); the run
writes sessions into it. `BENCH_REDIS_URL` names a Redis database of its own (the
run's keys carry the run's prefix, see settings/bench.py). Measured, `--rounds`
times each, the two clients taking turns: a lesson kept for the demo learner
(the member page cache: session, member version, shell and page from Redis) and
the home page for a visitor (the page cache), through Django's test client, 200
requests after 5; CPU milliseconds per request (`time.process_time`), min and
median over the rounds."""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

REQUESTS = 200


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=6)
    args = parser.parse_args()
    if not os.environ.get("BENCH_REDIS_URL"):
        parser.error("BENCH_REDIS_URL must name a Redis database")
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.core.cache import caches
    from django.core.cache.backends.redis import RedisCacheClient
    from django.test import Client

    from courses.models import CoursePage, LessonPage
    from leerwerkplaats.demo import DEMO_ACCOUNTS
    from leerwerkplaats.redis_cache import SharedClientRedisCacheClient

    account = next(a for a in DEMO_ACCOUNTS if a.email.startswith("professional@"))
    user = get_user_model().objects.get(email=account.email)
    course = CoursePage.objects.live().get(slug="meldcode-in-vijf-stappen")
    lessons = LessonPage.objects.child_of(course).live().specific().order_by("path")
    lesson = next(page for page in lessons if page.question_blocks())
    browser = {"HTTP_HOST": "127.0.0.1", "HTTP_ACCEPT_ENCODING": "gzip, deflate, br"}
    learner = Client(**browser)
    learner.force_login(user)
    visitor = Client(**browser)
    pages = (("kept lesson, learner", learner, lesson.get_url_parts()[2]),
             ("home, visitor (page cache hit)", visitor, "/"))  # fmt: skip
    backend = caches["default"]
    clients = (("Django's client", RedisCacheClient),
               ("one client per pool", SharedClientRedisCacheClient))  # fmt: skip
    results: dict[tuple[str, str], list[float]] = {}
    for _ in range(args.rounds):
        for client_name, client_class in clients:
            backend._class = client_class
            backend.__dict__.pop("_cache", None)  # the cached_property
            for page_name, http, path in pages:
                for _ in range(5):
                    if http.get(path).status_code != 200:
                        raise SystemExit(f"{path}: not 200")
                started = time.process_time()
                for _ in range(REQUESTS):
                    http.get(path)
                cpu_ms = (time.process_time() - started) * 1000 / REQUESTS
                results.setdefault((page_name, client_name), []).append(cpu_ms)
    print("| page | client | CPU ms min | CPU ms median |")
    print("| --- | --- | ---: | ---: |")
    for (page_name, client_name), values in results.items():
        print(
            f"| {page_name} | {client_name} | {min(values):.2f} | {statistics.median(values):.2f} |"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
