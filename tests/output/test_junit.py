"""JUnit XML output: parsed back, one suite per file, a failing case per finding."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

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
