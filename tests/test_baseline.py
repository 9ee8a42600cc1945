"""The baseline: --write-baseline records every finding, --baseline reports only the new ones."""

from __future__ import annotations

import json
import os
import subprocess
from collections import Counter
from pathlib import Path

import pytest

from qa import baseline
from qa.engine import Source, run
from qa.findings import Results
from tests.helpers import CATALOGUE
from tests.readme import code_blocks

DOUBLED = "The minister said there can be no No bargaining, and that We agree.\n"
OTHER = "Talks resume in Geneva on Friday, the ministry said.\n"


def results_for(*texts: str) -> Results:
    sources = [Source(f"story-{i}.txt", data=text.encode("utf-8")) for i, text in enumerate(texts)]
    return run(sources, CATALOGUE.select(["duplicated-word", "mid-sentence-capital"]))


def mtqa_run(mtqa: list[str], cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*mtqa, "check", *args], cwd=cwd, capture_output=True, text=True, timeout=120, check=False
    )


def test_the_fingerprint_is_the_excerpt_whatever_its_white_space() -> None:
    (first,) = [f for f in results_for(DOUBLED).findings if f.rule == "duplicated-word"]
    (spaced,) = [
        f
        for f in results_for("The minister said there\ncan be  no No bargaining, and that We agree.\n").findings
        if f.rule == "duplicated-word"
    ]
    assert first.start != spaced.start
    assert baseline.fingerprint(first) == baseline.fingerprint(spaced)
    assert len(baseline.fingerprint(first)) == 16


def test_the_file_is_sorted_stable_json_and_reads_back(tmp_path: Path) -> None:
    path = tmp_path / "baseline.json"
    results = results_for(DOUBLED, OTHER + DOUBLED)
    written = baseline.write(path, results)
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["version"] == 1
    entries = data["findings"]
    assert [(e["path"], e["rule"]) for e in entries] == [
        ("story-0.txt", "duplicated-word"),
        ("story-0.txt", "mid-sentence-capital"),
        ("story-1.txt", "duplicated-word"),
        ("story-1.txt", "mid-sentence-capital"),
    ]
    assert all(
        set(e) == {"rule", "path", "fingerprint", "excerpt"} and "no No" in e["excerpt"] for e in entries
    )
    assert baseline.read(path) == written == Counter(baseline.key(f) for f in results.findings)
    text = path.read_text(encoding="utf-8")
    baseline.write(path, results)
    assert path.read_text(encoding="utf-8") == text


def test_each_entry_hides_one_finding() -> None:
    once = results_for(DOUBLED)
    twice = results_for(DOUBLED + "\n" + DOUBLED)
    known = Counter(baseline.key(f) for f in once.findings)
    left, hidden = baseline.hide(twice, known)
    assert hidden == 2
    assert [(f.rule, f.line) for f in left.findings] == [("duplicated-word", 3), ("mid-sentence-capital", 3)]
    assert left.count_by_rule() == {"duplicated-word": 1, "mid-sentence-capital": 1}


@pytest.fixture
def story(tmp_path: Path) -> Path:
    (tmp_path / "story.txt").write_text("Intro.\n\n" + DOUBLED, encoding="utf-8")
    return tmp_path


def test_write_records_everything_and_exits_0(mtqa, story: Path) -> None:
    result = mtqa_run(mtqa, story, "story.txt", "--write-baseline", "base.json")
    assert result.returncode == 0
    assert result.stdout.endswith("0 findings in 1 file.\n")
    assert result.stderr == "mtqa: base.json: recorded 2 findings in the baseline\n"
    assert len(json.loads((story / "base.json").read_text(encoding="utf-8"))["findings"]) == 2


def test_a_recorded_finding_stays_hidden_when_text_is_added_elsewhere(mtqa, story: Path) -> None:
    mtqa_run(mtqa, story, "story.txt", "--write-baseline", "base.json")
    edited = "A new first paragraph.\n\nAnother one, with the the slip.\n\nIntro.\n\n" + DOUBLED
    (story / "story.txt").write_text(edited, encoding="utf-8")
    result = mtqa_run(mtqa, story, "story.txt", "--baseline", "base.json")
    assert result.returncode == 1
    assert "story.txt:3:19: error duplicated-word Duplicated word: 'the the'" in result.stdout
    assert "no No" not in result.stdout
    assert result.stdout.endswith("1 finding (1 error) in 1 file.\n")
    assert result.stderr == "mtqa: 2 findings hidden by the baseline\n"


def test_an_edited_finding_is_new(mtqa, story: Path) -> None:
    mtqa_run(mtqa, story, "story.txt", "--write-baseline", "base.json")
    (story / "story.txt").write_text(
        "Intro.\n\nThe minister said there can be no No deal.\n", encoding="utf-8"
    )
    result = mtqa_run(mtqa, story, "story.txt", "--baseline", "base.json", "--select", "duplicated-word")
    assert result.returncode == 1
    assert "story.txt:3:32: error duplicated-word" in result.stdout
    assert result.stderr == ""


def test_a_second_copy_of_a_recorded_finding_is_new(mtqa, story: Path) -> None:
    mtqa_run(mtqa, story, "story.txt", "--write-baseline", "base.json", "--select", "duplicated-word")
    (story / "story.txt").write_text("Intro.\n\n" + DOUBLED + "\n" + DOUBLED, encoding="utf-8")
    result = mtqa_run(mtqa, story, "story.txt", "--baseline", "base.json", "--select", "duplicated-word")
    assert result.returncode == 1
    assert result.stdout.count("duplicated-word") == 1
    assert "story.txt:5:32:" in result.stdout
    assert result.stderr == "mtqa: 1 finding hidden by the baseline\n"


def test_hidden_findings_leave_the_json_and_its_summary(mtqa, story: Path) -> None:
    mtqa_run(mtqa, story, "story.txt", "--write-baseline", "base.json")
    result = mtqa_run(mtqa, story, "story.txt", "--baseline", "base.json", "--format", "json")
    assert result.returncode == 0
    report = json.loads(result.stdout)
    assert report["files"][0]["findings"] == []
    assert report["summary"]["findings"] == 0 and report["summary"]["by_rule"] == {}


def test_the_report_command_takes_the_baseline(mtqa, story: Path) -> None:
    mtqa_run(mtqa, story, "story.txt", "--write-baseline", "base.json")
    args = [*mtqa, "report", "story.txt", "--output-dir", "out"]
    before = subprocess.run(args, cwd=story, capture_output=True, timeout=120, check=False)
    after = subprocess.run(
        [*args, "--baseline", "base.json"], cwd=story, capture_output=True, timeout=120, check=False
    )
    assert (before.returncode, after.returncode) == (1, 0)


def test_entries_match_by_the_path_as_displayed(mtqa, tmp_path: Path) -> None:
    (tmp_path / "docs" / "sub").mkdir(parents=True)
    for name in ("docs/a.txt", "docs/sub/b.txt"):
        (tmp_path / name).write_text(DOUBLED, encoding="utf-8")
    mtqa_run(mtqa, tmp_path, "docs", "--write-baseline", "base.json", "--select", "duplicated-word")
    data = json.loads((tmp_path / "base.json").read_text(encoding="utf-8"))
    assert [e["path"] for e in data["findings"]] == ["docs/a.txt", "docs/sub/b.txt"]
    data["findings"] = data["findings"][:1]  # the same text in b.txt is not hidden by a.txt's entry
    (tmp_path / "base.json").write_text(json.dumps(data), encoding="utf-8")
    result = mtqa_run(mtqa, tmp_path, "docs", "--baseline", "base.json", "--select", "duplicated-word")
    assert result.returncode == 1
    assert [line.split(":")[0] for line in result.stdout.splitlines() if "duplicated-word" in line] == [
        "docs/sub/b.txt"
    ]


@pytest.mark.parametrize(
    ("content", "cause"),
    [
        (None, "cannot read the baseline: No such file or directory"),
        (b"nope", "not a baseline file: Expecting value: line 1 column 1 (char 0)"),
        (
            b"\xff\xfe{}",
            "not a baseline file: 'utf-8' codec can't decode byte 0xff in position 0: invalid start byte",
        ),
        (
            b'{"version": 2, "findings": []}',
            'not a baseline file: expected an object with "version": 1 and "findings"',
        ),
        (b"[]", 'not a baseline file: expected an object with "version": 1 and "findings"'),
        (
            b'{"version": 1, "findings": [{"path": "story.txt", "rule": "spacing"}]}',
            'finding 1 needs "path", "rule" and "fingerprint" as text',
        ),
    ],
)
def test_a_broken_baseline_is_one_error_line_and_exit_2(
    mtqa, story: Path, content: bytes | None, cause: str
) -> None:
    if content is not None:
        (story / "base.json").write_bytes(content)
    result = mtqa_run(mtqa, story, "story.txt", "--baseline", "base.json")
    assert result.returncode == 2
    assert result.stderr == f"mtqa: error: base.json: {cause}\n"
    assert result.stdout == ""


def test_an_input_error_still_exits_2_and_the_rest_is_recorded(mtqa, story: Path) -> None:
    result = mtqa_run(mtqa, story, "story.txt", "missing.txt", "--write-baseline", "base.json")
    assert result.returncode == 2
    assert "mtqa: error: missing.txt: no such file or directory" in result.stderr
    assert len(json.loads((story / "base.json").read_text(encoding="utf-8"))["findings"]) == 2


def test_baseline_and_write_baseline_exclude_each_other(mtqa, story: Path) -> None:
    result = mtqa_run(mtqa, story, "story.txt", "--baseline", "a.json", "--write-baseline", "b.json")
    assert result.returncode == 2
    assert "not allowed with argument" in result.stderr


def test_readme_examples(mtqa, tmp_path: Path) -> None:
    write, read = code_blocks("Suppressing findings", "sh")[0].strip().splitlines()
    (tmp_path / "articles").mkdir()
    (tmp_path / "articles" / "story.txt").write_text(DOUBLED, encoding="utf-8")
    env = {**os.environ, "PATH": f"{Path(mtqa[0]).parent}{os.pathsep}{os.environ['PATH']}"}

    def shell(command: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            ["bash", "-c", command],
            cwd=tmp_path,
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )

    assert shell(write).returncode == 0
    assert shell(read).returncode == 0
    (tmp_path / "articles" / "new.txt").write_text("We saw the the end.\n", encoding="utf-8")
    result = shell(read)
    assert result.returncode == 1
    assert "articles/new.txt:1:8: error duplicated-word" in result.stdout
