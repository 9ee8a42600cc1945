"""GitHub Actions annotations: one workflow command a line, escaped as the runner expects."""

from __future__ import annotations

import re
from pathlib import Path

from qa.output.github import escape_data, escape_property
from tests.output.conftest import DOUBLED, engine_results, run_mtqa

COMMAND = re.compile(r"::(error|warning|notice)( [^:]*)?::[^\r\n]*")


def test_seeds_through_the_cli(mtqa) -> None:
    result = run_mtqa(mtqa, "--format", "github")
    assert result.returncode == 1
    lines = result.stdout.decode().splitlines()
    assert lines and all(COMMAND.fullmatch(line) for line in lines)
    assert all(",title=" in line and "file=seeds/" in line for line in lines)


def test_finding_annotation(render_text) -> None:
    out = render_text("github", engine_results({"a.txt": DOUBLED}))
    assert out == (
        "::error file=a.txt,line=1,col=32,endLine=1,endColumn=37,title=duplicated-word"
        "::Duplicated word: 'no No'\n"
    )


def test_hostile_names_and_input_errors(render_text, hostile_results) -> None:
    lines = render_text("github", hostile_results).splitlines()
    assert lines == [
        (
            "::error file=news%2C 50%25%3A a<b>&c%0Aline two.txt,line=1,col=32,endLine=1,endColumn=37,"
            "title=duplicated-word::Duplicated word: 'no No'"
        ),
        "::error file=bad%2C file%3A1.txt::cannot decode: byte 0xff%0Aat 3 & <here>",
        "::error::missing.txt: no such file or directory",
    ]


def test_escaping() -> None:
    assert escape_data("100%\r\na: b, c") == "100%25%0D%0Aa: b, c"
    assert escape_property("100%\r\na: b, c") == "100%25%0D%0Aa%3A b%2C c"


def test_output_file(mtqa, tmp_path: Path) -> None:
    target = tmp_path / "annotations.txt"
    assert run_mtqa(mtqa, "--format", "github", "--output", str(target)).stdout == b""
    assert target.read_text(encoding="utf-8").startswith("::")
