"""The README and docs/ as a newcomer follows them: the quick start does what it says, the JSON
contract page describes every field mtqa prints, and no link leads outside the repository."""

from __future__ import annotations

import json
import re
import shlex
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.conftest import ROOT, SEEDS
from tests.readme import README, code_blocks

DOCS = [README, *sorted((ROOT / "docs").glob("*.md"))]
LINK = re.compile(r"(?<!!)\[[^\]]*\]\(([^)\s]+)\)")
CONTRACT = ROOT / "docs" / "json.md"


def headings(page: Path) -> set[str]:
    """The GitHub anchors of a page's headings ("## CI and pre-commit" -> "ci-and-pre-commit")."""
    text = re.sub(r"^```.*?^```", "", page.read_text(encoding="utf-8"), flags=re.DOTALL | re.MULTILINE)
    found = re.findall(r"^#+ (.+)$", text, re.MULTILINE)
    return {re.sub(r"[^\w\- ]", "", h).strip().lower().replace(" ", "-") for h in found}


@pytest.mark.parametrize("page", DOCS, ids=lambda p: p.name)
def test_every_link_stays_in_the_repository_and_leads_somewhere(page: Path) -> None:
    for target in LINK.findall(page.read_text(encoding="utf-8")):
        if re.match(r"https?://", target):
            continue
        path, _, anchor = target.partition("#")
        linked = (page.parent / path).resolve() if path else page
        assert linked.is_relative_to(ROOT), f"{page.name}: {target} leads outside the repository"
        assert linked.exists(), f"{page.name}: {target} does not exist"
        if anchor:
            assert anchor in headings(linked), f"{page.name}: no heading for #{anchor}"


@pytest.mark.parametrize("page", DOCS, ids=lambda p: p.name)
def test_no_page_sends_a_user_to_files_outside_the_repository(page: Path) -> None:
    assert "../shared" not in page.read_text(encoding="utf-8")


def test_the_quick_start_installs_without_the_test_extra_and_the_tests_install_it() -> None:
    start, tests = code_blocks("Quick start", "sh")
    assert "pip install . " in start and "[test]" not in start
    assert "pip install -e '.[test]'" in tests and tests.strip().endswith("python -m pytest")


def test_the_quick_start_check_prints_what_the_readme_shows_and_exits_1(tmp_path: Path) -> None:
    """The mtqa part of the first command, run on a copy of the seeds: its last lines are the README's."""
    (command,) = [part for part in code_blocks("Quick start", "sh")[0].split("&&") if "mtqa check" in part]
    shutil.copytree(SEEDS, tmp_path / "seeds")
    mtqa = shutil.which("mtqa")
    assert mtqa, "the mtqa command is installed with the project"
    done = subprocess.run(
        [mtqa, *shlex.split(command)[1:]], cwd=tmp_path, capture_output=True, text=True, check=False
    )
    assert done.returncode == 1, done.stderr
    (shown,) = code_blocks("Quick start", "text")
    printed = (done.stdout + done.stderr).strip().splitlines()
    assert printed[-len(shown.strip().splitlines()) :] == shown.strip().splitlines() or set(
        shown.strip().splitlines()
    ) <= set(printed)
    assert (tmp_path / "reports" / "index.html").is_file()


def _documented(table_heading: str) -> set[str]:
    """The `field` names in the first column of a table under a heading of the contract page."""
    text = CONTRACT.read_text(encoding="utf-8")
    section = text.split(f"## {table_heading}\n", 1)[1].split("\n## ", 1)[0]
    names = set()
    for row in re.findall(r"^\| (.+?) \|", section, re.MULTILINE):
        names |= set(re.findall(r"`([^`]+)`", row))
    return names


def test_the_contract_page_describes_every_field_mtqa_prints(tmp_path: Path) -> None:
    done = subprocess.run(
        ["mtqa", "check", str(SEEDS), str(tmp_path / "missing.txt"), "--format", "json", "--no-config"],
        capture_output=True,
        text=True,
        check=False,
    )
    report = json.loads(done.stdout)
    assert set(report) <= _documented("The run")
    assert set(report["files"][0]) <= _documented("A file")
    findings = [f for entry in report["files"] for f in entry["findings"]]
    assert findings and {key for f in findings for key in f} <= _documented("A finding")
    assert {key for entry in report["files"] for key in entry["metrics"]} <= _documented("Metrics")
    example = re.search(r"```json\n(.*?)```", CONTRACT.read_text(encoding="utf-8"), re.DOTALL).group(1)
    assert set(json.loads(example)) == set(report)


def test_the_large_archives_python_example_runs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    shutil.copytree(SEEDS, tmp_path / "archive")
    monkeypatch.chdir(tmp_path)
    example, *others = code_blocks("Large archives", "python")
    for other in others:  # the Dask examples need a cluster: tests/test_dask.py runs qa.dask itself
        compile(other, "README.md", "exec")
    scope: dict[str, object] = {}
    exec(compile(example, "README.md", "exec"), scope)  # noqa: S102 - the README's own example
    assert scope["results"].findings and scope["tail"].findings  # type: ignore[attr-defined]
