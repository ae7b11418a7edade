"""Bad input: clear errors, nothing silently truncated."""

from __future__ import annotations

import pytest

import privacy
from privacy.engine import Engine
from privacy.errors import DEFAULT_MAX_CHARS, TextTooLong, check_text


@pytest.mark.parametrize("value", [None, b"bytes", 42, ["tekst"]])
def test_non_text_raises_type_error(value: object) -> None:
    with pytest.raises(TypeError, match="expects text as str"):
        check_text(value)
    with pytest.raises(TypeError, match="expects text as str"):
        privacy.scan_text(value)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="expects text as str"):
        privacy.redact(value, [])  # type: ignore[arg-type]


def test_default_maximum_is_100000_characters() -> None:
    assert DEFAULT_MAX_CHARS == 100_000
    assert check_text("a" * 100_000) == "a" * 100_000
    with pytest.raises(TextTooLong) as info:
        check_text("a" * 100_001)
    assert (info.value.length, info.value.max_chars) == (100_001, 100_000)


def test_maximum_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PRIVACY_MAX_CHARS", "10")
    with pytest.raises(TextTooLong):
        check_text("elf tekens!")
    monkeypatch.setenv("PRIVACY_MAX_CHARS", "nul")
    with pytest.raises(ValueError, match="PRIVACY_MAX_CHARS"):
        check_text("x")


def test_too_long_text_is_refused_by_every_entry_point() -> None:
    engine = Engine(use_deduce=False, max_chars=20)
    with pytest.raises(TextTooLong):
        engine.scan("Bel 06-41873265 nu meteen, alstublieft.")
    with pytest.raises(TextTooLong):
        privacy.scan_text("x" * 30, max_chars=20)
    with pytest.raises(TextTooLong):
        privacy.redact_text("x" * 30, max_chars=20, service_url="http://127.0.0.1:9")


@pytest.mark.parametrize("text", ["", " ", "\n\t  \n"])
def test_empty_and_whitespace_give_no_findings(text: str) -> None:
    assert Engine(use_deduce=False).scan(text) == []
    assert privacy.redact(text, []).text == text
