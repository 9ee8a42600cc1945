"""caption-leftover: cases beyond the YAML examples (seeds, layouts, offsets, options, edge cases)."""

from __future__ import annotations

import re
import textwrap
from pathlib import Path
from random import Random

import pytest

from qa.checks.base import OptionError, build_options
from qa.checks.captions import Captions, CaptionsOptions, _is_prose
from qa.document import Document
from qa.segment import WORD_PATTERN
from tests.conftest import SEEDS
from tests.helpers import findings_for, flagged

RULE = "caption-leftover"
SEED_000 = (SEEDS / "000_4ba9a3a3582aff3b.txt").read_text(encoding="utf-8")
SEED_CAPTIONS = ["Antony Blinken, US Secretary of State.", "Sergey Lavrov, Russian Foreign Minister"]
ABOVE = [
    "The ministers met for ninety minutes at a lakeside hotel in the Swiss city.",
    "Neither side announced a breakthrough, but both agreed to keep on talking.",
]
BELOW = "The US Secretary of State said he had assured his Russian counterpart of that."


def between_prose(line: str) -> str:
    return "\n\n".join([*ABOVE, line, BELOW])


def check(text: str, **options: object) -> list[str]:
    doc = Document("example.txt", text)
    return [text[m.start : m.end] for m in Captions().check(doc, CaptionsOptions(**options))]


def test_seed_000_has_exactly_its_two_captions() -> None:
    findings = findings_for(SEED_000, RULE)
    assert [SEED_000[f.start : f.end] for f in findings] == SEED_CAPTIONS
    assert [(f.line, f.column) for f in findings] == [(14, 1), (22, 1)]
    assert {(f.severity.label, f.suggestion) for f in findings} == {("warning", None)}


def test_seed_002_has_none() -> None:
    assert flagged((SEEDS / "002_fccc3799612edf3c.txt").read_text(encoding="utf-8"), RULE) == []


@pytest.mark.parametrize(
    "layout",
    [
        pytest.param(lambda text: text.replace("\n", "\r\n"), id="crlf"),
        pytest.param(
            lambda text: "\n".join(p.strip() for p in text.split("\n\n") if p.strip()),
            id="one-line-paragraphs",
        ),
        pytest.param(
            lambda text: "\n\n".join(textwrap.fill(p.strip(), 72) for p in text.split("\n\n") if p.strip()),
            id="hard-wrapped",
        ),
    ],
)
def test_the_seed_captions_are_found_in_other_layouts(layout) -> None:
    assert flagged(layout(SEED_000), RULE) == SEED_CAPTIONS


@pytest.mark.parametrize(
    "line",
    [
        "Antony Blinken, US Secretary of State (AP Photo/Alex Brandon)",
        "Antony Blinken, US Secretary of State. © AFP",
        "Antony Blinken, US Secretary of State | Photo: Reuters",
        "Mohammed bin Salman, Crown Prince of Saudi Arabia",
        "Kim Jong Un, North Korean leader",
        "António Guterres, UN Secretary-General",
        "Dmitry Peskov, spokesman for the Kremlin",
        "Thomas Reinholt, a retired Danish officer",
        "Jean-Yves Le Drian, French Foreign Minister",
        "Sinéad O’Connor, Irish singer",
        "Martin Luther King Jr., civil rights leader",
        "Vadim Denisenko, Former member of the Verkhovna Rada.",
        "Lexi Sydow, Head of market research at App Annie",
        "Alexander Volchenkov, A 21-year-old poet. Photo: Reuters",
    ],
)
def test_captions_with_credits_particles_and_lowercase_roles(line: str) -> None:
    assert flagged(between_prose(line), RULE) == [line]


@pytest.mark.parametrize(
    "line",
    [
        "By Jane Doe, Reuters correspondent",
        "GENEVA, Jan 21 (Reuters)",
        "Geneva, Jan. 21",
        "Antony Blinken, US Secretary of State, speaks in Geneva",
        "Jane Doe, 45, who lost her home",
        "Blinken, US Secretary of State",
        "Antony Blinken, US Secretary of State:",
        "Q: Mr Lavrov, what happens next?",
        "Meanwhile, in Geneva, the talks.",
        "Washington, D.C., USA",
        "Good Morning, Madam Secretary",
        "John Smith, London",
        "Prime Minister Boris Johnson, at Downing Street",
        "Jane Doe, a nurse from Kharkiv, has died.",
        "Ivan Petrov, head of the commission, believes otherwise.",
        "Anna Bogolepova, Talked about the reasons behind memory problems",
        "Maria Zakharova, who represents the Foreign Ministry",
        "Antony Blinken, the US Secretary of State, told reporters that talks would go on next week.",
    ],
)
def test_lines_of_other_shapes_are_not_captions(line: str) -> None:
    assert flagged(between_prose(line), RULE) == []


def test_offsets_count_code_points_in_non_ascii_text() -> None:
    caption = "Mevlüt Çavuşoğlu, Turkish Foreign Minister"
    text = between_prose(caption)
    (finding,) = findings_for(text, RULE)
    start = text.index("Mevlüt")
    assert (finding.start, finding.end) == (start, start + len(caption))
    assert (finding.line, finding.column) == (5, 1)


def test_a_finding_covers_the_caption_without_the_spaces_around_it() -> None:
    text = "\n".join([*ABOVE, "  Antony Blinken, US Secretary of State \t", BELOW])
    assert check(text) == ["Antony Blinken, US Secretary of State"]


def test_a_caption_needs_prose_on_both_sides() -> None:
    caption = "Antony Blinken, US Secretary of State"
    assert check("\n\n".join([*ABOVE, caption])) == []
    assert check("\n\n".join([*ABOVE, caption, "Blinken: We will not abandon NATO"])) == []
    assert check("\n\n".join([*ABOVE, caption, caption, BELOW])) == []


def test_a_heading_between_captions_and_text_does_not_count_as_prose() -> None:
    text = "\n\n".join([ABOVE[0], "Talks resume on Monday", "Antony Blinken, US Secretary of State", BELOW])
    assert check(text, min_prose_before=1) == []


def test_the_headline_area_is_set_by_min_prose_before() -> None:
    text = "\n\n".join([ABOVE[0], "Antony Blinken, US Secretary of State", BELOW])
    assert check(text) == []
    assert check(text, min_prose_before=1) == ["Antony Blinken, US Secretary of State"]


def test_max_words_and_min_prose_words() -> None:
    text = between_prose("Antony Blinken, US Secretary of State.")
    assert check(text, max_words=5) == []
    assert check(text, min_prose_words=20) == []


def test_a_profile_heading_introduces_its_paragraph() -> None:
    line = "Sergey Lavrov, Russian Foreign Minister"
    for opening in ("Lavrov has", "Mr Lavrov has", "Sergey Lavrov’s career has"):
        assert check("\n\n".join([*ABOVE, line, f"{opening} been Russia’s top diplomat since 2004."])) == []


def test_custom_roles_file(tmp_path: Path) -> None:
    roles = tmp_path / "roles.txt"
    roles.write_text("correspondent\n\n", encoding="utf-8")
    text = between_prose("Jane Doe, Moscow correspondent")
    assert check(text) == []
    assert check(text, roles_file=str(roles)) == ["Jane Doe, Moscow correspondent"]


def test_a_missing_roles_file_is_an_option_error(tmp_path: Path) -> None:
    with pytest.raises(OptionError, match="no such file"):
        build_options(CaptionsOptions, {"roles_file": str(tmp_path / "missing.txt")})


@pytest.mark.parametrize("text", ["", "   \n\n  ", "Antony Blinken, US Secretary of State"])
def test_empty_and_tiny_documents_have_no_findings(text: str) -> None:
    assert check(text) == []


def test_prose_test_reads_only_the_end_and_counts_only_as_far_as_needed() -> None:
    """`_is_prose` as first written: all the words counted, the end pattern searched from the start."""
    whole_search = re.compile(r"[.!?…][\"'”’»)\]]*$|[\"”’»]$")
    options = CaptionsOptions(min_prose_words=3)
    random = Random(14)
    for _ in range(20_000):
        text = "".join(
            random.choice(["word", " ", ".", "!", "…", '"', "'", "”", "’", "»", ")", "]", "\n", "x-y"])
            for _ in range(random.randint(0, 9))
        )
        expected = len(WORD_PATTERN.findall(text)) >= 3 and bool(whole_search.search(text))
        assert _is_prose(text, options) == expected, repr(text)
