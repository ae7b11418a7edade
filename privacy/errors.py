"""Errors callers can catch, and the check every entry point makes on its input."""

from __future__ import annotations

import os

#: Default longest text accepted, in characters. ``PRIVACY_MAX_CHARS`` overrides it.
DEFAULT_MAX_CHARS = 100_000


class PrivacyError(Exception):
    """Base class of the errors this package raises on purpose."""


class TextTooLong(PrivacyError, ValueError):
    """The text is longer than the configured maximum; nothing was scanned or truncated.

    ``length`` and ``max_chars`` let a caller write a message for the user, e.g.
    "Uw tekst is te lang (120.000 tekens, maximaal 100.000)."
    """

    def __init__(self, length: int, max_chars: int) -> None:
        self.length = length
        self.max_chars = max_chars
        super().__init__(f"text has {length} characters; the maximum is {max_chars}")


class PrivacyServiceError(PrivacyError, RuntimeError):
    """The detector service could not be reached or gave an unusable answer."""


def max_chars_from_env() -> int:
    """The configured maximum: ``PRIVACY_MAX_CHARS`` if set, else the default."""
    raw = os.environ.get("PRIVACY_MAX_CHARS", "").strip()
    if not raw:
        return DEFAULT_MAX_CHARS
    try:
        value = int(raw)
    except ValueError as exc:
        raise ValueError(f"PRIVACY_MAX_CHARS must be an integer, got {raw!r}") from exc
    if value <= 0:
        raise ValueError(f"PRIVACY_MAX_CHARS must be positive, got {value}")
    return value


def check_text(text: object, max_chars: int | None = None) -> str:
    """Return ``text`` if it is a ``str`` within the limit; raise otherwise."""
    if not isinstance(text, str):
        raise TypeError(f"privacy expects text as str, got {type(text).__name__}")
    limit = max_chars_from_env() if max_chars is None else max_chars
    if len(text) > limit:
        raise TextTooLong(len(text), limit)
    return text
