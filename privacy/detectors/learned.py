"""A learned name scorer (round 16, issue 10): "is this word part of a person's name?".

A logistic regression over a few features of a word and its neighbours (capitals and
place in the sentence, the name and word lists, a character n-gram name-likeness, trigger
words before it), with weights in ``privacy/data/name_scorer.json.gz`` written by
``python -m privacy.train_names`` (deterministic: :mod:`privacy.train_names`).

The engine uses it only to *add* NAAM findings for words that no rule found, above a
high threshold chosen by cross-validation over the tuning halves; on by default,
``PRIVACY_NAME_SCORER=0`` or ``Engine(name_scorer=False)`` turns it off (docs/privacy.md,
round 16: the measurement and the accept rule behind that).

Only numpy and the standard library; the n-gram name-likeness of a word is cached.
"""

from __future__ import annotations

import bisect
import gzip
import json
import re
import zlib
from collections.abc import Iterable, Sequence
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

import numpy as np

from privacy.allowlist import allowed_ranges
from privacy.detectors.lexicon import (
    COUNTRIES,
    common_words,
    dutch_words,
    dutch_words_without_diacritics,
    first_names,
    place_names,
    surnames,
)
from privacy.findings import Finding, Label

DATA_FILE = Path(__file__).resolve().parent.parent / "data" / "name_scorer.json.gz"

#: Hash buckets of the character n-gram table (2-, 3- and 4-grams of "^word$").
NGRAM_BUCKETS = 1 << 14
NGRAM_SIZES = (2, 3, 4)

#: A word: letters, with inner apostrophes and hyphens ("O'Brien", "Abdi-Karim").
WORD = re.compile(r"[^\W\d_]+(?:['\u2019-][^\W\d_]+)*")

# Context words (lowercase) before and after a word.
_ROLE_BEFORE = frozenset(
    """zoon zoontje dochter dochtertje broer broertje zus zusje moeder vader mama papa oma
    opa oom tante neef nicht vriend vriendje vriendin partner ex echtgenoot echtgenote man
    vrouw stiefvader stiefmoeder collega buurvrouw buurman juf meester mentor docent
    mevrouw meneer mevr mw dhr heer dokter dr cliënt cliënte client patiënt patiënte
    leerling jongen meisje melder verdachte betrokkene familie gezin jongste oudste agent
    begeleider voogd pleegmoeder pleegvader kleinzoon kleindochter zwager schoonzus
    schoonmoeder schoonvader oppas gastouder coach trainer baby kind""".split()  # noqa: SIM905
)
_NAMING_BEFORE = frozenset(
    """heet heten genaamd noem noemen naam ben beste lieve hoi hallo hey hi dag groet
    groeten""".split()  # noqa: SIM905
)
_WITH_BEFORE = frozenset("met en bij aan voor tegen naast tussen of".split())  # noqa: SIM905
_PARTICLES = frozenset(
    "van de der den ter ten el al ben bin da di du le la von abu ibn ould".split()  # noqa: SIM905
)
_ARTICLES = frozenset(
    "de het een deze die dat dit onze ons mijn zijn haar hun jullie je".split()  # noqa: SIM905
)
_VERBS_AFTER = frozenset(
    """zegt zei is was heeft had komt kwam gaat ging wil wilde kan kon moet moest vertelt
    vertelde belde belt woont zit zat speelt huilt vindt vond en appt appte schreef
    schrijft vraagt vroeg""".split()  # noqa: SIM905
)
_SENTENCE_END = frozenset(".!?:;\n")

#: The features, in the order of the weights.
FEATURES: tuple[str, ...] = (
    "capital",
    "all_capitals",
    "opens_sentence",
    "capital_inside_sentence",
    "first_name",
    "surname",
    "dutch_word",
    "dutch_word_without_diacritics",
    "place_or_country",
    "ngram_name_likeness",
    "ngram_if_no_word",
    "ngram_if_lowercase",
    "non_ascii",
    "length",
    "role_word_before",
    "naming_word_before",
    "met_en_before",
    "particle_before",
    "article_before",
    "name_before",
    "capital_name_after",
    "verb_after",
    "colon_after",
    "at_sign_before",
    "capitalised_elsewhere",
    "lowercase_text",
    "word_not_name",
    "name_not_word",
    "short",
    "ends_sentence",
    "whole_utterance",
    "capitalised_word",
)


def ngram_hashes(word: str) -> list[int]:
    """The hash buckets of the 2- to 4-grams of ``^word$`` (lowercase)."""
    padded = f"^{word.lower()}$"
    out = []
    for n in NGRAM_SIZES:
        for i in range(len(padded) - n + 1):
            out.append(zlib.crc32(padded[i : i + n].encode("utf-8")) % NGRAM_BUCKETS)
    return out


@cache
def model() -> dict[str, Any]:
    """The committed weights (``privacy/data/name_scorer.json.gz``)."""
    with gzip.open(DATA_FILE, "rt", encoding="utf-8") as handle:
        data = json.load(handle)
    data["ngram_table"] = np.asarray(data["ngram"], dtype=np.float64) / 1000.0
    data["weight_vector"] = np.asarray(data["weights"], dtype=np.float64)
    data["mean_vector"] = np.asarray(data["mean"], dtype=np.float64)
    data["scale_vector"] = np.asarray(data["scale"], dtype=np.float64)
    return data


def name_likeness(word: str, table: np.ndarray | None = None) -> float:
    """Mean n-gram log-odds "name list" against "Dutch word list" (clipped to -5..5)."""
    if table is None:
        return _cached_likeness(word.lower())
    hashes = ngram_hashes(word)
    return float(np.clip(table[hashes].mean(), -5.0, 5.0)) if hashes else 0.0


@lru_cache(maxsize=65536)
def _cached_likeness(lowered: str) -> float:
    return name_likeness(lowered, model()["ngram_table"])


def _opens_sentence(text: str, start: int) -> bool:
    i = start - 1
    while i >= 0 and text[i] in " \t\"'\u201c\u2018(*-":
        i -= 1
    return i < 0 or text[i] in _SENTENCE_END or text[i] == "]"


_ENDS = frozenset(".!?,")
# "V-nummer", "Lidnummer": a field's name (as in the engine's own rule), never a name
_FIELD_NAME = re.compile(r"(?i)nummer$")


_PART = re.compile(r"['\u2019-]")
_IN_TOKEN = frozenset("_/\\")


def _name_shape(text: str, m: re.Match[str]) -> bool:
    """Whether the word has a name's shape: no capital inside a part ("NJi", "WhatsApp",
    "MAX" are abbreviations, brands, settings; "Abdi-Karim" is fine), not three lowercase
    letters, and not glued to an underscore, slash or digit ("MAX_WACHTTIJD", "Team2")."""
    word = m.group(0)
    if any(c.isupper() for part in _PART.split(word) for c in part[1:]):
        return False
    if len(word) == 3 and word.islower():
        return False  # "nji", "idd", "vgl": chat's abbreviations; "ali" is the rules' call
    before = text[m.start() - 1] if m.start() else " "
    after = text[m.end()] if m.end() < len(text) else " "
    return not (before in _IN_TOKEN or after in _IN_TOKEN or before.isdigit() or after.isdigit())


def _after_colon(text: str, start: int) -> bool:
    """Whether the word opens a chat turn or a quote ("[10:02] Anouk: oké.")."""
    before = text[max(0, start - 3) : start].rstrip(" \t\"'\u201c")
    return before.endswith(":")


def is_candidate(lowered: str) -> bool:
    """Words the scorer looks at: three letters or more ("ok", "ai", "my", "Bo" are left to
    the rules), no stop word or listed non-name."""
    return len(lowered) >= 3 and lowered not in common_words()


def document_features(
    text: str,
    words: Sequence[re.Match[str]],
    likeness: Any = name_likeness,
    only: Sequence[int] | None = None,
) -> np.ndarray:
    """One row of :data:`FEATURES` per word in ``words`` (all words of ``text``), or per
    word at the indices ``only``."""
    given, family, dutch = first_names(), surnames(), dutch_words()
    plain, places = dutch_words_without_diacritics(), place_names()
    lowered = [m.group(0).lower() for m in words]
    opens = [_opens_sentence(text, m.start()) for m in words]
    capital = [m.group(0)[0].isupper() for m in words]
    capitalised_inside: set[str] = {
        low for low, cap, op in zip(lowered, capital, opens, strict=True) if cap and not op
    }
    inside = [not op for op in opens]
    lowercase_text = float(
        sum(1 for m, op in zip(words, opens, strict=True) if op and m.group(0)[0].islower()) * 2
        >= max(1, sum(opens))
    )
    indices = range(len(words)) if only is None else only
    rows = np.zeros((len(indices), len(FEATURES)), dtype=np.float64)
    for row, i in enumerate(indices):
        m = words[i]
        word, low = m.group(0), lowered[i]
        prev = lowered[i - 1] if i > 0 and words[i - 1].end() >= m.start() - 2 else ""
        nxt = lowered[i + 1] if i + 1 < len(words) and words[i + 1].start() <= m.end() + 2 else ""
        is_dutch = low in dutch
        listed = low in given or low in family
        like = likeness(low)
        after = text[m.end() : m.end() + 1]
        rows[row] = (
            capital[i],
            word.isupper() and len(word) > 1,
            opens[i],
            capital[i] and inside[i],
            low in given,
            low in family,
            is_dutch,
            low in plain,
            low in places or low in COUNTRIES,
            like,
            like if not is_dutch else 0.0,
            like if not capital[i] else 0.0,
            not word.isascii(),
            min(len(word), 12) / 12,
            prev in _ROLE_BEFORE,
            prev in _NAMING_BEFORE,
            prev in _WITH_BEFORE,
            prev in _PARTICLES,
            prev in _ARTICLES,
            i > 0 and bool(prev) and capital[i - 1] and prev in given,
            bool(nxt) and capital[i + 1] and (nxt in family or nxt not in dutch),
            nxt in _VERBS_AFTER,
            after == ":",
            m.start() > 0 and text[m.start() - 1] == "@",
            low in capitalised_inside,
            lowercase_text,
            is_dutch and not listed,
            listed and not is_dutch,
            len(word) <= 3,
            after in _ENDS,
            after in _ENDS and _after_colon(text, m.start()),
            capital[i] and is_dutch,
        )
    return rows


def probabilities(rows: np.ndarray, data: dict[str, Any] | None = None) -> np.ndarray:
    """The model's probability that each row's word is part of a name."""
    data = data or model()
    z = (rows - data["mean_vector"]) / data["scale_vector"]
    logits = z @ data["weight_vector"] + data["bias"]
    return 1.0 / (1.0 + np.exp(-logits))


def learned_names(
    text: str, findings: Iterable[Finding], threshold: float | None = None
) -> list[Finding]:
    """NAAM findings for words no finding covers that the model scores at ``threshold``
    or more (the committed threshold by default); every other occurrence of such a word in
    the same text too. Adjacent words are one span."""
    # what the findings and the allowed phrases (domain terms, must-keep words) cover
    taken = _merged([(f.start, f.end) for f in findings] + list(allowed_ranges(text)))
    starts = [s for s, _ in taken]
    words = list(WORD.finditer(text))
    if not words:
        return []
    data = model()
    threshold = data["threshold"] if threshold is None else threshold
    # a Dutch word opening a sentence ("Roos en lavendel ...") or in lowercase ("ik ben fan
    # van", "op de wang") is the rules' call: the scorer never overrides that ambiguity
    dutch = dutch_words()
    free = [
        i
        for i, m in enumerate(words)
        if is_candidate(m.group(0).lower())
        and not _FIELD_NAME.search(m.group(0))
        and _name_shape(text, m)
        and not _covered(taken, starts, m.start(), m.end())
        and not (
            m.group(0).lower() in dutch
            and (m.group(0).islower() or _opens_sentence(text, m.start()))
        )
    ]
    if not free:
        return []
    scores = probabilities(document_features(text, words, only=free), data)
    chosen = {words[i].group(0) for i, s in zip(free, scores, strict=True) if s >= threshold}
    if not chosen:
        return []
    hits = [words[i] for i in free if words[i].group(0) in chosen]
    out: list[Finding] = []
    for m in hits:
        if out and text[out[-1].end : m.start()] == " ":
            start = out[-1].start
            out[-1] = Finding(start, m.end(), Label.NAAM, text[start : m.end()], "naam-model")
        else:
            out.append(Finding(m.start(), m.end(), Label.NAAM, m.group(0), "naam-model"))
    return out


def _merged(ranges: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """``ranges`` sorted and merged where they overlap."""
    out: list[tuple[int, int]] = []
    for start, end in sorted(ranges):
        if out and start < out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], end))
        else:
            out.append((start, end))
    return out


def _covered(taken: Sequence[tuple[int, int]], starts: list[int], start: int, end: int) -> bool:
    """Whether ``[start, end)`` overlaps a range of ``taken`` (sorted, merged; ``starts``
    its starts): a binary search, so a long text stays linear."""
    i = bisect.bisect_left(starts, end) - 1  # the last range that starts before ``end``
    return i >= 0 and taken[i][1] > start
