"""quote-style: families, ties, the cap, orientation of curly marks, units, offsets and the seeds."""

from __future__ import annotations

import pytest

from qa.catalogue import CatalogueError, load_rule
from qa.checks.quote_style import QuoteStyle, QuoteStyleOptions
from qa.document import Document
from tests.conftest import SEEDS
from tests.helpers import CATALOGUE, findings_for, flagged

RULE = "quote-style"
CURLY_MAJORITY = "It’s Russia’s, Kyiv’s, NATO’s and the EU’s view."


def found(text: str) -> list[tuple[int, str, str | None]]:
    return [(f.start, text[f.start : f.end], f.suggestion) for f in findings_for(text, RULE)]


def suggestions(text: str) -> list[str | None]:
    return [f.suggestion for f in findings_for(text, RULE)]


def test_a_straight_mark_pasted_into_a_curly_seed_is_found() -> None:
    text = (SEEDS / "000_4ba9a3a3582aff3b.txt").read_text(encoding="utf-8")
    text = text.replace("Blinken’s", "Blinken's", 1)
    (finding,) = findings_for(text, RULE)
    assert text[finding.start - 7 : finding.end + 1] == "Blinken's"
    assert finding.suggestion == "’"


def test_offsets_are_code_points_after_astral_characters() -> None:
    text = "🇺🇦 “We won,” 👍🏽 she said, \"again\" and “again”."
    assert found(text) == [(text.index('"'), '"', "“"), (text.rindex('"'), '"', "”")]


def test_double_and_single_marks_are_separate_families() -> None:
    text = "“We won’t go,” he said. \"It's over,\" she said. Russia's and Kyiv’s plans."
    assert found(text) == [
        (text.index('"'), '"', "“"),
        (text.index("It's") + 2, "'", "’"),
        (text.index(',"') + 1, '"', "”"),
        (text.index("Russia's") + 6, "'", "’"),
    ]


def test_curly_quotes_with_straight_apostrophes_throughout_are_consistent() -> None:
    assert flagged("“It's over,” she said. “We won't go,” he said of Russia's plan.", RULE) == []


def test_a_tie_keeps_the_curly_style_and_says_so() -> None:
    (finding,) = findings_for("He said it's “done” and isn’t", RULE)
    assert finding.message == (
        "Straight ' in a file that uses as many curly apostrophes and single quotes "
        "as straight ones (1 each): use ’."
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (f"{CURLY_MAJORITY} 'Go,' she said.", ["‘", "’"]),
        (f"{CURLY_MAJORITY} The '90s and 'em, and rock 'n' roll.", ["’", "’", "’", "’"]),
        (f"{CURLY_MAJORITY} The Joneses' home and goin' out.", ["’", "’"]),
        ("‘A’ and ‘B’ and ‘C’ and ' lone.", [None]),
        ('“A” and “B” and “C” and " lone.', [None]),
    ],
)
def test_curly_marks_are_oriented_by_their_position(text: str, expected: list[str | None]) -> None:
    assert suggestions(text) == expected


def test_marks_that_close_a_number_are_units_in_either_style() -> None:
    assert flagged("“Tall,” she said: 6' 2\" and a 12\" pipe at 51°30'N, 0°7'W.", RULE) == []
    assert flagged("\"Tall,\" she said: 6’ 2” and a 12” pipe at 51°30’N.", RULE) == []


def test_marks_are_oriented_within_their_paragraph() -> None:
    text = "“One,” he said.\n\n\"Two\nthree,\" he said, and “four.”"
    assert found(text) == [(text.index('"'), '"', "“"), (text.rindex('"'), '"', "”")]


def test_findings_stop_at_the_cap_but_the_message_counts_them_all() -> None:
    text = "“Curly,” he said. " * 30 + "\"Straight,\" she said. " * 25
    findings = findings_for(text, RULE)
    assert len(findings) == 20
    assert "(60 curly, 50 straight)" in findings[0].message
    uncapped = QuoteStyleOptions(elisions=(), max_findings=0)
    assert len(list(QuoteStyle().check(Document("t.txt", text), uncapped))) == 50


def test_a_negative_cap_is_refused(tmp_path) -> None:
    rule = CATALOGUE.get(RULE).source.read_text(encoding="utf-8")
    rule = rule.replace("max_findings: 20", "max_findings: -1")
    path = tmp_path / "quote-style.yaml"
    path.write_text(rule, encoding="utf-8")
    with pytest.raises(CatalogueError, match="max_findings must be 0 or more"):
        load_rule(path)


def test_empty_and_unmarked_documents_have_none() -> None:
    assert list(QuoteStyle().check(Document("t.txt", ""), QuoteStyleOptions())) == []
    assert flagged("No quotation marks or apostrophes here.", RULE) == []
