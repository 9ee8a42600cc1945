"""The long fuzz run: many generated and mutated files per format, every failure counted and shrunk.

    python benchmarks/fuzz.py --per-format 100000               # every format: ~2.5 h CPU, 14-27 ms an input
    python benchmarks/fuzz.py --per-format 5000 --format docx --seed 7

Each input is one file drawn from tests/fuzz/files.py and checked as tests/fuzz does: the
loader returns a Document or refuses the file with one line (with and without --guess-encoding);
the engine with `mtqa check`'s default rules gives the file a result, its findings inside the text
at their line and column; JSON, SARIF and JUnit parse, text output carries no terminal controls;
no input takes over LIMIT_CPU seconds.
Unlike pytest, the run goes on after a failure: failures are grouped by exception and the place
it was raised, and each group is shrunk to a minimal reproducer at the end. The last line per
format is the result the README quotes, e.g. `docx: 100000 inputs, 0 failures, 812 s CPU`.
Exit status 1 when anything failed.
"""

from __future__ import annotations

import argparse
import os
import signal
import sys
import time
import traceback
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from hypothesis import HealthCheck, Phase, find, given, seed, settings
from hypothesis.errors import NoSuchExample

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from qa.loaders import LoadOptions
from tests.fuzz.files import FILES
from tests.fuzz.properties import check_files, loaded

LIMIT_CPU = 10.0
"""Seconds of CPU one small input may take before it counts as a hang (they take milliseconds)."""
SHRINK_EXAMPLES = 2000
"""Examples tried to find a failure again and shrink it; a rarer failure keeps the smallest input seen."""

File = tuple[str, bytes]


class TooSlow(Exception):
    """Raised inside a check that ran past LIMIT_CPU."""


@dataclass
class Failure:
    message: str
    count: int = 0
    smallest: File | None = None


@dataclass
class Outcome:
    format_name: str
    inputs: int = 0
    cpu: float = 0.0
    failures: dict[str, Failure] = field(default_factory=dict)

    @property
    def failed(self) -> int:
        return sum(failure.count for failure in self.failures.values())

    def summary(self) -> str:
        kinds = f" ({len(self.failures)} distinct)" if self.failures else ""
        return (
            f"{self.format_name}: {self.inputs} inputs, {self.failed} failures{kinds}, {self.cpu:.0f} s CPU"
        )


def check_file(file: File) -> None:
    """Every property of tests/fuzz on one file."""
    with cpu_limit(LIMIT_CPU):
        loaded(*file)
        loaded(*file, LoadOptions(guess_encoding=True))
        check_files([file])


@contextmanager
def cpu_limit(seconds: float) -> Iterator[None]:
    """TooSlow once the block has spent `seconds` of CPU (not wall clock: the machine may be shared)."""

    def expire(signum: int, frame: object) -> None:
        raise TooSlow(f"over {seconds:.0f} s CPU")

    previous = signal.signal(signal.SIGVTALRM, expire)
    signal.setitimer(signal.ITIMER_VIRTUAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_VIRTUAL, 0)
        signal.signal(signal.SIGVTALRM, previous)


def failure_key(error: BaseException) -> str:
    """The exception's type and the innermost place in mtqa (or in the properties) that it passed."""
    frames = traceback.extract_tb(error.__traceback__)
    ours = [f for f in frames if f"{os.sep}qa{os.sep}" in f.filename or f"{os.sep}fuzz{os.sep}" in f.filename]
    where = (ours or frames or [None])[-1]
    place = f"{Path(where.filename).name}:{where.lineno}" if where else "?"
    return f"{type(error).__name__} at {place}"


def failing_key(file: File) -> str | None:
    try:
        check_file(file)
    except Exception as error:  # noqa: BLE001 - every failure is counted, none stops the run
        return failure_key(error)
    return None


def fuzz(format_name: str, inputs: int, run_seed: int) -> Outcome:
    outcome = Outcome(format_name)

    @settings(
        max_examples=inputs,
        database=None,
        deadline=None,
        phases=[Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    @seed(run_seed)
    @given(FILES[format_name])
    def one(file: File) -> None:
        outcome.inputs += 1
        try:
            check_file(file)
        except Exception as error:  # noqa: BLE001 - every failure is counted, none stops the run
            failure = outcome.failures.setdefault(
                failure_key(error), Failure(f"{type(error).__name__}: {error}")
            )
            failure.count += 1
            if failure.smallest is None or len(file[1]) < len(failure.smallest[1]):
                failure.smallest = file

    started = time.process_time()
    one()
    outcome.cpu = time.process_time() - started
    for key, failure in outcome.failures.items():
        failure.smallest = shrunk(format_name, key) or failure.smallest
    return outcome


def shrunk(format_name: str, key: str) -> File | None:
    """A minimal file that fails the same way, if one turns up again within SHRINK_EXAMPLES."""
    try:
        return find(
            FILES[format_name],
            lambda file: failing_key(file) == key,
            settings=settings(
                max_examples=SHRINK_EXAMPLES,
                database=None,
                deadline=None,
                suppress_health_check=list(HealthCheck),
            ),
        )
    except NoSuchExample:
        return None


def report(outcome: Outcome) -> None:
    for key, failure in sorted(outcome.failures.items(), key=lambda item: -item[1].count):
        print(f"  {failure.count} x {key}: {failure.message[:300]}")
        print(f"    reproducer: {failure.smallest!r}"[:2000])
    print(outcome.summary(), flush=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--per-format", type=int, default=100_000, metavar="N", help="inputs per format")
    parser.add_argument(
        "--format", choices=sorted(FILES), action="append", help="only this format (repeatable)"
    )
    parser.add_argument(
        "--seed", type=int, default=0, help="Hypothesis seed: the same seed draws the same inputs"
    )
    arguments = parser.parse_args(argv)
    outcomes = []
    for format_name in arguments.format or sorted(FILES):
        outcomes.append(fuzz(format_name, arguments.per_format, arguments.seed))
        report(outcomes[-1])
    return 1 if any(outcome.failures for outcome in outcomes) else 0


if __name__ == "__main__":
    sys.exit(main())
