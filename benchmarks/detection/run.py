"""One command: generate the injected set, run mtqa on it and on the corpus, print every figure.

python -m benchmarks.detection [--corpus PATH] [--seed N] [--seeds N] [--rounds N] [--controls N]
                               [--select RULE,...] [--examples N] [--keep DIR] [--json FILE]

A variant has six or seven items a seed, so one miss moves its recall by 0.15; --seeds 5
pools five injected sets (seeds N to N+4) into one table.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

from benchmarks.detection import corpus as corpus_files
from benchmarks.detection.density import Density, density, density_rows, ratio_to_reference
from benchmarks.detection.generate import add_generation_arguments, generate_from_corpus
from benchmarks.detection.model import WrittenFile
from benchmarks.detection.mtqa_run import CheckedFile, check
from benchmarks.detection.score import (
    BACKGROUND,
    DUPLICATE,
    FALSE,
    LOOKALIKE_HIT,
    MATCH,
    Scores,
    merge,
    score,
)
from benchmarks.detection.table import render


def rule_rows(scores: Scores, wanted: set[str] | None) -> list[list[object]]:
    rows = []
    for rule, tally in sorted(scores.by_rule.items()):
        if wanted and rule not in wanted:
            continue
        o = tally.outcomes
        rows.append(
            [
                rule,
                tally.items,
                tally.detected,
                tally.recall,
                o[MATCH],
                o[DUPLICATE],
                o[LOOKALIKE_HIT],
                o[FALSE],
                tally.precision,
                o[BACKGROUND],
            ]
        )
    return rows


def variant_rows(scores: Scores, wanted: set[str] | None) -> list[list[object]]:
    rows = []
    for (kind, variant), tally in sorted(
        scores.by_variant.items(), key=lambda kv: (kv[0][0] == "lookalike", kv[0])
    ):
        if wanted and kind not in wanted and kind != "lookalike":
            continue
        o = tally.outcomes
        recall = None if kind == "lookalike" else tally.recall
        rows.append(
            [
                kind,
                variant,
                tally.items,
                tally.detected,
                recall,
                o[MATCH],
                o[DUPLICATE],
                o[LOOKALIKE_HIT],
                tally.precision,
            ]
        )
    return rows


def example_lines(scores: Scores, per_rule: int) -> list[str]:
    """A few concrete false positives, duplicates and misses, so the figures can be acted on."""
    lines = ["", "Examples (file: rule [outcome] flagged text | expected)"]
    shown: dict[tuple[str, str], int] = {}
    for outcome in (FALSE, LOOKALIKE_HIT, DUPLICATE):
        for path, verdict in scores.examples(outcome):
            key = (verdict.finding.rule, outcome)
            if shown.get(key, 0) < per_rule:
                shown[key] = shown.get(key, 0) + 1
                about = f" | on {verdict.item.kind}/{verdict.item.variant}" if verdict.item else ""
                lines.append(
                    f"  {path}: {verdict.finding.rule} [{outcome}] {verdict.finding.excerpt!r}{about}"
                )
    for path, item in scores.missed():
        key = (item.kind + "/" + item.variant, "missed")
        if shown.get(key, 0) < min(per_rule, 1):
            shown[key] = 1
            lines.append(f"  {path}: {item.kind}/{item.variant} [missed] {item.text[:80]!r}")
    return lines


def findings_by_name(checked: list[CheckedFile]) -> dict[str, list]:
    return {Path(c.path).name: c.findings for c in checked}


def measure(args: argparse.Namespace, folder: Path) -> tuple[Scores, list[Density], list[WrittenFile]]:
    human_run = check([args.corpus / "human"], args.select)
    base = {corpus_files.document_key(c.path): c.findings for c in human_run}
    files: list[WrittenFile] = []
    parts: list[Scores] = []
    control_runs: list[CheckedFile] = []
    for seed in seeds(args):
        seed_folder = folder if args.seeds == 1 else folder / f"seed-{seed}"
        seed_files = generate_from_corpus(args.corpus, seed_folder, seed, args.rounds, args.controls)
        injected_run = check([seed_folder], args.select)
        parts.append(score(seed_files, findings_by_name(injected_run), base))
        controls = {f.path for f in seed_files if f.role == "control"}
        control_runs += [c for c in injected_run if Path(c.path).name in controls]
        files += seed_files
    groups = [
        density("controls", control_runs),
        density("human", human_run),
        *(
            density(
                f"human {pair}",
                [c for c in human_run if Path(c.path).parent.name == pair],
                pair,
                is_reference=True,
            )
            for pair in sorted({Path(c.path).parent.name for c in human_run})
        ),
        *(
            density(f"{pair} {system}", check([path], args.select), pair)
            for pair, system, path in corpus_files.mt_systems(args.corpus)
        ),
    ]
    return merge(parts), groups, files


def seeds(args: argparse.Namespace) -> range:
    return range(args.seed, args.seed + args.seeds)


def report(scores: Scores, groups: list[Density], files: list[WrittenFile], args: argparse.Namespace) -> str:
    wanted = set(args.select.split(",")) if args.select else None
    items = sum(len(f.items) for f in files)
    injected = sum(f.role == "injected" for f in files)
    header = (
        f"Detection benchmark: {_seed_label(args)}, {injected} injected documents ({items} truth items), "
        f"{len(files) - injected} untouched controls"
    )
    labels = [g.label for g in groups]
    return "\n\n".join(
        [
            header,
            render(
                "Per rule (recall over the rule's own kind; precision over the rule's findings, background excluded)",
                [
                    "rule",
                    "items",
                    "found",
                    "recall",
                    "match",
                    "dup",
                    "lookalike",
                    "false",
                    "precision",
                    "background",
                ],
                rule_rows(scores, wanted),
            ),
            render(
                "Per variant",
                ["kind", "variant", "items", "found", "recall", "match", "dup", "lookalike", "precision"],
                variant_rows(scores, wanted),
            ),
            render(
                "Findings per 10,000 words, warning and error",
                ["rule", *labels],
                density_rows(groups, info=False),
            ),
            render("Findings per 10,000 words, info", ["rule", *labels], density_rows(groups, info=True)),
        ]
    ) + "\n".join(example_lines(scores, args.examples))


def _seed_label(args: argparse.Namespace) -> str:
    return (
        f"seed {args.seed}" if args.seeds == 1 else f"seeds {args.seed}-{args.seed + args.seeds - 1} pooled"
    )


def as_json(scores: Scores, groups: list[Density]) -> dict:
    def tally(t) -> dict:
        return {
            "items": t.items,
            "detected": t.detected,
            "recall": t.recall,
            "precision": t.precision,
            "outcomes": dict(t.outcomes),
        }

    return {
        "by_rule": {rule: tally(t) for rule, t in sorted(scores.by_rule.items())},
        "by_variant": [
            {"kind": k, "variant": v, **tally(t)} for (k, v), t in sorted(scores.by_variant.items())
        ],
        "per_10k_words": {
            g.label: {
                "words": g.words,
                "warning_error": dict(g.blocking),
                "info": dict(g.info),
                "ratio_to_human": ratio_to_reference(g, groups),
            }
            for g in groups
        },
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks.detection",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    add_generation_arguments(parser)
    parser.add_argument(
        "--seeds", type=int, default=1, help="pool this many injected sets, seeds --seed onwards (default 1)"
    )
    parser.add_argument(
        "--select", help="rules or groups passed to mtqa --select (default: all default rules)"
    )
    parser.add_argument("--examples", type=int, default=3, help="examples to print per rule and outcome")
    parser.add_argument(
        "--keep", type=Path, help="write the injected set here and keep it (default: a temp folder)"
    )
    parser.add_argument("--json", type=Path, help="also write the figures to this JSON file")
    args = parser.parse_args(argv)
    try:
        corpus_files.require(args.corpus)
        with tempfile.TemporaryDirectory(prefix="mtqa-detection-") as temporary:
            scores, groups, files = measure(args, args.keep or Path(temporary))
    except corpus_files.CorpusMissing as error:
        print(f"benchmarks.detection: {error}", file=sys.stderr)
        return 2
    print(report(scores, groups, files, args))
    if args.json:
        args.json.write_text(json.dumps(as_json(scores, groups), indent=1), encoding="utf-8")
    return 0
