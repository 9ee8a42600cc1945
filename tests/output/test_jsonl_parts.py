"""`--format jsonl --output DIR/`: the stream in parts, cut between records, each with at most N files."""

from __future__ import annotations

import json
from pathlib import Path

from tests.output.test_jsonl import MAJOR, MINOR, mtqa


def archive(folder: Path, count: int) -> Path:
    """Files that spell a name two ways, so corpus and cross_file records come after the files."""
    folder.mkdir()
    for number in range(count):
        (folder / f"{number:03d}.txt").write_text(MINOR if number == 3 else MAJOR, encoding="utf-8")
    return folder


def test_the_parts_read_in_order_are_the_single_stream(tmp_path: Path) -> None:
    files = archive(tmp_path / "archive", 25)
    single = mtqa("check", str(files), "--format", "jsonl", "--jobs", "1")
    parted = mtqa(
        "check",
        str(files),
        "--format",
        "jsonl",
        "--jobs",
        "1",
        "--output",
        f"{tmp_path / 'out'}/",
        "--files-per-part",
        "10",
    )
    assert parted.returncode == single.returncode == 0, parted.stderr
    parts = sorted((tmp_path / "out").glob("part-*.jsonl"))
    assert [part.name for part in parts] == ["part-00001.jsonl", "part-00002.jsonl", "part-00003.jsonl"]
    assert "".join(part.read_text(encoding="utf-8") for part in parts) == single.stdout
    kinds = [
        [json.loads(line)["record"] for line in part.read_text(encoding="utf-8").splitlines()]
        for part in parts
    ]
    assert [kind.count("file") for kind in kinds] == [10, 10, 5]
    assert kinds[-1][-3:] == ["corpus", "cross_file", "summary"], "what needs every file comes last"


def test_an_existing_folder_is_written_in_parts_but_never_over_an_earlier_run(tmp_path: Path) -> None:
    files = archive(tmp_path / "archive", 3)
    out = tmp_path / "out"
    out.mkdir()
    first = mtqa("check", str(files), "--format", "jsonl", "--output", str(out))
    assert first.returncode == 0, first.stderr
    assert [p.name for p in out.iterdir()] == ["part-00001.jsonl"]
    again = mtqa("check", str(files), "--format", "jsonl", "--output", str(out))
    assert again.returncode == 2
    assert f"{out} holds the parts of an earlier run: empty it first" in again.stderr
    assert "Traceback" not in again.stderr
