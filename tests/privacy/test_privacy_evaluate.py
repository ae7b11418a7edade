"""The scorer: must-keep terms, per-label exact recall, markup folders scored on the fly."""

from __future__ import annotations

from pathlib import Path

from privacy.corpus import documents_from_markup, parse_markup
from privacy.evaluate import evaluate, format_report, main
from privacy.findings import Finding, Label

MARKUP = (
    "### t-01\n"
    "Ik sprak [[NAAM:Lotte]] bij [[-:Veilig Thuis]] over [[-:de VT-melding]].\n"
    "\n"
    "### t-02\n"
    "Bel [[TELEFOON:06-41873265]] of kijk op [[-:huiselijkgeweld.nl]].\n"
)


def _fake_scanner(text: str) -> list[Finding]:
    """Finds "Lotte" and the help line's website (a must-keep term), not the phone."""
    found = []
    for value, label in (("Lotte", Label.NAAM), ("huiselijkgeweld.nl", Label.URL)):
        start = text.find(value)
        if start >= 0:
            found.append(Finding(start, start + len(value), label, value, "test"))
    return found


def test_markup_keeps_must_keep_terms() -> None:
    text, spans, keep = parse_markup("Ik sprak [[NAAM:Lotte]] bij [[-:Veilig Thuis]].")
    assert text == "Ik sprak Lotte bij Veilig Thuis."
    assert [s["text"] for s in spans] == ["Lotte"]
    assert keep == [{"start": 19, "end": 31, "text": "Veilig Thuis"}]


def test_must_keep_terms_redacted_are_scored(tmp_path: Path) -> None:
    (tmp_path / "chat.txt").write_text(MARKUP, "utf-8")
    documents = documents_from_markup(tmp_path)
    score = evaluate(_fake_scanner, documents)
    assert score.keep == 3
    assert [k.text for _, k in score.keep_redacted] == ["huiselijkgeweld.nl"]
    assert [s.text for _, s in score.structured_leaks] == ["06-41873265"]
    assert score.label_exact_recall(Label.NAAM) == 1.0
    report = format_report(score, "test")
    assert "must-keep terms redacted: 1 of 3" in report
    assert "structured leaks: 1" in report


def test_markup_option_scores_a_folder_on_the_fly(tmp_path: Path, monkeypatch, capsys) -> None:
    (tmp_path / "chat.txt").write_text(MARKUP, "utf-8")
    monkeypatch.setattr("privacy.engine.scan", _fake_scanner)
    assert main(["--markup", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert "2 texts" in out
    assert "gold spans: 2" in out
    assert "- t-02: TELEFOON '06-41873265'" in out


def test_figures_only_names_no_span(tmp_path: Path, monkeypatch, capsys) -> None:
    """The frozen halves are measured per label without showing what leaked."""
    (tmp_path / "chat.txt").write_text(MARKUP, "utf-8")
    monkeypatch.setattr("privacy.engine.scan", _fake_scanner)
    assert main(["--markup", str(tmp_path), "--figures-only"]) == 0
    out = capsys.readouterr().out
    assert "| TELEFOON | 1 | 0.000 | 0.000 |" in out
    assert "structured leaks: 1" in out
    assert "06-41873265" not in out
    assert "huiselijkgeweld.nl" not in out
    assert "Leaks" not in out
