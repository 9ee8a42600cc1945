"""Results for the output tests: real engine runs, one with a hostile file name and input errors."""

from __future__ import annotations

import dataclasses
import io
import subprocess
from collections.abc import Callable

import pytest

from qa.engine import Source, run
from qa.findings import FileResult, Results
from qa.output import renderer
from tests.conftest import ROOT
from tests.helpers import CATALOGUE

HOSTILE_PATH = "news, 50%: a<b>&c\nline two.txt"
DOUBLED = "The minister said there can be no No bargaining.\n"
CLEAN = "The minister said there can be no bargaining.\n"


def engine_results(files: dict[str, str]) -> Results:
    sources = [Source(name, data=text.encode("utf-8")) for name, text in files.items()]
    return run(sources, CATALOGUE.select(["duplicated-word"]))


@pytest.fixture
def hostile_results() -> Results:
    """A finding in a hostile file, a clean file, an unreadable file and a missing path."""
    results = engine_results({HOSTILE_PATH: DOUBLED, "clean.txt": CLEAN})
    unreadable = FileResult(path="bad, file:1.txt", error="cannot decode: byte 0xff\nat 3 & <here>")
    return dataclasses.replace(
        results, files=(*results.files, unreadable), errors=("missing.txt: no such file or directory",)
    )


@pytest.fixture
def render_text() -> Callable[[str, Results], str]:
    def render(format_name: str, results: Results) -> str:
        out = io.StringIO()
        renderer(format_name)(results, CATALOGUE, out)
        return out.getvalue()

    return render


def run_mtqa(mtqa: list[str], *args: str) -> subprocess.CompletedProcess[bytes]:
    """`mtqa check seeds ...` from the checkout root, so paths are `seeds/...`."""
    return subprocess.run(
        [*mtqa, "check", "seeds", *args], cwd=ROOT, capture_output=True, timeout=300, check=False
    )
