"""The command line: argument parsing and exit codes only."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from contextlib import nullcontext
from dataclasses import dataclass
from typing import Any, TextIO

from qa import __version__

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2
FAIL_ON = ("error", "warning", "info", "never")
GRAMMAR_WARNING = "rule 'grammar' did not run"


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
    check.add_argument("--format", choices=sorted(FORMATTERS), default="text", help="output format")
    check.add_argument("--output", metavar="FILE", help="write the output to FILE instead of stdout")
    check.add_argument("--report", metavar="DIR", help="also write the HTML report into DIR")
    check.add_argument("--open", action="store_true", help="open the report's index in a browser")

    report = commands.add_parser("report", help="write an HTML report per file and an index")
    _add_run_arguments(report)
    report.add_argument("--output-dir", metavar="DIR", default="reports", help="where to write (default: reports)")
    report.add_argument("--open", action="store_true", help="open the index in a browser")

    commands.add_parser("rules", help="list the rule catalogue, one line a rule")
    explain = commands.add_parser("explain", help="show what a rule checks, why, and examples")
    explain.add_argument("rule", metavar="RULE")
    return parser


def _add_run_arguments(parser: argparse.ArgumentParser) -> None:
    from qa.loaders import FORMATS

    parser.add_argument("paths", nargs="+", metavar="PATH", help="files or folders to check; - reads stdin")
    parser.add_argument("--select", type=_rule_list, default=[], metavar="RULE,...", help="run only these rules or groups")
    parser.add_argument("--ignore", type=_rule_list, default=[], metavar="RULE,...", help="do not run these rules or groups")
    parser.add_argument(
        "--fail-on",
        choices=FAIL_ON,
        default="error",
        help="exit 1 when a finding has at least this severity (default: error)",
    )
    parser.add_argument(
        "--stdin-filename", metavar="NAME", help="the name of standard input (`-`) in the output and for its format"
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


def _rule_list(value: str) -> list[str]:
    return [name.strip() for name in value.split(",") if name.strip()]


def main(argv: Sequence[str] | None = None) -> int:
    arguments = build_parser().parse_args(argv)
    from qa.catalogue import Catalogue, CatalogueError, bundled_rules_folder

    try:
        catalogue = Catalogue.load([bundled_rules_folder()])
    except CatalogueError as error:
        return _fail(str(error))
    if arguments.command == "rules":
        return list_rules(catalogue, sys.stdout)
    if arguments.command == "explain":
        return explain_rule(catalogue, arguments.rule, sys.stdout)
    return check(catalogue, arguments)  # `check` and `report` share the run


@dataclass(frozen=True)
class Run:
    """What one `check`, `report` or `fix` run saw and found."""

    catalogue: Any
    rules: list
    found: Any
    results: Any


def execute(catalogue, arguments: argparse.Namespace) -> Run:
    """Select the rules, find the inputs and check them; UsageError for a bad selection or option."""
    from qa.engine import discover, run
    from qa.errors import UsageError
    from qa.loaders import LoadOptions

    try:
        rules = catalogue.select(arguments.select, arguments.ignore)
    except KeyError as error:
        raise UsageError(f"unknown rule or group {error.args[0]!r} (see `mtqa rules`)") from None
    load_options = LoadOptions(guess_encoding=arguments.guess_encoding, format=arguments.format_of)
    found = discover(arguments.paths, stdin_name=arguments.stdin_filename, options=load_options)
    return Run(catalogue, rules, found, run(found.sources, rules, found.errors))


def check(catalogue, arguments: argparse.Namespace) -> int:
    import webbrowser
    from pathlib import Path

    from qa.errors import UsageError
    from qa.output import renderer

    try:
        done = execute(catalogue, arguments)
    except UsageError as error:
        return _fail(str(error))
    results = done.results
    if arguments.command == "check":
        try:
            with _open_output(arguments.output) as out:
                renderer(arguments.format)(results, catalogue, out)
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
        print(f"Wrote {pages} page{'s' if pages != 1 else ''} and the index: {written.index}", file=stream)
        if arguments.open:
            webbrowser.open(written.index.resolve().as_uri())
    return exit_code(done, arguments)


def exit_code(done: Run, arguments: argparse.Namespace) -> int:
    """Print the run's warnings and input errors on stderr; 2 for those errors, else by --fail-on."""
    from qa.findings import Severity

    results = done.results
    asked_for = done.catalogue.resolve(arguments.select)
    unset = [message for rule_id, message in results.not_configured.items() if rule_id in asked_for]
    for message in [*results.warnings, *unset]:
        print(f"mtqa: warning: {message}", file=sys.stderr)
    for message in results.input_errors:
        print(f"mtqa: error: {message}", file=sys.stderr)
    grammar_failed = arguments.strict_grammar and any(w.startswith(GRAMMAR_WARNING) for w in [*results.warnings, *unset])
    if results.input_errors or grammar_failed:
        return EXIT_ERROR
    worst = results.worst_severity()
    if arguments.fail_on == "never" or worst is None:
        return EXIT_CLEAN
    return EXIT_FINDINGS if worst >= Severity.parse(arguments.fail_on) else EXIT_CLEAN


def list_rules(catalogue, out: TextIO) -> int:
    from qa.rule_docs import fix_marker

    width = max(len(rule.id) for rule in catalogue.rules)
    for rule in catalogue.rules:
        state = "" if rule.enabled else " (off by default)"
        out.write(f"{rule.id:<{width}}  {rule.severity.label:<7}  {fix_marker(rule):<5}  {rule.summary}{state}\n")
    return EXIT_CLEAN


def explain_rule(catalogue, name: str, out: TextIO) -> int:
    from qa.rule_docs import explain

    try:
        rule = catalogue.get(name)
    except KeyError:
        return _fail(f"unknown rule {name!r} (see `mtqa rules`)")
    out.write(explain(rule))
    return EXIT_CLEAN


def _open_output(path: str | None):
    return open(path, "w", encoding="utf-8") if path else nullcontext(sys.stdout)


def _silence_stdout() -> None:
    """Point stdout at /dev/null so the interpreter's final flush raises no second error."""
    import os

    os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())


def _fail(message: str) -> int:
    print(f"mtqa: error: {message}", file=sys.stderr)
    return EXIT_ERROR
