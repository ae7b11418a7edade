"""Courses: req/s and p50/p99 of a lesson page for a logged-in learner and of the
course list, each against the same server's /healthz in the same run; and the
time to draw a certificate PDF.

The learner is the demo professional, logged in once over HTTP through allauth;
wrk sends that session cookie with every request. Every page is checked before
and after the load (it must be the page, for that user, not a login redirect).

Run as `python -m bench.courses prepare|finish` (with the bench settings and the
temporary database in the environment) this module is the Django side of the
benchmark: bench/run.py's process never imports Django.
"""

from __future__ import annotations

import http.client
import json
import os
import re
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Iterable, Sequence
from contextlib import ExitStack
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

# `python -m bench.courses` from the checkout has it on sys.path; a direct run would not.
ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.harness import (  # noqa: E402
    LOOPBACK,
    BenchmarkError,
    Context,
    Section,
    Server,
    free_port,
)
from bench.stack import SERVER_KINDS, Run, RunStats, ServerKind, ms  # noqa: E402
from bench.wrk import WrkResult, run_wrk  # noqa: E402

TITLE = "Courses: lesson page, course list and certificate PDF"
COURSE_SLUG = "meldcode-in-vijf-stappen"  # leerwerkplaats/demo_courses.py: MELDCODE
CERTIFICATE_WARMUP = 5
CERTIFICATE_RUNS = 50
DJANGO_STEP_TIMEOUT_SECONDS = 300
# DATABASE_CONN_MAX_AGE of the production units in docs/deployment.md.
CONN_MAX_AGE = {"gunicorn": "60", "uvicorn": "0", "daphne": "0"}
# A response under this share of the checked page's size was not that page
# (wrk counts a 302 to the login form as a success).
MIN_SIZE_SHARE = 0.9
SIZE_CHECK_FROM_BYTES = 4096
# After wrk stops, a server still works off the requests it had accepted: up to
# --connections slow pages. Each load starts only when every server is idle again
# (under IDLE_CORES of CPU over IDLE_POLL_SECONDS), or the previous run's backlog
# would be measured as the next run's work.
IDLE_CORES = 0.1
IDLE_POLL_SECONDS = 0.5
IDLE_TIMEOUT_SECONDS = 60


@dataclass(frozen=True)
class Probe:
    key: str
    label: str  # for the tables
    path: str
    cookie: bool  # sent with the learner's session cookie
    problem: Callable[[int, bytes], str | None]  # what is wrong with an answer, or None


@dataclass
class Measured(RunStats):
    kind: ServerKind
    probe: Probe
    page_bytes: int  # body size of the checked answer
    runs: list[Run] = field(default_factory=list)


# --- HTTP on the loopback interface ---------------------------------------------


def _request(
    port: int,
    method: str,
    path: str,
    *,
    headers: dict[str, str] | None = None,
    body: str | None = None,
    timeout: float = 30.0,
) -> tuple[int, list[str], bytes]:
    """Status, Set-Cookie headers and body. http.client, so no proxy can carry it away."""
    connection = http.client.HTTPConnection(LOOPBACK, port, timeout=timeout)
    try:
        connection.request(
            method, path, body=body, headers={"Host": f"{LOOPBACK}:{port}", **(headers or {})}
        )
        response = connection.getresponse()
        return response.status, response.msg.get_all("Set-Cookie") or [], response.read()
    finally:
        connection.close()


def _cookies(set_cookie: Sequence[str]) -> dict[str, str]:
    jar: SimpleCookie = SimpleCookie()
    for header in set_cookie:
        jar.load(header)
    return {name: morsel.value for name, morsel in jar.items()}


def _log_in(server: Server, facts: dict[str, Any]) -> str:
    """Log the demo professional in through allauth's form; return "sessionid=..."."""
    login = facts["login_path"]
    status, set_cookie, body = _request(server.port, "GET", login)
    token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', body)
    if status != 200 or token is None:
        raise BenchmarkError(f"GET {login}: {status}, no login form\n{body[:500]!r}")
    jar = _cookies(set_cookie)
    form = urlencode(
        {
            "csrfmiddlewaretoken": token.group(1).decode(),
            "login": facts["email"],
            "password": facts["password"],
        }
    )
    status, set_cookie, body = _request(
        server.port,
        "POST",
        login,
        headers={
            "Content-Type": "application/x-www-form-urlencoded",
            "Cookie": "; ".join(f"{k}={v}" for k, v in jar.items()),
        },
        body=form,
    )
    session = _cookies(set_cookie).get(facts["session_cookie"])
    if status != 302 or not session:
        raise BenchmarkError(
            f"Logging in as {facts['email']} failed: {status}, no session cookie\n"
            f"{body[:500]!r}\n{server.log_tail()}"
        )
    return f"{facts['session_cookie']}={session}"


# --- the benchmark ----------------------------------------------------------------


def _probes(facts: dict[str, Any]) -> tuple[Probe, ...]:
    logout = f'action="{facts["logout_path"]}"'.encode()
    lesson_title = facts["lesson_title"].encode()
    quiz_form = f'id="toets-{facts["lesson_pk"]}"'.encode()
    titles = [t.encode() for t in facts["course_titles"]]

    def healthz(status: int, body: bytes) -> str | None:
        return None if status == 200 and body == b"ok" else "not the minimal view's `ok`"

    def lesson(status: int, body: bytes) -> str | None:
        if status != 200:
            return f"status {status} (302: the session is not logged in)"
        missing = [
            what
            for what, needle in (
                ("the lesson's title", lesson_title),
                ("its quiz form", quiz_form),
                ("the logout button", logout),
            )
            if needle not in body
        ]
        return f"missing {', '.join(missing)}" if missing else None

    def course_list(logged_in: bool) -> Callable[[int, bytes], str | None]:
        def problem(status: int, body: bytes) -> str | None:
            if status != 200:
                return f"status {status}"
            if not all(t in body for t in titles):
                return "not every demo course is listed"
            if (logout in body) != logged_in:
                return "logged in" if not logged_in else "not logged in"
            return None

        return problem

    return (
        Probe("healthz", "`/healthz` (minimal view)", "/healthz", False, healthz),
        Probe("lesson", "lesson, learner", facts["lesson_path"], True, lesson),
        Probe("list", "course list, learner", facts["index_path"], True, course_list(True)),
        Probe("list-anon", "course list, visitor", facts["index_path"], False, course_list(False)),
    )


def _django(ctx: Context, env: dict[str, str], args: Sequence[str]) -> dict[str, Any]:
    """Run this module's Django side in a subprocess; its last stdout line is JSON."""
    try:
        result = subprocess.run(
            [str(ctx.python), "-m", "bench.courses", *args],
            cwd=ctx.root,
            env=env,
            capture_output=True,
            text=True,
            timeout=DJANGO_STEP_TIMEOUT_SECONDS,
            check=False,
        )
    except subprocess.TimeoutExpired as exc:
        raise BenchmarkError(f"bench.courses {args[0]} took over {exc.timeout} s") from exc
    lines = result.stdout.strip().splitlines()
    if result.returncode != 0 or not lines:
        raise BenchmarkError(
            f"bench.courses {args[0]} failed ({result.returncode}):\n"
            f"{(result.stdout + result.stderr)[-3000:]}"
        )
    return json.loads(lines[-1])


def run(ctx: Context) -> Section:
    o = ctx.options
    unknown = set(o.servers) - set(SERVER_KINDS)
    if unknown:
        raise BenchmarkError(f"Unknown servers {sorted(unknown)}; known: {sorted(SERVER_KINDS)}")
    kinds = [SERVER_KINDS[key] for key in o.servers]
    site = ctx.site()
    facts = _django(ctx, site.env, ["prepare"])
    probes = _probes(facts)
    load_before = os.getloadavg()
    results: dict[tuple[str, str], Measured] = {}
    load_started = time.time()

    with ExitStack() as servers:
        started: dict[str, Server] = {}
        for kind in kinds:
            port = free_port()
            env = {**site.env, "DATABASE_CONN_MAX_AGE": CONN_MAX_AGE[kind.key]}
            server = Server(
                f"courses-{kind.key}", kind.argv(ctx, str(port)), port=port, env=env, ctx=ctx
            )
            started[kind.key] = servers.enter_context(server)
        # One login; the session lives in the database, so every server accepts it.
        cookie = _log_in(started[kinds[0].key], facts)
        ctx.log(f"logged in as {facts['email']}")

        def headers(probe: Probe) -> dict[str, str]:
            return {"Cookie": cookie} if probe.cookie else {}

        def check(server: Server, probe: Probe, when: str) -> int:
            status, _, body = _request(
                server.port,
                "GET",
                probe.path,
                headers=headers(probe),
            )
            problem = probe.problem(status, body)
            if problem is not None:
                raise BenchmarkError(
                    f"{when}: {server.name} answered {probe.path} ({probe.label}) wrongly: "
                    f"{problem}\n{body[:500]!r}\n{server.log_tail()}"
                )
            return len(body)

        for kind in kinds:
            for probe in probes:
                size = check(started[kind.key], probe, "before the load")
                results[kind.key, probe.key] = Measured(kind, probe, size)

        for round_number in range(o.rounds):
            order = kinds if round_number % 2 == 0 else kinds[::-1]
            for probe in probes:
                for kind in order:
                    server = started[kind.key]
                    measured = results[kind.key, probe.key]
                    if round_number == 0 and o.warmup > 0:
                        _wait_until_idle(ctx, started.values())
                        _load(ctx, server, probe, o.warmup, headers(probe))
                    _wait_until_idle(ctx, started.values())
                    cpu_before = server.cpu_seconds()
                    result = _load(ctx, server, probe, o.duration, headers(probe))
                    run = Run(result, server.cpu_seconds() - cpu_before, o.duration)
                    ctx.log(
                        f"round {round_number + 1}/{o.rounds} {kind.key:<8} {probe.key:<9} "
                        f"{result.requests_per_second:8.0f} req/s  p50 {result.p50_ms:.1f} ms  "
                        f"p99 {result.p99_ms:.1f} ms  CPU {run.cpu_ms_per_request:.2f} ms/req  "
                        f"{result.bytes_per_request / 1024:.1f} KB/resp  "
                        f"errors {result.socket_errors}"
                    )
                    _check_load(server, measured, result)
                    measured.runs.append(run)

        # Still the page for the learner after the load (the session did not expire).
        for kind in kinds:
            for probe in probes:
                check(started[kind.key], probe, "after the load")
    load_after = os.getloadavg()

    finish = _django(
        ctx,
        site.env,
        [
            "finish",
            f"--since={load_started}",
            f"--warmup={CERTIFICATE_WARMUP}",
            f"--runs={CERTIFICATE_RUNS}",
        ],
    )
    if not finish["progress_recorded"]:
        raise BenchmarkError("The learner's view of the lesson was not recorded.")
    return Section(
        TITLE, _render(ctx, kinds, probes, results, facts, finish, load_before, load_after)
    )


def _wait_until_idle(ctx: Context, servers: Iterable[Server]) -> None:
    servers = list(servers)
    deadline = time.monotonic() + IDLE_TIMEOUT_SECONDS
    last = sum(s.cpu_seconds() for s in servers)
    while time.monotonic() < deadline:
        time.sleep(IDLE_POLL_SECONDS)
        now = sum(s.cpu_seconds() for s in servers)
        if now - last < IDLE_CORES * IDLE_POLL_SECONDS:
            return
        last = now
    ctx.log(f"servers still busy after {IDLE_TIMEOUT_SECONDS} s; measuring anyway")


def _load(
    ctx: Context, server: Server, probe: Probe, duration: int, headers: dict[str, str]
) -> WrkResult:
    o = ctx.options
    return run_wrk(
        port=server.port,
        path=probe.path,
        duration=duration,
        connections=o.connections,
        threads=o.wrk_threads,
        headers=[f"{name}: {value}" for name, value in headers.items()],
    )


def _check_load(server: Server, measured: Measured, result: WrkResult) -> None:
    where = f"{server.name} on {measured.probe.path} ({measured.probe.label})"
    if result.non_2xx:
        raise BenchmarkError(f"{where}: {result.non_2xx} answers with an error status.")
    if result.requests == 0:
        raise BenchmarkError(f"{where}: no request completed.")
    if (
        measured.page_bytes >= SIZE_CHECK_FROM_BYTES
        and result.bytes_per_request < MIN_SIZE_SHARE * measured.page_bytes
    ):
        raise BenchmarkError(
            f"{where}: {result.bytes_per_request:.0f} bytes per answer under load, the page "
            f"has {measured.page_bytes}: the load got something else (a redirect?)."
        )


# --- the Markdown ------------------------------------------------------------


def _render(
    ctx: Context,
    kinds: list[ServerKind],
    probes: Sequence[Probe],
    results: dict[tuple[str, str], Measured],
    facts: dict[str, Any],
    finish: dict[str, Any],
    load_before: tuple[float, float, float],
    load_after: tuple[float, float, float],
) -> str:
    o = ctx.options
    queries = finish["queries"]
    cert = finish["certificate"]
    lines = [
        "### Method",
        "",
        "- Same settings, database and seed as the section above (a fresh SQLite file in "
        "WAL mode, `manage.py seed_demo`), but new server processes, started for this "
        "benchmark; every figure below is measured against `/healthz` served by the same "
        "process in the same minutes.",
        "- Servers, as in docs/deployment.md's units (without gunicorn's `--max-requests`, "
        "whose worker restarts would land inside the measured runs):",
    ]
    for kind in kinds:
        command = " ".join(kind.argv(ctx, "PORT")[1:])
        lines.append(
            f"  - {kind.interface}, {kind.describe(ctx)}, "
            f"DATABASE_CONN_MAX_AGE={CONN_MAX_AGE[kind.key]}: `python {command}`"
        )
    lines += [
        f"- Learner: the demo professional ({facts['email']}), logged in once through "
        f"allauth's form (`POST {facts['login_path']}`); wrk sends the session cookie with "
        "every request (`--header 'Cookie: sessionid=...'`), all connections as that one "
        "learner.",
        f'- Pages: the lesson `{facts["lesson_path"]}` ("{facts["lesson_title"]}", lesson '
        f"{facts['lesson_number']} of {facts['lesson_total']} of the Meldcode course, with "
        f"{facts['lesson_questions']} quiz questions), the course list "
        f"`{facts['index_path']}` (the CourseIndexPage) for the learner and for a visitor "
        "without a cookie, and `/healthz`.",
        "- Checks: before and after the load every server answered every path with the real "
        "page: the lesson with its title, its quiz form and the logout button (not a 302 to "
        "the login form), the list with every demo course. Under load wrk counts a redirect "
        "as a success, so each run also had to read at least "
        f"{MIN_SIZE_SHARE:.0%} of the checked page's size per answer, and no run had a "
        "non-2xx answer. After the run the learner's progress row for the lesson existed (the "
        "first view, before the load, recorded it).",
        f"- Load: `wrk --latency --threads={o.wrk_threads} --connections={o.connections} "
        f"--duration={o.duration}s`, after a {o.warmup} s warm-up per server and path; "
        f"{o.rounds} round(s), servers in turns, order swapped every other round. Before "
        "every warm-up and every measured run the benchmark waited until all servers were "
        "idle again, so no run inherits the requests a server still had queued from the "
        "one before (at 32 connections that is seconds of work on these pages). Figures "
        "are medians over the rounds; CPU ms/req and cores busy as in the section above.",
        f"- Load average (1, 5, 15 min) before: {_avg(load_before)}; after: {_avg(load_after)}.",
        "",
        "**A plain GET of a lesson writes nothing** (issue 16): `record_lesson_view` "
        "writes only when the learner's state changes (first view, the lesson done) or "
        "the last recorded view is older than "
        "5 minutes (`services.VIEW_RECORD_INTERVAL`), so under load the lesson is a "
        "read-only page and takes no SQLite write lock. "
        f"During this load the progress row was written {finish['progress_writes_during_load']} "
        "time(s) (0 or 1 expected).",
        "",
        "### Results",
        "",
        "| server | page | req/s | req/s range | p50 ms | p99 ms | CPU ms/req | cores busy "
        "| KB/answer | socket errors |",
        "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for kind in kinds:
        for probe in probes:
            m = results[kind.key, probe.key]
            low = min(r.wrk.requests_per_second for r in m.runs)
            high = max(r.wrk.requests_per_second for r in m.runs)
            lines.append(
                f"| {kind.interface}: {kind.key} | {probe.label} | {m.rps:,.0f} | "
                f"{low:,.0f}-{high:,.0f} | {ms(m.p50)} | {ms(m.p99)} | {ms(m.cpu_ms)} | "
                f"{m.cores_busy:.2f} | {m.page_bytes / 1024:.1f} | {m.errors} |"
            )
    lines += [
        "",
        "### Against the minimal view of the same server",
        "",
        "req/s ratio: the page's req/s divided by `/healthz`'s (1/ratio: how many times "
        "slower). CPU ratio: the page's CPU per request divided by `/healthz`'s, the steadier "
        "of the two on a shared machine.",
        "",
        "| server | page | req/s ratio | times slower | CPU per request ratio |",
        "| --- | --- | ---: | ---: | ---: |",
    ]
    for kind in kinds:
        base = results[kind.key, "healthz"]
        for probe in probes[1:]:
            m = results[kind.key, probe.key]
            lines.append(
                f"| {kind.key} | {probe.label} | {m.rps / base.rps:.3f} | "
                f"{base.rps / m.rps:.0f}x | {m.cpu_ms / base.cpu_ms:.0f}x |"
            )
    lines += [
        "",
        "### Queries per request",
        "",
        "Counted in-process with Django's test client (same settings and database), one "
        "request after a first one, as the logged-in learner or as a visitor:",
        "",
        "| page | queries | of which writes (INSERT/UPDATE/DELETE) |",
        "| --- | ---: | ---: |",
    ]
    for probe in probes:
        q = queries[probe.key]
        lines.append(f"| {probe.label} | {q['total']} | {q['writes']} |")
    lines += [
        "",
        "### Certificate PDF",
        "",
        f"`courses.certificates.certificate_pdf()` for a Completion of the Meldcode course "
        f"({cert['accreditations']} accreditations, QR code with the verification URL), "
        f"called in one process (Django set up with the bench settings): {cert['warmup']} "
        f"calls to warm up, then {cert['runs']} timed ones. The Completion was loaded as the "
        f"download view loads it (`completion_for_owner`), so drawing ran "
        f"{cert['queries']} database queries. Each PDF was {cert['bytes'] / 1024:.1f} KB; "
        "pypdf read the course title and the certificate code back from it.",
        "",
        "| | median | p95 | min | max |",
        "| --- | ---: | ---: | ---: | ---: |",
        f"| wall time, ms | {ms(cert['wall_median_ms'])} | {ms(cert['wall_p95_ms'])} | "
        f"{ms(cert['wall_min_ms'])} | {ms(cert['wall_max_ms'])} |",
        f"| CPU time of the process, ms | {ms(cert['cpu_median_ms'])} | "
        f"{ms(cert['cpu_p95_ms'])} | {ms(cert['cpu_min_ms'])} | {ms(cert['cpu_max_ms'])} |",
        "",
        "### What it means",
        "",
        *_interpret(kinds, results, queries, cert),
    ]
    return "\n".join(lines)


def _avg(values: tuple[float, float, float]) -> str:
    return " ".join(f"{v:.2f}" for v in values)


def _interpret(
    kinds: list[ServerKind],
    results: dict[tuple[str, str], Measured],
    queries: dict[str, Any],
    cert: dict[str, Any],
) -> list[str]:
    cores = os.cpu_count() or 1
    lines = []
    for kind in kinds:
        r = {key: results[kind.key, key] for key in ("healthz", "lesson", "list", "list-anon")}
        base = r["healthz"]
        lines.append(
            f"- {kind.key}: the lesson page served {r['lesson'].rps:,.0f} req/s, "
            f"{r['lesson'].rps / base.rps:.3f} of `/healthz` ({base.rps:,.0f} req/s), at "
            f"{ms(r['lesson'].cpu_ms)} ms of CPU per request against {ms(base.cpu_ms)}; the "
            f"course list {r['list'].rps:,.0f} req/s for the learner "
            f"({r['list'].rps / base.rps:.3f} of `/healthz`, {ms(r['list'].cpu_ms)} ms CPU) "
            f"and {r['list-anon'].rps:,.0f} req/s for a visitor "
            f"({ms(r['list-anon'].cpu_ms)} ms CPU). p99: lesson {ms(r['lesson'].p99)} ms, "
            f"learner's list {ms(r['list'].p99)} ms."
        )
    main = results.get(("gunicorn", "lesson")) or results[kinds[0].key, "lesson"]
    main_list = results[main.kind.key, "list"]
    lesson_q, list_q, anon_q = queries["lesson"], queries["list"], queries["list-anon"]
    factors = {
        k.key: results[k.key, "list"].cpu_ms / results[k.key, "list-anon"].cpu_ms for k in kinds
    }
    extras = ", ".join(f"{factor:.2f}x on {key}" for key, factor in factors.items())
    agree = max(factors.values()) - min(factors.values()) < 0.15
    lines.append(
        f"- Queries: the lesson page runs {lesson_q['total']}, {lesson_q['writes']} of them "
        f"writes; the learner's list {list_q['total']}, a visitor's {anon_q['total']}. The "
        f"learner's list took the CPU of a visitor's times {extras}, for "
        f"{list_q['total'] - anon_q['total']} extra queries (session, user, enrolments, "
        "completions)"
        + (
            "."
            if agree
            else "; the servers disagree by as much as the rounds vary, so read it as a range."
        )
    )
    busy, list_busy = main.cores_busy, main_list.cores_busy
    starved = max(busy, list_busy) < 0.6 * cores
    if busy < 0.8 * list_busy:
        verdict = (
            "lesson requests waited rather than computed for part of the time, which is "
            "what the SQLite write lock does (one writer at a time)"
        )
    else:
        verdict = "the lesson did not leave the server visibly idler than the read-only list"
    lines.append(
        f"- Under load {main.kind.key} kept {busy:.2f} cores busy on the lesson page and "
        f"{list_busy:.2f} on the learner's list: {verdict}."
        + (
            f" Neither got near the {cores} cores: other work on the machine and wrk took "
            "the rest, so this comparison is weak in this run."
            if starved
            else ""
        )
    )
    for kind in kinds:
        lesson, listed = results[kind.key, "lesson"], results[kind.key, "list"]
        lesson_tail, list_tail = lesson.p99 / lesson.p50, listed.p99 / listed.p50
        if lesson_tail > 2 * list_tail and lesson_tail > 3:
            lines.append(
                f"- On {kind.key} the lesson's p99 was {lesson_tail:.0f}x its p50 "
                f"({ms(lesson.p99)} vs {ms(lesson.p50)} ms; list: {list_tail:.1f}x): a "
                "few lesson views waited far longer than the rest. That fits transactions "
                "queuing for SQLite's write lock (its busy handler sleeps up to 100 ms "
                "between tries); PostgreSQL queues writers differently."
            )
    lines.append(
        f"- At {ms(main.cpu_ms)} ms of CPU per lesson view, {cores} free cores would serve "
        f"about {cores * 1000 / main.cpu_ms:,.0f} lesson views per second; a learner opens "
        "a lesson every few minutes, so this is not what will limit the platform. The "
        f"server's own cost, `/healthz` at {ms(results[main.kind.key, 'healthz'].cpu_ms)} "
        f"ms, is {results[main.kind.key, 'healthz'].cpu_ms / main.cpu_ms:.0%} of a lesson "
        "view's CPU: the rest is the page's own work (Wagtail's page lookup, the lesson's "
        "StreamField, the queries above, the templates), so speeding the page up means "
        "fewer queries and lighter templates, not another server."
    )
    lesson_equivalents = cert["cpu_median_ms"] / main.cpu_ms
    lines.append(
        f"- A certificate PDF takes {ms(cert['wall_median_ms'])} ms (median; p95 "
        f"{ms(cert['wall_p95_ms'])} ms), about {lesson_equivalents:.1f} lesson views' worth "
        "of CPU. A learner downloads one per course, so drawing it in the request, "
        "without a queue or a cache, is fine."
    )
    lines.append(
        "- Noise: the machine has 2 cores shared with other engineers' builds and tests, "
        "and wrk runs on the same cores as the servers. The req/s ranges show how much a "
        "figure moved between rounds; trust the ratios within a server and the CPU per "
        "request more than the absolute req/s, and re-measure on PostgreSQL before sizing "
        "a host."
    )
    return lines


# --- the Django side (a subprocess with the bench settings) ---------------------


def _setup_django() -> None:
    import django

    if os.environ.get("DJANGO_SETTINGS_MODULE") != "leerwerkplaats.settings.bench":
        raise SystemExit("bench.courses: run by bench/run.py, with the bench settings")
    django.setup()


def _prepare() -> dict[str, Any]:
    """What the HTTP side needs: who logs in, and which paths to load."""
    from django.conf import settings
    from django.urls import reverse

    from courses.models import CourseIndexPage, CoursePage, LessonPage
    from leerwerkplaats.demo import DEMO_ACCOUNTS, DEMO_PASSWORD

    course = CoursePage.objects.live().get(slug=COURSE_SLUG)
    index = CourseIndexPage.objects.live().get()
    lessons = list(LessonPage.objects.child_of(course).live().specific().order_by("path"))
    # The first lesson with a quiz: questions, answers' state and the form are drawn.
    number, lesson = next((i, page) for i, page in enumerate(lessons, 1) if page.question_blocks())
    professional = next(a for a in DEMO_ACCOUNTS if a.email.startswith("professional@"))
    return {
        "email": professional.email,
        "password": DEMO_PASSWORD,
        "login_path": reverse("account_login"),
        "logout_path": reverse("account_logout"),
        "session_cookie": settings.SESSION_COOKIE_NAME,
        "lesson_path": lesson.get_url_parts()[2],
        "lesson_pk": lesson.pk,
        "lesson_title": lesson.title,
        "lesson_number": number,
        "lesson_total": len(lessons),
        "lesson_questions": len(lesson.question_blocks()),
        "index_path": index.get_url_parts()[2],
        "course_titles": list(CoursePage.objects.live().values_list("title", flat=True)),
    }


def _count_queries(facts: dict[str, Any]) -> dict[str, dict[str, int]]:
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    user = get_user_model().objects.get(email=facts["email"])
    learner = Client(HTTP_HOST=LOOPBACK)
    learner.force_login(user)
    visitor = Client(HTTP_HOST=LOOPBACK)
    paths = {
        "healthz": (visitor, "/healthz"),
        "lesson": (learner, facts["lesson_path"]),
        "list": (learner, facts["index_path"]),
        "list-anon": (visitor, facts["index_path"]),
    }
    counts = {}
    for key, (client, path) in paths.items():
        client.get(path)  # the first request may write the session's timestamps
        with CaptureQueriesContext(connection) as captured:
            response = client.get(path)
        if response.status_code != 200:
            raise SystemExit(f"{path}: {response.status_code} in the test client")
        statements = [q["sql"].lstrip().split(" ", 1)[0].upper() for q in captured]
        counts[key] = {
            "total": len(statements),
            "writes": sum(s in {"INSERT", "UPDATE", "DELETE"} for s in statements),
        }
    return counts


def _certificate(email: str, warmup: int, runs: int) -> dict[str, Any]:
    import io

    from django.contrib.auth import get_user_model
    from django.db import connection, transaction
    from django.test.utils import CaptureQueriesContext
    from django.utils import timezone
    from pypdf import PdfReader

    from courses import certificates, selectors, services
    from courses.models import Completion, CoursePage

    course = CoursePage.objects.get(slug=COURSE_SLUG)
    user = get_user_model().objects.get(email=email)
    with transaction.atomic():
        enrolment = services.enrol(user=user, course=course)
        today = timezone.localdate()
        # What services.complete_course_if_done writes once every lesson is done.
        completion = Completion(
            user=user,
            course=course,
            enrolment=enrolment,
            cycle=enrolment.cycle,
            code=services.new_certificate_code(),
            completed_on=today,
            expires_on=today.replace(year=today.year + 2),
            course_revision_id=course.live_revision_id,
            course_title=course.title,
            study_minutes=course.study_minutes,
            score=90,
            accreditations=[
                {
                    "register": a.register,
                    "accreditation_id": a.accreditation_id,
                    "points": str(a.effective_points(course.study_minutes)),
                }
                for a in course.accreditations.all()
            ],
        )
        completion.full_clean()
        completion.save()
        # As the download view loads it.
        loaded = selectors.completion_for_owner(user=user, code=completion.code)
        assert loaded is not None  # noqa: S101 - just saved
        url = certificates.verification_url(loaded.code)
        for _ in range(warmup):
            certificates.certificate_pdf(completion=loaded, verify_url=url)
        wall, cpu = [], []
        with CaptureQueriesContext(connection) as captured:
            for _ in range(runs):
                cpu_start, wall_start = time.process_time(), time.perf_counter()
                pdf = certificates.certificate_pdf(completion=loaded, verify_url=url)
                wall.append((time.perf_counter() - wall_start) * 1000)
                cpu.append((time.process_time() - cpu_start) * 1000)
        text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
        if loaded.code not in text or course.title not in text:
            raise SystemExit("The certificate PDF does not hold the course title and code.")
        transaction.set_rollback(True)  # leave the shared bench database as it was
    return {
        "warmup": warmup,
        "runs": runs,
        "bytes": len(pdf),
        "accreditations": len(loaded.accreditations),
        "queries": len(captured) // runs,
        **_stats("wall", wall),
        **_stats("cpu", cpu),
    }


def _stats(name: str, values: list[float]) -> dict[str, float]:
    ordered = sorted(values)
    p95 = statistics.quantiles(ordered, n=20, method="inclusive")[18] if len(values) > 1 else 0
    return {
        f"{name}_median_ms": statistics.median(ordered),
        f"{name}_p95_ms": p95 or ordered[-1],
        f"{name}_min_ms": ordered[0],
        f"{name}_max_ms": ordered[-1],
    }


def _finish(argv: Sequence[str]) -> dict[str, Any]:
    import argparse
    from datetime import UTC, datetime

    from django.contrib.auth import get_user_model

    from courses.models import LessonProgress

    parser = argparse.ArgumentParser(prog="bench.courses finish")
    parser.add_argument("--since", type=float, required=True)
    parser.add_argument("--warmup", type=int, default=CERTIFICATE_WARMUP)
    parser.add_argument("--runs", type=int, default=CERTIFICATE_RUNS)
    args = parser.parse_args(argv)
    facts = _prepare()
    user = get_user_model().objects.get(email=facts["email"])
    since = datetime.fromtimestamp(args.since, tz=UTC)
    progress = LessonProgress.objects.filter(
        enrolment__user=user, lesson_id=facts["lesson_pk"]
    ).first()
    return {
        "progress_recorded": progress is not None,
        # last_viewed_at moves at most once per services.VIEW_RECORD_INTERVAL.
        "progress_writes_during_load": int(
            progress is not None and progress.last_viewed_at >= since
        ),
        # After the progress check: the test client's views write progress too.
        "queries": _count_queries(facts),
        "certificate": _certificate(facts["email"], args.warmup, args.runs),
    }


def main(argv: Sequence[str]) -> int:
    if not argv or argv[0] not in {"prepare", "finish"}:
        print("usage: python -m bench.courses prepare|finish [...]", file=sys.stderr)
        return 2
    _setup_django()
    result = _prepare() if argv[0] == "prepare" else _finish(argv[1:])
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
