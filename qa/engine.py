"""Discovery, running rules over documents, then corpus rules over every file's facts.

The per-file step (`check_source`) is a pure function of the source and the rules,
so it can run in worker processes; corpus rules only reduce the small facts each
file emits.
"""

from __future__ import annotations

import errno
import itertools
import os
import pickle
import signal
import stat
import sys
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, NamedTuple, Protocol

from qa import metrics, suppress
from qa.bilingual import primary_language
from qa.catalogue import Catalogue, Rule
from qa.dedupe import drop_echoes
from qa.document import Directive, Document
from qa.errors import Incomplete, InputError, NotConfigured, Unavailable, UsageError
from qa.findings import RELATED_SHOWN, FileResult, Finding, Match, Results
from qa.loaders import (
    LoadOptions,
    file_type,
    load_bytes,
    load_path,
    os_reason,
    read_regular_file,
    read_stream,
)

STDIN = "-"


@dataclass(frozen=True)
class Source:
    """One input: a file on disk, or text already read (standard input)."""

    display: str
    path: Path | None = None
    data: bytes | None = None
    options: LoadOptions = LoadOptions()
    pair: Path | None = None
    """The source-language file this plain-text target translates line by line (`--pair`)."""

    def load(self) -> Document:
        if self.pair is not None:
            return self._load_pair(self.pair)
        if self.path is not None:
            return load_path(self.path, self.display, self.options)
        return load_bytes(self.data or b"", self.display, self.options)

    def _load_pair(self, pair: Path) -> Document:
        from qa.loaders.aligned import load_pair

        try:
            source_data = read_regular_file(pair)
        except InputError as error:
            raise InputError(f"its source {pair.as_posix()}: {error}") from None
        target_data = read_regular_file(self.path) if self.path is not None else self.data or b""
        return load_pair(source_data, target_data, self.display, pair.as_posix(), self.options)


@dataclass
class Discovery:
    sources: list[Source] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    """Files in a checked folder that were skipped: links that lead nowhere, FIFOs, devices."""


def discover(
    arguments: Iterable[str],
    stdin: Any = None,
    stdin_name: str | None = None,
    options: LoadOptions = LoadOptions(),
    excluded: Callable[[str], bool] = lambda path: False,
    pairs: Iterable[tuple[str, str]] = (),
) -> Discovery:
    """Sources for the command-line paths: files as given, directories walked, `-` for stdin.

    `stdin_name` names standard input in the output, and its extension picks its format.
    Files `excluded` says yes to are left out, named on the command line or found in a
    folder alike, so a pre-commit hook (which names every file) honours the exclusions.
    Each of `pairs` is a (source, target) pair of line-aligned files: the target is checked.
    """
    found = Discovery()
    seen: set[str] = set()

    def add(source: Source) -> None:
        if source.display not in seen and (source.path is None or not excluded(source.display)):
            seen.add(source.display)
            found.sources.append(source)

    for argument in arguments:
        if argument == STDIN:
            stream = stdin if stdin is not None else getattr(sys.stdin, "buffer", None)
            name = stdin_name or "<stdin>"
            try:
                add(Source(name, data=read_stream(stream), options=options))
            except InputError as error:
                found.errors.append(f"{name}: {error}")
            continue
        path = Path(argument)
        problem = _unreadable(path)
        if problem:
            found.errors.append(f"{argument}: {problem}")
        elif path.is_dir():
            for file in _walk(path, options, excluded, found.warnings):
                add(Source(file.as_posix(), path=file, options=options))
        else:
            add(Source(path.as_posix(), path=path, options=options))
    for source_name, target_name in pairs:
        problems = [
            f"{name}: {why}" for name in (source_name, target_name) if (why := _not_a_file(Path(name)))
        ]
        if problems:
            found.errors.extend(problems)
            continue
        target = Path(target_name)
        add(Source(target.as_posix(), path=target, options=options, pair=Path(source_name)))
    return found


def _not_a_file(path: Path) -> str | None:
    """Why a path is not a regular file to read (a pair names files, never folders), or None."""
    return _unreadable(path) or ("a folder, not a regular file" if path.is_dir() else None)


def _unreadable(path: Path) -> str | None:
    """Why a path is neither a folder nor a regular file to read, or None; nothing is opened.

    A FIFO would block the reader and a device never ends, so only their type is looked at.
    """
    try:
        mode = path.stat().st_mode
    except ValueError:  # a NUL byte in the name
        return "not a valid path"
    except OSError as error:
        if error.errno == errno.ENOENT and path.is_symlink():
            return "symbolic link to a file that does not exist"
        return "no such file or directory" if error.errno == errno.ENOENT else os_reason(error)
    if stat.S_ISDIR(mode) or stat.S_ISREG(mode):
        return None
    return f"{file_type(mode)}, not a regular file"


def _walk(
    folder: Path, options: LoadOptions, excluded: Callable[[str], bool], skipped: list[str]
) -> Iterator[Path]:
    """Regular files of a known format below `folder`, in name order, skipping hidden and excluded
    folders; other files of a known name (broken links, FIFOs, devices) go to `skipped`, with why."""

    def unreadable_folder(error: OSError) -> None:
        skipped.append(f"{Path(error.filename or folder).as_posix()}: skipped: {os_reason(error)}")

    for root, dirs, files in os.walk(folder, onerror=unreadable_folder):
        dirs[:] = sorted(
            d for d in dirs if not d.startswith(".") and not excluded((Path(root) / d).as_posix())
        )
        for name in sorted(files):
            if not name.startswith(".") and options.format_for_suffix(Path(name).suffix.lower()):
                file = Path(root) / name
                problem = _unreadable(file)
                if problem:
                    skipped.append(f"{file.as_posix()}: skipped: {problem}")
                else:
                    yield file


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
    """One file's outcome; whatever goes wrong is that file's error, never the run's."""
    try:
        doc = source.load()
    except InputError as error:
        return _failed(source, str(error))
    except Exception as error:  # noqa: BLE001 - a parser's surprise (zlib.error, RecursionError) is still one file's
        return _failed(source, f"cannot read: {_one_line(error)}")
    try:
        return _check_document(doc, rules, measure)
    except Exception as error:  # noqa: BLE001 - outside any one rule: still this file's, and a bug
        return _bug(source, error)


def _failed(source: Source, message: str) -> FileOutcome:
    return FileOutcome(FileResult(source.display, error=message), {})


def _bug(source: Source, error: Exception) -> FileOutcome:
    return _failed(source, f"cannot check: {_one_line(error)}; please report this as a bug")


MAX_FINDINGS_PER_RULE = 10_000
"""A rule's findings in one file beyond this are not reported: a file of '"a ' repeated has a broken
quotation every three bytes, and a million findings help no editor but cost minutes and gigabytes."""
TOO_MANY = f"more than {MAX_FINDINGS_PER_RULE:,} findings in this file; the rest are not reported"
MESSAGE_LENGTH = 300
"""Characters of an exception's message kept in an error line: a parser may quote a whole document."""


def _one_line(error: BaseException) -> str:
    """`Type: message` on one line, shortened; what a user can report without a traceback."""
    message = " ".join(str(error).split())
    if len(message) > MESSAGE_LENGTH:
        message = message[:MESSAGE_LENGTH] + "…"
    return f"{type(error).__name__}: {message}" if message else type(error).__name__


def _check_document(doc: Document, rules: Sequence[Rule], measure: bool) -> FileOutcome:
    rules, language_note = _rules_for_language(doc, rules)
    findings: list[Finding] = []
    facts: dict[str, Any] = {}
    failures: list[str] = []
    unavailable: dict[str, str] = {}
    partial: list[str] = []
    for rule in rules:
        try:
            if rule.is_corpus:
                facts[rule.id] = rule.kind.facts(doc, rule.options)
            else:
                for count, match in enumerate(rule.kind.check(doc, rule.options)):  # kept as they come
                    if count == MAX_FINDINGS_PER_RULE:  # stopping the generator stops its work too
                        partial.append(f"{doc.path}: rule {rule.id!r}: {TOO_MANY}")
                        break
                    findings.append(to_finding(rule, doc.path, match, doc))
        except Incomplete as reason:
            partial.append(f"rule {rule.id!r}: {reason}")
        except Unavailable as reason:
            unavailable[rule.id] = unavailable_message(rule, reason)
        except Exception as error:  # noqa: BLE001 - one broken rule must not lose the other results
            failures.append(_internal_error(rule, error))
    result = FileResult(
        doc.path,
        doc.word_count,
        tuple(sorted(findings)),
        rule_errors=tuple(failures),
        warnings=(*doc.warnings, *language_note, *partial, *unavailable.values()),
        unavailable=tuple(unavailable),
        metrics=metrics.measure(doc) if measure else {},
    )
    return FileOutcome(result, facts, doc.directives)


def _rules_for_language(doc: Document, rules: Sequence[Rule]) -> tuple[Sequence[Rule], tuple[str, ...]]:
    """The rules that judge the document's language, and a note when some cannot: mtqa's rules
    judge English copy, and a translation file into Russian (its target language says so) gets
    only those that read any language, or every sentence of it would be "left untranslated"."""
    language = doc.bilingual.target_lang if doc.bilingual else None
    if primary_language(language) in (None, "en"):
        return rules, ()
    kept = [rule for rule in rules if getattr(rule.kind, "any_target_language", False)]
    if len(kept) == len(rules):
        return rules, ()
    ran = ", ".join(rule.id for rule in kept) or "none"
    note = f"{doc.path}: the translation is in {language!r}; mtqa's rules judge English, so only these ran: {ran}"
    return kept, (note,)


def _internal_error(rule: Rule, error: Exception) -> str:
    return f"rule {rule.id!r} failed ({_one_line(error)}); please report this as a bug"


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
        excerpt_span=location.excerpt_span,
        segment=doc.segment_ref(match.start, match.end, match.source_span)
        if doc and match.source_span
        else location.segment,
    )


Progress = Callable[[int, int], None]
"""Told (files done, files in all) as files finish."""


def run(
    sources: Sequence[Source],
    rules: Sequence[Rule],
    errors: Iterable[str] = (),
    *,
    skipped: Iterable[str] = (),
    **options: Any,
) -> Results:
    """Check every source, then reduce corpus facts; findings come sorted by file and position.

    `options` are RunStream's. `skipped` are warnings about inputs left out (discovery's),
    listed with the run's warnings.
    """
    return RunStream(sources, rules, **options).collect(errors, skipped)


@dataclass(frozen=True)
class RunTail:
    """What a run knows once every file has gone by: the corpus rules' findings and the run's notes."""

    findings: dict[str, tuple[Finding, ...]]
    """Corpus findings by path, final (placed, echoes dropped, directives applied)."""
    cross_file: CrossFile
    unplaced: dict[str, str]
    """Files whose corpus findings could not be placed, with why (they make the run exit 2)."""
    unavailable: dict[str, str]
    not_configured: dict[str, str]

    def results(self, files: Sequence[FileResult], errors: Iterable[str], skipped: Iterable[str]) -> Results:
        # Results keeps run warnings by rule id; a skipped file's message is its own key, which no id equals.
        warnings = {**{message: message for message in skipped}, **self.unavailable}
        return Results(tuple(files), tuple(errors), warnings, self.not_configured, self.cross_file)


class FileStream(Protocol):
    """What a run's caller reads, wherever the files are checked: RunStream in this machine's
    processes, qa.dask.DaskStream on a cluster."""

    def files(self) -> Iterator[FileResult]: ...

    def finish(self) -> RunTail: ...

    def collect(self, errors: Iterable[str] = (), skipped: Iterable[str] = ()) -> Results: ...


class RunStream:
    """A run whose files come out one by one, each final but for the corpus rules' findings, which
    come last (`finish`): a caller may write each file's result and let it go, so a run's memory
    holds only what the corpus rules need of each file.

    `rules_for` gives a file's own rules (per-path configuration); by default every file
    gets `rules`. With `jobs` > 1 files are checked in worker processes; results are the
    same, in the same order. Inline directives may name any rule of `catalogue` (by
    default, any rule run); other names are a warning. `measure` computes each file's
    readability figures, which only the JSON and the report show.
    """

    def __init__(
        self,
        sources: Sequence[Source],
        rules: Sequence[Rule],
        *,
        rules_for: Callable[[str], Sequence[Rule]] | None = None,
        jobs: int = 1,
        progress: Progress | None = None,
        catalogue: Catalogue | None = None,
        measure: bool = True,
    ) -> None:
        plans = _shared(
            [tuple(rules_for(source.display)) if rules_for else tuple(rules) for source in sources]
        )
        self._prepared = prepare(distinct_rules([rules, *plans]))
        ready = {id(rule) for rule in self._prepared.ready}
        self._plans = _shared([tuple(rule for rule in plan if id(rule) in ready) for plan in plans])
        every = catalogue.rules if catalogue else distinct_rules([rules, *self._plans])
        names = suppress.rule_names(every)
        self._phase = CorpusPhase.for_plans(self._plans, names)
        self._sources, self._jobs, self._progress, self._measure = sources, jobs, progress, measure

    def files(self) -> Iterator[FileResult]:
        """Each file's result in input order, as soon as it is checked."""
        outcomes = check_each(self._sources, self._plans, self._jobs, self._progress, self._measure)
        for outcome, plan in zip(outcomes, self._plans):
            yield self._phase.add(outcome, plan)

    def collect(self, errors: Iterable[str] = (), skipped: Iterable[str] = ()) -> Results:
        """The whole run at once: every file's result with its corpus findings among its own."""
        files = list(self.files())
        tail = self.finish()
        files = [_with_corpus(result, tail.findings, tail.unplaced) for result in files]
        return tail.results(files, errors, skipped)

    def finish(self) -> RunTail:
        """The corpus rules' findings and the run's notes, once `files` has given every file."""
        findings, cross_file, unplaced = self._phase.findings(self._sources)
        prepared = self._prepared
        return RunTail(findings, cross_file, unplaced, prepared.unavailable, prepared.not_configured)


def _with_corpus(
    result: FileResult, corpus: Mapping[str, tuple[Finding, ...]], unplaced: Mapping[str, str]
) -> FileResult:
    """A file's final result: its own findings and the corpus rules' among them, in order."""
    if result.path in corpus:
        result = replace(result, findings=tuple(sorted(result.findings + corpus[result.path])))
    if result.path in unplaced:
        result = replace(result, rule_errors=(*result.rule_errors, unplaced[result.path]))
    return result


def _shared(plans: list[tuple[Rule, ...]]) -> list[tuple[Rule, ...]]:
    """The plans, files with the same rules sharing one tuple: a run of 100,000 files has a few."""
    distinct: dict[tuple[int, ...], tuple[Rule, ...]] = {}
    return [distinct.setdefault(tuple(map(id, plan)), plan) for plan in plans]


def distinct_rules(rule_sets: Iterable[Sequence[Rule]]) -> list[Rule]:
    """Each rule object once, in order (files without overrides share theirs)."""
    return list({id(rule): rule for rules in rule_sets for rule in rules}.values())


def check_each(
    sources: Sequence[Source],
    plans: Sequence[Sequence[Rule]],
    jobs: int = 1,
    progress: Progress | None = None,
    measure: bool = True,
) -> Iterator[FileOutcome]:
    """`check_source` over every file, in worker processes when that pays; outcomes in input order,
    each as soon as it and those before it are done, so a caller may write it and let it go."""
    workers = min(jobs, len(sources) // MIN_FILES_PER_WORKER)
    if workers < 2:
        for done, (source, plan) in enumerate(zip(sources, plans), start=1):
            yield check_source(source, plan, measure)
            if progress:
                progress(done, len(sources))
        return
    yield from _in_workers(sources, plans, workers, progress, measure)


def _in_workers(
    sources: Sequence[Source],
    plans: Sequence[Sequence[Rule]],
    workers: int,
    progress: Progress | None,
    measure: bool,
) -> Iterator[FileOutcome]:
    """`check_each` in a pool of worker processes. A worker that dies (killed: out of memory)
    breaks the pool: the first file not done is checked alone in a pool of its own — its error
    if it dies again — and a new pool takes the files after it, so one file never costs the run."""
    from concurrent.futures.process import BrokenProcessPool

    distinct_plans = list({id(plan): plan for plan in plans}.values())
    plan_number = {id(plan): number for number, plan in enumerate(distinct_plans)}
    tasks = [(source, plan_number[id(plan)], measure) for source, plan in zip(sources, plans)]
    done = 0
    while done < len(tasks):
        try:
            for outcome in _pool_map(tasks[done:], sources[done:], distinct_plans, workers):
                done += 1
                yield outcome
                if progress:
                    progress(done, len(sources))
        except BrokenProcessPool:
            yield _alone(tasks[done], sources[done], distinct_plans)
            done += 1
            if progress:
                progress(done, len(sources))


def _pool_map(
    tasks: Sequence[tuple[Source, int, bool]],
    sources: Sequence[Source],
    plans: list[Sequence[Rule]],
    workers: int,
) -> Iterator[FileOutcome]:
    from concurrent.futures import ProcessPoolExecutor

    pool = ProcessPoolExecutor(workers, initializer=_start_worker, initargs=(plans, os.getpid()))
    try:
        packed = pool.map(_check_task, tasks, chunksize=max(1, len(tasks) // (workers * 8)))
        for source, outcome in zip(sources, packed):
            yield _unpack(source, outcome)
    finally:  # on Ctrl-C, drop the files not started rather than wait for them
        pool.shutdown(cancel_futures=True)


def _alone(task: tuple[Source, int, bool], source: Source, plans: list[Sequence[Rule]]) -> FileOutcome:
    """One file in a worker of its own: its outcome, or its error if the worker dies on it too."""
    from concurrent.futures.process import BrokenProcessPool

    try:
        return next(_pool_map([task], [source], plans, 1))
    except BrokenProcessPool:
        return _failed(source, "cannot check: the worker process checking it died (out of memory?)")


MIN_FILES_PER_WORKER = 4
"""Fewer files than this per worker are checked in this process: starting workers costs more."""
_worker_plans: list[Sequence[Rule]] = []
PARENT_POLL_SECONDS = 1.0
"""Where the system cannot end a worker with its parent, how often the worker looks for it."""


def _start_worker(plans: list[Sequence[Rule]], parent: int) -> None:
    """Runs once in each worker: the rule sets arrive once, not with every file.

    Ctrl-C is the parent's to handle: a worker that took it too would die mid-message
    and print a traceback of its own. A parent killed outright (SIGKILL) cannot stop
    its workers, so each worker ends itself when its parent is gone.
    """
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _end_with_parent(parent)
    _worker_plans[:] = plans


def _end_with_parent(parent: int) -> None:
    """Have the kernel kill this process when its parent dies (Linux), else watch for it."""
    if sys.platform.startswith("linux"):
        import ctypes

        PR_SET_PDEATHSIG = 1
        try:
            libc = ctypes.CDLL(None, use_errno=True)
            if libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0) == 0:
                if os.getppid() != parent:  # the parent died before the request: nobody will send it
                    os._exit(1)
                return
        except (OSError, AttributeError):
            pass
    import threading

    threading.Thread(target=_watch_parent, args=(parent,), daemon=True, name="mtqa-parent-watch").start()


def _watch_parent(parent: int) -> None:
    import time

    while os.getppid() == parent:
        time.sleep(PARENT_POLL_SECONDS)
    os._exit(1)


def _check_task(task: tuple[Source, int, bool]) -> bytes:
    """The outcome, pickled here: what cannot be pickled becomes the file's error, not the pool's."""
    source, plan, measure = task
    outcome = check_source(source, _worker_plans[plan], measure)
    try:
        return pickle.dumps(outcome, pickle.HIGHEST_PROTOCOL)
    except Exception as error:  # noqa: BLE001 - a rule's facts that will not travel are one file's bug
        return pickle.dumps(_bug(source, error))


def _unpack(source: Source, packed: bytes) -> FileOutcome:
    try:
        return pickle.loads(packed)
    except Exception as error:  # noqa: BLE001 - as in _check_task, on the receiving side
        return _bug(source, error)


class _Kept(NamedTuple):
    """What the corpus phase keeps of one file: small, whatever the file's size."""

    facts: dict[str, Any]
    directives: tuple[Directive, ...]
    findings: tuple[Finding, ...]
    """The file's own final findings: a corpus finding on the same span gives way to them."""
    plan: tuple[str, ...]
    """The ids of the rules the file ran, for de-duplication."""


@dataclass
class CorpusPhase:
    """The corpus rules' part of a run: what they need of each file, gathered as files go by, then
    reduced once every file is in.

    `add` takes a file's outcome and gives its final result at once (echoes dropped, directives
    applied): corpus findings only ever give way to a file's own, never the other way round, so
    the file's own findings need not wait for the reduction. A phase is picklable and two partial
    phases `merge`, so files may be checked anywhere (worker processes, a cluster's workers).
    """

    corpus_rules: dict[str, Rule]
    """Each corpus rule of the run by id (a per-path override's copy: the last one, as `run` had it)."""
    rules: dict[str, Rule]
    """Every rule of the run by id: a kind's de-duplication flags do not depend on its options."""
    names: Mapping[str, str]
    """Rule ids by every name a directive may use."""
    files: dict[str, _Kept] = field(default_factory=dict)

    @classmethod
    def for_plans(cls, plans: Iterable[Sequence[Rule]], names: Mapping[str, str]) -> CorpusPhase:
        every = [rule for plan in plans for rule in plan]
        return cls({r.id: r for r in every if r.is_corpus}, {r.id: r for r in every}, names)

    def add(self, outcome: FileOutcome, plan: Sequence[Rule]) -> FileResult:
        result = replace(outcome.result, findings=drop_echoes(outcome.result.findings, plan))
        result = suppress.apply(result, outcome.directives, self.names)
        if outcome.facts:
            self.files[result.path] = _Kept(
                outcome.facts, outcome.directives, result.findings, tuple(rule.id for rule in plan)
            )
        return result

    def merge(self, other: CorpusPhase) -> CorpusPhase:
        """This phase with the files of another (of the same run) added."""
        self.corpus_rules.update(other.corpus_rules)
        self.rules.update(other.rules)
        self.files.update(other.files)
        return self

    def findings(
        self, sources: Iterable[Source]
    ) -> tuple[dict[str, tuple[Finding, ...]], CrossFile, dict[str, str]]:
        """Corpus findings by path, placed (a file is read again through its Source), less echoes
        and what the file's directives silence; the run's cross-file table; files not placed, why."""
        facts: dict[str, dict[str, Any]] = defaultdict(dict)
        for path, kept in self.files.items():
            for rule_id, value in kept.facts.items():
                facts[rule_id][path] = value
        found, cross_file, unplaced = _reduce_corpus(facts, list(self.corpus_rules.values()), sources)
        return {path: self._final(path, corpus) for path, corpus in found.items()}, cross_file, unplaced

    def _final(self, path: str, corpus: list[Finding]) -> tuple[Finding, ...]:
        kept = self.files[path]
        plan = [self.rules[rule_id] for rule_id in kept.plan]
        together = drop_echoes(tuple(sorted(kept.findings + tuple(corpus))), plan)
        survivors = tuple(f for f in together if f.rule in self.corpus_rules)
        return suppress.apply(FileResult(path, findings=survivors), kept.directives, self.names).findings


CrossFile = dict[str, dict[str, tuple[str, ...]]]
"""By rule id, then a match's related_key: every file on the other side of its findings."""


def _reduce_corpus(
    facts: Mapping[str, Mapping[str, Any]], rules: Sequence[Rule], sources: Sequence[Source]
) -> tuple[dict[str, list[Finding]], CrossFile, dict[str, str]]:
    """Corpus rules' findings by path, the run's cross-file table that they name a few of, and
    the files whose findings could not be placed, with why.

    A corpus match may leave its location to the engine (its facts keep offsets only, for every
    file of the run): the engine reads the file again, once, to place the findings it has.
    """
    matches: dict[str, list[tuple[Rule, Match]]] = defaultdict(list)
    for rule in rules:
        for path, match in rule.kind.reduce(facts.get(rule.id, {}), rule.options):
            matches[path].append((rule, match))
    by_path = {source.display: source for source in sources}
    found: dict[str, list[Finding]] = {}
    unplaced: dict[str, str] = {}
    tables: dict[str, _RelatedTable] = defaultdict(_RelatedTable)
    for path, pairs in matches.items():
        try:
            doc = by_path[path].load() if any(match.location is None for _, match in pairs) else None
        except Exception as error:  # noqa: BLE001 - changed or gone since it was checked: one file's problem
            why = str(error) if isinstance(error, InputError) else _one_line(error)
            unplaced[path] = f"could not read the file again to place its {pairs[0][0].id} findings ({why})"
            continue
        found[path] = []
        for rule, match in pairs:
            finding = to_finding(rule, path, match, doc)
            if match.related:
                finding = tables[rule.id].relate(finding, match)
            found[path].append(finding)
    cross_file = {rule_id: table.rows for rule_id, table in tables.items() if table.rows}
    return found, cross_file, unplaced


class _RelatedTable:
    """One rule's related files, a row per key, and a finding's few of them, in time independent
    of the number of files: a row's members are hashed once, however many findings name it."""

    def __init__(self) -> None:
        self.rows: dict[str, tuple[str, ...]] = {}
        self._members: dict[str, frozenset[str]] = {}

    def relate(self, finding: Finding, match: Match) -> Finding:
        key = match.related_key
        if key is None:
            raise ValueError(f"{finding.rule}: a match with related files must carry their related_key")
        if key not in self.rows:
            self.rows[key] = match.related
            self._members[key] = frozenset(match.related)
        files = self.rows[key]
        shown = tuple(itertools.islice((p for p in files if p != finding.path), RELATED_SHOWN))
        count = len(files) - (finding.path in self._members[key])
        return replace(finding, related=shown, related_count=count, related_key=key)
