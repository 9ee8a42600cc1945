"""Plain text: the decoded file is the document, offsets map one to one."""

from __future__ import annotations

from qa.document import Document
from qa.loaders.decoding import decode


def load(data: bytes, display: str) -> Document:
    return Document(display, decode(data))
