"""One problem, one finding: a deferring rule's finding gives way to another rule's on the same span.

A kind that wraps a general-purpose checker (LanguageTool) finds some of what mtqa's own
rules find: "no No" is both `duplicated-word` and LanguageTool's ENGLISH_WORD_REPEAT_RULE.
mtqa's rule is the one to keep, since its message and suggestion are written for this
copy; the wrapped checker's finding is an echo. Likewise `name-variant` gives way to
`preferred-name` on a name the house list settles. Such kinds declare `defers = True`,
and the engine passes each file's findings through `drop_echoes` once every rule has run.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from qa.findings import Finding

if TYPE_CHECKING:
    from qa.catalogue import Rule


def deferring_rule_ids(rules: Iterable[Rule]) -> frozenset[str]:
    """The rules whose kind declares `defers = True`."""
    return frozenset(rule.id for rule in rules if getattr(rule.kind, "defers", False))


def drop_echoes(findings: Sequence[Finding], rules: Iterable[Rule]) -> tuple[Finding, ...]:
    """The findings, less those of deferring rules on exactly the span of another rule's finding.

    Order is kept. Two deferring rules on one span do not cancel each other; a span that
    only overlaps another rule's finding is a different claim and stays.
    """
    deferring = deferring_rule_ids(rules)
    if not deferring:
        return tuple(findings)
    claimed = {(f.path, f.start, f.end) for f in findings if f.rule not in deferring}
    return tuple(f for f in findings if f.rule not in deferring or (f.path, f.start, f.end) not in claimed)
