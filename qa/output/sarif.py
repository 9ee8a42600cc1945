"""SARIF 2.1.0 (OASIS), the format code-scanning services such as GitHub's read.

Offsets and columns count Unicode code points, as the rest of mtqa does, so the run
says so in `columnKind`; SARIF's default would be UTF-16 code units.
"""

from __future__ import annotations

from pathlib import PurePath, PureWindowsPath
from typing import Any, TextIO
from urllib.parse import quote

from qa import __version__
from qa.catalogue import Catalogue, Rule, is_web_address
from qa.findings import Finding, Results, Severity
from qa.output.json import dumps
from qa.rule_docs import explain

SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}
BINARY_SUFFIXES = frozenset({".docx"})
"""Files whose finding offsets count extracted text, not the file's characters: no offsets or fixes."""


def render(results: Results, catalogue: Catalogue, out: TextIO) -> None:
    out.write(dumps(to_sarif(results, catalogue)))
    out.write("\n")


def to_sarif(results: Results, catalogue: Catalogue) -> dict[str, Any]:
    rule_index = {rule.id: index for index, rule in enumerate(catalogue.rules)}
    return {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "mtqa",
                        "version": __version__,
                        "rules": [_rule(rule) for rule in catalogue.rules],
                    }
                },
                "invocations": [_invocation(results)],
                "columnKind": "unicodeCodePoints",
                "results": [_result(f, rule_index.get(f.rule)) for f in results.findings],
                "properties": {"cross_file": results.referenced_cross_file()},
            }
        ],
    }


def artifact_uri(path: str) -> str:
    """A URI reference for a displayed path: relative stays relative, with forward slashes.

    A file name's byte that is not UTF-8 (held as a lone surrogate) is percent-encoded as itself.
    """
    if PurePath(path).is_absolute() or PureWindowsPath(path).is_absolute():
        drive_path = path.replace("\\", "/")
        prefix = "file://" if drive_path.startswith("/") else "file:///"
        return prefix + quote(drive_path, safe="/:", errors="surrogateescape")
    return quote(path.replace("\\", "/"), safe="/", errors="surrogateescape")


def _rule(rule: Rule) -> dict[str, Any]:
    descriptor: dict[str, Any] = {
        "id": rule.id,
        "shortDescription": {"text": rule.summary},
        "fullDescription": {"text": rule.why},
        "help": {"text": explain(rule)},
        "defaultConfiguration": {"level": LEVELS[rule.severity], "enabled": rule.enabled},
    }
    if is_web_address(rule.link):
        descriptor["helpUri"] = rule.link
    return descriptor


def _invocation(results: Results) -> dict[str, Any]:
    notifications = [
        _notification("error", message, path=r.path) for r in results.files for message in r.problems
    ]
    notifications += [_notification("error", message) for message in results.errors]
    notifications += [_notification("warning", message) for message in results.warnings]
    return {
        "executionSuccessful": not results.input_errors,
        "toolExecutionNotifications": notifications,
    }


def _notification(level: str, message: str, path: str | None = None) -> dict[str, Any]:
    notification: dict[str, Any] = {"level": level, "message": {"text": message}}
    if path is not None:
        notification["locations"] = [{"physicalLocation": {"artifactLocation": {"uri": artifact_uri(path)}}}]
    return notification


def _result(finding: Finding, rule_index: int | None) -> dict[str, Any]:
    result: dict[str, Any] = {
        "ruleId": finding.rule,
        "level": LEVELS[finding.severity],
        "message": {"text": finding.message},
        "locations": [{"physicalLocation": _physical_location(finding)}],
    }
    if rule_index is not None:
        result["ruleIndex"] = rule_index
    if finding.suggestion is not None and _offsets_address_file(finding.path):
        result["fixes"] = [_fix(finding)]
    if finding.related:
        result["relatedLocations"] = [
            {"id": index, "physicalLocation": {"artifactLocation": {"uri": artifact_uri(path)}}}
            for index, path in enumerate(finding.related)
        ]
        result["properties"] = {"related_count": finding.related_count, "related_key": finding.related_key}
    if finding.segment is not None:
        result.setdefault("properties", {})["segment"] = finding.segment.to_dict()
    return result


def _physical_location(finding: Finding) -> dict[str, Any]:
    """The region, plus the excerpt as a context snippet: it is the span with words around it."""
    region: dict[str, Any] = {
        "startLine": finding.line,
        "startColumn": finding.column,
        "endLine": finding.end_line,
        "endColumn": finding.end_column,
    }
    if _offsets_address_file(finding.path):
        region.update(_char_span(finding))
    return {
        "artifactLocation": {"uri": artifact_uri(finding.path)},
        "region": region,
        "contextRegion": {
            "startLine": finding.line,
            "endLine": finding.end_line,
            "snippet": {"text": finding.excerpt},
        },
    }


def _fix(finding: Finding) -> dict[str, Any]:
    return {
        "description": {"text": f"Replace with {finding.suggestion!r}."},
        "artifactChanges": [
            {
                "artifactLocation": {"uri": artifact_uri(finding.path)},
                "replacements": [
                    {"deletedRegion": _char_span(finding), "insertedContent": {"text": finding.suggestion}}
                ],
            }
        ],
    }


def _char_span(finding: Finding) -> dict[str, int]:
    return {"charOffset": finding.start, "charLength": finding.end - finding.start}


def _offsets_address_file(path: str) -> bool:
    return PurePath(path.replace("\\", "/")).suffix.lower() not in BINARY_SUFFIXES
