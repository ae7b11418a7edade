"""Every free-text field of a case through ``privacy.redact_text`` in one go.

The title and the narrative parts are redacted as one text, so "[NAAM-1]" is the
same person in every part. Text that already holds placeholders (a case edited after
the moderator asked for changes) keeps them, and new finds get numbers after them.

The result holds the raw text for the preview page only: callers render it and let
it go; nothing here is stored, cached or logged."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from django.conf import settings
from django.views.decorators.debug import sensitive_variables

import privacy
from privacy import STRUCTURED_LABELS, Finding

# A paragraph of its own between the parts: no detector joins text across it.
SEPARATOR = "\n\n\u2042\n\n"
PLACEHOLDER = re.compile(r"\[([A-Z][A-Z-]*?)-(\d+)\]")

#: Labels an author may mark as a false find: a word that is no name, place or
#: institution. Structured identifiers (BSN, IBAN, ...) can never be waved through.
FALSE_FIND_LABELS = frozenset({"NAAM", "PLAATS", "INSTELLING", "SCHOOL"})


@dataclass(frozen=True)
class Segment:
    """A piece of the author's text: plain, or a finding with its placeholder."""

    text: str
    label: str = ""
    placeholder: str = ""

    @property
    def structured(self) -> bool:
        return bool(self.label) and self.label in STRUCTURED_LABELS

    @property
    def may_be_marked_false(self) -> bool:
        return self.label in FALSE_FIND_LABELS


@dataclass
class PartResult:
    key: str
    redacted: str
    segments: list[Segment] = field(default_factory=list)

    @property
    def structured_labels(self) -> list[str]:
        return sorted({s.label for s in self.segments if s.structured})

    @property
    def placeholders(self) -> list[tuple[str, str]]:
        """(placeholder, label) of each finding, each once, in reading order."""
        seen: list[tuple[str, str]] = []
        for segment in self.segments:
            if segment.label and (segment.placeholder, segment.label) not in seen:
                seen.append((segment.placeholder, segment.label))
        return seen

    @property
    def markable(self) -> list[tuple[str, str]]:
        return [(p, label) for p, label in self.placeholders if label in FALSE_FIND_LABELS]


@dataclass
class Anonymised:
    parts: dict[str, PartResult]

    @property
    def blocked(self) -> dict[str, list[str]]:
        """Part key -> structured labels still in it: these block submission."""
        return {k: r.structured_labels for k, r in self.parts.items() if r.structured_labels}

    @property
    def redacted(self) -> dict[str, str]:
        return {k: r.redacted for k, r in self.parts.items()}


def _existing_numbers(text: str) -> dict[str, int]:
    highest: dict[str, int] = {}
    for match in PLACEHOLDER.finditer(text):
        label, number = match.group(1), int(match.group(2))
        highest[label] = max(highest.get(label, 0), number)
    return highest


def next_placeholder(texts: list[str], label: str) -> str:
    """The next free placeholder for ``label`` across ``texts``."""
    highest = _existing_numbers("\n".join(texts)).get(label, 0)
    return f"[{label}-{highest + 1}]"


def _placeholders_of(joined: str, redacted: str, findings: list[Finding]) -> list[str]:
    """The placeholder that replaced each finding, read by walking both texts."""
    result = []
    original_pos = redacted_pos = 0
    for finding in findings:
        redacted_pos += finding.start - original_pos
        match = PLACEHOLDER.match(redacted, redacted_pos)
        if match is None:
            raise privacy.PrivacyServiceError("redacted text does not match its findings")
        result.append(match.group(0))
        redacted_pos = match.end()
        original_pos = finding.end
    return result


@sensitive_variables()
def anonymise(texts: dict[str, str]) -> Anonymised:
    """Redact every text of ``texts`` (key -> raw text) through the privacy service.

    Raises ``privacy.PrivacyServiceError`` when the service is down and
    ``privacy.TextTooLong`` past its limit; the caller keeps the author's input.
    """
    keys = list(texts)
    joined = SEPARATOR.join(texts[k] for k in keys)
    redaction = privacy.redact_text(joined, service_url=settings.PRIVACY_SERVICE_URL)
    findings = sorted(redaction.findings, key=lambda f: f.start)
    found = _placeholders_of(joined, redaction.text, findings)

    # New finds must not take a number an existing placeholder already has.
    existing = _existing_numbers(joined)
    renumbered: dict[str, str] = {}
    counters = dict(existing)
    for placeholder in found:
        if placeholder in renumbered:
            continue
        label = PLACEHOLDER.fullmatch(placeholder).group(1)  # type: ignore[union-attr]
        if label in existing:
            counters[label] = counters.get(label, 0) + 1
            renumbered[placeholder] = f"[{label}-{counters[label]}]"
        else:
            renumbered[placeholder] = placeholder

    results: dict[str, PartResult] = {}
    offset = 0
    index = 0
    for key in keys:
        raw = texts[key]
        start, end = offset, offset + len(raw)
        segments: list[Segment] = []
        position = start
        while index < len(findings) and findings[index].start < end:
            finding = findings[index]
            if finding.start < position or finding.end > end:
                raise privacy.PrivacyServiceError("a finding crosses the parts of a case")
            if finding.start > position:
                segments.append(Segment(joined[position : finding.start]))
            segments.append(Segment(finding.text, str(finding.label), renumbered[found[index]]))
            position = finding.end
            index += 1
        if position < end:
            segments.append(Segment(joined[position:end]))
        redacted = "".join(s.placeholder or s.text for s in segments)
        results[key] = PartResult(key=key, redacted=redacted, segments=segments)
        offset = end + len(SEPARATOR)
    return Anonymised(parts=results)
