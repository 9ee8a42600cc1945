"""Tables built from libraries' data (CLDR names, dictionaries), kept on disk between runs.

Building them is most of a one-file run's start-up (Babel's month and weekday names of
sixteen locales take 0.16 s); reading them back takes milliseconds. A table is stored under
a fingerprint of everything it was built from: the function's name and arguments, the source
of its module, mtqa's version and the versions of the libraries it reads. A change to any of
them builds the table anew, so a stale table is never used.

The folder is `$MTQA_CACHE_DIR`, else `$XDG_CACHE_HOME/mtqa`, else `~/.cache/mtqa`; an empty
`MTQA_CACHE_DIR` turns the cache off. A folder that cannot be written, or a file that
cannot be read, only costs the time to build: the cache is never a reason to fail.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import sys
import tempfile
from collections.abc import Callable
from functools import cache, wraps
from importlib import metadata
from pathlib import Path
from typing import Any, TypeVar

T = TypeVar("T")

FORMAT = 1
"""Bump when the way tables are stored changes."""


def on_disk(*libraries: str) -> Callable[[Callable[..., T]], Callable[..., T]]:
    """Keep the function's result on disk, keyed by its arguments (hashable, with a stable repr)."""

    def decorate(build: Callable[..., T]) -> Callable[..., T]:
        @wraps(build)
        def stored(*arguments: Any) -> T:
            folder = cache_folder()
            if folder is None:
                return build(*arguments)
            path = (
                folder
                / f"{build.__module__}.{build.__qualname__}-{_fingerprint(build, arguments, libraries)}"
            )
            found = _read(path)
            if found is not None:
                return found
            table = build(*arguments)
            _write(path, table)
            return table

        return stored

    return decorate


def cache_folder() -> Path | None:
    configured = os.environ.get("MTQA_CACHE_DIR")
    if configured is not None:
        return Path(configured) if configured else None
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "mtqa"


def _fingerprint(build: Callable[..., Any], arguments: tuple[Any, ...], libraries: tuple[str, ...]) -> str:
    digest = hashlib.sha256(repr((FORMAT, arguments, _versions(("mtqa", *libraries)))).encode())
    digest.update(_module_source(build.__module__))
    return digest.hexdigest()[:24]


@cache
def _versions(names: tuple[str, ...]) -> tuple[str, ...]:
    found = []
    for name in names:
        try:
            found.append(metadata.version(name))
        except metadata.PackageNotFoundError:
            found.append("-")
    return tuple(found)


@cache
def _module_source(module: str) -> bytes:
    try:
        return Path(sys.modules[module].__file__ or "").read_bytes()
    except (KeyError, OSError):
        return b""


def _read(path: Path) -> Any:
    """The stored table, or None: missing, unreadable, truncated or not a table of this code."""
    try:
        with path.open("rb") as stream:
            return pickle.load(stream)
    except Exception:  # noqa: BLE001 - whatever is wrong with the file, building afresh repairs it
        return None


def _write(path: Path, table: Any) -> None:
    """Write whole or not at all: a parallel run reads either no file or the complete one."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        descriptor, temporary = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
    except OSError:
        return
    try:
        with os.fdopen(descriptor, "wb") as stream:
            pickle.dump(table, stream, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(temporary, path)
    except Exception:  # noqa: BLE001 - a full disk, or a table pickle cannot store (AttributeError, TypeError)
        Path(temporary).unlink(missing_ok=True)
