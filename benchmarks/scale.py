"""Does mtqa stay linear in the number of files? 1k, 10k and 50k files of real copy with name variants.

A script, not a test. Each N is a folder of N article-sized files (about 1.5 kB, a few
paragraphs) cut from the English of ../shared/corpus (its human references and MT outputs;
the repository's seeds/ when the corpus is absent, said so at the start): consecutive
paragraphs at first, then paragraphs further and further apart, so no two files are the
same. Each file gets one sentence that names a person of a small cast, and every tenth
mention (`--variants`) spells the name another way ("Anthony Blinken" for "Antony Blinken"),
as copy from several translators does. name-variant must flag those; its findings point at
the files with the other spelling, which is where output can grow with the square of N.

Each run is a whole `mtqa check FOLDER --format json --no-config --jobs 1` process (SARIF and
`mtqa report` too if asked), charged its own CPU time and peak memory (os.wait4). Printed
per N and output: CPU per file, wall, output bytes per file, peak memory, name-variant
findings, and the ratios to the smallest N's of CPU and bytes per file and of peak memory:
within 1.2 is flat, as a linear mtqa keeps them.
With playwright and Debian's chromium, each report's index is timed in a headless browser;
`--page-mb` also writes the report of one big file and times its page there.

    python benchmarks/scale.py [--files 1000,10000,50000] [--formats json,sarif,report]
                               [--variants 0.1] [--page-mb 5] [--corpus ../shared/corpus]
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # run as a script from anywhere
from benchmarks import process  # noqa: E402
from benchmarks.process import ROOT, Cost  # noqa: E402

DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus"
ARTICLE_BYTES = 1200
"""A file takes paragraphs until it has this many bytes (at least two paragraphs)."""
CAST = (
    ("Antony Blinken", "Anthony Blinken"),
    ("Sergey Lavrov", "Sergei Lavrov"),
    ("Dmitry Peskov", "Dmitri Peskov"),
    ("Ilya Vakhoshkin", "Ilia Vakhoshkin"),
)
"""(usual spelling, variant) of the people the files name, varied as in the rule's examples."""
MENTION = "{name} said on Monday that the talks would go on."
NEEDLE = {"json": b'"rule": "name-variant"', "sarif": b'"ruleId": "name-variant"'}
"""How a name-variant finding reads in each output, to count them without parsing gigabytes."""
CHROMIUM = "/usr/bin/chromium"
BROWSER_SECONDS = 300
BROWSER_MAX_MB = 100
"""Larger pages are not tried: a 393 MB index kept chromium busy 13 minutes (9.7 GB) without loading."""
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"]


def paragraphs(corpus: Path) -> tuple[list[str], str]:
    """The corpus's English paragraphs in file order, and where they came from."""
    files = sorted((corpus / "human").rglob("*.txt")) + sorted((corpus / "mt").rglob("*.txt"))
    origin = f"{corpus}/human and /mt"
    if not files:
        files, origin = sorted((ROOT / "seeds").rglob("*.txt")), f"{ROOT / 'seeds'} (no corpus at {corpus})"
    found = [p.strip() for f in files for p in f.read_text(encoding="utf-8").split("\n\n") if p.strip()]
    return found, f"{len(found):,} paragraphs of {len(files)} files from {origin}"


def article(pool: Sequence[str], index: int) -> list[str]:
    """The paragraphs of file `index`: a window of the pool, its stride growing each time round."""
    laps, start = divmod(index * 4, len(pool))
    chosen: list[str] = []
    while len(chosen) < 2 or sum(map(len, chosen)) < ARTICLE_BYTES:
        chosen.append(pool[(start + len(chosen) * (1 + laps)) % len(pool)])
    return chosen


def mention(index: int, variants: float) -> tuple[str, bool]:
    """The sentence naming file `index`'s person, and whether it spells the name the other way."""
    usual, variant = CAST[index % len(CAST)]
    planted = (index // len(CAST)) % round(1 / variants) == 0 if variants else False
    return MENTION.format(name=variant if planted else usual), planted


def write_files(folder: Path, pool: Sequence[str], count: int, variants: float) -> int:
    """N files, each with its mention after the first paragraph; returns how many spell a variant."""
    planted_files = 0
    for index in range(count):
        chosen = article(pool, index)
        sentence, planted = mention(index, variants)
        planted_files += planted
        text = "\n\n".join([chosen[0], sentence, *chosen[1:]]) + "\n"
        (folder / f"article_{index:06d}.txt").write_text(text, encoding="utf-8")
    return planted_files


def occurrences(path: Path, needle: bytes, chunk: int = 1 << 24) -> int:
    """How often `needle` stands in the file, read in chunks (the output may not fit in memory)."""
    count, tail = 0, b""
    with path.open("rb") as stream:
        while read := stream.read(chunk):
            data = tail + read
            count += data.count(needle)
            tail = data[-(len(needle) - 1) :]
    return count


@dataclass(frozen=True)
class Measure:
    files: int
    output: str
    cost: Cost
    written: int
    """Bytes of output."""
    flagged: int | None
    """name-variant findings in the output; None where the output is not counted (the report)."""


def folder_bytes(folder: Path) -> int:
    return sum(f.stat().st_size for f in folder.rglob("*") if f.is_file())


def remove(path: Path) -> None:
    if path.is_dir():
        shutil.rmtree(path)
    else:
        path.unlink()


def report_command(path: Path, out: Path) -> list[str]:
    return [sys.executable, "-m", "qa", "report", str(path), "--no-config", "--jobs", "1", "--output-dir", str(out)]


def measure(folder: Path, count: int, output: str, scratch: Path) -> Measure:
    """One whole mtqa process over the folder writing `output` (json, sarif or report) into scratch."""
    out = scratch / f"out-{output}-{count}"
    if output == "report":
        cost = process.run(report_command(folder, out))
        written, flagged = folder_bytes(out), None
    else:
        cost = process.run(process.mtqa_check(folder, "--format", output, "--output", str(out)))
        written, flagged = out.stat().st_size, occurrences(out, NEEDLE[output])
    if cost.exit_code == 2:
        raise SystemExit(f"scale: mtqa failed on {count} files:\n{cost.stderr[-2000:]}")
    return Measure(count, output, cost, written, flagged)


def row(done: Measure, first: Measure) -> str:
    """One line of the table: per-file figures, then their ratio to the smallest N's."""
    cpu_ms = done.cost.cpu / done.files * 1000
    per_file = done.written / done.files
    ratios = (
        cpu_ms / (first.cost.cpu / first.files * 1000),
        per_file / (first.written / first.files),
        done.cost.peak_mb / first.cost.peak_mb,
    )
    verdict = "flat" if max(ratios) <= 1.2 else "GROWS"
    flagged = "-" if done.flagged is None else f"{done.flagged:,}"
    return (
        f"  {done.files:>7,} {done.output:6s} {cpu_ms:8.1f} {done.cost.wall:9.1f} {per_file:12,.0f} "
        f"{done.cost.peak_mb:8.0f} {flagged:>9}   x{ratios[0]:.2f} x{ratios[1]:.2f} x{ratios[2]:.2f}  {verdict}"
    )


HEADER = "  {:>7} {:6s} {:>8} {:>9} {:>12} {:>8} {:>9}   {}".format(
    "files", "output", "CPU ms/f", "wall s", "bytes/file", "peak MB", "variants", "ratio cpu/bytes/peak"
)


def estimate(pool: Sequence[str], counts: Sequence[int], outputs: Sequence[str], variants: float, scratch: Path) -> str:
    """How long the whole run should take if mtqa is linear, from one run on 100 files."""
    folder = scratch / "calibrate"
    folder.mkdir()
    write_files(folder, pool, 100, variants)
    seconds = process.run(process.mtqa_check(folder, "--output", str(scratch / "calibrate.json"))).cpu / 100
    return f"about {seconds * sum(counts) * len(outputs) / 60:.1f} min of CPU if mtqa is linear ({seconds * 1000:.0f} ms a file)"


def page_in_browser(page: Path) -> str:
    """Load time of a report page in headless Debian chromium, and one filter click; skipped without it."""
    try:
        from playwright.sync_api import TimeoutError, sync_playwright
    except ImportError:
        return "skipped (playwright is not installed)"
    if not Path(CHROMIUM).exists():
        return f"skipped ({CHROMIUM} is missing)"
    size = f"a {page.stat().st_size / 1e6:,.1f} MB page"
    if page.stat().st_size > BROWSER_MAX_MB * 1e6:
        return f"{size}, not loaded (over {BROWSER_MAX_MB} MB)"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        tab = browser.new_page()
        began = time.perf_counter()
        try:
            tab.goto(page.as_uri(), wait_until="load", timeout=BROWSER_SECONDS * 1000)
        except TimeoutError:
            browser.close()
            return f"{size}, not loaded after {BROWSER_SECONDS} s"
        loaded = time.perf_counter()
        filters = tab.locator("#filters input")
        has_filters = filters.count() > 0
        if has_filters:
            filters.first.uncheck()
        filtered = time.perf_counter()
        browser.close()
    clicked = f", a filter applies in {filtered - loaded:.2f} s" if has_filters else ""
    return f"{size}, loads in {loaded - began:.2f} s wall{clicked}"


def big_page(pool: Sequence[str], megabytes: float, scratch: Path) -> str:
    """The report of one file of `megabytes` of the same copy: its cost, its page, the page in a browser."""
    whole = "\n\n".join(pool)
    big = scratch / "big.txt"
    big.write_text((whole * int(megabytes * 1e6 / len(whole) + 1))[: int(megabytes * 1e6)], encoding="utf-8")
    cost = process.run(report_command(big, scratch / "big-report"))
    page = max((scratch / "big-report").glob("*.txt.html"), key=lambda p: p.stat().st_size)
    return (
        f"one {megabytes:g} MB file: `mtqa report` {cost.cpu:.1f} s CPU, {cost.peak_mb:.0f} MB peak, "
        f"in chromium {page_in_browser(page)}"
    )


def measures(pool: Sequence[str], counts: Sequence[int], outputs: Sequence[str], variants: float, scratch: Path) -> Iterator[str]:
    """The table, a line as each run ends; each N's folder and outputs are removed before the next."""
    first: dict[str, Measure] = {}
    yield HEADER
    for count in sorted(counts):
        folder = scratch / f"files-{count}"
        folder.mkdir()
        planted = write_files(folder, pool, count, variants)
        yield f"  {count:,} files, {folder_bytes(folder) / count:,.0f} bytes each, {planted:,} with a variant spelling"
        for output in outputs:
            done = measure(folder, count, output, scratch)
            first.setdefault(output, done)
            yield row(done, first[output])
            if done.flagged is not None and done.flagged < planted:
                yield f"  fewer name-variant findings ({done.flagged:,}) than planted variants ({planted:,}): it misses some"
            if output == "report":
                yield f"  the index of {count:,} files in chromium: {page_in_browser(scratch / f'out-report-{count}' / 'index.html')}"
            remove(scratch / f"out-{output}-{count}")
        shutil.rmtree(folder)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--files", default="1000,10000,50000", help="numbers of files (default 1000,10000,50000)")
    parser.add_argument("--formats", default="json", help="json, sarif, report (default json)")
    parser.add_argument("--variants", type=float, default=0.1, help="share of mentions spelled the other way")
    parser.add_argument("--page-mb", type=float, default=0, help="also the report of one file this big")
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    args = parser.parse_args(argv)
    counts = [int(n) for n in args.files.split(",")]
    outputs = args.formats.split(",")
    if unknown := set(outputs) - {"json", "sarif", "report"}:
        parser.error(f"unknown format {', '.join(sorted(unknown))}")
    pool, origin = paragraphs(args.corpus)
    print(f"copy: {origin}")
    with tempfile.TemporaryDirectory(prefix="mtqa-scale-") as temporary:
        scratch = Path(temporary)
        print(f"estimate: {estimate(pool, counts, outputs, args.variants, scratch)}", flush=True)
        for line in measures(pool, counts, outputs, args.variants, scratch):
            print(line, flush=True)
        if args.page_mb:
            print(big_page(pool, args.page_mb, scratch))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
