"""The pre-commit hook (.pre-commit-hooks.yaml), installed by the real pre-commit as a user would.

pre-commit fetches hooks from a git repository at a commit, so the tests commit a throwaway copy of
this project's working tree: uncommitted work is what gets tested, on a developer's machine and on CI.
pre-commit builds the hook's virtualenv with pip once per module (one PRE_COMMIT_HOME); that takes a while.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from identify.identify import tags_from_filename

from tests.conftest import ROOT
from tests.test_cli import CLEAN, DOUBLED
from tests.test_readme_ci import readme_yaml

HOOKS = ROOT / ".pre-commit-hooks.yaml"
STORY = "articles/story.txt"  # where the README's config looks


def git(*args: str, cwd: Path, env: dict[str, str] | None = None) -> str:
    return subprocess.run(["git", *args], cwd=cwd, env=env, capture_output=True, text=True, check=True).stdout


@pytest.fixture(scope="module")
def env(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """Git without the developer's config or an enclosing hook's GIT_* variables, with its own identity."""
    isolated = {key: value for key, value in os.environ.items() if not key.startswith(("GIT_", "PRE_COMMIT"))}
    identity = {f"GIT_{who}_{what}": value for who in ("AUTHOR", "COMMITTER")
                for what, value in (("NAME", "mtqa tests"), ("EMAIL", "tests@example.invalid"))}
    return isolated | identity | {
        "GIT_CONFIG_GLOBAL": os.devnull,
        "GIT_CONFIG_NOSYSTEM": "1",
        "PRE_COMMIT_HOME": str(tmp_path_factory.mktemp("pre-commit-home")),
    }


@pytest.fixture(scope="module")
def hook_repo(tmp_path_factory: pytest.TempPathFactory, env: dict[str, str]) -> tuple[Path, str]:
    """This project's working tree as it stands (tracked and new unignored files), committed in a new repo."""
    if not (ROOT / ".git").exists():
        pytest.skip("needs the project's git checkout")
    listed = git("ls-files", "-z", "--cached", "--others", "--exclude-standard", cwd=ROOT)
    copy = tmp_path_factory.mktemp("mtqa-hook-repo")
    for name in filter(None, listed.split("\0")):
        if (ROOT / name).is_file():  # a tracked file deleted in the working tree is left out
            (copy / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / name, copy / name)
    git("init", "--quiet", cwd=copy, env=env)
    git("add", "--all", cwd=copy, env=env)
    git("commit", "--quiet", "--message", "mtqa as it stands", cwd=copy, env=env)
    return copy, git("rev-parse", "HEAD", cwd=copy, env=env).strip()


@pytest.fixture
def repo(tmp_path: Path, hook_repo: tuple[Path, str], env: dict[str, str]) -> Path:
    """A user's repository with the README's config, aimed at the throwaway copy, hooks installed."""
    path, rev = hook_repo
    config = readme_yaml("repos")
    config["repos"][0] |= {"repo": str(path), "rev": rev}
    (tmp_path / ".pre-commit-config.yaml").write_text(yaml.safe_dump(config), encoding="utf-8")
    git("init", "--quiet", cwd=tmp_path, env=env)
    subprocess.run([sys.executable, "-m", "pre_commit", "install"], cwd=tmp_path, env=env, check=True,
                   capture_output=True)
    return tmp_path


def commit(repo: Path, env: dict[str, str], text: str) -> subprocess.CompletedProcess[str]:
    """`git commit` of a story holding text; the first one waits for pre-commit to build the hook."""
    (repo / STORY).parent.mkdir(exist_ok=True)
    (repo / STORY).write_text(text, encoding="utf-8")
    git("add", STORY, ".pre-commit-config.yaml", cwd=repo, env=env)
    return subprocess.run(["git", "commit", "--message", "story"], cwd=repo, env=env, capture_output=True,
                          text=True, timeout=900, check=False)


def test_a_commit_with_an_artifact_is_refused_with_the_finding(repo: Path, env: dict[str, str]) -> None:
    result = commit(repo, env, DOUBLED)
    assert result.returncode == 1, result.stdout + result.stderr
    # git passes a hook's output on to its own standard error
    assert f"{STORY}:1:32: error duplicated-word Duplicated word: 'no No'" in result.stderr
    assert git("rev-list", "--all", cwd=repo, env=env) == ""


def test_a_commit_of_clean_text_passes(repo: Path, env: dict[str, str]) -> None:
    result = commit(repo, env, CLEAN)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Passed" in result.stderr
    committed = git("ls-tree", "-r", "--name-only", "HEAD", cwd=repo, env=env).split()
    assert committed == [".pre-commit-config.yaml", STORY]


def test_the_hook_is_given_the_files_mtqa_reads() -> None:
    (hook,) = yaml.safe_load(HOOKS.read_text(encoding="utf-8"))
    assert (hook["id"], hook["entry"], hook["require_serial"]) == ("mtqa", "mtqa check", True)
    for name in ("story.txt", "story.md", "story.markdown", "story.html", "story.htm"):
        assert tags_from_filename(name) & set(hook["types_or"]), name
    for name in ("script.py", "config.yaml", "data.json"):
        assert not tags_from_filename(name) & set(hook["types_or"]), name
