"""A translation file's page in a real browser: source beside target, marks on the right text of
each cell, a finding's source span lit with it, the stepper, and nothing from the file runs."""

from __future__ import annotations

import re
import time
from dataclasses import dataclass
from pathlib import Path

import pytest
from playwright.sync_api import expect

from qa.engine import run
from qa.findings import Results
from qa.report import write_reports
from tests.browser.conftest import ON_A_PHONE, PHONE, Opened, assert_png, make_report, page_in, screenshots
from tests.browser.test_report_page import IS_CURRENT, expect_current, item, mark
from tests.browser.test_report_safety import NO_HANDLER_ATTRIBUTES_JS, poke_everything
from tests.helpers import CATALOGUE
from tests.test_report_bilingual import (
    RECORDS,
    SPAN_CATALOGUE,
    SPAN_RULE,
    SPANS,
    XLIFF,
    jsonl,
    jsonl_source,
    with_source_spans,
)

IS_ACTIVE = re.compile(r"(^|\s)is-active(\s|$)")

# Where each mark stands: its row, its cell's side, and its offset in the cell's text (code points).
MARKS_IN_CELLS_JS = """selector => [...document.querySelectorAll(selector)].map(mark => {
  const cell = mark.closest('td');
  const before = document.createRange();
  before.setStart(cell, 0);
  before.setEndBefore(mark);
  return {id: mark.id, row: mark.closest('tr').id, side: cell.classList.contains('seg-source') ? 'source' : 'target',
          start: [...before.toString()].length, text: mark.textContent};
})"""


@dataclass
class Written:
    page: Path
    findings: list
    segments: list


def write_story(folder: Path, records: list[dict], spans) -> Written:
    """The report of a JSON Lines file checked for doubled words, plus hand-made source-span findings."""
    source = jsonl_source(records)
    rules = [*CATALOGUE.select(["duplicated-word"]), SPAN_RULE]
    checked = run([source], rules[:1]).files[0]
    doc = source.load()
    result = with_source_spans(doc, checked, spans)
    written = write_reports(Results((result,)), [source], rules, SPAN_CATALOGUE, folder)
    return Written(written.pages[source.display], list(result.findings), list(doc.bilingual.segments))


@pytest.fixture(scope="module")
def story(tmp_path_factory) -> Written:
    return write_story(tmp_path_factory.mktemp("bilingual"), RECORDS, SPANS)


@pytest.fixture
def opened(story: Written, open_page) -> Opened:
    return open_page(story.page)


def row_of(story: Written, finding) -> int:
    """The 1-based row of a finding's segment."""
    return next(at for at, s in enumerate(story.segments, start=1) if s.id == finding.segment.id)


# ---------------------------------------------------------------- both columns


def test_each_segment_shows_its_id_source_and_target_side_by_side(opened: Opened) -> None:
    page = opened.page
    rows = page.locator("table#doc-text tbody tr.segment")
    expect(rows).to_have_count(len(RECORDS))
    for n, record in enumerate(RECORDS):
        row = rows.nth(n)
        expect(row.locator("th.seg-id .seg-name")).to_have_text(record["id"])
        expect(row.locator("td.seg-source")).to_have_text(record["source"])
        target = row.locator("td.seg-target")
        expect(target).to_have_text(record["target"] or "not translated")
        source_box, target_box = row.locator("td.seg-source").bounding_box(), target.bounding_box()
        assert source_box["x"] + source_box["width"] <= target_box["x"] + 1, (
            "the source stands left of the target"
        )
        assert (
            abs(source_box["y"] - target_box["y"]) < 1
            and source_box["width"] > 250
            and target_box["width"] > 250
        )
    expect(page.locator("tr.segment.is-untranslated .untranslated")).to_have_text("not translated")
    assert page.locator("td.seg-target").first.evaluate("el => getComputedStyle(el).whiteSpace") == "pre-wrap"


def test_target_marks_stand_on_the_findings_text(story: Written, opened: Opened) -> None:
    placed = {m["id"]: m for m in opened.page.evaluate(MARKS_IN_CELLS_JS, "mark.hl")}
    assert len(placed) == len(story.findings)
    rules = {f.rule for f in story.findings}
    assert rules == {"duplicated-word", SPAN_RULE.id}
    for n, finding in enumerate(story.findings, start=1):
        row, ref = row_of(story, finding), finding.segment
        flagged = story.segments[row - 1].target[ref.start : ref.end]
        assert placed[f"f-{n}"] == {
            "id": f"f-{n}",
            "row": f"seg-{row}",
            "side": "target",
            "start": ref.start,
            "text": flagged,
        }
        if finding.rule == "duplicated-word":
            assert flagged.lower().split()[0] == flagged.lower().split()[1]


def test_source_marks_stand_on_the_source_text_they_name(story: Written, opened: Opened) -> None:
    placed = {m["id"]: m for m in opened.page.evaluate(MARKS_IN_CELLS_JS, "mark.src")}
    spanned = [(n, f) for n, f in enumerate(story.findings, start=1) if f.segment.source_start is not None]
    assert len(placed) == len(spanned) == 3
    for n, finding in spanned:
        row, ref = row_of(story, finding), finding.segment
        assert placed[f"src-{n}"] == {
            "id": f"src-{n}",
            "row": f"seg-{row}",
            "side": "source",
            "start": ref.source_start,
            "text": story.segments[row - 1].source[ref.source_start : ref.source_end],
        }
    assert {m["text"] for m in placed.values()} == {"5", "12%", "за год"}


def test_hovering_or_focusing_a_finding_lights_its_source_and_back(story: Written, opened: Opened) -> None:
    page = opened.page
    spanned = [
        (f.end - f.start, n)
        for n, f in enumerate(story.findings, start=1)
        if f.segment.source_start is not None
    ]
    n = max(spanned)[1]  # not a one-character mark, whose margin flag Playwright would aim at
    source = page.locator(f"mark.src#src-{n}")
    mark(page, n).hover()
    expect(source).to_have_class(IS_ACTIVE)
    expect(item(page, n)).to_have_class(IS_ACTIVE)
    expect(page.locator("#tooltip")).to_be_visible()
    page.mouse.move(0, 0)
    expect(source).not_to_have_class(IS_ACTIVE)
    mark(page, n).focus()
    expect(source).to_have_class(IS_ACTIVE)
    page.locator("h1").click()
    source.hover()
    expect(mark(page, n)).to_have_class(IS_ACTIVE)
    expect(page.locator("#tooltip")).to_contain_text(SPAN_RULE.id)
    outline = source.evaluate("el => getComputedStyle(el).outlineStyle")
    assert outline == "solid", "an active source mark is outlined"


def test_a_list_item_links_to_its_segment_and_its_source(story: Written, opened: Opened) -> None:
    page = opened.page
    for n, finding in enumerate(story.findings, start=1):
        row = row_of(story, finding)
        expect(item(page, n).locator("a.goto-segment")).to_have_attribute("href", f"#seg-{row}")
        expect(item(page, n).locator("a.goto-segment")).to_have_text(f"segment {finding.segment.id}")
        expect(item(page, n).locator("a.goto-source")).to_have_count(
            int(finding.segment.source_start is not None)
        )
    n = max(n for n, f in enumerate(story.findings, start=1) if f.segment.source_start is not None)
    page.evaluate("window.scrollTo(0, 0)")
    item(page, n).locator("a.goto-source").click()
    expect(page.locator(f"#src-{n}")).to_be_in_viewport()
    assert page.evaluate("location.hash") == f"#src-{n}"
    on_top = (
        "id => { const r = document.getElementById(id).getBoundingClientRect();"
        " return document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2).closest('#' + id) !== null; }"
    )
    assert page.evaluate(on_top, f"src-{n}"), "the source mark is hidden under the table's sticky header"


def test_next_and_previous_go_through_the_targets_in_order(story: Written, opened: Opened) -> None:
    page, total = opened.page, len(story.findings)
    for n in range(1, total + 1):
        page.locator("button#next-finding").click()
        expect_current(page, n, total)
        expect(page.locator(f"#seg-{row_of(story, story.findings[n - 1])} mark.hl#f-{n}")).to_have_count(1)
        if story.findings[n - 1].segment.source_start is not None:
            expect(page.locator(f"mark.src#src-{n}")).to_have_class(IS_CURRENT)
    expect(page.locator("button#next-finding")).to_be_disabled()
    page.keyboard.press("k")
    expect_current(page, total - 1, total)


def test_a_filtered_finding_leaves_its_source_unmarked(story: Written, opened: Opened) -> None:
    page = opened.page
    page.locator(f'form#filters input[name="rule"][value="{SPAN_RULE.id}"]').uncheck()
    for source in page.locator("mark.src").all():
        expect(source).to_have_class(re.compile(r"is-filtered"))
    page.locator(f'form#filters input[name="rule"][value="{SPAN_RULE.id}"]').check()
    expect(page.locator("mark.src.is-filtered")).to_have_count(0)


# ---------------------------------------------------------------- safety


def test_script_in_a_source_or_target_does_not_run(story: Written, opened: Opened) -> None:
    page = opened.page
    poke_everything(page)
    for source in page.locator("mark.src").all():
        source.hover()
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert opened.watch.dialogs == [] and opened.watch.page_errors == [] and opened.watch.console_errors == []
    assert opened.watch.foreign_requests(opened.url) == []
    assert page.evaluate(NO_HANDLER_ATTRIBUTES_JS) == []
    assert page.locator('img[src="x"]').count() == 0
    expect(page.locator("#seg-2 td.seg-source")).to_contain_text("<script>window.__pwned=1</script>")
    expect(page.locator("#seg-2 td.seg-target")).to_contain_text("<script>window.__pwned=2</script>")
    expect(page.locator("#seg-4 th .seg-name")).to_have_text(RECORDS[3]["id"])


def test_the_report_command_page_runs_nothing(mtqa, browser, tmp_path, open_page) -> None:
    (tmp_path / "story.jsonl").write_bytes(jsonl(RECORDS))
    output = make_report(mtqa, tmp_path / "out", "story.jsonl", cwd=tmp_path)
    opened = open_page(output / "story.jsonl.html")
    poke_everything(opened.page)
    assert opened.page.evaluate("typeof window.__pwned") == "undefined" and opened.watch.dialogs == []
    expect(opened.page.locator("#seg-1 td.seg-target mark.hl").first).to_have_text("The the")


def test_inline_codes_show_as_chips_and_run_nothing(mtqa, tmp_path, open_page) -> None:
    (tmp_path / "codes.xlf").write_text(XLIFF, encoding="utf-8")
    opened = open_page(make_report(mtqa, tmp_path / "out", "codes.xlf", cwd=tmp_path) / "codes.xlf.html")
    page = opened.page
    poke_everything(page)
    assert page.evaluate("typeof window.__pwned") == "undefined" and opened.watch.dialogs == []
    expect(page.locator("#seg-1 td.seg-target")).to_have_text("Yes  no.")  # a code holds no text
    expect(page.locator("#seg-1 .seg-state")).to_have_text("needs-review-translation")
    chips = page.locator("#seg-1 span.code")
    expect(chips).to_have_count(3)
    drawn = chips.evaluate_all("els => els.map(el => getComputedStyle(el, '::before').content)")
    assert drawn[0] == drawn[2] == '"<x id=\\"1\\"/>"' and "<script>" in drawn[1], drawn
    assert all(chip.bounding_box()["width"] > 12 for chip in chips.all())


# ---------------------------------------------------------------- a long file, and a phone


def test_five_thousand_segments_load_and_step_to_the_last(tmp_path, open_page) -> None:
    count = 5_000
    records = [
        {"id": f"u{n}", "source": f"Он сказал это {n} раз.", "target": f"He said it it {n} times."}
        for n in range(count)
    ]
    began = time.perf_counter()
    written = write_story(tmp_path, records, [(n, f"{n}", f"{n}") for n in range(0, count, 10)])
    wrote = time.perf_counter() - began
    began = time.perf_counter()
    opened = open_page(written.page)
    page = opened.page
    expect(page.locator("tr.segment")).to_have_count(count)
    loaded = time.perf_counter() - began
    total = len(written.findings)
    item(page, total).locator("a.goto").click()
    expect_current(page, total, total)
    expect(page.locator(f"#seg-{count} mark.hl#f-{total}")).to_have_count(1)
    print(f"\n{count:,} segments, {total:,} findings: written in {wrote:.2f} s, loaded in {loaded:.2f} s")
    assert loaded < 10 and opened.watch.page_errors == []


def test_on_a_phone_the_source_stands_above_its_target(story: Written, browser) -> None:
    with page_in(browser, story.page, **ON_A_PHONE) as page:
        row = page.locator("#seg-1")
        source, target = (
            row.locator("td.seg-source").bounding_box(),
            row.locator("td.seg-target").bounding_box(),
        )
        assert source["y"] + source["height"] <= target["y"] + 1
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= PHONE["width"], f"the page scrolls sideways ({width}px)"


def test_screenshots(story: Written, browser) -> None:
    for shot in screenshots(browser, story.page, "bilingual"):
        assert_png(shot)
