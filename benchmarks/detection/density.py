"""Findings per 10,000 words on copy nobody injected: controls, the human references, each MT system."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from benchmarks.detection.mtqa_run import BLOCKING, CheckedFile


@dataclass
class Density:
    """One group of files: how many words, and findings per rule split by severity."""

    label: str
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


def density(label: str, files: list[CheckedFile]) -> Density:
    group = Density(label)
    for checked in files:
        group.add(checked)
    return group


def density_rows(groups: list[Density], info: bool) -> list[list[object]]:
    """One row a rule that fired anywhere, then the total; a column per group."""
    pick = (lambda g: g.info) if info else (lambda g: g.blocking)
    rules = sorted({rule for g in groups for rule in pick(g)})
    rows: list[list[object]] = [[rule, *(g.per_10k(pick(g), rule) for g in groups)] for rule in rules]
    rows.append(["all rules", *(g.per_10k(pick(g)) for g in groups)])
    rows.append(["words", *(g.words for g in groups)])
    return rows
