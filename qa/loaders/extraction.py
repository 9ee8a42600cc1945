"""Prose extracted from markup, and the map from its offsets back to the original file.

A markup loader walks its source and appends prose piece by piece: text copied as it
stands (`take`), text that stands for a different source span (`take_as`: a decoded
entity), and breaks of its own (`paragraph_break`, `space`) that stand for no source.
Rules read the prose; findings are reported at the source's offsets, lines and columns.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass, field

from qa.bilingual import Bilingual
from qa.document import Document
from qa.loaders.decoding import Encoding
from qa.suppress import parse as parse_directives


@dataclass(frozen=True, slots=True)
class Piece:
    """prose[start:end] stands for source[source_start:source_end]."""

    start: int
    end: int
    source_start: int
    source_end: int


@dataclass(frozen=True)
class OffsetMap:
    """Offsets of the prose to offsets of the source, and back; pieces sorted and disjoint."""

    pieces: tuple[Piece, ...]
    source_length: int
    _starts: tuple[int, ...] = field(init=False, repr=False, compare=False)
    _source_starts: tuple[int, ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_starts", tuple(p.start for p in self.pieces))
        object.__setattr__(self, "_source_starts", tuple(p.source_start for p in self.pieces))

    def to_source(self, offset: int, end: bool = False) -> int:
        """Where a prose offset stands in the source. An offset in a break of the loader's own
        goes to the text after it (a start) or before it (an end)."""
        return _convert(offset, end, self.pieces, self._starts, forward=True, limit=self.source_length)

    def to_prose(self, source_offset: int, end: bool = False) -> int:
        """The inverse, for showing source-offset findings on the prose (the HTML report)."""
        limit = self.pieces[-1].end if self.pieces else 0
        return _convert(source_offset, end, self.pieces, self._source_starts, forward=False, limit=limit)

    def span_to_source(self, start: int, end: int) -> tuple[int, int]:
        """The source span of prose[start:end]. An empty span stays empty and in place: just
        after a piece's text (a full stop missing at the end of a table cell), where its start
        alone would go on to the next piece's text and its end alone back to this one."""
        if start == end:
            ends_a_piece = self._ends_a_piece(start, self._starts, forward=True)
            return (self.to_source(start, end=ends_a_piece),) * 2
        return self.to_source(start), self.to_source(end, end=True)

    def span_to_prose(self, source_start: int, source_end: int) -> tuple[int, int]:
        """The prose span of source[source_start:source_end], an empty one kept in place likewise."""
        if source_start == source_end:
            ends_a_piece = self._ends_a_piece(source_start, self._source_starts, forward=False)
            return (self.to_prose(source_start, end=ends_a_piece),) * 2
        return self.to_prose(source_start), self.to_prose(source_end, end=True)

    def _ends_a_piece(self, offset: int, starts: tuple[int, ...], forward: bool) -> bool:
        """Whether a non-empty piece ends at `offset` and none starts there."""
        index = bisect_right(starts, offset) - 1
        if index < 0:
            return False
        piece = self.pieces[index]
        low, high = (piece.start, piece.end) if forward else (piece.source_start, piece.source_end)
        return low < offset == high


def _convert(
    offset: int, end: bool, pieces: tuple[Piece, ...], starts: tuple[int, ...], forward: bool, limit: int
) -> int:
    if not pieces:
        return 0
    index = bisect_right(starts, offset - 1 if end else offset) - 1
    if index >= 0:
        piece = pieces[index]
        low, high = (piece.start, piece.end) if forward else (piece.source_start, piece.source_end)
        target_low, target_high = (
            (piece.source_start, piece.source_end) if forward else (piece.start, piece.end)
        )
        if low <= offset <= high and (offset < high or end):
            if high - low == target_high - target_low:
                return target_low + (offset - low)
            return target_high if end and offset > low else target_low
        if end:  # in a gap after this piece: the end of the text before it
            return target_high
    following = pieces[index + 1] if index + 1 < len(pieces) else None
    if following is None:
        return limit
    return following.source_start if forward else following.start


class ProseBuilder:
    """Collects prose from a source text, remembering where every character came from."""

    def __init__(self, source: str) -> None:
        self.source = source
        self._parts: list[str] = []
        self._pieces: list[Piece] = []
        self._length = 0
        self.comment_starts: list[int] = []
        """Where the source's comments start, for the mtqa directives among them (qa.suppress)."""
        self.unread: list[str] = []
        """Text the loader could not read, said once each: warnings naming the file."""
        self.before_text: Callable[[str], None] | None = None
        """Called once, with the next text taken, before it is appended: a layout that waits to
        see how a block starts before it decides what separates it from the one before."""

    def take(self, start: int, end: int) -> None:
        """Append source[start:end] as it stands."""
        self.take_as(self.source[start:end], start, end)

    def take_as(self, text: str, start: int, end: int) -> None:
        """Append `text`, which stands for source[start:end] (an entity, an escape)."""
        if not text:
            return
        if self.before_text is not None:
            before, self.before_text = self.before_text, None
            before(text)
        self._pieces.append(Piece(self._length, self._length + len(text), start, end))
        self._append(text)

    def paragraph_break(self) -> None:
        """End the current block, unless nothing is open."""
        if self._length and not self._ends_with("\n\n"):
            self._append("\n" if self._ends_with("\n") else "\n\n")

    def space(self) -> None:
        """Separate two inline pieces that the markup kept apart."""
        if self._length and not self._ends_with_space():
            self._append(" ")

    @property
    def length(self) -> int:
        """How long the prose is so far."""
        return self._length

    def text_since(self, start: int) -> str:
        """The prose from `start` on (a segment's target, once taken), in time of its own length."""
        taken, length = [], self._length
        for part in reversed(self._parts):
            if length <= start:
                break
            taken.append(part)
            length -= len(part)
        return "".join(reversed(taken))[start - length :]

    def document(
        self,
        path: str,
        warnings: tuple[str, ...] = (),
        encoding: Encoding | None = None,
        bilingual: Bilingual | None = None,
        escape: Callable[[str], str] | None = None,
    ) -> Document:
        prose = "".join(self._parts)
        offset_map = OffsetMap(tuple(self._pieces), len(self.source))
        directives = parse_directives(self.source, self.comment_starts)
        warnings = (*warnings, *(f"{path}: {problem}" for problem in self.unread))
        return Document(
            path,
            prose,
            warnings,
            source=(self.source, offset_map),
            encoding=encoding,
            directives=directives,
            bilingual=bilingual,
            escape=escape,
        )

    def _append(self, text: str) -> None:
        self._parts.append(text)
        self._length += len(text)

    def _ends_with(self, suffix: str) -> bool:
        return "".join(self._parts[-2:]).endswith(suffix)

    def _ends_with_space(self) -> bool:
        return bool(self._parts) and self._parts[-1][-1:].isspace()
