"""JUnit XML, for CI servers that show test reports: each finding is a failing test case.

One <testsuite> per file; a clean file gets one passing case so it still shows as checked.
Input errors (unreadable files, crashed rules, missing paths) form one suite of <error> cases.
XML 1.0 cannot hold most control characters, so those of a document or a file name are
written as visible escapes (`\\x01`), as the text format shows them.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from typing import TextIO

from qa.catalogue import Catalogue
from qa.findings import FileResult, Finding, Results
from qa.output.text import HIDDEN_IN_MARKUP, shown_suggestion

INPUT_ERRORS_SUITE = "mtqa input errors"


def render(results: Results, catalogue: Catalogue, out: TextIO) -> None:
    root = to_element(results)
    ET.indent(root)
    out.write('<?xml version="1.0" encoding="UTF-8"?>\n')
    out.write(ET.tostring(root, encoding="unicode").translate(HIDDEN_IN_MARKUP))  # the markup holds none
    out.write("\n")


def to_element(results: Results) -> ET.Element:
    root = ET.Element(
        "testsuites",
        name="mtqa",
        tests=str(sum(max(1, len(r.findings)) for r in results.checked) + len(results.input_errors)),
        failures=str(len(results.findings)),
        errors=str(len(results.input_errors)),
    )
    for result in results.checked:
        root.append(_file_suite(result))
    if results.input_errors:
        root.append(_error_suite(results))
    return root


def _file_suite(result: FileResult) -> ET.Element:
    suite = ET.Element(
        "testsuite",
        name=result.path,
        tests=str(max(1, len(result.findings))),
        failures=str(len(result.findings)),
        errors="0",
    )
    for finding in result.findings:
        suite.append(_failing_case(finding))
    if not result.findings:
        ET.SubElement(suite, "testcase", classname="mtqa", name=result.path)
    return suite


def _failing_case(finding: Finding) -> ET.Element:
    case = ET.Element(
        "testcase",
        classname=f"mtqa.{finding.rule}",
        name=f"{finding.path}:{finding.line}:{finding.column}",
        file=finding.path,
        line=str(finding.line),
    )
    failure = ET.SubElement(case, "failure", message=finding.message, type=finding.severity.label)
    body = [finding.excerpt]
    if finding.suggestion is not None:
        body.append(f"suggestion: {shown_suggestion(finding.suggestion)}")
    failure.text = "\n".join(body)
    return case


def _error_suite(results: Results) -> ET.Element:
    errors = results.input_errors
    suite = ET.Element(
        "testsuite", name=INPUT_ERRORS_SUITE, tests=str(len(errors)), failures="0", errors=str(len(errors))
    )
    for message in errors:
        case = ET.SubElement(suite, "testcase", classname="mtqa.input", name=message)
        ET.SubElement(case, "error", message=message, type="input-error")
    return suite
