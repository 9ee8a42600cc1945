"""Path globs as in .gitignore: `*` stays within a folder, `**` crosses folders, and a
pattern without a slash matches a file or folder name at any depth.

A pattern matches a path when it matches the path itself or one of its folders, so
`drafts` and `drafts/**` both take in everything below `drafts/`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache
from pathlib import PurePosixPath


@lru_cache(maxsize=512)
def _compile(pattern: str) -> re.Pattern[str]:
    out, i = [], 0
    while i < len(pattern):
        if pattern.startswith("**/", i):
            out.append("(?:.*/)?")
            i += 3
        elif pattern.startswith("**", i):
            out.append(".*")
            i += 2
        elif pattern[i] == "*":
            out.append("[^/]*")
            i += 1
        elif pattern[i] == "?":
            out.append("[^/]")
            i += 1
        elif pattern[i] == "[" and "]" in pattern[i + 2 :]:
            end = pattern.index("]", i + 2)
            body = pattern[i + 1 : end]
            out.append("[" + ("^" + body[1:] if body.startswith("!") else body).replace("\\", "\\\\") + "]")
            i = end + 1
        else:
            out.append(re.escape(pattern[i]))
            i += 1
    return re.compile("".join(out) + r"\Z")


def matches(pattern: str, relative: PurePosixPath) -> bool:
    """Whether a glob matches a path (relative to the folder the glob is written for)."""
    pattern = pattern.strip().rstrip("/")
    parts = relative.parts
    if "/" not in pattern:
        regex = _compile(pattern)
        return any(regex.match(part) for part in parts)
    regex = _compile(pattern.lstrip("/"))
    return any(regex.match("/".join(parts[: n + 1])) for n in range(len(parts)))


def any_matches(patterns: Iterable[str], relative: PurePosixPath) -> bool:
    return any(matches(pattern, relative) for pattern in patterns)
