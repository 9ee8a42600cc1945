"""The document text as HTML with one <mark> per finding, escaped piece by piece.

Findings may nest, touch or cross. Marks nest where the findings nest; where one
finding crosses the end of another, the part after the crossing continues in a
`span.hl-cont`, so there is still exactly one `mark.hl` per finding. The text is
emitted in runs between finding boundaries, never a node per character, so a
5 MB document stays a few thousand elements.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from markupsafe import Markup, escape

from qa.findings import Finding

SHORT = 2
"""Highlights of this many characters or fewer (a lone quotation mark) get padding to be seen."""


def highlighted_text(text: str, findings: Sequence[Finding]) -> Markup:
    """HTML for `text`; finding i (0-based, in the given order) becomes mark#f-(i+1)."""
    starts: dict[int, list[int]] = defaultdict(list)
    ends: dict[int, set[int]] = defaultdict(set)
    for index, finding in enumerate(findings):
        starts[finding.start].append(index)
        ends[finding.end].add(index)
    boundaries = sorted({0, len(text), *starts, *ends})
    html: list[str] = []
    stack: list[tuple[int, bool]] = []  # (finding index, whether its open element is the mark)
    for position, following in zip(boundaries, boundaries[1:] + [len(text)]):
        _close(html, stack, ends.get(position, set()), findings)
        for index in sorted(starts.get(position, ()), key=lambda i: -findings[i].end):
            html.append(_open_tag(index, findings[index], primary=True))
            if findings[index].end == position:  # an empty finding: a point in the text
                html.append("</mark>")
            else:
                stack.append((index, True))
        html.append(str(escape(text[position:following])))
    _close(html, stack, {index for index, _ in stack}, findings)
    return Markup("".join(html))


def _close(html: list[str], stack: list[tuple[int, bool]], ending: set[int], findings: Sequence[Finding]) -> None:
    """Close the ending findings; the ones opened inside them reopen as continuations."""
    reopen = []
    while ending.intersection(index for index, _ in stack):
        index, primary = stack.pop()
        html.append("</mark>" if primary else "</span>")
        if index not in ending:
            reopen.append(index)
    for index in reversed(reopen):
        html.append(_open_tag(index, findings[index], primary=False))
        stack.append((index, False))


def _open_tag(index: int, finding: Finding, primary: bool) -> str:
    number = index + 1
    severity = finding.severity.label
    common = (
        f'data-finding="{number}" data-rule="{escape(finding.rule)}" data-severity="{severity}"'
    )
    if primary:
        short = " is-short" if finding.end - finding.start <= SHORT else ""
        return (
            f'<mark class="hl sev-{severity}{short}" id="f-{number}" {common} tabindex="0" '
            f'aria-describedby="msg-{number}">'
        )
    return f'<span class="hl-cont sev-{severity}" {common}>'
