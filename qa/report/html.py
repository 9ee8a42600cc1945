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
from collections import Counter, defaultdict
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
from qa.findings import FileResult, Finding, Results, severity_counts
from qa.output.text import HIDDEN_IN_MARKUP
from qa.report.bilingual import side_by_side
from qa.report.chart import chart
from qa.report.editorial import for_editors, with_code
from qa.report.highlight import highlighted_text
from qa.report.readability import figure, shown_figures

HERE = Path(__file__).resolve().parent
INDEX = "index.html"
NAME_VARIANT_RULE = "name-variant"


@dataclass(frozen=True)
class Link:
    path: str
    href: str | None


@dataclass(frozen=True)
class Neighbours:
    """The pages before and after a file's in the index's order, for its previous / next links."""

    previous: Link | None = None
    next: Link | None = None


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


def _page(template: str, *, script: bool, styles: Sequence[str] = ("report.css",), **context: Any) -> str:
    css, js = "".join(_asset(name) for name in styles), _asset("report.js")
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


def file_page(
    doc: Document,
    result: FileResult,
    catalogue: Catalogue,
    names: Mapping[str, str],
    neighbours: Neighbours = Neighbours(),
) -> str:
    """The page of one file: its prose, with each finding (at source offsets) shown on it.

    A translation file's page shows its segments instead, source beside target
    (qa.report.bilingual), with the same findings list, stepper and filters.
    """
    findings = result.findings
    on_prose = [_on_prose(doc, f) for f in findings]
    rows = [_finding_row(number, f, names) for number, f in enumerate(findings, start=1)]
    by_rule = dict(sorted(Counter(f.rule for f in findings).items()))
    common = {
        "script": True,
        "path": result.path,
        "words": result.words,
        "figures": shown_figures(result.metrics),
        "neighbours": neighbours,
        "by_severity": severity_counts(findings),
        "by_rule": by_rule,
        "rules": [_rule_doc(catalogue, rule_id) for rule_id in by_rule],
    }
    if doc.bilingual is None:
        return _page(
            "file.html.j2", language="en", text=highlighted_text(doc.text, on_prose), findings=rows, **common
        )
    view = side_by_side(doc.bilingual, on_prose)
    return _page(
        "bilingual.html.j2",
        styles=("report.css", "bilingual.css"),
        language=doc.bilingual.target_lang or "en",
        source_language=doc.bilingual.source_lang,
        segments=view.rows,
        findings=[{**row, "place": view.places.get(row["number"])} for row in rows],
        **common,
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
        "summary": with_code(rule.summary),
        "why": for_editors(rule.why),
        "link": rule.link if is_web_address(rule.link) else None,
    }


def index_page(
    results: Sequence[FileResult],
    catalogue: Catalogue,
    names: Mapping[str, str],
    variants: Sequence[Variant],
    rules_run: Sequence[str],
    not_run: Mapping[str, str] = {},
) -> str:
    """The index: files worst first, the names spelled two ways, and the findings by rule.

    A rule that found nothing has no row (it is named in one line), and a rule that did
    not run, for the run or for some files (`not_run`, with why), has a row that says so.
    """
    all_findings = [f for r in results for f in r.findings]
    files = [_file_row(r, names) for r in in_index_order(results)]
    by_rule = Counter(f.rule for f in all_findings)
    files_by_rule = Counter(rule for r in results for rule in {f.rule for f in r.findings})
    of_rule = defaultdict(list)
    for finding in all_findings:
        of_rule[finding.rule].append(finding)
    by_rule_and_severity = {rule: severity_counts(findings) for rule, findings in of_rule.items()}
    rule_totals = [
        {
            "id": rule_id,
            "severity": catalogue.get(rule_id).severity.label,
            "summary": with_code(catalogue.get(rule_id).summary),
            "count": by_rule[rule_id],
            "files": files_by_rule[rule_id],
            "not_run": not_run.get(rule_id),
        }
        for rule_id in sorted(set(by_rule) | set(not_run), key=lambda r: (-by_rule[r], r))
    ]
    return _page(
        "index.html.j2",
        script=False,
        files=files,
        variants=variants,
        rule_totals=rule_totals,
        chart=chart(by_rule_and_severity),
        quiet_rules=sorted(set(rules_run) - set(by_rule) - set(not_run)),
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
        "ease": figure(result.metrics, "flesch_reading_ease"),
        "grade": figure(result.metrics, "flesch_kincaid_grade"),
        "sentence_length": figure(result.metrics, "avg_sentence_length"),
        "counts": severity_counts(result.findings),
    }


def in_index_order(results: Sequence[FileResult]) -> list[FileResult]:
    """Worst first: files not checked, then by errors, warnings and info notes; then by path."""

    def worst_first(result: FileResult) -> tuple:
        counts = severity_counts(result.findings)
        return (result.error is None, -counts["error"], -counts["warning"], -counts["info"], result.path)

    return sorted(results, key=worst_first)


def rules_not_run(results: Results, rules_run: Sequence[str]) -> dict[str, str]:
    """Why each rule asked for did not run, for the whole run or on some files, by rule id."""
    asked = set(rules_run)
    why = {
        rule_id: f"Did not run: {_reason(rule_id, message)}"
        for rule_id, message in [*results.not_configured.items(), *results.run_warnings.items()]
        if rule_id in asked
    }
    for rule_id in sorted((results.unavailable & asked) - set(why)):
        missed = [r for r in results.files if rule_id in r.unavailable]
        reasons = [_reason(rule_id, w) for r in missed for w in r.warnings if w.startswith(_prefix(rule_id))]
        files = "1 file" if len(missed) == 1 else f"{len(missed)} files"
        why[rule_id] = f"Did not run on {files}" + (f": {reasons[0]}" if reasons else "")
    return dict(sorted(why.items()))


def _prefix(rule_id: str) -> str:
    """How qa.engine.unavailable_message begins."""
    return f"rule {rule_id!r} did not run: "


def _reason(rule_id: str, message: str) -> str:
    return message.removeprefix(_prefix(rule_id))


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
