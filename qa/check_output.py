"""Where `mtqa check` and `mtqa report` put a run's results: the chosen format, the HTML report.

A file that cannot be written is a UsageError naming it (exit 2); a reader that stops reading
standard output early is not an error.
"""

from __future__ import annotations

import os
import sys
from contextlib import nullcontext
from functools import partial
from pathlib import Path
from typing import Any, TextIO

from qa.catalogue import Catalogue
from qa.check_run import Run, RunRequest
from qa.config_file import Config
from qa.errors import UsageError
from qa.output import Renderer
from qa.stdout import silence_stdout


def write_findings(done: Run, format: str, output: str | None, *, quiet: bool, statistics: bool) -> None:
    """The results in `format` (or counted by rule, for --statistics) to `output`, else stdout."""
    from qa.output import renderer

    render = _given_the_threshold(renderer(format, quiet=quiet, statistics=statistics), done)
    try:
        with open(output, "w", encoding="utf-8") if output else nullcontext(sys.stdout) as out:
            render(done.results, done.catalogue, out)
    except BrokenPipeError:
        silence_stdout()
    except OSError as error:
        raise UsageError(f"{output}: cannot write output: {error.strerror or error}") from None


def stream_findings(
    catalogue: Catalogue, config: Config, request: RunRequest, output: str | None, files_per_part: int = 10_000
) -> Run:
    """`--format jsonl`: each record written as soon as it is known, to `output` or stdout; an
    `output` that names a folder (`DIR/`, or one that exists) gets the stream in parts."""
    from qa.check_run import stream_run
    from qa.output.jsonl import JsonLines

    try:
        with _jsonl_output(output, files_per_part) as out:
            lines = JsonLines(out)
            done = stream_run(catalogue, config, request, lines)
            lines.finish(done.results, done.warnings)
    except BrokenPipeError:
        silence_stdout()
        raise UsageError("standard output was closed before the run ended") from None
    except FileExistsError as error:
        raise UsageError(str(error)) from None
    except OSError as error:
        raise UsageError(f"{output}: cannot write output: {error.strerror or error}") from None
    return done


def _jsonl_output(output: str | None, files_per_part: int) -> Any:
    """Standard output, a file, or a folder of parts (qa.output.jsonl_parts)."""
    from qa.output.jsonl_parts import PartFiles

    if output is None:
        return nullcontext(sys.stdout)
    if output.endswith(("/", os.sep)) or os.path.isdir(output):
        return PartFiles(Path(output), files_per_part)
    return open(output, "w", encoding="utf-8")


def _given_the_threshold(render: Renderer, done: Run) -> Renderer:
    """A renderer that takes a keyword `fail_on` (JUnit: which findings are failures) is given the
    run's `--fail-on`, so the output and the exit code draw the same line."""
    if "fail_on" in (getattr(render, "__kwdefaults__", None) or {}):
        return partial(render, fail_on=done.settings.fail_on)
    return render


def write_report(done: Run, folder: str, said_to: TextIO | None, *, open_index: bool) -> None:
    """A page per file and the index in `folder`, said on `said_to` (None: quietly); `open_index`
    opens the index in a browser."""
    from qa.report import write_reports

    try:
        written = write_reports(done.results, done.found.sources, done.rules, done.catalogue, Path(folder))
    except OSError as error:
        raise UsageError(f"{folder}: cannot write the report: {error.strerror or error}") from None
    if said_to is not None:
        pages = len(written.pages)
        print(f"Wrote {pages} page{'s' if pages != 1 else ''} and the index: {written.index}", file=said_to)
    if open_index:
        import webbrowser

        webbrowser.open(written.index.resolve().as_uri())
