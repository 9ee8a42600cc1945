"""Report file names from input paths: readable, unique, and always inside the output folder."""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from collections.abc import Sequence

UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")
MAX_STEM = 96
RESERVED = {"index"}


def report_names(paths: Sequence[str]) -> dict[str, str]:
    """A file name for each input path: `seeds/000.txt` -> `seeds_000.txt.html`.

    Paths that flatten to the same name (`a/x.txt`, `a_x.txt`; or the same name in
    another case, for case-insensitive file systems) get a short hash of the full
    path, so every name is unique and stable across runs. A file name's bytes that are
    not UTF-8 (lone surrogates in `path`) are hashed as themselves.
    """
    stems = {path: _stem(path) for path in paths}
    clashes = Counter(stem.lower() for stem in stems.values())
    names = {}
    for path, stem in stems.items():
        if clashes[stem.lower()] > 1 or stem.lower() in RESERVED:
            stem = f"{stem}-{hashlib.sha1(path.encode('utf-8', 'surrogateescape')).hexdigest()[:8]}"
        names[path] = f"{stem}.html"
    return names


def _stem(path: str) -> str:
    """Separators and unsafe characters become `_`; no leading dots, so no `..` or hidden files."""
    flat = UNSAFE.sub("_", path.replace("\\", "/").replace("/", "_")).strip("._") or "document"
    return flat[:MAX_STEM]
