"""One problem, one finding: a rule's finding gives way to another rule's that names the same problem.

Two ways a second finding can be an echo of the first:

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
- On exactly the same span, from a kind that names the other in `supersedes`: its finding
  says all the other one says and more. A « that is never closed is an unbalanced quotation
  whose message also names the English mark, so foreign-punctuation's finding on it goes.

The engine passes each file's findings through `drop_echoes` once every rule has run.
"""

from __future__ import annotations

from bisect import bisect_right
from collections import defaultdict
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from qa.findings import Finding

if TYPE_CHECKING:
    from qa.catalogue import Rule


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
    findings = _without_superseded(findings, rules)
    deferring = deferring_rule_ids(rules)
    spans = _Spans(findings, rules)
    claimed = {(f.path, f.start, f.end) for f in findings if f.rule not in deferring} if deferring else set()
    return tuple(
        f
        for f in findings
        if not (f.rule in deferring and (f.path, f.start, f.end) in claimed) and not spans.explains(f)
    )


def _without_superseded(findings: Sequence[Finding], rules: list[Rule]) -> Sequence[Finding]:
    """The findings less those on the very span of a finding whose kind `supersedes` theirs."""
    kind_of = {rule.id: rule.kind.name for rule in rules}
    superseding = {rule.id: frozenset(getattr(rule.kind, "supersedes", ())) for rule in rules}
    claimed = {(f.path, f.start, f.end, kind) for f in findings for kind in superseding.get(f.rule, ())}
    if not claimed:
        return findings
    return [f for f in findings if (f.path, f.start, f.end, kind_of.get(f.rule)) not in claimed]


class _Spans:
    """The spans of findings by the kinds some other kind yields to, by file, for quick look-ups."""

    def __init__(self, findings: Sequence[Finding], rules: list[Rule]) -> None:
        kind_of = {rule.id: rule.kind.name for rule in rules}
        covering = frozenset(rule.kind.name for rule in rules if getattr(rule.kind, "covers", False))
        self.yields_to = {
            rule.id: (covering | frozenset(getattr(rule.kind, "yields_to", ()))) - {rule.kind.name} for rule in rules
        }
        wanted = frozenset().union(*self.yields_to.values())
        by_key: dict[tuple[str, str], list[tuple[int, int]]] = defaultdict(list)
        for f in findings:
            if kind_of.get(f.rule) in wanted:
                by_key[f.path, kind_of[f.rule]].append((f.start, f.end))
        self.starts: dict[tuple[str, str], list[int]] = {}
        self.reach: dict[tuple[str, str], list[int]] = {}
        for key, spans in by_key.items():
            spans.sort()
            self.starts[key] = [start for start, _ in spans]
            self.reach[key] = _running_max(end for _, end in spans)

    def explains(self, finding: Finding) -> bool:
        """Whether a finding of a kind this one yields to overlaps or touches `finding`."""
        for kind in self.yields_to.get(finding.rule, ()):
            starts = self.starts.get((finding.path, kind))
            if starts:
                last = bisect_right(starts, finding.end) - 1  # the spans that start at or before its end
                if last >= 0 and self.reach[finding.path, kind][last] >= finding.start:
                    return True
        return False


def _running_max(values: Iterable[int]) -> list[int]:
    """Each position's largest value so far: how far the spans up to it reach."""
    result: list[int] = []
    for value in values:
        result.append(max(value, result[-1]) if result else value)
    return result
