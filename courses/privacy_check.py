"""The privacy check a reflection passes before it is stored.

A reflection is private, but it is kept for years in a learning record that can be
exported, printed and handed to a register: it must never identify a client. The
same rule as the forum's, through the members' shared gate (`members.privacy_gate`):
structured identifiers (BSN, phone, e-mail, IBAN, ...) block; a name, an address,
a place or a school is shown with its placeholder ("[NAAM-1]"), which the learner
accepts before the redacted text is stored. Nothing here keeps the text, and the
exceptions carry labels and placeholders, never the words themselves."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

import privacy
from members import privacy_gate

from . import rules

ERROR_PRIVACY_UNAVAILABLE = _(
    "De privacycontrole is nu niet bereikbaar, daarom is je reflectie niet bewaard. Je "
    "tekst staat nog in het formulier: probeer het over een paar minuten opnieuw."
)
ERROR_BLOCKED = _(
    "Je reflectie bevat gegevens waarmee iemand direct te vinden is (%(labels)s). Haal ze "
    "weg en bewaar opnieuw; je tekst staat nog in het formulier."
)
ERROR_CONFIRM = _(
    "Je reflectie noemt details waaraan iemand te herkennen is. We bewaren ze als een "
    "aanduiding. Vink aan dat je dat goed vindt, of pas je tekst aan."
)


@dataclass(frozen=True)
class Detail:
    """One finding as the learner sees it: the words they typed and the placeholder
    that replaces them. Only ever rendered back to the learner who typed them."""

    label: str
    text: str
    placeholder: str


class ReflectionBlocked(ValidationError):
    def __init__(self, labels: list[str]) -> None:
        super().__init__(ERROR_BLOCKED % {"labels": ", ".join(sorted(set(labels)))}, "blocked")
        self.labels = sorted(set(labels))


class ConfirmationNeeded(ValidationError):
    """Findings the learner has not accepted yet; `details` to show them, beside the form."""

    def __init__(self, details: tuple[Detail, ...]) -> None:
        super().__init__(ERROR_CONFIRM, code="confirm")
        self.details = details


def accepted_text(text: str, *, accepted_placeholders: frozenset[str] | set[str]) -> str:
    """The text to store: raises ReflectionBlocked for structured identifiers and
    ConfirmationNeeded while a placeholder is not accepted."""
    findings = privacy_gate.scan(
        text, max_chars=rules.REFLECTION_MAX_CHARS, unavailable=ERROR_PRIVACY_UNAVAILABLE
    )
    blocking = [str(f.label) for f in findings if privacy_gate.blocks(f)]
    if blocking:
        raise ReflectionBlocked(blocking)
    if not findings:
        return text
    redaction = privacy.redact(text, findings)
    by_text = {
        original: placeholder
        for placeholder, originals in redaction.mapping.items()
        for original in (originals if isinstance(originals, list) else [originals])
    }
    details = tuple(
        Detail(str(f.label), f.text, by_text.get(f.text, f"[{f.label}]"))
        for f in sorted(findings, key=lambda f: f.start)
    )
    if not frozenset(redaction.mapping) <= frozenset(accepted_placeholders):
        raise ConfirmationNeeded(details)
    return redaction.text
