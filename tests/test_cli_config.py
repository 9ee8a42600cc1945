"""Configuration and parallel runs through the installed `mtqa`, as a user or CI runs them."""

from __future__ import annotations

import json
import tomllib
from pathlib import Path

import pytest

from tests.readme import code_blocks
from tests.test_cli import run

KIEV = "Russian troops massed north of Kiev on Tuesday, officials said.\n"
DOUBLED = "The minister said there can be no No bargaining.\n"


def findings(result) -> list[tuple[str, str]]:
    return [
        (file["path"], f["rule"]) for file in json.loads(result.stdout)["files"] for f in file["findings"]
    ]


@pytest.fixture
def project(tmp_path: Path) -> Path:
    (tmp_path / "news").mkdir()
    (tmp_path / "news" / "kiev.txt").write_text(KIEV, encoding="utf-8")
    (tmp_path / "news" / "doubled.txt").write_text(DOUBLED, encoding="utf-8")
    (tmp_path / "drafts").mkdir()
    (tmp_path / "drafts" / "doubled.txt").write_text(DOUBLED, encoding="utf-8")
    return tmp_path


def test_configuration_is_found_from_a_subfolder(mtqa, project: Path) -> None:
    (project / "pyproject.toml").write_text(
        "[tool.mtqa]\nexclude = ['drafts']\nfail-on = 'warning'\n[tool.mtqa.names]\nKyiv = ['Kiev']\n",
        encoding="utf-8",
    )
    result = run(mtqa, "check", ".", "--format", "json", cwd=project)
    assert result.returncode == 1, result.stderr
    assert {("news/doubled.txt", "duplicated-word"), ("news/kiev.txt", "preferred-name")} <= set(
        findings(result)
    )
    assert not [path for path, _rule in findings(result) if path.startswith("drafts/")]
    inner = run(mtqa, "check", "kiev.txt", "--format", "json", cwd=project / "news")
    assert findings(inner) == [("kiev.txt", "preferred-name")]
    assert inner.returncode == 1  # fail-on = warning came from the parent folder's file


def test_exclude_applies_to_files_named_on_the_command_line(mtqa, project: Path) -> None:
    (project / ".mtqa.toml").write_text("exclude = ['drafts']\n", encoding="utf-8")
    result = run(mtqa, "check", "drafts/doubled.txt", "news/doubled.txt", cwd=project)
    assert "news/doubled.txt" in result.stdout.decode() and "drafts/" not in result.stdout.decode()


def test_formats_map_walks_new_endings(mtqa, project: Path) -> None:
    (project / ".mtqa.toml").write_text("[formats]\n'.mdx' = 'md'\n", encoding="utf-8")
    (project / "news" / "story.mdx").write_text("# Title\n\n" + DOUBLED, encoding="utf-8")
    result = run(mtqa, "check", "news", "--format", "json", "--select", "duplicated-word", cwd=project)
    assert ("news/story.mdx", "duplicated-word") in findings(result)
    line = next(f for f in json.loads(result.stdout)["files"] if f["path"] == "news/story.mdx")["findings"][
        0
    ]["line"]
    assert line == 3


def test_explicit_config_and_no_config(mtqa, project: Path) -> None:
    house = project / "house.toml"
    house.write_text("select = ['preferred-name']\n[names]\nKyiv = ['Kiev']\n", encoding="utf-8")
    (project / ".mtqa.toml").write_text("select = ['duplicated-word']\n", encoding="utf-8")
    named = run(mtqa, "check", "news", "--config", str(house), "--format", "json", cwd=project)
    assert findings(named) == [("news/kiev.txt", "preferred-name")]
    found = run(mtqa, "check", "news", "--format", "json", cwd=project)
    assert findings(found) == [("news/doubled.txt", "duplicated-word")]
    bare = run(mtqa, "check", "news", "--no-config", "--format", "json", cwd=project)
    assert ("news/doubled.txt", "duplicated-word") in findings(bare) and (
        "news/kiev.txt",
        "preferred-name",
    ) not in findings(bare)


@pytest.mark.parametrize(
    "command", [["check", "news"], ["report", "news"], ["rules"], ["explain", "spacing"], ["config"]]
)
def test_broken_configuration_is_one_line_and_exit_2(mtqa, project: Path, command: list[str]) -> None:
    (project / ".mtqa.toml").write_text("[rules.spacing]\nseverity = 'loud'\n", encoding="utf-8")
    result = run(mtqa, *command, cwd=project)
    assert result.returncode == 2
    assert result.stdout == b""
    lines = result.stderr.decode().splitlines()
    assert lines == [
        f"mtqa: error: {project / '.mtqa.toml'}: rules.spacing.severity: unknown severity 'loud' (valid: info, warning, error)"
    ]


def test_invalid_toml_is_one_line(mtqa, project: Path) -> None:
    (project / "pyproject.toml").write_text("[tool.mtqa\nselect = 1\n", encoding="utf-8")
    result = run(mtqa, "check", "news", "--config", "pyproject.toml", cwd=project)
    assert result.returncode == 2 and len(result.stderr.splitlines()) == 1
    assert b"not valid TOML" in result.stderr and b"Traceback" not in result.stderr


def test_user_rules_run_and_are_listed(mtqa, project: Path) -> None:
    (project / "house").mkdir()
    (project / "house" / "house-jargon.yaml").write_text(
        "id: house-jargon\ncheck: phrases\nseverity: warning\nsummary: Jargon the desk bans.\nwhy: House style.\n"
        "options:\n  phrases_file: null\n  extra_phrases: ['officials said -> said | name the officials']\n  match: anywhere\n",
        encoding="utf-8",
    )
    (project / ".mtqa.toml").write_text("rule-paths = ['house']\n", encoding="utf-8")
    listed = run(mtqa, "rules", cwd=project)
    assert "house-jargon" in listed.stdout.decode()
    result = run(mtqa, "check", "news/kiev.txt", "--select", "house-jargon", "--format", "json", cwd=project)
    assert findings(result) == [("news/kiev.txt", "house-jargon")], result.stderr


def test_config_command_shows_the_rules_for_one_file(mtqa, project: Path) -> None:
    (project / ".mtqa.toml").write_text(
        "[[overrides]]\npaths = ['news/**']\nignore = ['spacing']\n[overrides.rules.long-sentence]\nmax_words = 70\n",
        encoding="utf-8",
    )
    overall = tomllib.loads(run(mtqa, "config", cwd=project).stdout.decode())
    news = run(mtqa, "config", "news/kiev.txt", cwd=project).stdout.decode()
    assert "spacing" in overall["rules"] and overall["rules"]["long-sentence"]["max_words"] == 50
    assert "# for news/kiev.txt" in news
    parsed = tomllib.loads(news)
    assert "spacing" not in parsed["rules"] and parsed["rules"]["long-sentence"]["max_words"] == 70


def test_command_line_fail_on_wins_over_the_file(mtqa, project: Path) -> None:
    (project / ".mtqa.toml").write_text("fail-on = 'never'\n", encoding="utf-8")
    assert run(mtqa, "check", "news/doubled.txt", cwd=project).returncode == 0
    assert run(mtqa, "check", "news/doubled.txt", "--fail-on", "error", cwd=project).returncode == 1


def test_jobs_give_identical_json(mtqa, tmp_path: Path) -> None:
    from tests.conftest import SEEDS

    for copy in range(6):
        for seed in sorted(SEEDS.glob("*.txt")):
            (tmp_path / f"{copy}-{seed.name}").write_bytes(seed.read_bytes())
    (tmp_path / "broken.txt").write_bytes(b"\x00\x01binary\x00")
    one = run(mtqa, "check", ".", "--format", "json", "--jobs", "1", cwd=tmp_path)
    two = run(mtqa, "check", ".", "--format", "json", "--jobs", "2", cwd=tmp_path)
    assert one.returncode == two.returncode == 2
    assert one.stdout == two.stdout and one.stderr == two.stderr
    assert len(json.loads(one.stdout)["files"]) == 12 and b"broken.txt" in one.stderr


def test_jobs_must_be_a_positive_number(mtqa, project: Path) -> None:
    result = run(mtqa, "check", "news", "--jobs", "0", cwd=project)
    assert result.returncode == 2 and b"--jobs" in result.stderr


def test_readme_configuration_example_is_valid(mtqa, project: Path) -> None:
    example = code_blocks("Configuration", "toml")[0]
    (project / "house-rules").mkdir()
    (project / "house-names.txt").write_text("# house spellings\nKharkiv | Kharkov\n", encoding="utf-8")
    (project / "pyproject.toml").write_text(example, encoding="utf-8")
    shown = run(mtqa, "config", cwd=project)
    assert shown.returncode == 0, shown.stderr
    result = run(mtqa, "check", "news", "--format", "json", cwd=project)
    assert result.returncode in (0, 1), result.stderr
    assert ("news/kiev.txt", "preferred-name") in findings(result)


def test_explain_shows_the_configured_severity_and_options(mtqa, project: Path) -> None:
    (project / ".mtqa.toml").write_text(
        "[rules.long-sentence]\nseverity = 'warning'\nmax_words = 35\n", encoding="utf-8"
    )
    shown = run(mtqa, "explain", "long-sentence", cwd=project).stdout.decode()
    assert shown.startswith("# long-sentence (warning)") and "- max_words = 35:" in shown
    default = run(mtqa, "explain", "long-sentence", "--no-config", cwd=project).stdout.decode()
    assert default.startswith("# long-sentence (info)") and "- max_words = 50:" in default


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_ctrl_c_is_one_line_and_exit_130(mtqa, tmp_path: Path, jobs: str) -> None:
    """As from a terminal: the signal reaches the whole process group, workers too."""
    import os
    import signal
    import subprocess
    import time

    from tests.conftest import SEEDS

    for copy in range(600):
        (tmp_path / f"{copy}.txt").write_bytes((SEEDS / "000_4ba9a3a3582aff3b.txt").read_bytes())
    process = subprocess.Popen(
        [*mtqa, "check", ".", "--jobs", jobs],
        cwd=tmp_path,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        start_new_session=True,
        preexec_fn=lambda: signal.signal(
            signal.SIGINT, signal.SIG_DFL
        ),  # a shell's background job ignores it
    )
    time.sleep(1.5)
    os.killpg(process.pid, signal.SIGINT)
    _out, err = process.communicate(timeout=60)
    assert process.returncode == 130
    assert err.decode().splitlines() == ["mtqa: interrupted"]
