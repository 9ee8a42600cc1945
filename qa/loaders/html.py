"""HTML and XHTML: the text a reader sees, one paragraph per block, findings at the file's offsets.

Python's HTMLParser tolerates malformed markup and tells where each event starts. Text is laid
out as a browser would: runs of white space collapse to one space, a block element (p, li, td,
h1…) is a paragraph of its own, inline elements (a, em, span…) are transparent, so a quotation
split by <em> still reads as one quotation. Character references are decoded here, one by one,
so that each decoded character keeps the source span it stands for.

Not prose, skipped with their content: code and preformatted text, scripts, styles, the
<title> (metadata that repeats the headline with the site's name), the page's navigation,
banner and footer (a <header> or <footer> outside any article: the site's name and copyright
line), form controls, deleted text, hidden elements (`hidden`, aria-hidden="true",
style="display:none"), and text marked as another language (lang="es"), which the English
rules must not judge.
"""

from __future__ import annotations

import codecs
import html
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from html.parser import HTMLParser
from typing import TYPE_CHECKING

from qa.document import Document
from qa.errors import InputError
from qa.loaders.decoding import Decoded, Encoding, decode
from qa.loaders.extraction import ProseBuilder

if TYPE_CHECKING:
    from qa.loaders import LoadOptions

VOID_ELEMENTS = frozenset(
    """area base basefont bgsound br col embed frame hr img input keygen link meta param source
    track wbr""".split()
)
"""Elements that never have content or an end tag: they must not be pushed on the open stack."""

HEADINGS = frozenset("h1 h2 h3 h4 h5 h6".split())
BLOCK_ELEMENTS = HEADINGS | frozenset(
    """address article aside blockquote body caption center dd details dialog dir div dl dt fieldset
    figcaption figure footer form frameset header hgroup hr html legend li listing main menu nav
    ol optgroup option p plaintext pre search section summary table tbody td tfoot th thead tr ul
    xmp""".split()
)
"""Elements laid out as blocks: each one starts and ends a paragraph of the prose."""

NOT_PROSE = frozenset(
    """audio button canvas code datalist del iframe kbd listing math nav noembed noframes noscript
    object plaintext pre rp rt samp script select style svg template textarea title video xmp""".split()
)
"""Elements skipped with everything inside them: code, page furniture, media fallbacks."""
CODE_ELEMENTS = frozenset("code kbd listing plaintext pre samp script style textarea xmp".split())
"""Elements whose comments are code, not mtqa directives (a `<pre>` showing how to write one)."""

SECTIONING = frozenset("article aside main nav section".split())
PAGE_LANDMARKS = frozenset({"header", "footer"})
"""Outside any SECTIONING element these are the page's banner and footer (the site's name, its
copyright line), not the copy; inside an article they are its own header and footer."""
CHROME_ROLES = frozenset({"banner", "contentinfo", "navigation", "search"})

SCOPE_BOUNDARIES = frozenset("applet caption html marquee object table td template th".split())
P_CLOSERS = BLOCK_ELEMENTS - frozenset("body caption html optgroup option tbody td tfoot th thead tr".split())
"""Block start tags that end an open <p> (a paragraph cannot hold a block)."""

IMPLIED_ENDS: tuple[tuple[frozenset[str], frozenset[str], frozenset[str]], ...] = (
    (P_CLOSERS, frozenset({"p"}), SCOPE_BOUNDARIES | {"button"}),
    (frozenset({"li"}), frozenset({"li"}), SCOPE_BOUNDARIES | {"ol", "ul"}),
    (frozenset({"dd", "dt"}), frozenset({"dd", "dt"}), SCOPE_BOUNDARIES | {"dl"}),
    (HEADINGS, HEADINGS, SCOPE_BOUNDARIES | (BLOCK_ELEMENTS - HEADINGS)),
    (frozenset({"td", "th"}), frozenset({"td", "th"}), frozenset({"html", "table", "template", "tr"})),
    (
        frozenset({"tr"}),
        frozenset({"tr"}),
        frozenset({"html", "table", "tbody", "template", "tfoot", "thead"}),
    ),
    (
        frozenset({"tbody", "tfoot", "thead"}),
        frozenset({"tbody", "tfoot", "thead"}),
        frozenset({"html", "table", "template"}),
    ),
)
"""(start tags, the open elements they close, where the search stops): `<p>a<p>b` or `<li>a<li>b`
are siblings, so an attribute of the first (hidden, lang) must not reach the second."""

HIDING_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)
ENGLISH_OR_UNKNOWN = frozenset({"", "en", "und"})
"""Primary language subtags checked as English; "und" and lang="" say the language is unknown."""
TEXT_PIECES = re.compile(
    r"(?P<space>[ \t\n\f\r]+)|(?P<reference>&(?:#[0-9]+;?|#[xX][0-9a-fA-F]+;?|[^\t\n\r\f <&#;]{1,32};?))"
)
"""HTML white space, and character references as html.unescape finds them (its pattern, but a
reference name never holds a carriage return: "&\r\n" is an ampersand and a line end)."""
HTML_WHITESPACE = " \t\n\f\r"

UNFINISHED_TAG = re.compile(r"<(?=[a-zA-Z/!?])")
"""What the parser reads as the start of a tag, end tag, comment or declaration."""
NOT_MARKUP = "\ufffd"
COMMENT_CLOSE = re.compile(r"--!?\s*>")
"""What ends a comment for every version of the standard parser ("-->", "-- >", "--!>"), or more:
its matches never overlap, so the last one found is the last that could start."""

DECLARED_ENCODING = re.compile(
    rb"""<meta[^>]*?charset\s*=\s*["']?\s*([\w.:-]+)|<\?xml[^>]*?encoding\s*=\s*["']([\w.:-]+)""",
    re.IGNORECASE,
)
PRESCAN_BYTES = 1024
"""Browsers look for the <meta charset> within the first 1024 bytes; so does this loader."""
PRINTABLE_ASCII = bytes(range(0x20, 0x7F)).replace(b"\\", b"") + b"\t\n\r \\x41 \\u0041"
"""ASCII as a text encoding must read it, escapes included: an escape codec would decode them."""
WINDOWS_1252_LABELS = frozenset({"ascii", "iso8859-1"})
"""Labels that browsers read as windows-1252 (the WHATWG Encoding standard)."""


def load(data: bytes, display: str, options: LoadOptions) -> Document:
    decoded = _decode(data, options.guess_encoding)
    prose = extract(decoded.text)
    warnings = [decoded.warning] if decoded.warning else []
    if not prose.has_text:
        warnings.append(_nothing_to_check(prose.foreign_languages))
    labelled = tuple(f"{display}: {warning}" for warning in warnings)
    return prose.builder.document(display, labelled, decoded.encoding)


def _nothing_to_check(foreign_languages: list[str]) -> str:
    if foreign_languages:
        declared = ", ".join(f'lang="{code}"' for code in foreign_languages)
        return f"all the text is marked as another language ({declared}): nothing was checked as English"
    return "no text outside the markup: nothing was checked"


def _decode(data: bytes, guess_legacy: bool) -> Decoded:
    """Unicode as decode() reads it; a file that is not UTF-8 in the encoding it declares itself."""
    try:
        return decode(data)
    except InputError:
        declared = _declared_encoding(data)
        if declared is None:
            return decode(data, guess_legacy)  # refuses the file, or guesses with a warning
        try:
            return Decoded(data.decode(declared), encoding=Encoding(declared))
        except UnicodeError:  # any codec's, not only UnicodeDecodeError
            return decode(data, guess_legacy)


def _declared_encoding(data: bytes) -> str | None:
    """The legacy encoding named by <meta charset> or <?xml encoding?>, if Python knows it."""
    found = DECLARED_ENCODING.search(data, 0, PRESCAN_BYTES)
    if found is None or b"\x00" in data:
        return None
    try:
        name = codecs.lookup((found.group(1) or found.group(2)).decode("ascii")).name
    except LookupError:
        return None
    # UTF-8 failed already; a UTF-16 label in ASCII bytes is wrong
    if name.startswith("utf") or not _reads_ascii(name):
        return None
    return "cp1252" if name in WINDOWS_1252_LABELS else name


def _reads_ascii(codec: str) -> bool:
    """A text encoding that reads ASCII as ASCII, as every encoding a browser accepts in a
    <meta charset> does: not rot13 or base64 (not text encodings), not "undefined", not an
    escape codec or EBCDIC, which would turn the markup that named them into something else."""
    try:
        return PRINTABLE_ASCII.decode(codec) == PRINTABLE_ASCII.decode("ascii")
    except (LookupError, UnicodeError, ValueError):  # LookupError: "not a text encoding"
        return False


class ProseWriter:
    """Lays text out as a browser does: white space collapsed, nothing at a block's edges."""

    def __init__(self, source: str) -> None:
        self.builder = ProseBuilder(source)
        self.has_text = False
        self._block_has_text = False
        self._block_ended = False
        self._separator: tuple[str, int, int] | None = None
        """A space or line break since the last text, written only if more text follows in the block."""

    def text(self, start: int, end: int, decoded: str | None = None) -> None:
        """Append source[start:end], or `decoded` standing for it (a character reference)."""
        if self._block_ended:
            self.builder.paragraph_break()
        elif self._separator is not None:
            self.builder.take_as(*self._separator)
        self._separator = None
        self._block_ended = False
        if decoded is None:
            self.builder.take(start, end)
        else:
            self.builder.take_as(decoded, start, end)
        self._block_has_text = self.has_text = True

    def white_space(self, start: int, end: int) -> None:
        """Any run of white space between words is one space; at a block's start, none."""
        if self._block_has_text and self._separator is None:
            self._separator = (" ", start, end)

    def line_break(self, start: int, end: int) -> None:
        """<br>: a new line in the paragraph; two in a row end the paragraph, as a blank line would."""
        if not self._block_has_text:
            return
        if self._separator is not None and self._separator[0] == "\n":
            self.block_break()
        else:
            self._separator = ("\n", start, end)

    def block_break(self) -> None:
        """End the paragraph; the break is written when the next one starts, never at the end."""
        if self._block_has_text:
            self._block_ended = True
            self._block_has_text = False
        self._separator = None


@dataclass(frozen=True, slots=True)
class OpenElement:
    tag: str
    removed: bool
    """Not prose (a script, a hidden element): nothing inside it is, whatever its descendants say."""
    language: str | None
    """The lang it is marked with or inherits, when that is not English; None for English."""
    in_section: bool
    """Inside an article, section, main… : a header or footer there belongs to the content."""

    @property
    def skipped(self) -> bool:
        return self.removed or self.language is not None


DOCUMENT_ROOT = OpenElement("#document", removed=False, language=None, in_section=False)


@dataclass
class Prose:
    builder: ProseBuilder
    has_text: bool
    foreign_languages: list[str]
    """The lang values of text that was skipped as another language, in order of appearance."""


def extract(source: str) -> Prose:
    """The prose of an HTML document and where each of its characters comes from."""
    walker = HtmlWalker(source)
    walker.feed(_unfinished_tags_as_text(source))
    walker.close()
    writer = walker.writer
    return Prose(writer.builder, writer.has_text, walker.foreign_languages)


class OpenElements:
    """The stack of open elements, indexed by tag (and by kind: block, code), so that finding the
    nearest open element of some tags takes constant time and deep nesting stays linear."""

    def __init__(self) -> None:
        self._stack: list[OpenElement] = []
        self._positions: dict[str, list[int]] = defaultdict(list)
        """Tag or kind -> the stack positions of the open elements it names, innermost last."""

    @property
    def current(self) -> OpenElement:
        return self._stack[-1] if self._stack else DOCUMENT_ROOT

    def push(self, element: OpenElement) -> None:
        for key in _keys(element.tag):
            self._positions[key].append(len(self._stack))
        self._stack.append(element)

    def nearest(self, tags: Iterable[str]) -> int:
        """The position of the innermost open element among these tags or kinds; -1 for none."""
        return max((found[-1] for found in map(self._positions.get, tags) if found), default=-1)

    def close_from(self, position: int) -> None:
        """Close the element at this position and everything open inside it."""
        while len(self._stack) > position:
            for key in _keys(self._stack.pop().tag):
                self._positions[key].pop()


BLOCK, CODE = "#block", "#code"
"""Kinds of element that OpenElements indexes besides tags (a tag never starts with "#")."""


def _keys(tag: str) -> tuple[str, ...]:
    return (tag, *((BLOCK,) if tag in BLOCK_ELEMENTS else ()), *((CODE,) if tag in CODE_ELEMENTS else ()))


def _unfinished_tags_as_text(source: str) -> str:
    """The source as the parser is given it: after the last ">" no tag or comment can end, and the
    standard parser would look for an end from each "<" there to the end of the file (quadratic
    in "<a<a<a…"). Their "<" is replaced, so that they are text at once, as the parser would
    have ended up reading them: HtmlWalker reads text up to the next "<" of the source, so such a
    tag is still not prose. The last "<" of the file is left for the parser, which reads it as
    text (one search, and the same reading as before)."""
    tail, last = source.rfind(">") + 1, source.rfind("<")
    if last <= tail:
        return source
    return source[:tail] + UNFINISHED_TAG.sub(NOT_MARKUP, source[tail:last]) + source[last:]


class HtmlWalker(HTMLParser):
    """Tracks the open elements to know what is prose, and hands the prose to a ProseWriter."""

    def __init__(self, source: str) -> None:
        super().__init__(convert_charrefs=True)  # the parser's own reference handling has bugs
        self.source = source
        self.writer = ProseWriter(source)
        self.foreign_languages: list[str] = []
        self._open = OpenElements()
        self._line_starts = [0] + [match.end() for match in re.finditer("\n", source)]
        self._last_match: dict[re.Pattern[str], int] = {}

    def _offset(self) -> int:
        """The source offset of the current event (the parser counts lines by "\\n" only)."""
        line, column = self.getpos()
        return self._line_starts[line - 1] + column

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._close_implied(tag)
        parent = self._open.current
        if tag == "br" and not parent.skipped:
            start = self._offset()
            self.writer.line_break(start, start + len(self.get_starttag_text() or ""))
        if tag in BLOCK_ELEMENTS and not parent.skipped:
            self.writer.block_break()
        if tag not in VOID_ELEMENTS:
            self._open.push(_open_element(tag, dict(attrs), parent))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        """`<div/>`: an empty element (the XHTML reading); `<br/>` is just a void element."""
        self.handle_starttag(tag, attrs)
        if tag not in VOID_ELEMENTS:
            self.handle_endtag(tag)

    def handle_endtag(self, tag: str) -> None:
        """Close `tag` and what is open inside it; an end tag that closes nothing is ignored, and
        so is an inline end tag with a block open inside its element: `<span><p>…</span>` (as
        browsers do)."""
        position = self._open.nearest((tag,))
        if position < 0 or (tag not in BLOCK_ELEMENTS and self._open.nearest((BLOCK,)) > position):
            return
        self._open.close_from(position)
        if tag in BLOCK_ELEMENTS and not self._open.current.skipped:
            self.writer.block_break()

    def handle_comment(self, data: str) -> None:
        if self._open.nearest((CODE,)) < 0:
            self.writer.builder.comment_starts.append(self._offset())

    def parse_marked_section(self, i: int, report: int = 1) -> int:
        """`<![…` is a bogus comment up to the next ">" in HTML, as browsers read it (CDATA
        sections exist only in SVG and MathML, which are not prose); the standard parser raises
        AssertionError on a keyword it does not know. Not a comment to look for directives in."""
        return self.parse_bogus_comment(i, report=0)

    def parse_comment(self, i: int, report: int = 1) -> int:
        """A comment with no end after it reads as text, at once: the standard parser would look
        for its end to the end of the file from every "<!--" (quadratic)."""
        return -1 if self._nothing_after(i + 4, COMMENT_CLOSE) else super().parse_comment(i, report)

    def _nothing_after(self, i: int, pattern: re.Pattern[str]) -> bool:
        """Whether no match of `pattern` starts at or after rawdata[i], found with one search of
        the whole source per pattern (the parser's data is always what is left of the source)."""
        if pattern not in self._last_match:
            starts = (found.start() for found in pattern.finditer(self.source))
            self._last_match[pattern] = max(starts, default=-1)
        return len(self.source) - len(self.rawdata) + i > self._last_match[pattern]

    def handle_data(self, data: str) -> None:
        start = self._offset()
        element = self._open.current
        if element.skipped:
            self._skip(data, start, element)
        elif data == "<":  # "a < b"
            self.writer.text(start, start + 1)
        elif self.source.startswith("<", start):
            self.writer.white_space(start, start)  # a broken tag passed on as text: not prose
        else:  # text runs to the next "<", character references still encoded
            end = self.source.find("<", start)
            self._write(start, len(self.source) if end < 0 else end)

    def _skip(self, data: str, start: int, element: OpenElement) -> None:
        """Skipped text still separates the words around it (`two<code>x</code>words`)."""
        if data.strip(HTML_WHITESPACE):
            self.writer.white_space(start, start)
            language = element.language
            if language is not None and not element.removed and language not in self.foreign_languages:
                self.foreign_languages.append(language)

    def _write(self, start: int, end: int) -> None:
        """Write source[start:end] as prose, decoding its character references one by one."""
        position = start
        for piece in TEXT_PIECES.finditer(self.source, start, end):
            if piece.start() > position:
                self.writer.text(position, piece.start())
            self._write_piece(piece)
            position = piece.end()
        if position < end:
            self.writer.text(position, end)

    def _write_piece(self, piece: re.Match[str]) -> None:
        start, end = piece.span()
        if piece.lastgroup == "space":
            self.writer.white_space(start, end)
            return
        decoded = html.unescape(piece.group())
        if decoded == piece.group():  # "&" and a word that names no character: plain text
            self.writer.text(start, end)
        elif not decoded.strip(HTML_WHITESPACE):  # &#32; &#10;: white space like any other
            self.writer.white_space(start, end)
        else:
            self.writer.text(start, end, decoded)

    def _close_implied(self, tag: str) -> None:
        for starters, closed, boundaries in IMPLIED_ENDS:
            if tag in starters:
                self._close_nearest(closed, boundaries)

    def _close_nearest(self, closed: frozenset[str], boundaries: frozenset[str]) -> None:
        position = self._open.nearest(closed)
        if position >= 0 and position >= self._open.nearest(boundaries):
            self._open.close_from(position)


def _open_element(tag: str, attributes: dict[str, str | None], parent: OpenElement) -> OpenElement:
    lang = attributes.get("xml:lang", attributes.get("lang"))
    if lang is None:
        language = parent.language
    else:
        language = None if _primary_subtag(lang) in ENGLISH_OR_UNKNOWN else lang.strip()
    removed = (
        parent.removed
        or tag in NOT_PROSE
        or _is_hidden(attributes)
        or _is_page_chrome(tag, attributes, parent)
    )
    return OpenElement(tag, removed, language, parent.in_section or tag in SECTIONING)


def _is_page_chrome(tag: str, attributes: dict[str, str | None], parent: OpenElement) -> bool:
    """The site's banner, footer, navigation and search box, which every page of the site repeats."""
    role = (attributes.get("role") or "").strip().lower()
    return role in CHROME_ROLES or (tag in PAGE_LANDMARKS and not parent.in_section)


def _primary_subtag(lang: str) -> str:
    return re.split(r"[-_]", lang.strip().lower(), maxsplit=1)[0]


def _is_hidden(attributes: dict[str, str | None]) -> bool:
    """Not rendered, or hidden from readers; hidden="until-found" is collapsed prose, still read."""
    hidden = "hidden" in attributes and (attributes["hidden"] or "").lower() != "until-found"
    aria_hidden = (attributes.get("aria-hidden") or "").strip().lower() == "true"
    return hidden or aria_hidden or bool(HIDING_STYLE.search(attributes.get("style") or ""))
