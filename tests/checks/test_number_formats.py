"""number-format: cases beyond the YAML examples (offsets, context, look-alikes, options, suggestions)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from qa.checks.base import OptionError, build_options
from qa.checks.number_formats import NUMBER, Covered, NumberFormats, NumberFormatsOptions
from qa.document import Document
from tests.helpers import findings_for

RULE = "number-format"


def check(text: str, **options: object) -> list[tuple[str, str | None]]:
    """(flagged text, suggestion) of each match of the kind, run directly with `options`."""
    matches = NumberFormats().check(Document("example.txt", text), NumberFormatsOptions(**options))
    return [(text[m.start : m.end], m.suggestion) for m in matches]


def test_offsets_count_code_points_in_non_ascii_text() -> None:
    text = "🇪🇸 Zaragoza pagó €2,50 for 3.000 soldiers."
    findings = findings_for(text, RULE)
    assert [(text[f.start : f.end], f.start) for f in findings] == [("2,50", 18), ("3.000", 27)]
    assert findings[0].column == 19


def test_empty_and_blank_documents_have_none() -> None:
    assert check("") == []
    assert check("\n \n") == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("It cost 1500,5 euros.", ("1500,5", "1,500.5")),
        ("It cost 12.345.678,9 euros.", ("12.345.678,9", "12,345,678.9")),
        ("It weighs 1\u00a0234,5 tonnes.", ("1\u00a0234,5", "1,234.5")),
        ("It weighs 12\u202f345\u202f678,25 tonnes.", ("12\u202f345\u202f678,25", "12,345,678.25")),
        ("A 1,5-metre wall and a 1,5m gap.", ("1,5", "1.5")),
        ("Inflation hit 0,5.", ("0,5", "0.5")),
    ],
)
def test_suggestion_is_the_english_form(text: str, expected: tuple[str, str]) -> None:
    assert check(text)[0] == expected


@pytest.mark.parametrize(
    ("text", "reported"),
    [
        ("Some 3.000 soldiers and 2.500 Russian troops arrived.", ["3.000", "2.500"]),
        ("Between 3.000-4.000 people fled, 1.200 families among them.", ["3.000", "4.000", "1.200"]),
        ("The 1.200-km border and 20.000 square metres of land.", ["1.200", "20.000"]),
        ("He earned USD 3.000 and €1.500 a month, or 1.500 million in all.", ["3.000", "1.500", "1.500"]),
        ("Loans of 2,5 billion at 1,25 percent; growth of 3,2 percentage points.", ["2,5", "1,25", "3,2"]),
        ("Losses of 1,5 to 2 million euros, or 0,75–1,25 per cent.", ["1,5", "0,75", "1,25"]),
        ("It was 38,5 °C, or 1,5° above normal; 12.000 ℃ is hot.", ["38,5", "1,5", "12.000"]),
    ],
)
def test_numbers_settled_by_what_follows_are_reported(text: str, reported: list[str]) -> None:
    assert [number for number, _ in check(text)] == reported


@pytest.mark.parametrize(
    "text",
    [
        "The model 3.000 has been released.",
        "The euro traded at 1.135 dollars and 1.125 billion changed hands.",
        "Bonds paid 4.250% and 3.500 per cent.",
        "The readings were 1.000, 2.125 and 3.250.",
        "In 2019,10 million tourists visited; since 2020,15 people left.",
        "Verses 1,2 and 3 were read; coordinates 48,8566 N; scores 1,2,3.",
        "The 1,2-dichloroethane leak and the 2,4-D herbicide.",
        "Flight 5 150,000 passengers; a 9.580 second run.",
        "Call +34 912.345.678, tel. 915.555.123 or 030.123.456; the host is 10.100.200.250.",
        "It happened at 12.30pm on 21.01.2022 after v1.000.000 shipped; the lap was 1:23.450.",
        "Of the 1,500 soldiers, 3.5 million people and 10\u2009000 homes, none remain.",
        "Verses 1,2 and 3; No. 2.350; section 3.000; the yen at 114.250; the 1.000, 2.125 and 3.250 readings.",
        "On March 3,10 people were hurt; rules 48,8 were broken; a 2 100m race; call +7 495 123 45 67.",
        "Verstappen won by 2.256 seconds; she scored 14.833 points and was 2.125 inches short.",
        "She won 2 100m titles; Japan had 974 stations in 2021 and the ratio was 4.721.",
    ],
)
def test_english_look_alikes_are_not_reported(text: str) -> None:
    assert check(text) == []


def test_several_dot_groups_need_no_context() -> None:
    assert check("The census counted 1.234.567, and 47.326.687 in all.") == [
        ("1.234.567", "1,234,567"),
        ("47.326.687", "47,326,687"),
    ]


def test_message_names_the_number_and_its_english_form() -> None:
    (finding,) = findings_for("The city has 1 234,5 hectares.", RULE)
    assert finding.message == (
        "'1 234,5' has spaces between thousands and a decimal comma, the continental European style; "
        "in English write '1,234.5'."
    )
    assert (finding.rule, finding.severity.label) == (RULE, "warning")


def test_custom_word_lists(tmp_path: Path) -> None:
    units = tmp_path / "units.txt"
    units.write_text("parsec\n", encoding="utf-8")
    nouns = tmp_path / "nouns.txt"
    nouns.write_text("goat\n", encoding="utf-8")
    text = "They walked 1.500 parsecs with 3.000 goats, and paid 1.525 euros for 3.000 sheep."
    found = check(text, units_file=str(units), count_nouns_file=str(nouns))
    assert found == [("1.500", "1,500"), ("3.000", "3,000")]


def test_missing_word_list_is_an_option_error(tmp_path: Path) -> None:
    with pytest.raises(OptionError, match="units_file"):
        build_options(NumberFormatsOptions, {"units_file": str(tmp_path / "missing.txt")})


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("By Friday 2.350 were counted.", [("2.350", "2,350")]),
        ("It reached a total of 120.000.", [("120.000", "120,000")]),
        ("New infections rose to 2.713.", [("2.713", "2,713")]),
        ("Some 50.000 LED lights.", [("50.000", "50,000")]),
        ("The ratio was 2.713.", []),
    ],
)
def test_dot_thousands_without_a_noun_after(text: str, expected: list[tuple[str, str]]) -> None:
    assert check(text) == expected


@pytest.mark.parametrize("space", [" ", "\u00a0", "\u202f"])
def test_spaced_thousands_and_percent_with_each_reported_space(space: str) -> None:
    text = f"About 75{space}000 people, or 1{space}234{space}567 in all, and 15{space}% of them."
    assert check(text) == [
        (f"75{space}000", "75,000"),
        (f"1{space}234{space}567", "1,234,567"),
        (f"15{space}%", "15%"),
    ]


def test_the_si_thin_space_and_chosen_spaces() -> None:
    text = "About 75\u2009000 people and 15\u2009% of them; 75 000 others."
    assert check(text) == [("75 000", "75,000")]
    assert check(text, thousands_spaces=("THIN SPACE",)) == [("75\u2009000", "75,000"), ("15\u2009%", "15%")]


def test_a_percent_with_a_decimal_comma_is_one_finding() -> None:
    assert check("Turnout was 49,9\u00a0% in all.") == [("49,9\u00a0%", "49.9%")]


def test_a_decimal_comma_before_any_word_that_is_not_a_function_word() -> None:
    text = "A magnitude 7,5 earthquake, 3,8l of water, 7,5 km/h, and 48,8 were broken."
    assert check(text) == [("7,5", "7.5"), ("3,8", "3.8"), ("7,5", "7.5")]


@pytest.mark.parametrize(
    ("text", "reported"),
    [
        ("Egypt recovered 29.300 artifacts and 5.300 ancient monuments.", ["29.300", "5.300"]),
        ("He ran more than 2.000 yards; hydrogen costs 8.400 won a kilogram.", ["2.000", "8.400"]),
        ("It voted 3.51% (2,755 people) for and 96.49% (75.762) against.", ["75.762"]),
        ("Japan (974) came ahead, but far behind China (4.721).", ["4.721"]),
        ("Adolescents - 144.613, pregnant women - 10.645.", ["144.613", "10.645"]),
        ("Cold air came at an altitude of 5 500m, and the storm broke.", ["5 500"]),
        ("Formula 1 rules 48.12 and 48,8 were broken; 1,5, 2.5 and 3.5 were read.", ["48,8", "1,5"]),
    ],
)
def test_evidence_beyond_the_next_word(text: str, reported: list[str]) -> None:
    """A plural noun, a unit or currency from CLDR, a bracketed figure beside whole ones, the document."""
    assert [number for number, _ in check(text)] == reported


def test_an_unsettled_dot_group_alone_stays_quiet() -> None:
    assert check("Adolescents - 144.613, pregnant mothers - 10.645.") == []


def test_covered_spans_answer_like_a_scan_of_them_all() -> None:
    spans = [(10, 20), (12, 14), (30, 31), (5, 40), (50, 60)]
    covered = Covered(spans)
    for offset in range(-1, 70):
        assert (offset in covered) == any(start <= offset < end for start, end in spans)


@pytest.mark.parametrize(
    "text", ["7", "a7 b8", "1.5 x,2 :3 /4 +5", "٣4 12", "x 12 ", "\n3", "9 000 10 000", "3 15 % 1 234,5"]
)
def test_the_character_before_a_number_is_read_after_its_first_digit(text: str) -> None:
    """The look-behind sits after the first digit, for speed: it must see what one before the number sees."""
    before_number = re.compile(r"(?<![\w.,:/])\d+(?:[.,]\d+)*")
    assert [m.span() for m in NUMBER.finditer(text)] == [m.span() for m in before_number.finditer(text)]
