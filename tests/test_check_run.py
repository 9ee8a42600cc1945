"""qa.check_run: a run from a request, without the command line (what an editor plug-in would call)."""

from __future__ import annotations

from pathlib import Path

import pytest

from qa.check_run import RunRequest, check_run
from qa.config_file import Config
from qa.errors import UsageError
from qa.run_settings import CommandLine
from tests.helpers import CATALOGUE


@pytest.fixture
def story(tmp_path: Path) -> Path:
    path = tmp_path / "story.txt"
    path.write_text("There can be no No bargaining, and We agree.\n", encoding="utf-8")
    return path


def request(path: Path, fail_on: str | None = None, **fields) -> RunRequest:
    selection = CommandLine(select=["duplicated-word", "mid-sentence-capital"], fail_on=fail_on)
    return RunRequest([str(path)], selection, jobs=1, progress=False, **fields)


@pytest.mark.parametrize(("fail_on", "fails"), [(None, True), ("error", True), ("never", False)])
def test_a_run_fails_by_its_threshold(story: Path, fail_on: str | None, fails: bool) -> None:
    done = check_run(CATALOGUE, Config(root=story.parent), request(story, fail_on))
    assert [rule.id for rule in done.rules] == ["duplicated-word", "mid-sentence-capital"]
    assert sorted(f.rule for f in done.results.findings) == ["duplicated-word", "mid-sentence-capital"]
    assert done.fails is fails and done.warnings == [] and not done.grammar_missing


def test_a_warning_alone_fails_only_from_warning_down(story: Path) -> None:
    story.write_text("The concerns that We feel it.\n", encoding="utf-8")
    config = Config(root=story.parent)
    assert not check_run(CATALOGUE, config, request(story)).fails  # default: error
    assert check_run(CATALOGUE, config, request(story, "warning")).fails


def test_the_baseline_records_then_hides_and_says_so(story: Path, tmp_path: Path) -> None:
    config, baseline = Config(root=tmp_path), str(tmp_path / "baseline.json")
    written = check_run(CATALOGUE, config, request(story, write_baseline=baseline))
    assert written.baseline_note == f"{baseline}: recorded 2 findings in the baseline"
    assert len(written.results.findings) == 0
    read = check_run(CATALOGUE, config, request(story, baseline=baseline))
    assert read.baseline_note == "2 findings hidden by the baseline" and not read.fails
    story.write_text("Nothing to see here.\n", encoding="utf-8")
    assert check_run(CATALOGUE, config, request(story, baseline=baseline)).baseline_note is None


def test_a_named_rule_left_unset_is_a_warning_and_missing_grammar(story: Path, monkeypatch) -> None:
    monkeypatch.delenv("MTQA_LANGUAGETOOL_URL", raising=False)
    done = check_run(
        CATALOGUE,
        Config(root=story.parent),
        RunRequest([str(story)], CommandLine(select=["grammar"]), jobs=1),
    )
    assert done.grammar_missing and len(done.warnings) == 1 and "grammar" in done.warnings[0]


def test_an_unknown_rule_is_a_usage_error(story: Path) -> None:
    with pytest.raises(UsageError, match="unknown rule or group 'nope'"):
        check_run(CATALOGUE, Config(), RunRequest([str(story)], CommandLine(select=["nope"])))
