"""The privacy check a story passes before it goes to the moderators.

Structured identifiers (phone numbers, e-mail addresses, BSN, IBAN, ...) block:
they identify someone directly. Names, places and other details are shown to
the author, each with the choice to replace it by its placeholder ("[NAAM-1]"):
an author may keep details of their own life, so nothing is replaced unasked.

All texts of a story are checked in one scan, so one name keeps one
placeholder through the whole story.

The pen name (`pen_name_at`: its index among the texts) is the author's chosen
public name: a name found in it is never replaced, only shown as a warning the
author confirms (it may be their real name); a structured identifier in it blocks
like anywhere. Where the whole pen name recurs in the story's own texts as a
signature ("Eva vertelt" on a line of its own, or closing a line after a sentence),
the names inside it are not details either: the allow-list of this one story, as
`privacy.allowlist` is the platform's. Inside a sentence it stays a detail: the pen
name may be a relative's real name ("mijn man Piet Bakker")."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from members import privacy_gate
from privacy import Finding

_WORD = re.compile(r"\w")

SEPARATOR = "\n\n\n"


@dataclass(frozen=True)
class Detail:
    """One identifying detail found in the story, as the author sees it."""

    key: str  # "NAAM:Karin de Vries": the label and the text, stable between two scans
    label: str
    text: str
    placeholder: str


@dataclass(frozen=True)
class PrivacyReport:
    blocked: tuple[Detail, ...]
    details: tuple[Detail, ...]  # names, places, dates: the author decides
    pen_name: tuple[Detail, ...] = ()  # names in the pen name: the author confirms it
    pen_name_blocked: tuple[Detail, ...] = ()  # the part of `blocked` in the pen name
    blocked_elsewhere: bool = False  # a part of `blocked` in the other texts

    def unreviewed(self, reviewed: Iterable[str]) -> tuple[Detail, ...]:
        seen = set(reviewed)
        return tuple(detail for detail in self.details if detail.key not in seen)


def _key(finding: Finding) -> str:
    return f"{finding.label}:{finding.text}"


def _pen_name_spans(texts: Sequence[str], pen_name_at: int | None) -> list[tuple[int, int]]:
    """Where the whole pen name stands in the joined texts (any case, as whole
    words), its own field included."""
    if pen_name_at is None or not texts[pen_name_at].strip():
        return []
    phrase = texts[pen_name_at].strip()
    head = r"(?<!\w)" if _WORD.match(phrase[0]) else ""
    tail = r"(?!\w)" if _WORD.match(phrase[-1]) else ""
    pattern = re.compile(head + re.escape(phrase) + tail, re.IGNORECASE)
    joined = SEPARATOR.join(texts)
    return [
        (m.start(), m.end())
        for m in pattern.finditer(joined)
        if _signs_off(joined[: m.start()], joined[m.end() :])
    ]


#: Before a signature on its line: nothing, a dash, or the end of a sentence.
_SIGNATURE_BEFORE = re.compile(r"(?:^|\n)[ \t\-\u2013\u2014]*$|[.!?][\"'\u201d\u2019]?[ \t]+$")
#: After it, to the end of its line: at most a full stop or an exclamation mark.
_SIGNATURE_AFTER = re.compile(r"[ \t]*[.!]?[ \t]*(?:\n|$)")


def _signs_off(before: str, after: str) -> bool:
    """Does the pen name stand where a signature does: a line of its own, or the
    last words of a line after a sentence ("... tegen mij. Eva vertelt")? Inside a
    sentence ("mijn man Piet Bakker sloeg") it is a mention of someone, and a
    detail like any other: a pen name may be a relative's real name."""
    return bool(_SIGNATURE_BEFORE.search(before[-200:]) and _SIGNATURE_AFTER.match(after))


def _scan(texts: Sequence[str], pen_name_at: int | None = None) -> list[tuple[int, Finding]]:
    """Findings per text index, from one scan of all texts joined. A finding that is
    no structured identifier and lies inside the pen name where it recurs in the
    other texts is left out (it stays in the pen name's own field: a warning)."""
    joined = SEPARATOR.join(texts)
    if not joined.strip():
        return []
    starts, offset = [], 0
    for text in texts:
        starts.append(offset)
        offset += len(text) + len(SEPARATOR)
    own = (
        range(starts[pen_name_at], starts[pen_name_at] + len(texts[pen_name_at]))
        if (pen_name_at is not None)
        else range(0)
    )
    kept_spans = [span for span in _pen_name_spans(texts, pen_name_at) if span[0] not in own]
    found = []
    for finding in privacy_gate.scan(joined):
        if not privacy_gate.blocks(finding) and any(
            start <= finding.start and finding.end <= end for start, end in kept_spans
        ):
            continue
        index = max(i for i, start in enumerate(starts) if start <= finding.start)
        local_start = finding.start - starts[index]
        local_end = min(finding.end - starts[index], len(texts[index]))
        if local_end <= local_start:
            continue
        found.append(
            (
                index,
                Finding(
                    start=local_start,
                    end=local_end,
                    label=finding.label,
                    text=texts[index][local_start:local_end],
                    detector=finding.detector,
                ),
            )
        )
    return found


def _placeholders(found: Sequence[tuple[int, Finding]]) -> dict[str, str]:
    numbers: dict[str, str] = {}
    counters: dict[str, int] = {}
    for _, finding in sorted(found, key=lambda item: (item[0], item[1].start)):
        key = _key(finding)
        if key not in numbers:
            counters[finding.label] = counters.get(finding.label, 0) + 1
            numbers[key] = f"[{finding.label}-{counters[finding.label]}]"
    return numbers


def check(texts: Sequence[str], *, pen_name_at: int | None = None) -> PrivacyReport:
    """Raises privacy.PrivacyServiceError when the detector service is down."""
    found = _scan(texts, pen_name_at)
    # numbered as replace() numbers them: the pen name is never replaced
    placeholders = _placeholders([item for item in found if item[0] != pen_name_at])
    blocked: dict[str, Detail] = {}
    details: dict[str, Detail] = {}
    pen_name: dict[str, Detail] = {}
    pen_name_blocked: dict[str, Detail] = {}
    elsewhere = False
    for index, finding in found:
        key = _key(finding)
        detail = Detail(key, str(finding.label), finding.text, placeholders.get(key, ""))
        if privacy_gate.blocks(finding):
            blocked.setdefault(key, detail)
            if index == pen_name_at:
                pen_name_blocked.setdefault(key, detail)
            else:
                elsewhere = True
        elif index == pen_name_at:
            pen_name.setdefault(key, detail)
        else:
            details.setdefault(key, detail)
    return PrivacyReport(
        tuple(blocked.values()),
        tuple(details.values()),
        pen_name=tuple(pen_name.values()),
        pen_name_blocked=tuple(pen_name_blocked.values()),
        blocked_elsewhere=elsewhere,
    )


def replace(
    texts: Sequence[str], *, keys: Iterable[str], pen_name_at: int | None = None
) -> list[str]:
    """`texts` with every detail whose key is in `keys` replaced by its placeholder
    (never in the pen name, nor where it recurs)."""
    chosen = set(keys)
    if not chosen:
        return list(texts)
    found = [item for item in _scan(texts, pen_name_at) if item[0] != pen_name_at]
    placeholders = _placeholders(found)
    result = list(texts)
    by_text: dict[int, list[Finding]] = {}
    for index, finding in found:
        if _key(finding) in chosen and not privacy_gate.blocks(finding):
            by_text.setdefault(index, []).append(finding)
    for index, findings in by_text.items():
        text = result[index]
        for finding in sorted(findings, key=lambda f: f.start, reverse=True):
            text = text[: finding.start] + placeholders[_key(finding)] + text[finding.end :]
        result[index] = text
    return result
