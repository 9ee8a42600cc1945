"""`--format jsonl`: records written as the run goes, the same findings as the JSON, flat memory."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

from tests.conftest import ROOT, SEEDS

MAJOR = "Antony Blinken met Dmytro Kuleba in Kyiv on Friday, and Blinken said the talks went well.\n"
MINOR = "Anthony Blinken met Dmytro Kuleba in Kyiv on Friday, and Blinken said the talks went well.\n"


def mtqa(*arguments: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "qa", *arguments, "--no-config"]
    return subprocess.run(command, cwd=cwd, capture_output=True, text=True, check=False)


def records(output: str) -> list[dict]:
    return [json.loads(line) for line in output.splitlines()]


def test_the_records_hold_what_the_json_holds() -> None:
    lines = mtqa("check", str(SEEDS), "--format", "jsonl")
    whole = json.loads(mtqa("check", str(SEEDS), "--format", "json").stdout)
    found = records(lines.stdout)
    kinds = [r["record"] for r in found]
    assert kinds == ["file", "file", "corpus", "cross_file", "summary"], kinds
    by_path: dict[str, list[dict]] = defaultdict(list)
    for record in found:
        if record["record"] in ("file", "corpus"):
            by_path[record["path"]] += record["findings"]
    for entry in whole["files"]:
        assert sorted(by_path[entry["path"]], key=lambda f: f["start"]) == entry["findings"]
    summary = found[-1]
    assert {key: summary[key] for key in ("files", "findings", "by_severity", "by_rule")} == whole["summary"]
    (row,) = [r for r in found if r["record"] == "cross_file"]
    assert whole["cross_file"][row["rule"]][row["related_key"]] == row["files"]
    assert lines.returncode == 1


def test_each_line_is_one_json_object_even_for_odd_file_names(tmp_path: Path) -> None:
    (tmp_path / "odd\nname.txt").write_text("There can be no No bargaining.\n", encoding="utf-8")
    found = mtqa("check", str(tmp_path), "--format", "jsonl")
    assert [r["record"] for r in records(found.stdout)] == ["file", "summary"]


def test_an_unreadable_file_is_an_error_record_and_the_others_are_kept(tmp_path: Path) -> None:
    (tmp_path / "good.txt").write_text("There can be no No bargaining.\n", encoding="utf-8")
    (tmp_path / "bad.txt").write_bytes(b"\xff\xfe\x00\x00 not text \x00\x01")
    done = mtqa("check", str(tmp_path), "--format", "jsonl")
    found = records(done.stdout)
    errors = [r for r in found if r["record"] == "error"]
    assert [e["path"] for e in errors] == [str(tmp_path / "bad.txt")]
    assert any(r["record"] == "file" and r["path"].endswith("good.txt") for r in found)
    assert done.returncode == 2 and done.stderr.count("mtqa: error:") == 1


def test_a_baseline_hides_its_findings_file_by_file(tmp_path: Path) -> None:
    baseline = tmp_path / "baseline.json"
    assert mtqa("check", str(SEEDS), "--write-baseline", str(baseline)).returncode in (0, 1)
    done = mtqa("check", str(SEEDS), "--format", "jsonl", "--baseline", str(baseline))
    assert records(done.stdout)[-1]["findings"] == 0 and done.returncode == 0
    assert "hidden by the baseline" in done.stderr


def test_what_needs_every_finding_at_once_is_refused_with_jsonl(tmp_path: Path) -> None:
    for extra in (["--report", str(tmp_path / "r")], ["--write-baseline", str(tmp_path / "b.json")]):
        done = mtqa("check", str(SEEDS), "--format", "jsonl", *extra)
        assert done.returncode == 2 and done.stdout == ""
        assert done.stderr.startswith("mtqa: error:") and "--format json" in done.stderr


def test_memory_does_not_grow_with_the_number_of_files(tmp_path: Path) -> None:
    """Peak memory of 10,000 files within 25% of 1,000's: nothing of a written file is kept (but
    its name, to be checked). The corpus rule is left out: it holds every file's names by design."""
    peaks = []
    for count in (1000, 10000):
        folder = tmp_path / str(count)
        folder.mkdir()
        for number in range(count):
            (folder / f"{number:05d}.txt").write_text(MINOR if number % 10 == 0 else MAJOR, encoding="utf-8")
        command = [sys.executable, "-m", "qa", "check", str(folder), "--format", "jsonl", "--no-config"]
        command += ["--jobs", "1", "--select", "spacing,duplicated-word,mid-sentence-capital"]
        with open(os.devnull, "w") as sink:
            process = subprocess.Popen(command, cwd=ROOT, stdout=sink, stderr=subprocess.DEVNULL)
            _, _, usage = os.wait4(process.pid, 0)
        peaks.append(usage.ru_maxrss)
    assert peaks[1] < 1.25 * peaks[0], peaks
