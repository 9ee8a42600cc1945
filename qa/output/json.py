"""The JSON contract of DESIGN.md: add fields, never rename or remove."""

from __future__ import annotations

import json
from typing import TextIO

from qa import __version__
from qa.catalogue import Catalogue
from qa.findings import Results


def to_dict(results: Results) -> dict[str, object]:
    return {
        "tool": {"name": "mtqa", "version": __version__},
        "files": [
            {
                "path": r.path,
                "words": r.words,
                "metrics": dict(r.metrics),
                "findings": [f.to_dict() for f in r.findings],
            }
            for r in results.checked
        ],
        "errors": [
            {"path": r.path, "message": message} for r in results.files for message in r.problems
        ]
        + [{"path": None, "message": message} for message in results.errors],
        "warnings": results.warnings,
        "summary": {
            "files": len(results.checked),
            "findings": len(results.findings),
            "by_severity": results.count_by_severity(),
            "by_rule": results.count_by_rule(),
        },
    }


def render(results: Results, catalogue: Catalogue, out: TextIO) -> None:
    json.dump(to_dict(results), out, ensure_ascii=False, indent=2)
    out.write("\n")
