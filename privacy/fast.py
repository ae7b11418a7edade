"""What keeps the detectors cheap: keyword alternations factored as a trie, one lowercased
copy of each text shared by every detector, and running a costly pattern only where its
key word occurs.

Python's ``re`` tries every alternative of ``(?i:moeder|vader|...)`` at every position of
the text; a trie (``(?:m(?:oeder|an)|v(?:ader|rouw))``) tries one letter at a time, and a
case-sensitive search on the lowercased text lets the engine skip ahead by the first
letter. Measured in bench/bench_privacy.py; the results are exactly those of the plain
patterns (checked in tests/privacy/test_privacy_fast.py).
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterable, Iterator
from typing import NamedTuple


def keyword_pattern(words: Iterable[str], *, space: str = r"\s+") -> str:
    """A regex (no group) matching any of ``words``, factored as a trie.

    A space in a word matches ``space`` (any run of white space unless told otherwise).
    Where one word is a prefix of another the longer one is tried first, as a greedy
    optional suffix.
    """
    trie: dict[str, dict] = {}
    for word in words:
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}

    def emit(node: dict[str, dict]) -> str:
        ends_here = "" in node
        branches = [
            (space if char == " " else re.escape(char)) + emit(child)
            for char, child in sorted(node.items())
            if char
        ]
        if not branches:
            return ""
        if len(branches) == 1 and not ends_here:
            return branches[0]
        body = "(?:" + "|".join(branches) + ")"
        return body + "?" if ends_here else body

    return emit(trie)


class Folded(NamedTuple):
    """A lowercased copy of a text for cheap key-word tests.

    ``text`` holds everything ``re.IGNORECASE`` would match (long s is folded to "s",
    dotless i and dotted capital I to "i"), so a key word missing from it cannot match.
    ``aligned`` says whether each character sits at the same offset as in the original,
    so that positions found in ``text`` can be used in the original.
    """

    text: str
    aligned: bool


_SAME_LENGTH_FOLDS = (("\u0131", "i"), ("\u017f", "s"))  # dotless i, long s


def fold(text: str) -> Folded:
    """The folded copy of ``text`` (not cached; see :func:`folded`)."""
    lowered = text.lower()
    aligned = len(lowered) == len(text) and "\u0307" not in text
    if not lowered.isascii():
        if not aligned:
            lowered = lowered.replace("i\u0307", "i")  # "İ".lower() is "i" + a dot above
        for char, plain in _SAME_LENGTH_FOLDS:
            if char in lowered:
                lowered = lowered.replace(char, plain)
    return Folded(lowered, aligned)


class _Current(threading.local):
    """The text being scanned in this thread, with what the detectors derive from it."""

    text: str | None = None
    folded: Folded | None = None
    words: frozenset[str] | None = None


_current = _Current()


def folded(text: str) -> Folded:
    """The folded copy of ``text``, made once for all detectors scanning it.

    It is kept for the thread's current text only, and :func:`release` (called by the
    engine after every scan) forgets it, so no scanned text lingers in memory.
    """
    current = _current
    if current.text is not text:
        current.text, current.folded, current.words = text, fold(text), None
    return current.folded  # type: ignore[return-value]


def words_in(text: str) -> frozenset[str]:
    """Every word of the folded text, made once for all detectors scanning it."""
    haystack = folded(text).text
    if _current.words is None:
        _current.words = frozenset(_TOKEN.findall(haystack))
    return _current.words


def release() -> None:
    """Forget the thread's current text (the engine calls this after every scan)."""
    _current.text = _current.folded = _current.words = None


def contains_any(haystack: str, needles: Iterable[str]) -> bool:
    """Whether any of ``needles`` occurs in ``haystack``."""
    return any(needle in haystack for needle in needles)


def finditer_at(pattern: re.Pattern[str], anchor: re.Pattern[str], text: str) -> Iterator[re.Match]:
    """``pattern.finditer(text)``, trying ``pattern`` only where ``anchor`` matches.

    ``anchor`` is searched case-sensitively in the folded text and must match wherever
    ``pattern`` can start a match (typically: the pattern's lowercase key words). Falls
    back to a plain ``finditer`` for the rare text whose lowercase form has another length.
    """
    fold = folded(text)
    if not fold.aligned:
        yield from pattern.finditer(text)
        return
    search, match, haystack = anchor.search, pattern.match, fold.text
    position = 0
    while (found := search(haystack, position)) is not None:
        start = found.start()
        m = match(text, start)
        if m is None:
            position = start + 1
            continue
        yield m
        position = max(m.end(), start + 1)


def finditer_near(
    pattern: re.Pattern[str], keyword: re.Pattern[str], text: str, reach: int
) -> Iterator[re.Match]:
    """``pattern.finditer(text)``, trying ``pattern`` only shortly before a key word.

    Every match of ``pattern`` must hold a match of ``keyword`` (searched in the folded
    text) that starts at most ``reach`` characters after the match's own start: then only
    the positions from ``reach`` before each key word up to it can start a match ("8-jarige"
    ends in "jarig", so a match starts at most a number's length before it).
    """
    fold = folded(text)
    if not fold.aligned:
        yield from pattern.finditer(text)
        return
    search, match, haystack = keyword.search, pattern.match, fold.text
    position = 0  # the first start not yet tried
    while (found := search(haystack, position)) is not None:
        key = found.start()
        start = max(position, key - reach)
        position = key + 1
        while start <= key:
            m = match(text, start)
            if m is not None:
                yield m
                position = max(m.end(), start + 1)
                break
            start += 1


_TOKEN = re.compile(r"\w+")


def first_words(keywords: Iterable[str]) -> frozenset[str]:
    """The first word (a run of word characters) of each key word, lowercased."""
    words = set()
    for keyword in keywords:
        first = _TOKEN.match(keyword.lower())
        if first is None:
            raise ValueError(f"key word {keyword!r} does not start with a word character")
        words.add(first.group(0))
    return frozenset(words)


def finditer_words(
    pattern: re.Pattern[str], words: frozenset[str], text: str
) -> Iterator[re.Match]:
    """``pattern.finditer(text)``, trying ``pattern`` only where one of ``words`` occurs.

    Every match of ``pattern`` must start with a whole word of the folded text that is in
    ``words`` (made by :func:`first_words` from the pattern's key words, which a ``\\b``
    or ``(?<![\\w-])`` precedes). One set intersection says whether the text holds any of
    them; only their occurrences are then tried, and of those only the ones no word
    character precedes (there that ``\\b`` or look-behind fails anyway).
    """
    fold = folded(text)
    if not fold.aligned:
        yield from pattern.finditer(text)
        return
    present = words.intersection(words_in(text))
    if not present:
        return
    haystack = fold.text
    starts: set[int] = set()
    for word in present:
        found = haystack.find(word)
        while found >= 0:
            # re's \w is str.isalnum() or "_"; the folded text is aligned with the text
            if not found or not (text[found - 1].isalnum() or text[found - 1] == "_"):
                starts.add(found)
            found = haystack.find(word, found + 1)
    match = pattern.match
    position = 0
    for start in sorted(starts):
        if start < position:
            continue
        m = match(text, start)
        if m is not None:
            yield m
            position = m.end()
