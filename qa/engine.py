"""Discovery, running rules over documents, then corpus rules over every file's facts.

The per-file step (`check_source`) is a pure function of the source and the rules,
so it can run in worker processes; corpus rules only reduce the small facts each
file emits.
"""

from __future__ import annotations

import os
import sys
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from qa import suppress
from qa.catalogue import Catalogue, Rule
from qa.dedupe import drop_echoes
from qa.document import Document
from qa.errors import InputError, NotConfigured, Unavailable, UsageError
from qa.findings import FileResult, Finding, Match, Results
from qa.loaders import LoadOptions, load_bytes, load_path

STDIN = "-"


@dataclass(frozen=True)
class Source:
    """One input: a file on disk, or text already read (standard input)."""

    display: str
    path: Path | None = None
    data: bytes | None = None
    options: LoadOptions = LoadOptions()

    def load(self) -> Document:
        if self.path is not None:
            return load_path(self.path, self.display, self.options)
        return load_bytes(self.data or b"", self.display, self.options)


@dataclass
class Discovery:
    sources: list[Source] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


def discover(
    arguments: Iterable[str],
    stdin: Any = None,
    stdin_name: str | None = None,
    options: LoadOptions = LoadOptions(),
    excluded: Callable[[str], bool] = lambda path: False,
) -> Discovery:
    """Sources for the command-line paths: files as given, directories walked, `-` for stdin.

    `stdin_name` names standard input in the output, and its extension picks its format.
    Files `excluded` says yes to are left out, named on the command line or found in a
    folder alike, so a pre-commit hook (which names every file) honours the exclusions.
    """
    found = Discovery()
    seen: set[str] = set()

    def add(source: Source) -> None:
        if source.display not in seen and (source.path is None or not excluded(source.display)):
            seen.add(source.display)
            found.sources.append(source)

    for argument in arguments:
        if argument == STDIN:
            stream = stdin if stdin is not None else sys.stdin.buffer
            add(Source(stdin_name or "<stdin>", data=stream.read(), options=options))
            continue
        path = Path(argument)
        if path.is_dir():
            for file in _walk(path, options, excluded):
                add(Source(file.as_posix(), path=file, options=options))
        elif path.exists():
            add(Source(path.as_posix(), path=path, options=options))
        else:
            found.errors.append(f"{argument}: no such file or directory")
    return found


def _walk(folder: Path, options: LoadOptions, excluded: Callable[[str], bool]) -> Iterator[Path]:
    """Files of a known format below `folder`, in name order, skipping hidden and excluded folders."""
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and not excluded((Path(root) / d).as_posix()))
        for name in sorted(files):
            if not name.startswith(".") and options.format_for_suffix(Path(name).suffix.lower()):
                yield Path(root) / name


@dataclass(frozen=True)
class FileOutcome:
    result: FileResult
    facts: dict[str, Any]
    """Corpus facts by rule id."""
    directives: tuple[suppress.Directive, ...] = ()
    """The file's inline directives: run() applies them once corpus findings have joined the file's."""


@dataclass(frozen=True)
class Preparation:
    ready: list[Rule]
    unavailable: dict[str, str]
    """Rules that should run and cannot (an unreachable server), with why, by rule id."""
    not_configured: dict[str, str]
    """Rules left out because nobody set them up, with the reason, by rule id."""


def prepare(rules: Sequence[Rule]) -> Preparation:
    """Let kinds load their data once, before any file.

    A bad option value is a UsageError; a rule that cannot run here is left out, with a
    warning unless it was merely not configured.
    """
    prepared = Preparation([], {}, {})
    for rule in rules:
        try:
            if hasattr(rule.kind, "prepare"):
                rule.kind.prepare(rule.options)
        except ValueError as error:
            raise UsageError(f"{rule.source}: rule {rule.id!r}: {error}") from None
        except NotConfigured as reason:
            prepared.not_configured[rule.id] = unavailable_message(rule, reason)
            continue
        except Unavailable as reason:
            prepared.unavailable[rule.id] = unavailable_message(rule, reason)
            continue
        prepared.ready.append(rule)
    return prepared


def unavailable_message(rule: Rule, reason: Unavailable) -> str:
    return f"rule {rule.id!r} did not run: {reason}"


def check_source(source: Source, rules: Sequence[Rule], measure: bool = True) -> FileOutcome:
    try:
        doc = source.load()
    except InputError as error:
        return FileOutcome(FileResult(source.display, error=str(error)), {})
    findings: list[Finding] = []
    facts: dict[str, Any] = {}
    failures: list[str] = []
    unavailable: dict[str, str] = {}
    for rule in rules:
        try:
            if rule.is_corpus:
                facts[rule.id] = rule.kind.facts(doc, rule.options)
            else:
                findings.extend(to_finding(rule, doc.path, m, doc) for m in rule.kind.check(doc, rule.options))
        except Unavailable as reason:
            unavailable[rule.id] = unavailable_message(rule, reason)
        except Exception as error:  # noqa: BLE001 - one broken rule must not lose the other results
            failures.append(_internal_error(rule, error))
    result = FileResult(
        doc.path,
        doc.word_count,
        tuple(sorted(findings)),
        rule_errors=tuple(failures),
        warnings=(*doc.warnings, *unavailable.values()),
        unavailable=tuple(unavailable),
        metrics=doc.metrics if measure else {},
    )
    return FileOutcome(result, facts, doc.directives)


def _internal_error(rule: Rule, error: Exception) -> str:
    return f"rule {rule.id!r} failed ({type(error).__name__}: {error}); please report this as a bug"


def to_finding(rule: Rule, path: str, match: Match, doc: Document | None = None) -> Finding:
    location = match.location or (doc.locate(match.start, match.end) if doc else None)
    if location is None:
        raise ValueError(f"rule {rule.id}: a corpus match must carry its location")
    return Finding(
        path=path,
        start=location.start,
        end=location.end,
        rule=rule.id,
        severity=match.severity or rule.severity,
        message=match.message,
        line=location.line,
        column=location.column,
        end_line=location.end_line,
        end_column=location.end_column,
        excerpt=location.excerpt,
        suggestion=match.suggestion,
        related=match.related,
    )


Progress = Callable[[int, int], None]
"""Told (files done, files in all) as files finish."""


def run(
    sources: Sequence[Source],
    rules: Sequence[Rule],
    errors: Iterable[str] = (),
    *,
    rules_for: Callable[[str], Sequence[Rule]] | None = None,
    jobs: int = 1,
    progress: Progress | None = None,
    catalogue: Catalogue | None = None,
    measure: bool = True,
) -> Results:
    """Check every source, then reduce corpus facts; findings come sorted by file and position.

    `rules_for` gives a file's own rules (per-path configuration); by default every file
    gets `rules`. With `jobs` > 1 files are checked in worker processes; results are the
    same, in the same order. Inline directives may name any rule of `catalogue` (by
    default, any rule run); other names are a warning. `measure` computes each file's
    readability figures, which only the JSON and the report show.
    """
    plans = [tuple(rules_for(source.display)) if rules_for else tuple(rules) for source in sources]
    prepared = prepare(_distinct([rules, *plans]))
    ready = {id(rule) for rule in prepared.ready}
    plans = [tuple(rule for rule in plan if id(rule) in ready) for plan in plans]
    outcomes = check_all(sources, plans, jobs, progress, measure)
    corpus_rules = {r.id: r for plan in plans for r in plan if r.is_corpus}
    corpus_findings = _reduce_corpus(outcomes, list(corpus_rules.values()))
    names = suppress.rule_names(catalogue.rules if catalogue else _distinct([rules, *plans]))
    files = []
    for outcome, plan in zip(outcomes, plans):
        result = outcome.result
        extra = corpus_findings.get(result.path)
        if extra:
            result = replace(result, findings=tuple(sorted(result.findings + tuple(extra))))
        result = replace(result, findings=drop_echoes(result.findings, plan))
        files.append(suppress.apply(result, outcome.directives, names))
    return Results(tuple(files), tuple(errors), prepared.unavailable, prepared.not_configured)


def _distinct(rule_sets: Iterable[Sequence[Rule]]) -> list[Rule]:
    """Each rule object once, in order (files without overrides share theirs)."""
    return list({id(rule): rule for rules in rule_sets for rule in rules}.values())


def check_all(
    sources: Sequence[Source],
    plans: Sequence[Sequence[Rule]],
    jobs: int = 1,
    progress: Progress | None = None,
    measure: bool = True,
) -> list[FileOutcome]:
    """`check_source` over every file, in worker processes when that pays; outcomes in input order."""
    workers = min(jobs, len(sources) // MIN_FILES_PER_WORKER)
    if workers < 2:
        outcomes = []
        for source, plan in zip(sources, plans):
            outcomes.append(check_source(source, plan, measure))
            if progress:
                progress(len(outcomes), len(sources))
        return outcomes
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    distinct_plans = list({id(plan): plan for plan in plans}.values())
    plan_number = {id(plan): number for number, plan in enumerate(distinct_plans)}
    tasks = [(source, plan_number[id(plan)], measure) for source, plan in zip(sources, plans)]
    outcomes = []
    try:
        pool = ProcessPoolExecutor(workers, initializer=_start_worker, initargs=(distinct_plans,))
        try:
            for outcome in pool.map(_check_task, tasks, chunksize=max(1, len(tasks) // (workers * 8))):
                outcomes.append(outcome)
                if progress:
                    progress(len(outcomes), len(sources))
        finally:  # on Ctrl-C, drop the files not started rather than wait for them
            pool.shutdown(cancel_futures=True)
    except BrokenProcessPool:
        raise UsageError("a worker process died (out of memory?); try again with --jobs 1") from None
    return outcomes


MIN_FILES_PER_WORKER = 4
"""Fewer files than this per worker are checked in this process: starting workers costs more."""
_worker_plans: list[Sequence[Rule]] = []


def _start_worker(plans: list[Sequence[Rule]]) -> None:
    """Runs once in each worker: the rule sets arrive once, not with every file.

    Ctrl-C is the parent's to handle: a worker that took it too would die mid-message
    and print a traceback of its own.
    """
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _worker_plans[:] = plans


def _check_task(task: tuple[Source, int, bool]) -> FileOutcome:
    source, plan, measure = task
    return check_source(source, _worker_plans[plan], measure)


def _reduce_corpus(outcomes: Sequence[FileOutcome], rules: Sequence[Rule]) -> dict[str, list[Finding]]:
    found: dict[str, list[Finding]] = defaultdict(list)
    for rule in rules:
        facts_by_path = {o.result.path: o.facts[rule.id] for o in outcomes if rule.id in o.facts}
        for path, match in rule.kind.reduce(facts_by_path, rule.options):
            found[path].append(to_finding(rule, path, match))
    return found
