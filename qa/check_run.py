"""One `check`, `report` or `fix` run, from a request to results: settings, inputs, engine, baseline.

What the command line asks for arrives as a RunRequest, so nothing here reads arguments or
prints: the command line shows the results, the warnings and the exit code a Run carries.
"""

from __future__ import annotations

import os
import sys
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from qa.catalogue import Catalogue, Rule
from qa.config_file import Config
from qa.engine import Discovery, FileStream, RunStream, discover
from qa.errors import UsageError
from qa.findings import FileResult, Finding, Results, Severity
from qa.run_settings import CommandLine, Settings, resolve_settings

if TYPE_CHECKING:
    from qa.baseline import Key


@dataclass(frozen=True)
class RunRequest:
    """What the command line asks of a run."""

    paths: Sequence[str]
    command_line: CommandLine = field(default_factory=CommandLine)
    stdin_name: str | None = None
    pairs: Sequence[tuple[str, str]] = ()
    """(source, target) plain-text files, line N of the target translating line N of the source."""
    jobs: int | None = None
    """Worker processes; None: one per core."""
    dask: str | None = None
    """Check on this Dask scheduler (an address, or 'local') instead of local worker processes."""
    progress: bool = True
    """Draw a progress bar on a terminal's standard error."""
    measure: bool = False
    """Compute readability figures (only the JSON and the HTML report show them)."""
    baseline: str | None = None
    """Leave out the findings this baseline file records."""
    write_baseline: str | None = None
    """Record every finding in this file first."""


@dataclass(frozen=True)
class Run:
    """What one run saw and found."""

    catalogue: Catalogue
    settings: Settings
    found: Discovery
    results: Results
    baseline_note: str | None = None
    """What the baseline hid or recorded, for standard error; None when there is nothing to say."""

    @property
    def rules(self) -> list[Rule]:
        return self.settings.rules

    @property
    def warnings(self) -> list[str]:
        """The run's warnings, and why a rule named in the selection was not set up to run."""
        asked_for = self.settings.asked_for
        unset = [message for rule_id, message in self.results.not_configured.items() if rule_id in asked_for]
        return [*self.results.warnings, *unset]

    @property
    def grammar_missing(self) -> bool:
        """Whether a grammar rule that should have run did not (`--strict-grammar` makes it an error)."""
        grammar = {rule.id for rule in self.catalogue.rules if rule.check == "grammar"}
        asked_for = self.settings.asked_for
        missing = self.results.unavailable | {r for r in self.results.not_configured if r in asked_for}
        return bool(grammar & missing)

    @property
    def fails(self) -> bool:
        """Whether a finding reaches the `fail-on` severity."""
        worst, fail_on = self.results.worst_severity(), self.settings.fail_on
        return fail_on != "never" and worst is not None and worst >= Severity.parse(fail_on)


def check_run(
    catalogue: Catalogue, config: Config, request: RunRequest, found: Discovery | None = None
) -> Run:
    """Select the rules, find the inputs and check them; UsageError for a bad selection or option.

    `found` gives the inputs instead of the paths: `fix` checks its fixed text again.
    """
    settings, found, stream = start_stream(catalogue, config, request, found)
    results = stream.collect(found.errors, found.warnings)
    results, note = _baselined(results, request)
    return Run(catalogue, settings, found, results, note)


class Sink(Protocol):
    """Where a streamed run's results go as they come (qa.output.jsonl.JsonLines)."""

    def file(self, result: FileResult) -> None: ...

    def corpus(self, path: str, findings: tuple[Finding, ...]) -> None: ...

    def error(self, path: str, message: str) -> None: ...


def start_stream(
    catalogue: Catalogue, config: Config, request: RunRequest, found: Discovery | None = None
) -> tuple[Settings, Discovery, FileStream]:
    """The settings, the inputs (found from the request's paths unless given) and the run over them,
    not started: its files come as it is iterated (qa.engine.FileStream)."""
    settings = resolve_settings(config, catalogue, request.command_line)
    if found is None:
        found = find_inputs(request, settings)
    return settings, found, stream_over(found, settings, catalogue, request)


def find_inputs(request: RunRequest, settings: Settings) -> Discovery:
    """The files the request's paths and pairs name, read as the settings say."""
    return discover(
        request.paths,
        stdin_name=request.stdin_name,
        options=settings.load_options,
        excluded=settings.excluded,
        pairs=request.pairs,
    )


def stream_over(
    found: Discovery, settings: Settings, catalogue: Catalogue, request: RunRequest
) -> FileStream:
    """The run over the inputs found, here or on the request's Dask scheduler, not started."""
    from qa.progress import progress_bar

    progress = progress_bar(sys.stderr) if request.progress else None
    common = {
        "rules_for": settings.rules_for,
        "progress": progress,
        "catalogue": catalogue,
        "measure": request.measure,
    }
    if request.dask:
        return _dask().DaskStream(request.dask, found.sources, settings.rules, **common)
    return RunStream(found.sources, settings.rules, **common, jobs=request.jobs or _cores())


def _dask() -> Any:
    """qa.dask, or a UsageError saying how to install it (the dask extra is optional)."""
    try:
        from qa import dask
    except ImportError as error:
        raise UsageError(str(error)) from None
    return dask


def stream_run(catalogue: Catalogue, config: Config, request: RunRequest, sink: Sink) -> Run:
    """`check_run` for archives: each file's result goes to `sink` as soon as it is checked and is
    then let go; the corpus rules' findings follow. The Run keeps of each file only what the exit
    status and standard error need (its worst finding, its problems and warnings)."""
    if request.write_baseline:
        raise UsageError("--write-baseline needs every finding at once: use --format json with it")
    settings, found, stream = start_stream(catalogue, config, request)
    known = _known(request)
    exit_needs = _ExitNeeds()
    hidden = 0
    for result in stream.files():
        result, hid = _hidden(result, known)
        sink.file(result)
        exit_needs.add(result)
        hidden += hid
    tail = stream.finish()
    for path, findings in tail.findings.items():
        shown, hid = _hidden(FileResult(path, findings=findings), known)
        hidden += hid
        if shown.findings:
            sink.corpus(path, shown.findings)
            exit_needs.add(shown)
    for path, message in tail.unplaced.items():
        sink.error(path, message)
        exit_needs.add(FileResult(path, rule_errors=(message,)))
    results = tail.results(exit_needs.files(), found.errors, found.warnings)
    return Run(catalogue, settings, found, results, _hidden_note(hidden))


def _known(request: RunRequest) -> Counter[Key] | None:
    """The baseline's findings, to be used up file by file; None without a baseline."""
    from qa import baseline

    return Counter(baseline.read(Path(request.baseline))) if request.baseline else None


def _hidden(result: FileResult, known: Counter[Key] | None) -> tuple[FileResult, int]:
    """One file's result less the baseline's findings, and how many it hid."""
    if not known:
        return result, 0
    from qa import baseline

    shown = baseline.hide_in(result, known)
    return shown, len(result.findings) - len(shown.findings)


class _ExitNeeds:
    """What the exit status and standard error need of files already written — the worst finding of
    the run, and the files with problems or warnings — in memory that does not grow with the files."""

    def __init__(self) -> None:
        self.worst: Finding | None = None
        self.noted: list[FileResult] = []

    def add(self, result: FileResult) -> None:
        for finding in result.findings:
            if self.worst is None or finding.severity > self.worst.severity:
                self.worst = finding
        if result.problems or result.warnings:
            self.noted.append(replace(result, findings=(), metrics={}))

    def files(self) -> list[FileResult]:
        worst = [FileResult(self.worst.path, findings=(self.worst,))] if self.worst else []
        return [*self.noted, *worst]


def _baselined(results: Results, request: RunRequest) -> tuple[Results, str | None]:
    """The results less the findings of the baseline; --write-baseline first records them all."""
    if not (request.write_baseline or request.baseline):
        return results, None
    from qa import baseline

    if request.write_baseline:
        known = baseline.write(Path(request.write_baseline), results)
    else:
        known = baseline.read(Path(request.baseline))
    results, hidden = baseline.hide(results, known)
    if request.write_baseline:
        return results, f"{request.write_baseline}: recorded {_findings(hidden)} in the baseline"
    return results, _hidden_note(hidden)


def _hidden_note(hidden: int) -> str | None:
    """What standard error says of the findings a baseline hid; None when it hid none."""
    return f"{_findings(hidden)} hidden by the baseline" if hidden else None


def _findings(count: int) -> str:
    return f"{count} finding{'s' if count != 1 else ''}"


def _cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1
