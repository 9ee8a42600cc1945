"""Rendering the report pages: self-contained HTML with inline CSS and JS, autoescaped.

The Content-Security-Policy allows exactly the page's own style and script (by hash)
and nothing else, so a report can never load or send anything, and text from a
document could not run even if escaping failed. Control characters, bidirectional
overrides and a file name's undecodable bytes are shown as escapes (`\\x1b`), as in
the text output; a rule's link is shown only when it is an http(s) address.
"""

from __future__ import annotations

import base64
import hashlib
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from functools import cache
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup

from qa import __version__
from qa.catalogue import Catalogue, is_web_address
from qa.document import Document
from qa.findings import FileResult, Finding, severity_counts
from qa.metrics import reading_ease_label
from qa.output.text import HIDDEN_IN_MARKUP
from qa.report.highlight import highlighted_text

HERE = Path(__file__).resolve().parent
INDEX = "index.html"
NAME_VARIANT_RULE = "name-variant"


@dataclass(frozen=True)
class Link:
    path: str
    href: str | None


@dataclass(frozen=True)
class Variant:
    """A row of the index's name table: a minority spelling, where it stands, and the other one."""

    spelling: str
    other: str | None
    path: str
    href: str
    related: tuple[Link, ...]
    more: int
    """Other files with the other spelling beyond those linked (the JSON's cross_file lists all)."""


@cache
def _environment() -> Environment:
    return Environment(
        loader=FileSystemLoader(HERE / "templates"),
        autoescape=select_autoescape(["j2", "html"], default_for_string=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )


@cache
def _asset(name: str) -> str:
    return (HERE / "assets" / name).read_text(encoding="utf-8")


def _csp_hash(source: str) -> str:
    digest = hashlib.sha256(source.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


def _page(template: str, *, script: bool, **context: Any) -> str:
    css, js = _asset("report.css"), _asset("report.js")
    script_source = f"script-src {_csp_hash(js)}" if script else "script-src 'none'"
    csp = (
        f"default-src 'none'; style-src {_csp_hash(css)}; {script_source}; img-src data:; "
        "base-uri 'none'; form-action 'none'"
    )
    layout = _environment().get_template(template)
    page = layout.render(
        css=Markup(css), js=Markup(js), csp=csp, version=__version__, index_href=INDEX, **context
    )
    return page.translate(HIDDEN_IN_MARKUP)  # the markup and the assets hold none: only text changes


def file_page(doc: Document, result: FileResult, catalogue: Catalogue, names: Mapping[str, str]) -> str:
    """The page of one file: its prose, with each finding (at source offsets) shown on it."""
    findings = result.findings
    rules_present = sorted({f.rule for f in findings})
    return _page(
        "file.html.j2",
        script=True,
        path=result.path,
        words=result.words,
        readability=readability(result.metrics),
        language="en",
        text=highlighted_text(doc.text, [_on_prose(doc, f) for f in findings]),
        findings=[_finding_row(number, f, names) for number, f in enumerate(findings, start=1)],
        by_severity=severity_counts(findings),
        by_rule=dict(sorted(Counter(f.rule for f in findings).items())),
        rules=[_rule_doc(catalogue, rule_id) for rule_id in rules_present],
    )


def _finding_row(number: int, finding: Finding, names: Mapping[str, str]) -> dict[str, Any]:
    return {
        "number": number,
        "line": finding.line,
        "column": finding.column,
        "severity": finding.severity.label,
        "rule": finding.rule,
        "message": finding.message,
        "suggestion": finding.suggestion,
        "related": [Link(path, names.get(path)) for path in finding.related],
        "more": finding.related_count - len(finding.related),
    }


def _rule_doc(catalogue: Catalogue, rule_id: str) -> dict[str, Any]:
    rule = catalogue.get(rule_id)
    return {
        "id": rule.id,
        "severity": rule.severity.label,
        "summary": rule.summary,
        "why": rule.why,
        "link": rule.link if is_web_address(rule.link) else None,
    }


def index_page(
    results: Sequence[FileResult],
    catalogue: Catalogue,
    names: Mapping[str, str],
    variants: Sequence[Variant],
    rules_run: Sequence[str],
) -> str:
    all_findings = [f for r in results for f in r.findings]
    files = sorted((_file_row(r, names) for r in results), key=_worst_first)
    by_rule = Counter(f.rule for f in all_findings)
    files_by_rule = Counter(rule for r in results for rule in {f.rule for f in r.findings})
    rule_totals = [
        {
            "id": rule_id,
            "severity": catalogue.get(rule_id).severity.label,
            "summary": catalogue.get(rule_id).summary,
            "count": by_rule[rule_id],
            "files": files_by_rule[rule_id],
        }
        for rule_id in sorted(set(rules_run) | set(by_rule), key=lambda r: (-by_rule[r], r))
    ]
    return _page(
        "index.html.j2",
        script=False,
        files=files,
        variants=variants,
        rule_totals=rule_totals,
        by_severity=severity_counts(all_findings),
        total_words=sum(r.words for r in results),
        total_findings=len(all_findings),
    )


def _file_row(result: FileResult, names: Mapping[str, str]) -> dict[str, Any]:
    return {
        "path": result.path,
        "href": names.get(result.path),
        "error": "; ".join(result.problems) if result.error else None,
        "words": result.words,
        "readability": readability(result.metrics),
        "counts": severity_counts(result.findings),
    }


def readability(metrics: Mapping[str, float]) -> dict[str, str] | None:
    """The figures of qa.metrics as the report shows them; None for a text with no words."""
    if "flesch_reading_ease" not in metrics:
        return None
    ease = metrics["flesch_reading_ease"]
    return {
        "ease": f"{ease:.0f}",
        "ease_label": reading_ease_label(ease),
        "grade": f"{metrics['flesch_kincaid_grade']:.1f}",
        "sentence_length": f"{metrics['avg_sentence_length']:.1f}",
    }


def _worst_first(row: Mapping[str, Any]) -> tuple:
    counts = row["counts"]
    return (row["error"] is None, -counts["error"], -counts["warning"], -counts["info"], row["path"])


def _on_prose(doc: Document, finding: Finding) -> Finding:
    """The finding at prose offsets: markup formats report source offsets, the page shows prose."""
    start, end = doc.span_to_prose(finding.start, finding.end)
    return replace(finding, start=start, end=end)


def variants_of(doc: Document, result: FileResult, names: Mapping[str, str]) -> list[Variant]:
    """The name-variant findings of one file as index rows, one per distinct spelling."""
    rows = {}
    for finding in result.findings:
        if finding.rule == NAME_VARIANT_RULE:
            prose = _on_prose(doc, finding)
            spelling = doc.text[prose.start : prose.end]
            rows.setdefault(
                spelling,
                Variant(
                    spelling,
                    finding.suggestion,
                    result.path,
                    names[result.path],
                    tuple(Link(path, names.get(path)) for path in finding.related),
                    finding.related_count - len(finding.related),
                ),
            )
    return list(rows.values())
