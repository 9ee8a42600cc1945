"""The command line: argument parsing and exit codes only."""

from __future__ import annotations

import argparse
import gc
import sys
from collections.abc import Sequence
from contextlib import nullcontext
from dataclasses import dataclass
from typing import TYPE_CHECKING, TextIO

from qa import __version__
from qa.config import FAIL_ON
from qa.output.text import visible

if TYPE_CHECKING:  # the modules behind these load on first use, keeping `mtqa --help` fast
    from qa.catalogue import Catalogue, Rule
    from qa.config import Config
    from qa.engine import Discovery
    from qa.findings import Results
    from qa.settings import Settings

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


def build_parser() -> argparse.ArgumentParser:
    from qa.output import FORMATTERS

    parser = argparse.ArgumentParser(
        prog="mtqa",
        description="Find machine-translation artifacts and text-quality problems in translated copy.",
    )
    parser.add_argument("--version", action="version", version=f"mtqa {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    check = commands.add_parser("check", help="check files and print findings")
    _add_run_arguments(check)
    _add_baseline_arguments(check)
    check.add_argument("--format", choices=sorted(FORMATTERS), default="text", help="output format")
    check.add_argument("--output", metavar="FILE", help="write the output to FILE instead of stdout")
    check.add_argument("--report", metavar="DIR", help="also write the HTML report into DIR")
    check.add_argument("--open", action="store_true", help="open the report's index in a browser")
    check.add_argument(
        "--quiet", action="store_true", help="print the findings only: no summary, no warnings"
    )
    check.add_argument(
        "--statistics",
        action="store_true",
        help="print how many findings each rule made instead of the findings",
    )

    report = commands.add_parser("report", help="write an HTML report per file and an index")
    _add_run_arguments(report)
    _add_baseline_arguments(report)
    report.add_argument(
        "--output-dir", metavar="DIR", default="reports", help="where to write (default: reports)"
    )
    report.add_argument("--open", action="store_true", help="open the index in a browser")

    fix = commands.add_parser("fix", help="apply the suggestions of the rules that are safe to fix")
    _add_run_arguments(fix)
    fix.add_argument("--diff", action="store_true", help="print a unified diff of the fixes; write nothing")
    fix.add_argument("--force", action="store_true", help="also rewrite read-only files")

    _add_config_arguments(commands.add_parser("rules", help="list the rule catalogue, one line a rule"))
    explain = commands.add_parser("explain", help="show what a rule checks, why, and examples")
    explain.add_argument("rule", metavar="RULE")
    _add_config_arguments(explain)
    config = commands.add_parser("config", help="print the effective configuration (for one file, if named)")
    config.add_argument("path", nargs="?", metavar="PATH", help="show the rules that run on this file")
    _add_config_arguments(config)
    return parser


def _add_config_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--config",
        metavar="FILE",
        help="use this configuration file (default: the nearest .mtqa.toml, or pyproject.toml with [tool.mtqa])",
    )
    parser.add_argument(
        "--no-config",
        action="store_true",
        help="ignore configuration files: built-in defaults and the command line only",
    )


def _add_run_arguments(parser: argparse.ArgumentParser) -> None:
    from qa.loaders import FORMATS

    _add_config_arguments(parser)
    parser.add_argument(
        "--jobs",
        type=_positive,
        metavar="N",
        help="check files in N processes (default: the number of cores)",
    )
    parser.add_argument("paths", nargs="+", metavar="PATH", help="files or folders to check; - reads stdin")
    parser.add_argument(
        "--select", type=_rule_list, default=[], metavar="RULE,...", help="run only these rules or groups"
    )
    parser.add_argument(
        "--ignore", type=_rule_list, default=[], metavar="RULE,...", help="do not run these rules or groups"
    )
    parser.add_argument(
        "--fail-on",
        choices=FAIL_ON,
        help="exit 1 when a finding has at least this severity (default: error, or the configuration's fail-on)",
    )
    parser.add_argument(
        "--stdin-filename",
        metavar="NAME",
        help="the name of standard input (`-`) in the output and for its format",
    )
    parser.add_argument(
        "--format-of",
        choices=sorted(FORMATS),
        metavar="FORMAT",
        help=f"read every input as this format ({', '.join(sorted(FORMATS))}); default: by file name ending",
    )
    parser.add_argument(
        "--guess-encoding",
        action="store_true",
        help="read files that are not Unicode in a guessed legacy encoding, with a warning (default: refuse them)",
    )
    parser.add_argument(
        "--strict-grammar",
        action="store_true",
        help="exit 2 when grammar checks are configured but cannot run (default: a warning)",
    )


def _add_baseline_arguments(parser: argparse.ArgumentParser) -> None:
    """For `check` and `report`; `fix` has none: it checks again after each round of fixes."""
    baseline = parser.add_mutually_exclusive_group()
    baseline.add_argument("--baseline", metavar="FILE", help="report only the findings not recorded in FILE")
    baseline.add_argument(
        "--write-baseline",
        metavar="FILE",
        help="record every finding in FILE, to be left out by --baseline FILE",
    )


def _positive(value: str) -> int:
    if not value.isdigit() or int(value) < 1:
        raise argparse.ArgumentTypeError(f"expected a whole number of at least 1, not {value!r}")
    return int(value)


def _rule_list(value: str) -> list[str]:
    return [name.strip() for name in value.split(",") if name.strip()]


EXIT_INTERRUPTED = 130
"""As a shell reports a command stopped by Ctrl-C."""
COLLECT_EVERY = 20_000
"""Allocations between garbage collections (Python's default: 700). A check makes millions of
small objects (words, spans) that live as long as their file and hold no cycles; collecting less
often saves about 7% of a megabyte's CPU, and memory stays the same."""


def main(argv: Sequence[str] | None = None) -> int:
    gc.set_threshold(COLLECT_EVERY, *gc.get_threshold()[1:])
    try:
        return run_command(argv)
    except KeyboardInterrupt:
        print("mtqa: interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED


def run_command(argv: Sequence[str] | None = None) -> int:
    arguments = build_parser().parse_args(argv)
    from qa.catalogue import CatalogueError
    from qa.config import Config, ConfigError, load_config
    from qa.settings import load_catalogue

    try:
        config = Config() if arguments.no_config else load_config(arguments.config)
        catalogue = load_catalogue(config)
    except (ConfigError, CatalogueError) as error:
        return _fail(str(error))
    if arguments.command == "rules":
        return list_rules(catalogue, sys.stdout)
    if arguments.command == "explain":
        return explain_rule(catalogue, config, arguments, sys.stdout)
    if arguments.command == "config":
        return show_config(catalogue, config, arguments, sys.stdout)
    if arguments.command == "fix":
        return fix(catalogue, config, arguments)
    return check(catalogue, config, arguments)  # `check` and `report` share the run


@dataclass(frozen=True)
class Run:
    """What one `check`, `report` or `fix` run saw and found."""

    catalogue: Catalogue
    settings: Settings
    rules: list[Rule]
    found: Discovery
    results: Results


def execute(
    catalogue: Catalogue, config: Config, arguments: argparse.Namespace, found: Discovery | None = None
) -> Run:
    """Select the rules, find the inputs and check them; UsageError for a bad selection or option.

    `found` gives the inputs instead of the paths: `fix` checks its fixed text again.
    """
    from qa.engine import discover, run
    from qa.progress import progress_bar

    settings = _settings(catalogue, config, arguments)
    if found is None:
        found = discover(
            arguments.paths,
            stdin_name=arguments.stdin_filename,
            options=settings.load_options,
            excluded=settings.excluded,
        )
    jobs = arguments.jobs or _cores()
    progress = None if getattr(arguments, "quiet", False) else progress_bar(sys.stderr)
    results = run(
        found.sources,
        settings.rules,
        found.errors,
        skipped=found.warnings,
        rules_for=settings.rules_for,
        jobs=jobs,
        progress=progress,
        catalogue=catalogue,
        measure=_shows_metrics(arguments),
    )
    return Run(catalogue, settings, settings.rules, found, _baselined(results, arguments))


def _shows_metrics(arguments: argparse.Namespace) -> bool:
    """Only the JSON and the HTML report show readability figures; text runs skip computing them."""
    wants_json = getattr(arguments, "format", None) == "json" and not getattr(arguments, "statistics", False)
    return wants_json or arguments.command == "report" or bool(getattr(arguments, "report", None))


def _baselined(results: Results, arguments: argparse.Namespace) -> Results:
    """The results less the findings of the baseline; --write-baseline first records them all."""
    from pathlib import Path

    from qa import baseline

    write, read = getattr(arguments, "write_baseline", None), getattr(arguments, "baseline", None)
    if not (write or read):
        return results
    known = baseline.write(Path(write), results) if write else baseline.read(Path(read))
    results, hidden = baseline.hide(results, known)
    if not getattr(arguments, "quiet", False):
        counted = f"{hidden} finding{'s' if hidden != 1 else ''}"
        message = (
            f"{write}: recorded {counted} in the baseline" if write else f"{counted} hidden by the baseline"
        )
        if write or hidden:
            print(f"mtqa: {visible(message)}", file=sys.stderr)
    return results


def _settings(catalogue: Catalogue, config: Config, arguments: argparse.Namespace) -> Settings:
    """The configuration file and the command line, resolved against the catalogue."""
    from qa.settings import CommandLine, resolve_settings

    command_line = CommandLine(
        select=getattr(arguments, "select", None),
        ignore=getattr(arguments, "ignore", ()),
        fail_on=getattr(arguments, "fail_on", None),
        guess_encoding=getattr(arguments, "guess_encoding", False),
        format_of=getattr(arguments, "format_of", None),
    )
    return resolve_settings(config, catalogue, command_line)


def _cores() -> int:
    import os

    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def check(catalogue: Catalogue, config: Config, arguments: argparse.Namespace) -> int:
    from pathlib import Path

    from qa.errors import UsageError
    from qa.output import renderer

    quiet, statistics = getattr(arguments, "quiet", False), getattr(arguments, "statistics", False)
    if statistics and arguments.format not in ("text", "json"):
        return _fail(f"--statistics prints text or json, not {arguments.format}")
    try:
        done = execute(catalogue, config, arguments)
    except UsageError as error:
        return _fail(str(error))
    results = done.results
    if arguments.command == "check":
        try:
            with _open_output(arguments.output) as out:
                renderer(arguments.format, quiet=quiet, statistics=statistics)(results, catalogue, out)
        except BrokenPipeError:
            _silence_stdout()  # the reader went away (`mtqa check … | head`): not an error of ours
        except OSError as error:
            return _fail(f"{arguments.output}: cannot write output: {error.strerror or error}")
    report_folder = arguments.output_dir if arguments.command == "report" else arguments.report
    if report_folder:
        from qa.report import write_reports

        try:
            written = write_reports(results, done.found.sources, done.rules, catalogue, Path(report_folder))
        except OSError as error:
            return _fail(f"{report_folder}: cannot write the report: {error.strerror or error}")
        # `check` keeps stdout for its findings (JSON must stay parseable); `report` has nothing else to say.
        stream = sys.stdout if arguments.command == "report" else sys.stderr
        pages = len(written.pages)
        if not quiet:
            print(
                f"Wrote {pages} page{'s' if pages != 1 else ''} and the index: {written.index}", file=stream
            )
        if arguments.open:
            import webbrowser

            webbrowser.open(written.index.resolve().as_uri())
    return exit_code(done, arguments)


def fix(catalogue: Catalogue, config: Config, arguments: argparse.Namespace) -> int:
    """Apply the safe fixes until none is left and write the files (standard input: to stdout), or
    print them as a diff (`--diff`: exit 1 when there is one); else exit on what is left, as `check`."""
    from dataclasses import replace

    from qa.errors import UsageError
    from qa.fix import Fixer, summary, unified_diff, write_atomically

    try:
        done = execute(catalogue, config, arguments)
        safe = {rule.id for rule in catalogue.rules if rule.safe_fix}
        fixer = Fixer(
            done.found.sources,
            safe,
            lambda sources: (
                execute(catalogue, config, arguments, replace(done.found, sources=sources)).results
            ),
        )
        results = fixer.run(done.results)
    except UsageError as error:
        return _fail(str(error))
    unsafe = [rule.id for rule in done.rules if not rule.safe_fix]
    if arguments.select and unsafe:
        print(f"mtqa: note: not safe to fix, only checked: {', '.join(unsafe)}", file=sys.stderr)
    changed, errors = [], fixer.errors
    for fixed in fixer.changed:
        try:
            if arguments.diff:
                sys.stdout.write(unified_diff(fixed.source.display, fixed.before, fixed.after))
            elif fixed.source.path is not None:
                write_atomically(fixed.source.path, fixed.data, force=arguments.force)
            changed.append(fixed)
        except BrokenPipeError:
            _silence_stdout()  # `mtqa fix --diff | head`: the reader has seen enough
            changed.append(fixed)
        except OSError as error:
            errors.append(f"{fixed.source.display}: cannot write: {error.strerror or error}")
    for source in done.found.sources:
        if source.path is None and not arguments.diff:  # standard input: the text, fixed or not, to stdout
            fixed = fixer.fixed.get(source.display)
            sys.stdout.buffer.write(fixed.data if fixed else source.data)
    if not arguments.diff and all(source.path is not None for source in done.found.sources):
        from qa.output.text import render_findings

        try:
            render_findings(results, catalogue, sys.stdout)  # what is left for an editor, as `check` shows it
        except BrokenPipeError:
            _silence_stdout()
    for note in fixer.notes:
        print(f"mtqa: note: {visible(note)}", file=sys.stderr)
    print(summary(changed, fixer.left, would=arguments.diff), file=sys.stderr)
    code = exit_code(replace(done, results=replace(results, errors=(*results.errors, *errors))), arguments)
    if arguments.diff and code != EXIT_ERROR:
        return EXIT_FINDINGS if changed else EXIT_CLEAN
    return code


def exit_code(done: Run, arguments: argparse.Namespace) -> int:
    """Print the run's warnings and input errors on stderr; 2 for those errors, else by --fail-on."""
    from qa.findings import Severity

    results = done.results
    asked_for = done.settings.asked_for
    unset = [message for rule_id, message in results.not_configured.items() if rule_id in asked_for]
    if not getattr(arguments, "quiet", False):  # `check --quiet`: errors only
        for message in [*results.warnings, *unset]:
            print(f"mtqa: warning: {visible(message)}", file=sys.stderr)
    for message in results.input_errors:
        print(f"mtqa: error: {visible(message)}", file=sys.stderr)
    grammar = {rule.id for rule in done.catalogue.rules if rule.check == "grammar"}
    missing = results.unavailable | {rule_id for rule_id in results.not_configured if rule_id in asked_for}
    grammar_failed = arguments.strict_grammar and bool(grammar & missing)
    if results.input_errors or grammar_failed:
        return EXIT_ERROR
    worst = results.worst_severity()
    fail_on = done.settings.fail_on
    if fail_on == "never" or worst is None:
        return EXIT_CLEAN
    return EXIT_FINDINGS if worst >= Severity.parse(fail_on) else EXIT_CLEAN


def show_config(catalogue: Catalogue, config: Config, arguments: argparse.Namespace, out: TextIO) -> int:
    from qa.config_view import render
    from qa.errors import UsageError

    try:
        settings = _settings(catalogue, config, arguments)
    except UsageError as error:
        return _fail(str(error))
    out.write(render(settings, arguments.path))
    return EXIT_CLEAN


def list_rules(catalogue: Catalogue, out: TextIO) -> int:
    from qa.rule_docs import fix_marker

    width = max(len(rule.id) for rule in catalogue.rules)
    for rule in catalogue.rules:
        state = "" if rule.enabled else " (off by default)"
        out.write(
            f"{rule.id:<{width}}  {rule.severity.label:<7}  {fix_marker(rule):<6}  {rule.summary}{state}\n"
        )
    return EXIT_CLEAN


def explain_rule(catalogue: Catalogue, config: Config, arguments: argparse.Namespace, out: TextIO) -> int:
    """The rule as the configuration sets it: its severity and option values are the ones that apply."""
    from qa.errors import UsageError
    from qa.rule_docs import explain
    from qa.settings import configure

    try:
        rule = configure(catalogue.get(arguments.rule), config)
    except KeyError:
        return _fail(f"unknown rule {arguments.rule!r} (see `mtqa rules`)")
    except UsageError as error:
        return _fail(str(error))
    out.write(explain(rule))
    return EXIT_CLEAN


def _open_output(path: str | None):
    return open(path, "w", encoding="utf-8") if path else nullcontext(sys.stdout)


def _silence_stdout() -> None:
    """Point stdout at /dev/null so the interpreter's final flush raises no second error."""
    import os

    os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())


def _fail(message: str) -> int:
    print(f"mtqa: error: {visible(message)}", file=sys.stderr)
    return EXIT_ERROR
