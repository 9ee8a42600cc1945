"""A date of the source that the translation drops or changes ("21 января" -> "January 22").

Engines misread day-first and numeric dates, swap a month for its neighbour, or let a
weekday slip ("lunes" -> "Tuesday"); a spell-checker sees nothing wrong with any of them.
The source's dates are read with its language's CLDR month and weekday names (through
qa.checks.foreign_dates, which reads them for the monolingual rule), in every form CLDR
gives (format and stand-alone, wide and abbreviated, the Russian genitive "января") and,
for inflected languages, with the case endings the rule's `inflections` name ("в январе",
"в пятницу"). Locales that write the month as a number ("2022年1月21日") are read with their
CLDR patterns, numeric dates ("21.01.2022") in the order of the locale's short date format.
English dates are read in either order ("21 January", "January 21, 2022", "the 21st").

A source date is kept when the translation has a date of the same month whose day and year,
where both say one, agree. Otherwise the nearest English date is the changed one; with none,
a date with a day is dropped, unless the translation says it in words ("yesterday", a
weekday). A source weekday is compared only when the translation names one. Numbers inside
the dates read here are this rule's: the number rule leaves them alone (`date_spans`).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any, ClassVar

from qa.checks.base import data_file, option, word_list
from qa.checks.bilingual import FULL_WIDTH, nearest, source_language, translated_segments
from qa.checks.foreign_dates import DateNames, Sense, date_names, fold
from qa.document import Document
from qa.findings import Match

DAY = r"(?:3[01]|[12][0-9]|0?[1-9])"
ORDINAL = r"(?:st|nd|rd|th)?"
DAY_RANGE = rf"(?P<day>{DAY})(?:\s*[-–—]\s*(?P<last_day>{DAY}))?"
"""A day, or two joined by a dash ("10-12 декабря")."""
DAY_JOINT = r"(?:\s*[-–—]\s*|\s+(?:to|and|or|through)\s+(?:the\s+)?)"
ENGLISH_DAY_RANGE = rf"(?P<day>{DAY}){ORDINAL}(?:{DAY_JOINT}(?P<last_day>{DAY}))?"
"""A day, or two joined by a dash or a word ("December 10-12", "December 9 to 10")."""
YEAR = r"(?P<year>1[89][0-9]{2}|2[01][0-9]{2})(?![0-9])"
SOURCE_DAY_BEFORE = re.compile(rf"(?<![\d.,])\b{DAY_RANGE}(?:-?[^\W\d_]{{1,3}})?\.?\s+(?:de\s+)?\Z")
"""A day before a source month: "21 января", "21-го января", "3 de mayo", "15. März"."""
SOURCE_YEAR_AFTER = re.compile(rf"\.?,?\s+(?:de\s+|del\s+)?{YEAR}")
ENGLISH_MONTH = re.compile(
    r"\b(?:(?P<name>January|February|March|April|May|June|July|August|September|October|November|December)\b"
    r"|(?P<short>Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\b\.?)"
)
"""An English month, its abbreviation with or without a dot."""
ENGLISH_DAY_BEFORE = re.compile(rf"\b{ENGLISH_DAY_RANGE}{ORDINAL}(?:\s+of)?\s+\Z")
ENGLISH_DAY_AFTER = re.compile(rf"\s+(?:the\s+)?{ENGLISH_DAY_RANGE}{ORDINAL}\b(?!\s*(?:%|per|percent)\b)")
ENGLISH_YEAR_AFTER = re.compile(rf",?\s+(?:of\s+)?{YEAR}")
ENGLISH_DAY_ALONE = re.compile(
    rf"\b(?:the\s+)?(?P<day>{DAY}|3[2-9]|[4-9][0-9])(?:st|nd|rd|th)"
    rf"(?:{DAY_JOINT}(?P<last_day>{DAY})(?:st|nd|rd|th))?\b"
)
"""A day without a month: "on the 10th", "the 21st", "Japan time 12th"; up to 99, so that a day
the translation garbled into no date ("on the 42th" for the 12th) is a changed day, not none."""
ENGLISH_WEEKDAY = re.compile(r"\b(?P<name>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)s?\b")
NUMERIC_DATE = re.compile(
    r"(?<![\d.,/])(?P<first>\d{1,4})(?P<sep>[./-])(?P<second>\d{1,2})(?P=sep)(?P<third>\d{2,4})(?![\d]|[.,/]\d)"
)
ENGLISH_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
ENGLISH_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
"""In Babel's order: 0 is Monday."""
WORD = re.compile(r"[^\W\d_]+")
OPENING = " \t\n«\"„“‘'([—–-"
"""What may stand between a sentence's start and its first word."""
SENTENCE_ENDS = (".", "!", "?", "…", ":", ";")
SENTENCE_WINDOW = 8
DEFAULT_INFLECTIONS = ("ru а я у ю е ом ем ой ы", "uk а я у ю і ом ем ою и", "pl a u em ie y")


@dataclass(frozen=True, kw_only=True)
class SourceDatesOptions:
    inflections: tuple[str, ...] = option(
        DEFAULT_INFLECTIONS,
        "A source language and the case endings that replace the last vowel of its month and weekday "
        'names ("ru а я у ю е ом ем ой ы": "январ|е", "пятниц|у").',
    )
    relative_words_file: str | None = option(
        None,
        'Words in which a translation may say a date without naming it ("yesterday", "Christmas"): '
        "a dropped date is then not reported; None for the built-in list.",
    )


@dataclass(frozen=True, slots=True)
class CalendarDate:
    """A date as read, any part of it possibly unsaid; `weekday` 0 is Monday."""

    start: int
    end: int
    day: int | None = None
    month: int | None = None
    year: int | None = None
    weekday: int | None = None

    def agrees_with(self, other: CalendarDate) -> bool:
        """Same month, and the same day and year wherever both say one."""
        return (
            self.month == other.month
            and _same_or_unsaid(self.day, other.day)
            and _same_or_unsaid(self.year, other.year)
        )

    def spelled(self) -> str:
        """In English: "21 January 2022", "January 2022", "the 21st"."""
        month = ENGLISH_MONTHS[self.month - 1] if self.month else None
        if month is None:
            return f"the {self.day}{_ordinal_suffix(self.day)}" if self.day else ""
        return " ".join(str(part) for part in (self.day, month, self.year) if part)


class SourceDates:
    """A date or weekday of the source that the translation drops or changes."""

    name: ClassVar[str] = "source_dates"
    Options: ClassVar[type] = SourceDatesOptions
    fixable: ClassVar[str] = "never"

    def prepare(self, options: SourceDatesOptions) -> None:
        relative_words(options.relative_words_file)

    def check(self, doc: Document, options: SourceDatesOptions) -> Iterator[Match]:
        language = source_language(doc)
        if language is None or language == "en":
            return
        for segment in translated_segments(doc):
            dates = source_dates(segment.source, language, options.inflections)
            if not dates:
                continue
            for start, end, message, source_span in _differences(
                segment.source, segment.target, dates, options
            ):
                yield Match(segment.start + start, segment.start + end, message, source_span=source_span)


def _differences(
    source: str, target: str, dates: Sequence[CalendarDate], options: SourceDatesOptions
) -> Iterator[tuple[int, int, str, tuple[int, int]]]:
    """(start, end in the target, message, span in the source) of each date the target does not keep."""
    english = english_dates(target)
    yield from _weekday_differences(source, dates, english)
    unexplained = [found for found in english if not any(_kept(date, [found]) for date in dates)]
    in_words = _said_in_words(target, relative_words(options.relative_words_file))
    for date in dates:
        if date.day is None and date.month is None or _kept(date, english):
            continue
        written = source[date.start : date.end]
        changed = nearest(_candidates(date, unexplained), date.start / max(len(source), 1), len(target))
        if changed is not None and not (date.month is None and in_words):
            message = (
                f"'{written}' in the source is {date.spelled()}; "
                f"the translation has {target[changed.start : changed.end]}"
            )
            yield changed.start, changed.end, message, (date.start, date.end)
        elif changed is None and date.day and _expected(date, english) and not in_words:
            message = f"'{written}' in the source ({date.spelled()}) is missing from the translation"
            yield 0, len(target), message, (date.start, date.end)


def _kept(date: CalendarDate, english: Sequence[CalendarDate]) -> bool:
    """Whether the target has the date: one that agrees, or its day alone ("on the 21st")."""
    if date.month is None:
        return any(found.day == date.day for found in english)
    return any(date.agrees_with(found) for found in english) or any(
        found.month is None and found.day == date.day for found in english if date.day
    )


def _expected(date: CalendarDate, english: Sequence[CalendarDate]) -> bool:
    """Whether a lost date is the translation's fault: one with a month always; a day alone ("21日",
    often "on Friday") only where the translation gives its other days as numbers."""
    return date.month is not None or any(found.day is not None for found in english)


def _candidates(date: CalendarDate, english: Sequence[CalendarDate]) -> list[CalendarDate]:
    """The target's dates (those no source date explains) that may be the source date changed: of
    the same month if any, else any with a month; for a day alone ("21日"), any with a day."""
    if date.month is None:
        return [found for found in english if found.day is not None]
    named = [found for found in english if found.month is not None]
    return [found for found in named if found.month == date.month] or named


def _weekday_differences(
    source: str, dates: Sequence[CalendarDate], english: Sequence[CalendarDate]
) -> Iterator[tuple[int, int, str, tuple[int, int]]]:
    """A source weekday the target has not, where the target names a weekday the source has not.

    A weekday the source names alone may be another word ("среда" is also "environment"), so
    it is reported only beside a target weekday that nothing in the source explains."""
    said = {date.weekday for date in dates if date.weekday is not None}
    strays = [found for found in english if found.weekday is not None and found.weekday not in said]
    targeted = {found.weekday for found in english if found.weekday is not None}
    for date in dates:
        if date.weekday is None or date.weekday in targeted or not strays:
            continue
        other = strays[0]
        message = (
            f"'{source[date.start : date.end]}' in the source is {ENGLISH_WEEKDAYS[date.weekday]}; "
            f"the translation has {ENGLISH_WEEKDAYS[other.weekday]}"
        )
        yield other.start, other.end, message, (date.start, date.end)


def _said_in_words(target: str, words: re.Pattern[str]) -> bool:
    return ENGLISH_WEEKDAY.search(target) is not None or words.search(target) is not None


@cache
def relative_words(path: str | None) -> re.Pattern[str]:
    """The date words of the list as one pattern, whole words, any case."""
    words = word_list(path or data_file("bilingual-date-words.txt"))
    return re.compile(r"\b(?:" + "|".join(re.escape(word) for word in words) + r")\b", re.IGNORECASE)


def _same_or_unsaid(one: int | None, other: int | None) -> bool:
    return one is None or other is None or one == other


def _ordinal_suffix(day: int) -> str:
    if 10 <= day % 100 <= 20:
        return "th"
    return {1: "st", 2: "nd", 3: "rd"}.get(day % 10, "th")


def date_spans(source: str, language: str) -> list[tuple[int, int]]:
    """Where the source's dates stand, with the rule's default endings: their numbers are this rule's."""
    return [(d.start, d.end) for d in source_dates(source, language, DEFAULT_INFLECTIONS)]


def source_dates(text: str, language: str, inflections: tuple[str, ...]) -> list[CalendarDate]:
    """The dates of a source text in `language`, in order; none for a language Babel does not know."""
    reader = _reader(language, _endings(language, inflections))
    if reader is None:
        return []
    text = text.translate(FULL_WIDTH)
    found = [*reader.numeric_month_dates(text), *reader.named_dates(text), *reader.numeric_dates(text)]
    return _outermost(found)


def _endings(language: str, inflections: tuple[str, ...]) -> tuple[str, ...]:
    """The endings `inflections` gives for the language ("ru а я у" -> ("а", "я", "у"))."""
    for line in inflections:
        code, *endings = line.split()
        if code == language:
            return tuple(endings)
    return ()


def _outermost(dates: list[CalendarDate]) -> list[CalendarDate]:
    """Each date once: one read inside another ("1月21日" within "2022年1月21日") is left out,
    the two ends of a range of days ("10-12 декабря") are kept."""
    kept: list[CalendarDate] = []
    for date in sorted(dates, key=lambda d: (d.start, -d.end)):
        if not kept or date.start >= kept[-1].end or (date.start, date.end) == (kept[-1].start, kept[-1].end):
            kept.append(date)
    return kept


def english_dates(text: str) -> list[CalendarDate]:
    """The dates of an English text: named months with their day and year, numeric dates in
    either order, days alone ("the 21st") and weekdays; in order of their start."""
    found: list[CalendarDate] = []
    for month in ENGLISH_MONTH.finditer(text):
        found.extend(_english_named_date(text, month))
    after_month = {offset for d in found for offset in range(d.start, d.end)}
    for day in ENGLISH_DAY_ALONE.finditer(text):
        if day.start() not in after_month:
            found.extend(_days(day, day.start(), day.end(), None, None))
    for numeric in NUMERIC_DATE.finditer(text):
        found.extend(_numeric_readings(numeric, ("dMy", "Mdy", "yMd")))
    for weekday in ENGLISH_WEEKDAY.finditer(text):
        found.append(
            CalendarDate(weekday.start(), weekday.end(), weekday=ENGLISH_WEEKDAYS.index(weekday["name"]))
        )
    return sorted(found, key=lambda d: d.start)


def _english_named_date(text: str, month: re.Match[str]) -> list[CalendarDate]:
    index = next(
        i
        for i, full in enumerate(ENGLISH_MONTHS, start=1)
        if full.startswith((month["name"] or month["short"])[:3])
    )
    before = ENGLISH_DAY_BEFORE.search(text, max(0, month.start() - 16), month.start())
    after = None if before else ENGLISH_DAY_AFTER.match(text, month.end())
    days = before or after
    end = after.end() if after else month.end()
    year = ENGLISH_YEAR_AFTER.match(text, end)
    if year:
        end = year.end()
    start = before.start() if before else month.start()
    return list(_days(days, start, end, index, int(year["year"]) if year else None))


def _days(
    days: re.Match[str] | None, start: int, end: int, month: int | None, year: int | None
) -> Iterator[CalendarDate]:
    """One date, or one for each end of a range of days."""
    if days is None:
        yield CalendarDate(start, end, None, month, year)
        return
    yield CalendarDate(start, end, int(days["day"]), month, year)
    if days["last_day"]:
        yield CalendarDate(start, end, int(days["last_day"]), month, year)


def _numeric_readings(found: re.Match[str], orders: Sequence[str]) -> Iterator[CalendarDate]:
    """Each reading of a numeric date that the orders allow and the calendar accepts."""
    numbers = (found["first"], found["second"], found["third"])
    for order in orders:
        parts = dict(zip(order, numbers))
        if len(parts["y"]) not in (2, 4) or any(len(parts[key]) > 2 for key in "dM"):
            continue
        day, month, year = int(parts["d"]), int(parts["M"]), int(parts["y"])
        if 1 <= day <= 31 and 1 <= month <= 12:
            yield CalendarDate(found.start(), found.end(), day, month, year + 2000 if year < 100 else year)


@dataclass(frozen=True)
class Name:
    """A month (1-12) or weekday (0-6) name, whether it is an abbreviation ("янв", "пн")."""

    index: int
    abbreviated: bool
    capitalized: bool = False
    """Written with a capital in its language (German, English); a lowercase one capitalised
    mid-sentence is a proper name ("Проспект 25 Октября", "Avenida 9 de Julio")."""


@dataclass(frozen=True)
class DateReader:
    """What reads one source language's dates: its CLDR names, inflected forms and numeric order."""

    names: DateNames
    months: Mapping[str, Name]
    weekdays: Mapping[str, Name]
    numeric_order: str
    """The order of day, month and year in the locale's short date format: "dMy", "yMd"."""
    cjk_names: re.Pattern[str] | None
    """The locale's names written without spaces around ("1月", "金曜日"), searched anywhere."""
    day_alone: re.Pattern[str] | None
    """A day with its mark and no month ("21日"), for locales whose CLDR day pattern has one."""

    def named_dates(self, text: str) -> Iterator[CalendarDate]:
        """Dates around month names ("21 января 2022 года"), and weekdays, as words.

        An abbreviation counts only with a day or a year beside it ("mar" is also the sea), a
        proper name ("Проспект 25 Октября") not at all."""
        for word in WORD.finditer(text):
            key = fold(word.group())
            name = self.months.get(key) or self.weekdays.get(key)
            if name is None or _is_proper_name(text, word, name):
                continue
            if key in self.months:
                dates = self._around_month(text, word, name.index)
                if dates[0].day or dates[0].year or not name.abbreviated:
                    yield from dates
            elif not name.abbreviated:
                yield CalendarDate(word.start(), word.end(), weekday=name.index)
        if self.cjk_names is not None:
            for name in self.cjk_names.finditer(text):
                key = fold(name.group())
                if key in self.months:
                    yield CalendarDate(name.start(), name.end(), month=self.months[key].index)
                else:
                    yield CalendarDate(name.start(), name.end(), weekday=self.weekdays[key].index)
        if self.day_alone is not None:
            for day in self.day_alone.finditer(text):
                yield CalendarDate(day.start(), day.end(), day=int(day["day"]))

    def _around_month(self, text: str, word: re.Match[str], month: int) -> list[CalendarDate]:
        """The date of a month name with its day (or range of days) before and year after, if any."""
        before = SOURCE_DAY_BEFORE.search(text, max(0, word.start() - 16), word.start())
        year = SOURCE_YEAR_AFTER.match(text, word.end())
        end = word.end()
        if year:
            mark = self.names.year_marks.match(text, year.end())
            end = mark.end() if mark else year.end()
        start = before.start() if before else word.start()
        return list(_days(before, start, end, month, int(year["year"]) if year else None))

    def numeric_month_dates(self, text: str) -> Iterator[CalendarDate]:
        """Dates of locales that write the month as a number ("2022年1月21日"), with their CLDR patterns."""
        for pattern in self.names.numeric_patterns:
            for found in pattern.regex.finditer(text):
                groups = found.groupdict()
                if groups.get("month") is None:
                    continue
                weekday = self.weekdays.get(fold(groups["weekday"])) if groups.get("weekday") else None
                yield CalendarDate(
                    found.start(),
                    found.end(),
                    int(groups["day"]) if groups.get("day") else None,
                    int(groups["month"]),
                    int(groups["year"]) if groups.get("year") else None,
                    weekday.index if weekday else None,
                )

    def numeric_dates(self, text: str) -> Iterator[CalendarDate]:
        for found in NUMERIC_DATE.finditer(text):
            yield from _numeric_readings(found, (self.numeric_order,))


@cache
def _reader(language: str, endings: tuple[str, ...]) -> DateReader | None:
    """The reader of one language, built once; None when Babel knows no such locale."""
    try:
        names = date_names((language,))
    except ValueError:
        return None
    from babel import Locale

    locale = Locale.parse(language)
    spaceless = sorted(
        (key for key in (*names.months, *names.weekdays) if _is_spaceless(key)), key=len, reverse=True
    )
    return DateReader(
        names,
        _with_endings(_unambiguous(names.months), endings),
        _with_endings(_unambiguous(names.weekdays), endings),
        _numeric_order(locale),
        re.compile("(?<![0-9])(?:" + "|".join(re.escape(k) for k in spaceless) + ")") if spaceless else None,
        _day_alone(locale),
    )


def _is_proper_name(text: str, word: re.Match[str], name: Name) -> bool:
    """A name its language writes in lowercase, capitalised inside a sentence: a street, a holiday."""
    if name.capitalized or not word.group()[:1].isupper():
        return False
    before = text[max(0, word.start() - SENTENCE_WINDOW) : word.start()].rstrip(OPENING)
    return bool(before) and not before.endswith(SENTENCE_ENDS)


def _is_spaceless(name: str) -> bool:
    """A CJK name: a number with a mark ("1月"), or a weekday of more than one character ("金曜日")."""
    return all(ord(char) > 0x2E80 or char.isdigit() for char in name) and len(name) > 1


def _unambiguous(table: Mapping[str, tuple[Sense, ...]]) -> dict[str, Name]:
    """Each folded name of one meaning; abbreviated if no wide name is spelled so."""
    return {
        key: Name(senses[0].index, all(s.abbreviated for s in senses), any(s.capitalized for s in senses))
        for key, senses in table.items()
        if len({s.index for s in senses}) == 1
    }


def _with_endings(names: dict[str, Name], endings: tuple[str, ...]) -> dict[str, Name]:
    """The names with their inflected forms: a wide name's stem (less a final vowel) and each
    ending ("январ|е", "пятниц|у"), where only one name has that form."""
    forms: dict[str, set[int]] = {}
    for key, name in names.items():
        if name.abbreviated:
            continue
        stem = key[:-1] if key[-1] in "аяеоьиыaeiouy" else key
        for ending in endings:
            forms.setdefault(stem + ending, set()).add(name.index)
    capitalized = {name.index for name in names.values() if name.capitalized}
    inflected = {
        form: Name(index, False, index in capitalized)
        for form, indexes in forms.items()
        if len(indexes) == 1
        for index in indexes
    }
    return {**inflected, **names}


def _numeric_order(locale: Any) -> str:
    """ "dMy" for "dd.MM.y": the order of the fields in the locale's short date format."""
    pattern = locale.date_formats["short"].pattern
    order = "".join(dict.fromkeys(char for char in pattern if char in "dMy"))
    return order if len(order) == 3 else "dMy"


def _day_alone(locale: Any) -> re.Pattern[str] | None:
    """The locale's day with its mark ("d日" in Japanese), or None when it writes the bare number."""
    pattern = locale.datetime_skeletons["d"].pattern
    if pattern.strip("d'") == "" or pattern.count("d") != 1:
        return None
    before, after = (re.escape(part.replace("'", "")) for part in pattern.split("d"))
    return re.compile(rf"(?<![0-9]){before}(?P<day>{DAY}){after}")
