"""The privacy gate every stored member text passes, shared by the apps (forum,
intervisie, courses, stories) below them all.

`privacy` finds the identifying details (through the detector service when
PRIVACY_SERVICE_URL is set); this module turns that into what the author must see:
structured identifiers (BSN, IBAN, phone, e-mail, ...) block the text; other
findings are shown with the placeholder that will replace them, and only the
redacted text the author accepted is stored. A detector that cannot be reached
refuses the text with the app's own Dutch message.

Nothing here keeps the text: a check lives as long as the request that made it, and
the exceptions carry offsets, labels and placeholders, never the words themselves."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

import privacy

from . import mentions
from .selectors import profiles_by_pseudonyms

ERROR_PRIVACY_UNAVAILABLE = _(
    "De privacycontrole is nu niet bereikbaar, daarom is je bericht niet geplaatst. Je "
    "tekst staat nog in het formulier: probeer het over een paar minuten opnieuw."
)
ERROR_TOO_LONG = _("Je tekst is te lang (%(length)s tekens, maximaal %(max_chars)s).")
ERROR_BLOCKED = _(
    "Je tekst bevat gegevens waarmee iemand direct te vinden is (%(labels)s). Haal ze weg "
    "en probeer het opnieuw; je tekst staat nog in het formulier."
)
ERROR_CONFIRM = _(
    "Controleer hoe je tekst geplaatst wordt: herkenbare details zijn vervangen door "
    "een aanduiding. Bevestig, of pas je tekst aan."
)

#: The longest post, title or contribution the gate takes by default.
MAX_CHARS = 10_000


def scan(
    text: str,
    *,
    max_chars: int | None = None,
    unavailable: str | None = None,
    too_long: str | None = None,
) -> list[privacy.Finding]:
    """`privacy.scan_text` against the site's detector.

    Without `unavailable` the privacy package's own exceptions pass
    (PrivacyServiceError, TextTooLong). With it, a detector that cannot be reached
    raises ValidationError(unavailable, code="privacy_unavailable"), and so does a
    text over `max_chars` unless `too_long` (formatted with `length` and
    `max_chars`) gives it its own message (code "too_long"). The errors never hold
    the text."""
    try:
        return privacy.scan_text(
            text, service_url=settings.PRIVACY_SERVICE_URL, max_chars=max_chars
        )
    except privacy.PrivacyServiceError:
        if unavailable is None:
            raise
        raise ValidationError(unavailable, code="privacy_unavailable") from None
    except privacy.TextTooLong as error:
        if unavailable is None:
            raise
        if too_long is None:
            raise ValidationError(unavailable, code="privacy_unavailable") from None
        raise ValidationError(
            too_long % {"length": error.length, "max_chars": error.max_chars},
            code="too_long",
        ) from None


def blocks(finding: privacy.Finding) -> bool:
    """A structured identifier: it finds someone directly, so the text cannot be stored."""
    return finding.label in privacy.STRUCTURED_LABELS


def without_mentions(text: str, findings: Sequence[privacy.Finding]) -> list[privacy.Finding]:
    """A finding that lies inside an @mention of a member's pseudonym or of a
    per-discussion alias is not a name to redact: pseudonyms are chosen to be
    unrecognisable and aliases name nobody outside their discussion
    (members.mentions). A finding that reaches past the mention stays."""
    if not findings or "@" not in text:
        return list(findings)
    known = set(profiles_by_pseudonyms(mentions.candidates(text))) | mentions.alias_names()
    spans = [(m.start, m.end) for m in mentions.find(text, known)]
    return [
        finding
        for finding in findings
        if not any(start <= finding.start and finding.end <= end for start, end in spans)
    ]


@dataclass(frozen=True)
class Segment:
    """A piece of text for the preview; `label` is set for a finding."""

    text: str
    label: str = ""
    placeholder: str = ""
    blocking: bool = False


@dataclass(frozen=True)
class Span:
    """Where a finding is, without its words: safe in an exception or a log."""

    start: int
    end: int
    label: str


@dataclass(frozen=True)
class Check:
    redacted: str
    placeholders: frozenset[str]
    blocking: tuple[Span, ...]
    findings: tuple[privacy.Finding, ...]

    @property
    def blocked(self) -> bool:
        return bool(self.blocking)

    @property
    def clean(self) -> bool:
        return not self.findings


class TextBlocked(ValidationError):
    """Structured identifiers in the text: `spans` says where (no words)."""

    def __init__(self, spans: tuple[Span, ...], field: str = "text") -> None:
        labels = ", ".join(sorted({span.label for span in spans}))
        super().__init__({field: ERROR_BLOCKED % {"labels": labels}}, code="blocked")
        self.spans = spans
        self.field = field


class ConfirmationNeeded(ValidationError):
    """Findings the author has not yet accepted: `redacted` is what would be stored."""

    def __init__(self, redacted: str, placeholders: frozenset[str], field: str = "text") -> None:
        super().__init__({field: ERROR_CONFIRM}, code="confirm")
        self.redacted = redacted
        self.placeholders = placeholders
        self.field = field


def check(text: str, *, max_chars: int = MAX_CHARS) -> Check:
    """Scan `text` (mentions of members and aliases are no findings); raises
    ValidationError (never with the text in it) when the detector cannot be reached
    or the text is too long."""
    findings = scan(
        text, max_chars=max_chars, unavailable=ERROR_PRIVACY_UNAVAILABLE, too_long=ERROR_TOO_LONG
    )
    findings = without_mentions(text, findings)
    redaction = privacy.redact(text, findings)
    ordered = tuple(sorted(findings, key=lambda f: f.start))
    return Check(
        redacted=redaction.text,
        placeholders=frozenset(redaction.mapping),
        blocking=tuple(Span(f.start, f.end, str(f.label)) for f in ordered if blocks(f)),
        findings=ordered,
    )


def segments(text: str, result: Check) -> list[Segment]:
    """The typed text cut at each finding, each finding with its placeholder: for the
    author's own preview page only."""
    pieces: list[Segment] = []
    position = 0
    redacted_position = 0
    redacted = result.redacted
    for finding in result.findings:
        before = text[position : finding.start]
        pieces.append(Segment(before))
        redacted_position += len(before)
        end = redacted.index("]", redacted_position) + 1
        placeholder = redacted[redacted_position:end]
        redacted_position = end
        pieces.append(
            Segment(
                finding.text,
                label=str(finding.label),
                placeholder=placeholder,
                blocking=blocks(finding),
            )
        )
        position = finding.end
    pieces.append(Segment(text[position:]))
    return [piece for piece in pieces if piece.text]


def accepted_text(text: str, *, accepted_placeholders: Iterable[str], field: str = "text") -> str:
    """The text to store, stripped and redacted: raises TextBlocked for structured
    identifiers and ConfirmationNeeded while the author has not accepted every
    placeholder (the author's preview is built with `check` and `segments`)."""
    result = check(text.strip())
    if result.blocked:
        raise TextBlocked(result.blocking, field=field)
    if not result.placeholders <= frozenset(accepted_placeholders):
        raise ConfirmationNeeded(result.redacted, result.placeholders, field=field)
    return result.redacted
