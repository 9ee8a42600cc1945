"""What the report's pages say: rule text for editors, readability figures, the chart, rules that did not run."""

from __future__ import annotations

from dataclasses import replace

import pytest

from qa.catalogue import Catalogue
from qa.document import Document
from qa.engine import Source
from qa.findings import FileResult, Finding, Results, Severity
from qa.report.chart import chart
from qa.report.editorial import for_editors, with_code
from qa.report.html import file_page, index_page, rules_not_run
from qa.report.readability import FIGURES, shown_figures
from tests.helpers import CATALOGUE
from tests.test_report_bilingual import checked

# ---------------------------------------------------------------- rule explanations


def test_code_spans_become_code_and_everything_is_escaped() -> None:
    html = with_code("Set `max_words` to `<b>20</b>`, not <script>alert(1)</script>; a lone ` stays.")
    assert html == (
        "Set <code>max_words</code> to <code>&lt;b&gt;20&lt;/b&gt;</code>, not "
        "&lt;script&gt;alert(1)&lt;/script&gt;; a lone ` stays."
    )


def test_developer_references_are_left_out() -> None:
    why = (
        "Lists are long (see qa/checks/phrases.py). Reduplications (rules/data/x.txt, built by "
        "tools/repeat.py) are kept. The engine in qa.dedupe drops echoes. Editors read `this`."
    )
    assert for_editors(why) == "Lists are long. Reduplications are kept. Editors read <code>this</code>."


@pytest.mark.parametrize("rule", CATALOGUE.rules, ids=lambda rule: rule.id)
def test_no_bundled_rule_shows_a_module_path_or_a_backtick(rule) -> None:
    shown = str(for_editors(rule.why)) + str(with_code(rule.summary))
    assert "`" not in shown
    assert not any(reference in shown for reference in ("qa/", "qa.", ".py"))


def test_rule_docs_on_the_page_are_for_editors() -> None:
    text = "There can be no No bargaining.\n"
    doubled = Finding("a.txt", 13, 18, "duplicated-word", Severity.ERROR, "doubled", 1, 14, 1, 19, text)
    hostile = replace(
        CATALOGUE.get("duplicated-word"), why="Run `<script>x()</script>` (see qa/checks/x.py)."
    )
    catalogue = Catalogue((hostile,))
    page = file_page(Document("a.txt", text), FileResult("a.txt", 5, (doubled,)), catalogue, {})
    assert '<p class="rule-why">Run <code>&lt;script&gt;x()&lt;/script&gt;</code>.</p>' in page
    assert "qa/checks" not in page and "<script>x()" not in page


# ---------------------------------------------------------------- readability


def test_figures_shown_are_those_present_with_label_and_hint() -> None:
    shown = shown_figures(
        {"flesch_reading_ease": 64.2, "gunning_fog": 11.04, "reading_time_seconds": 95.4, "words": 3}
    )
    assert [(f["label"], f["value"]) for f in shown] == [
        ("Reading ease", "64 (plain English)"),
        ("Fog index", "11.0"),
        ("Reading time", "1 min 35 s"),
    ]
    assert all(f["hint"] for f in shown)
    times = [shown_figures({"reading_time_seconds": seconds})[0]["value"] for seconds in (0.2, 42, 60, 61.4)]
    assert times == ["0 s", "42 s", "1 min", "1 min 1 s"]


def test_every_figure_has_a_plain_label_and_a_one_line_hint() -> None:
    for figure in FIGURES:
        assert figure.label and "_" not in figure.label
        assert figure.hint and "\n" not in figure.hint and len(figure.hint) < 100


def test_a_page_without_some_figures_still_renders() -> None:
    result = FileResult("a.txt", 2, metrics={"words": 2, "sentences": 1, "smog_index": 8.0})
    page = file_page(Document("a.txt", "Short text."), result, CATALOGUE, {})
    assert 'data-metric="smog_index"' in page and "Reading ease" not in page
    assert 'id="metrics"' not in file_page(Document("a.txt", "—"), FileResult("a.txt"), CATALOGUE, {})


# ---------------------------------------------------------------- the index


def test_chart_has_a_bar_per_rule_with_findings_longest_first() -> None:
    drawn = chart(
        {
            "quiet": {"error": 0, "warning": 0, "info": 0},
            "grammar": {"error": 0, "warning": 1, "info": 3},
            "duplicated-word": {"error": 2, "warning": 0, "info": 0},
        }
    )
    assert drawn is not None
    assert [(bar.rule, bar.total) for bar in drawn.bars] == [("grammar", 4), ("duplicated-word", 2)]
    grammar, doubled = drawn.bars
    assert [(s.severity, s.count) for s in grammar.segments] == [("warning", 1), ("info", 3)]
    assert grammar.segments[1].x == grammar.segments[0].x + grammar.segments[0].width
    assert doubled.end - doubled.segments[0].x == pytest.approx((grammar.end - grammar.segments[0].x) / 2)
    assert chart({"quiet": {"error": 0}}) is None


def finding(rule: str, severity: Severity = Severity.WARNING) -> Finding:
    return Finding("a.txt", 0, 1, rule, severity, "m", 1, 1, 1, 2, "x")


def test_index_hides_zero_rows_and_lists_rules_that_did_not_run() -> None:
    files = [FileResult("a.txt", 10, (finding("duplicated-word", Severity.ERROR),))]
    ran = ["duplicated-word", "spacing", "grammar"]
    page = index_page(files, CATALOGUE, {"a.txt": "a.html"}, [], ran, {"grammar": "Did not run: no <server>"})
    assert '<tr data-rule="duplicated-word">' in page and '<tr data-rule="spacing"' not in page
    assert '<tr data-rule="grammar" class="is-not-run">' in page and "Did not run: no &lt;server&gt;" in page
    assert 'id="quiet-rules"' in page and "<code>spacing</code>" in page
    assert '<svg id="rule-chart" role="img"' in page and '<title id="chart-title">' in page


def test_rules_not_run_say_why_for_the_run_and_for_some_files() -> None:
    results = Results(
        (
            FileResult(
                "a.txt",
                unavailable=("untranslated-text",),
                warnings=("rule 'untranslated-text' did not run: no model",),
            ),
            FileResult("b.txt"),
        ),
        run_warnings={
            "grammar": "rule 'grammar' did not run: server unreachable",
            "seeds/x": "seeds/x: skipped",
        },
        not_configured={"preferred-name": "rule 'preferred-name' did not run: no names listed"},
    )
    asked = ["grammar", "untranslated-text", "preferred-name", "spacing"]
    assert rules_not_run(results, asked) == {
        "grammar": "Did not run: server unreachable",
        "preferred-name": "Did not run: no names listed",
        "untranslated-text": "Did not run on 1 file: no model",
    }
    assert rules_not_run(results, ["spacing"]) == {}


def test_a_markdown_page_shows_its_inline_code() -> None:
    text = "Run `mtqa check <file>` first, and the the report.\n"
    page = file_page(*checked(Source("a.md", data=text.encode("utf-8"))), CATALOGUE, {})
    assert "Run mtqa check &lt;file&gt; first, and" in page
    assert '<mark class="hl sev-error" id="f-1"' in page and ">the the</mark>" in page
