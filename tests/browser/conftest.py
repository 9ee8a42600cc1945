"""The HTML report in a real headless browser: `mtqa report` run once, pages opened via file:// URLs.

The suite needs Debian's `chromium` (apt-get install chromium) and the `playwright` Python
package (the `test` extra); it never downloads a browser. Without chromium it is skipped on a
developer's machine, and fails loudly where the environment variable CI is set.
"""

from __future__ import annotations

import json
import os
import shutil
import struct
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urldefrag, urlparse

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, Playwright, sync_playwright

from tests.conftest import ROOT

ARTIFACTS = ROOT / "tests" / "artifacts"
SEED_000 = "seeds/000_4ba9a3a3582aff3b.txt"
SEED_002 = "seeds/002_fccc3799612edf3c.txt"
SEVERITIES = ("error", "warning", "info")

CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}
ON_A_PHONE = {"viewport": PHONE, "device_scale_factor": 2, "is_mobile": True, "has_touch": True}
"""A browser context's options for a phone: its width, twice the pixels, touch."""

# Where each mark.hl starts in #doc-text, counted in code points like the JSON offsets.
MARK_OFFSETS_JS = """() => {
  const root = document.querySelector('main #doc-text');
  return [...root.querySelectorAll('mark.hl')].map(mark => {
    const before = document.createRange();
    before.setStart(root, 0);
    before.setEndBefore(mark);
    return {id: mark.id, start: [...before.toString()].length, text: mark.textContent};
  });
}"""


def chromium_path() -> str | None:
    """Debian's chromium: on PATH, or where the Debian package puts it."""
    return shutil.which("chromium") or ("/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else None)


def in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no")


@pytest.fixture(scope="session", autouse=True)
def _chromium_available() -> str:
    """Skip the suite without chromium on a developer's machine; in CI, fail instead."""
    path = chromium_path()
    if path is None:
        reason = "the browser tests need Debian's chromium at /usr/bin/chromium (apt-get install chromium)"
        if in_ci():
            pytest.fail(f"{reason}; CI is set, so this is a failure, not a skip", pytrace=False)
        pytest.skip(reason)
    return path


# ---------------------------------------------------------------- running mtqa


def run_mtqa(mtqa: list[str], *args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*mtqa, *args], cwd=cwd, capture_output=True, text=True, timeout=300, check=False
    )


def make_report(mtqa: list[str], output: Path, *paths: str, cwd: Path = ROOT) -> Path:
    """Run `mtqa report PATH... --output-dir OUTPUT`; findings may make it exit 1, never 2."""
    result = run_mtqa(mtqa, "report", *paths, "--output-dir", str(output), cwd=cwd)
    assert result.returncode in (0, 1), f"mtqa report exited {result.returncode}:\n{result.stderr}"
    assert (output / "index.html").is_file(), f"no index.html in {output}: {sorted(output.rglob('*'))}"
    return output


def check_json(mtqa: list[str], *paths: str, cwd: Path = ROOT) -> dict:
    result = run_mtqa(mtqa, "check", *paths, "--format", "json", "--fail-on", "never", cwd=cwd)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


@pytest.fixture(scope="session")
def seed_check(mtqa: list[str]) -> dict:
    """`mtqa check seeds --format json`, the findings every page must show."""
    return check_json(mtqa, "seeds")


@pytest.fixture(scope="session")
def findings_by_path(seed_check: dict) -> dict[str, list[dict]]:
    return {f["path"]: f["findings"] for f in seed_check["files"]}


@pytest.fixture(scope="session")
def report_dir(mtqa: list[str], tmp_path_factory: pytest.TempPathFactory) -> Path:
    """`mtqa report seeds --output-dir <tmp>`, run once for the session."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return make_report(mtqa, tmp_path_factory.mktemp("report"), "seeds")


def file_pages(output: Path) -> list[Path]:
    return sorted(p for p in output.rglob("*.html") if p != output / "index.html")


@pytest.fixture(scope="session")
def seed_pages(report_dir: Path, browser: Browser, findings_by_path: dict[str, list]) -> dict[str, Path]:
    """Each seed's report page, found by its h1 (which names the file's path)."""
    return pages_by_heading(browser, report_dir, list(findings_by_path))


def pages_by_heading(browser: Browser, output: Path, paths: list[str]) -> dict[str, Path]:
    headings = {page: heading(browser, page) for page in file_pages(output)}
    assert len(headings) == len(paths), f"expected one page per input file {paths}, got {list(headings)}"
    found = {}
    for path in paths:
        matching = [page for page, h1 in headings.items() if path in h1]
        assert len(matching) == 1, f"no single page whose h1 names {path!r}: {headings}"
        found[path] = matching[0]
    return found


def file_of(url: str) -> Path:
    """The local file a file:// URL names (percent-decoded, without query or fragment)."""
    return Path(unquote(urlparse(url).path)).resolve()


def wait_for_file(page: Page, page_file: Path) -> None:
    """Wait until the tab shows page_file, however its URL was percent-encoded."""
    page.wait_for_url(lambda url: url.startswith("file:") and file_of(url) == page_file.resolve())


def heading(browser: Browser, page_file: Path) -> str:
    context = browser.new_context()
    try:
        page = context.new_page()
        page.goto(page_file.as_uri())
        return page.locator("h1").first.inner_text()
    finally:
        context.close()


# ---------------------------------------------------------------- the browser


@pytest.fixture(scope="session")
def playwright_session(_chromium_available: str) -> Iterator[Playwright]:
    with sync_playwright() as playwright:
        yield playwright


@pytest.fixture(scope="session")
def browser(playwright_session: Playwright, _chromium_available: str) -> Iterator[Browser]:
    browser = playwright_session.chromium.launch(executable_path=_chromium_available, args=CHROMIUM_ARGS)
    yield browser
    browser.close()


@dataclass
class Watch:
    """What a page did on its own: console errors, uncaught errors, requests, dialogs."""

    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)

    def attach(self, page: Page) -> None:
        page.on("console", lambda m: m.type == "error" and self.console_errors.append(m.text))
        page.on("pageerror", lambda e: self.page_errors.append(str(e)))
        page.on("request", lambda r: self.requests.append(r.url))
        page.on("dialog", self._dialog)

    def _dialog(self, dialog) -> None:
        self.dialogs.append(f"{dialog.type}: {dialog.message}")
        dialog.dismiss()

    def foreign_requests(self, own_url: str) -> list[str]:
        own = urldefrag(own_url).url
        return [
            url
            for url in self.requests
            if urldefrag(url).url != own and not url.startswith(("data:", "about:blank"))
        ]


@dataclass
class Opened:
    page: Page
    watch: Watch
    url: str


@pytest.fixture
def context(browser: Browser) -> Iterator[BrowserContext]:
    context = browser.new_context(viewport=DESKTOP)
    context.set_default_timeout(10_000)
    yield context
    context.close()


@pytest.fixture
def open_page(context: BrowserContext):
    """open_page(path) → Opened: a fresh tab on the file, watched from before navigation."""

    def opener(page_file: Path) -> Opened:
        page = context.new_page()
        watch = Watch()
        watch.attach(page)
        url = page_file.as_uri()
        page.goto(url, wait_until="load")
        return Opened(page, watch, url)

    return opener


@contextmanager
def page_in(browser: Browser, page_file: Path, **context_options) -> Iterator[Page]:
    """`page_file` open in a page of a browser context of its own (ON_A_PHONE, say), closed after."""
    context = browser.new_context(**context_options)
    try:
        page = context.new_page()
        page.goto(page_file.as_uri())
        yield page
    finally:
        context.close()


# ---------------------------------------------------------------- screenshots for people


def screenshots(browser: Browser, page_file: Path, name: str) -> list[Path]:
    """Full-page screenshots at desktop width and at phone width (390 CSS px) in tests/artifacts/."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    shots = []
    for suffix, options in (
        ("", {"viewport": DESKTOP}),
        ("-phone", ON_A_PHONE),
    ):
        target = ARTIFACTS / f"{name}{suffix}.png"
        target.unlink(missing_ok=True)
        with page_in(browser, page_file, **options) as page:
            page.screenshot(path=target, full_page=True)
        shots.append(target)
    return shots


def assert_png(path: Path) -> None:
    data = path.read_bytes() if path.is_file() else b""
    assert data[:8] == b"\x89PNG\r\n\x1a\n", f"{path} is missing or not a PNG"
    width, height = struct.unpack(">II", data[16:24])
    assert width > 0 and height > 0, f"{path} is empty"
