"""The JSON contract of DESIGN.md: add fields, never rename or remove."""

from __future__ import annotations

import json
import re
from typing import Any, TextIO

from qa import __version__
from qa.catalogue import Catalogue
from qa.findings import FileResult, Results

LONE_SURROGATES = {code: f"\\u{code:04x}" for code in range(0xD800, 0xE000)}
LONE_SURROGATE = re.compile("[\ud800-\udfff]")
"""Found first: translating megabytes of output costs seconds, and a file name that is not UTF-8 is rare."""


def to_dict(results: Results) -> dict[str, object]:
    return {
        "tool": {"name": "mtqa", "version": __version__},
        "files": [file_entry(r) for r in results.checked],
        "errors": [{"path": r.path, "message": message} for r in results.files for message in r.problems]
        + [{"path": None, "message": message} for message in results.errors],
        "warnings": results.warnings,
        "cross_file": results.referenced_cross_file(),
        "summary": {
            "files": len(results.checked),
            "findings": len(results.findings),
            "by_severity": results.count_by_severity(),
            "by_rule": results.count_by_rule(),
        },
    }


def file_entry(result: FileResult) -> dict[str, object]:
    """A checked file's entry: its path, words, metrics and findings."""
    return {
        "path": result.path,
        "words": result.words,
        "metrics": dict(result.metrics),
        "findings": [f.to_dict() for f in result.findings],
    }


def render(results: Results, catalogue: Catalogue, out: TextIO) -> None:
    out.write(dumps(to_dict(results)))
    out.write("\n")


def dumps(document: Any, *, one_line: bool = False) -> str:
    """JSON text that is UTF-8 whatever a file's name: its bytes that are not UTF-8 (lone
    surrogates in the path) become `\\udcff` escapes, which read back as the same path.
    `one_line`: compact, for a JSON Lines record."""
    if one_line:
        text = json.dumps(document, ensure_ascii=False, separators=(",", ":"))
    else:
        text = json.dumps(document, ensure_ascii=False, indent=2)
    return text.translate(LONE_SURROGATES) if LONE_SURROGATE.search(text) else text
