"""One `check`, `report` or `fix` run, from a request to results: settings, inputs, engine, baseline.

What the command line asks for arrives as a RunRequest, so nothing here reads arguments or
prints: the command line shows the results, the warnings and the exit code a Run carries.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from qa.catalogue import Catalogue, Rule
from qa.config_file import Config
from qa.engine import Discovery, discover, run
from qa.findings import Results, Severity
from qa.run_settings import CommandLine, Settings, resolve_settings


@dataclass(frozen=True)
class RunRequest:
    """What the command line asks of a run."""

    paths: Sequence[str]
    command_line: CommandLine = field(default_factory=CommandLine)
    stdin_name: str | None = None
    jobs: int | None = None
    """Worker processes; None: one per core."""
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
    from qa.progress import progress_bar

    settings = resolve_settings(config, catalogue, request.command_line)
    if found is None:
        found = discover(
            request.paths,
            stdin_name=request.stdin_name,
            options=settings.load_options,
            excluded=settings.excluded,
        )
    results = run(
        found.sources,
        settings.rules,
        found.errors,
        skipped=found.warnings,
        rules_for=settings.rules_for,
        jobs=request.jobs or _cores(),
        progress=progress_bar(sys.stderr) if request.progress else None,
        catalogue=catalogue,
        measure=request.measure,
    )
    results, note = _baselined(results, request)
    return Run(catalogue, settings, found, results, note)


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
    counted = f"{hidden} finding{'s' if hidden != 1 else ''}"
    if request.write_baseline:
        return results, f"{request.write_baseline}: recorded {counted} in the baseline"
    return results, f"{counted} hidden by the baseline" if hidden else None


def _cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1
