"""`make prod-check`: the production layout of docs/deployment.md, started for real
on 127.0.0.1 and walked through in a browser.

    .venv/bin/python tests/prod/prod_check.py [--keep]

What runs, each on a free high port, with `leerwerkplaats.settings.production`:

- Debian's nginx with deploy/nginx.conf (the file the docs show), TLS with a
  throw-away self-signed certificate; only ports, paths and the certificate are
  replaced (`nginx_site`), every replacement must match or the check stops;
- gunicorn, 2 gthread workers (HTTP), and 2 uvicorn processes (/ws/), with the
  arguments of the systemd units in the docs;
- the privacy service (`python -m privacy serve`), which the workers call;
- the machine's PostgreSQL (database PRODCHECK_DATABASE, default lwp_prodcheck,
  created and dropped here) and Redis (DB number PRODCHECK_REDIS_DB, default 14,
  flushed before and after).

Then Chromium (Debian's, through Playwright) goes through nginx: visitor pages, the
demo moderator's login with a TOTP code, a lesson for the demo professional, and a
forum post with a made-up name and address that reaches a second browser whose
socket is on the other uvicorn process; the pages' security headers on the way.
Plain requests check the static files (hashed names, a year of caching), that
media/wagtail_uploads/ and documents are not served by nginx, that a visitor gets
no private document, and the HTTP to HTTPS redirect. At the end the stored post
holds placeholders, and no log of any service the raw name or address (nor an
error).

Everything started here is stopped again, also on failure or Ctrl-C. Not a test
file (pytest collects test_*.py only); the suite never runs it."""

from __future__ import annotations

import argparse
import base64
import fcntl
import gzip
import hmac
import http.client
import json
import os
import random
import re
import secrets
import shutil
import signal
import socket
import ssl
import struct
import subprocess
import sys
import tempfile
import time
import traceback
from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent.parent
PY = sys.executable
NGINX_CONF = ROOT / "deploy" / "nginx.conf"
PREPARE = str(ROOT / "tests" / "prod" / "prepare.py")
NGINX_CANDIDATES = ("/usr/sbin/nginx", "/usr/bin/nginx")
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
# As tests/e2e/conftest.py: headless, and no calls to Google's hosts at start.
CHROMIUM_ARGS = [
    "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--disable-dev-shm-usage",
]  # fmt: skip

SETTINGS = "leerwerkplaats.settings.production"
DATABASE = os.environ.get("PRODCHECK_DATABASE", "lwp_prodcheck")
PG = os.environ.get("PRODCHECK_POSTGRES", "postgres://postgres@127.0.0.1:5432")
REDIS_DB = int(os.environ.get("PRODCHECK_REDIS_DB", "14"))
REDIS = os.environ.get("PRODCHECK_REDIS", "redis://127.0.0.1:6379")

# The units' command lines in docs/deployment.md ({port} where the unit has its
# own); tests/leerwerkplaats/test_deployment_docs.py keeps them the same.
GUNICORN_ARGS = [
    "leerwerkplaats.wsgi:application",
    "--worker-class", "gthread", "--workers", "2", "--threads", "4",
    "--bind", "127.0.0.1:{port}", "--forwarded-allow-ips", "127.0.0.1",
    "--max-requests", "5000", "--max-requests-jitter", "500", "--graceful-timeout", "20",
    "--no-control-socket",
]  # fmt: skip
UVICORN_ARGS = [
    "leerwerkplaats.asgi:application",
    "--host", "127.0.0.1", "--port", "{port}", "--lifespan", "off", "--no-access-log",
    "--ws-max-size", "1048576", "--proxy-headers", "--forwarded-allow-ips", "127.0.0.1",
]  # fmt: skip
PRIVACY_ARGS = ["-m", "privacy", "serve", "--host", "127.0.0.1", "--port", "{port}"]

# A made-up person and address, posted in the forum: the privacy engine replaces
# both, so neither may reach the database or any log.
CANARY = (
    "Gisteren sprak ik met Wilhelmina Zonnebloemsma, zij woont op de Kwikstaartlaan 17 "
    "in Zoetermeer. Hoe pakken jullie zo'n gesprek aan?"
)
CANARY_PARTS = ("Wilhelmina", "Zonnebloemsma", "Kwikstaartlaan")
PLACEHOLDERS = ("[NAAM-1]", "[ADRES-1]")

# uvicorn's own log line when it accepts a WebSocket (its error log, not the access
# log the unit switches off): how the check knows which process holds a socket.
FORUM_SOCKET_ACCEPTED = re.compile(r'"WebSocket /ws/forum/[^"]*" \[accepted\]')
ERROR_LINE = re.compile(r"Traceback|\b(ERROR|CRITICAL)\b|\[(error|crit|alert|emerg)\]")
STARTED = time.monotonic()


class CheckFailed(Exception):
    pass


def log(message: str) -> None:
    print(f"[prod-check {time.monotonic() - STARTED:6.1f}s] {message}", flush=True)


def check(condition: object, message: str) -> None:
    if not condition:
        raise CheckFailed(message)


def free_ports(count: int) -> list[int]:
    """Ports nothing listens on, below Linux's range for outgoing connections
    (32768-60999, where a port could be taken between this choice and the bind),
    held together while choosing so that no two are the same."""
    chosen: list[socket.socket] = []
    try:
        while len(chosen) < count:
            probe = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
            try:
                probe.bind(("127.0.0.1", random.randint(20000, 32000)))
            except OSError:
                probe.close()
                continue
            chosen.append(probe)
        return [int(probe.getsockname()[1]) for probe in chosen]
    finally:
        for probe in chosen:
            probe.close()


def nginx_binary() -> str | None:
    found = shutil.which("nginx")
    return found or next((p for p in NGINX_CANDIDATES if os.access(p, os.X_OK)), None)


@dataclass
class Ports:
    https: int
    http: int
    gunicorn: int
    asgi: tuple[int, int]
    privacy: int

    @classmethod
    def choose(cls) -> Ports:
        https, http, gunicorn, asgi_1, asgi_2, privacy = free_ports(6)
        return cls(https, http, gunicorn, (asgi_1, asgi_2), privacy)


# --- processes -------------------------------------------------------------


@dataclass
class Service:
    name: str
    process: subprocess.Popen
    log_path: Path


class Services:
    """Starts processes in their own process groups, logs to files; stops them all."""

    def __init__(self, logs: Path) -> None:
        self.logs = logs
        self.running: list[Service] = []

    def start(self, name: str, argv: list[str], env: dict[str, str]) -> Service:
        log_path = self.logs / f"{name}.log"
        with log_path.open("ab") as output:
            process = subprocess.Popen(
                argv,
                cwd=ROOT,
                env=env,
                stdin=subprocess.DEVNULL,
                stdout=output,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        service = Service(name, process, log_path)
        self.running.append(service)
        log(f"started {name} (pid {process.pid}): {' '.join(argv[:4])} ...")
        return service

    def wait_for_port(self, service: Service, port: int, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if service.process.poll() is not None:
                raise CheckFailed(
                    f"{service.name} exited with {service.process.returncode} before "
                    f"listening on {port}; its log:\n{tail(service.log_path)}"
                )
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                    log(f"{service.name} listens on 127.0.0.1:{port}")
                    return
            except OSError:
                time.sleep(0.1)
        raise CheckFailed(f"{service.name} did not listen on {port} within {timeout:.0f} s")

    def stop_all(self) -> None:
        # The front door first (then no new requests, and gunicorn's keep-alive
        # connections from nginx close), then the rest in reverse order of start.
        newest_first = list(reversed(self.running))
        order = [s for s in newest_first if s.name == "nginx"] + [
            s for s in newest_first if s.name != "nginx"
        ]
        for service in order:
            process = service.process
            if process.poll() is None:
                try:
                    os.killpg(process.pid, signal.SIGTERM)
                    process.wait(timeout=20)
                except ProcessLookupError:
                    pass
                except subprocess.TimeoutExpired:
                    os.killpg(process.pid, signal.SIGKILL)
                    process.wait(timeout=10)
            log(f"stopped {service.name} (exit {process.returncode})")
        self.running.clear()


def tail(path: Path, lines: int = 30) -> str:
    try:
        return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])
    except OSError:
        return "(no log)"


class Task:
    """A one-off command in the background (its output kept for the result)."""

    def __init__(self, what: str, argv: list[str], env: dict[str, str]) -> None:
        self.what = what
        self.started = time.monotonic()
        self.process = subprocess.Popen(
            argv, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
            start_new_session=True,
        )  # fmt: skip
        log(f"{what}: started")

    def wait(self, timeout: float = 300) -> str:
        try:
            out, err = self.process.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            raise CheckFailed(f"{self.what} took longer than {timeout:.0f} s") from None
        if self.process.returncode != 0:
            raise CheckFailed(f"{self.what} failed ({self.process.returncode}):\n{out}\n{err}")
        log(f"{self.what}: done in {time.monotonic() - self.started:.1f} s")
        return out

    def stop(self) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait()


class Tasks(list):
    def add(self, what: str, argv: list[str], env: dict[str, str]) -> Task:
        self.append(Task(what, argv, env))
        return self[-1]

    def stop_all(self) -> None:
        for task in self:
            task.stop()


def run(argv: list[str], env: dict[str, str], what: str) -> str:
    t0 = time.monotonic()
    result = subprocess.run(argv, cwd=ROOT, env=env, capture_output=True, text=True)
    if result.returncode != 0:
        raise CheckFailed(f"{what} failed ({result.returncode}):\n{result.stdout}\n{result.stderr}")
    log(f"{what}: done in {time.monotonic() - t0:.1f} s")
    return result.stdout


# --- PostgreSQL and Redis --------------------------------------------------


def recreate_database(drop_only: bool = False) -> None:
    import psycopg

    with psycopg.connect(f"{PG}/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{DATABASE}" WITH (FORCE)')
        if not drop_only:
            conn.execute(f'CREATE DATABASE "{DATABASE}"')


def flush_redis() -> None:
    import redis

    redis.Redis.from_url(f"{REDIS}/{REDIS_DB}").flushdb()


# --- configuration ---------------------------------------------------------


def production_env(ports: Ports, run_dir: Path) -> dict[str, str]:
    """The variables docs/deployment.md asks for, with values for 127.0.0.1."""
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("DJANGO_", "DATABASE_", "REDIS_", "PRIVACY_", "SECURE_"))
    }
    origin = f"https://127.0.0.1:{ports.https}"
    env.update(
        DJANGO_SETTINGS_MODULE=SETTINGS,
        SECRET_KEY=secrets.token_urlsafe(64),
        ALLOWED_HOSTS="127.0.0.1",
        # nginx passes $host (no port) on; the browser's Origin has the check's port.
        CSRF_TRUSTED_ORIGINS=origin,
        SITE_URL=origin,
        DATABASE_URL=f"{PG}/{DATABASE}",
        REDIS_URL=f"{REDIS}/{REDIS_DB}",
        PRIVACY_SERVICE_URL=f"http://127.0.0.1:{ports.privacy}",
        PRIVACY_SERVICE_TOKEN=secrets.token_urlsafe(32),
        MFA_ENCRYPTION_KEY=secrets.token_urlsafe(64),
        EMAIL_HOST="127.0.0.1",
        EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend",
        DEFAULT_FROM_EMAIL="HG Leerwerkplaats <noreply@prod-check.invalid>",
        CONTACT_EMAIL="contact@prod-check.invalid",
        STATIC_ROOT=str(run_dir / "staticfiles"),
        MEDIA_ROOT=str(run_dir / "media"),
        LOG_LEVEL="INFO",
        PYTHONUNBUFFERED="1",
    )
    env.setdefault("DEDUCE_CACHE_DIR", str(ROOT / ".cache" / "deduce"))
    return env


def self_signed_certificate(run_dir: Path) -> tuple[Path, Path]:
    cert, key = run_dir / "tls" / "cert.pem", run_dir / "tls" / "key.pem"
    cert.parent.mkdir()
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
         "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1",
         "-keyout", str(key), "-out", str(cert)],
        check=True, capture_output=True,
    )  # fmt: skip
    return cert, key


def nginx_site(conf: str, ports: Ports, run_dir: Path, cert: Path, key: Path) -> str:
    """deploy/nginx.conf with the check's ports, paths and certificate. Nothing else
    changes; a replacement that no longer matches stops the check (the file moved
    on and the check must follow)."""
    logs = run_dir / "logs"
    replacements = [
        ("server 127.0.0.1:8001;", f"server 127.0.0.1:{ports.gunicorn};"),
        ("server 127.0.0.1:8002;", f"server 127.0.0.1:{ports.asgi[0]};"),
        ("server 127.0.0.1:8003;", f"server 127.0.0.1:{ports.asgi[1]};"),
        ("listen 80;", f"listen 127.0.0.1:{ports.http};"),
        ("listen [::]:80;", "# (IPv6 left out on 127.0.0.1)"),
        ("listen 443 ssl http2;", f"listen 127.0.0.1:{ports.https} ssl http2;"),
        ("listen [::]:443 ssl http2;", "# (IPv6 left out on 127.0.0.1)"),
        ("/etc/letsencrypt/live/leerwerkplaats.example.nl/fullchain.pem", str(cert)),
        ("/etc/letsencrypt/live/leerwerkplaats.example.nl/privkey.pem", str(key)),
        ("/var/log/nginx/", f"{logs}/nginx-"),
        ("/srv/leerwerkplaats/staticfiles/", f"{run_dir}/staticfiles/"),
        ("/srv/leerwerkplaats/media/", f"{run_dir}/media/"),
    ]
    for old, new in replacements:
        check(old in conf, f"deploy/nginx.conf no longer contains {old!r}: update the check")
        conf = conf.replace(old, new)
    return conf


def nginx_main(run_dir: Path) -> str:
    """What Debian's /etc/nginx/nginx.conf gives every site, with this run's files."""
    tmp = run_dir / "nginx-tmp"
    temp_paths = "\n".join(
        f"    {kind}_temp_path {tmp}/{kind};"
        for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
    )
    return f"""pid {run_dir}/nginx.pid;
worker_processes 2;
error_log {run_dir}/logs/nginx-main.error.log;
events {{ worker_connections 768; }}
http {{
    sendfile on;
    tcp_nopush on;
    types_hash_max_size 2048;
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    access_log {run_dir}/logs/nginx-main.access.log;
    gzip on;
{temp_paths}
    include {run_dir}/leerwerkplaats.conf;
}}
"""


# --- plain HTTP(S) requests --------------------------------------------------


@dataclass
class Answer:
    status: int
    headers: http.client.HTTPMessage
    body: bytes

    def header(self, name: str) -> str:
        return ", ".join(self.headers.get_all(name) or [])


def fetch(port: int, path: str, *, tls: bool = True, headers: dict | None = None) -> Answer:
    if tls:
        context = ssl.create_default_context()
        context.check_hostname = False
        context.verify_mode = ssl.CERT_NONE
        conn = http.client.HTTPSConnection("127.0.0.1", port, context=context, timeout=30)
    else:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        conn.request("GET", path, headers=headers or {})
        response = conn.getresponse()
        return Answer(response.status, response.headers, response.read())
    finally:
        conn.close()


# --- the checks --------------------------------------------------------------


def check_security_headers(headers: dict[str, str], what: str) -> None:
    """What production settings produce on every page (names in lower case)."""
    expected = {
        "strict-transport-security": "max-age=31536000; includeSubDomains; preload",
        "x-content-type-options": "nosniff",
        "referrer-policy": "same-origin",
        "cross-origin-opener-policy": "same-origin",
        "x-frame-options": "DENY",
    }
    for name, value in expected.items():
        check(headers.get(name) == value, f"{what}: {name} is {headers.get(name)!r}, not {value!r}")
    csp = headers.get("content-security-policy", "")
    for directive in ("default-src 'self'", "object-src 'none'", "frame-ancestors 'none'"):
        check(directive in csp, f"{what}: the CSP lacks {directive!r}: {csp!r}")
    check("unsafe-inline" not in csp, f"{what}: the CSP allows inline code: {csp!r}")


def check_plain_requests(ports: Ports, seed: dict, media_root: Path) -> None:
    log("plain requests: redirect, static files, media, documents")
    answer = fetch(ports.http, "/cursussen/?x=1", tls=False)
    check(answer.status == 301, f"http:// answered {answer.status}, not 301")
    check(
        answer.header("Location") == "https://127.0.0.1/cursussen/?x=1",
        f"http:// redirects to {answer.header('Location')!r}",
    )

    home = fetch(ports.https, "/")
    check(home.status == 200, f"/ answered {home.status}")
    # A kept page leaves Django gzip-compressed (leerwerkplaats/gzip_pages.py): nginx
    # passes it on as it is, not compressed a second time.
    packed = fetch(ports.https, "/", headers={"Accept-Encoding": "gzip"})
    check(packed.header("Content-Encoding") == "gzip", "/ is not sent gzip-compressed")
    check(
        "Accept-Encoding" in (packed.header("Vary") or ""),
        f"/ varies by {packed.header('Vary')!r}, not by Accept-Encoding",
    )
    check(gzip.decompress(packed.body) == home.body, "/ compressed is not the page (twice?)")
    check(not home.header("Content-Encoding"), "/ is sent compressed to a client without gzip")
    styles = re.findall(rb'href="(/static/[^"]+\.css)"', home.body)
    scripts = re.findall(rb'src="(/static/[^"]+\.js)"', home.body)
    check(styles and scripts, "the home page links no stylesheet or script under /static/")
    for path in [p.decode() for p in styles + scripts]:
        check(re.search(r"\.[0-9a-f]{12}\.(css|js)$", path), f"{path} has no hashed name")
        static = fetch(ports.https, path, headers={"Accept-Encoding": "gzip"})
        check(static.status == 200, f"{path} answered {static.status}")
        cache = static.header("Cache-Control")
        check(
            "max-age=31536000" in cache and "immutable" in cache,
            f"{path}: Cache-Control {cache!r}",
        )
        check(static.header("Content-Encoding") == "gzip", f"{path} is not sent compressed")
    log(f"static: {len(styles) + len(scripts)} hashed files with a year's immutable caching")

    for path in (
        f"/media/{seed['unfinished_upload']}",
        f"/media/{seed['document_media_path']}",
        "/media/",
    ):
        check((media_root / path.removeprefix("/media/")).exists(), f"{path} is not on disk")
        answer = fetch(ports.https, path)
        check(answer.status == 404, f"nginx answered {answer.status} for {path}, not 404")
    log("media: wagtail_uploads/ and documents/ are not served (404), though the files exist")

    document = fetch(ports.https, seed["document_url"])
    check(
        document.status in (302, 403, 404) and b"prod-check" not in document.body,
        f"the private document answered {document.status} to a visitor",
    )
    if document.status == 302:
        check("/account/login/" in document.header("Location"), "redirect elsewhere than login")
    log(f"private document: a visitor gets {document.status} (to the login), not the file")


def totp_code(secret: str) -> str:
    """The code an authenticator app shows now (RFC 6238: SHA-1, 30 s, 6 digits)."""
    # A code about to expire could be refused on arrival: take the next one then.
    left = 30 - time.time() % 30
    if left < 3:
        time.sleep(left + 0.1)
    key = base64.b32decode(secret.upper() + "=" * (-len(secret) % 8))
    digest = hmac.digest(key, struct.pack(">Q", int(time.time()) // 30), "sha1")
    offset = digest[-1] & 0x0F
    value = struct.unpack(">I", digest[offset : offset + 4])[0] & 0x7FFFFFFF
    return f"{value % 1_000_000:06d}"


def forum_sockets(logs: list[Path]) -> list[int]:
    """How many thread sockets each uvicorn process accepted so far."""
    return [len(FORUM_SOCKET_ACCEPTED.findall(p.read_text(errors="replace"))) for p in logs]


def wait_for_new_socket(logs: list[Path], before: list[int], timeout: float = 20) -> int:
    """The index of the uvicorn process that accepted the next thread socket."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        now = forum_sockets(logs)
        if sum(now) > sum(before):
            grown = [i for i, (a, b) in enumerate(zip(now, before, strict=True)) if a > b]
            check(len(grown) == 1, f"several thread sockets opened at once: {before} -> {now}")
            return grown[0]
        time.sleep(0.1)
    raise CheckFailed(f"no uvicorn process logged a thread socket within {timeout:.0f} s")


def journey(ports: Ports, seed: dict, asgi_logs: list[Path], run_dir: Path) -> None:
    from playwright.sync_api import expect, sync_playwright

    expect.set_options(timeout=20_000)
    base = f"https://127.0.0.1:{ports.https}"
    with sync_playwright() as playwright, ExitStack() as stack:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        stack.callback(browser.close)

        def new_context():
            context = browser.new_context(base_url=base, locale="nl-NL", ignore_https_errors=True)
            context.set_default_timeout(20_000)
            stack.callback(context.close)
            return context

        try:
            _walk(new_context, seed, asgi_logs)
        except Exception:
            # What each browser showed, for the run's folder (kept on failure).
            for n, context in enumerate(browser.contexts):
                for m, page in enumerate(context.pages):
                    name = run_dir / f"failure-{n}-{m}"
                    page.screenshot(path=f"{name}.png", full_page=True)
                    Path(f"{name}.html").write_text(f"<!-- {page.url} -->\n{page.content()}")
            log(f"screenshots of the browsers' pages in {run_dir}/failure-*.png")
            raise


def _walk(new_context, seed: dict, asgi_logs: list[Path]) -> None:
    from playwright.sync_api import expect

    # Visitor pages.
    visitor = new_context().new_page()
    errors: list[str] = []
    visitor.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    cache = {}
    for path in ("/", "/", seed["help_page"], seed["course_index"], seed["course"]):
        response = visitor.goto(path)
        check(response and response.status == 200, f"visitor: {path} answered not 200")
        expect(visitor.get_by_role("heading", level=1)).to_be_visible()
        check_security_headers(response.headers, f"visitor {path}")
        cache.setdefault(path, []).append(response.headers.get("x-page-cache"))
    # The plain request before this fetched / first: here it comes from the page
    # cache in Redis, with every security header still on it.
    check(cache["/"] == ["hit", "hit"], f"/ did not come from the page cache: {cache['/']}")
    check(not errors, f"console errors on visitor pages: {errors}")
    log("visitor: home (from the page cache), help page, course list, course: 200, headers right")

    # The moderator: password, then the code from the authenticator app.
    moderator_context = new_context()
    moderator = moderator_context.new_page()
    moderator.goto("/account/login/")
    moderator.fill("input[name=login]", seed["moderator_email"])
    moderator.fill("input[name=password]", seed["password"])
    moderator.get_by_role("button", name="Inloggen").click()
    moderator.wait_for_url("**/account/2fa/authenticate/")
    moderator.fill("input[name=code]", totp_code(seed["totp_secret"]))
    moderator.locator("input[name=code]").press("Enter")
    logout = moderator.get_by_role("button", name="Uitloggen", include_hidden=True)
    expect(logout).to_be_attached()
    cookies = {c["name"]: c for c in moderator_context.cookies()}
    session = cookies.get("__Host-sessionid")
    check(session and session["secure"] and session["httpOnly"], f"session cookie: {session}")
    log("moderator: logged in with password and TOTP; __Host-sessionid is Secure, HttpOnly")

    # The professional starts the demo course and reads its first lesson.
    professional = new_context().new_page()
    professional.goto("/account/login/")
    professional.fill("input[name=login]", seed["professional_email"])
    professional.fill("input[name=password]", seed["password"])
    professional.get_by_role("button", name="Inloggen").click()
    expect(
        professional.get_by_role("button", name="Uitloggen", include_hidden=True)
    ).to_be_attached()
    professional.goto(seed["course"])
    professional.get_by_role("button", name="Start de cursus").click()
    professional.wait_for_url(re.compile(re.escape(seed["course"]) + r".+"))
    heading = professional.get_by_role("heading", level=1)
    expect(heading).not_to_have_text(seed["course_title"])
    expect(heading).to_be_visible()
    lesson_url = professional.url
    response = professional.reload()
    check(response and response.status == 200, "the lesson does not load again")
    check_security_headers(response.headers, "lesson")
    log(f"professional: started the course, lesson {urlsplit(lesson_url).path} shown")
    # The private document is there: Django gives it to a member, as an attachment.
    document = professional.request.get(seed["document_url"], max_redirects=0)
    check(document.status == 200, f"a member gets {document.status} for the document")
    check(b"prod-check" in document.body(), "a member gets another file than the document")
    disposition = document.headers.get("content-disposition", "")
    check(disposition.startswith("attachment"), f"the document is sent {disposition!r}")
    log("professional: gets the private document from Django, as an attachment")

    # The forum: both on the same thread, their sockets on different processes.
    before = forum_sockets(asgi_logs)
    professional.goto(seed["thread_url"])
    expect(professional.get_by_role("heading", level=1)).to_have_text(seed["thread_title"])
    reader_on = wait_for_new_socket(asgi_logs, before)
    writer_on = reader_on
    for _attempt in range(8):
        before = forum_sockets(asgi_logs)
        moderator.goto(seed["thread_url"])
        expect(moderator.get_by_role("heading", level=1)).to_have_text(seed["thread_title"])
        writer_on = wait_for_new_socket(asgi_logs, before)
        if writer_on != reader_on:
            break
    check(writer_on != reader_on, "both thread sockets stayed on one uvicorn process")
    log(f"forum: the professional's socket is on uvicorn {reader_on + 1}, the moderator's on "
        f"uvicorn {writer_on + 1} (their logs)")  # fmt: skip

    posts = "[data-forum-posts] > [data-seq]"
    count = professional.locator(posts).count()
    form = moderator.locator("[data-forum-reply-form]")
    form.get_by_label("Je bericht").fill(CANARY)
    form.get_by_role("button", name="Controleren en plaatsen").click()
    preview = moderator.locator("[data-privacy-preview]")
    for placeholder in PLACEHOLDERS:
        expect(preview).to_contain_text(placeholder)
    moderator.get_by_role("button", name="Ja, plaats het zo").click()
    expect(moderator.locator("[data-forum-reply-form] textarea")).to_have_value("")
    expect(professional.locator(posts)).to_have_count(count + 1)
    arrived = professional.locator(posts).last
    for placeholder in PLACEHOLDERS:
        expect(arrived).to_contain_text(placeholder)
    for part in CANARY_PARTS:
        expect(arrived).not_to_contain_text(part)
    log("forum: the post reached the other process's socket live, name and address replaced")


def check_stored_post(thread_id: int) -> None:
    import psycopg

    with psycopg.connect(f"{PG}/{DATABASE}") as conn:
        row = conn.execute(
            "SELECT text FROM forum_post WHERE thread_id = %s ORDER BY id DESC LIMIT 1",
            (thread_id,),
        ).fetchone()
    text = row[0] if row else ""
    for placeholder in PLACEHOLDERS:
        check(placeholder in text, f"the stored post lacks {placeholder}: {text!r}")
    for part in CANARY_PARTS:
        check(part not in text, f"the stored post holds {part!r}")
    log("database: the stored post has the placeholders, not the name or the address")


def check_logs(logs: Path) -> None:
    files = sorted(p for p in logs.iterdir() if p.is_file())
    found = []
    for path in files:
        text = path.read_text(errors="replace")
        found += [f"{path.name}: {part}" for part in CANARY_PARTS if part.lower() in text.lower()]
    check(not found, f"raw canary text in the logs: {found}")
    # And nothing went wrong on the way: no traceback, no error line, nginx's error
    # logs (at crit, as documented, and the main one) empty.
    errors = [
        f"{path.name}: {line.strip()[:160]}"
        for path in files
        for line in path.read_text(errors="replace").splitlines()
        if ERROR_LINE.search(line) or (path.name.startswith("nginx") and "error" in path.name)
    ]
    check(not errors, "errors in the logs:\n" + "\n".join(errors[:20]))
    access = logs / "nginx-leerwerkplaats.access.log"
    check(
        access.exists() and "/ws/forum/" in access.read_text(),
        "nginx's access log is missing or empty: the log check would prove nothing",
    )
    sizes = ", ".join(f"{p.name} {p.stat().st_size} B" for p in files)
    log(f"logs: no trace of the name or address in {len(files)} files ({sizes})")


# --- the whole run -----------------------------------------------------------


def preflight() -> str:
    nginx = nginx_binary()
    check(nginx, "nginx is not installed: `make prod-check` installs it as root, else: "
                 "sudo apt-get install nginx")  # fmt: skip
    check(Path(CHROMIUM).exists(), "Debian's chromium is missing: sudo apt-get install chromium")
    check(shutil.which("openssl"), "openssl is missing (for the throw-away certificate)")
    return nginx


def main() -> int:
    parser = argparse.ArgumentParser(description="The production layout, proven.")
    parser.add_argument("--keep", action="store_true", help="keep the run's folder and logs")
    args = parser.parse_args()
    nginx = preflight()
    # Two runs at once would drop each other's database and flush each other's
    # Redis DB: the second waits for the first.
    with Path(tempfile.gettempdir(), f"lwp-prod-check-{DATABASE}.lock").open("w") as lock:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            log(f"another prod-check uses database {DATABASE} and Redis DB {REDIS_DB}: waiting")
            fcntl.flock(lock, fcntl.LOCK_EX)
        return run_check(nginx, keep=args.keep)


def run_check(nginx: str, *, keep: bool) -> int:
    # SIGTERM and SIGHUP end the run like Ctrl-C: through the clean-up below.
    def interrupted(signum, _frame):
        raise KeyboardInterrupt(f"signal {signum}")

    signal.signal(signal.SIGTERM, interrupted)
    signal.signal(signal.SIGHUP, interrupted)

    run_dir = Path(tempfile.mkdtemp(prefix="lwp-prod-check-"))
    run_dir.chmod(0o755)  # nginx's workers (nobody when started as root) read static/
    logs = run_dir / "logs"
    logs.mkdir()
    ports = Ports.choose()
    env = production_env(ports, run_dir)
    services = Services(logs)
    tasks = Tasks()
    passed = False
    log(f"run folder {run_dir}; nginx https {ports.https}, http {ports.http}, gunicorn "
        f"{ports.gunicorn}, uvicorn {ports.asgi[0]} and {ports.asgi[1]}, privacy {ports.privacy}; "
        f"database {DATABASE}, Redis DB {REDIS_DB}")  # fmt: skip
    try:
        recreate_database()
        flush_redis()
        log(f"database {DATABASE} created, Redis DB {REDIS_DB} flushed")
        # What can run at once does: the privacy engine loads, the database is
        # migrated and gets the demo content, collectstatic writes, nginx starts.
        privacy = services.start(
            "privacy", [PY] + [a.format(port=ports.privacy) for a in PRIVACY_ARGS], env
        )
        seeding = tasks.add(
            "migrate and demo content", [PY, PREPARE, "seed", str(ports.privacy)], env
        )
        static = tasks.add(
            "check --deploy, collectstatic, compilemessages", [PY, PREPARE, "static"], env
        )
        cert, key = self_signed_certificate(run_dir)
        (run_dir / "nginx-tmp").mkdir()
        site = nginx_site(NGINX_CONF.read_text(), ports, run_dir, cert, key)
        (run_dir / "leerwerkplaats.conf").write_text(site)
        (run_dir / "nginx.conf").write_text(nginx_main(run_dir))
        nginx_argv = [nginx, "-p", str(run_dir), "-c", str(run_dir / "nginx.conf"),
                      "-e", str(logs / "nginx-main.error.log")]  # fmt: skip
        run([*nginx_argv, "-t", "-q"], env, "nginx -t (deploy/nginx.conf)")
        nginx_service = services.start("nginx", [*nginx_argv, "-g", "daemon off;"], env)

        # The workers read the manifest of the hashed static files when they start:
        # as in every release (docs/deployment.md), collectstatic comes first.
        static.wait()
        gunicorn = services.start(
            "gunicorn",
            [str(Path(PY).parent / "gunicorn")]
            + [a.format(port=ports.gunicorn) for a in GUNICORN_ARGS],
            {**env, "DATABASE_CONN_MAX_AGE": "60"},
        )
        uvicorns = [
            services.start(
                f"uvicorn-{i + 1}",
                [str(Path(PY).parent / "uvicorn")] + [a.format(port=port) for a in UVICORN_ARGS],
                {**env, "DATABASE_CONN_MAX_AGE": "0"},
            )
            for i, port in enumerate(ports.asgi)
        ]
        services.wait_for_port(privacy, ports.privacy, timeout=240)
        seed = json.loads(seeding.wait())
        log("  of which " + ", ".join(f"{k} {v} s" for k, v in seed["seconds"].items()))
        services.wait_for_port(gunicorn, ports.gunicorn, timeout=60)
        for uvicorn, port in zip(uvicorns, ports.asgi, strict=True):
            services.wait_for_port(uvicorn, port, timeout=60)
        services.wait_for_port(nginx_service, ports.https, timeout=30)

        check_plain_requests(ports, seed, run_dir / "media")
        journey(ports, seed, [u.log_path for u in uvicorns], run_dir)
        check_stored_post(seed["thread_id"])
        services.stop_all()  # the logs are complete once every process has ended
        check_logs(logs)
        passed = True
    except CheckFailed as failure:
        log(f"FAILED: {failure}")
    except Exception:  # noqa: BLE001 - a browser timeout, say: reported, then cleaned up
        log(f"FAILED:\n{traceback.format_exc()}")
    except KeyboardInterrupt as stop:
        log(f"INTERRUPTED ({stop or 'Ctrl-C'}): stopping everything")
    finally:
        tasks.stop_all()
        services.stop_all()
        try:
            recreate_database(drop_only=True)
            flush_redis()
            log(f"database {DATABASE} dropped, Redis DB {REDIS_DB} flushed")
        except Exception as error:  # noqa: BLE001 - reported; the run's result stands
            log(f"clean-up of the database or Redis failed: {error}")
        if passed and not keep:
            shutil.rmtree(run_dir, ignore_errors=True)
        else:
            log(f"the run's files and logs stay in {run_dir}")
    log("PASSED: the production layout works as documented" if passed else "prod-check failed")
    return 0 if passed else 1


if __name__ == "__main__":
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    raise SystemExit(main())
