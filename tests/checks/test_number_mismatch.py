"""number-mismatch: cases beyond the YAML examples (readings, placement, exemptions, options)."""

from __future__ import annotations

import pytest

from qa.checks.bilingual.numbers import (
    SourceNumbers,
    SourceNumbersOptions,
    number_marks,
    number_words,
    source_quantities,
    target_quantities,
)
from tests.checks.bilingual_segments import matches, one_segment

KIND = SourceNumbers()
WORDS = number_words(None)


def check(
    source: str, target: str, source_lang: str | None = "ru", **options: object
) -> list[tuple[str, str | None, str | None]]:
    return matches(KIND, SourceNumbersOptions(**options), one_segment(source, target, source_lang))


def values(source: str, language: str) -> list[tuple[float, ...]]:
    return [q.values for q in source_quantities(source, language, number_marks(language), WORDS)]


@pytest.mark.parametrize(
    ("source", "language", "expected"),
    [
        ("3 000 и 3\u00a0000 и 3\u202f000", "ru", [(3000.0,)] * 3),
        ("1,5 и 3.000", "ru", [(1.5,), (3000.0, 3.0)]),
        ("3.000 y 1,5 y 1.234,5", "es", [(3000.0,), (1.5,), (1234.5,)]),
        ("15,000人と1.5倍と1,5", "ja", [(15000.0,), (1.5,), (1.5,)]),
        ("2,5 млн и 25 тыс. и 3 миллиарда", "ru", [(2500000.0,), (25000.0,), (3000000000.0,)]),
        (
            "1万5000人、1.5万人、三万人、3億5千万円",
            "ja",
            [(15000.0,), (15000.0,), (30000.0,), (350000000.0,)],
        ),
        ("１２人と１・５メートル", "ja", [(12.0,), (1.5,)]),
        ("令和3年と22年度", "ja", [(2021.0, 3.0), (22.0, 2022.0)]),
        ("в 15:30 и в 90-х", "ru", [(15.0, 3.0, 27.0), (90.0, 1990.0, 2090.0)]),
        ("вопросы 1,2,3", "ru", [(1.0,), (2.0,), (3.0,)]),
        ("от 2 до 3 млн и 2-3 тыс.", "ru", [(2.0, 2e6), (3e6,), (2.0, 2000.0), (3000.0,)]),
        ("2～3万円", "ja", [(2.0, 20000.0), (30000.0,)]),
    ],
)
def test_source_numbers_are_read_with_the_locale_marks_and_magnitudes(
    source: str, language: str, expected: list[tuple[float, ...]]
) -> None:
    assert values(source, language) == expected


@pytest.mark.parametrize(
    "source",
    [
        "数万人、十分な量、一人",
        "21 января 2022 года",
        "2022年1月21日",
        "1. Первый пункт",
        "см. https://example.ru/news/2021/12345",
    ],
)
def test_words_dates_list_numbers_and_addresses_are_not_source_numbers(source: str) -> None:
    language = "ja" if any(ord(char) > 0x3000 for char in source) else "ru"
    assert values(source, language) == []


@pytest.mark.parametrize(
    ("target", "expected"),
    [
        ("2.5 million and 3,000", {2.5, 2500000.0, 1000000.0, 3000.0, 3.0}),
        ("3.000 soldiers", {3.0, 3000.0}),
        ("two hundred and five, twenty-first, a dozen", {205.0, 2.0, 100.0, 5.0, 21.0, 20.0, 1.0, 12.0}),
        ("two dozen", {24.0, 2.0, 12.0}),
        ("two and three", {2.0, 3.0}),
        ("Vol.4, 15 thousand", {4.0, 15.0, 15000.0, 1000.0}),
    ],
)
def test_target_numbers_are_read_in_digits_and_words(target: str, expected: set[float]) -> None:
    assert {value for q in target_quantities(target, WORDS) for value in q.values} == expected


def test_a_changed_number_is_reported_on_the_figure_that_replaced_it() -> None:
    assert check("Погибли 12 человек, ранены 40.", "12 people died and 14 were injured.") == [
        ("14", None, "40")
    ]


def test_a_dropped_number_is_reported_on_the_whole_target() -> None:
    target = "Twelve people died and many were injured."
    assert check("Погибли 12 человек, 40 получили ранения.", target) == [(target, None, "40")]


def test_a_date_number_in_the_target_is_not_taken_for_the_changed_figure() -> None:
    found = check("21 января погибли 5 человек.", "Four people died on January 21.")
    assert found == [("Four people died on January 21.", None, "5")]


def test_the_message_names_the_value_with_its_magnitude() -> None:
    (match,) = KIND.check(
        one_segment("Привито 2,5 млн человек.", "2.5 people were vaccinated."), SourceNumbersOptions()
    )
    assert match.message == "'2,5 млн' in the source is 2,500,000; the translation has 2.5"


@pytest.mark.parametrize(
    ("source", "target"),
    [
        ("Рост в 2022 году составил 10%.", "Growth this year was 10 percent."),
        ("1人が負傷した。", "A person was injured."),
        ("Это XXI век, а точнее 21 век.", "This is the 21st century."),
        ("Температура упала до -15 градусов.", "The temperature fell to minus 15 degrees."),
        ("Они пришли с 3 по 5 мая, 2-3 раза.", "They came from May 3 to 5, two or three times."),
        ("Magnitude 7,5.", "Magnitude 7.5."),
        (
            "Встреча длилась 1,5 часа и началась в 19.00.",
            "The meeting lasted an hour and a half and began at 7 pm.",
        ),
        ("Начало в 00:00, перерыв в 12:00.", "It starts at midnight, with a break at noon."),
        ("El 25% de los 2.000 encuestados.", "A quarter of the 2,000 respondents."),
        ("第2次世界大戦の約3割", "about 30% of World War II"),
        ("Сезон 2021/22, цены выросли в 2 раза.", "In the 2021-2022 season prices doubled."),
    ],
)
def test_legitimate_renderings_are_not_reported(source: str, target: str) -> None:
    assert check(source, target) == []


def test_nothing_is_reported_without_a_source_language_or_for_an_english_source() -> None:
    assert check("Погибли 40 человек.", "Many died.", source_lang=None) == []
    assert check("40 people died.", "Many died.", source_lang="en") == []


def test_ignore_values_leaves_a_value_unreported() -> None:
    assert check("Погибли 40 человек.", "Many died.", ignore_values=(1.0, 40.0)) == []


def test_an_unknown_source_locale_reads_english_marks() -> None:
    assert number_marks("xx") == (".", ",")
