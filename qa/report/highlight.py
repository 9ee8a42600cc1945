"""A text as HTML with one <mark> per finding, escaped piece by piece.

Findings may nest, touch or cross. Marks nest where the findings nest; where one
finding crosses the end of another, the part after the crossing continues in a
`span.hl-cont`, so there is still exactly one `mark.hl` per finding. The text is
emitted in runs between finding boundaries, never a node per character, so a
5 MB document stays a few thousand elements.

The same marking serves a translation's cells (qa.report.bilingual): a finding's piece
of a target cell (`Span`), which is only a continuation when the finding began in an
earlier cell, and the source span it names, marked `mark.src` in the source cell.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from markupsafe import Markup, escape

from qa.findings import Finding

SHORT = 2
"""Highlights of this many characters or fewer (a lone quotation mark) get padding to be seen."""


@dataclass(frozen=True, slots=True)
class Span:
    """Where finding number `number` stands in one text, and whether its mark opens there."""

    number: int
    start: int
    end: int
    finding: Finding
    opens: bool = True
    """False for the rest of a finding whose mark stands in an earlier text: a continuation only."""


@dataclass(frozen=True)
class Marking:
    """How a text's findings are marked: the mark's class and id prefix, and its continuations' class."""

    mark_class: str
    id_prefix: str
    continuation_class: str
    tab_index: int
    flag_short: bool
    """Whether a highlight of SHORT characters or fewer is widened and flagged in the margin."""


FINDING = Marking("hl", "f-", "hl-cont", 0, flag_short=True)
"""A finding in the text it is about: a tab stop, and what the next/previous stepper focuses."""
SOURCE = Marking("src", "src-", "src-cont", -1, flag_short=False)
"""The source text a translation's finding is about: shown beside it, reached from its list item."""


def highlighted_text(text: str, findings: Sequence[Finding]) -> Markup:
    """HTML for `text`; finding i (0-based, in the given order) becomes mark#f-(i+1)."""
    return marked_text(text, [Span(n, f.start, f.end, f) for n, f in enumerate(findings, start=1)])


def marked_text(
    text: str, spans: Sequence[Span], marking: Marking = FINDING, inserts: Sequence[tuple[int, Markup]] = ()
) -> Markup:
    """HTML for `text` with each span marked; offsets are the text's own.

    `inserts` are elements that hold no text (an inline code's chip), put in at their offsets:
    after the marks that end there, before those that begin there.
    """
    starts: dict[int, list[int]] = defaultdict(list)
    ends: dict[int, set[int]] = defaultdict(set)
    for index, span in enumerate(spans):
        starts[span.start].append(index)
        ends[span.end].add(index)
    put: dict[int, list[Markup]] = defaultdict(list)
    for offset, element in inserts:
        put[min(max(offset, 0), len(text))].append(element)
    boundaries = sorted({0, len(text), *starts, *ends, *put})
    html: list[str] = []
    stack: list[tuple[int, bool]] = []  # (span index, whether its open element is the mark)
    for position, following in zip(boundaries, boundaries[1:] + [len(text)]):
        _close(html, stack, ends.get(position, set()), spans, marking)
        html.extend(put.get(position, ()))
        for index in sorted(starts.get(position, ()), key=lambda i: -spans[i].end):
            span = spans[index]
            html.append(_open_tag(span, marking, primary=span.opens))
            if span.end == position:  # an empty finding: a point in the text
                html.append("</mark>" if span.opens else "</span>")
            else:
                stack.append((index, span.opens))
        html.append(str(escape(text[position:following])))
    _close(html, stack, {index for index, _ in stack}, spans, marking)
    return Markup("".join(html))


def _close(
    html: list[str], stack: list[tuple[int, bool]], ending: set[int], spans: Sequence[Span], marking: Marking
) -> None:
    """Close the ending spans; the ones opened inside them reopen as continuations."""
    reopen = []
    while ending.intersection(index for index, _ in stack):
        index, primary = stack.pop()
        html.append("</mark>" if primary else "</span>")
        if index not in ending:
            reopen.append(index)
    for index in reversed(reopen):
        html.append(_open_tag(spans[index], marking, primary=False))
        stack.append((index, False))


def _open_tag(span: Span, marking: Marking, primary: bool) -> str:
    number = span.number
    severity = span.finding.severity.label
    common = f'data-finding="{number}" data-rule="{escape(span.finding.rule)}" data-severity="{severity}"'
    if primary:
        short = " is-short" if marking.flag_short and span.end - span.start <= SHORT else ""
        return (
            f'<mark class="{marking.mark_class} sev-{severity}{short}" id="{marking.id_prefix}{number}" {common} '
            f'tabindex="{marking.tab_index}" aria-describedby="msg-{number}">'
        )
    return f'<span class="{marking.continuation_class} sev-{severity}" {common}>'
