"""Plain text: the decoded file is the document, offsets map one to one."""

from __future__ import annotations

from typing import TYPE_CHECKING

from qa.document import Document
from qa.loaders.decoding import decode

if TYPE_CHECKING:
    from qa.loaders import LoadOptions


def load(data: bytes, display: str, options: LoadOptions) -> Document:
    decoded = decode(data, options.guess_encoding)
    warnings = (f"{display}: {decoded.warning}",) if decoded.warning else ()
    return Document(display, decoded.text, warnings, encoding=decoded.encoding)
