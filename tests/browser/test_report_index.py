"""index.html of the seed report in a real browser: files worst first, name variants, rule totals."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import (
    ON_A_PHONE,
    SEVERITIES,
    assert_png,
    file_of,
    file_pages,
    page_in,
    run_mtqa,
    screenshots,
    wait_for_file,
)
from tests.conftest import ROOT
from tests.helpers import CATALOGUE


def severity_counts(findings: list[dict]) -> tuple[int, ...]:
    return tuple(sum(f["severity"] == s for f in findings) for s in SEVERITIES)


def row_targets(page) -> list[Path]:
    """The page file each row of table#files links to, in row order."""
    hrefs = page.locator("table#files tbody tr").evaluate_all(
        "rows => rows.map(r => { const a = r.querySelector('a[href]'); return a ? a.href : null; })"
    )
    assert None not in hrefs, "every row links to its file's page"
    return [file_of(href) for href in hrefs]


def test_one_row_per_file_worst_first(report_dir, seed_pages, findings_by_path, open_page) -> None:
    opened = open_page(report_dir / "index.html")
    by_page = {page.resolve(): path for path, page in seed_pages.items()}
    rows = [by_page[target.resolve()] for target in row_targets(opened.page)]
    assert sorted(rows) == sorted(findings_by_path), "one row per file"
    worst_first = sorted(rows, key=lambda p: severity_counts(findings_by_path[p]), reverse=True)
    assert [severity_counts(findings_by_path[p]) for p in rows] == [
        severity_counts(findings_by_path[p]) for p in worst_first
    ]


def test_index_links_open_the_pages(report_dir, seed_pages, open_page) -> None:
    page = open_page(report_dir / "index.html").page
    by_page = {file.resolve(): path for path, file in seed_pages.items()}
    for n, target in enumerate(row_targets(page)):
        page.locator("table#files tbody tr").nth(n).locator("a[href]").first.click()
        wait_for_file(page, target)
        expect(page.locator("h1")).to_contain_text(by_page[target.resolve()])
        page.go_back()
        expect(page.locator("table#files")).to_be_visible()


def test_name_variants_table_lists_both_spellings(report_dir, open_page) -> None:
    table = open_page(report_dir / "index.html").page.locator("table#name-variants")
    expect(table.locator("tbody tr")).not_to_have_count(0)
    expect(table).to_contain_text("Anthony")
    expect(table).to_contain_text("Antony")


def test_rule_totals_one_row_per_rule_with_findings_or_not_run(report_dir, seed_check, open_page) -> None:
    page = open_page(report_dir / "index.html").page
    rows = page.locator("table#rule-totals tbody tr")
    totals = seed_check["summary"]["by_rule"]
    not_run = [rule.id for rule in CATALOGUE.select() if rule.check == "grammar"]  # no server in the tests
    assert not_run, "the seeds' run has a rule that did not run"
    expect(rows).to_have_count(len(totals) + len(not_run))
    for rule, total in totals.items():
        row = page.locator(f'table#rule-totals tbody tr[data-rule="{rule}"]')
        expect(row).to_have_count(1)
        expect(row.locator("th")).to_have_text(rule)
        cells = [" ".join(c.split()) for c in row.locator("td, th").all_inner_texts()]
        assert str(total) in cells, f"{rule}: total {total} not a cell of {cells}"
    for rule in not_run:
        row = page.locator(f'table#rule-totals tr[data-rule="{rule}"]')
        expect(row).to_have_class("is-not-run")
        expect(row.locator('td[data-label="Findings"]')).to_have_text("did not run")
        expect(row).to_contain_text("Did not run: ")
        expect(row).to_contain_text("LanguageTool")


def test_rules_without_findings_have_no_row_but_are_named(report_dir, seed_check, open_page) -> None:
    page = open_page(report_dir / "index.html").page
    quiet = [
        rule.id
        for rule in CATALOGUE.select()
        if rule.id not in seed_check["summary"]["by_rule"] and rule.check != "grammar"
    ]
    assert quiet, "some rules find nothing in the seeds"
    for rule in quiet:
        expect(page.locator(f'table#rule-totals tr[data-rule="{rule}"]')).to_have_count(0)
        expect(page.locator("#quiet-rules code").filter(has_text=rule).first).to_be_visible()
    assert [
        t
        for t in page.locator("table#rule-totals td[data-label=Findings]").all_inner_texts()
        if t.strip() == "0"
    ] == []


def test_chart_shows_findings_by_rule_and_severity(report_dir, seed_check, open_page) -> None:
    page = open_page(report_dir / "index.html").page
    svg = page.locator("svg#rule-chart")
    expect(svg).to_be_visible()
    expect(svg).to_have_attribute("role", "img")
    expect(svg.locator("title#chart-title")).to_have_text("Findings by rule and severity")
    expect(page.locator("script")).to_have_count(0)
    by_rule = seed_check["summary"]["by_rule"]
    found = {f["rule"]: f for file in seed_check["files"] for f in file["findings"]}
    bars = svg.locator("g.bar")
    expect(bars).to_have_count(len(by_rule))
    drawn = bars.evaluate_all("gs => gs.map(g => [g.dataset.rule, Number(g.dataset.total)])")
    assert [total for _, total in drawn] == sorted(by_rule.values(), reverse=True), "longest bar first"
    assert dict(drawn) == by_rule
    widths = {}
    for rule, total in by_rule.items():
        bar = svg.locator(f'g.bar[data-rule="{rule}"]')
        expect(bar.locator("text.bar-label")).to_have_text(rule)
        expect(bar.locator("text.bar-count")).to_have_text(str(total))
        segments = bar.locator("rect.seg")
        expect(segments.first).to_have_attribute("data-severity", found[rule]["severity"])
        counts = segments.evaluate_all("rs => rs.map(r => Number(r.dataset.count))")
        assert sum(counts) == total
        widths[rule] = sum(segments.evaluate_all("rs => rs.map(r => r.getBoundingClientRect().width)"))
    longest = max(by_rule, key=by_rule.get)
    for rule, total in by_rule.items():
        assert widths[rule] == pytest.approx(widths[longest] * total / by_rule[longest], rel=0.02)
    description = svg.locator("desc").text_content()
    assert all(rule in description for rule in by_rule)


def test_names_table_fits_a_phone(report_dir, browser) -> None:
    with page_in(browser, report_dir / "index.html", **ON_A_PHONE) as page:
        table = page.locator("table#name-variants")
        expect(table).to_be_visible()
        sizes = page.evaluate(
            """() => {
                const table = document.querySelector('table#name-variants');
                const box = table.parentElement.getBoundingClientRect();
                const cells = [...table.querySelectorAll('td, th')].map(c => c.getBoundingClientRect().right);
                return {page: document.documentElement.scrollWidth, viewport: window.innerWidth,
                        table: table.scrollWidth, room: table.parentElement.clientWidth,
                        right: Math.max(...cells), box: box.right};
            }"""
        )
        assert sizes["page"] <= sizes["viewport"], f"the page scrolls sideways: {sizes}"
        assert sizes["table"] <= sizes["room"], f"the names table overflows its card: {sizes}"
        assert sizes["right"] <= sizes["box"] + 0.5, f"a cell sticks out: {sizes}"


def test_check_report_option_writes_the_same_pages(mtqa, report_dir, tmp_path) -> None:
    result = run_mtqa(mtqa, "check", "seeds", "--report", str(tmp_path / "out"), cwd=ROOT)
    assert result.returncode == 1, result.stderr  # the seeds have errors
    assert "duplicated-word" in result.stdout, "the terminal report is still printed"
    written = {p.relative_to(tmp_path / "out") for p in file_pages(tmp_path / "out")}
    assert (tmp_path / "out" / "index.html").is_file()
    assert written == {p.relative_to(report_dir) for p in file_pages(report_dir)}


def test_index_screenshots(report_dir, browser) -> None:
    for shot in screenshots(browser, report_dir / "index.html", "report-index"):
        assert_png(shot)
