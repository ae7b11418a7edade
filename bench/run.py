"""Run the benchmarks and write docs/performance.md (`make bench`).

    .venv/bin/python bench/run.py --output docs/performance.md
    .venv/bin/python bench/run.py --duration 2 --warmup 1 --rounds 1 --output /tmp/p.md  # smoke

A benchmark is a module with `run(ctx) -> Section` (listed in BENCHMARKS) or a
script that prints a Markdown section. One benchmark's failure is printed and
makes the run exit non-zero, but the other sections are still written.
"""

from __future__ import annotations

import argparse
import importlib
import os
import platform
import signal
import subprocess
import sys
import tempfile
import traceback
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from importlib import metadata
from pathlib import Path
from types import FrameType

# Run as a script (`python bench/run.py`), so the checkout is not on sys.path yet.
ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.harness import (  # noqa: E402
    BenchmarkError,
    Context,
    Options,
    Section,
    remove_workdir,
)
from bench.wrk import wrk_version  # noqa: E402

SCRIPT_TIMEOUT_SECONDS = 30 * 60


@dataclass(frozen=True)
class ModuleBenchmark:
    name: str
    module: str

    def skip_reason(self, ctx: Context) -> str | None:
        return None

    def run(self, ctx: Context) -> Section:
        # Imported only when it runs: a broken module fails its own benchmark,
        # not the whole run.
        return importlib.import_module(self.module).run(ctx)


@dataclass(frozen=True)
class ScriptBenchmark:
    """A script that prints its Markdown section on stdout (its stderr passes through)."""

    name: str
    path: str  # relative to the checkout
    title: str  # used when the script's output has no heading of its own

    def skip_reason(self, ctx: Context) -> str | None:
        if not (ctx.root / self.path).is_file():
            return f"`{self.path}` does not exist yet."
        return None

    def run(self, ctx: Context) -> Section:
        try:
            result = subprocess.run(
                [str(ctx.python), self.path],
                cwd=ctx.root,
                stdout=subprocess.PIPE,
                text=True,
                timeout=SCRIPT_TIMEOUT_SECONDS,
                check=False,
            )
        except subprocess.TimeoutExpired as exc:
            raise BenchmarkError(f"{self.path} took over {exc.timeout} s") from exc
        if result.returncode != 0:
            raise BenchmarkError(f"{self.path} exited with {result.returncode}")
        return _section_from_markdown(result.stdout, default_title=self.title)


@dataclass(frozen=True)
class KeptSection:
    """Figures another command measured (too long for `make bench`), kept in a file
    that command writes and copied into the document as they are."""

    name: str
    path: str  # relative to the checkout
    command: str

    def skip_reason(self, ctx: Context) -> str | None:
        if not (ctx.root / self.path).is_file():
            return f"`{self.path}` does not exist yet: run `{self.command}`."
        return None

    def run(self, ctx: Context) -> Section:
        text = (ctx.root / self.path).read_text(encoding="utf-8")
        return _section_from_markdown(text, default_title=self.name)


Benchmark = ModuleBenchmark | ScriptBenchmark | KeptSection

BENCHMARKS: tuple[Benchmark, ...] = (
    ModuleBenchmark("stack", "bench.stack"),
    ModuleBenchmark("courses", "bench.courses"),
    # BENCH_REDIS_URL=redis://... adds a run with Redis as cache and channel layer.
    ModuleBenchmark("pages", "bench.pages"),
    ScriptBenchmark("privacy", "bench/bench_privacy.py", "The de-identification engine"),
    ScriptBenchmark("forum-live", "bench/bench_forum_live.py", "Forum live fan-out"),
    KeptSection("forum-load", "tests/load/results.md", "make load"),
    ScriptBenchmark("lighthouse", "bench/lighthouse.py", "What a phone on a slow connection gets"),
)


def _section_from_markdown(text: str, *, default_title: str) -> Section:
    """A script's first heading becomes the section's title, at the document's level."""
    lines = text.strip().splitlines()
    if lines and lines[0].startswith("#"):
        return Section(lines[0].lstrip("#").strip(), "\n".join(lines[1:]))
    if not lines:
        raise BenchmarkError("the script printed nothing")
    return Section(default_title, text)


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--output", type=Path, default=ROOT / "docs" / "performance.md")
    parser.add_argument("--duration", type=int, default=10, help="seconds per measured run")
    parser.add_argument("--warmup", type=int, default=2, help="seconds of warm-up (0: none)")
    parser.add_argument("--rounds", type=int, default=3, help="measured runs per server/path")
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--wrk-threads", type=int, default=2)
    parser.add_argument("--workers", type=int, default=2, help="processes per server")
    parser.add_argument("--gunicorn-threads", type=int, default=4)
    parser.add_argument(
        "--servers",
        default="gunicorn,uvicorn",
        help="comma-separated: gunicorn, uvicorn, daphne (default: gunicorn,uvicorn)",
    )
    parser.add_argument(
        "--only",
        default=",".join(b.name for b in BENCHMARKS),
        help=f"comma-separated benchmarks to run (default: all of {[b.name for b in BENCHMARKS]})",
    )
    parser.add_argument("--keep-temp", action="store_true", help="keep database and server logs")
    args = parser.parse_args(argv)
    if args.duration < 1 or args.warmup < 0 or args.rounds < 1:
        parser.error("--duration and --rounds must be at least 1, --warmup at least 0")
    return args


def _raise_on_sigterm(signum: int, frame: FrameType | None) -> None:
    # SystemExit unwinds through every `finally` and context manager, so the
    # servers are stopped when the run is killed, not only on Ctrl-C.
    raise SystemExit(128 + signum)


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    signal.signal(signal.SIGTERM, _raise_on_sigterm)
    options = Options(
        duration=args.duration,
        warmup=args.warmup,
        rounds=args.rounds,
        connections=args.connections,
        wrk_threads=args.wrk_threads,
        workers=args.workers,
        gunicorn_threads=args.gunicorn_threads,
        servers=tuple(s.strip() for s in args.servers.split(",") if s.strip()),
        keep_temp=args.keep_temp,
    )
    wanted = {name.strip() for name in args.only.split(",") if name.strip()}
    unknown = wanted - {b.name for b in BENCHMARKS}
    if unknown:
        print(f"Unknown benchmarks: {sorted(unknown)}", file=sys.stderr)
        return 2
    started = datetime.now().astimezone()
    ctx = Context(options=options, workdir=Path(tempfile.mkdtemp(prefix="lwp-bench-")))
    sections: list[Section] = []
    skipped: list[tuple[str, str]] = []
    failed: list[tuple[str, str]] = []
    try:
        for benchmark in BENCHMARKS:
            if benchmark.name not in wanted:
                continue
            reason = benchmark.skip_reason(ctx)
            if reason is not None:
                ctx.log(f"{benchmark.name}: skipped, {reason}")
                skipped.append((benchmark.name, reason))
                continue
            ctx.log(f"{benchmark.name}: running")
            try:
                sections.append(benchmark.run(ctx))
            except Exception as exc:  # noqa: BLE001 - one failure must not lose the others
                print(f"\n*** benchmark {benchmark.name!r} FAILED ***", file=sys.stderr)
                traceback.print_exc()
                failed.append((benchmark.name, _first_line(exc)))
            else:
                ctx.log(f"{benchmark.name}: done")
    finally:
        remove_workdir(ctx)
    document = render(ctx, started, sections, skipped, failed, argv)
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(document, encoding="utf-8")
    ctx.log(f"wrote {args.output}")
    if failed:
        names = ", ".join(name for name, _ in failed)
        print(f"\nFAILED benchmarks: {names} (the others are in {args.output})", file=sys.stderr)
        return 1
    return 0


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__


def _version(package: str) -> str:
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return "not installed"


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def render(
    ctx: Context,
    started: datetime,
    sections: list[Section],
    skipped: list[tuple[str, str]],
    failed: list[tuple[str, str]],
    argv: Sequence[str] | None,
) -> str:
    command = " ".join(["python bench/run.py", *(sys.argv[1:] if argv is None else argv)])
    uvicorn_extras = ", ".join(p for p in ("uvloop", "httptools") if _version(p) != "not installed")
    lines = [
        "# Performance",
        "",
        "<!-- Written by `make bench` (bench/run.py); edits by hand are lost at the next run. -->",
        "",
        f"Measured on {started:%Y-%m-%d %H:%M %Z} with `{command}`.",
        "",
        "| machine | |",
        "| --- | --- |",
        f"| CPU | {os.cpu_count()} cores, {_cpu_model()} |",
        f"| system | {platform.system()} {platform.release()} |",
        f"| Python | {platform.python_version()} |",
        f"| Django, Wagtail, Channels | {_version('django')}, {_version('wagtail')}, "
        f"{_version('channels')} |",
        f"| gunicorn, uvicorn, daphne | {_version('gunicorn')}, {_version('uvicorn')} "
        f"({uvicorn_extras or 'pure Python'}), {_version('daphne')} |",
        f"| wrk | {wrk_version()} |",
        "",
        "The machine is shared: other people's builds and tests ran on the same cores during "
        "the run, and the load generator shares them with the servers. Expect the figures to "
        "move by tens of percent between runs; the ratios between servers, measured in turns "
        "within the same minutes, are steadier than the absolute numbers.",
        "",
    ]
    lines += [section.markdown() for section in sections]
    if skipped or failed:
        lines.append("## Not in this run\n")
        lines += [f"- **{name}** failed: {why}" for name, why in failed]
        lines += [f"- **{name}** skipped: {why}" for name, why in skipped]
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"


if __name__ == "__main__":
    sys.exit(main())
