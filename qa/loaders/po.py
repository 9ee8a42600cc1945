"""gettext PO files: each entry's translation a segment (each msgstr[n] of a plural its own).

polib reads the structure: where each entry starts, its flags (fuzzy), whether it is obsolete
(`#~`, skipped), the header (skipped; its `Language` is the target's, `X-Source-Language` the
source's), and it refuses a broken file with the line number. polib keeps only the strings'
values, so the strings are read again here from the file's text, from the entry's first line:
each character of a msgstr is taken with the span of the file it stands for, a run as it
stands and an escape as what it means, across the `"..."` lines a long string is wrapped
over, so that findings land on the file's own lines and columns. Escapes are read as gettext
reads them: octal and `\\x` escapes are bytes in the file's charset (polib leaves them as
written). A file is decoded in the charset its header declares (ISO-8859-1, say).
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import polib

from qa.document import LINE_BREAK, Document
from qa.errors import InputError
from qa.loaders.decoding import Decoded, Encoding, decode
from qa.loaders.extraction import ProseBuilder
from qa.loaders.segments import SegmentLayout

if TYPE_CHECKING:
    from qa.loaders import LoadOptions

CHARSET = re.compile(rb'Content-Type:[^"\r\n]*?charset=([\w.:-]+)', re.IGNORECASE)
LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)?")
KEYWORD = re.compile(r"(msgctxt|msgid_plural|msgid|msgstr(?:\[\d+\])?)(?=[\s\"])\s*")
QUOTED = re.compile(r'"(?:[^"\\]|\\.)*"')
PIECE = re.compile(r"(?:\\(?:x[0-9a-fA-F]+|[0-7]{1,3}))+|\\.|[^\\]+")
"""A string's pieces: a run of byte escapes (octal, hex), one other escape, or plain characters."""
BYTE_ESCAPE = re.compile(r"\\(?:x([0-9a-fA-F]+)|([0-7]{1,3}))")
ESCAPES = {"n": "\n", "t": "\t", "r": "\r", "b": "\b", "f": "\f", "v": "\v", "a": "\a"} | {
    c: c for c in "\\\"'?"
}
OTHER_LINE_BREAKS = re.compile("[\v\f\x1c\x1d\x1e\x85\u2028\u2029]")
"""Characters that str.splitlines (and so polib) ends a line at, but a PO file does not."""
POLIB_ERROR = re.compile(r"\(line (\d+)\)(?::\s*(.+))?")

Piece = tuple[str | None, int, int]
"""A string's text and the span of the file it stands for; None when it is the span as it stands."""


@dataclass
class QuotedText:
    """A keyword's string, maybe continued over several lines: its pieces in the file."""

    line: int
    pieces: list[Piece] = field(default_factory=list)

    def value(self, text: str) -> str:
        return "".join(text[start:end] if value is None else value for value, start, end in self.pieces)

    def take(self, prose: ProseBuilder) -> None:
        for value, start, end in self.pieces:
            if value is None:
                prose.take(start, end)
            else:
                prose.take_as(value, start, end)


def load(data: bytes, display: str, options: LoadOptions) -> Document:
    decoded = _decode(data, options.guess_encoding)
    text = decoded.text
    catalog = _catalog(text)
    line_starts = [0] + [m.end() for m in LINE_BREAK.finditer(text)]
    layout = SegmentLayout(text)
    for entry in catalog:
        if not entry.obsolete:
            line = max(entry.linenum, 1)
            fields = _entry_fields(text, line_starts[line - 1], line, decoded.encoding.codec)
            _add_segments(layout, text, fields, "fuzzy" if "fuzzy" in entry.flags else None)
    warnings = (f"{display}: {decoded.warning}",) if decoded.warning else ()
    source_lang = options.source_lang or catalog.metadata.get("X-Source-Language") or None
    target_lang = catalog.metadata.get("Language") or None
    return layout.document(display, source_lang, target_lang, warnings, decoded.encoding, polib.escape)


def _decode(data: bytes, guess_legacy: bool) -> Decoded:
    """The file's text in the charset its header declares; Unicode (or a guess) when it declares
    none, UTF-8, or a placeholder (a template's `charset=CHARSET`)."""
    declared = CHARSET.search(data)
    codec = _codec(declared.group(1).decode("ascii")) if declared else None
    if codec is None or codec == "utf-8" or b"\x00" in data:
        return decode(data, guess_legacy)
    try:
        return Decoded(data.decode(codec), encoding=Encoding(codec))
    except UnicodeDecodeError as error:
        bad = data[error.start : error.start + 1].hex()
        raise InputError(
            f"not valid {codec} (its declared charset): byte 0x{bad} at offset {error.start}"
        ) from None


def _codec(name: str) -> str | None:
    """Python's name of a charset that writes ASCII as ASCII (as the header itself is written)."""
    try:
        codec = codecs.lookup(name).name
    except LookupError:
        return None
    return codec if "Content-Type".encode(codec) == b"Content-Type" else None


def _catalog(text: str) -> polib.POFile:
    readable = OTHER_LINE_BREAKS.sub(" ", text)  # same length, same lines: polib's line numbers are ours
    if not LINE_BREAK.search(readable):
        readable += "\n"  # polib opens a file when given its name: a text with a line break is none
    try:
        return polib.pofile(readable, encoding="utf-8")
    except OSError as error:
        found = POLIB_ERROR.search(str(error))
        if found is None:
            raise InputError(f"not a PO file ({error})") from None
        raise InputError(f"line {found.group(1)}: {found.group(2) or 'not PO syntax'}") from None


def _entry_fields(text: str, start: int, line: int, codec: str) -> dict[str, QuotedText]:
    """The strings of the entry whose first line starts at text[start], by keyword ("msgstr[1]")."""
    fields: dict[str, QuotedText] = {}
    current: QuotedText | None = None
    translated = False  # once a msgstr is read, a comment or another msgid opens the next entry
    for number, found in enumerate(LINE.finditer(text, start), start=line):
        content = found.group().rstrip("\r\n")
        stripped = content.strip()
        if not stripped:
            continue
        if stripped.startswith("#"):
            if translated:
                break
            continue
        begin = found.start() + len(content) - len(content.lstrip())
        end = begin + len(stripped)
        keyword = KEYWORD.match(text, begin, end)
        if keyword is None and current is not None:
            current.pieces += _string_pieces(text, begin, end, number, codec)
            continue
        if keyword is None:
            raise InputError(f"line {number}: not PO syntax")
        name = keyword.group(1)
        if translated and not name.startswith("msgstr"):
            break
        translated = translated or name.startswith("msgstr")
        current = fields[name] = QuotedText(number, _string_pieces(text, keyword.end(), end, number, codec))
    if "msgid" not in fields:
        raise InputError(f"line {line}: an entry without msgid")
    if not translated:
        raise InputError(f"line {fields['msgid'].line}: msgid without msgstr")
    return fields


def _string_pieces(text: str, start: int, end: int, line: int, codec: str) -> list[Piece]:
    """The pieces of the quoted string text[start:end], its quotes left out."""
    if not QUOTED.fullmatch(text, start, end):
        problem = (
            "unterminated string" if text.startswith('"', start) else "expected a string in double quotes"
        )
        raise InputError(f"line {line}: {problem}")
    pieces: list[Piece] = []
    for piece in PIECE.finditer(text, start + 1, end - 1):
        raw = piece.group()
        if not raw.startswith("\\"):
            pieces.append((None, piece.start(), piece.end()))
        elif len(raw) == 2 and raw[1] in ESCAPES:
            pieces.append((ESCAPES[raw[1]], piece.start(), piece.end()))
        elif BYTE_ESCAPE.match(raw):
            pieces += _byte_pieces(text, piece.start(), piece.end(), codec)
        else:
            raise InputError(f"line {line}: unknown escape {raw!r}")
    return pieces


def _byte_pieces(text: str, start: int, end: int, codec: str) -> Iterator[Piece]:
    """A run of byte escapes: each ASCII byte a character, each run of other bytes decoded together
    in the file's charset (`\\xc3\\xa9` is "é" in UTF-8)."""
    pending, pending_start = bytearray(), start
    for escape in BYTE_ESCAPE.finditer(text, start, end):
        hexadecimal, octal = escape.groups()
        value = int(hexadecimal, 16) if hexadecimal else int(octal, 8)
        if value < 0x80:
            if pending:
                yield bytes(pending).decode(codec, "replace"), pending_start, escape.start()
                pending.clear()
            yield chr(value), escape.start(), escape.end()
        else:
            if not pending:
                pending_start = escape.start()
            pending.append(value & 0xFF)
    if pending:
        yield bytes(pending).decode(codec, "replace"), pending_start, end


def _add_segments(layout: SegmentLayout, text: str, fields: dict[str, QuotedText], state: str | None) -> None:
    """An entry's segments: its msgstr, or each msgstr[n] with msgid (n = 0) or msgid_plural as source."""
    msgid = fields["msgid"]
    segment_id = msgid.value(text)
    if "msgctxt" in fields:
        segment_id = f"{fields['msgctxt'].value(text)}|{segment_id}"
    plurals = sorted(
        (int(name[7:-1]), quoted) for name, quoted in fields.items() if name.startswith("msgstr[")
    )
    translations: list[tuple[str, QuotedText, int | None]] = [
        (f"{segment_id}[{n}]", quoted, n) for n, quoted in plurals
    ]
    if not translations:
        translations = [(segment_id, fields["msgstr"], None)]
    for name, target, form in translations:
        source = fields.get("msgid_plural", msgid) if form else msgid
        layout.begin(same_paragraph=False)  # each entry a string of its own
        target.take(layout.prose)
        layout.end(name, source.value(text), state=state, source_line=source.line, form=form)
