"""CPU and memory per MB of `mtqa check` on the worst shapes of input, and whether they grow linearly.

A script, not a test: timings vary by machine, so they are reported, never asserted. Each
shape is generated at N and 2N bytes and checked by a fresh `python -m qa check FILE
--format json --no-config --jobs 1`; CPU time and peak memory are that process's own
(os.wait4), less what the same command costs on a one-line file (start-up, rule data). A
shape is flagged when its CPU per MB is over the budget or 2N costs more than 2.5 times N.

    python benchmarks/shapes.py [--size 0.25] [--shape NAME,...] [--rule RULE,...]

Results on 2026-12-05 (2-core shared machine; CPU s and peak MB per MB of input, start-up
subtracted, at N and 2N; `ratio` is CPU at 2N over CPU at N; ~ marks a quadratic run).
Before: commit e916e1a, N = 0.1 MB (quotes at 0.05 MB; the last four measured by hand).
After: commit aca781f (arabic-commas 076888e), N = 0.25 MB.

    shape            before: CPU/MB    peak/MB  ratio   after: CPU/MB    peak/MB  ratio
    quotes             536 / ~1000+    1432      ~         22.5 / 24.4   1382      2.18
    bare-quotes       14.3 / 14.8       798      2.08      15.3 / 16.6    863      2.16
    no-No              3.9 / 4.1         79      2.08       3.9 / 4.0      73      2.03
    the-the            3.2 / 3.0         59      1.89       2.9 / 3.0      57      2.04
    tiny-paragraphs   16.3 / 16.8       107      2.05      12.9 / 13.0     91      2.02
    line-no-stops      3.7 / 3.0        177      1.64       3.1 / 2.8     108      1.82
    line-of-prose      3.6 / 3.2        230      1.73       3.0 / 2.8     120      1.86
    capitals           2.1 / 2.3         37      2.12       2.2 / 2.2      33      1.98
    capital-run        4.9 / 4.9          5      1.99       5.0 / 4.8      11      1.95
    number-groups      7.0 / 7.1        402      2.02       7.4 / 7.1     414      1.93
    short-lines        4.2 / 4.3         92      2.04       4.3 / 4.4      90      2.07
    long-words         5.6 / 3.4        694      1.21       3.1 / 1.9     281      1.21
    ellipses            77 / 155          -      ~4         0.1 / 0.2       0      -
    low-quotes         134 / ~500         -      ~3.6      15.6 / 16.3    652      2.09
    arabic-commas      330 / 640          -      ~3.9      32.7 / 34.3   2005      2.10

Peak per MB at 0.1-0.25 MB includes data loaded on first use (20-70 MB whatever the size):
at 1 MB a long line of prose takes 71-76 MB per MB, tiny paragraphs 143-150. What is still
over budget is linear, and is the cost of one finding every 2-4 bytes (quotes, bare-quotes,
low-quotes, arabic-commas, number-groups), mostly in the JSON output and the engine, and on
tiny paragraphs the translationese/boilerplate phrase lists (half of the 12.9 s).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # run as a script from anywhere
from benchmarks import process  # noqa: E402

CPU_BUDGET = 10.0
"""CPU seconds per MB of input (issue 13)."""
MEMORY_BUDGET = 150.0
"""Peak MB of memory per MB of input."""
RATIO_LIMIT = 2.5
"""CPU at 2N over CPU at N above this is not linear."""


def _seed_prose() -> str:
    paragraphs = [
        p
        for seed in sorted((process.ROOT / "seeds").glob("*.txt"))
        for p in seed.read_text("utf-8").split("\n\n")
    ]
    return " ".join(" ".join(p.split()) for p in paragraphs if p.strip())


def _repeat(unit: str) -> Callable[[int], str]:
    """A shape made of `unit` repeated to the size."""
    return lambda size: unit * (size // len(unit.encode("utf-8")) + 1)


def _long_line_of_prose(size: int) -> str:
    """Real-looking prose on one line, paragraphs and all."""
    return _repeat(_seed_prose() + " ")(size)


def _prose_without_stops(size: int) -> str:
    return _repeat(_seed_prose().replace(".", ",").replace("?", ",").replace("!", ",") + " ")(size)


SHAPES: dict[str, Callable[[int], str]] = {
    "quotes": _repeat('"a '),
    "bare-quotes": _repeat('"'),
    "no-No": _repeat("no No "),
    "the-the": _repeat("the the "),
    "tiny-paragraphs": _repeat("a.\n\n"),
    "line-no-stops": _prose_without_stops,
    "line-of-prose": _long_line_of_prose,
    "capitals": _repeat("WASHINGTON SAYS NATO "),
    "capital-run": _repeat("A"),
    "number-groups": _repeat("1.234.567. "),
    "short-lines": _repeat("a\n"),
    "long-words": _repeat("x" * 2000 + " "),
    "ellipses": _repeat("…"),
    "low-quotes": _repeat("„"),
    "arabic-commas": _repeat("،"),
    "percent-signs": _repeat("15 % "),
    "cjk-dates": _repeat("2022年1月21日と年月日 "),
}


@dataclass(frozen=True)
class Cost:
    cpu: float
    """Seconds of user and system time."""
    peak: float
    """Peak resident memory in MB."""


def run_check(path: Path, rules: str) -> Cost:
    """The CPU and peak memory of one `mtqa check` process."""
    done = process.run(process.mtqa_check(path, *(["--select", rules] if rules else [])))
    if done.exit_code not in (0, 1):
        raise SystemExit(f"{path.name}: mtqa failed:\n{done.stderr}")
    return Cost(done.cpu, done.peak_mb)


def measure(shape: Callable[[int], str], size: int, folder: Path, rules: str, baseline: Cost) -> Cost:
    text = shape(size).encode("utf-8")[:size].decode("utf-8", errors="ignore")
    path = folder / "shape.txt"
    path.write_text(text, encoding="utf-8")
    cost = run_check(path, rules)
    return Cost(max(cost.cpu - baseline.cpu, 0.0), max(cost.peak - baseline.peak, 0.0))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=float, default=0.25, help="N in MB; each shape runs at N and 2N")
    parser.add_argument("--shape", default="", help=f"only these shapes ({', '.join(SHAPES)})")
    parser.add_argument("--rule", default="", help="run only these rules (passed to --select)")
    arguments = parser.parse_args()
    chosen = [name for name in arguments.shape.split(",") if name] or list(SHAPES)
    unknown = set(chosen) - set(SHAPES)
    if unknown:
        parser.error(f"unknown shape {sorted(unknown)[0]!r}")
    size = int(arguments.size * 1_000_000)
    megabytes = size / 1_000_000

    with tempfile.TemporaryDirectory() as temporary:
        folder = Path(temporary)
        tiny = folder / "tiny.txt"
        tiny.write_text("A sentence.\n", encoding="utf-8")
        baseline = run_check(tiny, arguments.rule)
        print(
            f"start-up (subtracted): {baseline.cpu:.2f} s CPU, {baseline.peak:.0f} MB; N = {megabytes:g} MB"
        )
        print(f"{'shape':<16} {'CPU s/MB':>9} {'at 2N':>7} {'peak MB/MB':>11} {'at 2N':>7} {'ratio':>6}")
        for name in chosen:
            single = measure(SHAPES[name], size, folder, arguments.rule, baseline)
            double = measure(SHAPES[name], 2 * size, folder, arguments.rule, baseline)
            ratio = double.cpu / single.cpu if single.cpu > 0.05 else float("nan")
            cpu_per_mb = max(single.cpu / megabytes, double.cpu / (2 * megabytes))
            peak_per_mb = max(single.peak / megabytes, double.peak / (2 * megabytes))
            flags = [
                *(["CPU over budget"] if cpu_per_mb > CPU_BUDGET else []),
                *(["memory over budget"] if peak_per_mb > MEMORY_BUDGET else []),
                *(["not linear"] if ratio > RATIO_LIMIT else []),
            ]
            print(
                f"{name:<16} {single.cpu / megabytes:>9.2f} {double.cpu / (2 * megabytes):>7.2f} "
                f"{single.peak / megabytes:>11.0f} {double.peak / (2 * megabytes):>7.0f} {ratio:>6.2f}  "
                + ", ".join(flags),
                flush=True,
            )


if __name__ == "__main__":
    main()
