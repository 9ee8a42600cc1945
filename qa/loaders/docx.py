"""Word documents: body paragraphs and table cells, in document order.

A .docx has no text file to point into, so a finding's position is a paragraph
number and an offset within it: the "source" is the paragraphs one per line, which
makes line = paragraph number and column = offset + 1. The prose the rules read
separates them with blank lines, as paragraphs.

A .docx is a zip archive of XML parts, so a small file may unpack to gigabytes (a zip
bomb) and its XML may be anything. The archive's sizes are checked before anything is
unpacked, the document part is read as a stream (memory holds one paragraph, not the
tree), entities are never expanded, and every way the file can be broken is one
InputError saying what is wrong.
"""

from __future__ import annotations

import io
import lzma
import posixpath
import zipfile
import zlib
from collections.abc import Iterable, Iterator
from typing import IO, TYPE_CHECKING, Any

from qa.errors import InputError
from qa.loaders.extraction import ProseBuilder

if TYPE_CHECKING:
    from qa.document import Document
    from qa.loaders import LoadOptions

WORD_NAMESPACE = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
PARAGRAPH, TABLE_CELL, BODY, TABLE_ROW = (f"{WORD_NAMESPACE}{name}" for name in ("p", "tc", "body", "tr"))
STREAMED = (PARAGRAPH, TABLE_CELL, TABLE_ROW, f"{WORD_NAMESPACE}tbl")
"""The elements whose end the reader acts on: it reads paragraphs, and drops all these once read."""
READ_AS_IT_COMES = frozenset({BODY, TABLE_CELL, TABLE_ROW})
"""Containers whose children are dropped once read, so that memory holds one paragraph or row."""
RUN, HYPERLINK, BREAK = (f"{WORD_NAMESPACE}{name}" for name in ("r", "hyperlink", "br"))
RUN_TEXT = {
    f"{WORD_NAMESPACE}{name}": text
    for name, text in {"tab": "\t", "ptab": "\t", "cr": "\n", "noBreakHyphen": "-"}.items()
}
"""A run's elements that stand for a character (w:t holds text, w:br a line break or a page break)."""
TEXT = f"{WORD_NAMESPACE}t"
PAGE_OR_COLUMN = frozenset({"page", "column"})
RELATIONSHIPS = "_rels/.rels"
OFFICE_DOCUMENT = "/officeDocument"
"""The end of the relationship type that names the main part (word/document.xml in practice)."""
NOT_READABLE = "not a readable Word document"
MAX_UNPACKED_BYTES = 64 * 1024 * 1024
"""All the parts of a Word file, unpacked: a long book is a few megabytes of XML."""
MAX_RATIO = 30
"""How many times its packed size a large part may unpack to: Word's XML packs five to fifteen
to one, a zip bomb a thousand to one. It keeps the work within 10 s of CPU per megabyte of file
(the worst XML, empty paragraphs, reads at about 0.3 s per megabyte)."""
RATIO_FLOOR = 1024 * 1024
"""Parts smaller than this unpack quickly whatever their ratio (an empty table packs well)."""
ENCRYPTED = 0x1
"""The zip flag of an encrypted part, which zipfile cannot read without a password."""
DAMAGED = (zipfile.BadZipFile, EOFError, zlib.error, lzma.LZMAError, OSError, NotImplementedError, ValueError)
"""What zipfile raises for a broken archive: truncated, bad checksum, bad deflate, bzip2 or LZMA
data (OSError "Invalid data stream", LZMAError), unknown method."""


def load(data: bytes, display: str, options: LoadOptions) -> Document:
    paragraphs = [" ".join(text.split("\n")) for text in _paragraph_texts(data)]
    source = "\n".join(paragraphs)
    builder = ProseBuilder(source)
    start = 0
    for text in paragraphs:
        if text.strip():
            builder.paragraph_break()
            builder.take(start, start + len(text))
        start += len(text) + 1
    return builder.document(display)


def _paragraph_texts(data: bytes) -> Iterator[str]:
    from lxml.etree import XMLSyntaxError  # only for Word files

    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        _check_sizes(archive.infolist())
        yield from _body_paragraphs(archive, _main_part(archive))
    except DAMAGED as error:
        raise InputError(f"{NOT_READABLE}: damaged archive ({_one_line(error)})") from None
    except XMLSyntaxError as error:
        raise InputError(f"{NOT_READABLE}: malformed XML ({_one_line(error)})") from None


def _check_sizes(parts: list[zipfile.ZipInfo]) -> None:
    """Refuse an archive that would unpack to too much, from the sizes it declares.

    zipfile never unpacks more of a part than its declared size (the rest fails the
    checksum), so the declared sizes bound what is read.
    """
    total = sum(part.file_size for part in parts)
    if total > MAX_UNPACKED_BYTES:
        raise InputError(
            f"{NOT_READABLE}: it unpacks to {total:,} bytes (the limit is {MAX_UNPACKED_BYTES:,}; a zip bomb?)"
        )
    for part in parts:
        if part.flag_bits & ENCRYPTED:
            raise InputError(f"{NOT_READABLE}: {part.filename} is encrypted")
        if part.file_size > RATIO_FLOOR and part.file_size > MAX_RATIO * part.compress_size:
            raise InputError(
                f"{NOT_READABLE}: {part.filename} unpacks to {part.file_size:,} bytes from"
                f" {part.compress_size:,} (over {MAX_RATIO} to one; a zip bomb?)"
            )


def _main_part(archive: zipfile.ZipFile) -> str:
    """The name of the document part, as the package's relationships give it."""
    names = set(archive.namelist())
    if RELATIONSHIPS not in names:
        raise InputError(f"{NOT_READABLE} (the archive has no {RELATIONSHIPS})")
    with archive.open(RELATIONSHIPS) as stream:
        targets = [
            r.get("Target", "") for _e, r in _parse(stream) if r.get("Type", "").endswith(OFFICE_DOCUMENT)
        ]
    if targets:
        name = posixpath.normpath(targets[0]).lstrip("/")
        if name not in names:
            raise InputError(f"{NOT_READABLE} (the archive has no {name})")
        return name
    raise InputError(f"{NOT_READABLE} (no part is marked as the document)")


def _body_paragraphs(archive: zipfile.ZipFile, name: str) -> Iterator[str]:
    """Text of each paragraph of the body and of its table cells, in order, read as a stream:
    each paragraph and row is dropped from the tree once read."""
    with archive.open(name) as stream:
        events = _parse(stream, tag=STREAMED)
        for _event, element in events:
            parent = element.getparent()
            if element.tag == PARAGRAPH and parent is not None and parent.tag in (BODY, TABLE_CELL):
                yield _paragraph_text(element)
            if parent is not None and parent.tag in READ_AS_IT_COMES:
                _drop_read(element, parent)
        _check_root(events.root, name)


def _check_root(root: Any, name: str) -> None:
    if root.getroottree().docinfo.internalDTD is not None:
        raise InputError(f"{NOT_READABLE}: its XML declares a DOCTYPE, which Word never writes")
    if root.tag != f"{WORD_NAMESPACE}document":
        raise InputError(f"{NOT_READABLE} ({name} holds <{root.tag}>, not a document body)")


def _drop_read(element: Any, parent: Any) -> None:
    """Forget an element, and its siblings before it, once read."""
    element.clear()
    while element.getprevious() is not None:
        del parent[0]


def _parse(stream: IO[bytes], tag: Iterable[str] | None = None) -> Any:
    """The end events of an XML stream; entities stay unexpanded, nothing is fetched from the network."""
    from lxml import etree

    return etree.iterparse(
        stream, tag=tag, resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False
    )


def _paragraph_text(paragraph: Any) -> str:
    """The text of its runs, in links too, as python-docx's Paragraph.text reads it."""
    return "".join(
        _run_text(child)
        for element in paragraph.iterchildren(RUN, HYPERLINK)
        for run in ((element,) if element.tag == RUN else element.iterchildren(RUN))
        for child in run.iterchildren()
    )


def _run_text(element: Any) -> str:
    if element.tag == TEXT:
        return element.text or ""
    if element.tag == BREAK:
        return "" if element.get(f"{WORD_NAMESPACE}type") in PAGE_OR_COLUMN else "\n"
    return RUN_TEXT.get(element.tag, "")


def _one_line(error: BaseException) -> str:
    return " ".join(str(error).split()) or type(error).__name__
