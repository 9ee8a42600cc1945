"""The side-by-side view of a translation file: a row per segment, its source beside its target.

Findings stand at prose offsets, where the loader laid the targets end to end, a paragraph
each (qa.loaders.segments). Each finding is cut at the targets it covers: its mark stands in
the first target cell it touches and the rest continues in the next ones, as a mark crossing
another continues in qa.report.highlight. A finding that touches no target (it stands in the
break between two) becomes a point at the end of the target before it. A finding that names
a span of its segment's source (SegmentRef.source_start) marks that span too, with the same
number, so that hovering either one lights both, and its list item links to it. Inline
codes (tags, placeholders) stand as chips where the file has them, on both sides.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass

from markupsafe import Markup

from qa.bilingual import Bilingual, InlineCode, Segment
from qa.findings import Finding
from qa.report.highlight import SOURCE, Span, marked_text


@dataclass(frozen=True)
class SegmentRow:
    id: str
    state: str | None
    line: int | None
    source: Markup
    target: Markup
    translated: bool


@dataclass(frozen=True)
class Place:
    """Where a finding's marks stand: the row (1-based) of its mark, its segment, a source mark or not."""

    row: int
    segment: str
    source_mark: bool


@dataclass(frozen=True)
class SideBySide:
    rows: list[SegmentRow]
    places: dict[int, Place]
    """By finding number."""


def side_by_side(bilingual: Bilingual, findings: Sequence[Finding]) -> SideBySide:
    """The rows of `bilingual`'s segments with `findings` (at prose offsets, numbered from 1) marked."""
    segments = bilingual.segments
    starts = [segment.start for segment in segments]
    in_targets: list[list[Span]] = [[] for _ in segments]
    in_sources: list[list[Span]] = [[] for _ in segments]
    places = {}
    for number, finding in enumerate(findings, start=1):
        pieces = _target_pieces(segments, starts, number, finding)
        for index, span in pieces:
            in_targets[index].append(span)
        if not pieces:  # a file without segments
            continue
        row = pieces[0][0]
        source_span = _source_span(segments[row], number, finding)
        if source_span:
            in_sources[row].append(source_span)
        places[number] = Place(row + 1, segments[row].id, source_span is not None)
    rows = [
        SegmentRow(
            segment.id,
            segment.state,
            segment.source_line,
            marked_text(segment.source, in_sources[index], SOURCE, _chips(segment.source_codes)),
            marked_text(segment.target, in_targets[index], inserts=_chips(segment.target_codes)),
            bool(segment.target.strip()),
        )
        for index, segment in enumerate(segments)
    ]
    return SideBySide(rows, places)


def _target_pieces(
    segments: Sequence[Segment], starts: Sequence[int], number: int, finding: Finding
) -> list[tuple[int, Span]]:
    """The finding's pieces in the targets it touches (by segment index), in their own offsets."""
    if not segments:
        return []
    first = max(bisect_right(starts, finding.start) - 1, 0)
    pieces: list[tuple[int, Span]] = []
    index = first
    while index < len(segments) and (index == first or segments[index].start < finding.end):
        segment = segments[index]
        low, high = max(finding.start, segment.start), min(finding.end, segment.end)
        if low < high or (finding.start == finding.end and segment.start <= low <= segment.end):
            local = Span(number, low - segment.start, high - segment.start, finding, opens=not pieces)
            pieces.append((index, local))
        index += 1
    if not pieces:  # between two targets: a point where the one before it ends
        end = len(segments[first].target)
        pieces.append((first, Span(number, end, end, finding)))
    return pieces


def _source_span(segment: Segment, number: int, finding: Finding) -> Span | None:
    """The span of `segment`'s source the finding names, if it names one, kept within the source."""
    ref = finding.segment
    if ref is None or ref.source_start is None or ref.source_end is None:
        return None
    start = min(max(ref.source_start, 0), len(segment.source))
    end = min(max(ref.source_end, start), len(segment.source))
    return Span(number, start, end, finding)


def _chips(codes: Sequence[InlineCode]) -> list[tuple[int, Markup]]:
    """An inline code (a tag, a placeholder) as a chip where it stands; its text is drawn by CSS from
    an attribute, so the cell's text stays the segment's own and marks keep their offsets."""
    return [
        (
            code.offset,
            Markup('<span class="code" data-code="{0}" title="Inline code {0}"></span>').format(code.text),
        )
        for code in codes
    ]
