"""Inline directives: `<!-- mtqa-disable RULE -->` comments that silence findings in Markdown and HTML.

`<!-- mtqa-disable RULE, RULE -->` silences the rules from there to a matching
`<!-- mtqa-enable RULE -->` or to the end of the file, `<!-- mtqa-disable-next-line RULE -->`
the next line that is not blank; without a rule name they apply to every rule. Loaders report
where comments start (only comments the format reads as markup: not in code); `parse` reads
the directives there, positions in source offsets, so the engine can drop every finding, a
corpus rule's too, whose start lies where its rule is disabled. Plain text has no comments,
hence no directives.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from qa.document import Directive  # defined beside the document that carries it

if TYPE_CHECKING:
    from qa.catalogue import Rule
    from qa.findings import FileResult, Finding

DIRECTIVE = re.compile(r"<!--\s*mtqa-(?P<action>[\w-]+?)(?=\s|-->)(?P<names>.*?)-->", re.DOTALL)
NAME_SEPARATOR = re.compile(r"[\s,]+")
NEXT_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)(?:[^\S\r\n]*(?:\r\n|\r|\n))*([^\r\n]*)")
"""From an offset: the rest of its line, blank lines, then the next line that is not blank (group 1)."""
LINE_BREAK = re.compile(r"\r\n|\r|\n")
ACTIONS = ("disable", "enable", "disable-next-line")


@dataclass(frozen=True, slots=True)
class Suppression:
    """Findings starting in source[start:end] are dropped: of `rules`, or with `all_but`, of all others."""

    start: int
    end: int
    rules: frozenset[str]
    all_but: bool = False

    def covers(self, finding: Finding) -> bool:
        return self.start <= finding.start < self.end and (finding.rule in self.rules) != self.all_but


def parse(source: str, comment_starts: Iterable[int]) -> tuple[Directive, ...]:
    """The directives among the comments starting at these offsets (ordinary comments are not)."""
    found = []
    line, counted_to = 1, 0  # line breaks counted once, up to each directive in turn
    for start in sorted(comment_starts):
        match = DIRECTIVE.match(source, start)
        if match is None:
            continue
        action = match["action"]
        names = tuple(name for name in NAME_SEPARATOR.split(match["names"]) if name)
        line += len(LINE_BREAK.findall(source, counted_to, start))
        counted_to = start
        span = match.span()
        if action == "disable-next-line":
            following = NEXT_LINE.match(source, match.end())
            span = following.span(1) if following else (len(source), len(source))
        found.append(Directive(action, names, line, *span))
    return tuple(found)


def rule_names(rules: Iterable[Rule]) -> dict[str, str]:
    """Rule id by every name a directive may use: ids and aliases (as Catalogue.get reads them)."""
    return {name: rule.id for rule in rules for name in (rule.id, *rule.aliases)}


def suppressions(
    directives: Iterable[Directive], names: Mapping[str, str], path: str
) -> tuple[list[Suppression], list[str]]:
    """What the directives silence, and a warning for each rule name or directive not understood.

    Ranges follow the directives in order: `disable` with no rule turns every rule off, and a
    later `enable RULE` then turns only that one back on, as markdownlint does. A directive
    whose names are all unknown does nothing (it never silences every rule).
    """
    found: list[Suppression] = []
    warnings: list[str] = []
    since, all_off, listed = 0, False, frozenset[str]()
    for directive in directives:
        where, action = f"{path}:{directive.line}", directive.action
        if action not in ACTIONS:
            valid = ", ".join(f"mtqa-{a}" for a in ACTIONS)
            warnings.append(f"{where}: unknown directive 'mtqa-{action}' (valid: {valid})")
            continue
        known = frozenset(names[name] for name in directive.names if name in names)
        unknown = [name for name in directive.names if name not in names]
        warnings.extend(f"{where}: unknown rule {n!r} in mtqa-{action} (see `mtqa rules`)" for n in unknown)
        if directive.names and not known:
            continue
        if action == "disable-next-line":
            found.append(Suppression(directive.start, directive.end, known, all_but=not directive.names))
            continue
        found.append(Suppression(since, directive.start, listed, all_off))
        since, disabling = directive.end, action == "disable"
        if not directive.names:
            all_off, listed = disabling, frozenset()
        elif disabling != all_off:  # off while all are on, or on while all are off: an exception
            listed |= known
        else:
            listed -= known
    found.append(Suppression(since, sys.maxsize, listed, all_off))  # to the end of the file
    return [s for s in found if s.rules or s.all_but], warnings


def apply(result: FileResult, directives: tuple[Directive, ...], names: Mapping[str, str]) -> FileResult:
    """The file's result without the findings its directives silence, with warnings about the directives."""
    if not directives:
        return result
    silenced, warnings = suppressions(directives, names, result.path)
    covered = _covered(result.findings, silenced)
    findings = tuple(f for index, f in enumerate(result.findings) if index not in covered)
    return replace(result, findings=findings, warnings=(*result.warnings, *warnings))


def _covered(findings: Sequence[Finding], silenced: Sequence[Suppression]) -> set[int]:
    """The indexes of the findings a suppression covers, in one sweep over both in order of start.

    Only the suppressions around a finding are asked: ranges follow one another, and a
    next-line one spans its line, so few are open at any offset.
    """
    order = sorted(range(len(findings)), key=lambda index: findings[index].start)
    waiting = sorted(silenced, key=lambda suppression: suppression.start)
    open_ones: list[Suppression] = []
    next_one = 0
    covered = set()
    for index in order:
        finding = findings[index]
        while next_one < len(waiting) and waiting[next_one].start <= finding.start:
            open_ones.append(waiting[next_one])
            next_one += 1
        open_ones = [s for s in open_ones if s.end > finding.start]
        if any(s.covers(finding) for s in open_ones):
            covered.add(index)
    return covered
