"""Output formats: one module each, every module exposing `render(results, catalogue, out)`."""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import TextIO

from qa.catalogue import Catalogue
from qa.findings import Results

Renderer = Callable[[Results, Catalogue, TextIO], None]

FORMATTERS: dict[str, str] = {
    "text": "qa.output.text",
    "json": "qa.output.json",
    "jsonl": "qa.output.jsonl",
    "sarif": "qa.output.sarif",
    "junit": "qa.output.junit",
    "github": "qa.output.github",
}


def renderer(name: str, *, quiet: bool = False, statistics: bool = False) -> Renderer:
    """The `--format` renderer; `--statistics` counts by rule instead, `--quiet` drops the text summary."""
    if statistics:
        from qa.output import statistics as by_rule

        return by_rule.render_json if name == "json" else by_rule.render
    if quiet and name == "text":
        from qa.output.text import render_findings

        return render_findings
    return importlib.import_module(FORMATTERS[name]).render
