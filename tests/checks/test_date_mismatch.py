"""date-mismatch: cases beyond the YAML examples (readings on both sides, placement, options)."""

from __future__ import annotations

import pytest

from qa.checks.bilingual.dates import (
    DEFAULT_INFLECTIONS,
    SourceDates,
    SourceDatesOptions,
    date_spans,
    english_dates,
    source_dates,
)
from tests.checks.bilingual_segments import matches, one_segment

KIND = SourceDates()


def check(
    source: str, target: str, source_lang: str | None = "ru", **options: object
) -> list[tuple[str, str | None, str | None]]:
    return matches(KIND, SourceDatesOptions(**options), one_segment(source, target, source_lang))


def read(text: str, language: str) -> list[tuple[str, int | None, int | None, int | None, int | None]]:
    return [
        (text[d.start : d.end], d.day, d.month, d.year, d.weekday)
        for d in source_dates(text, language, DEFAULT_INFLECTIONS)
    ]


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        ("21 января 2022 года", "ru", [("21 января 2022", 21, 1, 2022, None)]),
        ("21 янв. 2022 г.", "ru", [("21 янв. 2022 г.", 21, 1, 2022, None)]),
        ("в январе и в пятницу", "ru", [("январе", None, 1, None, None), ("пятницу", None, None, None, 4)]),
        ("21 de enero de 2022", "es", [("21 de enero de 2022", 21, 1, 2022, None)]),
        ("el lunes", "es", [("lunes", None, None, None, 0)]),
        ("2022年1月21日（金）", "ja", [("2022年1月21日", 21, 1, 2022, None)]),
        (
            "1月21日と21日と3月",
            "ja",
            [("1月21日", 21, 1, None, None), ("21日", 21, None, None, None), ("3月", None, 3, None, None)],
        ),
        ("21.01.2022", "ru", [("21.01.2022", 21, 1, 2022, None)]),
        (
            "10-12 декабря",
            "ru",
            [("10-12 декабря", 10, 12, None, None), ("10-12 декабря", 12, 12, None, None)],
        ),
        ("Mar de Plata", "es", []),
        ("Проспект 25 Октября", "ru", []),
        ("１１月１３日", "ja", [("１１月１３日", 13, 11, None, None)]),
        ("«Май 1945»", "ru", [("Май 1945", None, 5, 1945, None)]),
        ("am 3. Oktober 2022", "de", [("3. Oktober 2022", 3, 10, 2022, None)]),
    ],
)
def test_source_dates_are_read_with_cldr_names_and_patterns(text: str, language: str, expected: list) -> None:
    assert read(text, language) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("on January 21, 2022", [(21, 1, 2022, None)]),
        ("on 21st of Jan. 2022", [(21, 1, 2022, None)]),
        ("from December 9 to 10", [(9, 12, None, None), (10, 12, None, None)]),
        ("on the 9th and 10th", [(9, None, None, None), (10, None, None, None)]),
        ("on 01/02/2022", [(1, 2, 2022, None), (2, 1, 2022, None)]),
        ("in March, on Friday", [(None, 3, None, None), (None, None, None, 4)]),
        ("in May 5 percent fell", [(None, 5, None, None)]),
    ],
)
def test_english_dates_are_read_in_either_order(text: str, expected: list) -> None:
    assert [(d.day, d.month, d.year, d.weekday) for d in english_dates(text)] == expected


def test_a_changed_day_is_reported_on_the_english_date_with_the_source_date() -> None:
    assert check("Саммит прошёл 21 января.", "The summit was held on January 22.") == [
        ("January 22", None, "21 января")
    ]


def test_a_changed_year_is_reported() -> None:
    assert check("к апрелю 2022 года", "by April 2002") == [("April 2002", None, "апрелю 2022")]


def test_a_month_alone_that_changed_is_reported_on_the_other_month() -> None:
    assert check("Цены выросли в январе.", "Prices rose in June.") == [("June", None, "январе")]


def test_a_day_alone_that_changed_is_reported_but_one_said_in_words_is_not() -> None:
    assert check("12日に発表した。", "It announced on the 11th.", "ja") == [("the 11th", None, "12日")]
    assert check("10日から11日にかけて", "from the 10th to the next day", "ja") == []


def test_a_dropped_date_is_reported_on_the_whole_target_unless_said_in_words() -> None:
    assert check("Выборы пройдут 19 сентября.", "The elections are soon.") == [
        ("The elections are soon.", None, "19 сентября")
    ]
    assert check("Выборы прошли 19 сентября.", "The elections were held yesterday.") == []
    assert check("Выборы прошли 19 сентября.", "The elections were held on Sunday.") == []


def test_a_weekday_is_compared_only_with_a_weekday_the_source_does_not_explain() -> None:
    assert check("El mercado abre el lunes.", "The market opens on Tuesday.", "es") == [
        ("Tuesday", None, "lunes")
    ]
    assert check("Во вторник вирус нашли в среде.", "On Tuesday the virus was found in water.") == []
    assert check("El mercado abre el lunes.", "The market opens this week.", "es") == []


def test_relative_words_are_an_option(tmp_path) -> None:
    words = tmp_path / "words.txt"
    words.write_text("recently\n", encoding="utf-8")
    source, target = "Выборы прошли 19 сентября.", "The elections were held recently."
    assert check(source, target) == [(target, None, "19 сентября")]
    assert check(source, target, relative_words_file=str(words)) == []


def test_inflections_are_an_option() -> None:
    assert check("Цены выросли в январе.", "Prices rose in June.", inflections=()) == []


def test_date_spans_are_what_the_number_rule_leaves_alone() -> None:
    text = "21 января погибли 5 человек"
    assert [text[start:end] for start, end in date_spans(text, "ru")] == ["21 января"]


def test_an_unknown_or_english_source_language_finds_nothing() -> None:
    assert check("21 janvier", "January 22", source_lang="xx") == []
    assert check("January 21", "January 22", source_lang="en") == []
    assert check("21 января", "January 22", source_lang=None) == []


def test_a_day_garbled_into_no_date_is_a_changed_day() -> None:
    source = "12日昼前、名古屋市の川で男性が見つかりました。"
    assert [
        flagged for flagged, *_ in check(source, "On the morning of the 42th, a man was found.", "ja")
    ] == ["the 42th"]
    assert check(source, "On the morning of the 12th, a man was found.", "ja") == []
