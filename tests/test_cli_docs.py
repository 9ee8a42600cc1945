"""What `mtqa rules`, `mtqa explain`, `mtqa config` and `--format junit` show a user, in-process."""

from __future__ import annotations

import tomllib
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from qa import cli
from qa.rule_docs import FIX_LEGEND, fix_marker
from tests.helpers import CATALOGUE


def mtqa(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = cli.main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_rules_lists_one_line_a_rule_and_explains_the_fix_column_on_stderr(capsys) -> None:
    code, out, err = mtqa(capsys, "rules", "--no-config")
    assert code == 0
    assert [line.split()[0] for line in out.splitlines()] == [rule.id for rule in CATALOGUE.rules]
    assert err == f"\n{FIX_LEGEND}"
    markers = {fix_marker(rule) for rule in CATALOGUE.rules}
    legend = {line.split()[0] for line in FIX_LEGEND.splitlines()[1:]}
    assert markers - {""} <= legend and "blank" in legend  # every marker the table shows is explained


def test_rules_help_carries_the_legend(capsys) -> None:
    with pytest.raises(SystemExit):
        cli.main(["rules", "--help"])
    assert "(auto)  as auto, for the findings where a safe replacement is known" in capsys.readouterr().out


def test_explain_shows_a_multi_line_example_on_its_lines(capsys) -> None:
    code, out, _ = mtqa(capsys, "explain", "duplicated-word", "--no-config")
    assert code == 0 and "\\n" not in out
    assert "  - The talks will resume in the\n    the coming weeks.\n" in out


def test_explain_keeps_paragraph_breaks_inside_an_example_and_a_dash_per_example(capsys) -> None:
    _, out, _ = mtqa(capsys, "explain", "lowercase-sentence-start", "--no-config")
    assert "  - Key points:\n\n    the talks will continue on Monday.\n  - " in out
    assert (
        "  - - The talks ended.\n\n    - the two sides will meet again.\n" in out
    )  # text that starts with a dash


def test_config_shows_grammar_without_a_server_as_not_running_and_why(capsys, monkeypatch, tmp_path) -> None:
    monkeypatch.delenv("MTQA_LANGUAGETOOL_URL", raising=False)
    monkeypatch.chdir(tmp_path)
    _, out, _ = mtqa(capsys, "config")
    total = len(CATALOGUE.rules)
    running = sum(rule.enabled for rule in CATALOGUE.rules) - 1
    assert f"# {running} of {total} rules run\n" in out
    assert "# not running: grammar, readability\n" in out
    assert "#   grammar: grammar checks are off: no LanguageTool server configured" in out
    assert "#   readability: off by default: select by name\n" in out
    assert "grammar" in tomllib.loads(out)["rules"]  # its table stays, to be set up from


def test_config_counts_grammar_as_running_once_a_server_is_named(capsys, monkeypatch, tmp_path) -> None:
    monkeypatch.setenv("MTQA_LANGUAGETOOL_URL", "http://127.0.0.1:9")  # never reached: config only reads
    monkeypatch.chdir(tmp_path)
    _, out, _ = mtqa(capsys, "config")
    assert f"# {sum(rule.enabled for rule in CATALOGUE.rules)} of" in out
    assert "# not running: readability\n" in out


def test_config_for_a_path_names_what_its_override_leaves_out(capsys, monkeypatch, tmp_path) -> None:
    monkeypatch.setenv("MTQA_LANGUAGETOOL_URL", "http://127.0.0.1:9")
    (tmp_path / ".mtqa.toml").write_text("[[overrides]]\npaths = ['news/**']\nignore = ['spacing']\n")
    monkeypatch.chdir(tmp_path)
    _, out, _ = mtqa(capsys, "config", "news/a.txt")
    assert "# not running: readability, spacing\n" in out and "#   spacing: not selected\n" in out


@pytest.fixture
def warned(tmp_path: Path, monkeypatch) -> Path:
    """A file with an error (duplicated-word) and a warning (mid-sentence-capital)."""
    (tmp_path / "a.txt").write_text("There can be no No bargaining, and We agree.\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.mark.parametrize(
    ("fail_on", "failing", "code"),
    [
        ("error", ["duplicated-word"], 1),
        ("warning", ["duplicated-word", "mid-sentence-capital"], 1),
        ("never", [], 0),
    ],
)
def test_junit_failures_follow_fail_on_as_the_exit_code_does(
    capsys, warned: Path, fail_on: str, failing: list[str], code: int
) -> None:
    rules = "--select", "duplicated-word,mid-sentence-capital"
    exit_code, out, _ = mtqa(
        capsys, "check", "a.txt", "--no-config", *rules, "--format", "junit", "--fail-on", fail_on
    )
    cases = ET.fromstring(out).iter("testcase")
    assert exit_code == code
    assert [case.get("classname") for case in cases if case.find("failure") is not None] == [
        f"mtqa.{rule}" for rule in failing
    ]


def test_junit_takes_fail_on_from_the_configuration(capsys, warned: Path) -> None:
    (warned / ".mtqa.toml").write_text(
        "fail-on = 'warning'\nselect = ['duplicated-word', 'mid-sentence-capital']\n"
    )
    _, out, _ = mtqa(capsys, "check", "a.txt", "--format", "junit")
    assert ET.fromstring(out).get("failures") == "2"
