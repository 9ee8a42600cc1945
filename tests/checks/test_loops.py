"""repetition-loop: cases beyond the YAML examples (offsets, runs, options, long input)."""

from __future__ import annotations

from pathlib import Path

import pytest

from qa.checks.base import OptionError, build_options
from qa.checks.loops import Loops, LoopsOptions, Run, tandem_runs
from qa.document import Document
from tests.conftest import SEEDS
from tests.helpers import findings_for, flagged

RULE = "repetition-loop"


def check(text: str, **options: object) -> list[tuple[str, str | None]]:
    """(flagged text, suggestion) of each match of the kind, with the given options."""
    doc = Document("example.txt", text)
    return [(text[m.start : m.end], m.suggestion) for m in Loops().check(doc, LoopsOptions(**options))]


def fixed(text: str) -> str:
    """The text with every suggestion of the rule applied."""
    for finding in sorted(findings_for(text, RULE), key=lambda f: f.start, reverse=True):
        assert finding.suggestion is not None
        text = text[: finding.start] + finding.suggestion + text[finding.end :]
    return text


@pytest.mark.parametrize("seed", sorted(SEEDS.glob("*.txt")), ids=lambda p: p.name)
def test_seeds_have_no_loops(seed: Path) -> None:
    assert flagged(seed.read_text(encoding="utf-8"), RULE) == []


@pytest.mark.parametrize("text", ["", "   \n\n ", "Talks.", "the the"])
def test_nothing_to_report_in_tiny_input(text: str) -> None:
    assert flagged(text, RULE) == []


def test_offsets_are_code_points_after_non_ascii_text() -> None:
    text = "In São Paulo and Zürich 🇨🇭 officials said the talks the talks the talks would go on."
    findings = findings_for(text, RULE)
    assert [(text[f.start : f.end], f.suggestion) for f in findings] == [
        ("the talks the talks the talks", "the talks")
    ]


def test_applying_the_suggestions_leaves_one_copy() -> None:
    text = (
        "Officials said that said that said that the talks the talks the talks would resume.\n\n"
        "We agreed to continue discussions afterwards. We agreed to continue discussions afterwards.\n"
    )
    assert fixed(text) == (
        "Officials said that the talks would resume.\n\nWe agreed to continue discussions afterwards.\n"
    )


def test_sentence_start_capital_is_kept_in_the_suggestion() -> None:
    assert check("The talks the talks the talks resumed on Friday.") == [
        ("The talks the talks the talks", "The talks")
    ]


def test_one_run_of_one_word_is_one_finding_of_the_shortest_phrase() -> None:
    assert check("He said the the the the the ministers had left.") == [("the the the the the", "the")]


def test_the_longest_loop_wins_over_loops_inside_it() -> None:
    text = "It was very very very good very very very good very very very good news."
    assert check(text) == [(text[7:-6], "very very very good")]


def test_a_trailing_partial_repeat_is_not_part_of_the_span() -> None:
    assert check("Lavrov met the talks the talks the talks the press.") == [
        ("the talks the talks the talks", "the talks")
    ]


def test_a_loop_across_a_line_break_inside_a_paragraph() -> None:
    assert check("Officials said the talks the talks the\ntalks would go on.") == [
        ("the talks the talks the\ntalks", "the talks")
    ]


def test_a_loop_does_not_run_across_sentences() -> None:
    """Short sentences said again and again are rhetoric, even beyond punctuated_min_repeats."""
    assert check("He said the talks." + " The talks." * 6 + " The talks were over.") == []


def test_repeats_are_counted_in_the_message() -> None:
    findings = findings_for("It was " + "very " * 7 + "strong.", RULE)
    assert len(findings) == 1
    assert findings[0].message.startswith("'very' is written 7 times in a row")


def test_a_sentence_written_three_times() -> None:
    text = "Russia has no plans to attack. Russia has no plans to attack. Russia has no plans to attack."
    findings = findings_for(text, RULE)
    expected = [(0, len(text), "Russia has no plans to attack.")]
    assert [(f.start, f.end, f.suggestion) for f in findings] == expected
    assert "3 times back to back" in findings[0].message


def test_a_duplicated_paragraph_is_one_finding() -> None:
    paragraph = "The ministers met. They talked for an hour. Then they left Geneva."
    text = f"Geneva, Jan. 21 — Talks ended.\n\n{paragraph}\n\n{paragraph}\n\nMore talks are planned."
    findings = findings_for(text, RULE)
    assert [text[f.start : f.end] for f in findings] == [f"{paragraph}\n\n{paragraph}"]
    assert findings[0].suggestion == paragraph
    assert findings[0].message.startswith("A passage of 3 sentences is written twice")


def test_a_long_sentence_is_shortened_in_the_message() -> None:
    sentence = "The Secretary of State said Washington would respond in writing to every Russian proposal."
    findings = findings_for(f"{sentence} {sentence}", RULE)
    assert len(findings) == 1
    assert "'The Secretary of State said Washington would respond in wri…'" in findings[0].message
    assert findings[0].suggestion == sentence


@pytest.mark.parametrize(
    "text",
    [
        "“No, no, no, no,” Lavrov said.",
        "Fans sang “Bye Bye Bye” and “Ha ha ha” before the match.",
        "He laughed: “Haha haha haha.”",
        "The score was 0 0 0 after three rounds; grades were A A A.",
        "Shares rose step by step, day by day, more and more.",
        "The talks, the talks and the talks again: that is all Geneva offers.",
        "Thank you. Thank you.",
        "Let it be, let it be, let it be.",
    ],
)
def test_not_a_loop(text: str) -> None:
    assert flagged(text, RULE) == []


def test_a_loop_inside_a_quotation_counts_unless_it_is_the_whole_quotation() -> None:
    text = "“We will continue the talks the talks the talks,” he said, and fans sang “Yes yes yes.”"
    assert check(text) == [("the talks the talks the talks", "the talks")]
    assert check('The coach shouted "Go go go!" twice.') == []  # quoted whole, in straight quotes


def test_options_set_the_thresholds() -> None:
    assert check("the talks the talks the talks", min_repeats=4, doubled_phrase_min_words=3) == []
    very = "“Very, very, very good,” he said."
    assert check(very, punctuated_min_repeats=3) == [("Very, very, very", "Very")]
    assert check("in the city of Geneva in the city of Geneva", doubled_phrase_min_words=6) == []
    assert check("in the city of Geneva in the city of Geneva", doubled_phrase_min_words=5) != []
    assert check("Thank you. Thank you.", min_sentence_words=2) == [("Thank you. Thank you.", "Thank you.")]
    assert check("said that said that said that", max_phrase_words=1) == []


def test_allow_adds_to_the_allow_file(tmp_path: Path) -> None:
    assert check("They chanted go go go at the gate.", allow=("Go",)) == []
    words = tmp_path / "words.txt"
    words.write_text("ole\n", encoding="utf-8")
    assert check("Ole ole ole, sang the fans.", allow_file=str(words)) == []
    assert check("Ha ha ha.", allow_file=str(words)) == [("Ha ha ha", "Ha")]


def test_bad_options_are_refused(tmp_path: Path) -> None:
    with pytest.raises(OptionError, match="allow_file"):
        build_options(LoopsOptions, {"allow_file": str(tmp_path / "missing.txt")})
    with pytest.raises(ValueError, match="min_repeats"):
        LoopsOptions(min_repeats=1)


def test_tandem_runs_keeps_whole_blocks_and_ignores_masked_items() -> None:
    items = ["a", "b", "a", "b", "a", "x", None, None]
    assert list(tandem_runs(items, 2)) == [Run(0, 2, 2)]
    assert Run(0, 2, 2).end == 4
    assert list(tandem_runs(["a", "a", "a", "a"], 2)) == [Run(0, 1, 4)]  # not ("a", "a") twice


def _runs_by_definition(items: list[str | None], max_period: int) -> list[Run]:
    """Every maximal stretch where item i equals item i + period, as whole blocks, read off plainly."""
    found = []
    for period in range(1, min(max_period, len(items) // 2) + 1):
        equal = [a is not None and a == b for a, b in zip(items, items[period:])]
        index = 0
        while index < len(equal):
            if not equal[index]:
                index += 1
                continue
            start = index
            while index < len(equal) and equal[index]:
                index += 1
            block = items[start : start + period]
            primitive = not any(period % p == 0 and block == block[p:] + block[:p] for p in range(1, period))
            if (index - start) // period + 1 >= 2 and primitive:
                found.append(Run(start, period, (index - start) // period + 1))
    return found


def test_tandem_runs_finds_what_the_definition_finds() -> None:
    import random

    rng = random.Random(14)
    for _ in range(3000):
        items = [rng.choice(["a", "b", "c", None]) for _ in range(rng.randint(0, 30))]
        assert list(tandem_runs(items, 8)) == _runs_by_definition(items, 8), items


def test_a_long_loop_is_one_finding() -> None:
    """A decoder that never stops: one finding for the whole run, with the count."""
    text = "Officials said " + "the talks " * 50_000 + "ended."
    findings = findings_for(text, RULE)
    assert len(findings) == 1
    assert "50000 times" in findings[0].message
    assert fixed(text) == "Officials said the talks ended."


@pytest.mark.parametrize(
    ("text", "phrase"),
    [
        ("He said that said that Moscow would act.", "said that said that"),
        ("Talks resume in the in the coming weeks.", "in the in the"),
        ("The president the president met him.", "The president the president"),
        ("Egypt managed to return to return to its museums 300 artifacts.", "to return to return"),
        ("The rules apply to rail and rail and air transport.", "rail and rail and"),
        ("The road winds bend by bend by the river.", "bend by bend by"),
        ("Next year, and any and any trend may change it.", "and any and any"),
    ],
)
def test_a_phrase_of_two_words_written_twice_is_a_loop(text: str, phrase: str) -> None:
    assert [flagged_text for flagged_text, _ in check(text)] == [phrase]


@pytest.mark.parametrize(
    "text",
    [
        "Prices rose over and over and over again, day after day after day.",
        "Prices rose again and again, and more and more families struggled.",
        "It went round and round and round, step by step by step.",
        "He said that, said that with a smile.",
        "She tried again and again and failed; prices rose faster and faster and then fell.",
        "It played over and over and he listened; they came one by one by the gate.",
    ],
)
def test_doubled_phrases_the_writer_meant_are_not_loops(text: str) -> None:
    assert check(text) == []
