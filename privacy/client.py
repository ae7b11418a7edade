"""Client of the detector service. Light on purpose: importing it never imports deduce,
so a web worker that uses the service stays small.
"""

from __future__ import annotations

import http.client
import json
import os
import threading
from typing import Any
from urllib.parse import urlsplit

from privacy.errors import PrivacyServiceError, TextTooLong, check_text
from privacy.findings import Finding
from privacy.redaction import Redaction


class PrivacyClient:
    """Talks to ``python -m privacy serve`` over HTTP/1.1, one kept-alive connection per
    thread. The text is checked locally first, so bad input never leaves the process.
    """

    def __init__(
        self,
        url: str,
        *,
        timeout: float = 10.0,
        max_chars: int | None = None,
        token: str | None = None,
    ):
        parts = urlsplit(url)
        if parts.scheme != "http" or not parts.hostname:
            raise ValueError(f"privacy service URL must be http://host:port, got {url!r}")
        self.host = parts.hostname
        self.port = parts.port or 80
        self.timeout = timeout
        self.max_chars = max_chars
        # The service's shared token (PRIVACY_SERVICE_TOKEN), sent with every request.
        self.token = token or os.environ.get("PRIVACY_SERVICE_TOKEN") or None
        self._local = threading.local()

    def _connection(self) -> http.client.HTTPConnection:
        connection = getattr(self._local, "connection", None)
        if connection is None:
            connection = http.client.HTTPConnection(self.host, self.port, timeout=self.timeout)
            self._local.connection = connection
        return connection

    def _drop_connection(self) -> None:
        connection = getattr(self._local, "connection", None)
        if connection is not None:
            connection.close()
            self._local.connection = None

    def _request(self, method: str, path: str, payload: dict[str, Any] | None) -> Any:
        body = None if payload is None else json.dumps(payload).encode("utf-8")
        headers = {"Content-Type": "application/json"} if body is not None else {}
        if self.token:
            headers["Authorization"] = f"Bearer {self.token}"
        for attempt in (1, 2):  # a kept-alive connection may have been closed: retry once
            try:
                connection = self._connection()
                connection.request(method, path, body=body, headers=headers)
                response = connection.getresponse()
                data = response.read()
                break
            except (OSError, http.client.HTTPException) as exc:
                self._drop_connection()
                if attempt == 2:
                    raise PrivacyServiceError(f"privacy service unreachable: {exc}") from exc
        try:
            answer = json.loads(data)
        except ValueError as exc:
            raise PrivacyServiceError("privacy service sent no JSON") from exc
        if response.status == 413 and answer.get("error") == "text_too_long":
            raise TextTooLong(answer.get("length") or -1, answer.get("max_chars") or -1)
        if response.status != 200:
            raise PrivacyServiceError(f"privacy service answered {response.status}: {answer}")
        return answer

    def scan(self, text: str) -> list[Finding]:
        """Findings for ``text``, from the service."""
        check_text(text, self.max_chars)
        answer = self._request("POST", "/scan", {"text": text})
        return [Finding.from_dict(item) for item in answer["findings"]]

    def redact(self, text: str) -> Redaction:
        """The redacted ``text`` and its placeholder mapping, from the service."""
        check_text(text, self.max_chars)
        answer = self._request("POST", "/redact", {"text": text})
        findings = tuple(Finding.from_dict(item) for item in answer["findings"])
        return Redaction(text=answer["text"], mapping=answer["mapping"], findings=findings)

    def health(self) -> dict[str, Any]:
        """The service's health answer."""
        answer: dict[str, Any] = self._request("GET", "/health", None)
        return answer

    def close(self) -> None:
        """Close this thread's connection."""
        self._drop_connection()
