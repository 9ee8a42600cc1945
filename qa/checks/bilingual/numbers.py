"""A number of the source that the translation drops or changes ("3.500" -> "3,000").

Engines lose a magnitude ("2,5 млн" -> "2.5"), misread a locale's marks (Russian "3 000"
and Spanish "3.000" are three thousand, "1,5" is one and a half), or simply write another
figure; each reads as a fine English sentence. Numbers are therefore compared by value,
never by spelling. A source number is read with its locale's CLDR decimal and group marks
(through Babel); where the locale groups with a space, the dot and the comma are read both
ways ("3.000" in Russian is 3,000 or 3). A magnitude word after it counts ("25 тысяч", from
`number_words_file`), and so do CJK magnitudes ("1万5000", "1.5万", "三万"), full-width
digits, the Japanese decimal dot ("1・5") and tenth ("3割" is 30%), and Japanese era years
("令和3年" is 2021). A time is its hour on either clock ("15:00" is 3 p.m.), a percentage may
be a fraction ("25%" is "a quarter"), two digits may be a year ("22年度", "2021/22", "90-х").
The translation's numbers are read as English writes them and as continental copy does
(the number-format rule reports that form), with magnitudes ("2.5 million"), in Roman
numerals ("World War II") and in words: cardinals, ordinals and words of count ("three",
"twenty-first", "a dozen", "twice", "both", "an hour and a half"). A source number is kept
when any of its readings is any of the translation's values; one is not a number the check
asks for ("1人" is "a person").

Left alone, because they are legitimately not carried over or belong to another rule:
numbers inside the source's dates (the date rule's, see qa.checks.bilingual.dates), list
numbering at the start of a segment, numbers inside web addresses, and a year that the
translation says in words ("this year"). A lost number is reported on the translation's
figure that most likely replaced it (one no source number explains, in the same place), or
on the whole segment when there is none.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from itertools import pairwise
from typing import ClassVar

from qa.bilingual import Segment
from qa.checks.base import data_file, option, word_list
from qa.checks.bilingual import FULL_WIDTH, nearest, source_language, translated_segments
from qa.checks.bilingual.codes import markup_spans
from qa.checks.bilingual.dates import date_spans, english_dates
from qa.document import Document
from qa.findings import Match

SPACES = " \u00a0\u202f"
NUMBER = re.compile(rf"(?<![\d.,])\d+(?:(?:[.,]|[{SPACES}](?=\d{{3}}(?![\d.,]\d)))\d+)*")
"""Digits with the marks between them that may group or split them: "3 000", "1.234,5", "1,5"."""
TIME = re.compile(
    r"(?<![\d.,:])(?P<hour>[01]?\d|2[0-3])(?P<mark>[:.])(?P<minute>[0-5]\d)(?![\d:]|[.,]\d)"
    r"|(?<![\d.,])(?P<cjk_hour>[01]?\d|2[0-3])時(?:(?P<cjk_minute>[0-5]?\d)分)?"
)
"""A time of day: "15:00", "19.30" (also a decimal), "0時31分"."""
TENTHS = re.compile(r"(?<=\d)割")
"""The Japanese tenth: "3割" is 30 percent."""
PERCENT = re.compile(r"[\s\u00a0\u202f]?%")
ROMAN = re.compile(r"\b(?=[MDCLXVI])M{0,3}(?:CM|CD|D?C{0,3})(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3})\b")
"""A Roman numeral ("World War II", "Louis XIV"); the pronoun "I" is left out by the caller."""
ROMAN_VALUES = {"M": 1000, "D": 500, "C": 100, "L": 50, "X": 10, "V": 5, "I": 1}
HALF_MORE = re.compile(r"\band a half\b", re.IGNORECASE)
"""What adds a half to a number: "an hour and a half", "two and a half years"."""
CJK_DECIMAL_POINT = re.compile(r"(?<=\d)・(?=\d)")
"""The middle dot a Japanese decimal may be written with: "1・5メートル"."""
CJK_DIGITS = "〇一二三四五六七八九"
CJK_UNITS = {
    "十": 10,
    "百": 100,
    "千": 1000,
    "万": 10**4,
    "萬": 10**4,
    "億": 10**8,
    "亿": 10**8,
    "兆": 10**12,
}
CJK_BIG_UNITS = "万萬億亿兆"
CJK_NUMBER = re.compile(
    rf"(?<![0-9.,{CJK_DIGITS}十百千])[0-9{CJK_DIGITS}十百千万萬億亿兆.,]*[{CJK_BIG_UNITS}千][0-9{CJK_DIGITS}十百千万萬億亿兆]*"
)
"""A number written with CJK magnitudes: "1万5000", "1.5万", "3千", "三万", "100億"."""
VAGUE_BEFORE = frozenset("数何幾")
MANTISSA = re.compile(r"[0-9.]+")
RANGE_JOINT = re.compile(r"\s*[-–—~～〜]\s*|\s+[^\W\d_]{1,3}\s+")
"""What joins the two ends of a range: a dash, a tilde, a short word ("до", "to", "a")."""
ERA_YEAR = re.compile(r"(?P<era>令和|平成|昭和)(?P<year>\d{1,2})年")
ERAS = {"令和": 2018, "平成": 1988, "昭和": 1925}
"""Japanese eras by the year before their first: 令和3年 is 2021."""
SHORT_YEAR = re.compile(r"\d{2}(?=年)")
"""A two-digit year before the year mark ("22年度", fiscal 2022)."""
DECADE = re.compile(r"[1-9]0(?=-[^\W\d_]|年代)")
"""Two digits that name a decade: "20-х", "90-е", "90年代"."""
SEASON_START = re.compile(r"(?<!\d)(?P<century>1[89]|20)\d\d[-–/]\Z")
"""A year before a dash or slash, which makes the two digits after it a year: "2021/22", "2022-23"."""
LIST_NUMBER = re.compile(r"\s*\d{1,2}[.)](?!\d)")
WEB_ADDRESS = re.compile(r"\S*(?:://|www\.|@)\S*")
ENGLISH_NUMBER = re.compile(r"(?<!\d)\d+(?:[.,]\d+)*")
WORD = re.compile(r"[^\W\d_]+")
RUN_JOINT = re.compile(r"[\s-]+")
"""What joins the words of a number in words: "twenty-one", "two hundred"; a comma ends it."""
AND_JOINT = re.compile(r"\s+and\s+")
MULTIPLIERS = frozenset({"hundred", "dozen"})
"""Words that multiply the number before them ("two hundred", "a dozen") instead of adding to it."""
MAGNITUDE_AFTER = re.compile(rf"[{SPACES}]?-?(?P<word>[^\W\d_]+)\.?")
YEARS = (1900, 2100)
SAID_YEAR = re.compile(
    r"\b(?:this|last|next|that|the same|the previous|the following|the current|the past|the coming)"
    r"\s+year\b|\byear\s+(?:ago|earlier|before)\b",
    re.IGNORECASE,
)
DECIMALS = 9
"""Significant digits a value is compared to: enough for any figure, few enough that 2.5 * 10**6 is 2500000."""


@dataclass(frozen=True, kw_only=True)
class SourceNumbersOptions:
    number_words_file: str | None = option(
        None,
        'Number words, "<language> <word> <value>": the English words read as numbers ("twenty", '
        '"dozen", "million") and each source language\'s magnitudes ("млн"); None for the built-in list.',
    )
    ignore_values: tuple[float, ...] = option(
        (1.0,), 'Values never reported missing: "1" is also "a", "an", "single", "a person".'
    )


@dataclass(frozen=True, slots=True)
class Quantity:
    """A number as written, where, and every value it may mean (the likeliest first)."""

    start: int
    end: int
    values: tuple[float, ...]
    scale: float = 1
    """The magnitude written after the digits ("млн", "万"): 1 when there is none."""

    @property
    def value(self) -> float:
        return self.values[0]


@dataclass(frozen=True)
class NumberWords:
    """The words of the number list: English words by value, and magnitudes by language."""

    english: Mapping[str, float]
    magnitudes: Mapping[str, Mapping[str, float]]


class SourceNumbers:
    """A number of the source that the translation drops or changes."""

    name: ClassVar[str] = "source_numbers"
    Options: ClassVar[type] = SourceNumbersOptions
    fixable: ClassVar[str] = "never"

    def prepare(self, options: SourceNumbersOptions) -> None:
        number_words(options.number_words_file)

    def check(self, doc: Document, options: SourceNumbersOptions) -> Iterator[Match]:
        language = source_language(doc)
        if language is None or language == "en":
            return
        words = number_words(options.number_words_file)
        marks = number_marks(language)
        ignored = {_key(value) for value in options.ignore_values}
        for segment in translated_segments(doc):
            quantities = source_quantities(segment.source, language, marks, words)
            if not quantities:
                continue
            found = target_quantities(segment.target, words)
            for start, end, message, source_span in _differences(segment, quantities, found, ignored):
                yield Match(segment.start + start, segment.start + end, message, source_span=source_span)


def _differences(
    segment: Segment, quantities: Sequence[Quantity], found: Sequence[TargetQuantity], ignored: set[str]
) -> Iterator[tuple[int, int, str, tuple[int, int]]]:
    """(start, end in the target, message, span in the source) of each source number the target lacks."""
    source, target = segment.source, segment.target
    have = {_key(value) for quantity in found for value in quantity.values}
    missing = [
        q
        for q in quantities
        if not any(_key(value) in have or _key(value) in ignored for value in q.values)
        and not (_is_year(q) and SAID_YEAR.search(target))
    ]
    if not missing:
        return
    wanted = {_key(value) for q in quantities for value in q.values}
    in_dates = Spans(len(target))
    in_dates.cover([(d.start, d.end) for d in english_dates(target) if d.day or d.year])
    unexplained = [
        q
        for q in found
        if q.digits and not any(_key(value) in wanted for value in q.values) and q.start not in in_dates
    ]
    for quantity in missing:
        written = source[quantity.start : quantity.end]
        replaced = nearest(unexplained, quantity.start / max(len(source), 1), len(target))
        if replaced is not None:
            unexplained.remove(replaced)
            message = (
                f"'{written}' in the source is {_spelled(quantity.value, written)}; "
                f"the translation has {target[replaced.start : replaced.end]}"
            )
            yield replaced.start, replaced.end, message, (quantity.start, quantity.end)
        else:
            message = f"'{written}' in the source ({_spelled(quantity.value, written)}) is missing from the translation"
            yield 0, len(target), message, (quantity.start, quantity.end)


def _is_year(quantity: Quantity) -> bool:
    return any(YEARS[0] <= value <= YEARS[1] and value == int(value) for value in quantity.values)


def _key(value: float) -> str:
    return f"{abs(value):.{DECIMALS}g}"


def _spelled(value: float, written: str) -> str:
    """The value in English digits: "3 500" as "3,500", "2,5" as "2.5", but "2011" as 2011."""
    if value == int(value):
        return str(int(value)) if written.isdigit() else f"{int(value):,}"
    return f"{value:,.6f}".rstrip("0")


# The source


@cache
def number_marks(language: str) -> tuple[str, str]:
    """The locale's decimal and group marks from CLDR ("," and a no-break space in Russian)."""
    from babel import UnknownLocaleError
    from babel.numbers import get_decimal_symbol, get_group_symbol

    try:
        return get_decimal_symbol(language), get_group_symbol(language)
    except (UnknownLocaleError, ValueError):
        return ".", ","


def source_quantities(text: str, language: str, marks: tuple[str, str], words: NumberWords) -> list[Quantity]:
    """The numbers of a source text that the translation should carry, in order."""
    text = CJK_DECIMAL_POINT.sub(".", text.translate(FULL_WIDTH))
    listed = LIST_NUMBER.match(text)
    skipped = Spans(len(text))
    listed_span = [listed.span()] if listed else []
    skipped.cover([*date_spans(text, language), *_web_addresses(text), *markup_spans(text), *listed_span])
    magnitudes = words.magnitudes.get(language, {})
    found: list[Quantity] = []
    for quantity in [*_cjk_quantities(text), *_era_years(text), *_times(text)]:
        if quantity.start not in skipped:
            found.append(quantity)
            skipped.cover([(quantity.start, quantity.end)])
    for number in NUMBER.finditer(text):
        if number.start() in skipped:
            continue
        for start, end, values in _readings(number, marks):
            scale, end = _magnitude_after(text, end, magnitudes) or (1, end)
            values = tuple(value * scale for value in values)
            if TENTHS.match(text, end):
                values = (*values, *(value * 10 for value in values))
            elif PERCENT.match(text, end):
                values = (*values, *(value / 100 for value in values))  # "25%" is "a quarter"
            found.append(Quantity(start, end, values + _as_year(text, start, values), scale))
    return _shared_magnitudes(text, sorted(found, key=lambda q: q.start))


def _shared_magnitudes(text: str, found: list[Quantity]) -> list[Quantity]:
    """The first number of a range may mean the magnitude written after the second: "2-3 млн",
    "от 2 до 3 млн", "2～3万" are two to three million (ten thousand)."""
    shared = list(found)
    for index, (first, second) in enumerate(pairwise(found)):
        if first.scale == 1 and second.scale != 1 and RANGE_JOINT.fullmatch(text, first.end, second.start):
            values = (*first.values, *(value * second.scale for value in first.values))
            shared[index] = Quantity(first.start, first.end, values)
    return shared


class Spans:
    """The offsets of a text that spans cover, each looked up at once, however many spans there are."""

    def __init__(self, length: int) -> None:
        self._covered = bytearray(length)

    def cover(self, spans: Sequence[tuple[int, int]]) -> None:
        for start, end in spans:
            self._covered[start:end] = b"\x01" * (end - start)

    def __contains__(self, offset: int) -> bool:
        return bool(self._covered[offset])


def _web_addresses(text: str) -> list[tuple[int, int]]:
    return [(found.start(), found.end()) for found in WEB_ADDRESS.finditer(text)]


def _readings(number: re.Match[str], marks: tuple[str, str]) -> Iterator[tuple[int, int, tuple[float, ...]]]:
    """(start, end, values) of a source number read with the locale's marks; a run that is no
    number in any reading ("1,2,3") is its parts."""
    written = number.group()
    values = _values(written, marks, both_ways=marks[1].isspace())
    if values:
        yield number.start(), number.end(), values
        return
    for part in re.finditer(r"\d+", written):
        yield number.start() + part.start(), number.start() + part.end(), (float(part.group()),)


def _values(written: str, marks: tuple[str, str], both_ways: bool) -> tuple[float, ...]:
    """The values a number may have, the locale's reading first. With `both_ways`, the mark the
    locale does not use is read both as decimal and as group: Russian "3.000" is 3000 or 3.
    Without it, the other reading is tried only when the locale's fails (Japanese "1,5")."""
    decimal, group = marks
    if not re.search(r"\D", written):
        return (float(written),)
    other = "," if decimal == "." else "."
    groups = {group} | (set(SPACES) if group.isspace() else set())
    local = _read(written, decimal, groups | ({other} if both_ways else set()))
    if local is not None and not both_ways:
        return (local,)
    alternative = _read(written, other, (groups - {other}) | {decimal})
    return tuple(dict.fromkeys(value for value in (local, alternative) if value is not None))


def _read(written: str, decimal: str, groups: set[str]) -> float | None:
    """The number with one decimal mark and the group marks given; None if it is not so written."""
    whole, _, fraction = written.partition(decimal) if decimal in written else (written, "", "")
    if decimal in fraction or re.search(r"\D", fraction):
        return None
    parts = re.split(r"\D", whole)
    if any(char not in groups for char in re.findall(r"\D", whole)):
        return None
    if len(parts) > 1 and (not 1 <= len(parts[0]) <= 3 or any(len(part) != 3 for part in parts[1:])):
        return None
    return float("".join(parts) + ("." + fraction if fraction else ""))


def _magnitude_after(text: str, end: int, magnitudes: Mapping[str, float]) -> tuple[float, int] | None:
    """The magnitude a word after a number gives it, and where the word ends: "25 тыс." is 25,000."""
    found = MAGNITUDE_AFTER.match(text, end)
    scale = magnitudes.get(found["word"].casefold()) if found else None
    return (scale, found.end()) if scale else None


def _as_year(text: str, start: int, values: tuple[float, ...]) -> tuple[float, ...]:
    """The years a two-digit number may stand for: the second of a season ("2021/22"), a year
    before the year mark ("22年度", fiscal 2022), a decade ("20-х", the 1920s)."""
    value = values[0]
    if not (0 <= value < 100 and value == int(value)):
        return ()
    season = SEASON_START.search(text, max(0, start - 5), start)
    if season:
        return (int(season["century"]) * 100 + value,)
    if SHORT_YEAR.match(text, start):
        return (2000 + value,)
    return (1900 + value, 2000 + value) if DECADE.match(text, start) else ()


def _cjk_quantities(text: str) -> Iterator[Quantity]:
    """Numbers with CJK magnitudes: "1万5000" (15,000), "1.5万", "3億5千万"; of digits alone only
    those with a magnitude of ten thousand or more ("三万"), as "十分" (enough) is no number."""
    for found in CJK_NUMBER.finditer(text):
        written = found.group()
        if not any(char.isascii() for char in written):
            if written[0] not in CJK_DIGITS[1:] or not any(char in CJK_BIG_UNITS for char in written):
                continue
            if text[found.start() - 1 : found.start()] in VAGUE_BEFORE:
                continue  # "数万" is "tens of thousands"
        value = _cjk_value(written)
        if value is not None:
            unit = CJK_UNITS.get(written[-1], 1) if MANTISSA.fullmatch(written[:-1]) else 1
            yield Quantity(found.start(), found.end(), (value,), unit)


def _cjk_value(written: str) -> float | None:
    total = section = 0.0
    current: float | None = None
    for token in re.findall(rf"[0-9][0-9.,]*|[{CJK_DIGITS}]|.", written):
        if token[0].isdigit() and token[0].isascii():
            try:
                current = float(token.replace(",", ""))
            except ValueError:
                return None
        elif token in CJK_DIGITS:
            current = (current or 0) * 10 + CJK_DIGITS.index(token)
        elif token in CJK_BIG_UNITS:
            total += (section + (current or 0) or 1) * CJK_UNITS[token]
            section, current = 0.0, None
        elif token in CJK_UNITS:
            section += (current if current is not None else 1) * CJK_UNITS[token]
            current = None
        else:
            return None
    return total + section + (current or 0)


def _era_years(text: str) -> Iterator[Quantity]:
    for found in ERA_YEAR.finditer(text):
        year = int(found["year"])
        yield Quantity(found.start("year"), found.end("year"), (ERAS[found["era"]] + year, year))


def _times(text: str) -> Iterator[Quantity]:
    """A time of day ("15:00", "午後3時") is its hour on either clock; its minutes go with it.
    "19.30" may be a decimal too."""
    for found in TIME.finditer(text):
        hour = int(found["hour"] or found["cjk_hour"])
        readings = [float(hour), float(hour % 12 or 12), float(hour + 12)]
        if found["mark"] == ".":
            readings.append(float(found.group()))
        yield Quantity(found.start(), found.end(), tuple(dict.fromkeys(readings)))


# The translation


@dataclass(frozen=True, slots=True)
class TargetQuantity:
    start: int
    end: int
    values: tuple[float, ...]
    digits: bool
    """Written in digits, so that it may be the figure that replaced a source number."""


def target_quantities(text: str, words: NumberWords) -> list[TargetQuantity]:
    """Every number of an English text: in digits, read both as English and as continental
    copy writes it, with a magnitude after it ("2.5 million"), and in words ("twenty-one");
    with "and a half", each number a half more ("an hour and a half" is 1.5)."""
    found = []
    markup = Spans(len(text))
    markup.cover(markup_spans(text))
    for number in ENGLISH_NUMBER.finditer(text):
        if number.start() in markup:
            continue
        values = _values(number.group(), (".", ","), both_ways=True) or tuple(
            float(part) for part in re.findall(r"\d+", number.group())
        )
        word = MAGNITUDE_AFTER.match(text, number.end())
        scale = words.english.get(word["word"].casefold()) if word else None
        end = number.end()
        if word and scale and scale >= 1000:
            values, end = values + tuple(value * scale for value in values), word.end("word")
        if number.end() - number.start() == 2:
            values = values + _as_year(text, number.start(), values)
        found.append(TargetQuantity(number.start(), end, values, True))
    found.extend(_spelled_numbers(text, words.english))
    found.extend(_roman_numbers(text))
    if HALF_MORE.search(text):
        halves = tuple(value + 0.5 for quantity in found for value in quantity.values if value >= 1)
        found.append(TargetQuantity(0, 0, (*halves, 1.5), False))
    return found


def _roman_numbers(text: str) -> Iterator[TargetQuantity]:
    """Roman numerals of two letters or more, or "V" and "X" ("World War II", "Vol. V")."""
    for found in ROMAN.finditer(text):
        written = found.group()
        if len(written) > 1 or written in ("V", "X"):
            yield TargetQuantity(found.start(), found.end(), (float(_roman_value(written)),), False)


def _roman_value(written: str) -> int:
    values = [ROMAN_VALUES[letter] for letter in written]
    return sum(-value if value < after else value for value, after in zip(values, [*values[1:], 0]))


def _spelled_numbers(text: str, english: Mapping[str, float]) -> Iterator[TargetQuantity]:
    """Numbers in words: each word's own value, and a run's total ("two hundred and five",
    "twenty-one", "a dozen"); "five-year-old" is five."""
    run: list[tuple[str, float]] = []
    run_start = run_end = 0
    for word in WORD.finditer(text):
        spelling = word.group().casefold()
        value = english.get(spelling)
        if spelling == "and" and run and run[-1][1] >= 100:
            continue  # "two hundred and five"
        if value is None or (run and not _joined(text[run_end : word.start()], run[-1][1])):
            if run:
                yield TargetQuantity(run_start, run_end, _run_values(run), False)
            run = []
            if value is None:
                continue
        if not run:
            run_start = word.start()
        run.append((spelling, value))
        run_end = word.end()
    if run:
        yield TargetQuantity(run_start, run_end, _run_values(run), False)


def _joined(between: str, last: float) -> bool:
    """Whether two number words make one number: "twenty-one", "two hundred and five", not "two, three"."""
    return bool(RUN_JOINT.fullmatch(between) or (last >= 100 and AND_JOINT.fullmatch(between)))


def _run_values(run: Sequence[tuple[str, float]]) -> tuple[float, ...]:
    """The total of a run of number words ("twenty one", "a hundred thousand", "two dozen"), and each word's value."""
    total = current = 0.0
    for spelling, value in run:
        if value >= 1000:
            total += (current or 1) * value
            current = 0.0
        elif spelling in MULTIPLIERS:
            current = (current or 1) * value
        else:
            current += value
    return tuple(dict.fromkeys((total + current, *(value for _, value in run))))


@cache
def number_words(path: str | None) -> NumberWords:
    english: dict[str, float] = {}
    magnitudes: dict[str, dict[str, float]] = {}
    for line in word_list(path or data_file("bilingual-number-words.txt")):
        try:
            language, word, value = line.split()
            number = float(value)
        except ValueError:
            raise ValueError(
                f"option 'number_words_file': {line!r} is not '<language> <word> <value>'"
            ) from None
        if language == "en":
            english[word.casefold()] = number
        else:
            magnitudes.setdefault(language, {})[word.casefold()] = number
    return NumberWords(english, magnitudes)
