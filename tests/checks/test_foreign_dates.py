"""foreign-date: source-language months and weekdays in English dates."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from qa.checks.foreign_dates import (
    DEFAULT_LOCALES,
    NUMERIC_DATE,
    ForeignDates,
    ForeignDatesOptions,
    date_names,
)
from qa.document import Document
from tests.helpers import findings_for, flagged

RULE = "foreign-date"
SEEDS = Path(__file__).resolve().parents[2] / "seeds"

ENGLISH_DATES = """\
GENEVA, 21 Jan 2022 12:55 GMT (Reuters) - Talks between the two ministers, first set for
Monday 17 January, were moved to Friday, January 21, 2022, officials said on Thursday. The
next round could come in February or early March, or by Feb. 28 at the latest; a summit on
May 3, 2022 was also floated. "May may not be the right month," one diplomat said.

The previous meeting, on the 10th of January, lasted seven hours. Another took place on
Wed 12 Jan and a third on Thu. 13 Jan. 2022 in Vienna. NATO answered on 26 January 2022,
and Moscow replied on 17 Feb 2022, after 21 days. By Sept. 5, 2022, and again on
Oct 1st, the two sides had traded 12 letters. Blinken was in Kyiv on 19 Jan and in Berlin
on 20 Jan; he returned to Washington on Saturday, 22 January.

Mayo beat Kerry in June 2021, and NASA's Mars 2020 rover landed on 18 February 2021; Gen.
Mark Milley spoke on Dec 5 and again on Mar 3, 2023. The 2022-23 season ends on 30 April.
On 1 April 2022, 3 set points were saved; on 2 August 2022, 5 TEM images were published.
A decade ago. 2022 changed that. From Jan-Mar 2022, exports rose 21 percent; on 31 Dec
2022 they fell again. Parliament sits from Tuesday 4 October to Thursday 15 December 2022.
The deadline is 11:59 p.m. on November 30, and the vote is on 8 Nov. 2022, a Tuesday.
Polls close at 8 p.m. on Sunday, 6 November; results are due Monday 7 November 2022.

In Buenos Aires, crowds gathered on Avenida 9 de Julio on 25 May, Revolution Day, and in
Lisbon on the Ponte 25 de Abril on 25 April 2022. Marco, 21, and Julio, 19, were detained
on Saturday 28 May; Avril, 34, on Sun, 29 May. The fine was NIS 21 million. Samsung's Gen 5
chip ships on 1 June 2022, and the Mayo Clinic study, published 14 July 2022, covered 2 out
of 3 patients. The 3 OTT platforms report by 31 August. Results: Mayo 2-17 Kerry 1-14.
"""


def check(text: str, **options: object) -> list[tuple[str, str | None]]:
    """Flagged text and suggestion from the kind itself, for option combinations the rule does not use."""
    found = ForeignDates().check(Document("test.txt", text), ForeignDatesOptions(**options))
    return [(text[m.start : m.end], m.suggestion) for m in found]


def test_seed_dateline_is_the_only_finding_in_the_seeds() -> None:
    texts = [path.read_text(encoding="utf-8") for path in sorted(SEEDS.glob("*.txt"))]
    findings = findings_for(texts, RULE)
    assert [(f.path, f.excerpt, f.suggestion) for f in findings] == [
        ("example-0.txt", "21 ene 2022 12:55 GMT", "21 Jan 2022")
    ]
    assert texts[0][findings[0].start : findings[0].end] == "21 ene 2022"
    assert findings[0].message == "Spanish month 'ene' (January) in an English date"


def test_english_text_full_of_dates_is_clean() -> None:
    assert len(ENGLISH_DATES) > 1800
    assert findings_for(ENGLISH_DATES, RULE) == []


def test_lookup_is_built_once_for_many_documents() -> None:
    date_names.cache_clear()
    findings = findings_for(["21 ene 2022", "3 janv. 2023", "No date here."], RULE)
    assert len(findings) == 2
    info = date_names.cache_info()
    assert (info.misses, info.hits) == (1, 3)  # prepared once per run, then looked up per document


def test_offsets_are_code_points_after_non_ascii_text() -> None:
    text = "«Ça va» — 😀 القاهرة، الجمعة، 21 يناير 2022\nLater: 5 февраля 2022."
    findings = findings_for(text, RULE)
    assert [text[f.start : f.end] for f in findings] == ["الجمعة، 21 يناير 2022", "5 февраля 2022"]
    assert [f.suggestion for f in findings] == ["Friday, 21 January 2022", "5 February 2022"]
    assert (findings[1].line, findings[1].column) == (2, 8)


def test_empty_and_blank_input() -> None:
    assert findings_for("", RULE) == []
    assert findings_for("\n\n  \n", RULE) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Signed 15 Marz 2021 in Bonn.", ("15 Marz 2021", "15 March 2021")),  # accents dropped
        ("Istanbul, 5 Kasim 2022.", ("5 Kasim 2022", "5 November 2022")),  # dotless ı typed as i
        ("Porto, sexta-feira, 4 de março.", ("sexta-feira, 4 de março", "Friday, 4 March")),
        ("Paris, lun. 3 janv. 2023.", ("lun. 3 janv. 2023", "Mon 3 Jan 2023")),
        ("Warsaw, 5 stycznia 2022.", ("5 stycznia 2022", "5 January 2022")),
        ("Amsterdam, 12 maart 2022.", ("12 maart 2022", "12 March 2022")),
        ("Paris, 1er janvier 2022.", ("1er janvier 2022", "1 January 2022")),
        ("Madrid, 21 ENE 2022.", ("21 ENE 2022", "21 Jan 2022")),
        ("The law passed on 4 juin.", ("4 juin", "4 June")),
        ("Prices since enero 2022 rose.", ("enero 2022", "January 2022")),
    ],
)
def test_flags_the_whole_date_and_rewrites_it(text: str, expected: tuple[str, str]) -> None:
    findings = findings_for(text, RULE)
    assert [(text[f.start : f.end], f.suggestion) for f in findings] == [expected]


@pytest.mark.parametrize(
    "text",
    [
        "Mars was visible on 21 Mars nights.",  # weak name, no year
        "The Mars 2020 team met on 3 May.",
        "Plaza 25 de Mayo was full.",  # a square: capitalised where Spanish writes lowercase
        "Via 4 Novembre is closed.",
        "21 ago the record was set",  # short ASCII name without a full date
        "Winds ENE 15 knots, gusting to 25.",
        "See page 21\njanvier: the programme.",  # a date does not run over a line break
        "Version 2.21 janvier",
        "At 12:25 janvier began.",  # a time is not a day
        "lunes and martes are weekdays; 21 lunes later.",  # weekdays alone are never dates
    ],
)
def test_does_not_flag(text: str) -> None:
    assert flagged(text, RULE) == []


def test_weekday_of_another_language_is_left_out_of_the_date() -> None:
    text = "So 21 de enero de 2022 was the day."
    findings = findings_for(text, RULE)
    assert [text[f.start : f.end] for f in findings] == ["21 de enero de 2022"]
    assert findings[0].message == "Spanish month 'enero' (January) in an English date"


def test_message_names_every_language_the_name_may_belong_to() -> None:
    (finding,) = findings_for("Lisbon, 3 ago 2022.", RULE)
    assert finding.message == "Spanish, Italian or Portuguese month 'ago' (August) in an English date"
    (finding,) = findings_for("Roma, dom 4 dic 2022.", RULE)
    assert finding.message == (
        "Spanish or Italian weekday 'dom' (Sunday) and month 'dic' (December) in an English date"
    )
    assert finding.suggestion == "Sun 4 Dec 2022"


def test_locales_option_limits_the_languages() -> None:
    assert check("Madrid, 21 enero 2022; Paris, 3 janvier 2023.", locales=("fr",)) == [
        ("3 janvier 2023", "3 January 2023")
    ]


def test_lookalikes_option_makes_a_name_need_a_full_date() -> None:
    text = "They ate 21 mars bars and met again on 3 mars 2022."
    assert check(text) == [("21 mars", "21 March"), ("3 mars 2022", "3 March 2022")]
    assert check(text, lookalikes=("Mars",)) == [("3 mars 2022", "3 March 2022")]


def test_a_date_word_before_a_lookalike_makes_it_a_date() -> None:
    assert check("They met on 24 juli and in Juli 2022.", lookalikes=("juli",)) == [
        ("24 juli", "24 July"),
        ("Juli 2022", "July 2022"),
    ]
    assert check("Juli 2022 was her best year; 3 set points.", lookalikes=("juli",)) == []


def test_names_of_several_words_are_read_whole() -> None:
    """Levantine Arabic "كانون الثاني" (January) is two words; its first word alone is no month."""
    assert check("Damascus, 3 شباط 2022.", locales=("ar_SY",)) == [("3 شباط 2022", "3 February 2022")]
    assert check("Damascus, 3 كانون الثاني 2022.", locales=("ar_SY",)) == [
        ("3 كانون الثاني 2022", "3 January 2022")
    ]
    assert check("Damascus, 3 كانون 2022.", locales=("ar_SY",)) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The court sits on Dienstag.", ("Dienstag", "Tuesday")),
        ("Results came on Çarşamba, officials said.", ("Çarşamba", "Wednesday")),
        ("It opened on 木曜日.", ("木曜日", "Thursday")),
        ("Mercredi 14/03/2018, the talks ended.", ("Mercredi 14/03/2018", None)),
        ("Harvest starts in late juni.", ("juni", "June")),
        ("Prices rose a mediados de marzo.", ("marzo", "March")),
        ("It was signed on 12/octubre/2020 in Lima.", ("12/octubre/2020", "12 October 2020")),
        ("It took effect on 5 de Março.", ("5 de Março", "5 March")),
        ("The law passed on 3. Oktober.", ("3. Oktober", "3 October")),
        ("The law passed on 14. November.", ("14. November", "14 November")),
        ("Berlin, Montag, 2. August 2021.", ("Montag, 2. August 2021", "Monday, 2 August 2021")),
        ("Het was op zaterdag 6 november 2021.", ("zaterdag 6 november 2021", "Saturday 6 November 2021")),
        ("Tokyo, 2022年1月27日木曜日.", ("2022年1月27日木曜日", "Thursday 27 January 2022")),
        ("It closed on 5月20日.", ("5月20日", "20 May")),
        ("Seoul, 2022년 1월 27일.", ("2022년 1월 27일", "27 January 2022")),
        ("Signed on 17-septembre-2022.", ("17-septembre-2022", "17 September 2022")),
        ("Signed on 20 Maart.", ("20 Maart", "20 March")),
        ("Signed on 19 Augustus.", ("19 Augustus", "19 August")),
        ("Growth slowed in late Mai.", ("Mai", "May")),
        ("Sales fell in november 2022.", ("november 2022", "November 2022")),
        ("Sales fell in maj 2022.", ("maj 2022", "May 2022")),
        ("Talks ended on 17 mei.", ("17 mei", "17 May")),
        ("The vote was on 20 december in Brussels.", ("20 december", "20 December")),
        ("Paris, 28 oct. 2022 12:55 GMT", ("28 oct. 2022", "28 Oct 2022")),
    ],
)
def test_recall_shapes_of_issue_12(text: str, expected: tuple[str, str | None]) -> None:
    assert check(text, lookalikes=("juli", "juni", "marzo")) == [expected]


@pytest.mark.parametrize(
    ("text", "severity", "suggestion"),
    [
        ("Filed on 17/09/2019 in Leeds.", "info", "17 September 2019"),  # British English writes it too
        ("Filed on 30.04.2021 in Graz.", "warning", "30 April 2021"),
        ("Filed on 15-06-22 in Utrecht.", "warning", None),  # which century: no rewrite
    ],
)
def test_day_first_numeric_dates_are_a_style_point(text: str, severity: str, suggestion: str | None) -> None:
    (finding,) = findings_for(text, RULE)
    assert (finding.severity.name.lower(), finding.suggestion) == (severity, suggestion)


@pytest.mark.parametrize(
    "text",
    [
        "In May 2022, April and mar were quiet; March 3, Sat., Jan. 21 and 21 Jan 2022 too.",
        "Meet the 17/09 deadline; the score was 21-13 and version 13.04.2 shipped on 05/03/2022.",
        "Agenda:\n3. The next point\n2. November elections",
        "Placido Domingo sang on Sunday; Mardi Gras fell on Tuesday, and the talks resumed in Mayo.",
        "She met Juli on Friday, then went to Mars' orbit in Mars 2020 images.",
        "Crowds filled Avenida 9 de Julio on 25 May.",
        "The rally on 3 Maja Street drew 5,000 people.",
        "On 3 march the troops left; the 20 august members and 14 mar votes followed.",
    ],
)
def test_english_and_names_stay_quiet(text: str) -> None:
    assert flagged(text, RULE) == []


def test_a_lowercase_english_spelled_month_names_its_language_and_the_slip() -> None:
    (finding,) = findings_for("Sales fell on 22 november 2021.", RULE)
    assert finding.message == (
        "Dutch date form '22 november 2021' in an English date, where English capitalises the month"
    )


def test_unknown_locale_is_a_clear_error() -> None:
    with pytest.raises(ValueError, match="option 'locales': 'xx' is not a locale code Babel knows"):
        check("21 ene 2022", locales=("es", "xx"))


def test_numeric_month_dates_found_in_stretches_are_those_of_a_search_of_the_whole_text() -> None:
    """Each pattern is tried only around the marks; it must find what a pass over the whole text finds."""
    pieces = [
        "2022年1月27日",
        "1月27日(木)",
        "2022年1月27日木曜日",
        "2022년 1월 27일",
        "2022년\n 1월  5일 (목)",
        "12022年1月2日",
        "2022年13月1日",
        "1 月 2 日",
        "星期一",
        "年",
        "日",
        " 12 ",
        "x",
        "字",
        "\n\n",
        "   ",
    ]
    text = "".join(pieces[(index * 7) % len(pieces)] + ("a" * (index % 300)) for index in range(600))
    names = date_names(DEFAULT_LOCALES)
    whole = sorted(
        (found.span(), pattern.locale)
        for pattern in names.numeric_patterns
        for found in pattern.regex.finditer(text)
    )
    stretched = sorted(
        (found.span(), pattern.locale)
        for pattern in names.numeric_patterns
        for start, end in names.mark_stretches.find(text)
        for found in pattern.regex.finditer(text, start, end)
    )
    assert len(whole) > 100
    assert stretched == whole


def test_stretches_are_the_runs_of_date_characters_around_marks_and_close_ones_are_one() -> None:
    stretches = date_names(DEFAULT_LOCALES).mark_stretches
    text = "On 2022年1月27日 and in " + "x" * 300 + " 5月 then 年."
    assert [text[start:end] for start, end in stretches.find(text)] == [" 2022年1月27日 ", " 5月 then 年"]
    assert list(stretches.find("No marks at all in 2022.")) == []


@pytest.mark.parametrize(
    "text", ["17/09/2019", "a17/09/2019", "1.17/09/2019", "٣17/09/2019", "x 31-12-22", "\n13.1.2020"]
)
def test_day_first_numeric_date_reads_the_character_before_the_day(text: str) -> None:
    """The look-behind sits after the day, for speed: it must see what a look-behind before the day sees."""
    before_day = re.compile(r"(?<![\w.,/:-])" + NUMERIC_DATE.pattern.replace(r"(?<![\w.,/:-]..)", ""))
    assert [m.span() for m in NUMERIC_DATE.finditer(text)] == [m.span() for m in before_day.finditer(text)]
