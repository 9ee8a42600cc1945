"""Markdown: the prose of headings, paragraphs, list items, block quotes and table cells.

markdown-it-py parses CommonMark with GitHub tables and strikethrough. Its block tokens
say which source lines they cover; an inline token holds its block's text (the
"content": block-quote markers, list markers and indentation removed) and child tokens
without offsets. So the loader walks the children through the content with a cursor,
then maps each piece back to the file through where each content line stands in its
source line. Inline markup is transparent: emphasis markers, link brackets and HTML
tags are dropped, the text they wrap is prose.

Inline code stays in the text as it is written (between its backticks), so the report
shows "run `mtqa check` first" whole and a sentence does not lose its object; but no rule
may flag it: each code span is silenced for every rule, as a `mtqa-disable-next-line`
comment silences a line (qa.suppress drops any finding that starts inside it).

Not prose: code blocks (fenced, indented), HTML blocks and comments, images (alt text
included: it describes a picture, it is not part of the article), autolinks, link
destinations and titles, struck-out (deleted) text, reference definitions, thematic
breaks, and front matter (YAML between "---" lines, TOML between "+++" lines, at the top).

Each block is a paragraph of its own; each table cell too, so a row never reads as
one sentence. Line breaks inside a paragraph stay line breaks.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from enum import Enum
from itertools import pairwise
from typing import TYPE_CHECKING

from qa.document import LINE_BREAK, Directive, Document
from qa.loaders.decoding import Encoding, decode
from qa.loaders.extraction import ProseBuilder

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.rules_inline import StateInline
    from markdown_it.token import Token

    from qa.loaders import LoadOptions

SPAN = "mtqa_span"
"""Token meta key: (start, end) of the token in its block's content, recorded while parsing."""
FRONT_MATTER_CLOSERS = {"---": ("---", "..."), "+++": ("+++",)}
"""Opening line of front matter, and the lines that may close it."""
LINE_BREAK_TAG = re.compile(r"<br\s*/?>", re.IGNORECASE)
SKIPPED_INLINE = frozenset({"image", "html_inline"})
"""Inline tokens whose source is not prose; the cursor jumps over their span."""
UNESCAPED_PIPE = re.compile(r"(?<!\\)\|")
"""A table's cell separator: markdown-it takes a pipe after any backslash as escaped."""
CONTAINER_MARKS = frozenset(">-+*.)0123456789")
"""What may stand before a table row in its line: block-quote and list markers."""
MARKERS = frozenset({"em_open", "em_close", "strong_open", "strong_close"})
STRUCK = {"s_open": 1, "s_close": -1}
"""Strikethrough: deleted text, not prose (as <del> is not in HTML)."""
MAX_NESTING = 50
"""Block quotes and lists nest this deep (markdown-it's default, 20, is reached by real quoted
mail); deeper, markdown-it skips the text, which is then reported as not checked. Its parser
recurses once per level, and each level costs time on every line it holds."""
CONTAINERS = frozenset({"blockquote_open", "list_item_open"})
"""Blocks whose content markdown-it parses one level deeper, unless that is MAX_NESTING."""
COMMENT = re.compile("<!--")
SILENCED = "disable-next-line"
"""The directive that silences every rule in its span (without names), and only there: a code span's."""
RAW_TEXT_BLOCK = re.compile(r"\s*<(?:pre|script|style|textarea)(?:\s|>|$)", re.IGNORECASE)
"""An HTML block of raw text (CommonMark's first kind): its comments are code, not mtqa directives."""


class Kind(Enum):
    """What a fragment of prose is, which says how it is mapped to the source."""

    TEXT = "text"
    CODE = "code"
    """Inline code: shown as prose, never flagged."""
    LINE_BREAK = "line break"
    SPACE = "space"
    """A separation the markup makes (<br>) that stands for no text of its own."""


@dataclass(frozen=True, slots=True)
class Fragment:
    """A piece of prose standing for content[start:end] of its block; start is None where it
    was not found."""

    text: str
    start: int | None
    end: int
    kind: Kind = Kind.TEXT


@dataclass(frozen=True, slots=True)
class SourceLine:
    start: int
    end: int
    """Where the line break begins (the end of the text when there is none)."""
    next: int
    """Where the next line begins."""


@dataclass(frozen=True, slots=True)
class ContentLine:
    """One line of a block's content and where it stands in the source."""

    start: int
    """Content offset of the line's first character."""
    shift: int
    """Source offset minus content offset, for the line's characters."""
    line: SourceLine
    dropped: tuple[int, ...] = ()
    """Content offsets of characters written with one more character in the source (a table
    cell's escaped pipe, "\\|"): every offset from there on is one further on in the source."""

    def to_source(self, offset: int) -> int:
        return offset + self.shift + bisect_right(self.dropped, offset)

    def runs(self, start: int, end: int) -> list[tuple[int, int]]:
        """content[start:end] cut where a character was dropped, into spans that map one to one."""
        bounds = [start, *(offset for offset in self.dropped if start < offset < end), end]
        return list(pairwise(bounds))


class ContentMap:
    """Offsets of one block's content to offsets of the source."""

    def __init__(self, lines: Sequence[ContentLine]) -> None:
        self.lines = lines
        self._starts = [line.start for line in lines]

    def to_source(self, start: int, end: int) -> tuple[int, int]:
        """The source span of content[start:end], a span within one line."""
        line = self._line(start)
        return line.to_source(start), line.to_source(end - 1) + 1

    def runs(self, start: int, end: int) -> list[tuple[int, int]]:
        return self._line(start).runs(start, end)

    def line_break(self, offset: int) -> tuple[int, int]:
        """The source line break standing for the content's line break at `offset`."""
        line = self._line(offset).line
        return line.end, line.next

    def _line(self, offset: int) -> ContentLine:
        return self.lines[bisect_right(self._starts, offset) - 1]


def load(data: bytes, display: str, options: LoadOptions) -> Document:
    decoded = decode(data, options.guess_encoding)
    warnings = (f"{display}: {decoded.warning}",) if decoded.warning else ()
    return document(decoded.text, display, warnings, decoded.encoding)


def document(
    source: str, display: str, warnings: tuple[str, ...] = (), encoding: Encoding | None = None
) -> Document:
    """The Document of a Markdown text: its prose, where each piece stands, and what is silenced."""
    builder, code = prose(source)
    doc = builder.document(display, warnings, encoding)
    doc.directives = (*doc.directives, *code)
    return doc


def prose(source: str) -> tuple[ProseBuilder, list[Directive]]:
    """The prose of a Markdown text, each piece mapped to where it stands in `source`, and a
    directive silencing each code span of it."""
    lines = source_lines(source)
    parsed = without_front_matter(source, lines)
    builder = ProseBuilder(source)
    tokens = _parser().parse(parsed)
    if any(token.type in CONTAINERS and token.level + 1 >= MAX_NESTING for token in tokens):
        too_deep = (
            f"nested too deep (block quotes and lists, {MAX_NESTING} levels): the text inside was not checked"
        )
        builder.unread.append(too_deep)
    builder.comment_starts.extend(block_comments(tokens, source, lines))
    code: list[tuple[int, int]] = []
    for block in located_blocks(tokens, source, lines):
        builder.comment_starts.extend(inline_comments(block))
        fragments = InlineWalk(block.inline.content).walk(block.inline.children or [])
        if fragments:
            builder.paragraph_break()  # none before the first block, none after the last
            code.extend(emit(builder, fragments, block))
    line_starts = [line.start for line in lines]
    silenced = [Directive(SILENCED, (), bisect_right(line_starts, start), start, end) for start, end in code]
    return builder, silenced


def block_comments(tokens: Sequence[Token], source: str, lines: Sequence[SourceLine]) -> Iterator[int]:
    """Where the comments of HTML blocks start; code, front matter and raw-text blocks have none."""
    for token in tokens:
        if token.type == "html_block" and not RAW_TEXT_BLOCK.match(token.content):
            start, end = block_span(token, lines)
            yield from (found.start() for found in COMMENT.finditer(source, start, end))


def inline_comments(block: Block) -> Iterator[int]:
    """Where the comments inside a block's text start (in inline code a comment is not HTML)."""
    for child in block.inline.children or []:
        span = child.meta.get(SPAN)
        if child.type == "html_inline" and child.content.startswith("<!--") and span and block.content_map:
            yield block.content_map.to_source(*span)[0]


def source_lines(source: str) -> list[SourceLine]:
    """The lines as markdown-it counts them: CRLF, CR and LF each end one."""
    lines, start = [], 0
    for line_break in LINE_BREAK.finditer(source):
        lines.append(SourceLine(start, line_break.start(), line_break.end()))
        start = line_break.end()
    lines.append(SourceLine(start, len(source), len(source)))
    return lines


def without_front_matter(source: str, lines: Sequence[SourceLine]) -> str:
    """The source with the lines of its front matter emptied, so line numbers stay the same."""
    closers = FRONT_MATTER_CLOSERS.get(_text(source, lines[0]).rstrip())
    if closers:
        for index, line in enumerate(lines[1:], start=1):
            if _text(source, line).rstrip() in closers:
                return "\n" * (index + 1) + source[line.next :]
    return source


def _text(source: str, line: SourceLine) -> str:
    return source[line.start : line.end]


def _parser() -> MarkdownIt:
    """CommonMark with tables and strikethrough, whose inline rules record their tokens' spans.

    Escapes and entities stay tokens of their own (no "text_join"), so that the source they
    stand for is known.
    """
    from markdown_it import MarkdownIt, rules_inline  # a dependency of this format only

    parser = MarkdownIt("commonmark", {"maxNesting": MAX_NESTING})
    parser.enable(["table", "strikethrough"]).disable("text_join")
    spanned = {
        "newline": rules_inline.newline,
        "escape": rules_inline.escape,
        "backticks": rules_inline.backtick,
        "link": rules_inline.link,
        "image": rules_inline.image,
        "autolink": rules_inline.autolink,
        "html_inline": rules_inline.html_inline,
        "entity": rules_inline.entity,
    }
    for name, rule in spanned.items():
        parser.inline.ruler.at(name, _recording_span(rule))
    return parser


def _recording_span(rule: Callable[[StateInline, bool], bool]) -> Callable[[StateInline, bool], bool]:
    """The rule, noting on the token it makes (the first that is not pending text) the content it spans."""

    def recorded(state: StateInline, silent: bool) -> bool:
        start, count = state.pos, len(state.tokens)
        matched = rule(state, silent)
        if matched and not silent:
            made = (t for t in state.tokens[count:] if t.type != "text" and SPAN not in t.meta)
            token = next(made, None)
            if token is not None:
                token.meta[SPAN] = (start, state.pos)
        return matched

    return recorded


@dataclass(frozen=True, slots=True)
class Block:
    """A block's inline token, the map of its content to the source (None where it was not
    found), and the source lines it covers."""

    inline: Token
    content_map: ContentMap | None
    span: tuple[int, int]


def located_blocks(tokens: Sequence[Token], source: str, lines: Sequence[SourceLine]) -> Iterator[Block]:
    """The blocks holding prose, in order: headings, paragraphs (in lists and quotes too), table cells."""
    index = 0
    while index < len(tokens):
        token = tokens[index]
        if token.type == "tr_open":
            end = next(i for i in range(index, len(tokens)) if tokens[i].type == "tr_close")
            cells = [t for t in tokens[index:end] if t.type == "inline"]
            for cell, content_map in zip(cells, row_maps(cells, source, lines)):
                yield Block(cell, content_map, block_span(cell, lines))
            index = end
        elif token.type == "inline":
            opener = tokens[index - 1]
            atx_heading = opener.type == "heading_open" and opener.markup.startswith("#")
            map_lines = heading_map if atx_heading else paragraph_map
            block_lines = lines[token.map[0] : token.map[1]] if token.map else []
            yield Block(token, map_lines(token.content, source, block_lines), block_span(token, lines))
        index += 1


def paragraph_map(content: str, source: str, lines: Sequence[SourceLine]) -> ContentMap | None:
    """A paragraph's content lines are its source lines without what comes before (markers,
    indentation). Lines of white space that markdown-it does not count as blank (a no-break
    space) may begin or end a paragraph, and its content is stripped of them."""
    content_lines = content.split("\n")
    for first in range(len(lines) - len(content_lines) + 1):
        mapped = _aligned(content_lines, source, lines[first : first + len(content_lines)])
        if mapped is not None:
            return mapped
    return None


def _aligned(content_lines: Sequence[str], source: str, lines: Sequence[SourceLine]) -> ContentMap | None:
    mapped, start = [], 0
    for text, line in zip(content_lines, lines):
        at = _line_start(text, _text(source, line))
        if at is None:
            return None
        mapped.append(ContentLine(start, line.start + at - start, line))
        start += len(text) + 1
    return ContentMap(mapped)


def _line_start(text: str, line: str) -> int | None:
    """Where a content line starts in its source line: it ends the line, or, stripped, it ends
    the stripped line (the last line loses its trailing white space, and markdown-it writes a
    tab in indentation as spaces)."""
    core, body = text.strip(), line.rstrip()
    if line.endswith(text) or not core:  # white space only: near enough
        return max(len(line) - len(text), 0)
    if not body.endswith(core):
        return None
    return len(body) - len(core) - (len(text) - len(text.lstrip()))


def heading_map(content: str, source: str, lines: Sequence[SourceLine]) -> ContentMap | None:
    """An ATX heading's content is its line without the "#" markers around it."""
    if len(lines) != 1:
        return None
    (line,) = lines
    found = _rfind(content, _text(source, line), len(_text(source, line)), "#")
    return ContentMap([ContentLine(0, line.start + found, line)]) if found is not None else None


def row_maps(cells: Sequence[Token], source: str, lines: Sequence[SourceLine]) -> list[ContentMap | None]:
    """Each cell's content in its row's source line, which is split at unescaped pipes as
    markdown-it splits it. The first piece holds a container's markers (">") and the first
    cell, or the markers alone when the row opens with a pipe; pieces past the header's
    columns are dropped."""
    if not cells or not cells[0].map:
        return [None] * len(cells)
    line = lines[cells[0].map[0]]
    row = _text(source, line)
    bounds = _between_pipes(row)
    pieces = [row[start:end] for start, end in bounds]
    for first in (1, 0):
        if first and _ends_with(pieces[0], "", CONTAINER_MARKS) is None:
            continue
        found = _cell_starts(cells, pieces[first:], markers_before_first=not first)
        if found is not None:
            return [
                None if at is None else _cell_map(cell.content, line, bounds[first + index][0] + at)
                for index, (cell, at) in enumerate(zip(cells, found))
            ]
    return [None] * len(cells)


def _between_pipes(row: str) -> list[tuple[int, int]]:
    bounds = [-1, *(pipe.start() for pipe in UNESCAPED_PIPE.finditer(row)), len(row)]
    return [(start + 1, end) for start, end in pairwise(bounds)]


def _cell_starts(
    cells: Sequence[Token], pieces: Sequence[str], markers_before_first: bool
) -> list[int | None] | None:
    """Where each cell's text starts in its piece (None for an empty cell), or None if one is not there."""
    found: list[int | None] = []
    for index, cell in enumerate(cells):
        if not cell.content:
            found.append(None)
            continue
        if index >= len(pieces):
            return None
        before = CONTAINER_MARKS if markers_before_first and index == 0 else ""
        at = _ends_with(pieces[index], cell.content.replace("|", "\\|"), before)
        if at is None:
            return None
        found.append(at)
    return found


def _cell_map(content: str, line: SourceLine, start: int) -> ContentMap:
    """A cell's escaped pipes ("\\|") are one character of content and two of source."""
    pipes = tuple(index for index, character in enumerate(content) if character == "|")
    return ContentMap([ContentLine(0, line.start + start, line, pipes)])


def _ends_with(text: str, core: str, allowed_before: str) -> int | None:
    """Where `core` starts when it ends `text` but for white space, and only white space and
    `allowed_before` come before it."""
    body = text.rstrip()
    start = len(body) - len(core)
    if not body.endswith(core) or not all(c.isspace() or c in allowed_before for c in body[:start]):
        return None
    return start


def _rfind(core: str, text: str, limit: int, closing: str) -> int | None:
    """Where `core` ends text[:limit], but for white space and `closing` characters after it."""
    found = text.rfind(core, 0, limit)
    rest = text[found + len(core) : limit]
    return found if found >= 0 and all(c.isspace() or c in closing for c in rest) else None


def block_span(inline: Token, lines: Sequence[SourceLine]) -> tuple[int, int]:
    """The source of a block's lines, which a block that cannot be placed piece by piece stands for."""
    first, end = inline.map or (0, len(lines))
    return lines[first].start, lines[max(end - 1, first)].end


class InlineWalk:
    """The prose of one inline token: its children's text, found in its content in order.

    Every child stands at the cursor (after white space at most): text as it is, markers by
    their markup, and the rest by the span their rule recorded. A child that is not where it
    should be leaves an unplaced fragment, and the block is then mapped as a whole.
    """

    def __init__(self, content: str) -> None:
        self.content = content
        self.cursor = 0
        self.fragments: list[Fragment] = []
        self.link_ends: list[int] = []
        self.in_autolink = False
        self.struck = 0
        """How many strikethroughs are open: their text is deleted, not prose."""
        self.after_skipped = True
        """A skipped element (or the block's start) came last: white space after it is not prose."""

    def walk(self, children: Sequence[Token]) -> list[Fragment]:
        for token in children:
            self.visit(token)
        return self.fragments

    def visit(self, token: Token) -> None:
        span: tuple[int, int] | None = token.meta.get(SPAN)
        if token.type == "link_close":
            self.cursor = self.link_ends.pop()
            self.after_skipped = self.after_skipped or self.in_autolink
            self.in_autolink = False
        elif self.in_autolink:
            return
        elif token.type == "text":
            self._text(token.content)
        elif token.type == "text_special":
            self._special(token.content, span)
        elif token.type in ("softbreak", "hardbreak"):
            self._line_break(span)
        elif token.type == "link_open":
            self._link_open(token.markup, span)
        elif token.type == "code_inline":
            self._code(token.markup, span)
        elif token.type in SKIPPED_INLINE:
            self._skipped(token, span)
        elif token.type in MARKERS:
            self._advance_past(token.markup)
        elif token.type in STRUCK:
            self._advance_past(token.markup)
            self.struck += STRUCK[token.type]
            self.after_skipped = True

    def _text(self, text: str) -> None:
        if not text:
            return
        start = self._advance_past(text)
        if self.struck:
            if start is None:
                self._unplaced()
            return
        if self.after_skipped and self._prose_ends_in_space():
            kept = text.lstrip(" \t")
            start = None if start is None else start + len(text) - len(kept)
            text = kept
        if text:
            self.fragments.append(Fragment(text, start, self.cursor))
            self.after_skipped = False

    def _special(self, decoded: str, span: tuple[int, int] | None) -> None:
        """An escape ("\\*") or an entity ("&amp;"): the decoded text stands for its source."""
        if self.struck:
            self._jump(span)
            return
        self.fragments.append(Fragment(decoded, *(span or (None, 0))))
        self._jump(span)
        self.after_skipped = False

    def _line_break(self, span: tuple[int, int] | None) -> None:
        start = self.content.find("\n", span[0]) if span else -1
        self.fragments.append(Fragment("\n", start if start >= 0 else None, start + 1, Kind.LINE_BREAK))
        self._jump(span)

    def _link_open(self, markup: str, span: tuple[int, int] | None) -> None:
        """A link's text is prose, its destination is not; an autolink is all destination."""
        self.link_ends.append(span[1] if span else self.cursor)
        self.in_autolink = markup == "autolink"
        if span is None:
            self._unplaced()
        elif not self.in_autolink:
            self.cursor = span[0] + 1  # past "["

    def _code(self, backticks: str, span: tuple[int, int] | None) -> None:
        """Inline code's text as written between its backticks, line by line; CommonMark's one
        space of padding on both sides is not part of it."""
        if self.struck or span is None:
            self._jump(span)
            return
        start, end = span[0] + len(backticks), span[1] - len(backticks)
        inner = self.content[start:end]
        if len(inner) > 2 and inner[0] in " \n" and inner[-1] in " \n" and inner.strip(" \n"):
            start, end = start + 1, end - 1
        line_break = self.content.find("\n", start, end)
        while line_break >= 0:
            self._code_line(start, line_break)
            self.fragments.append(Fragment("\n", line_break, line_break + 1, Kind.LINE_BREAK))
            start = line_break + 1
            line_break = self.content.find("\n", start, end)
        self._code_line(start, end)
        self.cursor = span[1]
        self.after_skipped = False

    def _code_line(self, start: int, end: int) -> None:
        if end > start:
            self.fragments.append(Fragment(self.content[start:end], start, end, Kind.CODE))

    def _skipped(self, token: Token, span: tuple[int, int] | None) -> None:
        if token.type == "html_inline" and LINE_BREAK_TAG.fullmatch(token.content):
            self.fragments.append(Fragment(" ", *(span or (None, 0)), Kind.SPACE))
        self._jump(span)
        self.after_skipped = True

    def _jump(self, span: tuple[int, int] | None) -> None:
        if span is None:
            self._unplaced()
        else:
            self.cursor = span[1]

    def _unplaced(self) -> None:
        self.fragments.append(Fragment("", None, 0))

    def _advance_past(self, expected: str) -> int | None:
        """Where `expected` stands at the cursor (after white space at most); the cursor moves past it."""
        start = self.cursor
        if not self.content.startswith(expected, start):
            while start < len(self.content) and self.content[start].isspace():
                start += 1
            if not self.content.startswith(expected, start):
                return None
        self.cursor = start + len(expected)
        return start

    def _prose_ends_in_space(self) -> bool:
        last = self.fragments[-1] if self.fragments else None
        return last is None or last.kind not in (Kind.TEXT, Kind.CODE) or last.text[-1:].isspace()


def emit(builder: ProseBuilder, fragments: Sequence[Fragment], block: Block) -> list[tuple[int, int]]:
    """Append a block's fragments, each mapped to its source; the source spans of its code.

    A block that cannot be placed piece by piece stands for its whole source span, without
    its code: that could not be silenced alone.
    """
    content_map = block.content_map
    if content_map is None or any(f.start is None for f in fragments):
        builder.take_as(_without_code(fragments), *block.span)
        return []
    code = []
    for fragment in fragments:
        assert fragment.start is not None
        if fragment.kind is Kind.CODE:
            code.append(content_map.to_source(fragment.start, fragment.end))
        if fragment.kind is Kind.SPACE:
            builder.space()
        elif fragment.kind is Kind.LINE_BREAK:
            builder.take(*content_map.line_break(fragment.start))
        elif len(fragment.text) != fragment.end - fragment.start:  # a decoded entity or escape
            builder.take_as(fragment.text, *content_map.to_source(fragment.start, fragment.end))
        else:
            for start, end in content_map.runs(fragment.start, fragment.end):
                text = fragment.text[start - fragment.start : end - fragment.start]
                _take(builder, text, *content_map.to_source(start, end))
    return code


def _without_code(fragments: Sequence[Fragment]) -> str:
    """The fragments' text without their code, white space on both sides of it kept once."""
    parts: list[str] = []
    after_code = False
    for fragment in fragments:
        if fragment.kind is Kind.CODE:
            after_code = True
            continue
        ends_in_space = bool(parts) and parts[-1][-1:] == " "
        parts.append(fragment.text.lstrip(" ") if after_code and ends_in_space else fragment.text)
        after_code = False
    return "".join(parts).strip()


def _take(builder: ProseBuilder, text: str, start: int, end: int) -> None:
    """Take the source span as it stands if it reads as the text; otherwise the text stands for it."""
    if builder.source[start:end] == text:
        builder.take(start, end)
    else:
        builder.take_as(text, start, end)
