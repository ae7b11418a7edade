"""Score the engine against the annotated corpus.

``python -m privacy.evaluate`` prints recall (any overlap counts), exact-boundary recall,
precision, recall per label and every leak (a gold span no finding overlaps).
``--deduce-only`` scores deduce without this package's detectors, for comparison.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from privacy.corpus import Document, Span, load_corpus
from privacy.findings import Finding, Label

Scanner = Callable[[str], list[Finding]]


@dataclass
class Score:
    """Counts from one evaluation run, and the spans behind them."""

    gold: int = 0
    caught: int = 0
    exact: int = 0
    findings: int = 0
    true_findings: int = 0
    gold_by_label: Counter[Label] = field(default_factory=Counter)
    caught_by_label: Counter[Label] = field(default_factory=Counter)
    leaks: list[tuple[str, Span]] = field(default_factory=list)
    false_positives: list[tuple[str, Finding]] = field(default_factory=list)

    @property
    def recall(self) -> float:
        """Share of gold spans overlapped by at least one finding."""
        return self.caught / self.gold if self.gold else 1.0

    @property
    def exact_recall(self) -> float:
        """Share of gold spans found with exactly the same boundaries."""
        return self.exact / self.gold if self.gold else 1.0

    @property
    def precision(self) -> float:
        """Share of findings that overlap a gold span."""
        return self.true_findings / self.findings if self.findings else 1.0

    def label_recall(self, label: Label) -> float:
        """Recall for one label (1.0 when the corpus has none of it)."""
        total = self.gold_by_label[label]
        return self.caught_by_label[label] / total if total else 1.0


def score_document(document: Document, findings: Sequence[Finding], score: Score) -> None:
    """Add one document's outcome to ``score``."""
    exact = {(f.start, f.end) for f in findings}
    for span in document.spans:
        score.gold += 1
        score.gold_by_label[span.label] += 1
        if any(f.overlaps(span.start, span.end) for f in findings):
            score.caught += 1
            score.caught_by_label[span.label] += 1
        else:
            score.leaks.append((document.id, span))
        if (span.start, span.end) in exact:
            score.exact += 1
    for finding in findings:
        score.findings += 1
        if any(finding.overlaps(s.start, s.end) for s in document.spans):
            score.true_findings += 1
        else:
            score.false_positives.append((document.id, finding))


def evaluate(scanner: Scanner, documents: Sequence[Document]) -> Score:
    """Run ``scanner`` over every document and score it."""
    score = Score()
    for document in documents:
        score_document(document, scanner(document.text), score)
    return score


def format_report(score: Score, title: str, *, show_false_positives: bool = False) -> str:
    """A Markdown report of ``score``."""
    lines = [
        f"### {title}",
        "",
        f"- gold spans: {score.gold}, findings: {score.findings}",
        f"- recall (any overlap): {score.recall:.3f}",
        f"- exact-boundary recall: {score.exact_recall:.3f}",
        f"- precision: {score.precision:.3f}",
        "",
        "| label | spans | recall |",
        "| --- | ---: | ---: |",
    ]
    for label in Label:
        if score.gold_by_label[label]:
            lines.append(
                f"| {label} | {score.gold_by_label[label]} | {score.label_recall(label):.3f} |"
            )
    lines += ["", f"Leaks ({len(score.leaks)}):", ""]
    lines += [f"- {doc_id}: {span.label} {span.text!r}" for doc_id, span in score.leaks]
    if show_false_positives:
        lines += ["", f"False positives ({len(score.false_positives)}):", ""]
        lines += [
            f"- {doc_id}: {f.label} {f.text!r} ({f.detector})"
            for doc_id, f in score.false_positives
        ]
    return "\n".join(lines) + "\n"


def deduce_only_scanner() -> Scanner:
    """deduce alone, with its tags mapped to our labels and nothing else."""
    from privacy.deduce_engine import deduce_findings  # the engine is heavy: load on demand

    return lambda text: list(deduce_findings(text))


def main(argv: Sequence[str] | None = None) -> int:
    """Command line entry point."""
    parser = argparse.ArgumentParser(prog="python -m privacy.evaluate", description=__doc__)
    parser.add_argument("--corpus", type=Path, default=None, help="corpus folder")
    parser.add_argument("--deduce-only", action="store_true", help="score deduce alone")
    parser.add_argument("--false-positives", action="store_true", help="list them too")
    args = parser.parse_args(argv)

    documents = load_corpus(args.corpus)
    if args.deduce_only:
        scanner, title = deduce_only_scanner(), "deduce alone"
    else:
        from privacy.engine import scan  # the engine is heavy: load on demand

        scanner, title = scan, "privacy engine (deduce + own detectors)"
    score = evaluate(scanner, documents)
    sys.stdout.write(format_report(score, title, show_false_positives=args.false_positives))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
