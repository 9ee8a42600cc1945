"""Is this tree slower than another commit? One paired run, whole process, CPU time.

A script, not a test. It is also the golden corpus check of a speed change: one more run of
each side prints its JSON, and any finding or metric that differs is listed (exit status 1) —
fields only one side has (added since the base) are left out of the comparison. The machine is shared and wall clock lies, so each side runs as a
whole `python -m qa check` process and is charged the CPU time (user + system) of that
process alone, and the two sides alternate run by run so that whatever else the machine
does falls on both. Reported: median and spread (min–max) of each, and the ratio of medians.

    python benchmarks/compare.py --base REV [--runs 7] [--jobs 1] [--select RULE,...] PATH...

`--base` is any git revision; it is checked out in a temporary worktree (removed after).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # run as a script from anywhere
from benchmarks import process  # noqa: E402
from benchmarks.process import ROOT  # noqa: E402


def cpu_seconds(tree: Path, arguments: list[str]) -> float:
    """CPU time of one `python -m qa` run from `tree`, its own code first on the path."""
    command = [sys.executable, "-m", "qa", *arguments]
    return process.run(command, cwd=tree, env={**os.environ, "PYTHONPATH": str(tree)}).cpu


def output_of(tree: Path, arguments: list[str]) -> dict:
    """The JSON report of one `python -m qa` run from `tree`."""
    command = [sys.executable, "-m", "qa", *arguments]
    env = {**os.environ, "PYTHONPATH": str(tree)}
    done = subprocess.run(command, cwd=tree, env=env, capture_output=True, text=True, check=False)
    return json.loads(done.stdout)


def differences(base: dict, this: dict) -> list[str]:
    """Each finding or metric one side has and the other has not, by file; fields both sides know."""
    found = [] if base["errors"] == this["errors"] else ["the input errors differ"]
    fields = _finding_fields(base) & _finding_fields(this)
    base_files = {f["path"]: f for f in base["files"]}
    this_files = {f["path"]: f for f in this["files"]}
    for path in sorted(base_files.keys() | this_files.keys()):
        if path not in base_files or path not in this_files:
            found.append(f"{path}: checked on one side only")
            continue
        old, new = base_files[path], this_files[path]
        if (old["words"], old["metrics"]) != (new["words"], new["metrics"]):
            found.append(f"{path}: words or metrics differ")
        before, after = (Counter(_key(f, fields) for f in side["findings"]) for side in (old, new))
        found += [f"{path}: only in base: {dict(k)}" for k in before - after]
        found += [f"{path}: only in this: {dict(k)}" for k in after - before]
    return found


def _finding_fields(report: dict) -> set[str]:
    return next((set(finding) for file in report["files"] for finding in file["findings"]), set())


def _key(finding: dict, fields: set[str]) -> tuple:
    return tuple(sorted((name, json.dumps(finding[name])) for name in fields))


def summary(label: str, times: list[float]) -> str:
    return f"{label:>6}: {process.spread(times)} CPU"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("paths", nargs="+", type=Path)
    parser.add_argument("--base", required=True, help="the git revision to compare with")
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--jobs", type=int, default=1)
    parser.add_argument("--select", help="rules or groups, as for mtqa check")
    args = parser.parse_args(argv)
    arguments = ["check", *(str(p.resolve()) for p in args.paths), "--format", "json", "--no-config"]
    arguments += ["--jobs", str(args.jobs), *(["--select", args.select] if args.select else [])]
    with tempfile.TemporaryDirectory() as folder:
        base = Path(folder) / "base"
        subprocess.run(
            ["git", "worktree", "add", "--detach", "-q", str(base), args.base], cwd=ROOT, check=True
        )
        try:
            times: dict[str, list[float]] = {"base": [], "this": []}
            for _ in range(args.runs):
                times["base"].append(cpu_seconds(base, arguments))
                times["this"].append(cpu_seconds(ROOT, arguments))
            changed = differences(output_of(base, arguments), output_of(ROOT, arguments))
        finally:
            subprocess.run(["git", "worktree", "remove", "--force", str(base)], cwd=ROOT, check=False)
    print(f"{args.runs} paired runs of: mtqa {' '.join(arguments)}")
    print(summary("base", times["base"]) + f"   [{args.base}]")
    print(summary("this", times["this"]))
    ratio = statistics.median(times["this"]) / statistics.median(times["base"])
    print(f" ratio: {ratio:.2f} (this / base)")
    if changed:
        print(f"findings: {len(changed)} differences", *changed[:20], sep="\n  ")
        return 1
    print("findings: identical")
    return 0


if __name__ == "__main__":
    sys.exit(main())
