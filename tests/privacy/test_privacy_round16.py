"""Issue 10, round 16: a learned name scorer beside the rules.

The scorer (privacy/detectors/learned.py, weights from ``python -m privacy.train_names``)
adds a NAAM finding for a word no rule found when it scores 0.97 or more. What it adds that
the rules missed: surnames of the region's communities typed in lowercase without a
trigger word ("de broer van kowalczyk", "[10:01] özkan: ok"). The sentences are written
for these tests (none taken from a tuning or frozen text); the names are ordinary Polish,
Turkish, Ukrainian, Surinamese and Moroccan surnames. Each one fails with the scorer off
(``PRIVACY_NAME_SCORER=0``, i.e. the engine before this round).
"""

from __future__ import annotations

import pytest

from privacy.detectors import learned
from privacy.engine import Engine, name_scorer_enabled, scan
from privacy.findings import Label
from privacy.train_names import serialise, train

CASES = [
    # (sentence, the name that must be found)
    ("de broer van kowalczyk was er gisteren ook bij", "kowalczyk"),  # Polish
    ("de moeder van zieliński belde net, ze komt later", "zieliński"),  # Polish
    ("ik heb özkan vanochtend gezien bij de poli", "özkan"),  # Turkish
    ("de buurvrouw van yıldırım zegt dat het stil is", "yıldırım"),  # noqa: RUF001 (Turkish)
    ("het zusje van shevchenko zit in groep vier", "shevchenko"),  # Ukrainian
    ("de oom van ramdin heeft het contract getekend", "ramdin"),  # Surinamese
    ("de vader van ziani was er niet bij vandaag", "ziani"),  # Moroccan
    (
        "[10:01] çelik: ik ben er om negen uur\n[10:03] ineke: prima\n[10:04] çelik: top",
        "çelik",
    ),  # Turkish, lowercase chat speaker
    (
        "[21:10] şahin: kan iemand morgen rijden?\n[21:12] joost: ja ik\n[21:13] şahin: dank",
        "şahin",
    ),  # Turkish, lowercase chat speaker
]

#: What the scorer does not catch either (measured, round 16): unlisted surnames in
#: lowercase, and a listed one it scores just under the threshold. Strict: when a later
#: round catches them, these say so.
KNOWN_MISSES = [
    ("de tante van kovalenko haalt de kinderen op", "kovalenko"),
    (
        "[08:40] ghebrehiwet: ik ben ziek vandaag\n[08:41] marloes: beterschap!\n"
        "[08:45] ghebrehiwet: dank je",
        "ghebrehiwet",
    ),
    ("ik heb dmytrenko gisteren gesproken, hij zit nu bij zijn oom", "dmytrenko"),
]


def _names(findings, text: str) -> list[str]:
    return [text[f.start : f.end] for f in findings if f.label is Label.NAAM]


def _every_occurrence_found(text: str, name: str, findings) -> bool:
    start = text.find(name)
    while start != -1:
        end = start + len(name)
        if not any(f.label is Label.NAAM and f.start < end and start < f.end for f in findings):
            return False
        start = text.find(name, end)
    return True


@pytest.mark.parametrize(("text", "name"), CASES)
def test_lowercase_community_surnames_are_found(text: str, name: str) -> None:
    assert _every_occurrence_found(text, name, scan(text)), _names(scan(text), text)


@pytest.mark.parametrize(("text", "name"), KNOWN_MISSES)
@pytest.mark.xfail(
    strict=True, reason="lowercase surnames under the threshold: a known gap (round 16)"
)
def test_unlisted_lowercase_surnames_known_gap(text: str, name: str) -> None:
    assert _every_occurrence_found(text, name, scan(text))


def test_scorer_off_adds_nothing() -> None:
    """With the setting off the engine is the engine of round 15."""
    text = CASES[0][0]
    off = Engine(name_scorer=False).scan(text)
    assert not any("naam-model" in f.detector for f in off)
    assert "kowalczyk" not in _names(off, text)


def test_setting(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("PRIVACY_NAME_SCORER", raising=False)
    assert name_scorer_enabled()
    for value in ("0", "off", "false", "No"):
        monkeypatch.setenv("PRIVACY_NAME_SCORER", value)
        assert not name_scorer_enabled()
    monkeypatch.setenv("PRIVACY_NAME_SCORER", "1")
    assert name_scorer_enabled()


def test_ordinary_words_and_short_replies_stay() -> None:
    """Chat replies, Dutch words opening a sentence or in lowercase ("fan", "ken", though
    listed as names), abbreviations ("nji", "MAX_WACHTTIJD", "WhatsApp") and domain terms
    are never added."""
    text = (
        "[10:01] anouk: ok. ai.\n[10:02] Tom: Oké, ik bel Veilig Thuis.\n"
        "Roos en lavendel, die kweek ik zelf. Op de wang een blauwe plek.\n"
        "ik ben fan van die aanpak, ik ken een gezin dat het ook zo doet\n"
        "ja idd nji heeft gebeld; de instelling MAX_WACHTTIJD staat in de WhatsApp-groep"
    )
    added = [f for f in scan(text) if "naam-model" in f.detector]
    assert added == []


def test_findings_deterministic_with_plain_int_offsets() -> None:
    text = CASES[2][0] + "\n" + CASES[8][0]
    first = scan(text)
    assert first == scan(text) == Engine().scan(text)
    assert all(type(f.start) is int and type(f.end) is int for f in first)
    assert any("naam-model" in f.detector for f in first)


def test_committed_weights_match_a_fresh_training_run() -> None:
    """``python -m privacy.train_names`` is deterministic and the committed file is its
    output (retrain after changing the features, the lists or the training texts)."""
    fresh = serialise(train())
    assert fresh == serialise(train())
    assert learned.DATA_FILE.read_bytes() == fresh


def test_training_never_reads_a_frozen_half() -> None:
    from privacy.train_names import training_sets

    names = [name for name, _ in training_sets()]
    assert names[0] == "corpus"
    assert all(name.startswith("tuning") for name in names[1:])
