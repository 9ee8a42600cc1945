"""A seed's report page in a real browser: highlights, list, filters, tooltip, rule docs, screenshots."""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from qa.catalogue import Catalogue, bundled_rules_folder
from tests.browser.conftest import (
    DESKTOP,
    MARK_OFFSETS_JS,
    SEED_000,
    SEED_002,
    SEVERITIES,
    Opened,
    assert_png,
    file_of,
    make_report,
    page_in,
    screenshots,
    wait_for_file,
)
from tests.conftest import ROOT

SEEDS = [SEED_000, SEED_002]
IS_FILTERED = re.compile(r"(^|\s)is-filtered(\s|$)")


def source_text(path: str) -> str:
    return (ROOT / path).read_bytes().decode("utf-8")


def mark(page: Page, n: int):
    return page.locator(f"mark.hl#f-{n}")


def item(page: Page, n: int):
    return page.locator(f"ol#findings > li.finding#item-{n}")


def focus_is_within(page: Page, element_id: str) -> None:
    page.wait_for_function(
        "id => { const el = document.getElementById(id);"
        " return !!el && el.contains(document.activeElement); }",
        arg=element_id,
    )


@pytest.fixture(params=SEEDS, ids=["000", "002"])
def seed(request) -> str:
    return request.param


@pytest.fixture
def opened(seed: str, seed_pages: dict[str, Path], open_page) -> Opened:
    return open_page(seed_pages[seed])


# ---------------------------------------------------------------- highlights


def test_one_mark_per_finding(seed: str, opened: Opened, findings_by_path) -> None:
    findings = findings_by_path[seed]
    page = opened.page
    assert page.locator("mark.hl").count() == len(findings)
    assert page.locator("main #doc-text mark.hl").count() == len(findings), "every mark is in main #doc-text"
    for n, finding in enumerate(findings, start=1):
        expect(mark(page, n)).to_have_attribute("data-rule", finding["rule"])
        expect(mark(page, n)).to_have_attribute("data-severity", finding["severity"])
        expect(mark(page, n)).to_have_attribute("tabindex", "0")


def test_document_text_is_preserved(seed: str, opened: Opened) -> None:
    doc = opened.page.locator("main #doc-text")
    assert doc.text_content() == source_text(seed)
    assert doc.evaluate("el => getComputedStyle(el).whiteSpace") == "pre-wrap"


def test_marks_stand_at_the_findings_offsets(seed: str, opened: Opened, findings_by_path) -> None:
    text = source_text(seed)
    placed = {m["id"]: m for m in opened.page.evaluate(MARK_OFFSETS_JS)}
    for n, finding in enumerate(findings_by_path[seed], start=1):
        got = placed[f"f-{n}"]
        flagged = text[finding["start"] : finding["end"]]
        assert got["start"] == finding["start"], f"f-{n} ({finding['rule']}) starts at the wrong place"
        # A partially overlapped highlight goes on in a span.hl-cont, so the mark may hold a prefix only.
        assert got["text"] and flagged.startswith(got["text"]), f"f-{n}: {got['text']!r} vs {flagged!r}"


# ---------------------------------------------------------------- list ↔ marks


def test_goto_link_scrolls_to_and_focuses_its_mark(seed: str, opened: Opened, findings_by_path) -> None:
    page = opened.page
    for n in range(len(findings_by_path[seed]), 0, -1):  # last first, so every jump must scroll
        link = item(page, n).locator(f'a.goto[href="#f-{n}"]')
        expect(link).to_have_count(1)
        link.click()
        expect(mark(page, n)).to_be_focused()
        expect(mark(page, n)).to_be_in_viewport()


def test_enter_on_a_mark_leads_to_its_list_item(seed: str, opened: Opened, findings_by_path) -> None:
    page = opened.page
    for n in range(1, len(findings_by_path[seed]) + 1):
        mark(page, n).focus()
        page.keyboard.press("Enter")
        expect(item(page, n)).to_be_in_viewport()
        focus_is_within(page, f"item-{n}")


def test_clicking_a_mark_leads_to_its_list_item(seed: str, opened: Opened) -> None:
    page = opened.page
    page.evaluate("window.scrollTo(0, 0)")
    mark(page, 1).click()
    expect(item(page, 1)).to_be_in_viewport()
    focus_is_within(page, "item-1")


def test_list_items_carry_rule_and_severity(seed: str, opened: Opened, findings_by_path) -> None:
    findings = findings_by_path[seed]
    expect(opened.page.locator("ol#findings > li.finding")).to_have_count(len(findings))
    for n, finding in enumerate(findings, start=1):
        expect(item(opened.page, n)).to_have_attribute("data-rule", finding["rule"])
        expect(item(opened.page, n)).to_have_attribute("data-severity", finding["severity"])


# ---------------------------------------------------------------- next / previous finding

IS_CURRENT = re.compile(r"(^|\s)is-current(\s|$)")


def expect_current(page: Page, n: int, of: int) -> None:
    """Finding n is the current one, in the text and in the list, and the only one."""
    expect(mark(page, n)).to_have_class(IS_CURRENT)
    expect(mark(page, n)).to_be_in_viewport()
    expect(mark(page, n)).to_be_focused()
    expect(item(page, n)).to_have_class(IS_CURRENT)
    expect(item(page, n)).to_be_in_viewport()
    expect(page.locator("li.finding.is-current")).to_have_count(1)
    expect(page.locator("#position")).to_contain_text(f"{n} of {of}")


def test_next_and_previous_buttons_go_through_every_finding(
    seed: str, opened: Opened, findings_by_path
) -> None:
    page, total = opened.page, len(findings_by_path[seed])
    previous, following = page.locator("button#previous-finding"), page.locator("button#next-finding")
    expect(previous).to_be_disabled()
    for n in range(1, total + 1):
        following.click()
        expect_current(page, n, total)
    expect(following).to_be_disabled()
    expect(page.locator("#position")).to_contain_text("last")
    for n in range(total - 1, 0, -1):
        previous.click()
        expect_current(page, n, total)
    expect(previous).to_be_disabled()
    expect(page.locator("#position")).to_contain_text("first")
    expect(following).to_be_enabled()


def test_keys_j_k_n_p_go_to_the_next_and_previous_finding(
    seed: str, opened: Opened, findings_by_path
) -> None:
    page, total = opened.page, len(findings_by_path[seed])
    assert total >= 3
    page.locator("h1").click()
    for key, n in [("j", 1), ("j", 2), ("n", 3), ("k", 2), ("p", 1), ("k", 1)]:  # stops at the first
        page.keyboard.press(key)
        expect_current(page, n, total)
    for _ in range(total + 2):
        page.keyboard.press("j")
    expect_current(page, total, total)  # and at the last


def test_keys_are_left_alone_while_typing(seed: str, opened: Opened) -> None:
    page = opened.page
    page.keyboard.press("j")
    expect(mark(page, 1)).to_have_class(IS_CURRENT)
    page.evaluate(
        "() => { const box = document.createElement('input'); box.id = 'typing'; document.querySelector('h1').after(box); }"
    )
    page.locator("#typing").focus()
    page.keyboard.type("jjkn")
    expect(page.locator("#typing")).to_have_value("jjkn")
    expect(item(page, 1)).to_have_class(IS_CURRENT)
    expect(page.locator("li.finding.is-current")).to_have_count(1)


def test_next_passes_over_filtered_findings(seed: str, opened: Opened, findings_by_path) -> None:
    page, findings = opened.page, findings_by_path[seed]
    rule = findings[0]["rule"]
    page.locator(f'form#filters input[name="rule"][value="{rule}"]').uncheck()
    kept = [n for n, f in enumerate(findings, start=1) if f["rule"] != rule]
    for position, n in enumerate(kept, start=1):
        page.locator("button#next-finding").click()
        expect(mark(page, n)).to_have_class(IS_CURRENT)
        expect(page.locator("#position")).to_contain_text(f"{position} of {len(kept)}")
    expect(page.locator("button#next-finding")).to_be_disabled()


def test_going_to_a_finding_from_the_list_makes_it_current(
    seed: str, opened: Opened, findings_by_path
) -> None:
    page, total = opened.page, len(findings_by_path[seed])
    item(page, 2).locator("a.goto").click()
    expect_current(page, 2, total)
    page.keyboard.press("j")
    expect_current(page, 3, total)


def test_next_and_previous_file_follow_the_index(report_dir, seed_pages, open_page) -> None:
    index = open_page(report_dir / "index.html").page
    order = [
        Path(href)
        for href in index.locator("table#files tbody tr th a[href]").evaluate_all(
            "links => links.map(a => a.href)"
        )
    ]
    order = [file_of(str(href)) for href in order]
    assert sorted(order) == sorted(page.resolve() for page in seed_pages.values())
    for at, page_file in enumerate(order):
        page = open_page(page_file).page
        previous, following = page.locator("a#previous-file"), page.locator("a#next-file")
        expect(previous).to_have_count(1 if at > 0 else 0)
        expect(following).to_have_count(1 if at + 1 < len(order) else 0)
        if at + 1 < len(order):
            following.click()
            wait_for_file(page, order[at + 1])
            page.locator("a#previous-file").click()
            wait_for_file(page, page_file)


# ---------------------------------------------------------------- a one-character highlight


@contextmanager
def page_of_one_file(mtqa, browser, folder: Path, name: str, text: str) -> Iterator[Page]:
    """The report page of one file written with `text`, open in a desktop-sized browser page."""
    (folder / name).write_text(text, encoding="utf-8")
    output = make_report(mtqa, folder / "out", name, cwd=folder)
    with page_in(browser, output / f"{name}.html", viewport=DESKTOP) as page:
        yield page


def test_a_lone_quotation_mark_is_widened_and_flagged_in_the_margin(mtqa, browser, tmp_path) -> None:
    text = "The minister said the talks were useful.\n\nHe added: \u201cWe will meet again in March.\n"
    with page_of_one_file(mtqa, browser, tmp_path, "quote.txt", text) as page:
        short = page.locator("mark.hl.is-short")
        expect(short).to_have_count(1)
        expect(short).to_have_text("\u201c")
        looks = short.evaluate(
            """mark => {
                const box = mark.getBoundingClientRect();
                const doc = document.getElementById('doc-text').getBoundingClientRect();
                const flag = getComputedStyle(mark, '::before');
                const glyph = document.createRange();
                glyph.selectNodeContents(mark);
                return {width: box.width, glyph: glyph.getBoundingClientRect().width, outline: getComputedStyle(mark).outlineWidth,
                        flag: flag.content, position: flag.position, left: mark.offsetLeft - doc.left};
            }"""
        )
        assert looks["width"] >= looks["glyph"] + 8, f"the mark is not wider than its character: {looks}"
        assert looks["outline"] == "2px", looks
        assert looks["flag"] not in ("none", "normal", "") and looks["position"] == "absolute", looks
        screenshot = short.screenshot()
        assert screenshot


# ---------------------------------------------------------------- filters


def test_filters_hide_and_show_without_reload(seed: str, opened: Opened, findings_by_path) -> None:
    page = opened.page
    findings = findings_by_path[seed]
    page.evaluate("window.__probe = 'still here'")
    expect(page.locator('form#filters input[type="checkbox"]:not(:checked)')).to_have_count(0)
    # One box per severity and per rule that this file's findings have (a box for a severity
    # without findings, such as info on the seeds, is allowed but not required).
    boxes = [("severity", s) for s in SEVERITIES if any(f["severity"] == s for f in findings)]
    boxes += [("rule", r) for r in sorted({f["rule"] for f in findings})]
    for name, value in boxes:
        box = page.locator(f'form#filters input[type="checkbox"][name="{name}"][value="{value}"]')
        expect(box).to_be_checked()
        box.uncheck()
        expect_filtered(page, findings, lambda f: f[name] == value)
        box.check()
        expect_filtered(page, findings, lambda f: False)
    assert page.evaluate("window.__probe") == "still here", "a filter reloaded the page"


def expect_filtered(page: Page, findings: list[dict], hidden) -> None:
    for n, finding in enumerate(findings, start=1):
        if hidden(finding):
            expect(item(page, n)).to_be_hidden()
            expect(mark(page, n)).to_have_class(IS_FILTERED)
        else:
            expect(item(page, n)).to_be_visible()
            expect(mark(page, n)).not_to_have_class(IS_FILTERED)


# ---------------------------------------------------------------- name variants


def test_name_variant_link_opens_the_other_files_page(seed_pages, open_page, findings_by_path) -> None:
    related = [
        (path, n, other)
        for path, findings in findings_by_path.items()
        for n, f in enumerate(findings, start=1)
        if f["rule"] == "name-variant"
        for other in f["related"]
    ]
    assert any(path == SEED_002 and other == SEED_000 for path, _, other in related), (
        "002's Anthony Blinken points at 000"
    )
    for path, n, other in related:
        opened = open_page(seed_pages[path])
        link = item(opened.page, n).locator("a.related")
        expect(link).to_have_attribute("href", re.compile(r"\.html$"))
        link.first.click()
        wait_for_file(opened.page, seed_pages[other])
        expect(opened.page.locator("h1")).to_contain_text(other)


# ---------------------------------------------------------------- keyboard and tooltip


def test_tab_reaches_every_mark_in_order(seed: str, opened: Opened, findings_by_path) -> None:
    page = opened.page
    wanted = [f"f-{n}" for n in range(1, len(findings_by_path[seed]) + 1)]
    focusable = page.locator("a[href], input, button, select, textarea, [tabindex]").count()
    reached: list[str] = []
    for _ in range(focusable + 5):
        page.keyboard.press("Tab")
        active = page.evaluate("() => document.activeElement.matches('mark.hl') && document.activeElement.id")
        if active and active not in reached:
            reached.append(active)
        if len(reached) == len(wanted):
            break
    assert reached == wanted


def test_focusing_a_mark_shows_its_tooltip(seed: str, opened: Opened, findings_by_path) -> None:
    page = opened.page
    tooltip = page.locator("#tooltip")
    expect(tooltip).to_have_attribute("role", "tooltip")
    expect(tooltip).to_be_hidden()
    for n, finding in enumerate(findings_by_path[seed], start=1):
        mark(page, n).focus()
        expect_tooltip_for(page, finding)


def test_hovering_a_mark_shows_its_tooltip(seed: str, opened: Opened, findings_by_path) -> None:
    mark(opened.page, 1).hover()
    expect_tooltip_for(opened.page, findings_by_path[seed][0])


def expect_tooltip_for(page: Page, finding: dict) -> None:
    tooltip = page.locator("#tooltip")
    expect(tooltip).to_be_visible()
    expect(tooltip).to_contain_text(finding["rule"])
    expect(tooltip).to_contain_text(finding["message"])
    if finding["suggestion"]:
        expect(tooltip).to_contain_text(finding["suggestion"])


# ---------------------------------------------------------------- rule docs and counts


def test_rule_docs_for_each_rule_found(seed: str, opened: Opened, findings_by_path) -> None:
    catalogue = Catalogue.load([bundled_rules_folder()])
    found = sorted({f["rule"] for f in findings_by_path[seed]})
    articles = opened.page.locator("section#rules article[data-rule]")
    assert sorted(articles.evaluate_all("els => els.map(e => e.dataset.rule)")) == found
    for rule_id in found:
        rule = catalogue.get(rule_id)
        article = opened.page.locator(f'section#rules article[data-rule="{rule_id}"]')
        text = " ".join(article.inner_text().split())
        assert " ".join(rule.summary.split()) in text
        # The bundled rules name Python files only in parentheses, which the report leaves out.
        for_editors = re.sub(r"\s*\([^()]*\.py\b[^()]*\)", "", rule.why).replace("`", "")
        assert " ".join(for_editors.split()) in text
        assert "`" not in text and "qa/" not in text and ".py" not in text
        assert article.locator(".rule-why code").count() == rule.why.count("`") // 2


def test_counts_by_severity_and_words(seed: str, opened: Opened, seed_check) -> None:
    result = next(f for f in seed_check["files"] if f["path"] == seed)
    counts = " ".join(opened.page.locator("#counts").inner_text().split())
    for severity in SEVERITIES:
        n = sum(f["severity"] == severity for f in result["findings"])
        if n:
            pattern = rf"\b{n}\s+{severity}|{severity}s?\W*{n}\b"
            assert re.search(pattern, counts, re.IGNORECASE), f"{n} {severity} not in #counts: {counts!r}"
    expect(opened.page.locator("#word-count")).to_contain_text(str(result["words"]))


# ---------------------------------------------------------------- screenshots for people


def test_screenshots(seed: str, seed_pages, browser) -> None:
    for shot in screenshots(browser, seed_pages[seed], f"report-{Path(seed).stem}"):
        assert_png(shot)


# ---------------------------------------------------------------- Markdown's inline code


def test_markdown_inline_code_is_shown_never_flagged_never_run(mtqa, browser, tmp_path) -> None:
    text = "# Notes\n\nType `<script>window.__pwned=1</script>` and `the the` as they are; the the end.\n"
    with page_of_one_file(mtqa, browser, tmp_path, "story.md", text) as page:
        text = page.locator("#doc-text")
        expect(text).to_have_text(
            "Notes\n\nType <script>window.__pwned=1</script> and the the as they are; the the end."
        )
        expect(page.locator("mark.hl")).to_have_count(1)
        expect(page.locator("mark.hl")).to_have_text("the the")
        placed = page.evaluate(MARK_OFFSETS_JS)
        assert placed[0]["start"] > text.text_content().index("as they are"), (
            "the finding is the prose's, not the code's"
        )
        assert page.evaluate("window.__pwned") is None
