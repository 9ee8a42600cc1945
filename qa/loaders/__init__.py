"""Input formats: each loader turns a file's bytes into a Document, or raises InputError."""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from qa.document import Document
from qa.errors import InputError

FORMATS: dict[str, tuple[str, tuple[str, ...]]] = {
    "txt": ("qa.loaders.txt", (".txt", ".text")),
    "docx": ("qa.loaders.docx", (".docx",)),
    "html": ("qa.loaders.html", (".html", ".htm", ".xhtml")),
    "md": ("qa.loaders.markdown", (".md", ".markdown")),
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

    def format_for_suffix(self, suffix: str) -> str | None:
        """The format of a file name ending, configured endings first; None for an ending no format reads."""
        return dict(self.formats).get(suffix) or SUFFIXES.get(suffix)


def format_of(display: str, options: LoadOptions) -> str:
    """The format named by the options, or by the file's ending; plain text for any other ending."""
    return options.format or options.format_for_suffix(Path(display).suffix.lower()) or DEFAULT_FORMAT


def loader_for(format_name: str) -> Loader:
    """The loader of a format, imported on first use (Markdown and HTML parsers are not small)."""
    module, _suffixes = FORMATS[format_name]
    return importlib.import_module(module).load


def load_path(path: Path, display: str, options: LoadOptions = LoadOptions()) -> Document:
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise InputError(f"file is too large ({size:,} bytes; the limit is {MAX_BYTES:,})")
        data = path.read_bytes()
    except OSError as error:
        raise InputError(error.strerror or str(error)) from None
    return load_bytes(data, display, options)


def load_bytes(data: bytes, display: str, options: LoadOptions = LoadOptions()) -> Document:
    if not data.strip():
        raise InputError("file is empty" if not data else "file contains only white space")
    return loader_for(format_of(display, options))(data, display, options)
