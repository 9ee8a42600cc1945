"""readability: off by default, the grade of qa.metrics, the floor of words, where the finding stands."""

from __future__ import annotations

import dataclasses

import pytest

from qa.catalogue import CatalogueError, load_rule
from qa.checks.readability import Readability
from qa.document import Document
from qa.metrics import measure
from tests.helpers import CATALOGUE, findings_for

RULE = "readability"
HEAVY_SENTENCE = (
    "The administration considers that the consolidation of transatlantic solidarity constitutes a "
    "fundamental priority for the implementation of comprehensive international cooperation."
)
HEAVY_TEXT = "Diplomacy first\n\n" + " ".join([HEAVY_SENTENCE] * 6)


def check(text: str, **changes: object) -> list:
    options = dataclasses.replace(CATALOGUE.get(RULE).options, **changes)
    return list(Readability().check(Document("x.txt", text), options))


def test_the_rule_is_off_unless_selected() -> None:
    assert not CATALOGUE.get(RULE).enabled
    assert RULE not in {f.rule for f in findings_for(HEAVY_TEXT)}
    assert [f.rule for f in findings_for(HEAVY_TEXT, RULE)] == [RULE]


def test_the_finding_stands_on_the_first_sentence_and_gives_the_figures() -> None:
    (finding,) = findings_for(HEAVY_TEXT, RULE)
    assert HEAVY_TEXT[finding.start : finding.end] == "Diplomacy first"
    grade = measure(Document("x.txt", HEAVY_TEXT))["flesch_kincaid_grade"]
    assert finding.message.startswith(
        f"The text reads at Flesch–Kincaid grade {grade:g}, above the ceiling of 14 ("
    )


def test_the_grade_is_compared_with_the_ceiling() -> None:
    grade = measure(Document("x.txt", HEAVY_TEXT))["flesch_kincaid_grade"]
    assert check(HEAVY_TEXT, max_grade=grade) == []
    assert len(check(HEAVY_TEXT, max_grade=grade - 0.01)) == 1


def test_texts_under_the_floor_are_not_graded() -> None:
    assert measure(Document("x.txt", HEAVY_SENTENCE))["flesch_kincaid_grade"] > 14
    assert check(HEAVY_SENTENCE) == []
    assert len(check(HEAVY_SENTENCE, min_words=10)) == 1


def test_empty_and_wordless_text() -> None:
    assert check("", min_words=1) == []
    assert check("— … —", min_words=1) == []


def test_offsets_after_non_ascii_text() -> None:
    text = "  Zürich 😀 talks\n\n" + " ".join([HEAVY_SENTENCE] * 6)
    (finding,) = findings_for(text, RULE)
    assert text[finding.start : finding.end] == "Zürich 😀 talks"
    assert (finding.line, finding.column) == (1, 3)


@pytest.mark.parametrize(
    ("index", "name"),
    [
        ("gunning_fog", "Gunning fog index"),
        ("smog_index", "SMOG grade"),
        ("coleman_liau_index", "Coleman–Liau index"),
    ],
)
def test_another_grade_index_is_compared_and_named(index: str, name: str) -> None:
    grade = measure(Document("x.txt", HEAVY_TEXT))[index]
    assert check(HEAVY_TEXT, index=index, max_grade=grade) == []
    (finding,) = check(HEAVY_TEXT, index=index, max_grade=grade - 0.01)
    assert finding.message.startswith(
        f"The text reads at {name} {grade:g}, above the ceiling of {grade - 0.01:g} ("
    )


@pytest.mark.parametrize(
    ("option", "error"),
    [
        ("min_words: 0", "min_words"),
        ("index: dale_chall_score", "'index' must be one of flesch_kincaid_grade, "),
    ],
)
def test_a_floor_below_one_or_an_index_that_is_not_a_grade_is_a_configuration_error(
    tmp_path, option: str, error: str
) -> None:
    rule = tmp_path / "hard.yaml"
    rule.write_text(
        f"id: hard\ncheck: readability\nseverity: info\nsummary: x.\nwhy: x\noptions:\n  {option}\n",
        encoding="utf-8",
    )
    with pytest.raises(CatalogueError, match=error):
        load_rule(rule)
