"""Shared by the XLIFF and TMX loader tests: a file re-saved as other tools save it, and the
checks that each word stays at its place in the file and that a broken file is refused in one line."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from lxml import etree

from qa.document import Document
from qa.engine import Source, run
from qa.errors import InputError
from qa.loaders import load_bytes
from tests.helpers import CATALOGUE, file_place


def findings(data: bytes, *rule_ids: str, name: str):
    return run([Source(name, data=data)], CATALOGUE.select(rule_ids)).findings


def as_written(data: bytes) -> bytes:
    return data


def with_character_references(data: bytes) -> bytes:
    """Re-saved in ASCII: every other character a reference (&#233;, &#128512;)."""
    return etree.tostring(etree.fromstring(data).getroottree(), encoding="ascii", xml_declaration=True)


def in_utf16(data: bytes) -> bytes:
    """Re-saved as UTF-16 with a byte-order mark, as some Windows tools write XLIFF."""
    return etree.tostring(etree.fromstring(data).getroottree(), encoding="UTF-16", xml_declaration=True)


def in_utf16be_without_bom(data: bytes) -> bytes:
    return etree.tostring(etree.fromstring(data).getroottree(), encoding="UTF-16BE", xml_declaration=True)


def with_crlf(data: bytes) -> bytes:
    return data.replace(b"\n", b"\r\n")


VARIANTS: list[Callable[[bytes], bytes]] = [
    as_written,
    with_character_references,
    in_utf16,
    in_utf16be_without_bom,
    with_crlf,
]


def file_text(data: bytes) -> str:
    """The file as text, decoded here on its own terms."""
    if data.startswith(b"\xff\xfe"):
        return data.decode("utf-16")
    return data.decode("utf-16-be") if data.startswith(b"\x00<") else data.decode("utf-8")


def assert_markers_in_place(doc: Document, data: bytes, markers: list[str]) -> None:
    """Each marker of the prose is located where it stands in the file."""
    text = file_text(data)
    for marker in markers:
        prose_at = doc.text.index(marker)
        location = doc.locate(prose_at, prose_at + len(marker))
        assert (location.line, location.column) == file_place(text, text.index(marker)), marker
        assert (location.end_line, location.end_column) == file_place(text, text.index(marker) + len(marker))


def assert_refused(data: bytes, name: str, message: str) -> None:
    """Loading the file raises InputError with exactly this one-line message."""
    with pytest.raises(InputError) as raised:
        load_bytes(data, name)
    assert str(raised.value) == message
