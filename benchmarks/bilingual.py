"""Bilingual findings on real translations: professional references against MT systems (WMT22).

A script, not a test. The corpus's aligned files (`../shared/corpus/aligned/<pair>.jsonl`, one
record a segment: source, reference, and each system's output under `mt`) are checked once per
translation, as `mtqa check FILE --source-lang xx --target-field reference` (or `mt.SYSTEM`)
would, with the rules of the `bilingual` group (`--rules all`: every default rule). Printed, for
each pair: findings per 100 segments by rule, each translation a column, and the share of
segments with at least one finding. A rule is worth its place when the weaker systems get
clearly more than the references; `--show RULE --target NAME` lists that rule's findings on one
translation, to read them (a finding on a reference is a false alarm only once read).

    python benchmarks/bilingual.py [--corpus ../shared/corpus] [--rules bilingual|all]
    python benchmarks/bilingual.py --pair ru-en --show number-mismatch --target reference

The corpus is research data outside the repository: without it, the script says so and exits 2.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # run as a script from anywhere
from benchmarks.detection.corpus import DEFAULT_CORPUS
from qa import api
from qa.findings import Finding

REFERENCE = "reference"


def translations(aligned: Path) -> list[str]:
    """The target fields of an aligned file: the reference, then each system as `mt.NAME`."""
    with aligned.open(encoding="utf-8") as lines:
        first = json.loads(next(lines))
    return [REFERENCE, *(f"mt.{system}" for system in first["mt"])]


def findings(aligned: Path, target: str, rules: list[str] | None) -> tuple[list[Finding], int]:
    """The findings on one translation of an aligned file, and its number of segments.

    The source language is the file name's (`ru-en.jsonl`: ru), as the records do not say it.
    """
    source_lang = aligned.stem.split("-")[0]
    checking = api.check(
        [aligned], no_config=True, select=rules, source_lang=source_lang, target_field=target, measure=False
    )
    results = checking.results()
    if results.input_errors:
        raise SystemExit(f"bilingual benchmark: {'; '.join(results.input_errors)}")
    with aligned.open(encoding="utf-8") as lines:
        segments = sum(1 for line in lines if line.strip())
    return results.findings, segments


def table(aligned: Path, rules: list[str] | None) -> str:
    """Findings per 100 segments by rule (rows) and translation (columns), as Markdown."""
    columns = translations(aligned)
    counts: dict[str, Counter[str]] = {}
    flagged: dict[str, int] = {}
    total = 0
    for target in columns:
        found, total = findings(aligned, target, rules)
        counts[target] = Counter(f.rule for f in found)
        flagged[target] = len({f.segment.id for f in found if f.segment})
    names = [column.removeprefix("mt.") for column in columns]
    lines = [f"| rule | {' | '.join(names)} |", f"|---|{'---:|' * len(columns)}"]
    for rule in sorted(set().union(*counts.values())):
        cells = " | ".join(f"{100 * counts[c][rule] / total:.1f}" for c in columns)
        lines.append(f"| {rule} | {cells} |")
    every = " | ".join(f"**{100 * sum(counts[c].values()) / total:.1f}**" for c in columns)
    share = " | ".join(f"{100 * flagged[c] / total:.0f}%" for c in columns)
    lines += [f"| all, per 100 segments | {every} |", f"| segments with a finding | {share} |"]
    return f"{aligned.stem}: {total} segments\n\n" + "\n".join(lines)


def show(aligned: Path, rule: str, target: str) -> None:
    """Each finding of one rule on one translation: segment, message, source text it is about."""
    field = target if target == REFERENCE else f"mt.{target.removeprefix('mt.')}"
    found, _total = findings(aligned, field, [rule])
    for finding in found:
        segment = finding.segment
        about = f" [source: {segment.source_text}]" if segment and segment.source_text else ""
        print(f"{segment.id if segment else '?'}: {finding.message}{about}\n    {finding.excerpt}")
    print(f"{len(found)} findings")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--pair", action="append", help="ru-en, ja-en (default: every aligned file)")
    parser.add_argument(
        "--rules", default="bilingual", help="a group or rules to run, or 'all' (default rules)"
    )
    parser.add_argument("--show", metavar="RULE", help="list this rule's findings instead of the table")
    parser.add_argument("--target", default=REFERENCE, help="with --show: reference or a system's name")
    arguments = parser.parse_args()
    folder = arguments.corpus / "aligned"
    if not folder.is_dir():
        print(f"bilingual benchmark: no corpus at {folder} (it is research data outside the repository)")
        return 2
    files = sorted(folder.glob("*.jsonl"))
    if arguments.pair:
        files = [f for f in files if f.stem in arguments.pair]
    rules = None if arguments.rules == "all" else arguments.rules.split(",")
    for aligned in files:
        if arguments.show:
            show(aligned, arguments.show, arguments.target)
        else:
            print(table(aligned, rules) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
