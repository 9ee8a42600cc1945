"""What the XML translation formats (XLIFF, TMX) share: reading the file with exact positions,
inline codes, and laying the segments out as a Document.

The standard library's expat parses the file and says where each event starts; with
`buffer_text` off, a run of text, a line break, an entity or a character reference each
arrive as an event of their own, so every character of a source or target keeps the span of
the file it stands for (an `&amp;` its five characters, a CRLF its two). A format's reader
(qa.loaders.xliff, qa.loaders.tmx) sees the elements outside segments, and hands the content
of each source and target element to a `Content`, which keeps its text and notes its inline
codes. Segments are laid out only once the whole file is read: TMX picks its target language
from all of its units.

A DOCTYPE may name a DTD (TMX files often do), which is never fetched; one that declares
entities is refused, so that no entity expansion (the "billion laughs") can happen.
"""

from __future__ import annotations

import codecs
import re
from collections import deque
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Protocol
from xml.parsers import expat
from xml.sax.saxutils import escape

from qa.bilingual import InlineCode
from qa.errors import InputError
from qa.loaders.decoding import BOMS, Decoded, Encoding, decode
from qa.loaders.segments import SegmentLayout

if TYPE_CHECKING:
    from qa.document import Document
    from qa.loaders import LoadOptions

Attributes = dict[str, str]
XML_LANG = "http://www.w3.org/XML/1998/namespace lang"
"""xml:lang as expat names it, namespace and local name joined by NAMESPACE_SEPARATOR."""
NAMESPACE_SEPARATOR = " "
XML_DECLARATION = re.compile(rb"""<\?xml[^>]*?\sencoding\s*=\s*["']([A-Za-z][\w.:-]*)["']""")
TAG = re.compile(r"""<[^\s/>]+(?:\s+[^\s=]+\s*=\s*(?:"[^"]*"|'[^']*'))*\s*/?>""")
"""A start tag as written (expat has checked the file, so an attribute value holds no quote of its own)."""

STARTS_WITH_MARKUP = re.compile(r"\s*<")

CODE = "code"
"""An inline element whose content is the native code it stands for, not prose (XLIFF <ph>, <bpt>)."""
PAIRED = "paired"
"""An inline element around prose (XLIFF <g>, <pc>): a code where it opens, its content prose."""


def decode_xml(data: bytes, guess_legacy: bool) -> Decoded:
    """The file's text: Unicode by its byte-order mark or as UTF-8 (decode()), or the legacy
    encoding its XML declaration names (`encoding="ISO-8859-1"`)."""
    declared = XML_DECLARATION.match(data) if not _marked_unicode(data) else None
    if declared is None:
        return decode(data, guess_legacy)
    name = declared.group(1).decode("ascii")
    try:
        codec = codecs.lookup(name).name
    except LookupError:
        raise InputError(f"the XML declaration names an unknown encoding: {name}") from None
    if codec.startswith("utf") or codec == "ascii":  # the bytes say which UTF; ASCII is UTF-8's subset
        return decode(data, guess_legacy)
    try:
        return Decoded(data.decode(codec), encoding=Encoding(codec))
    except UnicodeDecodeError as error:
        raise InputError(f"not valid {name} (as its XML declaration says): byte {error.start}") from None


def _marked_unicode(data: bytes) -> bool:
    return b"\x00" in data[:4] or any(data.startswith(bom) for bom, _codec in BOMS)


class Side:
    """One side of a segment as read: its text in pieces, each with the span of the file it
    stands for, and its inline codes where they stand in that text.

    Flat lists of strings and numbers, not an object a piece: a file may hold millions of
    pieces (an entity is one), and the garbage collector would walk every object among them."""

    __slots__ = ("codes", "length", "line", "spans", "texts")

    def __init__(self, line: int | None = None) -> None:
        self.texts: list[str] = []
        self.spans: list[int] = []
        """The file's start and end of each of `texts`, one after the other."""
        self.codes: list[tuple[int, InlineCode]] = []
        """Each inline code, after how many of `texts`."""
        self.length = 0
        self.line = line
        """The line of the file where its element starts."""

    def add_text(self, data: str, start: int, end: int) -> None:
        self.texts.append(data)
        self.spans += (start, end)
        self.length += len(data)

    def add_code(self, code_id: str, text: str) -> None:
        self.codes.append((len(self.texts), InlineCode(code_id, text, self.length)))

    @property
    def text(self) -> str:
        return "".join(self.texts)

    @property
    def inline_codes(self) -> tuple[InlineCode, ...]:
        return tuple(code for _after, code in self.codes)

    def lay_out(self, layout: SegmentLayout) -> None:
        """Append this side to the prose, every piece at its own span of the file; a run of text
        that stands in the file as it reads (no reference, no CRLF, no code between) is taken at once."""
        prose, source, spans = layout.prose, layout.prose.source, self.spans
        pending = deque(self.codes)

        def codes_before(index: int) -> None:
            while pending and pending[0][0] <= index:
                code = pending.popleft()[1]
                layout.code(code.id, code.text)

        run_start = run_end = -1
        for index, text in enumerate(self.texts):
            start, end = spans[2 * index], spans[2 * index + 1]
            as_written = end - start == len(text) and source.startswith(text, start)
            if as_written and start == run_end and not (pending and pending[0][0] <= index):
                run_end = end
                continue
            if run_end >= 0:
                prose.take(run_start, run_end)
                run_end = -1
            codes_before(index)
            if as_written:
                run_start, run_end = start, end
            else:
                prose.take_as(text, start, end)
        if run_end >= 0:
            prose.take(run_start, run_end)
        codes_before(len(self.texts))


@dataclass(frozen=True)
class InlineMarkup:
    """How a format writes inline codes inside its segments. Elements not named are read as
    transparent: their content is prose and they leave no code (XLIFF <mrk>, TMX <hi>)."""

    kinds: Mapping[str, str]
    """Element name -> CODE or PAIRED."""
    id_attributes: tuple[str, ...]
    """Where a code's id is, first found first; without one a code is numbered by its element."""
    text_attributes: tuple[str, ...] = ()
    """Attributes that say how a code reads (XLIFF 2.0 disp, equiv), for a code with no content."""
    data_attributes: tuple[str, ...] = ()
    """Attributes naming the code's native data held elsewhere in the unit (XLIFF 2.0 dataRef)."""


class Ignored:
    """The content of an element that holds no segment text (<note>, <alt-trans>, <prop>): skipped."""


IGNORED = Ignored()
MARK = "mark"


class Content:
    """The content of a source, target or seg element, read into a `Side`.

    Text is prose; the content of a CODE element is its native code, which becomes the code's
    text. With `segment_marks` (XLIFF 1.2's <seg-source> and its target), each
    <mrk mtype="seg" mid="…"> is also read into a side of its own, in `marks`, by its mid.
    """

    def __init__(
        self,
        markup: InlineMarkup,
        line: int,
        data: Mapping[str, str] | None = None,
        segment_marks: bool = False,
    ) -> None:
        self.side = Side(line)
        self.marks: dict[str, Side] = {}
        self._markup = markup
        self._data = data or {}
        self._segment_marks = segment_marks
        self._sides = [self.side]
        self._open: list[str | None] = []
        self._code: tuple[str, str, list[str]] | None = None
        """The CODE element being read: its id, how it reads without content, its content so far."""
        self._numbers: dict[str, int] = {}

    def start(self, name: str, attributes: Attributes, tag: str, line: int) -> None:
        kind = self._markup.kinds.get(name)
        if self._code is not None or kind is None:
            self._open.append(self._mark(name, attributes, line) if self._code is None else None)
            return
        self._numbers[name] = number = self._numbers.get(name, 0) + 1
        found_id = next((attributes[a] for a in self._markup.id_attributes if attributes.get(a)), None)
        code_id = f"{name}#{found_id or number}"
        written = self._written(attributes, tag)
        if kind == PAIRED:
            self._add_code(code_id, written)
            self._open.append(None)
        else:
            self._code = (code_id, written, [])
            self._open.append(CODE)

    def end(self, name: str) -> None:
        action = self._open.pop()
        if action == CODE and self._code is not None:
            code_id, written, native = self._code
            self._code = None
            self._add_code(code_id, "".join(native) or written)
        elif action == MARK:
            self._sides.pop()

    def characters(self, data: str, start: int, end: int) -> None:
        if self._code is not None:
            self._code[2].append(data)
            return
        for side in self._sides:
            side.add_text(data, start, end)

    def _mark(self, name: str, attributes: Attributes, line: int) -> str | None:
        """Open a segment mark's side, if this element is one."""
        if not (self._segment_marks and name == "mrk" and attributes.get("mtype") == "seg"):
            return None
        side = Side(line)
        self.marks[attributes.get("mid") or str(len(self.marks) + 1)] = side
        self._sides.append(side)
        return MARK

    def _written(self, attributes: Attributes, tag: str) -> str:
        """How a code reads when it has no content: its native data, the text an attribute
        gives, else its tag as written."""
        markup = self._markup
        for name in markup.data_attributes:
            if attributes.get(name) in self._data:
                return self._data[attributes[name]]
        found = next((attributes[a] for a in markup.text_attributes if attributes.get(a)), None)
        return tag if found is None else found

    def _add_code(self, code_id: str, text: str) -> None:
        for side in self._sides:
            side.add_code(code_id, text)


class Reader(Protocol):
    """A format's reading of the elements outside segment content, in document order."""

    def start(self, name: str, attributes: Attributes, line: int) -> Content | Ignored | None:
        """An element starts; return what reads its content, if the reader hands it over."""

    def end(self, name: str, captured: Content | Ignored | None) -> None:
        """An element ends, with what read its content if it was handed over."""

    def translation(self) -> Translation:
        """What the file holds, once read."""


RootReader = Callable[[str, str, Attributes], Reader]
"""(namespace, name, attributes) of the root element -> the reader of the file; InputError if the
root is not of the format."""


class XmlWalk:
    """Runs expat over a text and hands its events to a reader, with offsets in code points."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.comment_starts: list[int] = []
        self._utf8 = text.encode("utf-8", "surrogatepass")
        self._ascii = len(self._utf8) == len(text)
        self._byte = self._offset = 0
        self._namespaces = frozenset({""})
        self._names: dict[str, str] = {}
        self._reader: Reader | None = None
        self._capture: Content | Ignored | None = None
        self._depth = 0
        self._in_cdata = False
        self._parser = expat.ParserCreate("utf-8", NAMESPACE_SEPARATOR)
        parser = self._parser
        parser.buffer_text = False
        parser.StartElementHandler = self._start
        parser.EndElementHandler = self._end
        parser.CommentHandler = self._comment
        parser.StartCdataSectionHandler = self._cdata_starts
        parser.EndCdataSectionHandler = self._cdata_ends
        parser.EntityDeclHandler = _refuse_entities
        parser.SkippedEntityHandler = _undefined_entity

    def run(self, root_reader: RootReader) -> Reader:
        if not STARTS_WITH_MARKUP.match(self.text):
            raise InputError("not XML: the file does not start with '<'")
        self._root_reader = root_reader
        try:
            self._parser.Parse(self._utf8, True)
        except expat.ExpatError as error:
            reason = expat.ErrorString(error.code)
            raise InputError(
                f"not well-formed XML at line {error.lineno}, column {error.offset + 1}: {reason}"
            ) from None
        assert self._reader is not None  # expat found an element, or raised "no element found"
        return self._reader

    def _position(self) -> int:
        """The code-point offset where the current event starts (expat counts UTF-8 bytes)."""
        byte = self._parser.CurrentByteIndex
        if self._ascii:
            return byte
        if byte < self._byte:
            self._byte = self._offset = 0
        self._offset += len(self._utf8[self._byte : byte].decode("utf-8", "surrogatepass"))
        self._byte = byte
        return self._offset

    def _name(self, qualified: str) -> str:
        """The local name of an element of the format's own namespace; others keep their namespace."""
        name = self._names.get(qualified)
        if name is None:
            namespace, _separator, local = qualified.rpartition(NAMESPACE_SEPARATOR)
            self._names[qualified] = name = local if namespace in self._namespaces else qualified
        return name

    def _start(self, qualified: str, attributes: Attributes) -> None:
        if self._reader is None:
            namespace, _separator, local = qualified.rpartition(NAMESPACE_SEPARATOR)
            self._namespaces = frozenset({"", namespace})
            self._reader = self._root_reader(namespace, local, attributes)
        name = self._name(qualified)
        line = self._parser.CurrentLineNumber
        capture = self._capture
        if capture is not None:
            self._depth += 1
            if not isinstance(capture, Ignored):
                tag = TAG.match(self.text, self._position())
                capture.start(name, attributes, tag.group() if tag else "", line)
            return
        self._capture = self._reader.start(name, attributes, line)
        self._depth = 0
        if self._capture is not None and not isinstance(self._capture, Ignored):
            self._parser.CharacterDataHandler = self._characters

    def _end(self, qualified: str) -> None:
        name = self._name(qualified)
        captured = self._capture
        if captured is not None:
            if self._depth:
                self._depth -= 1
                if not isinstance(captured, Ignored):
                    captured.end(name)
                return
            self._capture = None
            self._parser.CharacterDataHandler = None
        assert self._reader is not None
        self._reader.end(name, captured)

    def _characters(self, data: str) -> None:
        start = self._position()
        first = self.text[start]
        if first == "&" and not self._in_cdata:  # an entity or character reference
            end = self.text.index(";", start) + 1
        elif first == "\r":  # a line break, which XML reads as "\n"
            end = start + (2 if self.text.startswith("\r\n", start) else 1)
        else:
            end = start + len(data)
        self._capture.characters(data, start, end)  # type: ignore[union-attr]  # set only for a Content

    def _comment(self, _data: str) -> None:
        self.comment_starts.append(self._position())

    def _cdata_starts(self) -> None:
        self._in_cdata = True

    def _cdata_ends(self) -> None:
        self._in_cdata = False


def _refuse_entities(name: str, *_declaration: object) -> None:
    raise InputError(f"the DOCTYPE declares entities ({name}); refused, as entity expansion can explode")


def _undefined_entity(name: str, _is_parameter: bool) -> None:
    raise InputError(f"undefined entity &{name}; (a DTD is never read)")


@dataclass
class Pair:
    """A segment as read, before it is laid out."""

    id: str
    source: Side
    target: Side | None
    state: str | None = None
    continues: bool = False
    """The next sentence of the unit before (an XLIFF unit's second segment): the same paragraph."""


@dataclass
class Translation:
    """What a format's reader found in a file."""

    pairs: list[Pair] = field(default_factory=list)
    source_lang: str | None = None
    target_lang: str | None = None
    warnings: list[str] = field(default_factory=list)


def read(data: bytes, display: str, options: LoadOptions, root_reader: RootReader) -> Document:
    """The Document of an XML translation file, read by the reader its root element chooses."""
    decoded = decode_xml(data, options.guess_encoding)
    walk = XmlWalk(decoded.text)
    found = walk.run(root_reader).translation()
    if not found.pairs:
        raise InputError("no translation units")
    layout = SegmentLayout(decoded.text)
    layout.prose.comment_starts.extend(walk.comment_starts)
    for pair in found.pairs:
        # a unit may be a paragraph or a sentence: the file says only that a unit's segments are one
        layout.begin(same_paragraph=True if pair.continues else None)
        if pair.target is not None:
            pair.target.lay_out(layout)
        layout.end(pair.id, pair.source.text, pair.source.inline_codes, pair.state, pair.source.line)
    warnings = [decoded.warning, *found.warnings] if decoded.warning else found.warnings
    return layout.document(
        display,
        options.source_lang or found.source_lang,
        found.target_lang,
        tuple(f"{display}: {warning}" for warning in warnings),
        decoded.encoding,
        escape,
    )
