"""Word documents: body paragraphs and table cells, in document order.

A .docx has no text file to point into, so a finding's position is a paragraph
number and an offset within it: the "source" is the paragraphs one per line, which
makes line = paragraph number and column = offset + 1. The prose the rules read
separates them with blank lines, as paragraphs.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from qa.errors import InputError
from qa.loaders.extraction import ProseBuilder

if TYPE_CHECKING:
    from qa.document import Document
    from qa.loaders import LoadOptions

WORD_NAMESPACE = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


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
    from docx import Document as WordDocument  # python-docx, only for Word files

    try:
        word = WordDocument(io.BytesIO(data))
    except (zipfile.BadZipFile, KeyError, ValueError) as error:
        raise InputError(f"not a readable Word document ({error})") from None
    yield from _block_texts(word.element.body)


def _block_texts(body: Any) -> Iterator[str]:
    """Text of each paragraph, and of each paragraph in each table cell, in order."""
    for child in body.iterchildren():
        if child.tag == f"{WORD_NAMESPACE}p":
            yield _paragraph_text(child)
        elif child.tag == f"{WORD_NAMESPACE}tbl":
            for cell in child.iter(f"{WORD_NAMESPACE}tc"):
                for paragraph in cell.iterchildren(f"{WORD_NAMESPACE}p"):
                    yield _paragraph_text(paragraph)


def _paragraph_text(paragraph: Any) -> str:
    from docx.text.paragraph import Paragraph

    return Paragraph(paragraph, None).text
