"""Findings hold plain ``int`` offsets whatever made them, so they always serialise."""

from __future__ import annotations

import json

import numpy as np
import pytest

from privacy.corpus import load_corpus
from privacy.engine import default_engine
from privacy.findings import Finding, Label
from privacy.redaction import redact

CRASH_TEXT = (
    "Bij het gesprek met Marco op de Hoogstraat 5 was zijn zoon Tim aanwezig. "
    "De fiets van Marco stond buiten."
)


def test_numpy_offsets_become_plain_ints() -> None:
    finding = Finding(np.int64(0), np.int64(3), Label.NAAM, "Tim", "test")
    assert type(finding.start) is int
    assert type(finding.end) is int
    json.dumps(finding.to_dict())


@pytest.mark.parametrize("bad", [1.0, "1", True, None])
def test_offsets_that_are_not_integers_are_refused(bad: object) -> None:
    with pytest.raises(TypeError):
        Finding(bad, 4, Label.NAAM, "Tim", "test")  # type: ignore[arg-type]


def test_the_reported_crash_text_serialises() -> None:
    findings = default_engine().scan(CRASH_TEXT)
    assert findings
    for finding in findings:
        assert type(finding.start) is int and type(finding.end) is int
    json.dumps([f.to_dict() for f in findings])


def test_cli_json_on_the_reported_crash_text(monkeypatch, capsys) -> None:
    import io

    from privacy.cli import main

    monkeypatch.setattr("sys.stdin", io.StringIO(CRASH_TEXT))
    assert main(["--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert {f["text"] for f in out} >= {"Marco", "Tim"}


def test_every_corpus_scan_and_redaction_serialises() -> None:
    engine = default_engine()
    for document in load_corpus():
        findings = engine.scan(document.text)
        for finding in findings:
            assert type(finding.start) is int and type(finding.end) is int, document.id
        json.dumps([f.to_dict() for f in findings])
        json.dumps(redact(document.text, findings).to_dict())
