"""benchmarks/compare.py's golden check: a speed change must leave every finding as it was."""

from __future__ import annotations

from benchmarks.compare import differences


def report(*findings: dict, words: int = 3) -> dict:
    return {"errors": [], "files": [{"path": "a.txt", "words": words, "metrics": {}, "findings": list(findings)}]}


FINDING = {"rule": "spacing", "start": 1, "end": 3, "message": "Two spaces"}


def test_the_same_findings_in_another_order_are_identical() -> None:
    other = {**FINDING, "start": 5, "end": 7}
    assert differences(report(FINDING, other), report(other, FINDING)) == []


def test_a_finding_lost_or_gained_or_a_metric_changed_is_listed() -> None:
    changed = {**FINDING, "message": "Three spaces"}
    found = differences(report(FINDING), report(changed, words=4))
    assert found[0] == "a.txt: words or metrics differ"
    assert any("only in base" in line and "Two spaces" in line for line in found)
    assert any("only in this" in line and "Three spaces" in line for line in found)


def test_a_field_the_base_did_not_have_yet_is_not_a_difference() -> None:
    assert differences(report(FINDING), report({**FINDING, "related_count": 0})) == []


def test_a_file_checked_on_one_side_only_is_listed() -> None:
    assert differences(report(), {"errors": [], "files": []}) == ["a.txt: checked on one side only"]
