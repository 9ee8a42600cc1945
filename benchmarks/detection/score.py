"""Matching mtqa's findings to the truth: recall and precision per rule and per variant.

A finding matches a truth item when its rule is one the item expects and the spans overlap. The first
matching finding detects the item; any further finding on it (same rule again, or another rule) is a
duplicate and counts against precision: one problem, one finding. A finding the clean base text already
had (same rule, same place once mapped through the edits) is background, counted apart. A finding on a
legitimate look-alike is a false positive, and so is any other unexplained finding. Rules that describe
the text rather than claim an artifact (a long sentence, hard reading) are notes: a sentence made long by
a lost full stop is long, whatever else is wrong with it, so their findings are counted but not judged.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field

from benchmarks.detection.model import TruthItem, WrittenFile
from benchmarks.detection.mtqa_run import Finding
from benchmarks.detection.text import to_base_offset

MATCH, DUPLICATE, BACKGROUND, LOOKALIKE_HIT, FALSE, NOTE, OTHER_KIND = (
    "match",
    "duplicate",
    "background",
    "lookalike",
    "false",
    "note",
    "other-kind",
)
NOTE_RULES = frozenset({"long-sentence", "readability", "grammar"})
"""Rules about how the text reads, not about an artifact in it: never a duplicate of one."""


def overlaps(start: int, end: int, other_start: int, other_end: int) -> bool:
    """Half-open spans overlap; an empty span overlaps a span it touches."""
    if start == end or other_start == other_end:
        return other_start <= start <= other_end or start <= other_start <= end
    return start < other_end and other_start < end


@dataclass
class Verdict:
    finding: Finding
    outcome: str
    item: TruthItem | None = None


@dataclass
class FileScore:
    file: WrittenFile
    verdicts: list[Verdict]
    detected: set[int] = field(default_factory=set)


def is_background(finding: Finding, file: WrittenFile, base_findings: list[Finding]) -> bool:
    start = to_base_offset(finding.start, file.regions, is_end=False)
    end = to_base_offset(finding.end, file.regions, is_end=True)
    return any(b.rule == finding.rule and overlaps(start, end, b.start, b.end) for b in base_findings)


def score_file(file: WrittenFile, findings: list[Finding], base_findings: list[Finding]) -> FileScore:
    """One verdict per finding, in reading order, and which truth items were detected.

    A finding on another kind's artifact is a duplicate when that artifact's own rule found it too;
    when its own rule missed it, the finding is the only one there: not a duplicate, and not a
    false alarm either, since something is wrong where it points (OTHER_KIND, left out of precision).
    """
    score = FileScore(file, [])
    items = file.items
    ordered = sorted(findings, key=lambda f: (f.start, f.end, f.rule))
    touching_of = [_touching(f, items) for f in ordered]
    own_rule_found = {
        i for f, touching in zip(ordered, touching_of) for i in touching if f.rule in items[i].rules
    }
    for finding, touching in zip(ordered, touching_of):
        expected = [i for i in touching if finding.rule in items[i].rules]
        fresh = [i for i in expected if i not in score.detected]
        if fresh:
            score.detected.add(fresh[0])
            score.verdicts.append(Verdict(finding, MATCH, items[fresh[0]]))
        elif expected:
            score.verdicts.append(Verdict(finding, DUPLICATE, items[expected[0]]))
        elif is_background(finding, file, base_findings):
            score.verdicts.append(Verdict(finding, BACKGROUND))
        elif finding.rule in NOTE_RULES:
            score.verdicts.append(Verdict(finding, NOTE))
        elif artifacts := [i for i in touching if not items[i].is_lookalike]:
            outcome = DUPLICATE if own_rule_found.intersection(artifacts) else OTHER_KIND
            score.verdicts.append(Verdict(finding, outcome, items[artifacts[0]]))
        elif touching:
            score.verdicts.append(Verdict(finding, LOOKALIKE_HIT, items[touching[0]]))
        else:
            score.verdicts.append(Verdict(finding, FALSE))
    return score


def _touching(finding: Finding, items: list[TruthItem]) -> list[int]:
    return [i for i, item in enumerate(items) if overlaps(finding.start, finding.end, item.start, item.end)]


@dataclass
class Tally:
    """Counts behind one row: truth items and how many were detected, findings by outcome."""

    items: int = 0
    detected: int = 0
    outcomes: Counter = field(default_factory=Counter)

    @property
    def recall(self) -> float | None:
        return self.detected / self.items if self.items else None

    @property
    def precision(self) -> float | None:
        judged = sum(self.outcomes[o] for o in (MATCH, DUPLICATE, LOOKALIKE_HIT, FALSE))
        return self.outcomes[MATCH] / judged if judged else None


@dataclass
class Scores:
    by_rule: dict[str, Tally]
    by_variant: dict[tuple[str, str], Tally]
    scored: list[FileScore]

    def examples(self, outcome: str) -> list[tuple[str, Verdict]]:
        return [(s.file.path, v) for s in self.scored for v in s.verdicts if v.outcome == outcome]

    def missed(self) -> list[tuple[str, TruthItem]]:
        return [
            (s.file.path, item)
            for s in self.scored
            for i, item in enumerate(s.file.items)
            if i not in s.detected and not item.is_lookalike
        ]


def score(
    files: list[WrittenFile], findings: dict[str, list[Finding]], base: dict[str, list[Finding]]
) -> Scores:
    """Recall per rule counts the items of the rule's own kind; precision per rule counts the rule's findings.

    ``findings`` is keyed by written file name, ``base`` by the clean document's 'pair/docid'.
    """
    by_rule: dict[str, Tally] = defaultdict(Tally)
    by_variant: dict[tuple[str, str], Tally] = defaultdict(Tally)
    scored = []
    for file in files:
        if file.role != "injected":
            continue
        result = score_file(file, findings.get(file.path, []), base.get(file.base, []))
        scored.append(result)
        for index, item in enumerate(file.items):
            variant = by_variant[item.kind, item.variant]
            variant.items += 1
            if not item.is_lookalike:
                by_rule[item.kind].items += 1
            if index in result.detected:
                variant.detected += 1
                by_rule[item.kind].detected += 1
        for verdict in result.verdicts:
            by_rule[verdict.finding.rule].outcomes[verdict.outcome] += 1
            if verdict.item is not None:
                by_variant[verdict.item.kind, verdict.item.variant].outcomes[verdict.outcome] += 1
    return Scores(dict(by_rule), dict(by_variant), scored)


def merge(parts: list[Scores]) -> Scores:
    """Several injected sets' scores as one: tallies added, files listed together."""
    by_rule: dict[str, Tally] = defaultdict(Tally)
    by_variant: dict[tuple[str, str], Tally] = defaultdict(Tally)
    for part in parts:
        for totals, tallies in ((by_rule, part.by_rule), (by_variant, part.by_variant)):
            for key, tally in tallies.items():
                total = totals[key]
                total.items += tally.items
                total.detected += tally.detected
                total.outcomes.update(tally.outcomes)
    return Scores(dict(by_rule), dict(by_variant), [file for part in parts for file in part.scored])
