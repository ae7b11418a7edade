"""Pages (issue 16): visitor pages from the page cache and drawn afresh, a lesson
for a learner, a forum thread of 200 posts and the casuistry library of 500 cases.

Two measures:

- In-process, with Django's test client in one process (the bench settings and
  database): CPU time per request (`time.process_time` over N requests after a
  warm-up), queries and writes per request. On a shared machine this is the
  steady figure. Visitor pages are measured with the page cache off (a cache
  miss: the page drawn, with the site shell's data in memory) and on (a hit).
  The same is measured on the baseline commit (before issue 16) from a copy of
  that commit (`git archive`), against the same database: the "before" column.
- Over HTTP: wrk against one gunicorn server, each page against the same
  server's /healthz in the same minutes (the ratios issue 16 sets), with the
  local-memory cache and, when BENCH_REDIS_URL names a Redis that answers (`make
  bench` sets the local one), again with Redis as the cache and channel layer
  (production reads the cache over the network).

Run as `python -m bench.pages prepare|profile` (bench settings in the
environment) this module is the Django side.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tarfile
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from io import BytesIO
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.courses import (  # noqa: E402
    _log_in,
    _request,
    _wait_until_idle,
)
from bench.harness import BenchmarkError, Context, Section, Server, free_port  # noqa: E402
from bench.stack import SERVER_KINDS, Run, RunStats, ms  # noqa: E402
from bench.wrk import run_wrk  # noqa: E402

TITLE = "Pages: page cache, visitor pages, lesson, forum thread, casuistry library"
# The last commit before issue 16's changes: the "before" of every figure.
BASELINE = os.environ.get("BENCH_PAGES_BASELINE", "77ca071")
# Member pages the member page cache keeps whole (their *hit* is measured too).
MEMBER_KEPT = ("lesson", "library")
THREAD_POSTS = 200
LIBRARY_CASES = 500
PROFILE_REQUESTS = 30
# Requests per measure through the WSGI application (a hit is well under 1 ms).
WSGI_REQUESTS = 300
# What every browser sends (and wrk does not unless told): the kept pages are sent
# gzip-compressed to it (leerwerkplaats/gzip_pages.py). Each page is measured with
# this header (as browsers ask) and without it (as wrk alone asks), against
# /healthz requested the same way.
BROWSER_ENCODING = "gzip, deflate, br"
ENCODINGS = (("Accept-Encoding: gzip", BROWSER_ENCODING), ("no Accept-Encoding", None))
DJANGO_STEP_TIMEOUT_SECONDS = 900
# Issue 16's targets, as ratios of req/s against /healthz on the same server.
TARGETS = {
    "home": 0.8,
    "help": 0.8,
    "courses": 0.8,
    "stories": 0.8,
    "story": 0.8,
    "lesson": 0.25,
    "thread": 0.15,
    "library": 0.15,
}


@dataclass(frozen=True)
class Page:
    key: str
    label: str
    path: str
    member: bool  # requested with the learner's session cookie


@dataclass
class Measured(RunStats):
    page: Page
    runs: list[Run] = field(default_factory=list)
    # /healthz measured right before each of this page's runs, on the same server
    # with the same headers: the page's ratio is the median of its per-round ratios,
    # so a minute in which the machine is busier weighs on both sides alike.
    paired: list[Run] = field(default_factory=list)

    @property
    def rps_ratio(self) -> float:
        pairs = [
            run.wrk.requests_per_second / base.wrk.requests_per_second
            for run, base in zip(self.runs, self.paired, strict=True)
            if base.wrk.requests_per_second
        ]
        return statistics.median(pairs) if pairs else 0.0

    @property
    def cpu_ratio(self) -> float:
        pairs = [
            run.cpu_ms_per_request / base.cpu_ms_per_request
            for run, base in zip(self.runs, self.paired, strict=True)
            if base.cpu_ms_per_request
        ]
        return statistics.median(pairs) if pairs else 0.0


def _django(ctx: Context, env: dict[str, str], args: Sequence[str], cwd: Path) -> dict[str, Any]:
    env = {**env, "PYTHONPATH": str(cwd)}
    result = subprocess.run(
        [str(ctx.python), "-m", "bench.pages", *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=DJANGO_STEP_TIMEOUT_SECONDS,
        check=False,
    )
    lines = result.stdout.strip().splitlines()
    if result.returncode != 0 or not lines:
        raise BenchmarkError(
            f"bench.pages {args[0]} failed ({result.returncode}):\n"
            f"{(result.stdout + result.stderr)[-3000:]}"
        )
    return json.loads(lines[-1])


def _baseline_tree(ctx: Context) -> Path | None:
    """The baseline commit's files in the work folder, with this module added."""
    target = ctx.workdir / "baseline"
    try:
        archive = subprocess.run(
            ["git", "archive", "--format=tar", BASELINE],
            cwd=ctx.root,
            capture_output=True,
            check=True,
        ).stdout
    except (subprocess.CalledProcessError, FileNotFoundError):
        return None
    with tarfile.open(fileobj=BytesIO(archive)) as tar:
        tar.extractall(target, filter="data")
    (target / "bench" / "pages.py").write_text(Path(__file__).read_text())
    for shared in ("node_modules", "locale"):
        if shared == "locale":
            # compiled messages are not in git
            for mo in (ctx.root / "locale").rglob("*.mo"):
                dest = target / mo.relative_to(ctx.root)
                dest.parent.mkdir(parents=True, exist_ok=True)
                dest.write_bytes(mo.read_bytes())
        elif not (target / shared).exists():
            (target / shared).symlink_to(ctx.root / shared)
    return target


def run(ctx: Context) -> Section:
    o = ctx.options
    site = ctx.site()
    facts = _django(ctx, site.env, ["prepare"], ctx.root)
    pages = [Page(**p) for p in facts["pages"]]
    after = _django(ctx, site.env, ["profile"], ctx.root)
    baseline_root = _baseline_tree(ctx)
    before = _django(ctx, site.env, ["profile"], baseline_root) if baseline_root else None

    variants: list[tuple[str, dict[str, str]]] = [("local memory", {})]
    redis_url = os.environ.get("BENCH_REDIS_URL") or None
    redis_missing = ""
    if redis_url:
        redis_missing = _redis_unreachable(redis_url)
        if redis_missing:
            ctx.log(f"pages: no Redis run, {redis_missing}")
            redis_url = None
        else:
            variants.append(("Redis", {"BENCH_REDIS_URL": redis_url}))
    load_before = os.getloadavg()
    http: dict[str, dict[str, Measured]] = {}
    for name, extra in variants:
        try:
            for encoding_name, encoding in ENCODINGS:
                http[f"{name}, {encoding_name}"] = _load_pages(
                    ctx, site.env | extra, pages, facts, encoding
                )
        finally:
            if "BENCH_REDIS_URL" in extra:
                _drop_run_keys(extra["BENCH_REDIS_URL"], site.env["SECRET_KEY"])
    load_after = os.getloadavg()
    return Section(
        TITLE,
        _render(ctx, pages, facts, after, before, http, redis_url, load_before, load_after, o)
        + (f"\n- Not measured with Redis: {redis_missing}.\n" if redis_missing else ""),
    )


def _redis_unreachable(url: str) -> str:
    """Why the Redis at `url` cannot be used, or "" when it answers PING."""
    try:
        import redis

        redis.Redis.from_url(url, socket_connect_timeout=2).ping()
    except Exception as exc:  # noqa: BLE001 - any failure means: measure without it
        return f"`{url}` did not answer ({type(exc).__name__})"
    return ""


def _drop_run_keys(url: str, secret_key: str) -> None:
    """Delete this run's keys (settings/bench.py prefixes them per run); some, such
    as the page cache's generation, never expire."""
    import hashlib

    import redis

    prefix = "lwp-bench-" + hashlib.sha256(secret_key.encode()).hexdigest()[:12]
    client = redis.Redis.from_url(url)
    keys = list(client.scan_iter(match=f"{prefix}*", count=500))
    for start in range(0, len(keys), 500):
        client.delete(*keys[start : start + 500])


def _load_pages(
    ctx: Context,
    env: dict[str, str],
    pages: list[Page],
    facts: dict[str, Any],
    encoding: str | None,
) -> dict[str, Measured]:
    o = ctx.options
    kind = SERVER_KINDS["gunicorn"]
    port = free_port()
    env = {**env, "DATABASE_CONN_MAX_AGE": "60"}
    results = {p.key: Measured(runs=[], page=p) for p in pages}
    healthz = next(p for p in pages if p.key == "healthz")
    with Server("pages-gunicorn", kind.argv(ctx, str(port)), port=port, env=env, ctx=ctx) as server:
        cookie = _log_in(server, facts)
        for page in pages:
            headers = {"Cookie": cookie} if page.member else {}
            status, _, body = _request(server.port, "GET", page.path, headers=headers)
            if status != 200 or (page.member and b"Uitloggen" not in body):
                raise BenchmarkError(f"{page.path}: {status} for {page.label}\n{body[:300]!r}")
        for round_number in range(o.rounds):
            for page in pages:
                header_list = [f"Cookie: {cookie}"] if page.member else []
                if encoding:
                    header_list.append(f"Accept-Encoding: {encoding}")
                if round_number == 0 and o.warmup:
                    _wait_until_idle(ctx, [server])
                    _wrk(ctx, server, page.path, o.warmup, header_list)
                if page.key != "healthz":
                    # /healthz just before the page, asked the same way (the page's
                    # encoding; /healthz never carries the cookie).
                    base_headers = [h for h in header_list if not h.startswith("Cookie:")]
                    base = _measure(ctx, server, healthz.path, base_headers, encoding, "healthz")
                    results[page.key].paired.append(base)
                run = _measure(ctx, server, page.path, header_list, encoding, page.key)
                results[page.key].runs.append(run)
    for m in results.values():
        if m.page.key == "healthz":
            m.paired = list(m.runs)
    return results


def _measure(
    ctx: Context,
    server: Server,
    path: str,
    header_list: list[str],
    encoding: str | None,
    key: str,
) -> Run:
    o = ctx.options
    _wait_until_idle(ctx, [server])
    cpu = server.cpu_seconds()
    result = _wrk(ctx, server, path, o.duration, header_list)
    run = Run(result, server.cpu_seconds() - cpu, o.duration)
    if result.non_2xx or not result.requests:
        raise BenchmarkError(f"{path}: {result.non_2xx} error answers")
    ctx.log(
        f"pages {key:<8} {result.requests_per_second:8.0f} req/s "
        f"CPU {run.cpu_ms_per_request:.2f} ms/req "
        f"{result.bytes_per_request / 1024:.1f} KiB/req "
        f"({'gzip' if encoding else 'plain'})"
    )
    return run


def _wrk(ctx: Context, server: Server, path: str, duration: int, headers: list[str]) -> Any:
    o = ctx.options
    return run_wrk(
        port=server.port,
        path=path,
        duration=duration,
        connections=o.connections,
        threads=o.wrk_threads,
        headers=headers,
    )


# --- the Markdown ------------------------------------------------------------------


def _render(
    ctx: Context,
    pages: list[Page],
    facts: dict[str, Any],
    after: dict[str, Any],
    before: dict[str, Any] | None,
    http: dict[str, dict[str, Measured]],
    redis_url: str | None,
    load_before: tuple[float, float, float],
    load_after: tuple[float, float, float],
    o: Any,
) -> str:
    n = after["requests"]
    lines = [
        "### Method",
        "",
        "- The machine was loaded: about eight engineers share its 2 cores, so absolute "
        "timings move by tens of percent between runs. Read the CPU per request measured "
        "in-process, the query counts and the ratios against `/healthz` of the same server "
        "in the same minutes, not the absolute req/s.",
        f"- Same settings and seeded database as the sections above, plus a forum thread "
        f"of {THREAD_POSTS} posts and {LIBRARY_CASES} published cases in the library "
        "(`python -m bench.pages prepare`).",
        f"- In-process: Django's test client in one process, {n} requests per page after "
        "3 warm-up requests; CPU ms/request is `time.process_time()` over those requests "
        "(the test client's own cost included, as `/healthz` shows); queries and writes "
        "counted on one more request, with the browsers' `Accept-Encoding`. *miss*: the "
        "page cache off "
        "(`PAGE_CACHE_ENABLED=False`), the page drawn with the site shell's data in the "
        "worker's memory; *hit*: served by the page cache (the lesson and the library: "
        "by the member page cache, `leerwerkplaats/member_cache.py`). *before*: the same "
        "on commit "
        f"`{BASELINE}` (`BENCH_PAGES_BASELINE`; by default `77ca071`, before issue 16), "
        f"run from `git archive {BASELINE}` against the same database.",
        "- Over HTTP: one gunicorn server (gthread, 2 workers x 4 threads, "
        "DATABASE_CONN_MAX_AGE=60), wrk "
        f"`--threads={o.wrk_threads} --connections={o.connections} --duration={o.duration}s`, "
        f"{o.rounds} round(s), after a {o.warmup} s warm-up per page; medians. In every "
        "round each page is measured right after `/healthz` on the same server with the "
        "same `Accept-Encoding`: a page's ratio is the median of its per-round ratios to "
        "that `/healthz` run (the load of the minute weighs on both). The "
        "member pages carry the demo professional's session cookie (logged in through "
        "allauth's form). Visitor pages are served by the page cache under load (the "
        "first request draws them). Every page and `/healthz` measured twice: with "
        f"`Accept-Encoding: {BROWSER_ENCODING}` as browsers send it (the kept pages then "
        "come gzip-compressed, compressed once when kept) and without (plain); "
        "*KiB/answer* is what wrk read per request, headers included.",
        f"- Load average (1, 5, 15 min) before: {_avg(load_before)}; after: {_avg(load_after)}.",
        "",
        "### In-process: CPU per request, queries and writes",
        "",
        "| page | CPU ms before | CPU ms miss | CPU ms hit | queries before | queries now "
        "| writes before | writes now |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for page in pages:
        now = after["pages"][page.key]
        old = (before or {}).get("pages", {}).get(page.key)
        hit = now.get("hit")
        lines.append(
            f"| {page.label} | {ms(old['miss']['cpu_ms']) if old else '-'} "
            f"| {ms(now['miss']['cpu_ms'])} | {ms(hit['cpu_ms']) if hit else '-'} "
            f"| {old['miss']['queries'] if old else '-'} | {now['miss']['queries']} "
            f"| {old['miss']['writes'] if old else '-'} | {now['miss']['writes']} |"
        )
    wsgi = {key: value["wsgi"] for key, value in after["pages"].items() if "wsgi" in value}
    before_pages = (before or {}).get("pages", {})
    old_wsgi = {key: value["wsgi"] for key, value in before_pages.items() if "wsgi" in value}
    if "healthz" in wsgi:
        lines += [
            "",
            "### In-process through the WSGI application gunicorn serves",
            "",
            f"`leerwerkplaats.wsgi.application` called with a WSGI environ (Host 127.0.0.1, "
            f"`Accept-Encoding: {BROWSER_ENCODING}`), {WSGI_REQUESTS} requests after 5, the "
            "lowest of three; the page cache on (a visitor page is a hit). *before*: the "
            "same on the baseline.",
            "",
            "| page | CPU ms before | CPU ms now | ratio to `/healthz` now | X-Page-Cache |",
            "| --- | ---: | ---: | ---: | --- |",
        ]
        for page in pages:
            if page.key not in wsgi:
                continue
            now, old = wsgi[page.key], old_wsgi.get(page.key)
            lines.append(
                f"| {page.label} | {ms(old['cpu_ms']) if old else '-'} | {ms(now['cpu_ms'])} "
                f"| {now['cpu_ms'] / wsgi['healthz']['cpu_ms']:.2f} | {now['page_cache'] or '-'} |"
            )
    lines += ["", "### Over HTTP: against `/healthz` of the same server", ""]
    for name, measured in http.items():
        label = f"cache: {name}" + (f" (`{redis_url}`)" if name.startswith("Redis") else "")
        lines += [
            f"#### {label}",
            "",
            "| page | req/s | `/healthz` req/s just before | p50 ms | p99 ms | CPU ms/req "
            "| KiB/answer | req/s ratio | target | CPU ratio |",
            "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
        ]
        for page in pages:
            m = measured[page.key]
            target = TARGETS.get(page.key)
            size = statistics.median(r.wrk.bytes_per_request for r in m.runs) / 1024
            base_rps = statistics.median(r.wrk.requests_per_second for r in m.paired)
            lines.append(
                f"| {page.label} | {m.rps:,.0f} | {base_rps:,.0f} | {m.p50:.1f} | {m.p99:.1f} "
                f"| {ms(m.cpu_ms)} | {size:.1f} | {m.rps_ratio:.2f} "
                f"| {f'>= {target}' if target else ''} | {m.cpu_ratio:.1f}x |"
            )
        lines.append("")
    lines += ["### Against issue 16's targets", ""]
    for name, measured in http.items():
        verdicts = []
        for page in pages:
            target = TARGETS.get(page.key)
            if target is None:
                continue
            ratio = measured[page.key].rps_ratio
            verdicts.append(
                f"{page.label} {ratio:.2f} ({'met' if ratio >= target else 'not met'}, >= {target})"
            )
        lines.append(f"- req/s ratios, cache {name}: " + "; ".join(verdicts) + ".")
    misses = [
        f"{p.label} {ms(after['pages'][p.key]['miss']['cpu_ms'])} ms"
        for p in pages
        if not p.member and p.key != "healthz"
    ]
    lines += [
        "- Visitor pages on a cache miss (target <= 8 ms CPU, in-process): "
        + "; ".join(misses)
        + ". The in-process figure includes the test client and runs on the loaded "
        "machine, where `/healthz` alone took "
        f"{ms(after['pages']['healthz']['miss']['cpu_ms'])} ms.",
        f"- Lesson for a learner: {after['pages']['lesson']['miss']['queries']} queries "
        f"(target <= 10), {after['pages']['lesson']['miss']['writes']} writes on a plain GET.",
        f"- Forum thread of {THREAD_POSTS} posts: "
        f"{ms(after['pages']['thread']['miss']['cpu_ms'])} ms CPU in-process, "
        f"{after['pages']['thread']['miss']['queries']} queries (flat in the thread's length); "
        f"library of {LIBRARY_CASES} cases: {ms(after['pages']['library']['miss']['cpu_ms'])} ms, "
        f"{after['pages']['library']['miss']['queries']} queries.",
        "",
    ]
    lines += [
        "### What changed (issue 16)",
        "",
        "- **Page cache** (`leerwerkplaats/page_cache.py`, first middleware; a hit answered "
        "before Django's handler by `PageCacheApplication`, the WSGI application in "
        "`leerwerkplaats/wsgi.py`, with one cache round trip): anonymous GETs "
        "of Wagtail pages without a session, messages or CSRF cookie, by host, language, "
        "path and date; never a response that sets a cookie or is private; purged by "
        "page publish/unpublish/move/delete and any page, view-restriction or site save. "
        "Cached pages carry no CSP nonce (`script-src 'self'`). Before/after: the *hit* "
        "column against *before*.",
        "- **Site shell from memory** (`leerwerkplaats/shell_cache.py`): the Wagtail site, "
        "routing (one query for the page, whatever its depth), menu, footer and "
        "breadcrumbs kept per worker for the page cache's generation. Before/after: "
        "*miss* against *before* on visitor pages.",
        "- **Lesson GET** (`courses/selectors/lesson.py`, `record_lesson_view`): the course "
        "and the learner's state read once (progress with enrolment in one query), no "
        "transaction and no write on a plain view (at most one `last_viewed_at` update per "
        "5 minutes), course completion checked only when the lesson becomes done and on "
        "ids only, the non-interactive blocks drawn once per body version and cached. "
        "Before/after: the lesson row.",
        "- **View restrictions from memory** (`shell_cache.view_restrictions_for`, "
        "`private_sections_q`): Wagtail's serve check and the help lists on the shell's own "
        "pages read no restriction and no ancestors; any page reads the restriction table "
        "once at most (tests/leerwerkplaats/test_page_cache.py).",
        f"- **Forum thread** ({THREAD_POSTS} posts, `forum/post_html.py`, "
        "`forum/thread_html.py`): the whole list of posts drawn once per thread version "
        "(`last_seq`, a per-thread and a forum-wide generation) and way of seeing it "
        "(language, time zone, moderator or not, may post or not) and kept in the cache; "
        "per request only the reader's own bits (edit link within the window, delete form, "
        "report link, own reactions: one query), the read position and the CSRF token. "
        "No post is loaded on a visit; no read-position write when all was read. Hidden "
        "posts, redactions, edits, reports, pseudonym changes and erasure show at once "
        "(tests/forum/test_thread_html.py, tests/forum/test_post_html.py).",
        f"- **Library** ({LIBRARY_CASES} cases, `casuistry/library_html.py`): the filter form, "
        "the page of cards and the page links drawn once per query string and language, "
        "kept until any case is saved or deleted (publish, withdraw, archive, feature); "
        "a page with a typed search is never kept (tests/casuistry/test_library_html.py). "
        "Query counts of both stay flat in their size (tests/forum/test_query_counts.py, "
        "tests/casuistry/test_query_counts.py).",
    ]
    return "\n".join(lines) + "\n"


def _avg(values: tuple[float, float, float]) -> str:
    return " ".join(f"{v:.2f}" for v in values)


# --- the Django side ---------------------------------------------------------------


def _setup_django() -> None:
    import django

    if os.environ.get("DJANGO_SETTINGS_MODULE") != "leerwerkplaats.settings.bench":
        raise SystemExit("bench.pages: run by bench/run.py, with the bench settings")
    django.setup()


def _prepare() -> dict[str, Any]:
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.urls import reverse

    from casuistry.models import Case, Status
    from courses.models import CourseIndexPage, CoursePage, LessonPage
    from forum.models import Thread
    from leerwerkplaats.demo import DEMO_ACCOUNTS, DEMO_PASSWORD
    from leerwerkplaats.models import HelpPage
    from stories.models import StoryIndexPage, StoryPage
    from tests.casuistry import factories as case_factories
    from tests.forum import factories as forum_factories
    from tests.members import factories as member_factories

    professional = next(a for a in DEMO_ACCOUNTS if a.email.startswith("professional@"))
    user = get_user_model().objects.get(email=professional.email)
    title = f"Bench: een gesprek van {THREAD_POSTS} berichten"
    thread = Thread.objects.filter(title=title).first()
    if thread is None:
        authors = [user, *(member_factories.member() for _ in range(3))]
        thread = forum_factories.thread(author=authors[0], title=title)
        for i in range(THREAD_POSTS):
            forum_factories.post(thread=thread, author=authors[i % len(authors)])
    missing = LIBRARY_CASES - Case.objects.filter(status=Status.PUBLISHED).count()
    if missing > 0:
        author = member_factories.member()
        for _ in range(missing):
            case_factories.case(author=author, status=Status.PUBLISHED)
    course = CoursePage.objects.live().get(slug="meldcode-in-vijf-stappen")
    lessons = list(LessonPage.objects.child_of(course).live().specific().order_by("path"))
    lesson = next(page for page in lessons if page.question_blocks())
    help_page = HelpPage.objects.live().order_by("path").first()
    story_index = StoryIndexPage.objects.live().first()
    story = StoryPage.objects.live().public().order_by("path").first()
    pages = [
        ("healthz", "`/healthz` (minimal view)", "/healthz", False),
        ("home", "`/` home, visitor", "/", False),
        ("help", "help page, visitor", help_page.get_url_parts()[2], False),
        ("courses", "course list, visitor", CourseIndexPage.objects.live().get().url, False),
        ("stories", "public stories, visitor", story_index.get_url_parts()[2], False),
        ("story", "a story, visitor", story.get_url_parts()[2], False),
        ("lesson", "lesson, learner", lesson.get_url_parts()[2], True),
        ("thread", f"forum thread, {THREAD_POSTS} posts, member", thread.get_absolute_url(), True),
        ("library", f"casuistry library, {LIBRARY_CASES} cases, member",
         reverse("casuistry:library"), True),
    ]  # fmt: skip
    return {
        "email": professional.email,
        "password": DEMO_PASSWORD,
        "login_path": reverse("account_login"),
        "session_cookie": settings.SESSION_COOKIE_NAME,
        "pages": [dict(zip(("key", "label", "path", "member"), p, strict=True)) for p in pages],
    }


def _profile(facts: dict[str, Any]) -> dict[str, Any]:
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test import Client, override_settings
    from django.test.utils import CaptureQueriesContext

    user = get_user_model().objects.get(email=facts["email"])
    # As a browser asks: a kept page is then served compressed (gzip_pages.py).
    browser = {"HTTP_HOST": "127.0.0.1", "HTTP_ACCEPT_ENCODING": BROWSER_ENCODING}
    learner = Client(**browser)
    learner.force_login(user)
    visitor = Client(**browser)

    def measure(client: Client, path: str) -> dict[str, float]:
        for _ in range(3):
            response = client.get(path)
            if response.status_code != 200:
                raise SystemExit(f"{path}: {response.status_code}")
        started = time.process_time()
        for _ in range(PROFILE_REQUESTS):
            client.get(path)
        cpu_ms = (time.process_time() - started) * 1000 / PROFILE_REQUESTS
        with CaptureQueriesContext(connection) as captured:
            client.get(path)
        verbs = [q["sql"].lstrip().split(" ", 1)[0].upper() for q in captured]
        return {
            "cpu_ms": cpu_ms,
            "queries": len(verbs),
            "writes": sum(v in {"INSERT", "UPDATE", "DELETE"} for v in verbs),
        }

    def measure_wsgi(path: str) -> dict[str, Any]:
        """CPU per request through the WSGI application gunicorn serves
        (leerwerkplaats.wsgi), without a test client around it."""
        from io import BytesIO

        from leerwerkplaats.wsgi import application

        seen: dict[str, Any] = {}

        def start_response(status: str, headers: list[tuple[str, str]], exc_info=None) -> None:
            seen["status"], seen["headers"] = status, dict(headers)

        def once() -> None:
            environ = {
                "REQUEST_METHOD": "GET", "PATH_INFO": path, "QUERY_STRING": "",
                "SCRIPT_NAME": "", "SERVER_NAME": "127.0.0.1", "SERVER_PORT": "80",
                "SERVER_PROTOCOL": "HTTP/1.1", "REMOTE_ADDR": "127.0.0.1",
                "HTTP_HOST": "127.0.0.1", "HTTP_ACCEPT_ENCODING": BROWSER_ENCODING,
                "wsgi.version": (1, 0), "wsgi.url_scheme": "http", "wsgi.input": BytesIO(),
                "wsgi.errors": sys.stderr, "wsgi.multithread": True,
                "wsgi.multiprocess": True, "wsgi.run_once": False,
            }  # fmt: skip
            result = application(environ, start_response)
            try:
                b"".join(result)
            finally:
                if hasattr(result, "close"):
                    result.close()

        for _ in range(5):
            once()
        if not seen["status"].startswith("200"):
            raise SystemExit(f"{path}: {seen['status']}")
        started = time.process_time()
        for _ in range(WSGI_REQUESTS):
            once()
        return {
            "cpu_ms": (time.process_time() - started) * 1000 / WSGI_REQUESTS,
            "page_cache": seen["headers"].get("X-Page-Cache", ""),
        }

    results: dict[str, dict[str, Any]] = {}
    for page in facts["pages"]:
        if page["key"] == "healthz" or not page["member"]:
            # The lowest of three, as the machine is shared.
            runs = [measure_wsgi(page["path"]) for _ in range(3)]
            results.setdefault(page["key"], {})["wsgi"] = min(runs, key=lambda r: r["cpu_ms"])
    for page in facts["pages"]:
        client = learner if page["member"] else visitor
        # miss: the page drawn (neither the visitors' nor the member page cache).
        with override_settings(PAGE_CACHE_ENABLED=False, MEMBER_PAGE_CACHE_ENABLED=False):
            entry = {"miss": measure(client, page["path"])}
        # hit: a visitor's page from the page cache, the lesson and the library from
        # the member page cache (leerwerkplaats/member_cache.py).
        if page["key"] != "healthz" and (not page["member"] or page["key"] in MEMBER_KEPT):
            entry["hit"] = measure(client, page["path"])
        results.setdefault(page["key"], {}).update(entry)
    return {"requests": PROFILE_REQUESTS, "pages": results}


def main(argv: Sequence[str]) -> int:
    if not argv or argv[0] not in {"prepare", "profile"}:
        print("usage: python -m bench.pages prepare|profile", file=sys.stderr)
        return 2
    _setup_django()
    result = _prepare() if argv[0] == "prepare" else _profile(_prepare())
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
