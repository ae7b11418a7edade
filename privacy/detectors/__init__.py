"""The engine's own detectors, each a function ``text -> Iterable[Finding]``.

They cover what deduce misses (measured in docs/privacy.md): ages, schools and day
care, licence plates, day-month dates, lowercase and non-Dutch names, case numbers,
handles, checksummed BSN and IBAN, phone numbers in every Dutch form.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from privacy.detectors import ages, dates, identifiers, institutions, names, places
from privacy.findings import Finding

Detector = Callable[[str], Iterable[Finding]]

#: Every own detector, in the order they run.
DETECTORS: tuple[Detector, ...] = (
    *identifiers.DETECTORS,
    *dates.DETECTORS,
    *ages.DETECTORS,
    *institutions.DETECTORS,
    *places.DETECTORS,
    *names.DETECTORS,
)

__all__ = ["DETECTORS", "Detector"]
