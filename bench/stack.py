"""The stack's own limit: req/s and p50/p99 of a minimal view and of the home page,
over WSGI (gunicorn, gthread) and over ASGI (uvicorn; daphne on request), in one run.

It is the reference for every later page: what a request costs before the
page itself does any work, and which server should carry plain HTTP.
"""

from __future__ import annotations

import os
import statistics
from collections.abc import Callable
from contextlib import ExitStack
from dataclasses import dataclass

from bench.harness import LOOPBACK, BenchmarkError, Context, Section, Server, free_port, http_get
from bench.wrk import WrkResult, run_wrk

TITLE = "The stack's own limit: WSGI and ASGI"
WSGI = "gunicorn"

# Below this the difference between two servers is within what a shared 2-core
# machine moves from one run to the next: call them equal.
SAME_SPEED = 1.15
# From this factor on, a second kind of worker process is worth its operational
# cost: the same cores serve half as many requests again or more.
SPLIT_WORTH_IT = 1.5


@dataclass(frozen=True)
class Probe:
    path: str
    what: str  # how the interpretation names it
    looks_right: Callable[[bytes], bool]


PROBES = (
    Probe("/healthz", "minimal sync view", lambda body: body == b"ok"),
    # The seeded HomePage, not Wagtail's welcome page or an error page.
    Probe("/", "home page", lambda body: b"HG Leerwerkplaats" in body),
)


@dataclass(frozen=True)
class ServerKind:
    key: str
    interface: str  # WSGI or ASGI
    argv: Callable[[Context, str], list[str]]  # port as text, so the doc can show PORT
    describe: Callable[[Context], str]


def _gunicorn(ctx: Context, port: str) -> list[str]:
    o = ctx.options
    return [
        str(ctx.python), "-m", "gunicorn", "leerwerkplaats.wsgi:application",
        "--worker-class", "gthread", f"--workers={o.workers}", f"--threads={o.gunicorn_threads}",
        f"--bind={LOOPBACK}:{port}", "--graceful-timeout=5", "--log-level=warning",
    ]  # fmt: skip


def _uvicorn(ctx: Context, port: str) -> list[str]:
    return [
        str(ctx.python), "-m", "uvicorn", "leerwerkplaats.asgi:application",
        f"--workers={ctx.options.workers}", f"--host={LOOPBACK}", f"--port={port}",
        # Channels' ProtocolTypeRouter has no lifespan handler; access logs are off
        # as in gunicorn's default (and production keeps no IP addresses).
        "--lifespan=off", "--no-access-log", "--log-level=warning",
    ]  # fmt: skip


def _daphne(ctx: Context, port: str) -> list[str]:
    return [
        str(ctx.python), "-m", "daphne", "-b", LOOPBACK, "-p", port, "-v", "0",
        "leerwerkplaats.asgi:application",
    ]  # fmt: skip


SERVER_KINDS = {
    kind.key: kind
    for kind in (
        ServerKind(
            "gunicorn",
            "WSGI",
            _gunicorn,
            lambda ctx: (
                f"gunicorn gthread, {ctx.options.workers} workers x "
                f"{ctx.options.gunicorn_threads} threads"
            ),
        ),
        ServerKind(
            "uvicorn",
            "ASGI",
            _uvicorn,
            lambda ctx: f"uvicorn, {ctx.options.workers} workers",
        ),
        ServerKind("daphne", "ASGI", _daphne, lambda ctx: "daphne, 1 process"),
    )
}


@dataclass(frozen=True)
class Run:
    wrk: WrkResult
    cpu_seconds: float  # used by the server's processes during the measured run
    duration: int

    @property
    def cpu_ms_per_request(self) -> float:
        return self.cpu_seconds * 1000 / max(self.wrk.requests, 1)


class RunStats:
    """Medians over the rounds of one server and path (`self.runs`)."""

    runs: list[Run]

    @property
    def rps(self) -> float:
        return statistics.median(r.wrk.requests_per_second for r in self.runs)

    @property
    def p50(self) -> float:
        return statistics.median(r.wrk.p50_ms for r in self.runs)

    @property
    def p99(self) -> float:
        return statistics.median(r.wrk.p99_ms for r in self.runs)

    @property
    def cpu_ms(self) -> float:
        return statistics.median(r.cpu_ms_per_request for r in self.runs)

    @property
    def cores_busy(self) -> float:
        return statistics.median(r.cpu_seconds / r.duration for r in self.runs)

    @property
    def errors(self) -> int:
        return sum(r.wrk.socket_errors for r in self.runs)


@dataclass
class Measured(RunStats):
    kind: ServerKind
    probe: Probe
    runs: list[Run]


def run(ctx: Context) -> Section:
    o = ctx.options
    unknown = set(o.servers) - set(SERVER_KINDS)
    if unknown:
        raise BenchmarkError(f"Unknown servers {sorted(unknown)}; known: {sorted(SERVER_KINDS)}")
    kinds = [SERVER_KINDS[key] for key in o.servers]
    site = ctx.site()
    load_before = os.getloadavg()
    results = {(k.key, p.path): Measured(k, p, []) for k in kinds for p in PROBES}

    with ExitStack() as servers:
        # All servers up at once, so the rounds can alternate between them: load
        # from other users of the machine then falls on every server alike.
        started: dict[str, Server] = {}
        for kind in kinds:
            port = free_port()
            argv = kind.argv(ctx, str(port))
            server = Server(kind.key, argv, port=port, env=site.env, ctx=ctx)
            started[kind.key] = servers.enter_context(server)
        for kind in kinds:
            for probe in PROBES:
                _check_answer(started[kind.key], probe)
        for round_number in range(o.rounds):
            # Reverse the order every other round, so no server always goes first.
            order = kinds if round_number % 2 == 0 else kinds[::-1]
            for probe in PROBES:
                for kind in order:
                    server = started[kind.key]
                    if round_number == 0 and o.warmup > 0:
                        _load(server.port, probe, o.warmup, ctx)
                    cpu_before = server.cpu_seconds()
                    result = _load(server.port, probe, o.duration, ctx)
                    run = Run(result, server.cpu_seconds() - cpu_before, o.duration)
                    ctx.log(
                        f"round {round_number + 1}/{o.rounds} {kind.key:<8} {probe.path:<8} "
                        f"{result.requests_per_second:8.0f} req/s  p50 {result.p50_ms:.1f} ms  "
                        f"p99 {result.p99_ms:.1f} ms  CPU {run.cpu_ms_per_request:.2f} ms/req  "
                        f"errors {result.socket_errors}"
                    )
                    if result.non_2xx:
                        raise BenchmarkError(
                            f"{kind.key} answered {result.non_2xx} requests to {probe.path} "
                            f"with an error status: the figures would not be the page's."
                        )
                    results[kind.key, probe.path].runs.append(run)
    load_after = os.getloadavg()
    return Section(TITLE, _render(ctx, kinds, results, load_before, load_after))


def _load(port: int, probe: Probe, duration: int, ctx: Context) -> WrkResult:
    o = ctx.options
    return run_wrk(
        port=port,
        path=probe.path,
        duration=duration,
        connections=o.connections,
        threads=o.wrk_threads,
    )


def _check_answer(server: Server, probe: Probe) -> None:
    """Before any load: the page must be the real page, or the figures measure an error."""
    status, body = http_get(server.port, probe.path)
    if status != 200 or not probe.looks_right(body):
        raise BenchmarkError(
            f"{server.name} answered {probe.path} with {status} and not the expected page:\n"
            f"{body[:500]!r}\n{server.log_tail()}"
        )


# --- the Markdown ------------------------------------------------------------


def ms(value: float) -> str:
    return f"{value:.2f}" if value < 10 else f"{value:.1f}"


def _render(
    ctx: Context,
    kinds: list[ServerKind],
    results: dict[tuple[str, str], Measured],
    load_before: tuple[float, float, float],
    load_after: tuple[float, float, float],
) -> str:
    o = ctx.options
    conn_max_age = ctx.site().env.get("DATABASE_CONN_MAX_AGE", "0")
    conn_note = (
        "production's default: a new database connection per request"
        if conn_max_age == "0"
        else "connections kept between requests"
    )
    lines = [
        "### Method",
        "",
        "- Settings `leerwerkplaats.settings.bench`: production's middleware and DEBUG off, "
        "compressed static files through WhiteNoise after `collectstatic` (not hashed: see "
        "the comment in bench.py), plain HTTP on 127.0.0.1, LocMem cache, in-memory "
        "channel layer.",
        "- Database: a new SQLite file in WAL mode, migrated and seeded with "
        "`manage.py seed_demo`, deleted after the run. "
        f"DATABASE_CONN_MAX_AGE={conn_max_age} ({conn_note}).",
        "- Paths: `/healthz` (a sync view that touches neither database nor cache: the cost "
        "of the stack alone) and `/` (the Wagtail home page: site and page lookup in the "
        "database, templates, the full middleware stack). Each server's answer to both was "
        "checked before the load.",
        "- Servers, all started at once on free ports:",
    ]
    for kind in kinds:
        command = " ".join(kind.argv(ctx, "PORT")[1:])
        lines.append(f"  - {kind.interface}, {kind.describe(ctx)}: `python {command}`")
    lines += [
        f"- Load: `wrk --latency --threads={o.wrk_threads} --connections={o.connections} "
        f"--duration={o.duration}s` on 127.0.0.1, after a {o.warmup} s warm-up per server "
        f"and path. {o.rounds} round(s); the servers take turns within each round and swap "
        "order every other round. Each figure is the median over the rounds; the range "
        "shows the lowest and highest req/s.",
        "- CPU ms/req: user + system CPU time of all the server's processes (from /proc) "
        "during the measured run, divided by the requests wrk completed; cores busy: that "
        "CPU time per second of the run. Unlike req/s these do not fall when someone else "
        "takes the cores, so they are the steadier figures on a shared machine.",
        f"- Load average (1, 5, 15 min) before: {_load_avg(load_before)}; "
        f"after: {_load_avg(load_after)}. wrk runs on the same cores as the servers and takes "
        "its share of them, and other people's work on the machine moves the figures: read "
        "them as ratios and orders of magnitude, not as exact capacity.",
        "",
        "### Results",
        "",
        "| server | path | req/s | req/s range | p50 ms | p99 ms | CPU ms/req | cores busy "
        "| socket errors |",
        "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for probe in PROBES:
        for kind in kinds:
            m = results[kind.key, probe.path]
            low = min(r.wrk.requests_per_second for r in m.runs)
            high = max(r.wrk.requests_per_second for r in m.runs)
            lines.append(
                f"| {kind.interface}: {kind.describe(ctx)} | `{probe.path}` | {m.rps:,.0f} | "
                f"{low:,.0f}-{high:,.0f} | {ms(m.p50)} | {ms(m.p99)} | {ms(m.cpu_ms)} | "
                f"{m.cores_busy:.2f} | {m.errors} |"
            )
    asgi_kinds = [k for k in kinds if k.interface == "ASGI"]
    if WSGI in o.servers and asgi_kinds:
        lines += [
            "",
            "### ASGI / WSGI",
            "",
            "| path | ASGI server | req/s ASGI/WSGI | p99 ASGI/WSGI | CPU per request ASGI/WSGI |",
            "| --- | --- | ---: | ---: | ---: |",
        ]
        for probe in PROBES:
            wsgi = results[WSGI, probe.path]
            for kind in asgi_kinds:
                asgi = results[kind.key, probe.path]
                lines.append(
                    f"| `{probe.path}` | {kind.describe(ctx)} | {asgi.rps / wsgi.rps:.2f} | "
                    f"{asgi.p99 / wsgi.p99:.2f} | {asgi.cpu_ms / wsgi.cpu_ms:.2f} |"
                )
        lines += ["", "### What it means", "", *_interpret(ctx, asgi_kinds, results)]
    return "\n".join(lines)


def _load_avg(values: tuple[float, float, float]) -> str:
    return " ".join(f"{v:.2f}" for v in values)


def _compare(speedup: float) -> str:
    if speedup >= SAME_SPEED:
        return f"{speedup:.1f}x slower than"
    if speedup <= 1 / SAME_SPEED:
        return f"{1 / speedup:.1f}x faster than"
    return "about as fast as"


def _interpret(
    ctx: Context, asgi_kinds: list[ServerKind], results: dict[tuple[str, str], Measured]
) -> list[str]:
    cores = os.cpu_count() or 1
    lines = []
    for kind in asgi_kinds:
        for probe in PROBES:
            wsgi, asgi = results[WSGI, probe.path], results[kind.key, probe.path]
            lines.append(
                f"- ASGI ({kind.describe(ctx)}) served the {probe.what} (`{probe.path}`) "
                f"{_compare(wsgi.rps / asgi.rps)} WSGI: {asgi.rps:,.0f} vs {wsgi.rps:,.0f} "
                f"req/s, p99 {ms(asgi.p99)} vs {ms(wsgi.p99)} ms, and spent "
                f"{asgi.cpu_ms / wsgi.cpu_ms:.1f}x the CPU per request "
                f"({ms(asgi.cpu_ms)} vs {ms(wsgi.cpu_ms)} ms)."
            )
    healthz, home = results[WSGI, "/healthz"], results[WSGI, "/"]
    for kind in asgi_kinds:
        fixed = results[kind.key, "/healthz"].cpu_ms - healthz.cpu_ms
        on_home = results[kind.key, "/"].cpu_ms - home.cpu_ms
        lines.append(
            f"- {kind.describe(ctx)} added {ms(fixed)} ms of CPU to a request before the view "
            f"did any work (the difference on the minimal view: Django hands each sync view "
            f"to a thread through asgiref and back); on the home page the difference was "
            f"{ms(on_home)} ms. Every page over ASGI pays that fixed cost; the cheaper the "
            "page, the larger its share."
        )
    lines.append(
        f"- On WSGI one request to the minimal view cost {ms(healthz.cpu_ms)} ms of CPU and "
        f"one to the home page {ms(home.cpu_ms)} ms: the reference later pages are measured "
        f"against. At that cost {cores} free cores would serve about "
        f"{cores * 1000 / home.cpu_ms:,.0f} home pages per second."
    )
    if any(m.errors for m in results.values()):
        lines.append(
            "- Some runs had socket errors (see the table): a server that cannot keep up "
            "lets connections time out, so its real p99 is worse than shown."
        )
    # The layout follows from the home page, not the minimal view: a real page does
    # its own work, which can hide a server's fixed cost. And from CPU per request,
    # not req/s: it is what decides how many cores production needs, and other
    # people's load on this machine moves it least.
    main = next((k for k in asgi_kinds if k.key == "uvicorn"), asgi_kinds[0])
    asgi_home = results[main.key, "/"]
    factor = asgi_home.cpu_ms / home.cpu_ms  # >1: ASGI needs more CPU per page
    throughput = home.rps / asgi_home.rps  # >1: WSGI served more pages per second
    evidence = (
        f"ASGI ({main.describe(ctx)}) spent {factor:.1f}x the CPU of WSGI per home page and "
        f"served {1 / throughput:.2f}x its requests per second"
    )
    lines.append("")
    if factor >= SPLIT_WORTH_IT:
        lines.append(
            f"**For production:** {evidence}. Plain HTTP goes to gunicorn (gthread) workers "
            "and only `/ws/` to ASGI workers behind the reverse proxy; serving every page "
            f"over ASGI would need about {factor:.1f}x the cores for the same traffic "
            "(docs/deployment.md)."
        )
    elif factor >= SAME_SPEED:
        lines.append(
            f"**For production:** {evidence}. HTTP on gunicorn workers and `/ws/` on ASGI "
            f"workers saves about {1 - 1 / factor:.0%} of the CPU for pages; one ASGI layout "
            "is simpler and enough while traffic is small (docs/deployment.md)."
        )
    else:
        lines.append(
            f"**For production:** {evidence}: a second kind of worker buys nothing "
            "measurable, so one ASGI layout serves HTTP and `/ws/` (docs/deployment.md)."
        )
    return lines
