"""The privacy check a story passes before it goes to the moderators.

Structured identifiers (phone numbers, e-mail addresses, BSN, IBAN, ...) block:
they identify someone directly. Names, places and other details are shown to
the author, each with the choice to replace it by its placeholder ("[NAAM-1]"):
an author may keep details of their own life, so nothing is replaced unasked.

All texts of a story are checked in one scan, so one name keeps one
placeholder through the whole story."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from members import privacy_gate
from privacy import Finding

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

    def unreviewed(self, reviewed: Iterable[str]) -> tuple[Detail, ...]:
        seen = set(reviewed)
        return tuple(detail for detail in self.details if detail.key not in seen)


def _key(finding: Finding) -> str:
    return f"{finding.label}:{finding.text}"


def _scan(texts: Sequence[str]) -> list[tuple[int, Finding]]:
    """Findings per text index, from one scan of all texts joined."""
    joined = SEPARATOR.join(texts)
    if not joined.strip():
        return []
    starts, offset = [], 0
    for text in texts:
        starts.append(offset)
        offset += len(text) + len(SEPARATOR)
    found = []
    for finding in privacy_gate.scan(joined):
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


def check(texts: Sequence[str]) -> PrivacyReport:
    """Raises privacy.PrivacyServiceError when the detector service is down."""
    found = _scan(texts)
    placeholders = _placeholders(found)
    blocked: dict[str, Detail] = {}
    details: dict[str, Detail] = {}
    for _, finding in found:
        key = _key(finding)
        detail = Detail(key, str(finding.label), finding.text, placeholders[key])
        (blocked if privacy_gate.blocks(finding) else details).setdefault(key, detail)
    return PrivacyReport(tuple(blocked.values()), tuple(details.values()))


def replace(texts: Sequence[str], *, keys: Iterable[str]) -> list[str]:
    """`texts` with every detail whose key is in `keys` replaced by its placeholder."""
    chosen = set(keys)
    if not chosen:
        return list(texts)
    found = _scan(texts)
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
