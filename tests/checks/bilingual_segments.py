"""Running a bilingual kind directly on one segment, with inline codes if need be."""

from __future__ import annotations

from typing import Any

from qa.bilingual import Bilingual, InlineCode, Segment
from qa.document import Document


def one_segment(
    source: str,
    target: str,
    source_lang: str | None = "ru",
    source_codes: tuple[InlineCode, ...] = (),
    target_codes: tuple[InlineCode, ...] = (),
) -> Document:
    """A document of one segment, its target the whole prose."""
    segment = Segment("1", source, target, 0, source_codes, target_codes)
    return Document("example.jsonl", target, bilingual=Bilingual((segment,), source_lang))


def matches(kind: Any, options: Any, doc: Document) -> list[tuple[str, str | None, str | None]]:
    """(flagged target text, suggestion, flagged source text or None) of each match."""
    (segment,) = doc.bilingual.segments  # type: ignore[union-attr]
    found = []
    for match in kind.check(doc, options):
        source = segment.source[slice(*match.source_span)] if match.source_span else None
        found.append((doc.text[match.start : match.end], match.suggestion, source))
    return found
