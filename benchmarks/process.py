"""One whole `mtqa` (or peer) process, charged its own CPU time and peak memory.

Every speed script measures this way: os.wait4 reports the resources of the child it waited
for alone, where RUSAGE_CHILDREN adds up every earlier child and keeps the largest peak of
them all. The child's own children (`--jobs` workers) are in its figures once it has waited
for them, as mtqa does before it exits: CPU is the sum of all its processes, the peak that
of the largest one; the child's own share is read from /proc before it is reaped. Standard
error goes to a file, not a pipe nobody reads while the child runs.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Cost:
    cpu: float
    """Seconds of user and system time."""
    wall: float
    peak_mb: float
    exit_code: int
    stderr: str
    own_cpu: float | None = None
    """Seconds of the process itself, its children (`--jobs` workers) left out; None without /proc."""


def run(command: Sequence[str], *, cwd: Path = ROOT, env: dict[str, str] | None = None) -> Cost:
    """Run `command` to its end, output thrown away, and say what it cost."""
    with tempfile.TemporaryFile() as errors:
        started = time.perf_counter()
        process = subprocess.Popen(command, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=errors)
        os.waitid(os.P_PID, process.pid, os.WEXITED | os.WNOWAIT)
        wall = time.perf_counter() - started
        own = own_cpu(process.pid)
        _, status, usage = os.wait4(process.pid, 0)
        errors.seek(0)
        stderr = errors.read().decode(errors="replace")
    return Cost(
        usage.ru_utime + usage.ru_stime,
        wall,
        usage.ru_maxrss / 1024,
        os.waitstatus_to_exitcode(status),
        stderr,
        own,
    )


def own_cpu(pid: int) -> float | None:
    """CPU seconds of an ended, not yet reaped process alone, from /proc (its children are apart there)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    fields = stat.rsplit(")", 1)[1].split()  # after the command name, which may hold spaces
    utime, stime = int(fields[11]), int(fields[12])  # fields 14 and 15 of proc(5)
    return (utime + stime) / os.sysconf("SC_CLK_TCK")


def mtqa_check(path: Path, *extra: str, jobs: int = 1) -> list[str]:
    """`mtqa check PATH` as the benchmarks run it: JSON, no configuration, one process unless told."""
    return [
        sys.executable,
        "-m",
        "qa",
        "check",
        str(path),
        "--format",
        "json",
        "--no-config",
        "--jobs",
        str(jobs),
        *extra,
    ]


def spread(values: Sequence[float]) -> str:
    return f"median {statistics.median(values):6.2f} s (min {min(values):.2f}, max {max(values):.2f})"
