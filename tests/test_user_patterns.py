"""A user's `re:` phrase may be slow, never endless: out of time, a warning names it; the rest stands."""

from __future__ import annotations

import json
import resource
import subprocess
import time
from dataclasses import replace
from pathlib import Path

import pytest

from qa.catalogue import Rule
from qa.checks.phrases import REGEX_SECONDS
from qa.engine import Source, run
from tests.conftest import SEEDS
from tests.helpers import CATALOGUE

HOSTILE = "Both the two ministers met on Friday.\n\nThere can be no No {run}!\n"
CLEAN = "Both the two ministers spoke.\n"


def check(mtqa: list[str], folder: Path, *arguments: str) -> subprocess.CompletedProcess[bytes]:
    """`mtqa check` in `folder`; a hang fails the test after a minute instead of blocking the suite."""
    return subprocess.run(
        [*mtqa, "check", *arguments], cwd=folder, capture_output=True, timeout=60, check=False
    )


def config(*entries: str) -> str:
    listed = ", ".join(json.dumps(entry) for entry in entries)
    return f"[rules.translationese]\nextra_phrases = [{listed}]\n"


def with_phrases(rule_id: str, *entries: str) -> Rule:
    rule = CATALOGUE.select([rule_id])[0]
    return replace(rule, options=replace(rule.options, extra_phrases=entries))


def child_cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


@pytest.mark.parametrize(("pattern", "run_length"), [("(a+)+$", 3000), ("(a|aa)+$", 300), ("(a|a)*$", 300)])
def test_a_catastrophic_user_pattern_is_skipped_with_one_warning(
    mtqa, tmp_path: Path, pattern: str, run_length: int
) -> None:
    (tmp_path / ".mtqa.toml").write_text(
        config(f"re:{pattern} | hostile.", r"re:\bministers? (met|spoke)\b -> they \1 | a benign pattern."),
        encoding="utf-8",
    )
    (tmp_path / "hostile.txt").write_text(HOSTILE.format(run="a" * run_length), encoding="utf-8")
    (tmp_path / "clean.txt").write_text(CLEAN, encoding="utf-8")
    before = child_cpu_seconds()
    result = check(mtqa, tmp_path, "hostile.txt", "clean.txt", "--format", "json")
    # a Python start-up, the rules, and a quarter of a second for the pattern
    assert child_cpu_seconds() - before < 10
    # the duplicated word is an error; a pattern that ran out of time is no input error
    assert result.returncode == 1, result.stderr
    warning = (
        f"mtqa: warning: rule 'translationese': pattern 're:{pattern}' (option 'extra_phrases', "
        "entry 1) took too long on hostile.txt and was skipped; the other entries ran"
    )
    assert result.stderr.decode().splitlines() == [warning]
    found = {
        (file["path"], finding["rule"], finding["message"].split(":")[0])
        for file in json.loads(result.stdout)["files"]
        for finding in file["findings"]
    }
    assert {
        ("hostile.txt", "translationese", "'Both the two'"),
        ("hostile.txt", "translationese", "'ministers met'"),
        ("hostile.txt", "duplicated-word", "Duplicated word"),
        ("clean.txt", "translationese", "'Both the two'"),
        ("clean.txt", "translationese", "'ministers spoke'"),
    } <= found


def test_furniture_patterns_that_run_out_keep_the_other_lines_and_share_one_warning() -> None:
    rule = with_phrases("boilerplate", "re:(a|aa)+$ | hostile.", "re:(a|a)*$ | hostile too.")
    text = "Breaking News\n\nThe talks ended on Friday.\n\n" + "a" * 300 + "!\n"
    started = time.process_time()
    [result] = run([Source("page.txt", data=text.encode())], [rule]).files
    assert time.process_time() - started < 2 * REGEX_SECONDS + 2
    assert [finding.excerpt for finding in result.findings] == ["Breaking News"]
    warning = (
        "rule 'boilerplate': patterns 're:(a|aa)+$' (option 'extra_phrases', entry 1), "
        "'re:(a|a)*$' (option 'extra_phrases', entry 2) took too long on page.txt and were skipped; "
        "the other entries ran"
    )
    assert result.warnings == (warning,)


def test_a_benign_user_pattern_is_not_cut_short_on_a_large_document() -> None:
    text = "\n\n".join(path.read_text(encoding="utf-8") for path in sorted(SEEDS.glob("*.txt")))
    large = (text * (1_000_000 // len(text) + 1)).encode()
    rule = with_phrases("translationese", r"re:\b(?:\w+ ){2}ministers?\b | a benign pattern.")
    [result] = run([Source("large.txt", data=large)], [rule]).files
    assert result.warnings == ()
    assert any(finding.message.endswith("a benign pattern.") for finding in result.findings)


def test_a_malformed_user_pattern_is_a_one_line_configuration_error(mtqa, tmp_path: Path) -> None:
    (tmp_path / ".mtqa.toml").write_text(config("re:(unclosed | broken."), encoding="utf-8")
    (tmp_path / "clean.txt").write_text(CLEAN, encoding="utf-8")
    result = check(mtqa, tmp_path, "clean.txt")
    assert result.returncode == 2
    [line] = result.stderr.decode().splitlines()
    assert line.startswith("mtqa: error: ") and "rule 'translationese'" in line
    assert "option 'extra_phrases', entry 1: invalid regular expression (missing )" in line
    assert result.stdout == b""
