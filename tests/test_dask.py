"""qa.dask on a real cluster of two worker processes: the same results as `mtqa check --jobs 1`.

The corpus is a few hundred article-sized files of the seeds' copy, as benchmarks/scale.py
writes them: most name "Antony Blinken", every tenth mention spells "Anthony Blinken", so
name-variant's findings come only from the tree reduction of every partition's facts.
"""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

dask = pytest.importorskip("dask")
dask_bag = pytest.importorskip("dask.bag")
distributed = pytest.importorskip("distributed")

from benchmarks.scale import paragraphs, write_files
from qa import dask as qa_dask
from qa.config_file import Config, Override
from qa.engine import Discovery, RunStream, Source, discover, run
from qa.errors import UsageError
from qa.findings import Results
from qa.run_settings import resolve_settings
from tests.conftest import ROOT, SEEDS
from tests.helpers import CATALOGUE

FILES = 240
BUSIEST_RULE = "unbalanced-quote"
"""The rule the seeds' copy trips most often, turned off by an override in one test."""
PARTITIONS = 12


@pytest.fixture(scope="module")
def cluster():
    """Two worker processes; a task is tried again once when its worker dies, as `--dask local` does."""
    with (
        dask.config.set({"distributed.scheduler.allowed-failures": qa_dask.ALLOWED_FAILURES}),
        distributed.LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0"
        ) as cluster,
    ):
        yield cluster


@pytest.fixture
def client(cluster):
    with distributed.Client(cluster) as client:
        yield client


@pytest.fixture(scope="module")
def archive(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """FILES articles naming people of a small cast, every tenth with a variant spelling, and a
    file that cannot be read (a .docx that is no zip archive)."""
    folder = tmp_path_factory.mktemp("archive")
    pool, _ = paragraphs(SEEDS)  # no corpus there: the seeds' own paragraphs
    write_files(folder, pool, FILES, variants=0.1)
    (folder / "broken.docx").write_bytes(b"not a zip archive")
    return folder


def reference(found: Discovery, config: Config) -> Results:
    """What `mtqa check FOLDER --jobs 1 --no-config` finds, readability figures included."""
    settings = resolve_settings(config, CATALOGUE)
    return run(found.sources, settings.rules, rules_for=settings.rules_for, catalogue=CATALOGUE, jobs=1)


def name_variant_paths(results: Results) -> set[str]:
    return {f.path for f in results.findings if f.rule == "name-variant"}


def test_a_bag_of_paths_on_two_workers_finds_what_jobs_1_finds(client, archive: Path) -> None:
    config = Config(root=archive, exclude=("article_00002*",))
    excluded = resolve_settings(config, CATALOGUE).excluded
    expected = reference(discover([str(archive)], excluded=excluded), config)
    every_path = [source.display for source in discover([str(archive)]).sources]
    bag = dask_bag.from_sequence(every_path, npartitions=PARTITIONS)

    results = qa_dask.check(bag, config=config, catalogue=CATALOGUE)

    assert results == expected
    assert len(results.files) == FILES + 1 - 10, "the configuration's exclude globs hold for a bag too"
    flagged = name_variant_paths(results)
    assert len(flagged) >= FILES // 10 - 2 and "Antony Blinken" in results.cross_file["name-variant"]
    assert [r.path for r in results.files if r.error] == [f"{archive.as_posix()}/broken.docx"]
    prepared = client.run(lambda: [len(w._ready) for w in qa_dask._WORKERS.values()])
    assert sorted(prepared.values()) == [[1], [1]], "each worker prepares the run's rules once"


def test_a_bag_of_texts_finds_what_jobs_1_finds_on_the_same_texts(client) -> None:
    usual = "Antony Blinken met Dmytro Kuleba in Kyiv on Friday. Blinken said the talks went well.\n"
    texts = [
        (f"wire/{i:03d}.txt", usual.replace("Antony", "Anthony") if i % 7 == 0 else usual) for i in range(70)
    ]
    texts.append(("wire/latin-1.txt", "Caf\xe9 Blinken".encode("latin-1")))
    rules = CATALOGUE.select()
    expected = run([Source(name, data=_bytes(text)) for name, text in texts], rules, catalogue=CATALOGUE)

    results = qa_dask.check(dask_bag.from_sequence(texts, npartitions=5), rules, catalogue=CATALOGUE)

    assert results == expected
    assert name_variant_paths(results) == {f"wire/{i:03d}.txt" for i in range(0, 70, 7)}


def _bytes(text: str | bytes) -> bytes:
    return text.encode() if isinstance(text, str) else text


def test_an_element_of_no_known_shape_is_a_file_in_error_and_the_rest_are_checked(client) -> None:
    bag = dask_bag.from_sequence([("a.txt", "Fine copy.\n"), 42], npartitions=2)
    results = qa_dask.check(bag, CATALOGUE.select(), catalogue=CATALOGUE)
    assert [(r.path, r.error) for r in results.files] == [
        ("a.txt", None),
        ("42", "not a path, a Source or a (name, text) pair"),
    ]


def test_the_command_line_call_on_a_scheduler_address_equals_engine_run(cluster, archive: Path) -> None:
    """With what `mtqa check` passes: per-path overrides, discovery's errors and skipped files."""
    quiet = Override(paths=("article_00001*",), ignore=(BUSIEST_RULE,))
    settings = resolve_settings(Config(root=archive, overrides=(quiet,)), CATALOGUE)
    found = discover([str(archive)], excluded=lambda path: path.endswith("7.txt"))
    arguments = (found.sources, settings.rules, ["gone.txt: no such file or directory"])
    options = {
        "skipped": ["x: skipped"],
        "rules_for": settings.rules_for,
        "catalogue": CATALOGUE,
        "measure": False,
    }
    expected = run(*arguments, **options)

    results = qa_dask.run(cluster.scheduler_address, *arguments, **options)

    assert results == expected
    quieted = [f for f in results.findings if "article_00001" in f.path]
    assert quieted and BUSIEST_RULE not in {f.rule for f in quieted}
    assert BUSIEST_RULE in {f.rule for f in results.findings}


def test_the_stream_on_a_local_cluster_gives_what_the_engine_stream_gives(archive: Path) -> None:
    """`--dask local`: files one by one in input order, then the corpus tail; progress in files."""
    sources = discover([str(archive)]).sources[:150]
    rules = CATALOGUE.select()
    expected = RunStream(sources, rules, catalogue=CATALOGUE, measure=False)
    told: list[tuple[int, int]] = []
    stream = qa_dask.DaskStream(
        "local", sources, rules, catalogue=CATALOGUE, measure=False, progress=lambda *done: told.append(done)
    )

    assert list(stream.files()) == list(expected.files())
    tail = stream.finish()

    assert tail == expected.finish() and tail.findings
    assert told == [(100, 150), (150, 150)]


@dataclass(frozen=True)
class KillsItsWorker(Source):
    """A file whose reading kills the worker process reading it, its first `times` times (as an
    out-of-memory kill would); each death leaves a file named by the process id in `deaths`."""

    deaths: str = ""
    times: int = 1

    def load(self):
        if len(list(Path(self.deaths).iterdir())) >= self.times:
            return super().load()
        (Path(self.deaths) / str(os.getpid())).touch()
        os._exit(1)


def killer(source: Source, deaths: Path, times: int) -> KillsItsWorker:
    deaths.mkdir(exist_ok=True)
    return KillsItsWorker(source.display, source.path, deaths=str(deaths), times=times)


def test_a_worker_that_dies_mid_run_loses_nothing(client, archive: Path, tmp_path: Path) -> None:
    config = Config(root=archive)
    found = discover([str(archive)])
    expected = reference(found, config)
    sources = list(found.sources)
    doomed = FILES // 2  # in a middle partition, while the other worker is busy with its own
    sources[doomed] = killer(sources[doomed], tmp_path / "deaths", times=1)
    workers_before = set(client.scheduler_info()["workers"])

    results = qa_dask.check(
        dask_bag.from_sequence(sources, npartitions=PARTITIONS), config=config, catalogue=CATALOGUE
    )

    assert results == expected
    (dead,) = (int(death.name) for death in (tmp_path / "deaths").iterdir())
    with pytest.raises(ProcessLookupError):
        os.kill(dead, 0)
    assert set(client.scheduler_info()["workers"]) != workers_before, "a worker was lost and replaced"


def test_a_file_that_kills_every_worker_reading_it_is_an_error_and_nothing_else_is_lost(
    client, tmp_path: Path
) -> None:
    usual = "Antony Blinken met Dmytro Kuleba in Kyiv on Friday. Blinken said the talks went well.\n"
    for i in range(24):
        (tmp_path / f"{i:02d}.txt").write_text(usual.replace("Antony", "Anthony") if i % 5 == 0 else usual)
    sources = discover([str(tmp_path)]).sources
    poison = killer(sources[10], tmp_path / "deaths", times=1000)
    rules = CATALOGUE.select()
    expected = run([s for s in sources if s != sources[10]], rules, catalogue=CATALOGUE)

    results = qa_dask.check(
        dask_bag.from_sequence([*sources[:10], poison, *sources[11:]], npartitions=4),
        rules,
        catalogue=CATALOGUE,
    )

    assert [r.path for r in results.files if r.error] == [poison.display]
    assert results.files[10].error == qa_dask.DIED
    assert results.files[:10] + results.files[11:] == expected.files
    assert results.cross_file == expected.cross_file and name_variant_paths(results)
    assert len(list((tmp_path / "deaths").iterdir())) >= 2, "its partition died, then the file alone"


def test_without_a_cluster_the_local_schedulers_give_the_same_results(archive: Path) -> None:
    config = Config(root=archive)
    found = discover([str(archive)])
    bag = dask_bag.from_sequence([source.display for source in found.sources[:40]], npartitions=3)
    with dask.config.set(scheduler="synchronous"):
        results = qa_dask.check(bag, config=config, catalogue=CATALOGUE)
    assert results == reference(Discovery(found.sources[:40]), config)


def test_importing_it_without_dask_says_how_to_install_the_extra() -> None:
    blocked = "import sys; sys.modules['dask'] = None; import qa.dask"
    done = subprocess.run(
        [sys.executable, "-c", blocked], check=False, capture_output=True, text=True, cwd=ROOT
    )
    assert done.returncode == 1
    assert done.stderr.strip().splitlines()[-1] == (
        "ImportError: the Dask extra is not installed: pip install 'mtqa[dask]'"
    )


def test_a_scheduler_that_cannot_be_reached_is_a_usage_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(qa_dask, "CONNECT_SECONDS", 0.5)
    stream = qa_dask.DaskStream("tcp://127.0.0.1:1", [Source("a.txt", data=b"Copy.\n")], CATALOGUE.select())
    with pytest.raises(
        UsageError, match=r"^--dask tcp://127.0.0.1:1: cannot reach the scheduler \(Timed out"
    ):
        list(stream.files())


def test_mtqa_check_dask_local_writes_what_jobs_1_writes(
    mtqa: list[str], archive: Path, tmp_path: Path
) -> None:
    """The command line end to end: the same JSON Lines, byte for byte, and the same exit status."""
    outputs = []
    for flags in (["--jobs", "1"], ["--dask", "local"]):
        output = tmp_path / f"{flags[1]}.jsonl"
        command = [
            *mtqa,
            "check",
            str(archive),
            "--no-config",
            "--format",
            "jsonl",
            "--output",
            str(output),
            *flags,
        ]
        done = subprocess.run(command, check=False, capture_output=True, text=True, cwd=tmp_path)
        assert done.returncode == 2, done.stderr  # broken.docx cannot be read
        outputs.append(output.read_bytes())
    assert outputs[0] == outputs[1] and b'"rule":"name-variant"' in outputs[0]
