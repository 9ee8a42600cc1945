"""lowercase-sentence-start: cases beyond the YAML examples (seeds, offsets, options, edge cases)."""

from __future__ import annotations

import pytest

from qa.checks.sentence_start import SentenceStart, SentenceStartOptions
from qa.document import Document
from tests.conftest import SEEDS
from tests.helpers import findings_for, flagged

RULE = "lowercase-sentence-start"


def check(text: str, **options: object) -> list[str]:
    doc = Document("example.txt", text)
    return [text[m.start : m.end] for m in SentenceStart().check(doc, SentenceStartOptions(**options))]


def test_seed_000_has_exactly_this_friday() -> None:
    text = (SEEDS / "000_4ba9a3a3582aff3b.txt").read_text(encoding="utf-8")
    (finding,) = findings_for(text, RULE)
    assert text[finding.start - 6 : finding.end + 12] == "Geneva. this Friday"
    assert finding.suggestion == ""
    assert finding.message == (
        "A stray full stop splits the sentence in 'Geneva. this'; remove the full stop: 'Geneva this'."
    )
    assert finding.severity.label == "warning"


def test_seed_002_has_none() -> None:
    text = (SEEDS / "002_fccc3799612edf3c.txt").read_text(encoding="utf-8")
    assert flagged(text, RULE) == []


def test_offsets_count_code_points_in_non_ascii_text() -> None:
    text = "Réunion à Genève.\n\nça continue."
    (finding,) = findings_for(text, RULE)
    assert (finding.start, finding.end, finding.suggestion) == (19, 21, "Ça")


def test_every_lowercase_start_is_reported() -> None:
    assert flagged("It ended. the talks stopped. they left. Then it rained.", RULE) == ["the", "they"]


@pytest.mark.parametrize(
    "text",
    [
        "this paragraph starts in lowercase, which is a different matter.",
        "Breaking News\nthe talks are over.",
        "Is it over? the minister asked. Stop! said the guard.",
        "He said “no.” then he left.",
        "Police in Springfield, Ill. said the Calif. officials agreed.",
        "The report by Smith et al. found that approx. half agreed.",
        "Read it at 9 a.m. tomorrow, i.e. before the vote.",
        "They reached No. 1 in the charts. x86 chips were involved.",
        "Key points.\n- talks will continue\n- no deal yet",
        "Choose one:\na) keep talking.\nb) stop.",
        "The numbers were given. 1. they rose. 2. they fell.",
        "Contact us. press@example.org answers within a day.",
        "The bill passed. pH levels and mRNA vaccines were not mentioned. al-Assad was not either.",
    ],
)
def test_correct_english_is_not_flagged(text: str) -> None:
    assert flagged(text, RULE) == []


def test_a_particle_before_a_lowercase_word_is_an_ordinary_word() -> None:
    assert flagged("France was free. de facto rule ended.", RULE) == ["de"]


def test_allow_option_spares_lowercase_names() -> None:
    text = "The brand changed its logo. adidas said sales rose."
    assert check(text) == ["adidas"]
    assert check(text, allow=("adidas",)) == []
    assert check(text, allow=("adi",)) == ["adidas"]


def test_name_particles_option() -> None:
    text = "The ruling stood. ter Horst appealed."
    assert check(text) == ["ter"]
    assert check(text, name_particles=("ter",)) == []


def test_empty_document_has_no_findings() -> None:
    assert check("") == []


@pytest.mark.parametrize(
    ("text", "flagged_text", "suggestion"),
    [
        ("They met in the Swiss city of Geneva. this Friday.", ".", ""),  # a fragment ending in a day
        ("The talks were held. in Geneva.", ".", ""),  # a fragment led by a preposition
        ("He spoke to the. press about it at length.", ".", ""),  # "the" never ends a sentence
        ("It ended. they left.", "they", None),  # a short sentence of its own: no guess
        ("It ended. the two sides will meet again.", "the", None),
        ("It ended.\n\nthe two sides will meet again.", "the", "The"),  # a paragraph needs its capital
    ],
)
def test_the_suggestion_is_decided_per_case(text: str, flagged_text: str, suggestion: str | None) -> None:
    (finding,) = findings_for(text, RULE)
    assert (text[finding.start : finding.end], finding.suggestion) == (flagged_text, suggestion)


@pytest.mark.parametrize(
    "text",
    [
        "Key points:\n\nthe talks will continue.",  # a line ending with a colon
        "Talks in Geneva\n\nthe two sides met on Friday.",  # a heading
        "The list.\n\n- the first item.",  # a list item
        "1. The first point.\n\nthe second point follows.",  # after a list item
        "He said: “We will meet again.\n\n“and we will keep talking,” he added.",  # a quotation goes on
        'He said: "We will meet again.\n\nand we will keep talking," he added.',
    ],
)
def test_paragraph_starts_that_need_no_capital(text: str) -> None:
    assert flagged(text, RULE) == []
