"""Score the engine against an annotated corpus.

``python -m privacy.evaluate`` prints recall (any overlap counts), exact-boundary recall,
precision, recall and exact-boundary recall per label, the must-keep terms that were
redacted, and every leak (a gold span no finding overlaps).

- ``--corpus DIR`` scores a folder of corpus JSON (default: ``tests/privacy/corpus``);
- ``--markup DIR`` builds the documents from a folder of markup files on the fly
  (``### id`` lines, ``[[LABEL:text]]`` spans, ``[[-:text]]`` must-keep terms);
- ``--deduce-only`` scores deduce without this package's detectors, for comparison;
- ``--figures-only`` prints the figures per label and no span: how the frozen halves are
  measured without reading what failed on them.

The article convention (settled 2026-11-27, round 13b): a lowercase article (``de``,
``het``, ``'t``) is never part of a SCHOOL, INSTELLING, ADRES or PLAATS span ("op de
[Regenboog]", "op het [Einstein Lyceum]"); a capitalised one written as part of the name
is ("op [De Regenboog]"), and so is a type word before the name ("[basisschool De
Fontein]"). Older markup put the lowercase article inside some of these spans; a gold span
of these labels that begins with a lowercase article is scored without it
(:func:`conventional_span`), so every half is scored by the same convention.

The handle convention (settled 2026-11-27, round 15): the "@" of a social-media handle is
never part of a NAAM span ("@[lisa_2009]": the sign identifies nobody, and "@[NAAM-1]"
reads naturally). Writers disagreed (bl5 and bl8 outside, bl12 inside); a gold NAAM span
that begins with "@" is scored without it (:func:`conventional_span`).
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from privacy.corpus import Document, Keep, Span, documents_from_markup, load_corpus
from privacy.findings import STRUCTURED_LABELS, Finding, Label

Scanner = Callable[[str], list[Finding]]


@dataclass
class Score:
    """Counts from one evaluation run, and the spans behind them."""

    gold: int = 0
    caught: int = 0
    exact: int = 0
    findings: int = 0
    true_findings: int = 0
    keep: int = 0
    gold_by_label: Counter[Label] = field(default_factory=Counter)
    caught_by_label: Counter[Label] = field(default_factory=Counter)
    exact_by_label: Counter[Label] = field(default_factory=Counter)
    leaks: list[tuple[str, Span]] = field(default_factory=list)
    false_positives: list[tuple[str, Finding]] = field(default_factory=list)
    boundary_misses: list[tuple[str, Span, tuple[Finding, ...]]] = field(default_factory=list)
    keep_redacted: list[tuple[str, Keep]] = field(default_factory=list)

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

    @property
    def keep_redacted_share(self) -> float:
        """Share of must-keep terms that a finding overlaps (0.0 when there are none)."""
        return len(self.keep_redacted) / self.keep if self.keep else 0.0

    @property
    def structured_leaks(self) -> list[tuple[str, Span]]:
        """Leaks of BSN, IBAN, phone, e-mail, postcode, licence plate or URL."""
        return [(doc, span) for doc, span in self.leaks if span.label in STRUCTURED_LABELS]

    def label_recall(self, label: Label) -> float:
        """Recall for one label (1.0 when the corpus has none of it)."""
        total = self.gold_by_label[label]
        return self.caught_by_label[label] / total if total else 1.0

    def label_exact_recall(self, label: Label) -> float:
        """Exact-boundary recall for one label (1.0 when the corpus has none of it)."""
        total = self.gold_by_label[label]
        return self.exact_by_label[label] / total if total else 1.0


#: Labels whose spans never hold a lowercase article: the article is the sentence's.
ARTICLE_OUTSIDE_LABELS = frozenset({Label.SCHOOL, Label.INSTELLING, Label.ADRES, Label.PLAATS})
_LOWERCASE_ARTICLE = re.compile(r"(?:de|het|'t|\u2019t)\s+(?=\S)")


def conventional_span(span: Span) -> Span:
    """``span`` under the article convention: "het Einstein Lyceum" (SCHOOL, older markup)
    is scored as "Einstein Lyceum"; "De Regenboog", "basisschool de Fontein" and names stay
    as marked. Under the handle convention a NAAM "@daan.x010" is scored as "daan.x010"."""
    if span.label is Label.NAAM and span.text.startswith("@") and len(span.text) > 1:
        return Span(span.start + 1, span.end, span.label, span.text[1:])  # the handle's "@"
    if span.label not in ARTICLE_OUTSIDE_LABELS:
        return span
    article = _LOWERCASE_ARTICLE.match(span.text)
    if article is None:
        return span
    cut = article.end()
    return Span(span.start + cut, span.end, span.label, span.text[cut:])


def score_document(document: Document, findings: Sequence[Finding], score: Score) -> None:
    """Add one document's outcome to ``score`` (gold spans under the article convention)."""
    exact = {(f.start, f.end) for f in findings}
    for span in map(conventional_span, document.spans):
        score.gold += 1
        score.gold_by_label[span.label] += 1
        if any(f.overlaps(span.start, span.end) for f in findings):
            score.caught += 1
            score.caught_by_label[span.label] += 1
        else:
            score.leaks.append((document.id, span))
        if (span.start, span.end) in exact:
            score.exact += 1
            score.exact_by_label[span.label] += 1
        else:
            near = tuple(f for f in findings if f.overlaps(span.start, span.end))
            if near:
                score.boundary_misses.append((document.id, span, near))
    for keep in document.keep:
        score.keep += 1
        if any(f.overlaps(keep.start, keep.end) for f in findings):
            score.keep_redacted.append((document.id, keep))
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


def format_report(
    score: Score,
    title: str,
    *,
    show_false_positives: bool = False,
    show_boundaries: bool = False,
    figures_only: bool = False,
) -> str:
    """A Markdown report of ``score``; ``figures_only`` leaves out which spans leaked,
    which must-keep terms were redacted and every other list of spans (for a frozen
    half, which is measured but never read)."""
    lines = [
        f"### {title}",
        "",
        f"- gold spans: {score.gold}, findings: {score.findings}",
        f"- recall (any overlap): {score.recall:.3f}",
        f"- exact-boundary recall: {score.exact_recall:.3f}",
        f"- precision: {score.precision:.3f}",
        f"- structured leaks: {len(score.structured_leaks)}",
        f"- must-keep terms redacted: {len(score.keep_redacted)} of {score.keep}"
        f" ({score.keep_redacted_share:.3f})",
        "",
        "| label | spans | recall | exact |",
        "| --- | ---: | ---: | ---: |",
    ]
    for label in Label:
        if score.gold_by_label[label]:
            lines.append(
                f"| {label} | {score.gold_by_label[label]} | {score.label_recall(label):.3f} "
                f"| {score.label_exact_recall(label):.3f} |"
            )
    if figures_only:
        return "\n".join(lines) + "\n"
    lines += ["", f"Leaks ({len(score.leaks)}):", ""]
    lines += [f"- {doc_id}: {span.label} {span.text!r}" for doc_id, span in score.leaks]
    lines += ["", f"Must-keep terms redacted ({len(score.keep_redacted)}):", ""]
    lines += [f"- {doc_id}: {keep.text!r}" for doc_id, keep in score.keep_redacted]
    if show_boundaries:
        lines += ["", f"Wrong boundaries ({len(score.boundary_misses)}):", ""]
        lines += [
            f"- {doc_id}: {span.label} {span.text!r} <- "
            + ", ".join(f"{f.label} {f.text!r}" for f in near)
            for doc_id, span, near in score.boundary_misses
        ]
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
    source = parser.add_mutually_exclusive_group()
    source.add_argument("--corpus", type=Path, default=None, help="folder of corpus JSON")
    source.add_argument(
        "--markup", type=Path, default=None, help="folder of markup files, built on the fly"
    )
    parser.add_argument("--deduce-only", action="store_true", help="score deduce alone")
    parser.add_argument("--false-positives", action="store_true", help="list them too")
    parser.add_argument(
        "--boundaries", action="store_true", help="list spans found with wrong boundaries"
    )
    parser.add_argument(
        "--figures-only",
        action="store_true",
        help="print the figures per label, no span (for the frozen halves)",
    )
    args = parser.parse_args(argv)
    if args.figures_only and (args.false_positives or args.boundaries):
        parser.error("--figures-only lists no spans")

    if args.markup is not None:
        documents = documents_from_markup(args.markup)
    else:
        documents = load_corpus(args.corpus)
    if args.deduce_only:
        scanner, title = deduce_only_scanner(), "deduce alone"
    else:
        from privacy.engine import scan  # the engine is heavy: load on demand

        scanner, title = scan, "privacy engine (deduce + own detectors)"
    score = evaluate(scanner, documents)
    title = f"{title}, {len(documents)} texts"
    report = format_report(
        score,
        title,
        show_false_positives=args.false_positives,
        show_boundaries=args.boundaries,
        figures_only=args.figures_only,
    )
    sys.stdout.write(report)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
