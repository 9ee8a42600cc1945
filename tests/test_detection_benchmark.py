"""The detection benchmark's generator and scorer, on a tiny sample written here (no corpus needed)."""

from __future__ import annotations

from benchmarks.detection import generate as generator
from benchmarks.detection.corpus import BaseDocument
from benchmarks.detection.material import Material, Segment
from benchmarks.detection.model import Region, TruthItem, WrittenFile
from benchmarks.detection.mtqa_run import Finding
from benchmarks.detection.score import score
from benchmarks.detection.text import to_base_offset

STORY = """Ministers agree to keep talking after Geneva meeting

Foreign Minister Sergey Lavrov met Antony Blinken in Geneva on Friday, and the two men talked for 90 minutes. \
Officials said the meeting was useful. Sergey Lavrov told reporters that the talks would go on.

"We agreed to continue discussions afterwards," Blinken said. He added that Washington would send its answers \
in writing next week, and that Moscow would study them.

Prices of gas rose by 3.5 percent on the news, and some 1,500 traders left the market early. In Moscow, \
the mood was calm, the agency said.

Analysts in Berlin said the talks had eased tension. Sergey Lavrov said later that Russia had no plans to invade, \
and Antony Blinken said the United States was ready for both options.

The next round is due in February. Both sides said they would meet again, and the allies welcomed the talks.
"""

SOURCE = Segment(
    "Переговоры продолжатся на следующей неделе в Женеве.", "Officials said the meeting was useful."
)


def sample_docs() -> list:
    documents = [
        BaseDocument("ru-en", f"story.{n}", STORY.replace("Berlin", city))
        for n, city in enumerate(["Berlin", "Paris", "Vienna"])
    ]
    segments = {d.name: [SOURCE] for d in documents}
    return generator.build_docs(documents, segments, Material())


def generated(seed: int) -> list[tuple[WrittenFile, str]]:
    return generator.generate(sample_docs(), seed, rounds=3, controls=1)


def test_generation_is_deterministic_for_a_seed():
    first, again, other = generated(7), generated(7), generated(8)
    assert [(f.to_json(), t) for f, t in first] == [(f.to_json(), t) for f, t in again]
    assert [t for _, t in first] != [t for _, t in other]


def test_truth_spans_point_at_the_injected_text_and_the_rest_maps_back_to_the_base():
    written = generated(3)
    items = [item for file, _ in written for item in file.items]
    assert sum(not item.is_lookalike for item in items) >= 6 and any(item.is_lookalike for item in items)
    for file, text in written:
        base = STORY.replace(
            "Berlin", {"story.0": "Berlin", "story.1": "Paris", "story.2": "Vienna"}[file.base[6:]]
        )
        if file.role == "control":
            assert text == base and not file.items
        for item in file.items:
            assert item.text and text[item.start : item.end] == item.text
        changed = [range(r.new_start, r.new_end) for r in file.regions]
        for offset in range(0, len(text), 7):
            if not any(offset in r for r in changed):
                assert base[to_base_offset(offset, file.regions, is_end=False)] == text[offset]


def scored_file() -> WrittenFile:
    items = [
        TruthItem("duplicated-word", "case-change", ["duplicated-word"], 10, 15, "no No"),
        TruthItem("spacing", "no-space-after-full-stop", ["spacing", "run-together-word"], 40, 47, "door.We"),
        TruthItem("lookalike", "had-had", [], 80, 87, "had had", ["duplicated-word"]),
    ]
    return WrittenFile(
        "a.txt", "ru-en/a", "injected", items, [Region(10, 12, 10, 15), Region(40, 41, 43, 50)]
    )


def findings(*spans: tuple[str, int, int]) -> dict[str, list[Finding]]:
    return {"a.txt": [Finding(rule, "error", start, end, "") for rule, start, end in spans]}


def test_perfect_findings_score_one_and_one():
    result = score([scored_file()], findings(("duplicated-word", 10, 15), ("run-together-word", 41, 48)), {})
    assert result.by_rule["duplicated-word"].recall == 1.0
    assert result.by_rule["spacing"].recall == 1.0
    assert result.by_rule["duplicated-word"].precision == 1.0
    assert result.by_rule["run-together-word"].precision == 1.0


def test_a_missed_item_lowers_recall_and_extra_findings_lower_precision():
    result = score(
        [scored_file()],
        findings(
            ("duplicated-word", 10, 15),
            ("mid-sentence-capital", 13, 15),  # a second finding for the same problem
            ("duplicated-word", 82, 87),  # a look-alike flagged
            ("duplicated-word", 60, 62),  # nothing there
        ),
        {},
    )
    assert result.by_rule["spacing"].recall == 0.0
    assert result.by_rule["duplicated-word"].recall == 1.0
    assert result.by_rule["duplicated-word"].precision == 1 / 3
    assert result.by_rule["mid-sentence-capital"].precision == 0.0
    assert result.by_variant["lookalike", "had-had"].outcomes["lookalike"] == 1


def test_findings_the_clean_base_already_had_are_background_not_false():
    base = {"ru-en/a": [Finding("spacing", "warning", 51, 53, "")]}  # 60 in the edited file is 51 in the base
    result = score([scored_file()], findings(("spacing", 60, 62)), base)
    assert result.by_rule["spacing"].outcomes == {"background": 1}
    assert result.by_rule["spacing"].precision is None


def test_an_absent_corpus_is_one_line_and_exit_2(tmp_path, capsys):
    assert generator.main(["--corpus", str(tmp_path / "missing"), "--out", str(tmp_path / "out")]) == 2
    assert capsys.readouterr().err.count("\n") == 1
