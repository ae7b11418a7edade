"""The annotated corpus is sound: offsets match, labels are known, JSON matches markup."""

from __future__ import annotations

import importlib.util
import json
from collections import Counter
from pathlib import Path

from privacy.corpus import DEFAULT_CORPUS_DIR, load_corpus
from privacy.findings import Label

HERE = Path(__file__).resolve().parent


def _corpus_build_module():
    spec = importlib.util.spec_from_file_location("privacy_corpus_build", HERE / "corpus_build.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_corpus_has_at_least_80_texts_in_every_voice() -> None:
    documents = load_corpus()
    voices = Counter(d.voice for d in documents)
    assert len(documents) >= 80
    for voice in (
        "maatschappelijk_werker",
        "jeugdconsulent",
        "leerkracht",
        "huisartsassistent",
        "politie",
        "ervaringsdeskundige",
    ):
        assert voices[voice] >= 8, voice


def test_every_annotated_offset_matches_its_text() -> None:
    for path in sorted(DEFAULT_CORPUS_DIR.glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        text = data["text"]
        previous_end = 0
        for span in sorted(data["spans"], key=lambda s: s["start"]):
            assert 0 <= span["start"] < span["end"] <= len(text), path.name
            assert text[span["start"] : span["end"]] == span["text"], (path.name, span)
            assert span["start"] >= previous_end, f"overlapping spans in {path.name}"
            assert Label(span["label"])
            previous_end = span["end"]


def test_committed_json_matches_the_markup() -> None:
    built = {d["id"]: d for d in _corpus_build_module().build_documents()}
    committed = {
        p.stem: json.loads(p.read_text(encoding="utf-8")) for p in DEFAULT_CORPUS_DIR.glob("*.json")
    }
    assert built == committed


def test_corpus_holds_domain_texts_without_identifying_spans() -> None:
    domain = [d for d in load_corpus() if d.voice == "domein"]
    assert len(domain) >= 10
    assert sum(len(d.spans) for d in domain) <= 1
    assert any("0800-2000" in d.text for d in domain)


def test_corpus_holds_the_hard_cases() -> None:
    spans = [(d, s) for d in load_corpus() for s in d.spans]
    names = [s.text for _, s in spans if s.label is Label.NAAM]
    assert any(n.islower() for n in names), "lowercase names"
    assert any(" van der " in f" {n} " or n.startswith("De ") for n in names), "particles"
    assert any(n in ("Roos", "Storm") for n in names), "names that are words"
    assert any("\n" in s.text for _, s in spans if s.label is Label.ADRES), "split address"
    phones = [s.text for _, s in spans if s.label is Label.TELEFOON]
    assert any(" - " in p for p in phones), "odd spacing"


def test_committed_blind_tuning_json_matches_its_markup() -> None:
    module = _corpus_build_module()
    if not module.BLIND_TUNING_MARKUP_DIR.is_dir():
        return
    built = {d["id"]: d for d in module.build_documents(module.BLIND_TUNING_MARKUP_DIR)}
    committed = {
        p.stem: json.loads(p.read_text(encoding="utf-8"))
        for p in module.BLIND_TUNING_DIR.glob("*.json")
    }
    assert built == committed
    assert sum(len(d.get("keep", [])) for d in built.values()) > 0, "must-keep terms kept"
