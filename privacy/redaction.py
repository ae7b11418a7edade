"""Replace findings by numbered Dutch placeholders: the same entity keeps its number.

"[NAAM-1]" stays the mother and "[NAAM-2]" the child through the whole text, so the
reflection still reads. A surname alone ("Dijkstra") takes the number of the one full
name that contains it ("Henk Dijkstra"); with two candidates it gets its own number.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from privacy.findings import Finding, Label

_PARTICLES = frozenset({"van", "de", "der", "den", "ter", "ten", "te", "het", "el", "al"})
_TITLES = frozenset({"dhr", "mevr", "mw", "mr", "dr", "drs", "ir", "heer", "mevrouw", "meneer"})


@dataclass(frozen=True, slots=True)
class Redaction:
    """The redacted text and which placeholder replaced which original text.

    ``mapping`` holds the original, identifying strings: show it to the author for the
    check before submitting, never store or log it.
    """

    text: str
    mapping: dict[str, list[str]] = field(default_factory=dict)
    findings: tuple[Finding, ...] = ()

    def to_dict(self, *, include_originals: bool = True) -> dict[str, Any]:
        """A JSON-ready dict; ``include_originals=False`` leaves the identifying text out."""
        data: dict[str, Any] = {"text": self.text}
        if include_originals:
            data["mapping"] = self.mapping
            data["findings"] = [f.to_dict() for f in self.findings]
        else:
            data["placeholders"] = sorted(self.mapping)
        return data


def _key(value: str) -> str:
    return " ".join(re.findall(r"\w+", value.casefold()))


def _name_tokens(value: str) -> frozenset[str]:
    return frozenset(
        t for t in _key(value).split() if t not in _PARTICLES and t not in _TITLES and len(t) > 1
    )


def _assign_numbers(findings: Sequence[Finding]) -> dict[Finding, str]:
    """Placeholder for each finding; equal entities share one."""
    numbers: dict[tuple[Label, str], int] = {}
    counters: dict[Label, int] = {}
    placeholders: dict[Finding, str] = {}
    full_names: dict[str, frozenset[str]] = {}  # key -> tokens, for multi-word names
    # Number in reading order, but let full names claim a number before lone parts.
    for finding in sorted(findings, key=lambda f: f.start):
        key = _key(finding.text) or finding.text
        if finding.label is Label.NAAM and len(_name_tokens(finding.text)) > 1:
            full_names.setdefault(key, _name_tokens(finding.text))
    for finding in sorted(findings, key=lambda f: f.start):
        key = _key(finding.text) or finding.text
        if finding.label is Label.NAAM:
            tokens = _name_tokens(finding.text)
            if len(tokens) == 1:
                owners = [k for k, toks in full_names.items() if tokens <= toks]
                if len(owners) == 1:
                    key = owners[0]
        slot = (finding.label, key)
        if slot not in numbers:
            counters[finding.label] = counters.get(finding.label, 0) + 1
            numbers[slot] = counters[finding.label]
        placeholders[finding] = f"[{finding.label}-{numbers[slot]}]"
    return placeholders


def redact(text: str, findings: Sequence[Finding]) -> Redaction:
    """Replace every finding in ``text`` by its placeholder.

    ``findings`` must not overlap (the output of ``scan`` never does); they must lie
    within ``text`` and match it.
    """
    if not isinstance(text, str):
        raise TypeError(f"privacy expects text as str, got {type(text).__name__}")
    ordered = sorted(findings, key=lambda f: f.start)
    previous_end = 0
    for finding in ordered:
        if finding.start < previous_end:
            raise ValueError("findings overlap; pass the output of scan()")
        if finding.end > len(text) or text[finding.start : finding.end] != finding.text:
            raise ValueError("a finding does not match the text")
        previous_end = finding.end
    placeholders = _assign_numbers(ordered)
    pieces: list[str] = []
    mapping: dict[str, list[str]] = {}
    position = 0
    for finding in ordered:
        placeholder = placeholders[finding]
        pieces.append(text[position : finding.start])
        pieces.append(placeholder)
        originals = mapping.setdefault(placeholder, [])
        if finding.text not in originals:
            originals.append(finding.text)
        position = finding.end
    pieces.append(text[position:])
    return Redaction(text="".join(pieces), mapping=mapping, findings=tuple(ordered))
