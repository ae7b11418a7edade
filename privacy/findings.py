"""What the engine reports: labelled spans of identifying text."""

from __future__ import annotations

import operator
from dataclasses import asdict, dataclass
from enum import StrEnum
from typing import Any


class Label(StrEnum):
    """The kinds of identifying detail; the value is the Dutch placeholder word."""

    NAAM = "NAAM"
    ADRES = "ADRES"
    POSTCODE = "POSTCODE"
    PLAATS = "PLAATS"
    INSTELLING = "INSTELLING"
    SCHOOL = "SCHOOL"
    DATUM = "DATUM"
    LEEFTIJD = "LEEFTIJD"
    BSN = "BSN"
    TELEFOON = "TELEFOON"
    EMAIL = "E-MAIL"
    IBAN = "IBAN"
    KENTEKEN = "KENTEKEN"
    URL = "URL"
    NUMMER = "NUMMER"


#: Labels whose values have a fixed form (checksums, patterns). A text redacted once
#: must never show one of these again.
STRUCTURED_LABELS = frozenset(
    {
        Label.BSN,
        Label.IBAN,
        Label.TELEFOON,
        Label.EMAIL,
        Label.POSTCODE,
        Label.KENTEKEN,
        Label.URL,
    }
)


def _plain_int(name: str, value: object) -> int:
    if isinstance(value, bool):
        raise TypeError(f"finding {name} must be an int, got bool")
    try:
        return operator.index(value)  # type: ignore[arg-type]
    except TypeError:
        raise TypeError(f"finding {name} must be an int, got {type(value).__name__}") from None


@dataclass(frozen=True, slots=True)
class Finding:
    """One identifying span: ``text[start:end]``, its label and the detector that found it."""

    start: int
    end: int
    label: Label
    text: str
    detector: str

    def __post_init__(self) -> None:
        # Offsets must be plain ints whatever made them: deduce hands out numpy
        # integers, which json cannot serialise. Integer-like values are converted,
        # anything else (floats, strings, bools) is refused.
        for name in ("start", "end"):
            value = getattr(self, name)
            if type(value) is not int:
                object.__setattr__(self, name, _plain_int(name, value))
        if not 0 <= self.start < self.end:
            raise ValueError(f"invalid span {self.start}-{self.end}")
        if len(self.text) != self.end - self.start:
            raise ValueError("finding text does not match its offsets")

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict."""
        data = asdict(self)
        data["label"] = str(self.label)
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Finding:
        """Rebuild a finding from :meth:`to_dict` output (e.g. from the service)."""
        return cls(
            start=int(data["start"]),
            end=int(data["end"]),
            label=Label(data["label"]),
            text=str(data["text"]),
            detector=str(data["detector"]),
        )

    def overlaps(self, start: int, end: int) -> bool:
        """Whether this finding shares at least one character with ``[start, end)``."""
        return self.start < end and start < self.end
