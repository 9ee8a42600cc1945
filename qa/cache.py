"""Tables built from libraries' data (CLDR names, dictionaries), kept on disk between runs.

Building them is most of a one-file run's start-up (Babel's month and weekday names of
sixteen locales take 0.16 s); reading them back takes milliseconds. A table is stored under
a fingerprint of everything it was built from: the function's name and arguments, the source
of its module, mtqa's version and the versions of the libraries it reads. A change to any of
them builds the table anew, so a stale table is never used. `read` and `write` serve a
caller that judges freshness itself: the rule catalogue, by the stamps of the files it read.

The folder is `$MTQA_CACHE_DIR`, else `$XDG_CACHE_HOME/mtqa`, else `~/.cache/mtqa`; an empty
`MTQA_CACHE_DIR` turns the cache off. A folder that cannot be written, or a file that
cannot be read, only costs the time to build: the cache is never a reason to fail.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import re
import sys
from collections.abc import Callable
from functools import cache, wraps
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
            if cache_folder() is None:
                return build(*arguments)
            fingerprint = key(*arguments, libraries=libraries, source=_module_source(build.__module__))
            name = f"{build.__module__}.{build.__qualname__}-{fingerprint}"
            found = read(name)
            if found is not None:
                return found
            table = build(*arguments)
            write(name, table)
            return table

        return stored

    return decorate


def cache_folder() -> Path | None:
    configured = os.environ.get("MTQA_CACHE_DIR")
    if configured is not None:
        return Path(configured) if configured else None
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "mtqa"


def key(*parts: Any, libraries: tuple[str, ...] = (), source: bytes = b"") -> str:
    """A fingerprint of `parts` (with a stable repr), `source` and the versions of mtqa and `libraries`."""
    digest = hashlib.sha256(repr((FORMAT, parts, _versions(("mtqa", *libraries)))).encode())
    digest.update(source)
    return digest.hexdigest()[:24]


@cache
def _versions(names: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(_installed_versions().get(_normalized(name)) or _version_by_metadata(name) for name in names)


@cache
def _installed_versions() -> dict[str, str]:
    """Each distribution's version, read from its folder's name (`babel-2.19.0.dist-info`), first on
    the path first, as importlib.metadata finds them: importing that costs a one-file run over 10 ms."""
    found: dict[str, str] = {}
    for folder in sys.path:
        try:
            entries = os.listdir(folder or ".")
        except OSError:  # a zip file, a folder that is gone
            continue
        for entry in entries:
            if entry.endswith(".dist-info"):
                name, _, version = entry.removesuffix(".dist-info").partition("-")
                found.setdefault(_normalized(name), version)
    return found


def _normalized(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _version_by_metadata(name: str) -> str:
    """For what the folder names do not show (an egg-info install); "-" for a library not installed."""
    from importlib import metadata

    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return "-"


@cache
def _module_source(module: str) -> bytes:
    try:
        return Path(sys.modules[module].__file__ or "").read_bytes()
    except (KeyError, OSError):
        return b""


def read(name: str) -> Any:
    """The value stored under `name`, or None: no cache, missing, unreadable, truncated or not
    a value of this code."""
    folder = cache_folder()
    if folder is None:
        return None
    try:
        with (folder / name).open("rb") as stream:
            return pickle.load(stream)
    except Exception:  # noqa: BLE001 - whatever is wrong with the file, building afresh repairs it
        return None


def write(name: str, value: Any) -> None:
    """Store `value` under `name`, whole or not at all: a parallel run reads either no file or
    the complete one."""
    import tempfile

    folder = cache_folder()
    if folder is None:
        return
    try:
        folder.mkdir(parents=True, exist_ok=True)
        descriptor, temporary = tempfile.mkstemp(dir=folder, prefix=".tmp-")
    except OSError:
        return
    try:
        with os.fdopen(descriptor, "wb") as stream:
            pickle.dump(value, stream, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(temporary, folder / name)
    except Exception:  # noqa: BLE001 - a full disk, or a table pickle cannot store (AttributeError, TypeError)
        Path(temporary).unlink(missing_ok=True)
