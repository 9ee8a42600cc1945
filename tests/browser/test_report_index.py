"""index.html of the seed report in a real browser: files worst first, name variants, rule totals."""

from __future__ import annotations

from pathlib import Path
from playwright.sync_api import expect

from tests.browser.conftest import (
    SEVERITIES,
    assert_png,
    file_of,
    file_pages,
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


def test_rule_totals_one_row_per_rule_that_ran(report_dir, seed_check, open_page) -> None:
    rows = open_page(report_dir / "index.html").page.locator("table#rule-totals tbody tr")
    ran = [rule.id for rule in CATALOGUE.select()]
    totals = {rule: seed_check["summary"]["by_rule"].get(rule, 0) for rule in ran}
    expect(rows).to_have_count(len(ran))
    for rule, total in totals.items():
        row = rows.filter(has_text=rule)
        expect(row).to_have_count(1)
        cells = [" ".join(c.split()) for c in row.locator("td, th").all_inner_texts()]
        assert str(total) in cells, f"{rule}: total {total} not a cell of {cells}"


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
