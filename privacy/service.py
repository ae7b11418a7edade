"""The detector service: one long-lived process that holds deduce (about 1 GiB) so web
workers do not have to.

Stdlib only: a ``ThreadingHTTPServer`` on 127.0.0.1 with HTTP/1.1 keep-alive, one thread
per connection, so several requests are served at once. It never logs request bodies.

    POST /scan    {"text": "..."}  -> {"findings": [...]}
    POST /redact  {"text": "..."}  -> {"text": "...", "mapping": {...}, "findings": [...]}
    GET  /health                   -> {"status": "ok", ...}

Errors: 400 ``{"error": "bad_request"}``, 413 ``{"error": "text_too_long", "length",
"max_chars"}``.
"""

from __future__ import annotations

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


class PrivacyServer(ThreadingHTTPServer):
    """An HTTP server that owns one engine."""

    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, address: tuple[str, int], engine: Engine, max_chars: int) -> None:
        super().__init__(address, PrivacyHandler)
        self.engine = engine
        self.max_chars = max_chars
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

    def do_GET(self) -> None:
        """Health check."""
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

    def do_POST(self) -> None:
        """Scan or redact the posted text."""
        if self.path not in ("/scan", "/redact"):
            self._send(HTTPStatus.NOT_FOUND, {"error": "not_found"})
            return
        max_chars = self.server.max_chars
        try:
            length = int(self.headers.get("Content-Length", ""))
        except ValueError:
            self._send(HTTPStatus.LENGTH_REQUIRED, {"error": "length_required"})
            return
        # Up to 4 bytes per character in UTF-8, plus room for the JSON around it.
        if length > max_chars * 4 + 1024:
            self.close_connection = True
            self._send(
                HTTPStatus.REQUEST_ENTITY_TOO_LARGE,
                {"error": "text_too_long", "length": None, "max_chars": max_chars},
            )
            return
        try:
            payload = json.loads(self.rfile.read(length))
            text = check_text(payload.get("text") if isinstance(payload, dict) else None, max_chars)
        except TextTooLong as exc:
            self._send(
                HTTPStatus.REQUEST_ENTITY_TOO_LARGE,
                {"error": "text_too_long", "length": exc.length, "max_chars": exc.max_chars},
            )
            return
        except (ValueError, TypeError) as exc:
            message = str(exc) if isinstance(exc, TypeError) else "body must be JSON"
            self._send(HTTPStatus.BAD_REQUEST, {"error": "bad_request", "message": message})
            return
        findings = self.server.engine.scan_unchecked(text)
        self.server.count()
        if self.path == "/scan":
            self._send(HTTPStatus.OK, {"findings": [f.to_dict() for f in findings]})
        else:
            self._send(HTTPStatus.OK, redact(text, findings).to_dict())


def make_server(
    host: str | None = None, port: int | None = None, *, engine: Engine | None = None
) -> PrivacyServer:
    """A ready server (engine loaded) bound to ``host:port``; port 0 picks a free one."""
    host = host or os.environ.get("PRIVACY_SERVICE_HOST", DEFAULT_HOST)
    if port is None:
        port = int(os.environ.get("PRIVACY_SERVICE_PORT", DEFAULT_PORT))
    return PrivacyServer((host, port), engine or Engine(), max_chars_from_env())


def serve(host: str | None = None, port: int | None = None) -> None:
    """Load the engine, then serve until interrupted."""
    server = make_server(host, port)
    bound_host, bound_port = server.server_address[:2]
    sys.stderr.write(f"privacy service listening on http://{bound_host}:{bound_port}\n")
    sys.stderr.flush()
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
