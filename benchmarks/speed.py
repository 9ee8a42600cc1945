"""How fast is mtqa on real copy, next to proselint? Whole processes, CPU per core, paired runs.

A script, not a test. The machine is shared and wall clock lies, so every run is a whole
`mtqa check` or `proselint check` process charged its own CPU time (user + system, from
os.wait4), and the two tools alternate run by run so that whatever else the machine does falls
on both. Reported: median and spread (min–max) of CPU and wall time, peak memory, words a
second per core, and the ratio of the two tools' speeds; then, from one more mtqa run inside
this process, what each rule costs.

    python benchmarks/speed.py [--size 1] [--runs 5] [--files N] [--jobs N] [--corpus ../shared/corpus] [PATH]

Without PATH the input is real translated news: the corpus's human references and MT outputs
concatenated, repeated or cut to `--size` MB; `--files N` cuts it at paragraph breaks into N
files, the unit `--jobs` shares out. PATH may be a file or a folder. proselint comes with the
`bench` extra; without it the mtqa side is still measured.

`--jobs N` (N > 1) adds `mtqa check --jobs N` to the paired runs. Its CPU is that of all its
processes (the workers are waited for, so os.wait4 counts them) and its peak that of the
largest; printed: the CPU it costs over `--jobs 1`, the speed-up it would give on idle cores
(from the parent's and the workers' CPU), and the wall speed-up measured.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # run as a script from anywhere
from benchmarks import process  # noqa: E402
from benchmarks.process import ROOT, Cost  # noqa: E402

DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus"


def corpus_sample(corpus: Path, size_mb: float, folder: Path) -> Path:
    """The corpus's English texts (human and MT) end to end, repeated or cut to `size_mb`."""
    texts = [p.read_text(encoding="utf-8") for p in sorted((corpus / "human").rglob("*.txt"))]
    texts += [p.read_text(encoding="utf-8") for p in sorted((corpus / "mt").rglob("*.txt"))]
    if not texts:
        raise SystemExit(f"speed: no texts under {corpus}/human or {corpus}/mt")
    whole = "\n\n".join(texts)
    wanted = int(size_mb * 1024 * 1024)
    data = (whole * (wanted // len(whole.encode()) + 1)).encode()[:wanted].decode("utf-8", "ignore")
    path = folder / "sample.txt"
    path.write_text(data, encoding="utf-8")
    return path


def split(path: Path, count: int, folder: Path) -> Path:
    """The text of `path` cut at paragraph breaks into `count` files of about equal length."""
    paragraphs = path.read_text(encoding="utf-8").split("\n\n")
    files = folder / f"{count}-files"
    files.mkdir()
    for index in range(count):
        part = paragraphs[index * len(paragraphs) // count : (index + 1) * len(paragraphs) // count]
        (files / f"part_{index:05d}.txt").write_text("\n\n".join(part), encoding="utf-8")
    return files


def texts(path: Path) -> list[Path]:
    return [path] if path.is_file() else sorted(p for p in path.rglob("*") if p.is_file())


def median(runs: list[Cost], figure: str) -> float:
    return statistics.median(getattr(r, figure) for r in runs)


def parallel_gain(one: list[Cost], many: list[Cost], jobs: int) -> str:
    """What `--jobs N` costs (CPU) and buys (wall), from medians of paired runs.

    Wall clock on a shared machine says little, so the gain is also worked out from CPU: the
    parent's own CPU taken as serial, the workers' shared evenly among N idle cores.
    """
    cpu = median(many, "cpu")
    measured = (
        f"wall measured {median(one, 'wall') / median(many, 'wall'):.2f}x as fast "
        f"at load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores"
    )
    line = f"  --jobs {jobs}: {cpu / median(one, 'cpu'):.2f}x the CPU of --jobs 1; "
    if any(run.own_cpu is None for run in many):
        return line + measured
    parent = median(many, "own_cpu")
    idle = median(one, "cpu") / (parent + (cpu - parent) / jobs)
    return line + f"parent {parent:.2f} s, workers {cpu - parent:.2f} s: on {jobs} idle cores about {idle:.2f}x as fast; {measured}"


def summary(runs: list[Cost], words: int) -> str:
    cpu = [r.cpu for r in runs]
    return (
        f"CPU {process.spread(cpu)}; wall median {statistics.median(r.wall for r in runs):6.2f} s; "
        f"peak {max(r.peak_mb for r in runs):5.0f} MB; "
        f"{words / statistics.median(cpu):8,.0f} words/s per core"
    )


def rule_costs(paths: list[Path]) -> list[tuple[float, str]]:
    """CPU seconds of each default rule on `paths`, most costly first, in this process.

    The documents are read and segmented first (their own row), so the rule that happens to
    ask for the words first is not charged for them; rules run one by one on those documents.
    """
    from qa.catalogue import Catalogue, bundled_rules_folder
    from qa.engine import Source, prepare

    rules = prepare([rule for rule in Catalogue.load([bundled_rules_folder()]).rules if rule.enabled]).ready
    started = time.process_time()
    docs = [Source(str(path), path=path).load() for path in paths]
    for doc in docs:
        for layer in ("paragraphs", "sentences", "words", "sentences_by_paragraph"):
            getattr(doc, layer)
    costs = [(time.process_time() - started, "(reading and segmenting)")]
    for rule in rules:
        started = time.process_time()
        for doc in docs:
            if rule.is_corpus:
                rule.kind.facts(doc, rule.options)
            else:
                for _ in rule.kind.check(doc, rule.options):
                    pass
        costs.append((time.process_time() - started, rule.id))
    return sorted(costs, reverse=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("path", nargs="?", type=Path, help="a file or folder to check (default: a corpus sample)")
    parser.add_argument("--size", type=float, default=1.0, help="MB of corpus text (default 1)")
    parser.add_argument("--runs", type=int, default=5, help="paired runs (default 5)")
    parser.add_argument("--files", type=int, default=0, help="cut the input into this many files")
    parser.add_argument("--jobs", type=int, default=1, help="also run mtqa with --jobs N (default 1: only one process)")
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="mtqa-speed-") as folder:
        if args.path is None and not (args.corpus / "human").is_dir():
            print(f"speed: no corpus at {args.corpus}; give a PATH to check", file=sys.stderr)
            return 2
        path = args.path or corpus_sample(args.corpus, args.size, Path(folder))
        if args.files:
            path = split(path, args.files, Path(folder))
        files = texts(path)
        words = sum(len(f.read_text(encoding="utf-8", errors="replace").split()) for f in files)
        many = f"mtqa -j{args.jobs}"
        proselint = shutil.which("proselint")
        commands = {
            "mtqa": process.mtqa_check(path),
            many: process.mtqa_check(path, jobs=args.jobs) if args.jobs > 1 else None,
            "proselint": [proselint, "check", str(path)] if proselint else None,
        }
        runs: dict[str, list[Cost]] = {name: [] for name, command in commands.items() if command}
        for _ in range(args.runs):
            for name in runs:
                runs[name].append(process.run(commands[name]))
        size = sum(f.stat().st_size for f in files)
        print(f"{args.runs} paired runs on {path.name}: {len(files):,} files, {size / 1e6:.2f} MB, {words:,} words")
        for name, done in runs.items():
            print(f"  {name:9s} {summary(done, words)}")
        if many in runs:
            print(parallel_gain(runs["mtqa"], runs[many], args.jobs))
        if "proselint" in runs:
            ratio = median(runs["proselint"], "cpu") / median(runs["mtqa"], "cpu")
            print(f"  mtqa's speed is {ratio:.2f}x proselint's (CPU per word, one core)")
        else:
            print("  proselint is not installed (pip install -e '.[bench]'): mtqa alone")
        print("\nCPU seconds per rule (one more mtqa run, in this process):")
        for seconds, rule in rule_costs(files):
            print(f"  {seconds:6.2f}  {rule}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
