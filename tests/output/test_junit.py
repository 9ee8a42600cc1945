"""JUnit XML output: parsed back, one suite per file, a case per finding that fails at or above --fail-on."""

from __future__ import annotations

import io
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

from qa.engine import Source, run
from qa.output import junit
from tests.helpers import CATALOGUE
from tests.output.conftest import DOUBLED, HOSTILE_PATH, engine_results, run_mtqa


def test_seeds_through_the_cli(mtqa) -> None:
    result = run_mtqa(mtqa, "--format", "junit")
    assert result.returncode == 1
    root = ET.fromstring(result.stdout)
    assert root.tag == "testsuites"
    suites = root.findall("testsuite")
    assert suites and all(s.get("name", "").startswith("seeds/") for s in suites)
    failures = root.findall("testsuite/testcase/failure")
    assert int(root.get("failures")) == len(failures) > 0
    for suite in suites:
        assert int(suite.get("tests")) == len(suite.findall("testcase"))
        assert int(suite.get("failures")) == len(suite.findall("testcase/failure"))


def test_finding_case(render_text) -> None:
    root = ET.fromstring(render_text("junit", engine_results({"a.txt": DOUBLED, "clean.txt": "Fine.\n"})))
    doubled, clean = root.findall("testsuite")
    (case,) = doubled.findall("testcase")
    assert (case.get("classname"), case.get("name")) == ("mtqa.duplicated-word", "a.txt:1:32")
    failure = case.find("failure")
    assert (failure.get("message"), failure.get("type")) == ("Duplicated word: 'no No'", "error")
    assert "no No" in failure.text and failure.text.endswith("suggestion: no")
    (passing,) = clean.findall("testcase")
    assert clean.get("name") == "clean.txt" and list(passing) == []
    assert (root.get("tests"), root.get("failures"), root.get("errors")) == ("2", "1", "0")


def test_hostile_names_and_input_errors_survive_the_round_trip(render_text, hostile_results) -> None:
    root = ET.fromstring(render_text("junit", hostile_results))
    names = [s.get("name") for s in root.findall("testsuite")]
    assert names == [HOSTILE_PATH, "clean.txt", "mtqa input errors"]
    case = root.find("testsuite/testcase")
    assert case.get("name") == f"{HOSTILE_PATH}:1:32"
    errors = root.findall("testsuite[@name='mtqa input errors']/testcase/error")
    assert [e.get("message") for e in errors] == [
        "bad, file:1.txt: cannot decode: byte 0xff\nat 3 & <here>",
        "missing.txt: no such file or directory",
    ]
    assert root.get("errors") == "2"


def test_output_file(mtqa, tmp_path: Path) -> None:
    target = tmp_path / "report.xml"
    assert run_mtqa(mtqa, "--format", "junit", "--output", str(target)).stdout == b""
    assert ET.parse(target).getroot().tag == "testsuites"


NOTES = DOUBLED + "He met  the minister. They talked.\n" + " ".join(["word"] * 60) + " end.\n"
"""An error (duplicated-word), a warning (spacing's double space) and an info note (long-sentence)."""
JENKINS_CASE_CHILDREN = {"skipped", "error", "failure", "system-out", "system-err"}


def threshold_results():
    sources = [Source("notes.txt", data=NOTES.encode("utf-8"))]
    return run(sources, CATALOGUE.select(["duplicated-word", "spacing", "long-sentence"]))


def junit_root(fail_on: str | None) -> ET.Element:
    out = io.StringIO()
    options = {} if fail_on is None else {"fail_on": fail_on}
    junit.render(threshold_results(), CATALOGUE, out, **options)
    return ET.fromstring(out.getvalue())


def failing_rules(root: ET.Element) -> list[str]:
    return [case.get("classname") for case in root.iter("testcase") if case.find("failure") is not None]


def test_fail_on_decides_which_findings_fail() -> None:
    assert failing_rules(junit_root("error")) == ["mtqa.duplicated-word"]
    assert failing_rules(junit_root("warning")) == ["mtqa.duplicated-word", "mtqa.spacing"]
    assert failing_rules(junit_root("info")) == ["mtqa.duplicated-word", "mtqa.spacing", "mtqa.long-sentence"]
    assert failing_rules(junit_root("never")) == []
    assert failing_rules(junit_root(None)) == failing_rules(junit_root("info"))  # today's behaviour


def test_findings_below_the_threshold_pass_and_show_their_text() -> None:
    root = junit_root("error")
    (suite,) = root.findall("testsuite")
    assert (suite.get("tests"), suite.get("failures"), suite.get("errors")) == ("3", "1", "0")
    assert (root.get("tests"), root.get("failures"), root.get("errors")) == ("3", "1", "0")
    note = suite.find("testcase[@classname='mtqa.long-sentence']")
    assert [child.tag for child in note] == ["system-out"]
    assert note.find("system-out").text.startswith("info: Sentence of 61 words")
    spacing = suite.find("testcase[@classname='mtqa.spacing']/system-out").text
    assert spacing.startswith("warning: ") and "met the minister" in spacing


def test_shape_is_what_jenkins_and_gitlab_read() -> None:
    """testsuites > testsuite(name, tests, failures, errors) > testcase(classname, name) > known children,
    every count an integer that matches the cases it counts."""
    for fail_on in ("error", "info", "never"):
        root = junit_root(fail_on)
        assert root.tag == "testsuites"
        for suite in root:
            assert suite.tag == "testsuite" and suite.get("name")
            cases = list(suite)
            assert all(
                case.tag == "testcase" and case.get("classname") and case.get("name") for case in cases
            )
            assert int(suite.get("tests")) == len(cases)
            assert int(suite.get("failures")) == sum(case.find("failure") is not None for case in cases)
            assert all({child.tag for child in case} <= JENKINS_CASE_CHILDREN for case in cases)
        assert int(root.get("tests")) == sum(int(suite.get("tests")) for suite in root)
        assert int(root.get("failures")) == sum(int(suite.get("failures")) for suite in root)


def test_info_notes_do_not_fail_through_the_cli(mtqa, tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text(NOTES, encoding="utf-8")
    rules = "--select", "duplicated-word,spacing,long-sentence"
    command = [*mtqa, "check", "notes.txt", "--no-config", *rules, "--format", "junit"]
    by_default = subprocess.run(command, cwd=tmp_path, capture_output=True, timeout=120, check=False)
    assert by_default.returncode == 1
    root = ET.fromstring(by_default.stdout)
    assert failing_rules(root) == ["mtqa.duplicated-word"]
    assert root.find(".//testcase[@classname='mtqa.long-sentence']/system-out") is not None
    strict = subprocess.run([*command, "--fail-on", "info"], cwd=tmp_path, capture_output=True, check=False)
    assert failing_rules(ET.fromstring(strict.stdout)) == [
        "mtqa.duplicated-word",
        "mtqa.spacing",
        "mtqa.long-sentence",
    ]
