"""Paragraphs, sentences and words of a clean document, and applying edits to it with exact offsets."""

from __future__ import annotations

import re
from dataclasses import dataclass

from benchmarks.detection.model import Edit, Region, TruthItem

PARAGRAPH_BREAK = re.compile(r"\n\s*\n")
SENTENCE_END = re.compile(r"(?<=[.!?])[\"”’)]?\s+(?=[\"“(]?[A-Z])")
ABBREVIATION_END = re.compile(
    r"(?:\b(?:Mr|Mrs|Ms|Dr|Prof|St|Gen|Col|Lt|Sen|Rep|Gov|Jr|Sr|No|Inc|Corp|Ltd)|\b[A-Z])\.\Z"
)
"""A title, a company suffix or an initial before the full stop: "Ms. Tang", "V. Putin" go on."""
WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*[A-Za-z]|[A-Za-z]")
QUOTE_PAIR = re.compile(r"“[^“”\n]{3,200}?”|\"[^\"\n]{3,200}?\"")


@dataclass(frozen=True)
class Span:
    start: int
    end: int


def paragraph_spans(text: str) -> list[Span]:
    """Non-empty paragraphs, separated by blank lines as in the corpus layout."""
    spans, position = [], 0
    for match in PARAGRAPH_BREAK.finditer(text):
        if text[position : match.start()].strip():
            spans.append(Span(position, match.start()))
        position = match.end()
    if text[position:].strip():
        spans.append(Span(position, len(text.rstrip("\n"))))
    return spans


def sentence_spans(paragraph: str) -> list[Span]:
    """Sentences of one paragraph, split after . ! ? before a capital (good enough to place injections)."""
    spans, position = [], 0
    for match in SENTENCE_END.finditer(paragraph):
        if ABBREVIATION_END.search(paragraph[max(0, match.start() - 8) : match.start()]):
            continue
        end = match.start() + len(match.group(0).rstrip())
        spans.append(Span(position, end))
        position = match.end()
    spans.append(Span(position, len(paragraph)))
    return [span for span in spans if paragraph[span.start : span.end].strip()]


def words(text: str) -> list[re.Match[str]]:
    return list(WORD.finditer(text))


def apply_edits(text: str, edits: list[Edit]) -> tuple[str, list[TruthItem], list[Region]]:
    """The edited text, its truth items and changed regions, all in the edited text's code points.

    Edits must not overlap; regions are trimmed to the characters that really changed, so findings
    outside them can be mapped back onto the clean base.
    """
    pieces, items, regions, position, delta = [], [], [], 0, 0
    for edit in sorted(edits, key=lambda e: e.start):
        if edit.start < position:
            raise ValueError("edits overlap")
        pieces.append(text[position : edit.start])
        new_start = edit.start + delta
        for mark in edit.marks:
            items.append(
                TruthItem(
                    kind=mark.kind,
                    variant=mark.variant,
                    rules=list(mark.rules),
                    start=new_start + mark.start,
                    end=new_start + mark.end,
                    text=edit.replacement[mark.start : mark.end],
                    guards=list(mark.guards),
                )
            )
        regions.append(_trimmed_region(text[edit.start : edit.end], edit.replacement, edit.start, new_start))
        pieces.append(edit.replacement)
        position = edit.end
        delta += len(edit.replacement) - (edit.end - edit.start)
    pieces.append(text[position:])
    return "".join(pieces), items, regions


def _trimmed_region(old: str, new: str, old_start: int, new_start: int) -> Region:
    prefix = 0
    while prefix < min(len(old), len(new)) and old[prefix] == new[prefix]:
        prefix += 1
    suffix = 0
    while suffix < min(len(old), len(new)) - prefix and old[-1 - suffix] == new[-1 - suffix]:
        suffix += 1
    return Region(
        old_start + prefix, old_start + len(old) - suffix, new_start + prefix, new_start + len(new) - suffix
    )


def to_base_offset(position: int, regions: list[Region], *, is_end: bool) -> int:
    """Map an offset of the edited file onto its clean base; inside a changed region, onto its edge."""
    delta = 0
    for region in regions:
        if position < region.new_start:
            break
        if position < region.new_end or (is_end and position == region.new_end):
            return region.old_end if is_end else region.old_start
        delta = region.new_end - region.old_end
    return position - delta
