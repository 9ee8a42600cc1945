"""The seed articles: what DESIGN.md says mtqa must find in them, and golden JSON output."""

from __future__ import annotations

import json
import subprocess

import pytest

from tests.conftest import ROOT, SEEDS

SEED_000 = "000_4ba9a3a3582aff3b.txt"
SEED_002 = "002_fccc3799612edf3c.txt"
GOLDEN = ROOT / "tests" / "golden" / "seeds.json"

# (seed, rule, anchor): some finding of the rule in that seed overlaps the first occurrence of anchor.
MUST_FIND = [
    (SEED_000, "foreign-date", "21 ene 2022"),
    (SEED_000, "unbalanced-quote", "“quick"),
    (SEED_000, "run-together-word", "UkraineBlinken"),
    (SEED_000, "lowercase-sentence-start", "Geneva. this Friday"),
    (SEED_002, "name-variant", "Anthony Blinken"),
    (SEED_002, "duplicated-word", "no No"),
    (SEED_002, "mid-sentence-capital", "We feel it"),
    (SEED_002, "mid-sentence-capital", "Do not pursue"),
    (SEED_002, "unbalanced-quote", "“We agreed to continue"),
    (SEED_002, "boilerplate", "Breaking News"),
    (SEED_000, "translationese", "the North American country"),
    (SEED_002, "translationese", "both the two"),
    (SEED_000, "caption-leftover", "Antony Blinken, US Secretary of State."),
    (SEED_000, "caption-leftover", "Sergey Lavrov, Russian Foreign Minister"),
]

# Headlines, subheadings and the dateline: no rule may flag them (but the dateline's Spanish month).
MUST_NOT_FLAG = [
    (SEED_000, "Blinken: US agrees to work with allies to address Russia’s security concerns", ()),
    (SEED_000, "21 ene 2022 12:55 GMT", ("foreign-date",)),
    (SEED_002, "Washington: Russia has to choose between diplomacy and conflict", ()),
    (SEED_002, "Blinken: I had frank and substantive talks with Lavrov", ()),
    (SEED_002, "Blinken: We are ready to work on addressing Russia’s concerns", ()),
    (SEED_002, "Blinken: Russia must stop aggression against Ukraine", ()),
    (SEED_002, "Blinken: We will not abandon NATO’s open doors policy", ()),
    (SEED_002, "Blinken: Any crossing of the Russian border into Ukraine", ()),
    (SEED_002, "Blinken: We will hand Russia our response", ()),
]

# Continued multi-paragraph quotations: correct English, never an unbalanced quote.
CONTINUED_QUOTATIONS = [
    "“I explained a number",
    "“We did not expect",
    "“We have heard",
    "“I am saying clearly",
    "“This includes issues",
    "“I directly assured",
]


@pytest.fixture(scope="module")
def report(mtqa: list[str]) -> dict:
    result = subprocess.run(
        [*mtqa, "check", "seeds", "--format", "json"], cwd=ROOT, capture_output=True, check=False
    )
    assert result.returncode == 1, result.stderr
    return json.loads(result.stdout)


def findings_of(report: dict, seed: str) -> list[dict]:
    (entry,) = [f for f in report["files"] if f["path"] == f"seeds/{seed}"]
    return entry["findings"]


def overlaps(finding: dict, text: str, anchor: str) -> bool:
    start = text.index(anchor)
    return finding["start"] < start + len(anchor) and start < finding["end"]


@pytest.mark.parametrize(("seed", "rule", "anchor"), MUST_FIND, ids=lambda v: str(v)[:24])
def test_seed_artifact_is_found(report: dict, seed: str, rule: str, anchor: str) -> None:
    text = (SEEDS / seed).read_text(encoding="utf-8")
    assert any(f["rule"] == rule and overlaps(f, text, anchor) for f in findings_of(report, seed))


def test_one_problem_one_finding(report: dict) -> None:
    """ "no No" is a duplicated word, not also a mid-sentence capital."""
    text = (SEEDS / SEED_002).read_text(encoding="utf-8")
    assert [f["rule"] for f in findings_of(report, SEED_002) if overlaps(f, text, "no No")] == ["duplicated-word"]


@pytest.mark.parametrize(("seed", "anchor", "allowed"), MUST_NOT_FLAG, ids=lambda v: str(v)[:30])
def test_headlines_and_datelines_are_left_alone(report: dict, seed: str, anchor: str, allowed: tuple) -> None:
    text = (SEEDS / seed).read_text(encoding="utf-8")
    flagged = [f["rule"] for f in findings_of(report, seed) if overlaps(f, text, anchor)]
    assert [rule for rule in flagged if rule not in allowed] == []


@pytest.mark.parametrize("anchor", CONTINUED_QUOTATIONS)
def test_continued_quotation_is_not_flagged(report: dict, anchor: str) -> None:
    text = (SEEDS / SEED_002).read_text(encoding="utf-8")
    quotes = [f for f in findings_of(report, SEED_002) if f["rule"] == "unbalanced-quote"]
    assert not any(overlaps(f, text, anchor) for f in quotes)


def test_golden_output(report: dict, update_golden: bool) -> None:
    if update_golden:
        GOLDEN.write_text(json.dumps(report, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    expected = json.loads(GOLDEN.read_text(encoding="utf-8"))
    assert report == expected, "output changed: review, then regenerate with --update-golden"
