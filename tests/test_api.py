"""qa.api: the command line's runs from Python, file by file, with the same findings."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from qa import api
from qa.errors import UsageError
from qa.output.json import to_dict
from tests.conftest import ROOT, SEEDS


def cli_json(*arguments: str) -> dict:
    command = [sys.executable, "-m", "qa", "check", *arguments, "--format", "json", "--no-config"]
    return json.loads(subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=False).stdout)


def test_the_whole_run_is_what_the_command_line_prints() -> None:
    results = api.check([SEEDS], no_config=True).results()
    printed = cli_json(str(SEEDS))
    mine = to_dict(results)
    assert mine["files"] == printed["files"] and mine["summary"] == printed["summary"]
    assert mine["cross_file"] == printed["cross_file"]


def test_files_come_one_by_one_and_the_corpus_findings_last() -> None:
    run = api.check([SEEDS], no_config=True)
    seen = [result.path for result in run]
    assert seen == sorted(str(path.as_posix()) for path in SEEDS.glob("*.txt"))
    tail = run.finish()
    (path,) = tail.findings
    assert path.endswith("002_fccc3799612edf3c.txt")
    assert [f.rule for f in tail.findings[path]] == ["name-variant"]
    assert "name-variant" in tail.cross_file


def test_texts_in_memory_are_checked_by_name_and_format() -> None:
    texts = {
        "story.txt": "There can be no No bargaining.",
        "page.md": "# Talks\n\nThey met in Geneva. this Friday.\n",
    }
    chosen = ["duplicated-word", "lowercase-sentence-start"]
    results = api.check(texts=texts, no_config=True, select=chosen).results()
    assert [(r.path, [f.rule for f in r.findings]) for r in results.files] == [
        ("story.txt", ["duplicated-word"]),
        ("page.md", ["lowercase-sentence-start"]),
    ]


def test_an_unknown_rule_is_the_command_lines_error_and_a_bad_file_is_that_files() -> None:
    with pytest.raises(UsageError, match="no-such-rule"):
        api.check(texts={"a.txt": "x"}, no_config=True, select=["no-such-rule"])
    results = api.check([ROOT / "missing.txt"], texts={"a.txt": "Fine."}, no_config=True).results()
    assert results.errors == (f"{(ROOT / 'missing.txt').as_posix()}: no such file or directory",)
    assert [r.path for r in results.files] == ["a.txt"]
