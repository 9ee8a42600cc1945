"""Recall of the bilingual rules: artifacts planted in professional translations (WMT22 references).

A script, not a test. For each kind of artifact, every reference segment it can be planted in gets
it once, the file is checked with the `bilingual` rules, and a plant counts as found when one of
the rules meant for it reports on its segment. The other segments of the same file measure false
alarms: the bilingual findings on segments left as the translator wrote them, per 100 segments
(the clean references' own rate is `benchmarks/bilingual.py`'s).

    python benchmarks/bilingual_planted.py [--corpus ../shared/corpus] [--seed 1]

Kinds: a digit changed in a number the source has (number-mismatch, date-mismatch); a Latin name
or code of a Russian or Japanese source dropped (missing-name); the target replaced by its source,
or the source appended to it (untranslated-segment); a question's mark turned into a full stop
(end-punctuation-mismatch); the second half of a long target cut (length-mismatch).
The corpus is research data outside the repository: without it, the script says so and exits 2.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # run as a script from anywhere
from benchmarks.bilingual import DEFAULT_CORPUS, findings

Plant = Callable[[str, str, random.Random], str | None]
"""(source, target, random) -> the target with the artifact, or None where it cannot be planted."""
DIGITS = re.compile(r"\d+")
LATIN_RUN = re.compile(r"[A-Za-z][A-Za-z0-9.&'-]*[A-Za-z0-9]")


def changed_number(source: str, target: str, rng: random.Random) -> str | None:
    """One digit of a number that both sides write in digits, changed."""
    shared = [m for m in DIGITS.finditer(target) if m.group() in DIGITS.findall(source)]
    if not shared:
        return None
    number = rng.choice(shared)
    index = number.start() + rng.randrange(len(number.group()))
    digit = int(target[index])
    new = (digit + rng.randint(1, 8)) % 10
    if index == number.start() and new == 0:
        new = 1 if digit != 1 else 2
    return target[:index] + str(new) + target[index + 1 :]


def dropped_name(source: str, target: str, rng: random.Random) -> str | None:
    """A Latin-script word of a non-Latin source, dropped from the translation that keeps it."""
    if LATIN_RUN.sub("", source).isascii():
        return None
    kept = [m for m in LATIN_RUN.finditer(source) if len(m.group()) > 1 and m.group() in target]
    if not kept:
        return None
    name = rng.choice(kept).group()
    return " ".join(target.replace(name, "").split())


def left_untranslated(source: str, target: str, rng: random.Random) -> str | None:
    return source if source.strip() != target.strip() else None


def source_appended(source: str, target: str, rng: random.Random) -> str | None:
    return f"{target} {source}" if len(source) >= 20 else None


def question_as_statement(source: str, target: str, rng: random.Random) -> str | None:
    if source.rstrip().endswith(("?", "？")) and target.rstrip().endswith("?"):
        return target.rstrip()[:-1] + "."
    return None


def half_cut(source: str, target: str, rng: random.Random) -> str | None:
    words = target.split()
    if len(words) < 16:
        return None
    return " ".join(words[: len(words) // 2]) + "."


PLANTS: dict[str, tuple[Plant, frozenset[str]]] = {
    "number changed": (changed_number, frozenset({"number-mismatch", "date-mismatch"})),
    "name dropped": (dropped_name, frozenset({"missing-name"})),
    "left untranslated": (left_untranslated, frozenset({"untranslated-segment"})),
    "source appended": (source_appended, frozenset({"untranslated-segment"})),
    "question as statement": (question_as_statement, frozenset({"end-punctuation-mismatch"})),
    "half cut": (half_cut, frozenset({"length-mismatch"})),
}


def planted_run(
    aligned: Path, plant: Plant, meant: frozenset[str], seed: int, folder: Path
) -> tuple[int, int, int, int]:
    """(plants, found, clean segments, findings on clean segments) for one kind on one pair."""
    rng = random.Random(seed)
    records, planted = [], set()
    with aligned.open(encoding="utf-8") as lines:
        for number, line in enumerate(lines, start=1):
            record = json.loads(line)
            target = plant(record["source"], record["reference"], rng)
            if target is not None:
                planted.add(str(number))
            records.append(
                {
                    "id": str(number),
                    "doc": record["doc"],
                    "para": record["para"],
                    "source": record["source"],
                    "target": target if target is not None else record["reference"],
                }
            )
    path = folder / aligned.name  # the same name, which says the source language
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    reported, _segments = findings(path, "target", ["bilingual"])
    found = {f.segment.id for f in reported if f.segment and f.rule in meant and f.segment.id in planted}
    clean = len(records) - len(planted)
    false = sum(1 for f in reported if f.segment and f.segment.id not in planted)
    return len(planted), len(found), clean, false


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--seed", type=int, default=1)
    arguments = parser.parse_args()
    files = sorted((arguments.corpus / "aligned").glob("*.jsonl"))
    if not files:
        print(f"bilingual planted benchmark: no corpus at {arguments.corpus / 'aligned'}")
        return 2
    print("| artifact | pair | planted | found | recall | bilingual findings per 100 other segments |")
    print("|---|---|---:|---:|---:|---:|")
    with tempfile.TemporaryDirectory() as temporary:
        for kind, (plant, meant) in PLANTS.items():
            for aligned in files:
                planted, found, clean, false = planted_run(
                    aligned, plant, meant, arguments.seed, Path(temporary)
                )
                if planted:
                    rate = f"{100 * false / clean:.1f}" if clean else "-"
                    print(
                        f"| {kind} | {aligned.stem} | {planted} | {found} | {100 * found / planted:.0f}% | {rate} |"
                    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
