"""`mtqa check --quiet` (findings only) and `--statistics` (counts by rule), run as a user would."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.helpers import CATALOGUE
from tests.test_cli import DOUBLED, run

TWICE_THE = "The minister said the the talks will go on.\n"
RULES = ("--select", "duplicated-word,mid-sentence-capital")


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """Three duplicated words and two stray capitals: "no No" twice, "the the" once."""
    (tmp_path / "a.txt").write_text(DOUBLED, encoding="utf-8")
    (tmp_path / "b.txt").write_text(DOUBLED, encoding="utf-8")
    (tmp_path / "c.txt").write_text(TWICE_THE, encoding="utf-8")
    return tmp_path


def statistics_line(rule_id: str, count: int) -> str:
    rule = CATALOGUE.get(rule_id)
    fix = "[*]" if getattr(rule.kind, "safe_fix", False) else "[ ]"
    return f"{count}  {rule_id:<20}  {rule.severity.label:<7}  {fix} {rule.summary}"


def test_quiet_prints_the_findings_without_summary_or_warnings(mtqa, folder: Path) -> None:
    loud = run(mtqa, "check", "a.txt", "--select", "duplicated-word,grammar", cwd=folder)
    quiet = run(mtqa, "check", "a.txt", "--select", "duplicated-word,grammar", "--quiet", cwd=folder)
    assert loud.stderr.startswith(b"mtqa: warning: rule 'grammar' did not run")  # no server
    assert (quiet.returncode, quiet.stderr) == (loud.returncode, b"") == (1, b"")
    summary = b"1 finding (1 error) in 1 file.\n"
    assert loud.stdout.endswith(summary)
    assert quiet.stdout == loud.stdout.removesuffix(summary)
    assert quiet.stdout.startswith(b"a.txt:1:32: error duplicated-word")


def test_quiet_still_reports_errors_and_skips_the_report_notice(mtqa, folder: Path) -> None:
    result = run(mtqa, "check", "nope.txt", "c.txt", "--quiet", "--report", "out", cwd=folder)
    assert result.returncode == 2
    assert result.stderr == b"mtqa: error: nope.txt: no such file or directory\n"
    assert (folder / "out" / "index.html").is_file()
    clean = run(mtqa, "check", "c.txt", "--quiet", "--ignore", "duplicated-word", cwd=folder)
    assert (clean.returncode, clean.stdout, clean.stderr) == (0, b"", b"")


def test_statistics_counts_by_rule_most_first(mtqa, folder: Path) -> None:
    result = run(mtqa, "check", ".", "--statistics", *RULES, cwd=folder)
    assert result.returncode == 1  # as without --statistics
    assert result.stdout.decode().splitlines() == [
        statistics_line("duplicated-word", 3),
        statistics_line("mid-sentence-capital", 2),
    ]
    assert result.stderr == b""


def test_statistics_as_json_and_ties_by_rule_id(mtqa, folder: Path) -> None:
    result = run(mtqa, "check", "a.txt", "--statistics", "--format", "json", *RULES, cwd=folder)
    assert result.returncode == 1
    assert json.loads(result.stdout) == [
        {"rule": "duplicated-word", "severity": "error", "count": 1},
        {"rule": "mid-sentence-capital", "severity": "warning", "count": 1},
    ]


def test_statistics_of_clean_text_and_exit_code_by_fail_on(mtqa, folder: Path) -> None:
    clean = run(mtqa, "check", "c.txt", "--statistics", "--ignore", "duplicated-word", cwd=folder)
    assert (clean.returncode, clean.stdout) == (0, b"")
    empty = run(mtqa, "check", "c.txt", "--statistics", "--format", "json",
                "--select", "mid-sentence-capital", cwd=folder)
    assert (empty.returncode, json.loads(empty.stdout)) == (0, [])
    never = run(mtqa, "check", ".", "--statistics", "--fail-on", "never", cwd=folder)
    assert never.returncode == 0 and b"duplicated-word" in never.stdout


def test_statistics_in_other_formats_is_a_usage_error(mtqa, folder: Path) -> None:
    result = run(mtqa, "check", ".", "--statistics", "--format", "sarif", cwd=folder)
    assert (result.returncode, result.stdout) == (2, b"")
    assert result.stderr == b"mtqa: error: --statistics prints text or json, not sarif\n"


def test_a_safe_fix_is_marked(folder: Path, monkeypatch, capsys) -> None:
    from qa import cli

    monkeypatch.setattr(CATALOGUE.get("mid-sentence-capital").kind, "safe_fix", True, raising=False)
    monkeypatch.chdir(folder)
    assert cli.main(["check", "a.txt", "--statistics", *RULES]) == 1
    lines = capsys.readouterr().out.splitlines()
    assert lines[1] == statistics_line("mid-sentence-capital", 1)
    assert "  warning  [*] " in lines[1]
