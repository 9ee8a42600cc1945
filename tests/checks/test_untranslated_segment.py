"""untranslated-segment: a target that is its source, is in its language, or copies a stretch of it."""

from __future__ import annotations

import dataclasses
import time

import pytest

from qa.catalogue import Example
from qa.checks.base import OptionError, build_options
from qa.checks.bilingual.untranslated import UntranslatedSegmentsOptions, script_of
from qa.engine import Source, run
from tests.helpers import CATALOGUE, example_findings

RULE = "untranslated-segment"


def _found(
    target: str, source: str, source_lang: str | None = "ru", *rule_ids: str
) -> list[tuple[str, str, str]]:
    """(rule, flagged target text, source text it points at) of each finding."""
    example = Example(target, source=source, source_lang=source_lang)
    name, data = example.as_file("segment")
    rules = CATALOGUE.select(rule_ids or (RULE,))
    found = run([Source(name, data=data)], rules).findings
    return [
        (
            f.rule,
            target[f.segment.start : f.segment.end],
            source[f.segment.source_start : f.segment.source_end],
        )
        for f in found
    ]


def test_an_identical_target_points_at_the_whole_source_white_space_and_case_aside() -> None:
    assert _found("  ПЕРЕГОВОРЫ  в Женеве\nзакончились. ", "Переговоры в Женеве закончились.") == [
        (RULE, "ПЕРЕГОВОРЫ  в Женеве\nзакончились.", "Переговоры в Женеве закончились.")
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Twitter",
        "iPhone 13 Pro",
        "COVID-19",
        "G7",
        "2:1",
        "Real Madrid 2-1 Sevilla",
        "https://t.me/rian_ru",
        "Hotel Taxi",
    ],
)
def test_names_codes_scores_and_links_may_stay_the_same(text: str) -> None:
    assert _found(text, text, "es") == []


def test_a_copied_run_points_at_its_place_in_the_source() -> None:
    target = "The talks ended, заявил Лавров, without a deal."
    source = "Переговоры закончились без результата, заявил Лавров."
    assert _found(target, source) == [(RULE, "заявил Лавров", "заявил Лавров")]


def test_a_run_in_the_source_language_that_is_not_copied_points_at_its_longest_common_part() -> None:
    target = 'Patents are a fifth of China\'s, "Roadmap" (中央日本語版)'
    source = "韓国の水素技術特許（中央日報日本語版）"
    ((_, flagged, source_text),) = _found(target, source, "ja")
    assert (flagged, source_text) == ("中央日本語版", "日本語版")


def test_a_japanese_source_needs_three_letters_and_a_gloss_after_its_name_is_kept() -> None:
    source = "佐々木太郎さんは東京の店主だ。"
    assert _found("Sasaki Taro (佐々木太郎) runs a shop in Tokyo, he said 東京.", source, "ja") == []


def test_a_script_word_glued_to_latin_letters_is_a_homoglyph_not_a_copy() -> None:
    assert _found("WНO says so.", "ВОЗ так считает.") == []


def test_a_latin_source_copies_only_foreign_words_and_not_its_english_quotation() -> None:
    source = "El ministro dijo “we will never give up” ayer."
    assert _found("The minister said “we will never give up” yesterday.", source, "es") == []
    copied = _found(
        "The minister spoke to reporters in Madrid on Friday after the weekly cabinet meeting, and dijo que el"
        " gobierno no subirá los impuestos.",
        "El ministro habló con los periodistas. Dijo que el gobierno no subirá los impuestos.",
        "es",
    )
    assert copied == [
        (RULE, "dijo que el gobierno no subirá los impuestos", "Dijo que el gobierno no subirá los impuestos")
    ]


def test_a_target_mostly_copied_is_one_finding_that_outranks_untranslated_texts_paragraph() -> None:
    target = "The minister spoke. dijo que el gobierno no subirá los impuestos."
    source = "El ministro habló. Dijo que el gobierno no subirá los impuestos."
    assert _found(target, source, "es", RULE, "untranslated-text") == [
        (RULE, target, "Dijo que el gobierno no subirá los impuestos")
    ]


def test_without_a_source_language_a_latin_source_is_judged_by_identity_only() -> None:
    source = "El ministro dijo que el gobierno no subirá los impuestos."
    assert [rule for rule, *_ in _found(source, source, None)] == [RULE]
    assert (
        _found("Les pourparlers reprendront mardi prochain à Genève, selon le ministère.", "Bonjour", None)
        == []
    )


def test_it_supersedes_untranslated_text_on_the_same_words() -> None:
    target = (
        "The talks in Geneva ended on Friday, заявил журналистам министр Лавров, without any deal at all."
    )
    source = "Переговоры закончились, заявил журналистам министр Лавров."
    both = _found(target, source, "ru", RULE, "untranslated-text")
    assert [(rule, flagged) for rule, flagged, _ in both] == [(RULE, "заявил журналистам министр Лавров")]


def test_a_monolingual_file_has_no_segments_to_judge() -> None:
    found = run([Source("a.txt", data="Переговоры закончились.".encode())], CATALOGUE.select([RULE])).findings
    assert found == []


def test_fullwidth_letters_have_the_script_of_their_plain_forms() -> None:
    assert [script_of(c) for c in "ＮЖあア漢ー"] == ["LATIN", "CYRILLIC", "CJK", "CJK", "CJK", "CJK"]


@pytest.mark.parametrize(
    ("raw", "fault"),
    [
        ({"max_source_script_share": 1.5}, "max_source_script_share"),
        ({"min_copied_words": 1}, "min_copied_words"),
        ({"min_probability": -0.1}, "min_probability"),
    ],
)
def test_options_out_of_range_are_refused(raw: dict, fault: str) -> None:
    with pytest.raises((OptionError, ValueError), match=fault):
        build_options(UntranslatedSegmentsOptions, raw)


def test_a_longer_copied_run_option_leaves_short_runs_to_the_language_of_the_whole_target() -> None:
    rule = CATALOGUE.get(RULE)
    rule = dataclasses.replace(rule, options=dataclasses.replace(rule.options, min_copied_words=9))
    example = Example(
        "The minister spoke. dijo que el gobierno no subirá los impuestos.",
        source="El ministro habló. Dijo que el gobierno no subirá los impuestos.",
        source_lang="es",
    )
    name, data = example.as_file("segment")
    messages = [f.message for f in run([Source(name, data=data)], [rule]).findings]
    assert messages == [
        "The translation is written in Spanish, the source's language: was it left untranslated?"
    ]


def test_a_long_segment_is_checked_in_linear_time() -> None:
    source = "Переговоры закончились без результата, заявил Лавров. " * 2000
    target = "The talks ended without a deal, Lavrov said. " * 2000
    started = time.perf_counter()
    assert example_findings(Example(target, source=source, source_lang="ru"), RULE) == []
    assert time.perf_counter() - started < 5
