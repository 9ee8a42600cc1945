"""Files per second on an archive: `mtqa check` with --jobs 1, --jobs 2 and --dask local.

A script, not a test. N article-sized files (default 10,000) of real copy with cross-file name
variants, written as benchmarks/scale.py writes them, are checked by three whole `mtqa check
FOLDER --format json --no-config` processes: one process, two worker processes, and a
`distributed.LocalCluster` of two worker processes (`--dask local`, which needs the extra:
pip install 'mtqa[dask]'). Each is charged its whole CPU time, workers included, and its wall
time (benchmarks/process.py). The three JSON outputs must be the same bytes: the script says
if they are not.

    python benchmarks/archive.py [--files 10000] [--variants 0.1] [--corpus ../shared/corpus]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # run as a script from anywhere
from benchmarks import process
from benchmarks.scale import DEFAULT_CORPUS, NEEDLE, occurrences, paragraphs, write_files

MODES: dict[str, tuple[int, tuple[str, ...]]] = {
    "--jobs 1": (1, ()),
    "--jobs 2": (2, ()),
    "--dask local": (1, ("--dask", "local")),
}
"""How each run is asked for: its --jobs (which --dask leaves unused) and any further flags."""


HEADER = (
    f"  {'mode':13s} {'files/s':>8} {'wall s':>8} {'CPU s':>8} {'CPU ms/f':>9} {'peak MB':>8} {'variants':>9}"
)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--files", type=int, default=10_000, help="number of files (default 10000)")
    parser.add_argument("--variants", type=float, default=0.1, help="share of mentions spelled the other way")
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    args = parser.parse_args(argv)
    pool, origin = paragraphs(args.corpus)
    print(f"copy: {origin}")
    with tempfile.TemporaryDirectory(prefix="mtqa-archive-") as temporary:
        scratch = Path(temporary)
        folder = scratch / "archive"
        folder.mkdir()
        planted = write_files(folder, pool, args.files, args.variants)
        print(f"{args.files:,} files, {planted:,} with a variant spelling", flush=True)
        print(HEADER, flush=True)
        outputs = []
        for mode, (jobs, flags) in MODES.items():
            output = scratch / f"out-{len(outputs)}.json"
            cost = process.run(process.mtqa_check(folder, "--output", str(output), *flags, jobs=jobs))
            if cost.exit_code == 2 or not output.exists():
                print(
                    f"  {mode:13s} failed (exit {cost.exit_code}): {cost.stderr.strip()[-500:]}", flush=True
                )
                continue
            outputs.append(output)
            flagged = occurrences(output, NEEDLE["json"])
            print(
                f"  {mode:13s} {args.files / cost.wall:8.0f} {cost.wall:8.1f} {cost.cpu:8.1f} "
                f"{cost.cpu / args.files * 1000:9.2f} {cost.peak_mb:8.0f} {flagged:9,}",
                flush=True,
            )
        same = len({output.read_bytes() for output in outputs}) == 1
        print(f"outputs: {'the same bytes' if same else 'DIFFERENT'} ({len(outputs)} of {len(MODES)} runs)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
