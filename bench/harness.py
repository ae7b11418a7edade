"""What every benchmark shares: the run's options, a throw-away site, server processes.

Everything a benchmark starts is bounded in time and stopped with its whole
process group, so a failed or interrupted run leaves no server behind.
"""

from __future__ import annotations

import contextlib
import http.client
import os
import secrets
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType

ROOT = Path(__file__).resolve().parent.parent
BENCH_SETTINGS = "leerwerkplaats.settings.bench"
LOOPBACK = "127.0.0.1"

# Variables that could point a benchmark at real services or data; the bench
# settings define everything they need themselves.
_SCRUBBED_ENV = ("DATABASE_URL", "REDIS_URL", "PRIVACY_SERVICE_URL", "DJANGO_SETTINGS_MODULE")

MANAGE_TIMEOUT_SECONDS = 600
SERVER_START_TIMEOUT_SECONDS = 90
SERVER_STOP_TIMEOUT_SECONDS = 15


class BenchmarkError(RuntimeError):
    """A benchmark could not produce trustworthy figures; the message says why."""


@dataclass(frozen=True)
class Section:
    """One part of docs/performance.md: a heading and its Markdown body."""

    title: str
    body: str

    def markdown(self) -> str:
        return f"## {self.title}\n\n{self.body.strip()}\n"


@dataclass(frozen=True)
class Options:
    duration: int  # seconds of measurement per run (wrk takes whole seconds)
    warmup: int  # seconds of discarded load before the first measurement
    rounds: int  # measurements per server and path; the doc reports medians
    connections: int
    wrk_threads: int
    workers: int  # processes per server
    gunicorn_threads: int
    servers: tuple[str, ...]
    keep_temp: bool


@dataclass
class Site:
    """A migrated, seeded SQLite database and collected static files in a temp folder."""

    directory: Path
    env: dict[str, str]
    journal_mode: str


@dataclass
class Context:
    options: Options
    workdir: Path
    python: Path = field(default_factory=lambda: Path(sys.executable))
    root: Path = ROOT
    _site: Site | None = None

    def log(self, message: str) -> None:
        # stderr, so a benchmark script's stdout stays pure Markdown.
        print(f"[bench] {message}", file=sys.stderr, flush=True)

    def site(self) -> Site:
        """Prepared on first use: a run of only the privacy benchmark needs no database."""
        if self._site is None:
            self._site = _prepare_site(self)
        return self._site


def _prepare_site(ctx: Context) -> Site:
    directory = ctx.workdir / "site"
    static_root = directory / "static"
    static_root.mkdir(parents=True)
    database = directory / "bench.sqlite3"
    env = {k: v for k, v in os.environ.items() if k not in _SCRUBBED_ENV}
    env.update(
        DJANGO_SETTINGS_MODULE=BENCH_SETTINGS,
        # Four slashes: sqlite:/// plus the absolute path.
        DATABASE_URL=f"sqlite:///{database}",
        SECRET_KEY=secrets.token_urlsafe(50),
        BENCH_STATIC_ROOT=str(static_root),
        PYTHONUNBUFFERED="1",
    )
    steps = [
        ["migrate", "--noinput", "-v", "0"],
        ["seed_demo"],
        ["collectstatic", "--noinput", "-v", "0"],
    ]
    seeded = os.environ.get("BENCH_SEEDED_DATABASE")
    if seeded:
        # A copy of a database already migrated and seeded with these settings
        # (seeding takes minutes on a loaded machine): only the static files.
        shutil.copyfile(seeded, database)
        ctx.log(f"database copied from {seeded}")
        steps = steps[2:]
    for step in steps:
        ctx.log(f"manage.py {' '.join(step)}")
        manage(ctx, env, step)
    with sqlite3.connect(database) as connection:
        # WAL is persistent in the file; check that the project's settings set it.
        journal_mode = str(connection.execute("PRAGMA journal_mode").fetchone()[0])
    if journal_mode.lower() != "wal":
        raise BenchmarkError(f"The bench database is in {journal_mode} mode, not WAL.")
    return Site(directory=directory, env=env, journal_mode=journal_mode)


def manage(ctx: Context, env: dict[str, str], args: Sequence[str]) -> str:
    try:
        result = subprocess.run(
            [str(ctx.python), "manage.py", *args],
            cwd=ctx.root,
            env=env,
            capture_output=True,
            text=True,
            timeout=MANAGE_TIMEOUT_SECONDS,
            check=False,
        )
    except subprocess.TimeoutExpired as exc:
        raise BenchmarkError(f"manage.py {args[0]} took over {exc.timeout} s") from exc
    if result.returncode != 0:
        raise BenchmarkError(
            f"manage.py {' '.join(args)} failed ({result.returncode}):\n"
            f"{_tail(result.stdout + result.stderr)}"
        )
    return result.stdout


def free_port() -> int:
    """A port the kernel just handed out; the server binds it a moment later."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((LOOPBACK, 0))
        return int(sock.getsockname()[1])


def http_get(port: int, path: str, timeout: float = 5.0) -> tuple[int, bytes]:
    """A plain GET on the loopback interface. http.client, not urllib, so no proxy
    from the environment can carry benchmark traffic off the machine."""
    connection = http.client.HTTPConnection(LOOPBACK, port, timeout=timeout)
    try:
        connection.request("GET", path, headers={"Host": f"{LOOPBACK}:{port}"})
        response = connection.getresponse()
        return response.status, response.read()
    finally:
        connection.close()


class Server:
    """A server process in its own process group, started on a free port.

    Use as a context manager: __exit__ stops the group (SIGTERM, then SIGKILL)
    whatever happened inside, so workers forked by the server go too."""

    def __init__(
        self, name: str, argv: Sequence[str], *, port: int, env: dict[str, str], ctx: Context
    ) -> None:
        self.name = name
        self.argv = list(argv)
        self.port = port
        self.env = env
        self.ctx = ctx
        self.log_path = ctx.workdir / f"{name}.log"
        self.process: subprocess.Popen[bytes] | None = None

    def __enter__(self) -> Server:
        self.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.stop()

    def start(self) -> None:
        self.ctx.log(f"starting {self.name} on {LOOPBACK}:{self.port}")
        with self.log_path.open("wb") as log:
            self.process = subprocess.Popen(
                self.argv,
                cwd=self.ctx.root,
                env=self.env,
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        try:
            self._wait_until_ready(self.process)
        except BaseException:
            # __exit__ does not run when __enter__ fails: stop the group here.
            self.stop()
            raise

    def _wait_until_ready(self, process: subprocess.Popen[bytes]) -> None:
        deadline = time.monotonic() + SERVER_START_TIMEOUT_SECONDS
        while time.monotonic() < deadline:
            if process.poll() is not None:
                raise BenchmarkError(
                    f"{self.name} exited with {process.returncode} while starting:\n"
                    f"{self.log_tail()}"
                )
            try:
                status, _ = http_get(self.port, "/healthz", timeout=2.0)
            except OSError:
                status = 0
            if status == 200:
                return
            time.sleep(0.2)
        raise BenchmarkError(
            f"{self.name} did not answer within {SERVER_START_TIMEOUT_SECONDS} s:\n"
            f"{self.log_tail()}"
        )

    def stop(self) -> None:
        if self.process is None:
            return
        pgid = self.process.pid  # start_new_session made it the group leader
        _signal_group(pgid, signal.SIGTERM)
        try:
            self.process.wait(timeout=SERVER_STOP_TIMEOUT_SECONDS)
        except subprocess.TimeoutExpired:
            self.ctx.log(f"{self.name} ignored SIGTERM; killing its process group")
        # Workers may outlive their master; whatever is left in the group goes now.
        _signal_group(pgid, signal.SIGKILL)
        try:
            self.process.wait(timeout=SERVER_STOP_TIMEOUT_SECONDS)
        except subprocess.TimeoutExpired:
            self.ctx.log(f"{self.name} (pid {pgid}) could not be reaped")
        self.process = None

    def cpu_seconds(self) -> float:
        """CPU time (user + system) used so far by every live process of the server's group.

        On a shared machine req/s falls whenever someone else's build runs; the CPU
        a server spends per request does not, so it is the steadier comparison."""
        if self.process is None:
            return 0.0
        return process_group_cpu_seconds(self.process.pid)

    def log_tail(self) -> str:
        try:
            return _tail(self.log_path.read_text(errors="replace"))
        except OSError:
            return "(no log)"


_CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


def process_group_cpu_seconds(pgid: int) -> float:
    total_ticks = 0
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            text = stat.read_text()
        except OSError:
            continue  # exited while we looked
        # The command name is in parentheses and may hold spaces: split after it.
        fields = text.rsplit(")", 1)[1].split()
        if int(fields[2]) == pgid:  # pgrp
            total_ticks += int(fields[11]) + int(fields[12])  # utime + stime
    return total_ticks / _CLOCK_TICKS


def _signal_group(pgid: int, sig: signal.Signals) -> None:
    # The group may be gone already (PermissionError: its id was reused by a
    # process that is not ours, so it is not ours to signal).
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(pgid, sig)


def _tail(text: str, lines: int = 25) -> str:
    return "\n".join(text.strip().splitlines()[-lines:])


def remove_workdir(ctx: Context) -> None:
    if ctx.options.keep_temp:
        ctx.log(f"kept {ctx.workdir}")
    else:
        shutil.rmtree(ctx.workdir, ignore_errors=True)
