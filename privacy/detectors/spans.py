"""Helpers shared by the detectors."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from functools import wraps

from privacy.findings import Finding

DetectorFunction = Callable[[str], Iterable[Finding]]


def distinct(detector: DetectorFunction) -> Callable[[str], Iterator[Finding]]:
    """Wrap a detector so it reports each span once and no span inside a longer one."""

    @wraps(detector)
    def wrapper(text: str) -> Iterator[Finding]:
        found = list(detector(text))
        if len(found) < 2:
            yield from found  # most detectors find nothing in most texts
            return
        # a total order (not the order of a set, which follows the hash seed): on the same
        # span, which label comes first decides which shorter finding is left out
        found = sorted(
            set(found), key=lambda f: (f.start, f.start - f.end, f.label, f.detector, f.text)
        )
        kept: list[Finding] = []
        for finding in found:
            if kept and finding.end <= kept[-1].end and finding.label is kept[-1].label:
                continue  # inside the previous, longer finding of the same kind
            kept.append(finding)
        yield from kept

    return wrapper
