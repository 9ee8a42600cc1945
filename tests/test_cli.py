"""The installed `mtqa` command, run through a subprocess as a user or CI would."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from tests.conftest import SEEDS

DOUBLED = "The minister said there can be no No bargaining, and that We agree.\n"
CLEAN = "The minister said there can be no bargaining.\n"


def run(mtqa: list[str], *args: str, cwd: Path | None = None, stdin: bytes | None = None):
    return subprocess.run(
        [*mtqa, *args], cwd=cwd, input=stdin, capture_output=True, timeout=120, check=False
    )


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    (tmp_path / "doubled.txt").write_text(DOUBLED, encoding="utf-8")
    (tmp_path / "clean.txt").write_text(CLEAN, encoding="utf-8")
    return tmp_path


def test_exit_1_and_text_report_for_a_finding(mtqa, folder: Path) -> None:
    result = run(mtqa, "check", "doubled.txt", "--select", "duplicated-word", cwd=folder)
    assert result.returncode == 1
    out = result.stdout.decode()
    assert "doubled.txt:1:32: error duplicated-word Duplicated word: 'no No'" in out
    assert "suggestion: no" in out
    assert out.rstrip().endswith("1 finding (1 error) in 1 file.")
    assert result.stderr == b""


def test_exit_0_for_clean_text(mtqa, folder: Path) -> None:
    result = run(mtqa, "check", "clean.txt", cwd=folder)
    assert result.returncode == 0
    assert b"0 findings in 1 file." in result.stdout


def test_fail_on_threshold(mtqa, folder: Path) -> None:
    assert run(mtqa, "check", "doubled.txt", "--fail-on", "never", cwd=folder).returncode == 0
    assert run(mtqa, "check", "doubled.txt", "--fail-on", "warning", cwd=folder).returncode == 1
    assert run(mtqa, "check", "doubled.txt", "--ignore", "duplicated-word", cwd=folder).returncode == 0


def test_json_contract(mtqa, folder: Path) -> None:
    result = run(mtqa, "check", ".", "--format", "json", "--select", "duplicated-word", cwd=folder)
    assert result.returncode == 1
    report = json.loads(result.stdout)
    assert report["tool"] == {"name": "mtqa", "version": "0.1.0"}
    assert [f["path"] for f in report["files"]] == ["clean.txt", "doubled.txt"]
    entry = report["files"][0]
    assert entry == {"path": "clean.txt", "words": 8, "metrics": entry["metrics"], "findings": []}
    assert entry["metrics"]["words"] == 8 and "flesch_kincaid_grade" in entry["metrics"]
    finding = report["files"][1]["findings"][0]
    assert finding == {
        "rule": "duplicated-word",
        "severity": "error",
        "message": "Duplicated word: 'no No'",
        "start": 31,
        "end": 36,
        "line": 1,
        "column": 32,
        "end_line": 1,
        "end_column": 37,
        "excerpt": finding["excerpt"],
        "suggestion": "no",
        "related": [],
        "related_count": 0,
        "related_key": None,
        "segment": None,
    }
    assert "no No" in finding["excerpt"]
    assert report["errors"] == []
    assert report["summary"] == {
        "files": 2,
        "findings": 1,
        "by_severity": {"error": 1, "warning": 0, "info": 0},
        "by_rule": {"duplicated-word": 1},
    }


def test_directory_is_walked_for_text_files_only(mtqa, folder: Path) -> None:
    (folder / "notes.bin").write_bytes(b"\x00\x01")
    (folder / "sub").mkdir()
    (folder / "sub" / "deeper.txt").write_text(DOUBLED, encoding="utf-8")
    (folder / ".hidden").mkdir()
    (folder / ".hidden" / "skip.txt").write_text(DOUBLED, encoding="utf-8")
    report = json.loads(run(mtqa, "check", ".", "--format", "json", cwd=folder).stdout)
    assert [f["path"] for f in report["files"]] == ["clean.txt", "doubled.txt", "sub/deeper.txt"]


@pytest.mark.parametrize(
    ("content", "cause"),
    [
        (b"caf\xe9 the the\n", "not valid UTF-8: byte 0xe9 at offset 3"),
        (b"", "file is empty"),
        (b"\n  \n", "file contains only white space"),
        (b"PK\x03\x04\x00\x00binary", "binary file (contains NUL bytes)"),
    ],
)
def test_bad_input_is_one_line_exit_2_and_other_files_still_checked(
    mtqa, folder: Path, content: bytes, cause: str
) -> None:
    (folder / "bad.txt").write_bytes(content)
    result = run(mtqa, "check", "bad.txt", "doubled.txt", "--format", "json", cwd=folder)
    assert result.returncode == 2
    stderr = result.stderr.decode()
    assert stderr == f"mtqa: error: bad.txt: {cause}\n"
    report = json.loads(result.stdout)
    assert [f["path"] for f in report["files"]] == ["doubled.txt"]
    assert report["files"][0]["findings"][0]["rule"] == "duplicated-word"
    assert report["errors"] == [{"path": "bad.txt", "message": cause}]


def test_missing_path_is_exit_2_and_named(mtqa, folder: Path) -> None:
    result = run(mtqa, "check", "nope.txt", "doubled.txt", cwd=folder)
    assert result.returncode == 2
    assert result.stderr.decode() == "mtqa: error: nope.txt: no such file or directory\n"
    assert b"doubled.txt:1:32" in result.stdout


def test_bom_and_crlf_are_read(mtqa, folder: Path) -> None:
    (folder / "bom.txt").write_bytes("\ufeffFirst line.\r\nno No here.\r\n".encode("utf-8"))
    report = json.loads(run(mtqa, "check", "bom.txt", "--format", "json", cwd=folder).stdout)
    finding = report["files"][0]["findings"][0]
    assert (finding["line"], finding["column"], finding["start"]) == (2, 1, 13)


def test_standard_input(mtqa) -> None:
    result = run(mtqa, "check", "-", "--format", "json", stdin=DOUBLED.encode())
    report = json.loads(result.stdout)
    assert result.returncode == 1
    assert report["files"][0]["path"] == "<stdin>"


def test_usage_errors_exit_2(mtqa, folder: Path) -> None:
    assert run(mtqa, "check", cwd=folder).returncode == 2
    assert run(mtqa, "check", "x.txt", "--format", "yaml", cwd=folder).returncode == 2
    unknown = run(mtqa, "check", "doubled.txt", "--select", "no-such-rule", cwd=folder)
    assert unknown.returncode == 2
    assert unknown.stderr.decode() == "mtqa: error: unknown rule or group 'no-such-rule' (see `mtqa rules`)\n"


def test_output_file(mtqa, folder: Path) -> None:
    result = run(mtqa, "check", "doubled.txt", "--format", "json", "--output", "out.json",
                 "--select", "duplicated-word", cwd=folder)
    assert result.returncode == 1 and result.stdout == b""
    assert json.loads((folder / "out.json").read_text())["summary"]["findings"] == 1


def test_input_files_are_never_modified(mtqa, folder: Path) -> None:
    before = {p: p.read_bytes() for p in folder.iterdir()}
    run(mtqa, "check", ".", cwd=folder)
    assert {p: p.read_bytes() for p in folder.iterdir()} == before


def test_rules_lists_the_whole_catalogue_from_any_directory(mtqa, tmp_path: Path) -> None:
    result = run(mtqa, "rules", cwd=tmp_path)
    assert result.returncode == 0
    ids = [line.split()[0] for line in result.stdout.decode().splitlines()]
    for rule in (
        "duplicated-word",
        "unbalanced-quote",
        "foreign-date",
        "name-variant",
        "run-together-word",
        "mid-sentence-capital",
        "lowercase-sentence-start",
    ):
        assert rule in ids


def test_explain(mtqa) -> None:
    result = run(mtqa, "explain", "duplicated-word")
    assert result.returncode == 0
    out = result.stdout.decode()
    for section in ("# duplicated-word (error)", "## Why", "## Example", "## Use instead", "## Options"):
        assert section in out
    assert "ignore_case = True" in out
    missing = run(mtqa, "explain", "no-such-rule")
    assert missing.returncode == 2 and b"unknown rule 'no-such-rule'" in missing.stderr


def test_python_dash_m_works(folder: Path) -> None:
    import sys

    result = subprocess.run(
        [sys.executable, "-m", "qa", "check", "doubled.txt"], cwd=folder, capture_output=True, check=False
    )
    assert result.returncode == 1


def test_seeds_run_from_another_directory(mtqa, tmp_path: Path) -> None:
    result = run(mtqa, "check", str(SEEDS), "--format", "json", cwd=tmp_path)
    assert result.returncode == 1
    assert json.loads(result.stdout)["summary"]["files"] == 2


def test_a_crashing_rule_is_one_line_exit_2_and_loses_nothing_else(folder: Path, monkeypatch, capsys) -> None:
    from qa import cli
    from qa.checks.repetition import Repetition

    def broken(self, doc, options):
        raise RuntimeError("boom")
        yield

    monkeypatch.setattr(Repetition, "check", broken)
    monkeypatch.chdir(folder)
    code = cli.main(["check", "doubled.txt", "--select", "duplicated-word,mid-sentence-capital"])
    out, err = capsys.readouterr()
    assert code == 2
    assert err == (
        "mtqa: error: doubled.txt: rule 'duplicated-word' failed (RuntimeError: boom); "
        "please report this as a bug\n"
    )
    assert "mid-sentence-capital" in out  # the other rule's finding is still reported


def test_unknown_locale_is_a_configuration_error(folder: Path, monkeypatch, capsys) -> None:
    import dataclasses

    from qa import cli
    from qa.catalogue import Catalogue

    original = Catalogue.load.__func__

    def with_bad_locale(cls, folders):
        catalogue = original(cls, folders)
        rules = tuple(
            dataclasses.replace(r, options=dataclasses.replace(r.options, locales=("xx_NOPE",)))
            if r.id == "foreign-date" else r
            for r in catalogue.rules
        )
        return cls(rules)

    monkeypatch.setattr(Catalogue, "load", classmethod(with_bad_locale))
    monkeypatch.chdir(folder)
    assert cli.main(["check", "doubled.txt"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("mtqa: error: ") and "foreign-date.yaml: rule 'foreign-date'" in err
    assert "'xx_NOPE' is not a locale code" in err and err.count("\n") == 1


def test_an_unavailable_rule_is_one_warning_and_the_rest_still_counts(folder: Path, monkeypatch, capsys) -> None:
    from qa import cli
    from qa.checks.repetition import Repetition
    from qa.errors import Unavailable

    def unreachable(self, options):
        raise Unavailable("no server at http://127.0.0.1:9")

    monkeypatch.setattr(Repetition, "prepare", unreachable, raising=False)
    monkeypatch.chdir(folder)
    code = cli.main(["check", "doubled.txt", "--select", "duplicated-word,mid-sentence-capital",
                     "--fail-on", "warning", "--format", "json"])
    out, err = capsys.readouterr()
    assert code == 1  # mid-sentence-capital's warning still fails the run
    assert err == "mtqa: warning: rule 'duplicated-word' did not run: no server at http://127.0.0.1:9\n"
    assert json.loads(out)["warnings"] == ["rule 'duplicated-word' did not run: no server at http://127.0.0.1:9"]


def test_grammar_without_a_server_is_quiet_unless_asked_for(mtqa, folder: Path) -> None:
    import os

    env = {key: value for key, value in os.environ.items() if key != "MTQA_LANGUAGETOOL_URL"}
    quiet = subprocess.run([*mtqa, "check", "clean.txt"], cwd=folder, env=env, capture_output=True, text=True)
    assert (quiet.returncode, quiet.stderr) == (0, "")
    asked = subprocess.run([*mtqa, "check", "clean.txt", "--select", "grammar"], cwd=folder, env=env,
                           capture_output=True, text=True)
    assert asked.returncode == 0
    assert asked.stderr.startswith("mtqa: warning: rule 'grammar' did not run: grammar checks are off:")
    strict = subprocess.run([*mtqa, "check", "clean.txt", "--select", "grammar", "--strict-grammar"],
                            cwd=folder, env=env, capture_output=True, text=True)
    assert strict.returncode == 2


def test_stdin_filename_names_standard_input(mtqa) -> None:
    result = run(mtqa, "check", "-", "--stdin-filename", "story.txt", "--format", "json", stdin=DOUBLED.encode())
    assert json.loads(result.stdout)["files"][0]["path"] == "story.txt"


LEGACY = "Le ministre a déclaré que les négociations reprendront à Genève.\n".encode("cp1252")


def test_a_legacy_encoding_is_refused_by_default(mtqa, folder: Path) -> None:
    (folder / "legacy.txt").write_bytes(LEGACY)
    result = run(mtqa, "check", "legacy.txt", cwd=folder)
    assert result.returncode == 2
    assert result.stderr.decode() == "mtqa: error: legacy.txt: not valid UTF-8: byte 0xe9 at offset 15\n"


def test_guess_encoding_reads_it_with_a_warning_naming_the_encoding(mtqa, folder: Path) -> None:
    (folder / "legacy.txt").write_bytes(LEGACY)
    result = run(mtqa, "check", "legacy.txt", "--guess-encoding", "--format", "json",
                 "--select", "duplicated-word", cwd=folder)
    assert result.returncode == 0
    stderr = result.stderr.decode()
    assert stderr.startswith("mtqa: warning: legacy.txt: not UTF-8: decoded as ") and "(a guess)" in stderr
    report = json.loads(result.stdout)
    assert report["files"][0]["words"] == 10
    assert report["warnings"][0].startswith("legacy.txt: not UTF-8: decoded as ")
    assert (folder / "legacy.txt").read_bytes() == LEGACY  # never rewritten


def test_utf16_with_bom_and_cr_line_ends_give_correct_positions(mtqa, folder: Path) -> None:
    text = "First line.\rThere can be no No deal.\r"
    (folder / "utf16.txt").write_bytes(b"\xff\xfe" + text.encode("utf-16-le"))
    (folder / "cr.txt").write_bytes(text.encode("utf-8"))
    report = json.loads(run(mtqa, "check", "utf16.txt", "cr.txt", "--format", "json",
                            "--select", "duplicated-word", cwd=folder).stdout)
    for entry in report["files"]:
        finding = entry["findings"][0]
        assert (finding["line"], finding["column"], finding["start"]) == (2, 14, 25), entry["path"]


def test_format_of_overrides_the_file_name(mtqa, folder: Path) -> None:
    (folder / "notes.log").write_text(DOUBLED, encoding="utf-8")
    result = run(mtqa, "check", "notes.log", "--format-of", "txt", "--select", "duplicated-word", cwd=folder)
    assert result.returncode == 1
    assert run(mtqa, "check", "notes.log", "--format-of", "yaml", cwd=folder).returncode == 2
