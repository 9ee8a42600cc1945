"""Bilingual checks: the target of each segment against its source (qa.bilingual).

They run on every file, like the others, and find nothing in a file that has no source
beside its text: only the loaders of translation files (XLIFF, PO, TMX, aligned text,
JSON Lines) give a Document its segments. What more than one of them reads lives here.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol, TypeVar

from qa.bilingual import Segment
from qa.document import Document
from qa.segment import Span

FULL_WIDTH = str.maketrans("０１２３４５６７８９．，％－", "0123456789.,%-")
"""Full-width digits and marks as ASCII, one character for one, so offsets stay ("１２月" is "12月")."""


class HasStart(Protocol):
    @property
    def start(self) -> int: ...


Spanned = TypeVar("Spanned", bound=HasStart)


def translated_segments(doc: Document) -> tuple[Segment, ...]:
    """The document's segments that have both a source and a translation to compare."""
    if doc.bilingual is None:
        return ()
    return tuple(s for s in doc.bilingual.segments if s.source.strip() and s.target.strip())


def stripped_span(text: str) -> Span:
    """Where the text stands without the white space around it: what a finding on a whole segment covers."""
    start = len(text) - len(text.lstrip())
    return Span(start, len(text.rstrip()))


def source_language(doc: Document) -> str | None:
    """The primary subtag of the document's source language ("ru"), None when nobody says."""
    return doc.bilingual.source_language if doc.bilingual else None


def markup_offsets(doc: Document) -> frozenset[int]:
    """The prose offsets inside the targets' placeholders and HTML tags (`{0}`, `<a href="x">`),
    which a software string's translation holds and no rule should read as words or quotes;
    none for a document that is not a translation file."""
    if doc.bilingual is None:
        return frozenset()
    from qa.checks.bilingual.codes import markup_spans

    return frozenset(
        offset
        for segment in doc.bilingual.segments
        for start, end in markup_spans(segment.target)
        for offset in range(segment.start + start, segment.start + end)
    )


def nearest(spans: Sequence[Spanned], where: float, length: int) -> Spanned | None:
    """Of things in a target of `length`, the one whose place is nearest `where` (a place in the
    source, as a fraction of its length): what most likely stands for a source date or number."""
    if not spans:
        return None
    return min(spans, key=lambda span: abs(span.start / max(length, 1) - where))
