"""What does checking one small file cost, next to proselint? Whole processes, CPU, paired runs.

Issue 14 asks that a one-file `mtqa check` cost at most 1.5x the CPU of `proselint check` on
the same file: start-up (imports, the catalogue, data tables) is most of it. Both tools run as
an installed tool runs, from bytecode: pip compiles a package when it installs it, where a
checkout run with PYTHONDONTWRITEBYTECODE set would compile mtqa's source every time. So the
children write their bytecode to a folder of their own, and one warm-up run of each fills it
(and mtqa's table cache). The tools alternate run by run; printed: the median and spread of
their CPU, their ratio, and `python -c pass` as the floor.

    python benchmarks/startup.py [--runs 7] [--rules] [FILE]

`--rules` adds each rule alone (`--select RULE`) and what it costs over the cheapest one: its
imports, data and check on one file, what a run that does not select it saves.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # run as a script from anywhere
from benchmarks import process  # noqa: E402
from benchmarks.process import ROOT  # noqa: E402

DEFAULT_FILE = ROOT / "seeds" / "000_4ba9a3a3582aff3b.txt"
TARGET = 1.5
"""Issue 14: a one-file check at most this many times proselint's CPU."""


def with_bytecode(folder: Path) -> dict[str, str]:
    """The environment of a child that reads and writes its bytecode in `folder`."""
    env = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPYCACHEPREFIX"] = str(folder)
    return env


def cpu_times(commands: dict[str, Sequence[str]], runs: int, env: dict[str, str]) -> dict[str, list[float]]:
    """CPU seconds of each command, `runs` times, the commands taking turns after a warm-up run each."""
    for command in commands.values():
        process.run(command, env=env)
    times: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(runs):
        for name, command in commands.items():
            cost = process.run(command, env=env)
            if cost.exit_code not in (0, 1):
                raise SystemExit(f"startup: {' '.join(command)} failed:\n{cost.stderr}")
            times[name].append(cost.cpu)
    return times


def spread_ms(values: Sequence[float]) -> str:
    return f"median {statistics.median(values) * 1000:5.0f} ms (min {min(values) * 1000:.0f}, max {max(values) * 1000:.0f})"


def rule_ids() -> list[str]:
    return sorted(path.stem for path in (ROOT / "rules").glob("*.yaml"))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("file", nargs="?", type=Path, default=DEFAULT_FILE, metavar="FILE")
    parser.add_argument("--runs", type=int, default=7, help="paired runs (default: 7)")
    parser.add_argument("--rules", action="store_true", help="also each rule alone")
    arguments = parser.parse_args(argv)
    path = arguments.file.resolve()
    commands = {"python -c pass": [sys.executable, "-c", "pass"], "mtqa": process.mtqa_check(path)}
    proselint = shutil.which("proselint")
    if proselint:
        commands["proselint"] = [proselint, "check", str(path)]
    with tempfile.TemporaryDirectory(prefix="mtqa-startup-") as bytecode:
        env = with_bytecode(Path(bytecode))
        times = cpu_times(commands, arguments.runs, env)
        print(
            f"One file ({path.name}, {path.stat().st_size:,} bytes), CPU of the whole process, {arguments.runs} runs:"
        )
        for name, values in times.items():
            print(f"  {name:<15} {spread_ms(values)}")
        if proselint:
            ratio = statistics.median(times["mtqa"]) / statistics.median(times["proselint"])
            print(f"  mtqa costs {ratio:.2f}x proselint's CPU (target: at most {TARGET}x)")
        else:
            print("  proselint is not installed (pip install -e '.[bench]'): mtqa alone")
        if arguments.rules:
            alone = {rule: process.mtqa_check(path, "--select", rule) for rule in rule_ids()}
            medians = {
                rule: statistics.median(values)
                for rule, values in cpu_times(alone, arguments.runs, env).items()
            }
            cheapest = min(medians.values())
            print("\nEach rule alone (--select RULE), and its cost over the cheapest:")
            for rule, median in sorted(medians.items(), key=lambda item: -item[1]):
                print(f"  {rule:<26} {median * 1000:5.0f} ms  +{(median - cheapest) * 1000:4.0f} ms")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
