"""Monolingual and bilingual rules on software strings: tags and placeholders are code, not words."""

from __future__ import annotations

import json

from qa.engine import Source, run
from tests.helpers import CATALOGUE


def findings(rule_id: str, *pairs: tuple[str, str], source_lang: str = "ru") -> list[str]:
    """The flagged target text of one rule's findings on a JSON Lines file of (source, target) pairs."""
    records = [{"source": s, "target": t, "source_lang": source_lang} for s, t in pairs]
    data = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records).encode()
    found = run([Source("strings.jsonl", data=data)], [CATALOGUE.get(rule_id)])
    assert not found.input_errors
    targets = [t for _s, t in pairs]
    return [targets[int(f.segment.id) - 1][f.segment.start : f.segment.end] for f in found.findings]


def test_the_quotes_of_a_tag_are_no_quotation() -> None:
    pair = (
        'Читайте <a href="/help" title="Помощь">здесь</a>.',
        'Read <a href="/help" title="Help">here</a>.',
    )
    assert findings("unbalanced-quote", pair) == []
    assert findings("unbalanced-quote", ("Он сказал: «да.", 'He said: "yes. <br/>')) == ['"']


def test_the_quotes_of_a_tag_do_not_count_in_the_house_style() -> None:
    pairs = [("a", "It’s the minister’s call."), ("b", 'See <a href="/x">the rules</a>.'), ("c", "Don’t.")]
    assert findings("quote-style", *pairs) == []


def test_the_number_of_a_placeholder_is_no_number() -> None:
    assert (
        findings("number-mismatch", ("Привет, {0}! У вас {1} писем.", "Hello, {1}! You have {0} letters."))
        == []
    )
    assert findings("number-mismatch", ("У вас 5 писем, %1$s.", "You have 6 letters, %1$s.")) == ["6"]


def test_the_name_of_a_placeholder_is_no_name() -> None:
    pair = (
        "Здравствуйте, {{name}}! {count, plural, one {# файл} other {# файлов}}",
        "Hello, {{user}}! {n} files",
    )
    assert findings("missing-name", pair) == []


def test_two_segments_translated_alike_are_no_loop_and_a_segment_that_loops_is() -> None:
    caption = (
        "Мнение автора может не совпадать с позицией редакции.",
        "The author's view may not be the editors'.",
    )
    other = ("Он повторил это.", "The author's view may not be the editors'.")
    assert findings("repetition-loop", caption, other) == []
    looped = ("Он сказал это.", "He said it would rain on Friday. He said it would rain on Friday.")
    assert findings("repetition-loop", caption, looped) == [looped[1]]


def test_markup_spans_are_sorted_and_an_icu_argument_holds_what_is_inside_it() -> None:
    from qa.checks.bilingual.codes import markup_spans

    text = "Hi {n, plural, one {# file {0}} other {# files}} <b>x</b> {0} 50 % a < b"
    assert [text[start:end] for start, end in markup_spans(text)] == [
        "{n, plural, one {# file {0}} other {# files}}",
        "<b>",
        "</b>",
        "{0}",
    ]


def test_a_link_run_into_japanese_starts_at_its_scheme() -> None:
    pair = (
        "国交省は調査をスタートさせた（https://www.mlit.go.jp/）。",
        "The ministry began the survey (https://www.mlit.go.jp/).",
    )
    assert findings("missing-name", pair, source_lang="ja") == []
    assert findings("missing-name", (pair[0], "The ministry began the survey."), source_lang="ja") != []
