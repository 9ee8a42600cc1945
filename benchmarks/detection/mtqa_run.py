"""Running mtqa as a user would: a subprocess printing the JSON contract."""

from __future__ import annotations

import json
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from benchmarks.detection.corpus import ROOT

BLOCKING = ("error", "warning")


@dataclass(frozen=True)
class Finding:
    rule: str
    severity: str
    start: int
    end: int
    excerpt: str

    @classmethod
    def from_json(cls, data: dict) -> Finding:
        return cls(data["rule"], data["severity"], data["start"], data["end"], data.get("excerpt") or "")


@dataclass(frozen=True)
class CheckedFile:
    path: str
    words: int
    findings: list[Finding]


def check(paths: list[Path], select: str | None = None) -> list[CheckedFile]:
    """``python -m qa check PATHS --format json --jobs 2`` with the default rules (or ``--select``)."""
    command = [
        sys.executable,
        "-m",
        "qa",
        "check",
        *map(str, paths),
        "--format",
        "json",
        "--jobs",
        "2",
        "--fail-on",
        "never",
        "--no-config",
    ]
    if select:
        command += ["--select", select]
    result = subprocess.run(command, check=False, cwd=ROOT, capture_output=True, text=True, encoding="utf-8")
    if result.returncode != 0:
        raise RuntimeError(f"mtqa failed ({result.returncode}): {result.stderr.strip()}")
    report = json.loads(result.stdout)
    return [
        CheckedFile(f["path"], f["words"], [Finding.from_json(x) for x in f["findings"]])
        for f in report["files"]
    ]
