"""The report never runs or fetches anything it was not built with, whatever the input says."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import (
    MARK_OFFSETS_JS,
    check_json,
    file_of,
    make_report,
    pages_by_heading,
    wait_for_file,
)

# Text that would run, hide itself or break out of its element if the report pasted it in raw.
HOSTILE_LITERALS = [
    "<script>window.__pwned=1</script>",
    '<img src=x onerror="window.__pwned=2">',
    "</textarea>",
    "</mark>",
    "&lt;b&gt;",
    "<!-- comment -->",
    "قال الوزير إن المحادثات كانت صريحة",
    "השר אמר שהשיחות היו כנות",
    "🎉👍🏽",
    "👨‍👩‍👧",
]
# A leading newline (which <pre> would swallow), then non-BMP characters, so a highlight placed by
# UTF-16 rather than code-point offsets is off.
HOSTILE_TEXT = (
    "\n"
    "Emoji first 🎉👍🏽 and a family 👨‍👩‍👧 before any highlight.\n"
    "العربية: قال الوزير إن المحادثات كانت صريحة.\n"
    "עברית: השר אמר שהשיחות היו כנות.\n"
    "There can be no No<script>window.__pwned=1</script> bargaining in this area.\n"
    "They met in Geneva. this this Friday, two highlights start at one place.\n"
    '<img src=x onerror="window.__pwned=2"> and a </textarea> and a </mark> end tag.\n'
    "Escaped markup &lt;b&gt;bold&lt;/b&gt; and <!-- comment --> stay as text.\n"
)
# File names that are markup or attribute breakers; "<b>x</b>.txt" is the file "b>.txt" in the folder "<b>x<".
HOSTILE_NAMES = {
    "hostile.txt": HOSTILE_TEXT,
    "<b>x</b>.txt": "The Secretary of State, Antony Blinken, spoke. Later Antony Blinken left.\n",
    '"onmouseover=alert(1)".txt': "The Secretary of State, Anthony Blinken, said there can be no No deal.\n",
    "<img src=x onerror=alert(3)>.txt": "The the minister spoke.\n",
    "odd #1 ?q=2 %41.txt": "Antony Blinken arrived.\n",
}

NO_HANDLER_ATTRIBUTES_JS = """() => [...document.querySelectorAll('*')].flatMap(
  el => [...el.attributes].filter(a => a.name.startsWith('on')).map(a => `${el.tagName}[${a.name}]`))"""


@dataclass
class Report:
    inputs: Path
    output: Path
    check: dict
    pages: dict[str, Path]

    def findings(self, path: str) -> list[dict]:
        return next(f["findings"] for f in self.check["files"] if f["path"] == path)


def write_inputs(folder: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        target = folder / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")


def snapshot(folder: Path) -> dict[Path, bytes]:
    return {p: p.read_bytes() for p in folder.rglob("*") if p.is_file()}


@pytest.fixture(scope="module")
def hostile(mtqa, browser, tmp_path_factory) -> Report:
    inputs, output = tmp_path_factory.mktemp("hostile-in"), tmp_path_factory.mktemp("hostile-out") / "report"
    write_inputs(inputs, HOSTILE_NAMES)
    before = snapshot(inputs)
    check = check_json(mtqa, ".", cwd=inputs)
    assert sorted(f["path"] for f in check["files"]) == sorted(HOSTILE_NAMES)
    make_report(mtqa, output, ".", cwd=inputs)
    assert snapshot(inputs) == before, "mtqa report wrote into or changed the input folder"
    return Report(inputs, output, check, pages_by_heading(browser, output, sorted(HOSTILE_NAMES)))


def hostile_pages(report: Report) -> list[Path]:
    return [report.output / "index.html", *report.pages.values()]


def poke_everything(page: Page) -> None:
    """Mouse over every element, and focus every mark, so an injected handler would fire."""
    page.evaluate(
        """() => document.querySelectorAll('*').forEach(el => {
             for (const type of ['mouseover', 'mouseenter', 'pointerover', 'focus'])
               el.dispatchEvent(new MouseEvent(type, {bubbles: true}));
           })"""
    )
    for target in page.locator("mark.hl").all():
        target.focus()


# ---------------------------------------------------------------- hostile documents and names


def test_no_script_runs(hostile: Report, open_page) -> None:
    for page_file in hostile_pages(hostile):
        opened = open_page(page_file)
        poke_everything(opened.page)
        assert opened.page.evaluate("typeof window.__pwned") == "undefined", page_file.name
        assert opened.watch.dialogs == [], page_file.name
        assert opened.watch.page_errors == [], page_file.name
        assert opened.page.evaluate(NO_HANDLER_ATTRIBUTES_JS) == [], page_file.name
        assert opened.page.locator('img[src="x"]').count() == 0, page_file.name
        scripts = opened.page.locator("script").evaluate_all("els => els.map(e => e.textContent)")
        assert not [s for s in scripts if "__pwned" in s or "alert(" in s], page_file.name


def test_hostile_text_is_shown_literally(hostile: Report, open_page) -> None:
    page = open_page(hostile.pages["hostile.txt"]).page
    visible = page.locator("main #doc-text").inner_text()
    for literal in HOSTILE_LITERALS:
        assert literal in visible, f"{literal!r} is not shown as text"
    assert page.locator("main #doc-text").text_content() == HOSTILE_TEXT


def test_highlights_around_hostile_text_stand_at_their_offsets(hostile: Report, open_page) -> None:
    page = open_page(hostile.pages["hostile.txt"]).page
    findings = hostile.findings("hostile.txt")
    flagged = [(f["rule"], HOSTILE_TEXT[f["start"] : f["end"]]) for f in findings]
    assert ("duplicated-word", "no No") in flagged and ("duplicated-word", "this this") in flagged
    assert ("lowercase-sentence-start", "this") in flagged
    placed = {m["id"]: m for m in page.evaluate(MARK_OFFSETS_JS)}
    assert len(placed) == len(findings)
    for n, finding in enumerate(findings, start=1):
        assert placed[f"f-{n}"]["start"] == finding["start"], f"f-{n} {finding['rule']}"
        assert HOSTILE_TEXT[finding["start"] : finding["end"]].startswith(placed[f"f-{n}"]["text"])
        if finding["rule"] == "duplicated-word":
            expect(page.locator(f"mark.hl#f-{n}")).to_have_text(flagged[n - 1][1])


def test_hostile_file_names_are_shown_literally(hostile: Report, open_page) -> None:
    for path, page_file in hostile.pages.items():
        expect(open_page(page_file).page.locator("h1")).to_contain_text(path)
    index_text = open_page(hostile.output / "index.html").page.locator("table#files").inner_text()
    for path in HOSTILE_NAMES:
        assert path in index_text


def test_links_between_hostile_names_work(hostile: Report, open_page) -> None:
    source = '"onmouseover=alert(1)".txt'
    variants = [f for f in hostile.findings(source) if f["rule"] == "name-variant"]
    related = [other for f in variants for other in f["related"]]
    assert "<b>x</b>.txt" in related and "odd #1 ?q=2 %41.txt" in related
    for other in related:
        page = open_page(hostile.pages[source]).page
        page.locator("li.finding[data-rule='name-variant'] a.related").filter(has_text=other).first.click()
        wait_for_file(page, hostile.pages[other])
        expect(page.locator("h1")).to_contain_text(other)


def test_index_links_of_hostile_names_stay_in_the_output_folder(hostile: Report, open_page) -> None:
    page = open_page(hostile.output / "index.html").page
    for n in range(page.locator("table#files tbody tr").count()):
        link = page.locator("table#files tbody tr").nth(n).locator("a[href]").first
        link.click()
        page.wait_for_url(lambda url: not url.endswith("index.html"))
        target = file_of(page.url)
        assert target.is_relative_to(hostile.output.resolve())
        assert target in {p.resolve() for p in hostile.pages.values()}
        page.go_back()


def test_same_file_name_in_two_folders_gives_two_pages(mtqa, browser, tmp_path) -> None:
    inputs = {"a/x.txt": "There can be no No deal.\n", "b/x.txt": "The the end.\n", "a_x.txt": "no No.\n"}
    write_inputs(tmp_path / "in", inputs)
    output = make_report(mtqa, tmp_path / "out", *inputs, cwd=tmp_path / "in")
    pages = pages_by_heading(browser, output, list(inputs))
    assert len({page.resolve() for page in pages.values()}) == len(inputs), pages
    for page_file in pages.values():
        assert page_file.resolve().is_relative_to(output.resolve())
    written = {p.resolve() for p in tmp_path.rglob("*") if p.is_file()}
    inside = {p.resolve() for p in output.rglob("*") if p.is_file()}
    assert written - inside == {(tmp_path / "in" / name).resolve() for name in inputs}


# ---------------------------------------------------------------- the seed pages stay offline and quiet


@pytest.fixture(params=["index", "000", "002"])
def any_seed_page(request, report_dir, seed_pages) -> Path:
    if request.param == "index":
        return report_dir / "index.html"
    return next(page for path, page in seed_pages.items() if Path(path).name.startswith(request.param))


def test_no_errors_and_no_requests_beyond_the_page(any_seed_page: Path, open_page) -> None:
    opened = open_page(any_seed_page)
    page = opened.page
    if page.locator("mark.hl").count():
        page.locator("mark.hl").first.hover()
        page.locator("mark.hl").first.focus()
    if page.locator("form#filters input").count():
        page.locator("form#filters input").first.uncheck()
        page.locator("form#filters input").first.check()
    assert opened.watch.console_errors == []
    assert opened.watch.page_errors == []
    assert opened.watch.foreign_requests(opened.url) == []
    assert opened.watch.dialogs == []


def test_nothing_external_is_referenced(any_seed_page: Path, open_page) -> None:
    page = open_page(any_seed_page).page
    sources = page.locator("[src], link[href], [srcset], object[data]").evaluate_all(
        "els => els.map(e => ['src', 'href', 'srcset', 'data'].map(a => e.getAttribute(a)).find(v => v))"
    )
    assert [s for s in sources if not s.startswith("data:")] == []


def csp_directives(page: Page) -> dict[str, list[str]]:
    meta = page.locator('head meta[http-equiv="Content-Security-Policy" i]')
    expect(meta).to_have_count(1)
    policy = meta.get_attribute("content") or ""
    directives = {}
    for part in policy.split(";"):
        words = part.split()
        if words:
            directives[words[0].lower()] = words[1:]
    return directives


def test_content_security_policy_forbids_network_requests(any_seed_page: Path, open_page) -> None:
    directives = csp_directives(open_page(any_seed_page).page)
    assert directives.get("default-src") == ["'none'"], directives
    offline = re.compile(r"^('none'|'unsafe-inline'|'sha(256|384|512)-[A-Za-z0-9+/=]+'|'nonce-[^']+'|data:)$")
    for name, sources in directives.items():
        if name.endswith("-src") or name.endswith("-src-elem") or name.endswith("-src-attr"):
            assert all(offline.match(s) for s in sources), f"{name} {sources} allows a network source"


def test_content_security_policy_is_enforced(any_seed_page: Path, open_page) -> None:
    """An image and a fetch added by script are refused by the page's own policy."""
    violated = open_page(any_seed_page).page.evaluate(
        """() => new Promise(resolve => {
             const seen = [];
             document.addEventListener('securitypolicyviolation', e => {
               seen.push(e.effectiveDirective);
               if (seen.length === 2) resolve(seen.sort());
             });
             const img = document.createElement('img');
             img.src = 'http://mtqa-csp-probe.invalid/x.png';
             document.body.append(img);
             fetch('http://mtqa-csp-probe.invalid/x').catch(() => {});
             setTimeout(() => resolve(seen.sort()), 5000);  // a bound, not a pause: resolves early
           })"""
    )
    assert violated == ["connect-src", "img-src"]
