"""The baseline: findings recorded once (`--write-baseline`) and not reported again (`--baseline`).

A finding is known by its rule, its file (as displayed) and a fingerprint of its excerpt: the
flagged text with a few words either side, white space normalised. Never by line or offset,
so text added or removed elsewhere in the file does not bring a finding back, while an edit to
the flagged text or next to it does. Counts matter: an entry hides one finding, so a second
copy of a recorded mistake in the same file is new.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from dataclasses import replace
from pathlib import Path

from qa.errors import InputError, UsageError
from qa.findings import FileResult, Finding, Results
from qa.loaders import read_regular_file

VERSION = 1
FINGERPRINT_LENGTH = 16
"""Hex digits of sha256 kept: short enough to read, far too many to collide within a file and rule."""

MAX_BASELINE_BYTES = 128 * 1024 * 1024
"""An entry takes some 200 bytes: over half a million findings fit."""

Key = tuple[str, str, str]
"""(path, rule, fingerprint)."""


def fingerprint(finding: Finding) -> str:
    """What identifies a finding across edits: its excerpt, not its place, which other edits move."""
    excerpt = " ".join(finding.excerpt.split())
    return hashlib.sha256(excerpt.encode("utf-8")).hexdigest()[:FINGERPRINT_LENGTH]


def key(finding: Finding) -> Key:
    return finding.path, finding.rule, fingerprint(finding)


def write(path: Path, results: Results) -> Counter[Key]:
    """Record every finding in `path`, sorted so that a rewrite changes only what changed."""
    entries = sorted(
        (
            {"rule": f.rule, "path": f.path, "fingerprint": fingerprint(f), "excerpt": f.excerpt}
            for f in results.findings
        ),
        key=lambda entry: (entry["path"], entry["rule"], entry["fingerprint"], entry["excerpt"]),
    )
    text = json.dumps({"version": VERSION, "findings": entries}, ensure_ascii=False, indent=2) + "\n"
    try:
        path.write_text(text, encoding="utf-8")
    except OSError as error:
        raise UsageError(f"{path}: cannot write the baseline: {error.strerror or error}") from None
    return Counter(key(f) for f in results.findings)


def read(path: Path) -> Counter[Key]:
    """The entries of a baseline file; UsageError naming the file if it cannot be used."""
    try:
        data = json.loads(read_regular_file(path, MAX_BASELINE_BYTES).decode("utf-8"))
    except InputError as error:
        raise UsageError(f"{path}: cannot read the baseline: {error}") from None
    except RecursionError:
        raise UsageError(f"{path}: not a baseline file: JSON nested too deeply") from None
    except ValueError as error:  # not UTF-8, or not JSON
        raise UsageError(f"{path}: not a baseline file: {error}") from None
    if (
        not isinstance(data, dict)
        or data.get("version") != VERSION
        or not isinstance(data.get("findings"), list)
    ):
        raise UsageError(
            f'{path}: not a baseline file: expected an object with "version": {VERSION} and "findings"'
        )
    known: Counter[Key] = Counter()
    for number, entry in enumerate(data["findings"], start=1):
        fields = [
            entry.get(name) if isinstance(entry, dict) else None for name in ("path", "rule", "fingerprint")
        ]
        if not all(isinstance(value, str) for value in fields):
            raise UsageError(f'{path}: finding {number} needs "path", "rule" and "fingerprint" as text')
        known[tuple(fields)] += 1
    return known


def hide(results: Results, known: Counter[Key]) -> tuple[Results, int]:
    """The results less the findings in the baseline, each entry hiding one; and how many were hidden."""
    left = Counter(known)
    files = [hide_in(result, left) for result in results.files]
    hidden = len(results.findings) - sum(len(r.findings) for r in files)
    return replace(results, files=tuple(files)), hidden


def hide_in(result: FileResult, left: Counter[Key]) -> FileResult:
    """One file's result less the findings `left` still holds, each entry used up as it hides one:
    a streamed run passes its files one by one with the same counter."""
    kept = []
    for finding in result.findings:
        found = key(finding)
        if left[found]:
            left[found] -= 1
        else:
            kept.append(finding)
    return replace(result, findings=tuple(kept))
