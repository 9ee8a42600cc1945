"""The README's CI examples: the pre-commit config names our hook, the workflow's mtqa steps really work."""

from __future__ import annotations

import json
import os
import shlex
import shutil
import subprocess
from pathlib import Path

import yaml

from qa.cli import build_parser
from tests.conftest import ROOT, SEEDS
from tests.readme import code_blocks

SECTION = "CI and pre-commit"


def readme_yaml(top_key: str) -> dict:
    """The section's YAML block with this top-level key (`repos` or `jobs`)."""
    (found,) = [doc for doc in map(yaml.safe_load, code_blocks(SECTION, "yaml")) if top_key in doc]
    return found


def mtqa_lines(step: dict) -> list[str]:
    return [line for line in step.get("run", "").splitlines() if line.split()[:1] == ["mtqa"]]


def test_the_pre_commit_snippet_uses_our_hook() -> None:
    (hook,) = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    (repo,) = readme_yaml("repos")["repos"]
    assert [h["id"] for h in repo["hooks"]] == [hook["id"]]
    assert {"repo", "rev"} <= repo.keys()


def test_the_workflow_steps_produce_what_its_uploads_name(mtqa, tmp_path: Path) -> None:
    (job,) = readme_yaml("jobs")["jobs"].values()
    steps = job["steps"]
    runs = [step for step in steps if mtqa_lines(step)]
    assert runs, "the workflow runs no mtqa step"
    first = steps.index(runs[0])
    assert all("always()" in step.get("if", "") for step in steps[first + 1:])  # mtqa exits 1 on findings

    for line in (line for step in runs for line in mtqa_lines(step)):
        for folder in build_parser().parse_args(shlex.split(line)[1:]).paths:
            (tmp_path / folder).mkdir(parents=True, exist_ok=True)
            for seed in SEEDS.glob("*.txt"):
                shutil.copy(seed, tmp_path / folder)
    env = os.environ | {"PATH": f"{Path(mtqa[0]).parent}{os.pathsep}{os.environ['PATH']}"}
    for step in runs:
        result = subprocess.run(["bash", "-e", "-c", step["run"]], cwd=tmp_path, env=env, capture_output=True,
                                text=True, timeout=300, check=False)
        assert result.returncode in (0, 1), result.stderr  # 1: the seeds have findings
        if "--format github" in step["run"]:
            annotations = result.stdout.splitlines()
            kinds = ("::error ", "::warning ", "::notice ")
            assert annotations and all(line.startswith(kinds) for line in annotations)

    uploads = {step["uses"].split("@")[0]: step.get("with", {}) for step in steps if "uses" in step}
    sarif = json.loads((tmp_path / uploads["github/codeql-action/upload-sarif"]["sarif_file"]).read_text())
    assert sarif["version"] == "2.1.0" and sarif["runs"][0]["results"]
    assert (tmp_path / uploads["actions/upload-artifact"]["path"] / "index.html").is_file()
