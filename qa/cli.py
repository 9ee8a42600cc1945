"""The command line: argument parsing, dispatch and exit codes only.

Each command reads: its arguments -> a run (qa.check_run; qa.fix) -> an output module
(qa.check_output, qa.fix_output, qa.rule_docs, qa.settings_as_toml) -> an exit code.
"""

from __future__ import annotations

import argparse
import gc
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING

from qa import __version__
from qa.config_file import FAIL_ON
from qa.output.text import visible

if TYPE_CHECKING:  # the modules behind these load on first use, keeping `mtqa --help` fast
    from qa.catalogue import Catalogue
    from qa.check_run import Run, RunRequest
    from qa.config_file import Config
    from qa.run_settings import CommandLine

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
    check.add_argument(
        "--output",
        metavar="FILE",
        help="write the output to FILE instead of stdout; with --format jsonl, a folder (DIR/) gets it in parts",
    )
    check.add_argument(
        "--files-per-part",
        type=_positive,
        default=10_000,
        metavar="N",
        help="with --format jsonl --output DIR/: file records in each part (default: 10000)",
    )
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

    from qa.rule_docs import FIX_LEGEND

    rules = commands.add_parser(
        "rules",
        help="list the rule catalogue, one line a rule",
        epilog=FIX_LEGEND,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    _add_config_arguments(rules)
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
    parser.add_argument(
        "--dask",
        metavar="SCHEDULER",
        help="check files on a Dask cluster: a scheduler address, or 'local' for one on this machine"
        " (the dask extra)",
    )
    parser.add_argument("paths", nargs="*", metavar="PATH", help="files or folders to check; - reads stdin")
    parser.add_argument(
        "--pair",
        nargs=2,
        action="append",
        default=[],
        metavar=("SOURCE", "TARGET"),
        help="check TARGET as the line-by-line translation of SOURCE (two plain-text files); repeatable",
    )
    parser.add_argument(
        "--source-lang",
        type=_language_tag,
        metavar="LANG",
        help="the source language of bilingual files (ru, es-ES), over what the files say",
    )
    parser.add_argument(
        "--target-field",
        metavar="FIELD",
        help="the field of JSON Lines records that holds the translation (default: target; mt.Online-B: a nested one)",
    )
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


def _language_tag(value: str) -> str:
    from qa.bilingual import LANGUAGE_TAG

    if not LANGUAGE_TAG.fullmatch(value):
        raise argparse.ArgumentTypeError(f"expected a language tag such as ru or es-ES, not {value!r}")
    return value


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
    parser = build_parser()
    arguments = parser.parse_args(argv)
    if getattr(arguments, "paths", None) == [] and not arguments.pair:
        parser.error("give at least one PATH, or --pair SOURCE TARGET")
    from qa.catalogue import CatalogueError
    from qa.config_file import Config, load_config
    from qa.errors import UsageError
    from qa.run_settings import load_catalogue

    commands = {
        "check": check,
        "report": report,
        "fix": fix,
        "rules": list_rules,
        "explain": explain_rule,
        "config": show_config,
    }
    try:
        config = Config() if arguments.no_config else load_config(arguments.config)
        catalogue = load_catalogue(config)
        return commands[arguments.command](catalogue, config, arguments)
    except (UsageError, CatalogueError) as error:  # ConfigError is a UsageError
        return _fail(str(error))


def check(catalogue: Catalogue, config: Config, arguments: argparse.Namespace) -> int:
    from qa.check_output import stream_findings, write_findings, write_report
    from qa.check_run import check_run

    if arguments.statistics and arguments.format not in ("text", "json"):
        return _fail(f"--statistics prints text or json, not {arguments.format}")
    if arguments.format == "jsonl":
        if arguments.report:
            return _fail("--report needs every finding at once: use --format json with it")
        done = stream_findings(
            catalogue, config, run_request(arguments), arguments.output, arguments.files_per_part
        )
        _note(done.baseline_note, arguments)
        return exit_code(done, arguments)
    done = check_run(catalogue, config, run_request(arguments))
    _note(done.baseline_note, arguments)
    write_findings(
        done, arguments.format, arguments.output, quiet=arguments.quiet, statistics=arguments.statistics
    )
    if arguments.report:  # stdout keeps the findings (JSON must stay parseable): the report speaks on stderr
        said_to = None if arguments.quiet else sys.stderr
        write_report(done, arguments.report, said_to, open_index=arguments.open)
    return exit_code(done, arguments)


def report(catalogue: Catalogue, config: Config, arguments: argparse.Namespace) -> int:
    from qa.check_output import write_report
    from qa.check_run import check_run

    done = check_run(catalogue, config, run_request(arguments))
    _note(done.baseline_note, arguments)
    write_report(done, arguments.output_dir, sys.stdout, open_index=arguments.open)
    return exit_code(done, arguments)


def fix(catalogue: Catalogue, config: Config, arguments: argparse.Namespace) -> int:
    """Apply the safe fixes until none is left and write the files (standard input: to stdout), or
    print them as a diff (`--diff`: exit 1 when there is one); else exit on what is left, as `check`."""
    from dataclasses import replace

    from qa.check_run import check_run
    from qa.fix import fix_run
    from qa.fix_output import note_unsafe, write_fixes

    request = run_request(arguments)
    done = check_run(catalogue, config, request)
    fixer, results = fix_run(done, lambda found: check_run(catalogue, config, request, found).results)
    if arguments.select:
        note_unsafe(done.rules)
    written = write_fixes(
        fixer, results, done.found.sources, catalogue, diff=arguments.diff, force=arguments.force
    )
    results = replace(results, errors=(*results.errors, *written.errors))
    code = exit_code(replace(done, results=results), arguments)
    if arguments.diff and code != EXIT_ERROR:
        return EXIT_FINDINGS if written.changed else EXIT_CLEAN
    return code


def run_request(arguments: argparse.Namespace) -> RunRequest:
    """What `check`, `report` and `fix` ask of a run, from their arguments."""
    from qa.check_run import RunRequest

    # Only the JSON and the HTML report show readability figures; text runs skip computing them.
    as_json = getattr(arguments, "format", None) in ("json", "jsonl") and not getattr(arguments, "statistics", False)
    measure = as_json or arguments.command == "report" or bool(getattr(arguments, "report", None))
    return RunRequest(
        paths=arguments.paths,
        pairs=[tuple(pair) for pair in arguments.pair],
        command_line=command_line(arguments),
        stdin_name=arguments.stdin_filename,
        jobs=arguments.jobs,
        dask=getattr(arguments, "dask", None),
        progress=not getattr(arguments, "quiet", False),
        measure=measure,
        baseline=getattr(arguments, "baseline", None),
        write_baseline=getattr(arguments, "write_baseline", None),
    )


def command_line(arguments: argparse.Namespace) -> CommandLine:
    """What the arguments say about what a configuration file also says (None or empty: not given)."""
    from qa.run_settings import CommandLine

    return CommandLine(
        select=getattr(arguments, "select", None),
        ignore=getattr(arguments, "ignore", ()),
        fail_on=getattr(arguments, "fail_on", None),
        guess_encoding=getattr(arguments, "guess_encoding", False),
        format_of=getattr(arguments, "format_of", None),
        source_lang=getattr(arguments, "source_lang", None),
        target_field=getattr(arguments, "target_field", None),
    )


def exit_code(done: Run, arguments: argparse.Namespace) -> int:
    """Print the run's warnings and input errors on stderr; 2 for those errors, else by --fail-on."""
    if not getattr(arguments, "quiet", False):  # `check --quiet`: errors only
        for message in done.warnings:
            print(f"mtqa: warning: {visible(message)}", file=sys.stderr)
    for message in done.results.input_errors:
        print(f"mtqa: error: {visible(message)}", file=sys.stderr)
    if done.results.input_errors or (arguments.strict_grammar and done.grammar_missing):
        return EXIT_ERROR
    return EXIT_FINDINGS if done.fails else EXIT_CLEAN


def show_config(catalogue: Catalogue, config: Config, arguments: argparse.Namespace) -> int:
    from qa.run_settings import resolve_settings
    from qa.settings_as_toml import render

    sys.stdout.write(render(resolve_settings(config, catalogue, command_line(arguments)), arguments.path))
    return EXIT_CLEAN


def list_rules(catalogue: Catalogue, config: Config, arguments: argparse.Namespace) -> int:
    from qa.rule_docs import FIX_LEGEND, rules_table

    sys.stdout.write(rules_table(catalogue))
    sys.stderr.write(f"\n{FIX_LEGEND}")
    return EXIT_CLEAN


def explain_rule(catalogue: Catalogue, config: Config, arguments: argparse.Namespace) -> int:
    """The rule as the configuration sets it: its severity and option values are the ones that apply."""
    from qa.rule_docs import explain
    from qa.run_settings import configure

    try:
        rule = catalogue.get(arguments.rule)
    except KeyError:
        return _fail(f"unknown rule {arguments.rule!r} (see `mtqa rules`)")
    sys.stdout.write(explain(configure(rule, config)))
    return EXIT_CLEAN


def _note(message: str | None, arguments: argparse.Namespace) -> None:
    if message and not getattr(arguments, "quiet", False):
        print(f"mtqa: {visible(message)}", file=sys.stderr)


def _fail(message: str) -> int:
    print(f"mtqa: error: {visible(message)}", file=sys.stderr)
    return EXIT_ERROR
