"""`mtqa check --jobs 2` says exactly what `--jobs 1` says, about a folder of generated files of every format.

And says it well: JSON on stdout, one `mtqa: ` line per message on stderr (no traceback), exit
status 2 when a file could not be checked, every file in the output as checked or as an error.
Each example starts the command twice, so this test draws a twentieth of the profile's examples.
"""

from __future__ import annotations

import json
import subprocess
import tempfile
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from tests.fuzz.files import any_file

FILES_PER_FOLDER = 8
"""Enough for two workers: the engine gives each at least four files."""


def checked(mtqa: list[str], folder: Path, jobs: int) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*mtqa, "check", ".", "--no-config", "--format", "json", "--jobs", str(jobs)],
        cwd=folder,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


@settings(max_examples=max(3, settings.default.max_examples // 20))
@given(st.lists(any_file(), min_size=FILES_PER_FOLDER, max_size=FILES_PER_FOLDER))
def test_two_workers_agree_with_one(mtqa: list[str], files: list[tuple[str, bytes]]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        names = [f"{i}-{name}" for i, (name, _) in enumerate(files)]
        for name, (_, contents) in zip(names, files):
            (Path(folder) / name).write_bytes(contents)
        one, two = checked(mtqa, Path(folder), 1), checked(mtqa, Path(folder), 2)
    assert (two.returncode, two.stdout, two.stderr) == (one.returncode, one.stdout, one.stderr)
    assert all(line.startswith("mtqa: ") for line in one.stderr.splitlines()), one.stderr
    reported = json.loads(one.stdout)
    assert {entry["path"] for entry in reported["files"] + reported["errors"]} == set(names)
    assert one.returncode in ((2,) if reported["errors"] else (0, 1)), one.stderr
