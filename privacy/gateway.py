"""The one door the Django apps use.

``scan_text(text, service_url=settings.PRIVACY_SERVICE_URL)``: with a URL the detector
service does the work and this process never loads deduce; without one (the embedded
default for ``make run`` and tests) the in-process engine is loaded on first use.
"""

from __future__ import annotations

import threading

from privacy.client import PrivacyClient
from privacy.errors import check_text
from privacy.findings import Finding
from privacy.redaction import Redaction, redact

_clients: dict[str, PrivacyClient] = {}
_clients_lock = threading.Lock()


def _client(service_url: str) -> PrivacyClient:
    with _clients_lock:
        client = _clients.get(service_url)
        if client is None:
            client = _clients[service_url] = PrivacyClient(service_url)
        return client


def scan_text(
    text: str, *, service_url: str | None = None, max_chars: int | None = None
) -> list[Finding]:
    """Findings for ``text``: through the service when ``service_url`` is set.

    Raises ``TypeError`` for non-text, ``TextTooLong`` over the limit and
    ``PrivacyServiceError`` when the service cannot be reached.
    """
    check_text(text, max_chars)
    if service_url:
        return _client(service_url).scan(text)
    from privacy.engine import scan  # in-process: loads deduce on first use

    return scan(text, max_chars=max_chars)


def redact_text(
    text: str, *, service_url: str | None = None, max_chars: int | None = None
) -> Redaction:
    """``text`` with every finding replaced by its numbered placeholder."""
    check_text(text, max_chars)
    if service_url:
        return _client(service_url).redact(text)
    return redact(text, scan_text(text, max_chars=max_chars))
