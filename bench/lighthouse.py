"""What a phone on a slow connection gets: Lighthouse on the pages `make run` serves.

    .venv/bin/python bench/lighthouse.py              # prints a Markdown section
    .venv/bin/python bench/lighthouse.py --runs 1 --label after

Serves the site like `make run` does (development settings, DEBUG on, no
compression, daphne) on a free port with the demo content seeded into a scratch
SQLite database, then runs Lighthouse (the npm package in package.json) against
Debian's Chromium with its defaults: a mobile device and simulated slow 4G. Each
page is measured --runs times; the table gives the medians. Performance scores
vary from run to run on a loaded machine; the other categories do not.
"""

from __future__ import annotations

import argparse
import json
import os
import secrets
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
CHROMIUM = "/usr/bin/chromium"
PAGES = (
    ("home", "/"),
    ("help page", "/hulp/ik-maak-geweld-mee/"),
    ("course page", "/cursussen/meldcode-in-vijf-stappen/"),
)
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
_SCRUBBED_ENV = ("DATABASE_URL", "REDIS_URL", "PRIVACY_SERVICE_URL", "DJANGO_SETTINGS_MODULE")


def log(message: str) -> None:
    print(f"[lighthouse] {message}", file=sys.stderr, flush=True)


def free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def site_env(workdir: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in _SCRUBBED_ENV}
    env.update(
        DJANGO_SETTINGS_MODULE="leerwerkplaats.settings.dev",
        DATABASE_URL=f"sqlite:///{workdir / 'lighthouse.sqlite3'}",
        SECRET_KEY=secrets.token_urlsafe(50),
        PYTHONUNBUFFERED="1",
    )
    return env


def manage(env: dict[str, str], *args: str) -> None:
    log(f"manage.py {' '.join(args)}")
    subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        check=True,
        stdout=subprocess.DEVNULL,
    )


def wait_until_up(port: int, server: subprocess.Popen[bytes], timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError("the server stopped while starting")
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2):
                return
        except OSError:
            time.sleep(0.5)
    raise RuntimeError(f"the server did not answer on port {port} within {timeout} s")


def lighthouse(url: str) -> dict:
    result = subprocess.run(
        [
            str(LIGHTHOUSE),
            url,
            "--quiet",
            "--output=json",
            "--output-path=stdout",
            f"--only-categories={','.join(CATEGORIES)}",
            "--chrome-flags=--headless=new --no-sandbox --disable-gpu",
        ],
        env={**os.environ, "CHROME_PATH": CHROMIUM},
        stdout=subprocess.PIPE,
        text=True,
        check=True,
        timeout=300,
    )
    return json.loads(result.stdout)


def figures(report: dict) -> dict[str, float]:
    audits = report["audits"]
    stylesheets = [
        item
        for item in audits["network-requests"]["details"]["items"]
        if item.get("resourceType") == "Stylesheet"
    ]
    row = {name: report["categories"][name]["score"] * 100 for name in CATEGORIES}
    row["fcp"] = audits["first-contentful-paint"]["numericValue"] / 1000
    row["css"] = sum(item.get("resourceSize", 0) for item in stylesheets) / 1024
    row["console"] = len(audits["errors-in-console"]["details"].get("items", []))
    return row


def measure(port: int, runs: int) -> list[tuple[str, str, dict[str, float]]]:
    rows = []
    for name, path in PAGES:
        url = f"http://127.0.0.1:{port}{path}"
        results = []
        for run in range(runs):
            log(f"{name} {path}: run {run + 1} of {runs}")
            results.append(figures(lighthouse(url)))
        median = {key: statistics.median(r[key] for r in results) for key in results[0]}
        median["performance runs"] = [r["performance"] for r in results]
        rows.append((name, path, median))
    return rows


def markdown(rows: list[tuple[str, str, dict]], *, label: str, runs: int) -> str:
    lines = [
        f"| page ({label}) | performance | accessibility | best practices | SEO | FCP s "
        "| CSS KB | console errors |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for name, path, row in rows:
        runs_text = "/".join(f"{score:.0f}" for score in row["performance runs"])
        lines.append(
            f"| {name} `{path}` | {row['performance']:.0f} ({runs_text}) "
            f"| {row['accessibility']:.0f} | {row['best-practices']:.0f} | {row['seo']:.0f} "
            f"| {row['fcp']:.1f} | {row['css']:.1f} | {row['console']:.0f} |"
        )
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="Lighthouse runs per page (median)")
    parser.add_argument("--label", default="make run", help="names the table's rows")
    args = parser.parse_args()
    if not LIGHTHOUSE.exists():
        log("node_modules/.bin/lighthouse is missing: make install")
        return 2
    if not Path(CHROMIUM).exists():
        log(f"{CHROMIUM} is missing: make browser")
        return 2
    workdir = Path(tempfile.mkdtemp(prefix="lighthouse-"))
    server = None
    try:
        env = site_env(workdir)
        manage(env, "migrate", "--noinput", "-v", "0")
        manage(env, "seed_demo")
        port = free_port()
        log(f"daphne on 127.0.0.1:{port}")
        server = subprocess.Popen(
            [
                str(Path(sys.executable).parent / "daphne"),
                *("-b", "127.0.0.1", "-p", str(port)),
                "leerwerkplaats.asgi:application",
            ],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        wait_until_up(port, server)
        rows = measure(port, args.runs)
    finally:
        if server is not None:
            os.killpg(server.pid, signal.SIGTERM)
            server.wait(timeout=30)
        shutil.rmtree(workdir, ignore_errors=True)
    print("# What a phone on a slow connection gets\n")
    print(
        "Lighthouse "
        + subprocess.run(
            [str(LIGHTHOUSE), "--version"], stdout=subprocess.PIPE, text=True, check=False
        ).stdout.strip()
        + f" (mobile, simulated slow 4G) with {CHROMIUM} headless, against the pages served"
        " like `make run` (DEBUG, no compression, daphne); median of"
        f" {args.runs} runs per page, each run's performance score in brackets."
        " CSS KB: the stylesheets' size before compression (the NL Design System CSS"
        " and the site's own). The machine is shared (other people's builds and tests run"
        " on the same cores), so the performance score and the first contentful paint"
        " move between runs; the other categories do not.\n"
    )
    print(markdown(rows, label=args.label, runs=args.runs))
    print("\n`.venv/bin/python bench/lighthouse.py` (also part of `make bench`).")
    return 0


if __name__ == "__main__":
    sys.exit(main())
