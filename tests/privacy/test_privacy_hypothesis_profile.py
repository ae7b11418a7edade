"""CI must not flake: hypothesis runs a fixed, derandomized profile unless asked to fuzz."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from hypothesis import settings

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.skipif(
    os.environ.get("HYPOTHESIS_PROFILE", "ci") != "ci", reason="another profile was asked for"
)
def test_default_profile_is_deterministic() -> None:
    current = settings.default
    assert current.derandomize is True
    assert current.database is None
    assert current.deadline is None
    assert current.max_examples == settings.get_profile("ci").max_examples


def test_fuzz_profile_explores_more() -> None:
    fuzz = settings.get_profile("fuzz")
    assert fuzz.derandomize is False
    assert fuzz.max_examples > settings.get_profile("ci").max_examples


def test_no_privacy_test_overrides_the_profile_example_count() -> None:
    pattern = re.compile("max_" + r"examples\s*=(?!=)")  # spelled so this file does not match
    for path in Path(__file__).parent.glob("test_*.py"):
        assert not pattern.search(path.read_text("utf-8")), path.name


def test_make_fuzz_uses_the_fuzz_profile() -> None:
    makefile = (ROOT / "Makefile").read_text("utf-8")
    target = re.search(r"^fuzz:.*\n((?:\t.*\n)+)", makefile, re.MULTILINE)
    assert target, "make fuzz"
    assert "HYPOTHESIS_PROFILE=fuzz" in target.group(1)
