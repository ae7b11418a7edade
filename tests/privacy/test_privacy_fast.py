"""The speed-ups in privacy/fast.py give exactly the matches of the plain patterns.

Every pattern the detectors run through ``finditer_at`` or ``finditer_near`` is compared
with its own ``finditer`` on the corpus and on generated texts full of the key words,
numbers, odd spacing and the letters whose lowercase form is special (dotted capital I,
dotless i, long s).
"""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from privacy.corpus import load_corpus
from privacy.detectors import ages, dates, identifiers, institutions, names, places
from privacy.fast import (
    finditer_at,
    finditer_near,
    finditer_words,
    first_words,
    folded,
    keyword_pattern,
)

# (pattern, how the detector runs it, anchor, key word or first words, reach)
CASES = [
    (identifiers._BSN, "at", identifiers._THREE_DIGITS, 0),
    (identifiers._POSTCODE, "at", identifiers._FOUR_DIGITS, 0),
    (identifiers._PHONE_START, "at", identifiers._PHONE_ANCHOR, 0),
    (identifiers._PLATE, "near", identifiers._DASH, 3),
    (dates._NUMERIC, "at", dates._DIGIT, 0),
    (dates._DAY_MONTH, "words", dates._DAY_MONTH_FIRST_WORDS, 0),
    (names._TRIGGER, "words", names._ROLE_FIRST_WORDS, 0),
    (ages._JARIG, "near", ages._JARIG_KEY, ages._NUM_REACH),
    (ages._YEARS_OLD, "near", ages._UNIT_KEY, ages._NUM_REACH),
    (ages._IS_AGE, "words", ages._IS_FIRST_WORDS, 0),
    (ages._ORDINAL, "words", ages._ORDINAL_FIRST_WORDS, 0),
    (ages._NOUN_VAN, "words", ages._NOUN_FIRST_WORDS, 0),
    (ages._NUMBER_LIST, "words", ages._LIST_FIRST_WORDS, 0),
    (places._REGION, "words", places._REGION_FIRST_WORDS, 0),
    (places._PLACE_CONTEXT, "words", places._PLACE_FIRST_WORDS, 0),
    (places._LOWER_PLACE, "words", places._LOWER_PLACE_FIRST_WORDS, 0),
    (institutions._SCHOOL_KEYWORD, "words", institutions._SCHOOL_FIRST_WORDS, 0),
    (institutions._SCHOOL_LOWER, "words", institutions._SCHOOL_LOWER_FIRST_WORDS, 0),
    (institutions._SCHOOL_CONTEXT, "words", institutions._SCHOOL_CONTEXT_FIRST_WORDS, 0),
    (institutions._INSTITUTION_KEYWORD, "words", institutions._INSTITUTION_FIRST_WORDS, 0),
    (institutions._EMPLOYER, "words", institutions._EMPLOYER_FIRST_WORDS, 0),
]


def _spans(matches) -> list[tuple[int, int, tuple]]:
    return [(m.start(), m.end(), m.groups()) for m in matches]


def _fast(case, text: str):
    pattern, how, anchor, reach = case
    if how == "at":
        return finditer_at(pattern, anchor, text)
    if how == "words":
        return finditer_words(pattern, anchor, text)
    return finditer_near(pattern, anchor, text, reach)


def _assert_same(text: str) -> None:
    for case in CASES:
        assert _spans(_fast(case, text)) == _spans(case[0].finditer(text)), case[0].pattern[:60]


def test_same_matches_on_the_corpus() -> None:
    documents = [d.text for d in load_corpus()]
    for text in [*documents, "\n".join(documents), *(d.upper() for d in documents)]:
        _assert_same(text)


FRAGMENTS = [
    "8", "14", "3,5", "acht", "zevenenzeventig", "drieënveertig", "jarige", "-jarige", "jaar",
    "jr.", "weken", "maanden", "oud", "lang", "is", "ben", "pas", "zijn", "op", "mijn", "15e",
    "van", "de", "het", "meisje", "moeder", "zoon", "opa en oma", "Mevr.", "kinderen",
    "Jan", "Fatima", "El", "Amrani", "Ommoord", "Kop van Zuid", "woont in", "in", "uit",
    "berkel", "groep 5", "basisschool", "kdv", "De Regenboog", "werkt", "bij", "Coolblue",
    "stichting", ",", ".", "(", ")", "\n", " ", "   ", "\t", "\u0130", "\u0131", "\u017f",
    "JARIGE", "JAAR", "MOEDER", "06-12345678", "+31 (0)6 1234", "2651 CX", "2651cx",
    "628194821", "123.456.789", "GV-123-B", "52-XKT-9", "0800-2000", "-", "--",
    "12-03-1961", "2024-03-02", "15-7", "7/11", "d.d.", "t/m",
    "vanaf", "Ma", "datum:", "24/7", "ĲSSELMONDE",
]  # fmt: skip
texts = st.lists(st.sampled_from(FRAGMENTS), max_size=30).map(" ".join) | st.lists(
    st.sampled_from(FRAGMENTS), max_size=30
).map("".join)


@given(texts)
def test_same_matches_on_generated_texts(text: str) -> None:
    _assert_same(text)


@pytest.mark.parametrize(
    ("text", "aligned"),
    [("Moeder", True), ("\u0130layda", False), ("\u0131\u017f", True), ("i\u0307", False)],
)
def test_folded_text(text: str, aligned: bool) -> None:
    fold = folded(text)
    assert fold.aligned is aligned
    assert "\u0131" not in fold.text and "\u017f" not in fold.text
    if aligned:
        assert len(fold.text) == len(text)


def test_first_words() -> None:
    assert first_words(["Opa en oma", "ex-man", "mevr."]) == {"opa", "ex", "mevr"}
    with pytest.raises(ValueError):
        first_words(["-jarig"])


def test_keyword_pattern_matches_exactly_the_words() -> None:
    words = ["man", "mama", "moeder", "opa", "opa en oma", "mevr.", "ex-man"]
    pattern = re.compile(keyword_pattern(words))
    for word in words:
        assert pattern.fullmatch(word)
    assert pattern.fullmatch("opa \n en  oma")
    for other in ["ma", "mam", "moe", "opa en", "mevr", "exman", "om"]:
        assert not pattern.fullmatch(other)


NAMES = ["Sanne", "sanne", "Fatima el Amrani", "Amrani", "Dijkstra", "Henk Dijkstra", "Ayd\u0131n",
         "ayd\u0131n", "Noah", "Roos", "El", "van"]  # fmt: skip
NAME_TEXT = [*NAMES, " ", "\n ", ".", "@", "-", "_", "'s", "\u017f", "\u0130", "AMRANI", "SANNE",
             "a", "é", "1", ".nl", "Σ"]  # fmt: skip


@given(
    st.lists(st.sampled_from(NAME_TEXT), max_size=25).map("".join),
    st.sets(st.sampled_from(NAMES), min_size=1),
    st.booleans(),
)
def test_name_search_equals_the_regex(text: str, names: set[str], ignore_case: bool) -> None:
    from privacy.engine import _name_spans, _name_spans_by_regex

    if ignore_case:
        names = {n.lower() for n in names}
    ordered = sorted(names, key=len, reverse=True)
    expected = _name_spans_by_regex(text, ordered, re.IGNORECASE if ignore_case else 0)
    assert _name_spans(text, names, ignore_case) == expected
