"""What must hold for any input, as plain functions: the tests and benchmarks/fuzz.py share them.

Each raises AssertionError (or lets the escaped exception through) when the property fails.
"""

from __future__ import annotations

import io
import json
import re
import xml.etree.ElementTree as ET
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from qa.catalogue import Catalogue, Rule
from qa.document import Document
from qa.engine import Source, run
from qa.errors import InputError
from qa.findings import FileResult, Finding, Results
from qa.loaders import LoadOptions, load_bytes
from qa.output import renderer

LINE_BREAK = re.compile(r"\r\n|\r|\n")
"""What ends a line in a finding's line number: CRLF, CR and LF, as every output documents."""
TERMINAL_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
"""Characters that text output must not pass to a terminal: they move the cursor, recolour, retitle."""


@dataclass(frozen=True)
class Setup:
    """The rules `mtqa check` runs with no configuration, and their catalogue."""

    catalogue: Catalogue
    rules: tuple[Rule, ...]


@cache
def default_setup() -> Setup:
    """The bundled rules as the command line resolves them without a configuration file.

    The grammar rule stays in: without a LanguageTool server it reports itself not configured.
    """
    from qa.config_file import Config
    from qa.run_settings import load_catalogue, resolve_settings

    catalogue = load_catalogue(Config())
    return Setup(catalogue, tuple(resolve_settings(Config(), catalogue).rules))


def loaded(name: str, data: bytes, options: LoadOptions = LoadOptions()) -> Document | None:
    """The file's Document, or None when it is refused with an InputError; any other exception escapes."""
    try:
        document = load_bytes(data, name, options)
    except InputError as error:
        assert str(error) and "\n" not in str(error), f"an input error is one line: {error!r}"
        return None
    assert isinstance(document, Document)
    return document


def check_files(files: Sequence[tuple[str, bytes]]) -> Results:
    """The engine over the files: a result for each, findings placed where they are, outputs that parse."""
    setup = default_setup()
    results = run([Source(name, data=data) for name, data in files], setup.rules, catalogue=setup.catalogue)
    assert [result.path for result in results.files] == [name for name, _ in files]
    for result, (name, data) in zip(results.files, files):
        check_result(result, _document_if_any(name, data))
    check_outputs(results, setup.catalogue)
    return results


def _document_if_any(name: str, data: bytes) -> Document | None:
    """The file's Document, None on any failure to read it: the loader's own property is `loaded`'s."""
    try:
        return load_bytes(data, name)
    except Exception:  # noqa: BLE001 - the engine must have made any of these the file's error
        return None


def check_result(result: FileResult, document: Document | None) -> None:
    """A refused file has its error and nothing else; a read one has no crashed rule and findings in place."""
    if document is None:
        assert result.error and not result.findings, f"{result.path}: refused on loading, yet {result}"
        return
    assert result.error is None, f"{result.path}: the file loads, yet the engine says {result.error!r}"
    assert not result.rule_errors, f"{result.path}: {result.rule_errors[0]}"
    for finding in result.findings:
        check_placed(finding, document.source_text)


def check_placed(finding: Finding, source: str) -> None:
    """Offsets inside the file's text, and the line and column of each end are those offsets'."""
    assert 0 <= finding.start <= finding.end <= len(source), (
        f"offsets outside the text ({len(source)}): {finding}"
    )
    assert (finding.line, finding.column) == line_column(source, finding.start), f"start misplaced: {finding}"
    assert (finding.end_line, finding.end_column) == line_column(source, finding.end), (
        f"end misplaced: {finding}"
    )


def line_column(source: str, offset: int) -> tuple[int, int]:
    """1-based line and column of an offset, counted afresh (not with Document's own index)."""
    line, line_start = 1, 0
    for match in LINE_BREAK.finditer(source):
        if match.end() > offset:
            break
        line, line_start = line + 1, match.end()
    return line, offset - line_start + 1


def rendered(results: Results, catalogue: Catalogue, name: str) -> str:
    out = io.StringIO()
    renderer(name)(results, catalogue, out)
    return out.getvalue()


def check_outputs(results: Results, catalogue: Catalogue) -> None:
    """JSON and SARIF load, JUnit is well-formed XML, text output carries no terminal controls."""
    reported = json.loads(rendered(results, catalogue, "json"))
    assert len(reported["files"]) == len(results.checked)
    assert json.loads(rendered(results, catalogue, "sarif"))["runs"]
    ET.fromstring(rendered(results, catalogue, "junit"))
    text = rendered(results, catalogue, "text")
    control = TERMINAL_CONTROL.search(text)
    assert control is None, f"text output passes {control.group()!r} to the terminal"
