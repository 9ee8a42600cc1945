"""length-mismatch: cases beyond the YAML examples (letter counts, weights by script, options, the ratios file)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from qa.checks.bilingual.length import (
    LengthRatio,
    LengthRatioOptions,
    expected_letters,
    language_weights,
    letter_count,
    load_ratios,
)
from qa.document import Document
from qa.engine import Source, run
from tests.checks.bilingual_segments import matches, one_segment
from tests.helpers import CATALOGUE

KIND = LengthRatio()
RU_SOURCE = "Движение по этой линии метро будет открыто в следующем году после ремонта."


def check(
    source: str, target: str, source_lang: str | None = "ru", **options: object
) -> list[tuple[str, str | None, str | None]]:
    return matches(KIND, LengthRatioOptions(**options), one_segment(source, target, source_lang))


def weights(language: str | None) -> dict[str, float]:
    return language_weights(load_ratios(None), language)


def test_letters_and_digits_are_counted_full_width_forms_folded() -> None:
    assert letter_count("It's 2022 — ＯＫ!") == 2 + 1 + 4 + 2


def test_a_source_letter_weighs_what_its_language_and_script_give_in_english() -> None:
    assert expected_letters("東京", weights("ja")) == pytest.approx(7.8)
    assert expected_letters("とうきょう", weights("ja")) == pytest.approx(8.5)
    assert expected_letters("トウキョウ", weights("ja")) == pytest.approx(8.0)
    assert expected_letters("Москва", weights("ru")) == pytest.approx(5.94)


def test_latin_names_and_digits_in_a_non_latin_source_count_one() -> None:
    assert expected_letters("Yahoo!ニュース 2021", weights("ja")) == pytest.approx(5 + 4 * 1.6 + 4)
    assert expected_letters("Yahoo 2021", weights("ru")) == 9


def test_a_language_without_lines_takes_the_any_language_lines_and_else_one() -> None:
    assert expected_letters("東京", weights(None)) == pytest.approx(6.0)
    assert expected_letters("Αθήνα", weights("el")) == 5
    assert weights("de")["LATIN"] == pytest.approx(0.85)


def test_short_sources_are_not_judged_unless_the_option_says() -> None:
    assert check("Да, конечно.", "Yes, of course, that is exactly what happened in the end.") == []
    assert (
        len(
            check(
                "Да, конечно.",
                "Yes, of course, that is exactly what happened in the end.",
                min_expected_letters=5,
            )
        )
        == 1
    )


def test_tolerance_sets_how_far_from_the_expectation_a_target_may_be() -> None:
    target = "This metro line will open to passengers next year."
    assert check(RU_SOURCE, target) == []
    assert check(RU_SOURCE, target, tolerance=1.1) == [(target, None, RU_SOURCE)]


def test_the_message_gives_both_lengths_the_ratio_and_what_is_usual() -> None:
    doc = one_segment(RU_SOURCE, "This line will open.")
    (match,) = KIND.check(doc, LengthRatioOptions())
    assert match.message == (
        "The translation has 16 letters where its source suggests about 61 (0.26 of that; 0.56-1.8 is usual): "
        "part of the source may be missing."
    )


def test_a_ratios_file_of_ones_own(tmp_path: Path) -> None:
    ratios = tmp_path / "ratios.txt"
    ratios.write_text("ru CYRILLIC 0.3\n", encoding="utf-8")
    assert check(RU_SOURCE, "This line will open.", ratios_file=str(ratios), min_expected_letters=10) == []


def test_a_malformed_ratios_file_is_an_error_before_any_file(tmp_path: Path) -> None:
    ratios = tmp_path / "ratios.txt"
    ratios.write_text("ru 0.3\n", encoding="utf-8")
    with pytest.raises(ValueError, match="a language, a script and a number"):
        KIND.prepare(LengthRatioOptions(ratios_file=str(ratios)))


def test_options_below_their_minimum_are_refused() -> None:
    with pytest.raises(ValueError, match="tolerance"):
        LengthRatioOptions(tolerance=0.5)


def test_a_monolingual_document_has_none() -> None:
    assert list(KIND.check(Document("a.txt", "Short."), LengthRatioOptions())) == []


def test_a_target_left_in_the_source_language_is_reported_as_untranslated_only() -> None:
    source = "中国国家统计局周一公布的数据显示，今年前三个季度国内生产总值同比增长百分之九点八。"
    data = json.dumps({"source": source, "target": source, "source_lang": "zh"}, ensure_ascii=False).encode()
    rules = [CATALOGUE.get("length-mismatch"), CATALOGUE.get("untranslated-segment")]
    found = run([Source("a.jsonl", data=data + b"\n")], rules).findings
    assert [f.rule for f in found] == ["untranslated-segment"]
