"""Input formats: each loader turns a file's bytes into a Document, or raises InputError."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from qa.document import Document
from qa.errors import InputError
from qa.loaders import txt

LOADERS = {".txt": txt.load}
SUFFIXES = frozenset(LOADERS)
MAX_BYTES = 32 * 1024 * 1024
"""Larger inputs are refused: no prose file is that big, and the report would not be usable."""


@dataclass(frozen=True)
class LoadOptions:
    guess_encoding: bool = False
    """Read a file that is not Unicode in the legacy encoding charset-normalizer guesses, with a
    warning naming it; when False such a file is refused (exit 2)."""


def load_path(path: Path, display: str, options: LoadOptions = LoadOptions()) -> Document:
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise InputError(f"file is too large ({size:,} bytes; the limit is {MAX_BYTES:,})")
        data = path.read_bytes()
    except OSError as error:
        raise InputError(error.strerror or str(error)) from None
    return load_bytes(data, display, path.suffix.lower(), options)


def load_bytes(data: bytes, display: str, suffix: str = ".txt", options: LoadOptions = LoadOptions()) -> Document:
    if not data.strip():
        raise InputError("file is empty" if not data else "file contains only white space")
    loader = LOADERS.get(suffix, txt.load)
    return loader(data, display, options)
