"""The detector service: one long-lived process that holds deduce (about 1 GiB) so web
workers do not have to.

Stdlib only: a ``ThreadingHTTPServer`` on 127.0.0.1 with HTTP/1.1 keep-alive, one thread
per connection, so several requests are served at once. It never logs request bodies.

    POST /scan    {"text": "..."}  -> {"findings": [...]}
    POST /redact  {"text": "..."}  -> {"text": "...", "mapping": {...}, "findings": [...]}
    GET  /health                   -> {"status": "ok", ...}

Errors, always as a JSON answer, never a dropped connection: 400
``{"error": "bad_request"}`` (not JSON, nested too deep, not valid Unicode, a negative
length), 401 ``{"error": "unauthorized"}``, 411 ``{"error": "length_required"}``, 413
``{"error": "text_too_long", "length", "max_chars"}``.

Callers authenticate with a shared token: when ``PRIVACY_SERVICE_TOKEN`` is set, every
request must carry ``Authorization: Bearer <token>`` (``privacy.client`` sends it). The
service refuses to listen beyond loopback without a token: case text must not be
readable by anyone who can reach the port.
"""

from __future__ import annotations

import hmac
import ipaddress
import json
import os
import sys
import threading
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from privacy.engine import Engine
from privacy.errors import TextTooLong, check_text, max_chars_from_env
from privacy.redaction import redact

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8765
TOKEN_ENV = "PRIVACY_SERVICE_TOKEN"  # noqa: S105 - the variable's name, not a secret
NO_TOKEN_BEYOND_LOOPBACK = (
    f"The privacy service would listen on {{host}}, beyond loopback, without "
    f"{TOKEN_ENV}: anyone who can reach the port could send case text through it. "
    f"Set {TOKEN_ENV} for the service and its clients, or listen on 127.0.0.1."
)


def token_from_env() -> str | None:
    """The shared token, or None when ``PRIVACY_SERVICE_TOKEN`` is unset or empty."""
    return os.environ.get(TOKEN_ENV) or None


def is_loopback(host: str) -> bool:
    """Whether ``host`` is only reachable from this machine."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


class BadRequest(Exception):
    """The request cannot be answered as asked; carries the status and the answer."""

    def __init__(self, status: HTTPStatus, payload: dict[str, Any]) -> None:
        super().__init__(payload.get("error"))
        self.status = status
        self.payload = payload


class PrivacyServer(ThreadingHTTPServer):
    """An HTTP server that owns one engine."""

    daemon_threads = True
    allow_reuse_address = True

    def __init__(
        self,
        address: tuple[str, int],
        engine: Engine,
        max_chars: int,
        token: str | None = None,
    ) -> None:
        super().__init__(address, PrivacyHandler)
        self.engine = engine
        self.max_chars = max_chars
        self.token = token
        self.requests_served = 0
        self._count_lock = threading.Lock()

    def count(self) -> None:
        """Count one served request (for /health)."""
        with self._count_lock:
            self.requests_served += 1


class PrivacyHandler(BaseHTTPRequestHandler):
    """Handles /scan, /redact and /health."""

    protocol_version = "HTTP/1.1"
    # Headers and body go out in separate writes; without this, Nagle's algorithm and the
    # client's delayed ACK add about 40 ms to every answer.
    disable_nagle_algorithm = True
    server: PrivacyServer

    def log_message(self, format: str, *args: Any) -> None:
        """Keep quiet: even the request line is not worth a log line here."""

    def _send(self, status: HTTPStatus, payload: dict[str, Any]) -> None:
        body = json.dumps(payload, ensure_ascii=False).encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", "application/json; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def _authorised(self) -> bool:
        token = self.server.token
        if token is None:
            return True
        scheme, _, given = self.headers.get("Authorization", "").partition(" ")
        return scheme == "Bearer" and hmac.compare_digest(given.encode(), token.encode())

    def _refuse(self, status: HTTPStatus, payload: dict[str, Any]) -> None:
        """Answer an error; the body may be unread, so the connection closes after it."""
        self.close_connection = True
        self._send(status, payload)

    def do_GET(self) -> None:
        """Health check."""
        if not self._authorised():
            self._refuse(HTTPStatus.UNAUTHORIZED, {"error": "unauthorized"})
            return
        if self.path != "/health":
            self._send(HTTPStatus.NOT_FOUND, {"error": "not_found"})
            return
        self._send(
            HTTPStatus.OK,
            {
                "status": "ok",
                "max_chars": self.server.max_chars,
                "requests_served": self.server.requests_served,
            },
        )

    def _body_length(self) -> int:
        max_chars = self.server.max_chars
        if "Transfer-Encoding" in self.headers:
            raise BadRequest(HTTPStatus.LENGTH_REQUIRED, {"error": "length_required"})
        try:
            length = int(self.headers.get("Content-Length", ""))
        except ValueError:
            raise BadRequest(HTTPStatus.LENGTH_REQUIRED, {"error": "length_required"}) from None
        if length < 0:
            # rfile.read(-1) would read until the caller hangs up, without a limit.
            raise BadRequest(
                HTTPStatus.BAD_REQUEST,
                {"error": "bad_request", "message": "Content-Length must not be negative"},
            )
        # Up to 4 bytes per character in UTF-8, plus room for the JSON around it.
        if length > max_chars * 4 + 1024:
            raise BadRequest(
                HTTPStatus.REQUEST_ENTITY_TOO_LARGE,
                {"error": "text_too_long", "length": None, "max_chars": max_chars},
            )
        return length

    def _text(self, length: int) -> str:
        max_chars = self.server.max_chars
        try:
            payload = json.loads(self.rfile.read(length))
            text = check_text(payload.get("text") if isinstance(payload, dict) else None, max_chars)
            # A lone surrogate (\ud800) is valid JSON but no text: it cannot be encoded.
            text.encode("utf-8")
        except TextTooLong as exc:
            raise BadRequest(
                HTTPStatus.REQUEST_ENTITY_TOO_LARGE,
                {"error": "text_too_long", "length": exc.length, "max_chars": exc.max_chars},
            ) from exc
        except RecursionError as exc:
            raise BadRequest(
                HTTPStatus.BAD_REQUEST, {"error": "bad_request", "message": "JSON nested too deep"}
            ) from exc
        except UnicodeError as exc:
            raise BadRequest(
                HTTPStatus.BAD_REQUEST,
                {"error": "bad_request", "message": "text must be valid Unicode"},
            ) from exc
        except (ValueError, TypeError) as exc:
            message = str(exc) if isinstance(exc, TypeError) else "body must be JSON"
            raise BadRequest(
                HTTPStatus.BAD_REQUEST, {"error": "bad_request", "message": message}
            ) from exc
        return text

    def do_POST(self) -> None:
        """Scan or redact the posted text."""
        if not self._authorised():
            self._refuse(HTTPStatus.UNAUTHORIZED, {"error": "unauthorized"})
            return
        if self.path not in ("/scan", "/redact"):
            self._refuse(HTTPStatus.NOT_FOUND, {"error": "not_found"})
            return
        try:
            length = self._body_length()
        except BadRequest as refused:
            self._refuse(refused.status, refused.payload)
            return
        try:
            text = self._text(length)
        except BadRequest as refused:
            self._send(refused.status, refused.payload)
            return
        try:
            findings = self.server.engine.scan_unchecked(text)
            answer = (
                {"findings": [f.to_dict() for f in findings]}
                if self.path == "/scan"
                else redact(text, findings).to_dict()
            )
        except Exception:  # noqa: BLE001 - the caller gets an answer, never a dropped line
            self._refuse(HTTPStatus.INTERNAL_SERVER_ERROR, {"error": "internal"})
            return
        self.server.count()
        self._send(HTTPStatus.OK, answer)


def make_server(
    host: str | None = None,
    port: int | None = None,
    *,
    engine: Engine | None = None,
    token: str | None = None,
) -> PrivacyServer:
    """A ready server (engine loaded) bound to ``host:port``; port 0 picks a free one.

    ``token`` defaults to ``PRIVACY_SERVICE_TOKEN``; without one the server refuses to
    listen beyond loopback (ValueError)."""
    host = host or os.environ.get("PRIVACY_SERVICE_HOST", DEFAULT_HOST)
    if port is None:
        port = int(os.environ.get("PRIVACY_SERVICE_PORT", DEFAULT_PORT))
    token = token or token_from_env()
    if token is None and not is_loopback(host):
        raise ValueError(NO_TOKEN_BEYOND_LOOPBACK.format(host=host))
    return PrivacyServer((host, port), engine or Engine(), max_chars_from_env(), token)


def serve(host: str | None = None, port: int | None = None) -> None:
    """Load the engine, then serve until interrupted."""
    try:
        server = make_server(host, port)
    except ValueError as refused:
        sys.stderr.write(f"privacy service not started: {refused}\n")
        raise SystemExit(2) from refused
    bound_host, bound_port = server.server_address[:2]
    sys.stderr.write(f"privacy service listening on http://{bound_host}:{bound_port}\n")
    sys.stderr.flush()
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
