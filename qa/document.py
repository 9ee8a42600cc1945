"""Document: decoded text with its paragraphs, sentences and words, and offset -> line/column.

The model at the bottom of the house: it imports no loader, rule or engine module. What
loaders hand it (a source map, directives) is described here, and they import it.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING, Protocol

from qa import segment
from qa.findings import Location, SegmentRef
from qa.segment import Span, Word

if TYPE_CHECKING:
    from collections.abc import Callable

    from qa.bilingual import Bilingual
    from qa.loaders.decoding import Encoding

EXCERPT_CONTEXT = 30
"""Characters of context on each side of a finding in its excerpt, cut at word boundaries."""

LINE_BREAK = re.compile(r"\r\n|\r|\n")
WHITE_SPACE = re.compile(r"\s+")


class SourceMap(Protocol):
    """Prose offsets to source offsets and back, for markup (qa.loaders.extraction.OffsetMap)."""

    def to_source(self, offset: int, end: bool = False) -> int: ...

    def to_prose(self, source_offset: int, end: bool = False) -> int: ...

    def span_to_source(self, start: int, end: int) -> tuple[int, int]: ...

    def span_to_prose(self, source_start: int, source_end: int) -> tuple[int, int]: ...


@dataclass(frozen=True, slots=True)
class Directive:
    """An mtqa comment as written, and where it acts, in source offsets (read by qa.suppress)."""

    action: str
    """One of qa.suppress.ACTIONS, or a misspelling of one (a warning)."""
    names: tuple[str, ...]
    """Rule ids or aliases as written; none: every rule."""
    line: int
    """1-based line of the comment, for warnings."""
    start: int
    end: int
    """disable and enable: the comment; disable-next-line: the line it silences."""


class Document:
    """The prose of one input, as code points, and where each offset stands in the file.

    For plain text the prose is the file. For markup, `source` holds the original text and
    the map from prose offsets to its offsets: findings point into the original file.
    """

    def __init__(
        self,
        path: str,
        text: str,
        warnings: tuple[str, ...] = (),
        source: tuple[str, SourceMap] | None = None,
        encoding: Encoding | None = None,
        directives: tuple[Directive, ...] = (),
        bilingual: Bilingual | None = None,
        escape: Callable[[str], str] | None = None,
    ) -> None:
        self.path = path
        self.text = text
        self.warnings = warnings
        """What the reader should know about how the text was read (a guessed encoding)."""
        self.source_text, self.offset_map = source if source else (text, None)
        self.encoding = encoding
        """How `source_text` is stored in the file; None when the file is not text (a .docx)."""
        self.directives = directives
        """The mtqa comments of the source (qa.suppress), from the loaders of formats with comments."""
        self.bilingual = bilingual
        """For a translation file, its segments: the source beside each target of the prose."""
        self.escape = escape or _as_it_is
        """Prose as the file writes it (`&` as `&amp;` in XML, `"` as `\\"` in JSON), for `mtqa fix`."""

    def to_source(self, offset: int, end: bool = False) -> int:
        return self.offset_map.to_source(offset, end) if self.offset_map else offset

    def to_prose(self, source_offset: int, end: bool = False) -> int:
        return self.offset_map.to_prose(source_offset, end) if self.offset_map else source_offset

    def span_to_source(self, start: int, end: int) -> tuple[int, int]:
        """The source span of prose[start:end]; an empty span stays empty (see OffsetMap.span_to_source)."""
        return self.offset_map.span_to_source(start, end) if self.offset_map else (start, end)

    def span_to_prose(self, source_start: int, source_end: int) -> tuple[int, int]:
        return (
            self.offset_map.span_to_prose(source_start, source_end)
            if self.offset_map
            else (source_start, source_end)
        )

    @cached_property
    def paragraphs(self) -> list[Span]:
        return segment.paragraphs(self.text)

    @cached_property
    def sentences_by_paragraph(self) -> list[list[Span]]:
        """The sentences of each of `paragraphs`, in order: no rule has to find their paragraph again."""
        return [segment.sentences(self.text, p) for p in self.paragraphs]

    @cached_property
    def sentences(self) -> list[Span]:
        return [s for group in self.sentences_by_paragraph for s in group]

    @cached_property
    def words(self) -> list[Word]:
        return segment.words(self.text)

    @property
    def word_count(self) -> int:
        return len(self.words)

    def slice(self, span: Span) -> str:
        return self.text[span.start : span.end]

    @cached_property
    def word_starts(self) -> list[int]:
        """Where each of `words` starts, to find the words of a span by bisection."""
        return [word.start for word in self.words]

    def words_in(self, span: Span) -> list[Word]:
        """The document's words inside `span`, sliced from `words` rather than tokenised again."""
        first = bisect_left(self.word_starts, span.start)
        last = bisect_left(self.word_starts, span.end, lo=first)
        found = self.words[first:last]
        if found and found[-1].end > span.end:  # a span that ends inside a word
            found = found[:-1] + segment.words(self.text, found[-1].start, span.end)
        return found

    @cached_property
    def _paragraph_starts(self) -> list[int]:
        return [p.start for p in self.paragraphs]

    def paragraph_at(self, offset: int) -> Span:
        """The paragraph holding `offset`, or the one before it when the offset is in a gap."""
        index = max(bisect_right(self._paragraph_starts, offset) - 1, 0)
        return self.paragraphs[index]

    @cached_property
    def _line_starts(self) -> list[int]:
        return [0] + [m.end() for m in LINE_BREAK.finditer(self.source_text)]

    def line_column(self, offset: int) -> tuple[int, int]:
        """1-based line and column of a source offset; CRLF, CR and LF all end a line."""
        line_index = bisect_right(self._line_starts, offset) - 1
        return line_index + 1, offset - self._line_starts[line_index] + 1

    def locate(self, start: int, end: int) -> Location:
        """Where prose[start:end] stands in the file, with an excerpt of the prose around it."""
        source_start, source_end = self.span_to_source(start, end)
        line, column = self.line_column(source_start)
        end_line, end_column = self.line_column(source_end)
        excerpt, span = self.excerpt_with_span(start, end)
        segment = self.segment_ref(start, end)
        return Location(line, column, end_line, end_column, excerpt, source_start, source_end, span, segment)

    def segment_ref(
        self, start: int, end: int, source_span: tuple[int, int] | None = None
    ) -> SegmentRef | None:
        """For a bilingual document, the segment holding prose[start:end], the span's place in its
        target, and the span of its source a bilingual rule says the finding is about."""
        found = self.bilingual.segment_at(start) if self.bilingual else None
        if found is None:
            return None
        target_span = (start - found.start, min(end, found.end) - found.start)
        if source_span is None:
            return SegmentRef(found.id, *target_span)
        source_start, source_end = source_span
        return SegmentRef(
            found.id, *target_span, source_start, source_end, found.source[source_start:source_end]
        )

    def excerpt(self, start: int, end: int) -> str:
        """The flagged text with a few whole words either side, kept within its paragraph."""
        return self.excerpt_with_span(start, end)[0]

    def excerpt_with_span(self, start: int, end: int) -> tuple[str, tuple[int, int]]:
        """The excerpt, and where prose[start:end] stands in it once its white space is collapsed."""
        if not self.paragraphs:
            return self.text[start:end], (0, end - start)
        paragraph = self.paragraph_at(start)
        left = max(paragraph.start, start - EXCERPT_CONTEXT)
        right = min(max(paragraph.end, end), end + EXCERPT_CONTEXT)
        if left > paragraph.start:
            left = _next_word_start(self.text, left, start)
        if right < paragraph.end:
            right = _previous_word_end(self.text, right, end)
        excerpt = " ".join(self.text[left:right].split())
        return excerpt, (_collapsed_length(self.text[left:start]), _collapsed_length(self.text[left:end]))


def _as_it_is(text: str) -> str:
    return text


def _collapsed_length(text: str) -> int:
    """How long `text` is once runs of white space are one space and leading white space is gone."""
    return len(WHITE_SPACE.sub(" ", text).lstrip())


def _next_word_start(text: str, index: int, limit: int) -> int:
    while index < limit and not text[index - 1].isspace():
        index += 1
    return index


def _previous_word_end(text: str, index: int, limit: int) -> int:
    while index > limit and not text[index].isspace():
        index -= 1
    return index
