"""Measure mtqa's speed: start-up on one file, and words per second over a generated corpus.

A script, not a test: timings vary by machine, so they are reported, never asserted.

    python benchmarks/bench.py [--files 400] [--report-mb 5] [--select RULE,...] [--ignore RULE,...]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"]
sys.path.insert(0, str(ROOT))

from qa.catalogue import Catalogue, bundled_rules_folder  # noqa: E402
from qa.engine import discover, run  # noqa: E402
from qa.report import write_reports  # noqa: E402


def make_corpus(folder: Path, files: int) -> int:
    """Files built from the seeds' paragraphs, shuffled per file so no two are the same."""
    paragraphs = [
        p
        for seed in sorted((ROOT / "seeds").glob("*.txt"))
        for p in seed.read_text(encoding="utf-8").split("\n\n")
        if p.strip()
    ]
    words = 0
    for index in range(files):
        rotation = index % len(paragraphs)
        chosen = paragraphs[rotation:] + paragraphs[:rotation]
        text = "\n\n".join(chosen) + "\n"
        (folder / f"article_{index:05d}.txt").write_text(text, encoding="utf-8")
        words += len(text.split())
    return words


def time_report(folder: Path, megabytes: float, catalogue: Catalogue, rules: list) -> tuple[float, float, Path, int]:
    """Check one large file and write its report: (check seconds, report seconds, the page, findings)."""
    article = "\n\n".join(p.read_text(encoding="utf-8") for p in sorted((ROOT / "seeds").glob("*.txt")))
    copies = int(megabytes * 1_000_000 / len(article.encode("utf-8"))) + 1
    big = folder / "big.txt"
    big.write_text("\n\n".join([article] * copies), encoding="utf-8")
    found = discover([str(big)])
    began = time.perf_counter()
    results = run(found.sources, rules)
    checked = time.perf_counter()
    written = write_reports(results, found.sources, rules, catalogue, folder / "report")
    reported = time.perf_counter()
    page = written.pages[found.sources[0].display]
    return checked - began, reported - checked, page, len(results.findings)


def time_in_browser(page: Path) -> str:
    """Load time of a report page in headless Debian chromium, and one filter click; skipped without it."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        return "skipped (playwright is not installed)"
    if not Path(CHROMIUM).exists():
        return f"skipped ({CHROMIUM} is missing)"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        tab = browser.new_page()
        began = time.perf_counter()
        tab.goto(page.as_uri(), wait_until="load", timeout=300_000)
        loaded = time.perf_counter()
        tab.locator("#filters input").first.uncheck()
        filtered = time.perf_counter()
        browser.close()
    return f"loads in {loaded - began:.2f} s, a filter applies in {filtered - loaded:.2f} s"


def time_startup(sample: Path, repeats: int = 5) -> float:
    command = [str(Path(sys.executable).with_name("mtqa")), "check", str(sample), "--fail-on", "never"]
    timings = []
    for _ in range(repeats):
        began = time.perf_counter()
        subprocess.run(command, capture_output=True, check=True)
        timings.append(time.perf_counter() - began)
    return statistics.median(timings)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=400)
    parser.add_argument("--report-mb", type=float, default=5.0, help="size of the file for the report timing")
    parser.add_argument("--select", default="")
    parser.add_argument("--ignore", default="")
    parser.add_argument("--jobs", type=int, default=len(os.sched_getaffinity(0)), help="worker processes to compare with one")
    arguments = parser.parse_args()
    names = lambda value: [n for n in value.split(",") if n]  # noqa: E731
    catalogue = Catalogue.load([bundled_rules_folder()])
    rules = catalogue.select(names(arguments.select), names(arguments.ignore))

    with tempfile.TemporaryDirectory() as temporary:
        folder = Path(temporary)
        words = make_corpus(folder, arguments.files)
        found = discover([str(folder)])
        began = time.perf_counter()
        results = run(found.sources, rules)
        elapsed = time.perf_counter() - began
        began = time.perf_counter()
        parallel = run(found.sources, rules, jobs=arguments.jobs)
        elapsed_parallel = time.perf_counter() - began
        assert parallel == results, "--jobs changed the results"
        startup = time_startup(next(folder.glob("*.txt")))
        big_folder = folder / "big"
        big_folder.mkdir()
        big_check, big_report, page, big_findings = time_report(big_folder, arguments.report_mb, catalogue, rules)
        page_bytes = page.stat().st_size
        in_browser = time_in_browser(page)

    print(f"rules:        {len(rules)} ({', '.join(r.id for r in rules)})")
    print(f"corpus:       {arguments.files} files, {words:,} words")
    print(f"check:        {elapsed:.2f} s, {words / elapsed:,.0f} words/s, {len(results.findings):,} findings")
    print(
        f"--jobs {arguments.jobs}:     {elapsed_parallel:.2f} s, {words / elapsed_parallel:,.0f} words/s "
        f"({elapsed / elapsed_parallel:.1f}x one process, same results)"
    )
    print(f"one file:     {startup * 1000:.0f} ms for `mtqa check FILE` (median of 5, process start included)")
    print(
        f"large file:   {arguments.report_mb:g} MB checked in {big_check:.2f} s, HTML report in {big_report:.2f} s "
        f"({page_bytes / 1e6:.1f} MB page, {big_findings:,} highlights)"
    )
    print(f"in chromium:  the large page {in_browser}")


if __name__ == "__main__":
    main()
