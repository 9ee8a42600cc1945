"""One problem, one finding: a rule's finding gives way to another rule's that names the same problem.

Four ways a second finding can be an echo of the first:

- On exactly the same span, from a kind that wraps a general-purpose checker: "no No" is
  both `duplicated-word` and LanguageTool's ENGLISH_WORD_REPEAT_RULE. mtqa's own rule
  is the one to keep, since its message and suggestion are written for this copy.
  Likewise `name-variant` gives way to `preferred-name` on a name the house list
  settles. Such kinds declare `defers = True`.
- Inside, or touching, the span of a finding of a kind that explains the whole thing.
  Kinds that declare `covers = True` explain everything in their span: the "»" of a
  mangled byte-order mark "ï»¿" is mojibake, not a French quotation mark; a date or a
  doubled word inside an untranslated Russian sentence is part of that sentence. A
  kind may also name the particular kinds it yields to in `yields_to`: a German „ is
  foreign punctuation before it is an unbalanced quotation.
- Within the span of a finding of a kind that names the other in `supersedes`: that finding
  says all the other one says and more. A « that is never closed is an unbalanced quotation
  whose message also names the English mark, so foreign-punctuation's finding on it goes; a
  Russian date "28 июля 2022 г." is a foreign date with its English rewrite, not merely
  untranslated words. Superseded findings go first, so they cover nothing.
- Inside a copy that a repeat's fix deletes: kinds that report a repeat and suggest its
  first copy declare `repeats = True`. In "the  the talks" the double space goes with
  the second "the"; in "Pаris Pаris" the second copy's Cyrillic "а" is the first one's
  again; in a looped "that We that We" the second "We" is, while the first, which the
  fix keeps, is still a stray capital. Findings in deleted copies go first too.

The engine passes each file's findings through `drop_echoes` once every rule has run.
"""

from __future__ import annotations

from bisect import bisect_right
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from typing import TYPE_CHECKING

from qa.findings import Finding

if TYPE_CHECKING:
    from qa.catalogue import Rule

DELETED_COPY = "deleted copy"
"""The key of the spans a repeat's fix deletes, beside the kinds' names (which have no space)."""


def deferring_rule_ids(rules: Iterable[Rule]) -> frozenset[str]:
    """The rules whose kind declares `defers = True`."""
    return frozenset(rule.id for rule in rules if getattr(rule.kind, "defers", False))


def drop_echoes(findings: Sequence[Finding], rules: Iterable[Rule]) -> tuple[Finding, ...]:
    """The findings, less the echoes of another rule's finding (see the module's docstring).

    Order is kept. Two deferring rules on one span do not cancel each other; a span that
    only overlaps another rule's finding is a different claim and stays, unless its kind
    yields to that rule's kind.
    """
    rules = list(rules)
    kind_of = {rule.id: rule.kind.name for rule in rules}
    superseded_by = _superseded_by(rules)
    outer = _Spans(_by_kind(findings, kind_of))
    copies = _Spans(_deleted_copies(findings, rules))
    findings = [
        f
        for f in findings
        if not outer.contains(f, superseded_by.get(kind_of.get(f.rule), ()))
        and not copies.contains(f, (DELETED_COPY,))
    ]
    deferring = deferring_rule_ids(rules)
    yields_to = _yields_to(rules)
    spans = _Spans(_by_kind(findings, kind_of))
    claimed = {(f.path, f.start, f.end) for f in findings if f.rule not in deferring} if deferring else set()
    return tuple(
        f
        for f in findings
        if not (f.rule in deferring and (f.path, f.start, f.end) in claimed)
        and not spans.touches(f, yields_to.get(f.rule, ()))
    )


def _by_kind(findings: Sequence[Finding], kind_of: dict[str, str]) -> Iterator[tuple[str, str, int, int]]:
    """Each finding's span, keyed by its file and its rule's kind."""
    return ((f.path, kind_of[f.rule], f.start, f.end) for f in findings if f.rule in kind_of)


def _deleted_copies(findings: Sequence[Finding], rules: list[Rule]) -> Iterator[tuple[str, str, int, int]]:
    """What the fix of each repeat deletes: its span after the first copy, which is its suggestion."""
    repeating = {rule.id for rule in rules if getattr(rule.kind, "repeats", False)}
    for f in findings:
        if f.rule in repeating and f.suggestion:
            yield f.path, DELETED_COPY, f.start + len(f.suggestion), f.end


def _superseded_by(rules: list[Rule]) -> dict[str, frozenset[str]]:
    """Kind name -> the kinds whose findings supersede it."""
    found: dict[str, set[str]] = defaultdict(set)
    for rule in rules:
        for kind in getattr(rule.kind, "supersedes", ()):
            found[kind].add(rule.kind.name)
    return {kind: frozenset(by) for kind, by in found.items()}


def _yields_to(rules: list[Rule]) -> dict[str, frozenset[str]]:
    """Rule id -> the kinds whose findings it gives way to when they overlap or touch: covering kinds and its own."""
    covering = frozenset(rule.kind.name for rule in rules if getattr(rule.kind, "covers", False))
    return {
        rule.id: (covering | frozenset(getattr(rule.kind, "yields_to", ()))) - {rule.kind.name} for rule in rules
    }


class _Spans:
    """Spans by file and kind, sorted, to ask in logarithmic time what lies around a finding's span."""

    def __init__(self, located: Iterable[tuple[str, str, int, int]]) -> None:
        by_key: dict[tuple[str, str], list[tuple[int, int]]] = defaultdict(list)
        for path, kind, start, end in located:
            by_key[path, kind].append((start, end))
        self.starts: dict[tuple[str, str], list[int]] = {}
        self.reach: dict[tuple[str, str], list[int]] = {}
        for key, spans in by_key.items():
            spans.sort()
            self.starts[key] = [start for start, _ in spans]
            self.reach[key] = _running_max(end for _, end in spans)

    def touches(self, finding: Finding, kinds: Iterable[str]) -> bool:
        """Whether a finding of one of `kinds` overlaps or touches `finding`."""
        return any(self._reach_from(finding.path, kind, finding.end) >= finding.start for kind in kinds)

    def contains(self, finding: Finding, kinds: Iterable[str]) -> bool:
        """Whether a finding of one of `kinds` spans all of `finding`."""
        return any(self._reach_from(finding.path, kind, finding.start) >= finding.end for kind in kinds)

    def _reach_from(self, path: str, kind: str, offset: int) -> int:
        """How far the spans of `kind` that start at or before `offset` reach; -1 if none does."""
        starts = self.starts.get((path, kind))
        last = bisect_right(starts, offset) - 1 if starts else -1
        return self.reach[path, kind][last] if last >= 0 else -1


def _running_max(values: Iterable[int]) -> list[int]:
    """Each position's largest value so far: how far the spans up to it reach."""
    result: list[int] = []
    for value in values:
        result.append(max(value, result[-1]) if result else value)
    return result
