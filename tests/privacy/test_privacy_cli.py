"""``python -m privacy``: stdin to redacted text or JSON findings."""

from __future__ import annotations

import io
import json

import pytest

from privacy.cli import main
from privacy.deduce_engine import cache_dir, cache_file


def run(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], *args: str,
        stdin: str = "") -> tuple[int, str, str]:  # fmt: skip
    monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_redacts_standard_input(monkeypatch: pytest.MonkeyPatch, capsys) -> None:
    code, out, _ = run(monkeypatch, capsys, stdin="Bel Kim op 06-41873265.")
    assert code == 0
    assert out == "Bel [NAAM-1] op [TELEFOON-1]."


def test_json_prints_the_findings(monkeypatch: pytest.MonkeyPatch, capsys) -> None:
    code, out, _ = run(monkeypatch, capsys, "--json", stdin="Postcode 2651 CX.")
    assert code == 0
    assert json.loads(out) == [
        {
            "start": 9,
            "end": 16,
            "label": "POSTCODE",
            "text": "2651 CX",
            "detector": "deduce+postcode",
        }
    ]


def test_too_long_input_exits_2(monkeypatch: pytest.MonkeyPatch, capsys) -> None:
    monkeypatch.setenv("PRIVACY_MAX_CHARS", "5")
    code, out, err = run(monkeypatch, capsys, stdin="te lange tekst")
    assert (code, out) == (2, "")
    assert "maximum is 5" in err


def test_warm_reports_the_cache(monkeypatch: pytest.MonkeyPatch, capsys) -> None:
    code, out, _ = run(monkeypatch, capsys, "warm")
    assert code == 0
    assert out.strip() == str(cache_file())
    assert cache_file().is_file()


def test_cache_dir_is_configurable(monkeypatch: pytest.MonkeyPatch, tmp_path) -> None:
    monkeypatch.setenv("DEDUCE_CACHE_DIR", str(tmp_path))
    assert cache_dir() == tmp_path
