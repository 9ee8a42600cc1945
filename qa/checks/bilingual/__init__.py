"""Bilingual checks: the target of each segment against its source (qa.bilingual).

They run on every file, like the others, and find nothing in a file that has no source
beside its text: only the loaders of translation files (XLIFF, PO, TMX, aligned text,
JSON Lines) give a Document its segments.
"""

from __future__ import annotations

from qa.bilingual import Segment
from qa.document import Document


def translated_segments(doc: Document) -> tuple[Segment, ...]:
    """The document's segments that have both a source and a translation to compare."""
    if doc.bilingual is None:
        return ()
    return tuple(s for s in doc.bilingual.segments if s.source.strip() and s.target.strip())


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
