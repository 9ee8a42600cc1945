"""Month or weekday names of another language in a date inside English text ("21 ene 2022").

Machine translation often leaves datelines and dates untouched, so a Spanish,
French or Arabic month survives in English copy. Names come from CLDR through
Babel for the configured source locales; names that are also English month or day
names ("Mar", "April", "Sept") are never foreign.

A month name counts only inside a date: after a day number (1-31), before a
four-digit year, or before "day, year"; joined by spaces, "de"/"del", a German
ordinal dot or a comma. A full date (day and year) is always reported. Otherwise
the name must not look like a proper name (capitalised where its language writes
months in lowercase: "Avenida 9 de Julio", "3 Maja Street"), and must either be
joined by "de" ("3 de mayo") or not be weak. Weak names double as English words,
acronyms or names: every ASCII name of three letters or fewer ("set", "TEM",
"NIS") and the rule's `lookalikes` ("Mars 2020", "Mayo"). A weekday is reported
only as part of such a date, and only in the month's language.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, replace
from functools import cache, lru_cache
from typing import Any, ClassVar

from qa.checks.base import option
from qa.document import Document
from qa.findings import Match
from qa.segment import Word

DEFAULT_LOCALES = ("es", "fr", "de", "it", "pt", "nl", "ru", "tr", "pl", "ar")
ENGLISH_LOCALES = ("en", "en_GB")
"""English spellings that are never foreign; en_GB adds "Sept"."""
WIDTHS = ("wide", "abbreviated")
CONTEXTS = ("format", "stand-alone")
NameGetter = Callable[..., Mapping[int, str]]
"""babel.dates.get_month_names or get_day_names: (width, context, locale) -> names by index."""
ASCII_FALLBACKS = str.maketrans({"ı": "i", "ł": "l"})
"""Letters without a Unicode decomposition that plain-ASCII copy replaces ("Kasım" -> "Kasim")."""

SPACE = r"[^\S\r\n]+"
DAY = r"(?:3[01]|[12][0-9]|0?[1-9])"
YEAR = r"(?P<year>[12][0-9]{3})(?![0-9]|[.,:/][0-9])"
LINK = r"(?i:de|del)"
DAY_BEFORE = re.compile(
    rf"(?<![\w.,:/-])(?P<day>{DAY})(?:st|nd|rd|th|er|[º°ª])?(?:\.[^\S\r\n]*|{SPACE})"
    rf"(?:(?P<link>{LINK}){SPACE})?\Z"
)
"""A day before the month: "21 ene", "15. März", "1er janvier", "3 de mayo"."""
YEAR_AFTER = re.compile(rf",?{SPACE}(?:(?P<link>{LINK}){SPACE})?{YEAR}")
"""A year after the month: "ene 2022", "enero de 2022", "janv., 2023"."""
DAY_YEAR_AFTER = re.compile(rf"{SPACE}(?P<day>{DAY})(?:st|nd|rd|th)?,{SPACE}{YEAR}")
"""Day and year after the month, in the US order: "enero 21, 2022"."""
WEEKDAY_BEFORE = re.compile(rf"(?<![^\W_])(?P<weekday>[^\W\d_]+(?:-[^\W\d_]+)*)\.?(?P<sep>[,،]?{SPACE})\Z")
"""A word before a date, a weekday if the lookup says so: "lunes 21", "martes, 3", "segunda-feira, 5"."""
DAY_WINDOW = 16
WEEKDAY_WINDOW = 32
"""How far back to look, in code points, for a day number and for a weekday."""


@dataclass(frozen=True, kw_only=True)
class ForeignDatesOptions:
    locales: tuple[str, ...] = option(
        DEFAULT_LOCALES, "Source languages (CLDR locale codes) whose month and weekday names are flagged."
    )
    lookalikes: tuple[str, ...] = option(
        (), 'Names that are also English words or names ("Mars", "Mayo"): flagged only in a full date.'
    )


@dataclass(frozen=True, slots=True)
class Sense:
    """One meaning of a name in one locale: month 1-12, or weekday 0-6 (Monday first, as Babel)."""

    locale: str
    index: int
    abbreviated: bool
    capitalized: bool


@dataclass(frozen=True)
class DateNames:
    """Foreign names by folded spelling, and the English names they translate to."""

    months: Mapping[str, tuple[Sense, ...]]
    weekdays: Mapping[str, tuple[Sense, ...]]
    english: frozenset[str]
    english_months: Mapping[tuple[int, bool], str]
    english_weekdays: Mapping[tuple[int, bool], str]
    languages: Mapping[str, str]


@dataclass(frozen=True, slots=True)
class DatePart:
    """A foreign month or weekday as written, with its possible meanings."""

    kind: str
    text: str
    senses: tuple[Sense, ...]


@dataclass(frozen=True, slots=True)
class ForeignDate:
    """A date around a foreign month: its span, and the pieces that decide whether it is one."""

    start: int
    end: int
    month: DatePart
    day: str | None
    year: str | None
    linked: bool
    """Joined by "de"/"del" ("3 de mayo"), which English dates never are."""
    month_first: bool
    """In the US order: "enero 21, 2022"."""
    weekday: DatePart | None = None
    weekday_sep: str = ""


class ForeignDates:
    """A date whose month (and weekday) is written in a source language, not in English."""

    name: ClassVar[str] = "foreign_dates"
    Options: ClassVar[type] = ForeignDatesOptions
    fixable: ClassVar[str] = "sometimes"
    safe_fix: ClassVar[bool] = True

    def prepare(self, options: ForeignDatesOptions) -> None:
        """Build the lookup before any file is read, so an unknown locale is a configuration error."""
        date_names(options.locales)

    def check(self, doc: Document, options: ForeignDatesOptions) -> Iterator[Match]:
        names = date_names(options.locales)
        weak_keys = _folded(options.lookalikes)
        for word in doc.words:
            senses = _senses(word.text, names.months, names)
            if not senses:
                continue
            date = _read_date(doc.text, word, senses, names)
            if date is not None and _is_convincing(date, weak_keys):
                yield Match(date.start, date.end, _message(date, names), _english_date(date, names))


@cache
def date_names(locales: tuple[str, ...]) -> DateNames:
    """The lookup for one set of locales, built once per process: Babel is imported only here."""
    from babel.dates import get_day_names, get_month_names

    months: dict[str, list[Sense]] = defaultdict(list)
    weekdays: dict[str, list[Sense]] = defaultdict(list)
    languages = {}
    for code in locales:
        locale = _parse_locale(code)
        languages[code] = locale.get_display_name("en")
        for key, sense in _locale_senses(code, locale, get_month_names):
            months[key].append(sense)
        for key, sense in _locale_senses(code, locale, get_day_names):
            weekdays[key].append(sense)
    english = {
        name.casefold()
        for code in ENGLISH_LOCALES
        for get_names in (get_month_names, get_day_names)
        for width in WIDTHS
        for context in CONTEXTS
        for name in get_names(width, context, code).values()
    }
    return DateNames(
        months={key: tuple(senses) for key, senses in months.items()},
        weekdays={key: tuple(senses) for key, senses in weekdays.items()},
        english=frozenset(english),
        english_months=_english_names(get_month_names),
        english_weekdays=_english_names(get_day_names),
        languages=languages,
    )


def _parse_locale(code: str) -> Any:
    from babel import Locale, UnknownLocaleError

    try:
        return Locale.parse(code.replace("-", "_"))
    except (UnknownLocaleError, ValueError, TypeError):
        raise ValueError(f"option 'locales': {code!r} is not a locale code Babel knows") from None


def _locale_senses(code: str, locale: Any, get_names: NameGetter) -> Iterator[tuple[str, Sense]]:
    """Each folded spelling of the locale's names with its meaning; a wide spelling is not abbreviated.

    Names with a space (Levantine Arabic "كانون الثاني") are left out: they cannot be one word.
    """
    widths: dict[tuple[str, int], set[str]] = defaultdict(set)
    capitals: dict[tuple[str, int], bool] = defaultdict(bool)
    for width in WIDTHS:
        for context in CONTEXTS:
            for index, native in get_names(width, context, locale).items():
                if " " not in native:
                    spelling = (fold(native), index)
                    widths[spelling].add(width)
                    capitals[spelling] |= native[:1].isupper()
    for (key, index), seen in widths.items():
        yield key, Sense(code, index, abbreviated="wide" not in seen, capitalized=capitals[key, index])


def _english_names(get_names: NameGetter) -> dict[tuple[int, bool], str]:
    """English name by (index, abbreviated), as CLDR writes them in dates: "January", "Jan"."""
    return {
        (index, width == "abbreviated"): name
        for width in WIDTHS
        for index, name in get_names(width, "format", "en").items()
    }


@lru_cache(maxsize=1 << 16)
def fold(name: str) -> str:
    """The lookup key: casefolded, without a trailing dot or accents ("Janv." and "janv" meet)."""
    decomposed = unicodedata.normalize("NFD", name.casefold().rstrip("."))
    bare = "".join(char for char in decomposed if not unicodedata.combining(char))
    return bare.translate(ASCII_FALLBACKS)


@cache
def _folded(names: tuple[str, ...]) -> frozenset[str]:
    return frozenset(fold(name) for name in names)


def _senses(text: str, table: Mapping[str, tuple[Sense, ...]], names: DateNames) -> tuple[Sense, ...]:
    """The foreign meanings of a word; none if it is an English month or day name."""
    if text.casefold() in names.english or any(char.isdigit() for char in text):
        return ()
    return table.get(fold(text), ())


def _read_date(text: str, month: Word, senses: tuple[Sense, ...], names: DateNames) -> ForeignDate | None:
    """The date around a month name, or None when no day or year stands next to it."""
    after = month.end
    if text.startswith(".", after) and any(s.abbreviated for s in senses):
        after += 1
    before = DAY_BEFORE.search(text, max(0, month.start - DAY_WINDOW), month.start)
    tail = (None if before else DAY_YEAR_AFTER.match(text, after)) or YEAR_AFTER.match(text, after)
    if before is None and tail is None:
        return None
    found = [match for match in (before, tail) if match]
    groups = {key: value for match in found for key, value in match.groupdict().items() if value}
    date = ForeignDate(
        start=before.start() if before else month.start,
        end=tail.end() if tail else month.end,
        month=DatePart("month", month.text, senses),
        day=groups.get("day"),
        year=groups.get("year"),
        linked="link" in groups,
        month_first=before is None and "day" in groups,
    )
    return _with_weekday(text, date, names)


def _with_weekday(text: str, date: ForeignDate, names: DateNames) -> ForeignDate:
    """The date extended over a weekday of the month's language just before it ("lunes 21 de marzo").

    A weekday of another language is more likely an English word ("So 21 de enero").
    """
    found = WEEKDAY_BEFORE.search(text, max(0, date.start - WEEKDAY_WINDOW), date.start)
    if not found:
        return date
    month_locales = {s.locale for s in date.month.senses}
    senses = tuple(s for s in _senses(found["weekday"], names.weekdays, names) if s.locale in month_locales)
    if not senses:
        return date
    weekday = DatePart("weekday", found["weekday"], senses)
    return replace(date, start=found.start(), weekday=weekday, weekday_sep=found["sep"].replace("،", ","))


def _is_convincing(date: ForeignDate, weak_keys: frozenset[str]) -> bool:
    """Whether the context outweighs the chance that the name is English ("3 set", "Mars 2020")."""
    if date.day and date.year:
        return True
    if _looks_like_proper_name(date.month.text, date.month.senses):
        return False
    return date.linked or not _is_weak(date.month.text, weak_keys)


def _is_weak(text: str, weak_keys: frozenset[str]) -> bool:
    """Listed lookalikes, and short ASCII names, which double as acronyms ("TEM", "OTT", "NIS")."""
    key = fold(text)
    return key in weak_keys or (len(key) <= 3 and key.isascii())


def _looks_like_proper_name(text: str, senses: tuple[Sense, ...]) -> bool:
    """Capitalised where the language writes the name in lowercase: a street, a holiday, a person."""
    return text[:1].isupper() and not any(s.capitalized for s in senses)


def _message(date: ForeignDate, names: DateNames) -> str:
    """Names the language and each foreign name with its English meaning, e.g.
    "Spanish weekday 'lunes' (Monday) and month 'marzo' (March) in an English date"."""
    parts = [p for p in (date.weekday, date.month) if p is not None]
    codes = [s.locale for s in parts[0].senses]
    described = " and ".join(f"{p.kind} '{p.text}' ({_meaning(p, names)})" for p in parts)
    return f"{_languages(codes, names)} {described} in an English date"


def _languages(codes: list[str], names: DateNames) -> str:
    """Language names in the configured order: "Spanish or Italian", "Spanish, Italian or Portuguese"."""
    unique = [names.languages[code] for code in dict.fromkeys(codes)]
    return unique[0] if len(unique) == 1 else f"{', '.join(unique[:-1])} or {unique[-1]}"


def _meaning(part: DatePart, names: DateNames) -> str:
    return " or ".join(_meanings(part, names, abbreviated=False))


def _meanings(part: DatePart, names: DateNames, abbreviated: bool) -> list[str]:
    table = names.english_months if part.kind == "month" else names.english_weekdays
    return [table[index, abbreviated] for index in sorted({s.index for s in part.senses})]


def _english(part: DatePart, names: DateNames) -> str | None:
    """The English name in the same style (abbreviated or wide), or None if the meaning is ambiguous."""
    abbreviated = all(s.abbreviated for s in part.senses)
    meanings = _meanings(part, names, abbreviated)
    return meanings[0] if len(meanings) == 1 else None


def _english_date(date: ForeignDate, names: DateNames) -> str | None:
    """The whole date in English word order: "21 Jan 2022", "January 21, 2022", "Monday 21 March"."""
    month = _english(date.month, names)
    weekday = _english(date.weekday, names) if date.weekday else ""
    if month is None or weekday is None:
        return None
    if date.month_first:
        core = f"{month} {date.day}, {date.year}"
    else:
        core = " ".join(piece for piece in (date.day, month, date.year) if piece)
    return f"{weekday}{date.weekday_sep}{core}" if weekday else core
