"""Findings per 10,000 words on copy nobody injected: controls, the human references, each MT system."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from benchmarks.detection.mtqa_run import BLOCKING, CheckedFile


@dataclass
class Density:
    """One group of files: how many words, and findings per rule split by severity."""

    label: str
    pair: str | None = None
    """The language pair of a group of one pair's files (human references or one MT system)."""
    is_reference: bool = False
    words: int = 0
    blocking: Counter = field(default_factory=Counter)
    info: Counter = field(default_factory=Counter)

    def add(self, checked: CheckedFile) -> None:
        self.words += checked.words
        for finding in checked.findings:
            (self.blocking if finding.severity in BLOCKING else self.info)[finding.rule] += 1

    def per_10k(self, counts: Counter, rule: str | None = None) -> float:
        total = sum(counts.values()) if rule is None else counts[rule]
        return 10_000 * total / self.words if self.words else 0.0


def density(
    label: str, files: list[CheckedFile], pair: str | None = None, is_reference: bool = False
) -> Density:
    group = Density(label, pair, is_reference)
    for checked in files:
        group.add(checked)
    return group


def density_rows(groups: list[Density], info: bool) -> list[list[object]]:
    """One row a rule that fired anywhere, then the total; a column per group."""
    pick = (lambda g: g.info) if info else (lambda g: g.blocking)
    rules = sorted({rule for g in groups for rule in pick(g)})
    rows: list[list[object]] = [[rule, *(g.per_10k(pick(g), rule) for g in groups)] for rule in rules]
    rows.append(["all rules", *(g.per_10k(pick(g)) for g in groups)])
    if not info:
        rows.append(["× human, same pair", *(ratio_to_reference(g, groups) for g in groups)])
    rows.append(["words", *(g.words for g in groups)])
    return rows


def ratio_to_reference(group: Density, groups: list[Density]) -> float | None:
    """An MT system's warnings and errors per word over the human references' of the same documents.

    The checker is only useful if MT output scores clearly higher than professional translations.
    """
    if group.pair is None or group.is_reference:
        return None
    reference = next((g for g in groups if g.is_reference and g.pair == group.pair), None)
    if reference is None or not reference.per_10k(reference.blocking):
        return None
    return group.per_10k(group.blocking) / reference.per_10k(reference.blocking)
