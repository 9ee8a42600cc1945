"""JUnit XML, for CI servers that show test reports: each finding is a test case.

One <testsuite> per file; a clean file gets one passing case so it still shows as checked.
A finding at or above the run's `--fail-on` is a failing case; one below it (an info note
under the default `--fail-on error`) is a passing case whose text is in <system-out>, so
the dashboard shows it without turning red. Input errors (unreadable files, crashed rules,
missing paths) form one suite of <error> cases. The shape is the one Jenkins and GitLab
read: testsuites > testsuite > testcase > failure | error | system-out.
XML 1.0 cannot hold most control characters, so those of a document or a file name are
written as visible escapes (`\\x01`), as the text format shows them.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from typing import TextIO

from qa.catalogue import Catalogue
from qa.findings import FileResult, Finding, Results, Severity
from qa.output.text import HIDDEN_IN_MARKUP, shown_suggestion

INPUT_ERRORS_SUITE = "mtqa input errors"
EVERY_FINDING_FAILS = "info"
"""The `fail_on` that makes every finding a failure: what a caller that names no threshold gets."""


def render(
    results: Results, catalogue: Catalogue, out: TextIO, *, fail_on: str = EVERY_FINDING_FAILS
) -> None:
    """`fail_on` is `--fail-on`'s value: error, warning, info or never."""
    root = to_element(results, fail_on)
    ET.indent(root)
    out.write('<?xml version="1.0" encoding="UTF-8"?>\n')
    out.write(ET.tostring(root, encoding="unicode").translate(HIDDEN_IN_MARKUP))  # the markup holds none
    out.write("\n")


def to_element(results: Results, fail_on: str = EVERY_FINDING_FAILS) -> ET.Element:
    fails = _threshold(fail_on)
    suites = [_file_suite(result, fails) for result in results.checked]
    if results.input_errors:
        suites.append(_error_suite(results))
    root = ET.Element(
        "testsuites",
        name="mtqa",
        tests=str(sum(int(suite.get("tests")) for suite in suites)),
        failures=str(sum(int(suite.get("failures")) for suite in suites)),
        errors=str(len(results.input_errors)),
    )
    root.extend(suites)
    return root


def _threshold(fail_on: str) -> Severity | None:
    """The least severity that fails the run; None for `never`."""
    return None if fail_on == "never" else Severity.parse(fail_on)


def _file_suite(result: FileResult, fails: Severity | None) -> ET.Element:
    cases = [_case(finding, fails) for finding in result.findings]
    if not cases:
        cases.append(ET.Element("testcase", classname="mtqa", name=result.path))
    suite = ET.Element(
        "testsuite",
        name=result.path,
        tests=str(len(cases)),
        failures=str(sum(case.find("failure") is not None for case in cases)),
        errors="0",
    )
    suite.extend(cases)
    return suite


def _case(finding: Finding, fails: Severity | None) -> ET.Element:
    """A failing case when the finding reaches the threshold, else a passing one that shows its text."""
    case = ET.Element(
        "testcase",
        classname=f"mtqa.{finding.rule}",
        name=f"{finding.path}:{finding.line}:{finding.column}",
        file=finding.path,
        line=str(finding.line),
    )
    if fails is not None and finding.severity >= fails:
        failure = ET.SubElement(case, "failure", message=finding.message, type=finding.severity.label)
        failure.text = _details(finding)
    else:
        shown = ET.SubElement(case, "system-out")
        shown.text = f"{finding.severity.label}: {finding.message}\n{_details(finding)}"
    return case


def _details(finding: Finding) -> str:
    body = [finding.excerpt]
    if finding.suggestion is not None:
        body.append(f"suggestion: {shown_suggestion(finding.suggestion)}")
    return "\n".join(body)


def _error_suite(results: Results) -> ET.Element:
    errors = results.input_errors
    suite = ET.Element(
        "testsuite", name=INPUT_ERRORS_SUITE, tests=str(len(errors)), failures="0", errors=str(len(errors))
    )
    for message in errors:
        case = ET.SubElement(suite, "testcase", classname="mtqa.input", name=message)
        ET.SubElement(case, "error", message=message, type="input-error")
    return suite
