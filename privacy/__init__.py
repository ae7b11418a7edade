"""Dutch de-identification for case texts, forum posts and stories.

Plain Python, no Django. Importing this package is cheap: deduce is loaded only when the
in-process engine is first used.

- :func:`scan_text` / :func:`redact_text`: what the Django apps call (service or engine).
- :func:`scan` / :func:`redact`: the engine's own interface.
- :func:`quasi_identifiers` / :func:`recognisability`: details that identify a family
  without a name (a small municipality, a parent's profession, ...) and a risk level.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from privacy.errors import (
    DEFAULT_MAX_CHARS,
    PrivacyError,
    PrivacyServiceError,
    TextTooLong,
    check_text,
)
from privacy.findings import STRUCTURED_LABELS, Finding, Label
from privacy.gateway import redact_text, scan_text

if TYPE_CHECKING:
    from privacy.recognise import Assessment, QuasiIdentifier
from privacy.redaction import Redaction, redact


def quasi_identifiers(text: str) -> list[QuasiIdentifier]:
    """Details in ``text`` that can make a family recognisable without any name."""
    from privacy.recognise import quasi_identifiers as find  # word lists on first use

    return find(text)


def recognisability(text: str) -> Assessment:
    """The quasi-identifiers of ``text`` and a risk level ("laag", "midden", "hoog")."""
    from privacy.recognise import recognisability as assess

    return assess(text)


def scan(text: str, *, max_chars: int | None = None) -> list[Finding]:
    """Every identifying span in ``text``, found by the in-process engine."""
    from privacy.engine import scan as engine_scan  # loads deduce on first use

    return engine_scan(text, max_chars=max_chars)


__all__ = [
    "DEFAULT_MAX_CHARS",
    "STRUCTURED_LABELS",
    "Finding",
    "Label",
    "PrivacyError",
    "PrivacyServiceError",
    "Redaction",
    "TextTooLong",
    "check_text",
    "quasi_identifiers",
    "recognisability",
    "redact",
    "redact_text",
    "scan",
    "scan_text",
]
