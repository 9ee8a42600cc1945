"""long-sentence: offsets, the limit itself, option values, and text that is not one long sentence."""

from __future__ import annotations

import dataclasses

import pytest

from qa.catalogue import CatalogueError, load_rule
from qa.checks.sentence_length import SentenceLength
from qa.document import Document
from tests.helpers import CATALOGUE, findings_for, flagged

RULE = "long-sentence"


def sentence(words: int, first: str = "Word") -> str:
    return " ".join([first] + ["word"] * (words - 1)) + "."


def test_the_limit_itself_is_not_flagged() -> None:
    assert flagged(sentence(50), RULE) == []
    assert flagged(sentence(51), RULE) == [sentence(51)]


def test_offsets_and_message_after_non_ascii_text() -> None:
    long_one = sentence(60, first="Zürich")
    text = f"Café 😀 opened. {long_one} It closed."
    (finding,) = findings_for(text, RULE)
    assert text[finding.start : finding.end] == long_one
    assert (finding.line, finding.column) == (1, 16)
    assert finding.message == (
        "Sentence of 60 words, more than 50: 'Zürich word word word word word …'; split it into shorter ones."
    )
    assert finding.suggestion is None


def test_each_long_sentence_is_one_finding() -> None:
    text = f"{sentence(55)} Short one. {sentence(70)}\n\n{sentence(52)}"
    assert len(findings_for(text, RULE)) == 3


def test_a_bulleted_list_is_not_one_sentence() -> None:
    items = "\n".join(f"• {' '.join(['item'] * 12)}" for _ in range(8))
    assert flagged(f"The demands:\n{items}", RULE) == []


def test_a_numbered_list_without_final_stops_is_not_one_sentence() -> None:
    items = "\n".join(f"{n}. {' '.join(['Item'] * 12)}" for n in range(1, 9))
    assert flagged(f"Russia's demands were:\n{items}", RULE) == []


def test_empty_and_wordless_text() -> None:
    assert flagged("", RULE) == []
    assert flagged("— … —", RULE) == []


def test_max_words_option_is_honoured() -> None:
    options = dataclasses.replace(CATALOGUE.get(RULE).options, max_words=5)
    matches = list(
        SentenceLength().check(
            Document("x.txt", "One two three four five. One two three four five six."), options
        )
    )
    assert [m.start for m in matches] == [25]


def test_a_tiny_limit_still_quotes_the_opening() -> None:
    options = dataclasses.replace(CATALOGUE.get(RULE).options, max_words=1)
    (match,) = SentenceLength().check(Document("x.txt", "Two words."), options)
    assert "'Two words …'" in match.message


def test_max_words_below_one_is_a_configuration_error(tmp_path) -> None:
    rule = tmp_path / "too-short.yaml"
    rule.write_text(
        "id: too-short\ncheck: sentence_length\nseverity: info\nsummary: x.\nwhy: x\noptions:\n  max_words: 0\n",
        encoding="utf-8",
    )
    with pytest.raises(CatalogueError, match="max_words"):
        load_rule(rule)
