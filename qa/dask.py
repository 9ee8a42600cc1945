"""Checking on a Dask cluster: per-file checks as a bag map, corpus rules by a tree reduction.

For archives too large for one machine (`mtqa check --dask SCHEDULER`: DaskStream), or users
who already hold a Dask bag of paths or texts (`check`). Each partition checks its files and
gathers a partial CorpusPhase (the small facts corpus rules need); partial phases merge up a
tree on the cluster, so no worker holds every file's facts, and the caller reduces the one
merged phase. The results equal `engine.run`'s: the same files in the bag's order, the same
findings, every error.

Rules travel to each worker once, as one task of the graph, and each worker process prepares
them (Babel tables, word lists) once per run, not per file or partition. A worker that dies
costs nothing: Dask checks its partitions again elsewhere, and a file that kills every worker
reading it becomes that file's error (see `_streamed`).
"""

from __future__ import annotations

import os
import threading
import uuid
from collections.abc import Callable, Generator, Iterable, Iterator, Sequence
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, replace
from functools import partial
from pathlib import Path
from typing import Any

try:
    import dask
    import dask.bag
except ImportError:  # an optional extra: say how to get it, in one line, not a traceback of imports
    raise ImportError("the Dask extra is not installed: pip install 'mtqa[dask]'") from None

from qa import suppress
from qa.catalogue import Catalogue, Rule
from qa.config_file import Config, load_config
from qa.engine import (
    CorpusPhase,
    FileOutcome,
    Preparation,
    Progress,
    RunStream,
    RunTail,
    Source,
    check_source,
    distinct_rules,
    prepare,
)
from qa.errors import UsageError
from qa.findings import FileResult, Results
from qa.loaders import LoadOptions
from qa.run_settings import load_catalogue, resolve_settings

LOCAL = "local"
"""The scheduler `--dask` names for a cluster of worker processes on this machine."""
LOCAL_WORKERS = 2
FILES_PER_PARTITION = 100
"""A partition's files: enough that a task's overhead (a few milliseconds) is small beside its checks."""
SPLIT_EVERY = 8
"""Partial corpus phases merged by one task of the tree reduction."""
CONNECT_SECONDS = 10
"""How long to try to reach a scheduler's address before saying it cannot be reached."""
ALLOWED_FAILURES = 1
"""How often a task is tried again when its worker dies, on a cluster `--dask local` starts; then its
files are tried one by one, so that only a file that kills every worker reading it is lost."""


@dataclass(frozen=True)
class Plans:
    """What a worker needs to check any file of a run: its rules, per path where the configuration
    says so. `token` names the run, so each worker process prepares its rules once."""

    rules: tuple[Rule, ...]
    rules_for: Callable[[str], Sequence[Rule]] | None
    names: dict[str, str]
    """Rule ids by every name an inline directive may use."""
    options: LoadOptions
    measure: bool
    token: str


Part = tuple[list[FileResult], CorpusPhase, list[Source]]
"""A partition checked: its files' results, its partial corpus phase, the Sources to place through."""


def check(
    bag: dask.bag.Bag,
    rules: Sequence[Rule] | None = None,
    *,
    config: Config | None = None,
    catalogue: Catalogue | None = None,
    measure: bool = True,
    split_every: int = SPLIT_EVERY,
) -> Results:
    """Check a bag of paths (str or Path), Sources or (name, text) pairs on the current Dask scheduler.

    Without `rules`, the configuration decides them, per path as the command line would
    (`config`, else the file found from the working directory), and files its `exclude`
    globs match are left out, as discovery leaves them out. A file that cannot be read
    or a rule that crashes on it is that file's error. Corpus findings are placed where
    `check` is called, by reading their files again: paths must be readable here too (a
    text of the bag is fetched from the bag again, only if it has corpus findings).
    """
    if rules is None:
        config = config or load_config()
        catalogue = catalogue or load_catalogue(config)
        settings = resolve_settings(config, catalogue)
        rules, rules_for, options = settings.rules, settings.rules_for, settings.load_options
        bag = bag.filter(partial(_included, excluded=settings.excluded))
    else:
        rules_for, options = None, LoadOptions()
    plans = _plans(rules, rules_for, options, catalogue, measure)
    return BagRun(bag, plans, prepare(rules), split_every).collect()


def run(
    scheduler: str,
    sources: Sequence[Source],
    rules: Sequence[Rule],
    errors: Iterable[str] = (),
    *,
    skipped: Iterable[str] = (),
    **options: Any,
) -> Results:
    """`engine.run` on a Dask cluster: the same results for the same arguments, in the same order;
    `options` are DaskStream's."""
    return DaskStream(scheduler, sources, rules, **options).collect(errors, skipped)


def _partition_progress(progress: Progress, files: int) -> Progress:
    """Told (partitions done, partitions) by BagRun, tells `progress` (files done, files)."""

    def told(done: int, partitions: int) -> None:
        progress(min(done * FILES_PER_PARTITION, files), files)

    return told


@contextmanager
def _client(scheduler: str, workers: int) -> Iterator[Any]:
    """A client of the scheduler at that address, or of a new cluster of worker processes here."""
    from distributed import Client, LocalCluster

    if scheduler != LOCAL:
        try:
            client = Client(scheduler, timeout=CONNECT_SECONDS)
        except (OSError, ValueError, TypeError) as error:
            raise UsageError(f"--dask {scheduler}: cannot reach the scheduler ({error})") from None
        with client:
            yield client
        return
    with (
        dask.config.set({"distributed.scheduler.allowed-failures": ALLOWED_FAILURES}),
        # Its dashboard on a free port: a taken default port would be a warning on standard error.
        LocalCluster(
            n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=":0"
        ) as cluster,
        Client(cluster) as client,
    ):
        yield client


def _plans(
    rules: Sequence[Rule],
    rules_for: Callable[[str], Sequence[Rule]] | None,
    options: LoadOptions,
    catalogue: Catalogue | None,
    measure: bool,
) -> Plans:
    names = suppress.rule_names(catalogue.rules if catalogue else rules)
    return Plans(tuple(rules), rules_for, names, options, measure, uuid.uuid4().hex)


class BagRun:
    """A run over a bag on the current Dask scheduler, as engine.RunStream runs over sources: `files`
    gives each file's result, final but for corpus findings, in the bag's order; then `finish` the
    corpus findings and the run's notes. Partitions stay where they were checked until fetched."""

    def __init__(
        self,
        bag: dask.bag.Bag,
        plans: Plans,
        prepared: Preparation,
        split_every: int = SPLIT_EVERY,
        progress: Progress | None = None,
    ) -> None:
        self._bag, self._plans, self._prepared = bag, plans, prepared
        self._split_every, self._progress = split_every, progress
        self._client: Any = None
        self._shipped: Any = None
        self._parts: list[Any] = []
        """The checked partitions, here (local schedulers), or, on a cluster, what `finish` needs of
        them (their results left out once given): futures, or Delayed values for repaired ones."""

    def files(self) -> Iterator[FileResult]:
        shipped = dask.delayed(self._plans, name=f"mtqa-rules-{self._plans.token}", traverse=False)
        with dask.annotate(priority=_first_first):
            parts = self._bag.map_partitions(_check_partition, shipped)
        self._client = _current_client()
        if self._client is None:  # the local schedulers lose no workers: every partition at once
            self._parts = list(dask.compute(*parts.to_delayed()))
            for part in self._parts:
                yield from part[0][0]
            return
        self._shipped = shipped
        self._parts = yield from _streamed(
            self._client, parts, self._bag, shipped, self._plans, self._progress
        )

    collect = RunStream.collect
    """The whole run at once, as the engine's stream gives it: through `files` and `finish`."""

    def finish(self) -> RunTail:
        """The partial phases merged up a tree on the cluster, reduced here, their findings placed."""
        if self._client is None:
            empty = CorpusPhase.for_plans([], self._plans.names)
            phase = _merged([part[0][1] for part in self._parts] or [empty])
            placing = [source for part in self._parts for source in part[0][2]]
        else:
            parts = dask.bag.from_delayed(
                _survived(self._client, self._parts, self._bag, self._shipped, self._plans)
            )
            merged = parts.pluck(1).reduction(_merged, _merged, split_every=self._split_every)
            phase, placing = dask.compute(merged, parts.pluck(2).flatten())
        self._parts = []
        on_disk = [source for source in placing if source.path is not None]
        findings, cross_file, unplaced = phase.findings(on_disk)
        unread = {source.display for source in placing if source.path is None} & unplaced.keys()
        if unread:  # texts of the bag with corpus findings (not placed without them): fetch them, place again
            texts = self._bag.map_partitions(_texts, sorted(unread), self._plans.options).compute()
            findings, cross_file, unplaced = phase.findings([*on_disk, *texts])
        prepared = self._prepared
        return RunTail(findings, cross_file, unplaced, prepared.unavailable, prepared.not_configured)


class DaskStream(BagRun):
    """engine.RunStream on a Dask cluster, for `mtqa check --dask SCHEDULER`: the same arguments
    (but `jobs`: the cluster has its workers), the same files and tail. `scheduler` is an address,
    or `local` for `workers` processes on this machine; the client (and a local cluster) opens
    when the files are first asked for and closes with `finish`."""

    def __init__(
        self,
        scheduler: str,
        sources: Sequence[Source],
        rules: Sequence[Rule],
        *,
        rules_for: Callable[[str], Sequence[Rule]] | None = None,
        progress: Progress | None = None,
        catalogue: Catalogue | None = None,
        measure: bool = True,
        workers: int = LOCAL_WORKERS,
    ) -> None:
        per_file = [rules_for(source.display) for source in sources] if rules_for else []
        # as engine.run: a bad option fails the run here
        prepared = prepare(distinct_rules([rules, *per_file]))
        plans = _plans(rules, rules_for, LoadOptions(), catalogue, measure)
        bag = dask.bag.from_sequence(sources, partition_size=FILES_PER_PARTITION)
        told = _partition_progress(progress, len(sources)) if progress else None
        super().__init__(bag, plans, prepared, SPLIT_EVERY, told)
        self._connection = ExitStack()
        self._scheduler, self._workers = scheduler, workers

    def files(self) -> Iterator[FileResult]:
        self._connection.enter_context(_client(self._scheduler, self._workers))
        try:
            yield from super().files()
        except BaseException:
            self._connection.close()
            raise

    def finish(self) -> RunTail:
        with self._connection:
            return super().finish()


def _files_of(part: list[Part]) -> list[FileResult]:
    return part[0][0]


def _rest_of(part: list[Part]) -> list[Part]:
    """What `finish` needs of a checked partition: all but its files' results."""
    [(_, phase, placing)] = part
    return [([], phase, placing)]


def _current_client() -> Any:
    """The distributed client Dask computes with, if any (the local schedulers lose no workers)."""
    try:
        from distributed import default_client

        return default_client()
    except (ImportError, ValueError):
        return None


def _first_first(key: Any) -> int:
    """A task's priority: partitions in the bag's order, for files to be given as soon as they are checked
    (Dask would otherwise run the last partitions first)."""
    return -key[1] if isinstance(key, tuple) else 0


def _streamed(
    client: Any,
    parts: dask.bag.Bag,
    bag: dask.bag.Bag,
    shipped: Any,
    plans: Plans,
    progress: Progress | None,
) -> Generator[FileResult, None, list[Any]]:
    """Each partition's files in the bag's order, fetched as soon as it is checked, so that workers
    do not hold them; returns what `finish` needs of each partition (see `_rest_of`).

    Dask computes a task again when its worker dies, up to the scheduler's allowed-failures;
    past that, the partition is checked again a file at a time, so only a file that kills
    every worker reading it is lost (it becomes that file's error).
    """
    from distributed import wait

    futures: list[Any] = client.compute(parts.to_delayed(optimize_graph=False))  # keeps the priorities
    rests: list[Any] = []
    for index, future in enumerate(futures):
        wait(future)
        # Taken ahead of the checks still queued, or it would wait for every partition to be checked.
        taken = None if _killed(future) else client.submit(_files_of, future, priority=1)
        if taken is not None:
            wait(taken)
        if taken is None or _killed(taken):  # its workers kept dying (taking its files, too, counts)
            part = _one_by_one(client, bag, index, shipped, plans)
            files = _files_of(part)
            rests.append(dask.delayed(_rest_of(part), traverse=False))
        else:
            files = taken.result()
            rests.append(client.submit(_rest_of, future, priority=1))
        futures[index] = None  # the partition's results leave the cluster once taken
        if progress:
            progress(index + 1, len(futures))
        yield from files
    return rests


def _survived(client: Any, rests: list[Any], bag: dask.bag.Bag, shipped: Any, plans: Plans) -> list[Any]:
    """The rests of the partitions once all are done. A repair that killed a worker may have taken
    some with it: Dask computes them again, and past allowed-failures they are repaired in turn."""
    from distributed import Future, wait

    while True:
        wait([rest for rest in rests if isinstance(rest, Future)])
        killed = [i for i, rest in enumerate(rests) if isinstance(rest, Future) and _killed(rest)]
        if not killed:
            return rests
        for index in killed:
            rests[index] = dask.delayed(
                _rest_of(_one_by_one(client, bag, index, shipped, plans)), traverse=False
            )


def _one_by_one(client: Any, bag: dask.bag.Bag, index: int, shipped: Any, plans: Plans) -> list[Part]:
    """Partition `index` checked a file per task, as one part again; files whose worker died are errors.

    A task that was on a worker when another file killed it fails too: each failed file is tried
    again alone, one at a time, so only a file that kills every worker reading it is an error.
    """
    from distributed import wait

    # Here, not on the cluster: its scheduler holds the partition's key as failed with its checks.
    elements = bag.to_delayed(optimize_graph=False)[index].compute(scheduler="sync")
    futures = client.compute([_check_alone(element, shipped) for element in elements])
    wait(futures)
    parts = []
    for future, element in zip(futures, elements):
        if _killed(future):
            future = client.compute(_check_alone(element, shipped))
            wait(future)
        parts.append(_died(element, plans) if _killed(future) else future.result()[0])
    results = [result for part in parts for result in part[0]]
    placing = [source for part in parts for source in part[2]]
    return [(results, _merged(part[1] for part in parts), placing)]


def _check_alone(element: Any, shipped: Any) -> Any:
    """A task of one file, under a key of its own each time (a failed key stays failed on the scheduler)."""
    return dask.delayed(_check_partition, pure=False)([element], shipped)


def _killed(future: Any) -> bool:
    """Whether the task's workers kept dying; any other failure is a bug, raised here."""
    from distributed import KilledWorker

    if future.status != "error":
        return False
    if isinstance(future.exception(), KilledWorker):
        return True
    raise future.exception()


DIED = (
    "the worker process checking this file died each time it was tried (out of memory?); it was not checked"
)


def _died(element: Any, plans: Plans) -> Part:
    source = as_source(element, plans.options)
    path = source.display if isinstance(source, Source) else source.result.path
    return [FileResult(path, error=DIED)], CorpusPhase.for_plans([], plans.names), []


def _check_partition(elements: Iterable[Any], plans: Plans) -> list[Part]:
    """One partition's final file results (but for corpus findings), its partial corpus phase,
    and the Sources to place its corpus findings through (a text's without the text: see `_texts`)."""
    worker = _worker(plans)
    sources = [as_source(element, plans.options) for element in elements]
    checked = [worker.check(source) if isinstance(source, Source) else (source, ()) for source in sources]
    phase = CorpusPhase.for_plans([plan for _, plan in checked], plans.names)
    results, placing = [], []
    for source, (outcome, plan) in zip(sources, checked):
        results.append(phase.add(outcome, plan))
        if isinstance(source, Source) and source.display in phase.files:
            placing.append(source if source.data is None else replace(source, data=None))
    return [(results, phase, placing)]


def _merged(phases: Iterable[CorpusPhase]) -> CorpusPhase:
    """Partial phases as one, in the bag's order (which files a cross-file finding names first)."""
    phases = iter(phases)
    merged = next(phases)
    for phase in phases:
        merged = merged.merge(phase)
    return merged


def _included(element: Any, excluded: Callable[[str], bool]) -> bool:
    """Whether a bag's element is a file the configuration does not exclude (texts never are)."""
    if isinstance(element, (str, os.PathLike)):
        return not excluded(Path(element).as_posix())
    return not (isinstance(element, Source) and element.path is not None and excluded(element.display))


def _texts(elements: Iterable[Any], displays: Sequence[str], options: LoadOptions) -> list[Source]:
    """The Sources of the bag's texts named, to place their corpus findings."""
    wanted = set(displays)
    sources = (as_source(element, options) for element in elements)
    return [source for source in sources if isinstance(source, Source) and source.display in wanted]


def as_source(element: Any, options: LoadOptions) -> Source | FileOutcome:
    """A bag's element as a Source; an element of no known shape is a file that failed, by its repr."""
    if isinstance(element, Source):
        return element
    if isinstance(element, (str, os.PathLike)):
        path = Path(element)
        return Source(path.as_posix(), path=path, options=options)
    if isinstance(element, tuple) and len(element) == 2 and isinstance(element[1], (str, bytes)):
        name, text = element
        data = text.encode("utf-8") if isinstance(text, str) else text
        return Source(str(name), data=data, options=options)
    problem = "not a path, a Source or a (name, text) pair"
    return FileOutcome(FileResult(repr(element)[:200], error=problem), {})


class _Worker:
    """A worker process's rules for one run: each file's plan, prepared the first time it is met."""

    def __init__(self, plans: Plans) -> None:
        self.plans = plans
        self._ready: dict[tuple[int, ...], tuple[Rule, ...]] = {}
        self._lock = threading.Lock()

    def check(self, source: Source) -> tuple[FileOutcome, tuple[Rule, ...]]:
        try:
            plan = self._plan(source.display)
        except UsageError as error:  # an override's option this worker cannot use: the file's error
            return FileOutcome(FileResult(source.display, error=str(error)), {}), ()
        return check_source(source, plan, self.plans.measure), plan

    def _plan(self, path: str) -> tuple[Rule, ...]:
        rules_for = self.plans.rules_for
        plan = tuple(rules_for(path)) if rules_for else self.plans.rules
        key = tuple(map(id, plan))  # Settings hands out the same rule objects for the same overrides
        with self._lock:
            if key not in self._ready:
                self._ready[key] = tuple(prepare(plan).ready)
            return self._ready[key]


_WORKERS: dict[str, _Worker] = {}
_WORKERS_LOCK = threading.Lock()
RUNS_KEPT = 4
"""Runs whose prepared rules a worker process keeps (a long-lived cluster serves many runs)."""


def _worker(plans: Plans) -> _Worker:
    """This process's rules for the run, from the first copy of `plans` to arrive (later copies are equal)."""
    with _WORKERS_LOCK:
        worker = _WORKERS.pop(plans.token, None) or _Worker(plans)
        _WORKERS[plans.token] = worker
        while len(_WORKERS) > RUNS_KEPT:
            del _WORKERS[next(iter(_WORKERS))]
        return worker
