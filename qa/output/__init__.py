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
    "sarif": "qa.output.sarif",
    "junit": "qa.output.junit",
    "github": "qa.output.github",
}


def renderer(name: str) -> Renderer:
    return importlib.import_module(FORMATTERS[name]).render
