"""`mtqa check --dask SCHEDULER`: the same output as a local run, JSON and JSON Lines alike."""

from __future__ import annotations

import subprocess
import sys

import pytest

from tests.conftest import ROOT, SEEDS

pytest.importorskip("distributed")


def mtqa(*arguments: str) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "qa", "check", str(SEEDS), *arguments, "--no-config", "--quiet"]
    return subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=False, timeout=300)


@pytest.mark.parametrize("format", ["json", "jsonl"])
def test_a_local_cluster_prints_what_a_local_run_prints(format: str) -> None:
    local, cluster = mtqa("--format", format, "--jobs", "1"), mtqa("--format", format, "--dask", "local")
    assert cluster.returncode == local.returncode == 1, cluster.stderr
    assert cluster.stdout == local.stdout


def test_a_scheduler_that_cannot_be_reached_is_a_one_line_error() -> None:
    done = mtqa("--dask", "tcp://127.0.0.1:9")
    assert done.returncode == 2 and done.stdout == ""
    assert done.stderr.startswith("mtqa: error:") and len(done.stderr.strip().splitlines()) == 1
