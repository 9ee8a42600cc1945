"""Input formats: each loader turns a file's bytes into a Document, or raises InputError."""

from __future__ import annotations

import errno
import importlib
import os
import re
import stat
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from qa.document import Document
from qa.errors import InputError

FORMATS: dict[str, tuple[str, tuple[str, ...]]] = {
    "txt": ("qa.loaders.txt", (".txt", ".text")),
    "docx": ("qa.loaders.docx", (".docx",)),
    "html": ("qa.loaders.html", (".html", ".htm", ".xhtml")),
    "md": ("qa.loaders.markdown", (".md", ".markdown")),
    "xliff": ("qa.loaders.xliff", (".xlf", ".xliff", ".sdlxliff", ".mqxliff")),
    "po": ("qa.loaders.po", (".po", ".pot")),
    "tmx": ("qa.loaders.tmx", (".tmx",)),
    "jsonl": ("qa.loaders.jsonl", (".jsonl",)),
}
"""Format name -> (loader module, file name endings). A module exposes `load(data, display, options)`."""
SUFFIXES = {suffix: name for name, (_, suffixes) in FORMATS.items() for suffix in suffixes}
DEFAULT_FORMAT = "txt"
MAX_BYTES = 32 * 1024 * 1024
"""Larger inputs are refused: no prose file is that big, and the report would not be usable."""

Loader = Callable[[bytes, str, "LoadOptions"], Document]


@dataclass(frozen=True)
class LoadOptions:
    guess_encoding: bool = False
    """Read a file that is not Unicode in the legacy encoding charset-normalizer guesses, with a
    warning naming it; when False such a file is refused (exit 2)."""
    format: str | None = None
    """Read every input as this format, whatever its name (`--format-of md`)."""
    formats: tuple[tuple[str, str], ...] = ()
    """More file name endings and their formats (the configuration's `formats`), as (".mdx", "md") pairs."""
    source_lang: str | None = None
    """The source language of bilingual files (`--source-lang`): over what a file declares, for
    files that declare none (aligned text, JSON Lines) and files that declare it wrongly."""
    target_field: str = "target"
    """The field of a JSON Lines record that holds the translation; dots walk into objects ("mt.Online-B")."""

    def format_for_suffix(self, suffix: str) -> str | None:
        """The format of a file name ending, configured endings first; None for an ending no format reads."""
        return dict(self.formats).get(suffix) or SUFFIXES.get(suffix)


def format_of(display: str, options: LoadOptions, data: bytes = b"") -> str:
    """The format named by the options, or by the file's ending; an `.xml` file named on the command
    line by its root element (XLIFF or TMX); plain text for any other ending."""
    suffix = Path(display).suffix.lower()
    found = options.format or options.format_for_suffix(suffix)
    if found is None and suffix == ".xml":
        found = _xml_format(data)
    return found or DEFAULT_FORMAT


XML_ROOTS = re.compile(rb"<(?:[\w.-]+:)?(xliff|tmx)[\s>]")
SNIFFED = 2048
"""Bytes of an `.xml` file looked at for its root element: the declaration and comments come first."""


def _xml_format(data: bytes) -> str | None:
    head = data[:SNIFFED]
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):  # UTF-16: the ASCII of the markup is every other byte
        head = head.replace(b"\x00", b"")
    found = XML_ROOTS.search(head)
    return {b"xliff": "xliff", b"tmx": "tmx"}[found.group(1)] if found else None


def loader_for(format_name: str) -> Loader:
    """The loader of a format, imported on first use (Markdown and HTML parsers are not small)."""
    module, _suffixes = FORMATS[format_name]
    return importlib.import_module(module).load


def load_path(path: Path, display: str, options: LoadOptions = LoadOptions()) -> Document:
    return load_bytes(read_regular_file(path), display, options)


def read_regular_file(path: Path | str, limit: int = MAX_BYTES) -> bytes:
    """The bytes of a regular file of at most `limit` bytes; InputError says why not.

    The type is checked before opening (opening a FIFO blocks, a device may act) and
    again on the open file, and the cap counts the bytes read, not the size the file
    claims: `/dev/zero` or a file still growing cannot make us read more.
    """
    try:
        _require_regular(os.stat(path).st_mode)
        descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
        with os.fdopen(descriptor, "rb") as stream:
            _require_regular(os.fstat(descriptor).st_mode)
            data = stream.read(limit + 1)
    except OSError as error:
        raise InputError(os_reason(error)) from None
    return _capped(data, limit)


def read_utf8_file(path: Path | str, limit: int = MAX_BYTES) -> str:
    """A regular file's text, for lists and settings; InputError says what is wrong, never what is in it.

    A configuration may point at any file (`/etc/passwd`), so no message quotes its content.
    """
    data = read_regular_file(path, limit)
    try:
        return data.decode("utf-8-sig")  # an editor's byte-order mark is no error
    except UnicodeDecodeError as error:
        raise InputError(f"not UTF-8 text (byte 0x{data[error.start]:02x} at offset {error.start})") from None


def read_stream(stream: BinaryIO | None, limit: int = MAX_BYTES) -> bytes:
    """At most `limit` bytes of a stream (standard input); InputError when there are more."""
    if stream is None:
        raise InputError("closed")
    try:
        return _capped(stream.read(limit + 1), limit)
    except OSError as error:
        raise InputError(os_reason(error)) from None


def _capped(data: bytes, limit: int) -> bytes:
    if len(data) > limit:
        raise InputError(f"too large (more than {limit:,} bytes)")
    return data


FILE_TYPES = (
    (stat.S_ISDIR, "a folder"),
    (stat.S_ISFIFO, "a named pipe (FIFO)"),
    (stat.S_ISSOCK, "a socket"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
)


def file_type(mode: int) -> str:
    """What a non-regular file is, in words."""
    return next((name for is_type, name in FILE_TYPES if is_type(mode)), "a special file")


def _require_regular(mode: int) -> None:
    if not stat.S_ISREG(mode):
        raise InputError(f"{file_type(mode)}, not a regular file")


def os_reason(error: OSError) -> str:
    """An OSError as a user reads it: `symbolic link loop`, `No such file or directory`."""
    if error.errno == errno.ELOOP:
        return "symbolic link loop"
    return error.strerror or str(error)


def load_bytes(data: bytes, display: str, options: LoadOptions = LoadOptions()) -> Document:
    if not data.strip():
        raise InputError("file is empty" if not data else "file contains only white space")
    return loader_for(format_of(display, options, data))(data, display, options)
