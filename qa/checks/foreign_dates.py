"""Month or weekday names of another language in a date inside English text ("21 ene 2022").

Machine translation often leaves datelines and dates untouched, so a Spanish,
French or Arabic month survives in English copy. Names come from CLDR through
Babel for the configured source locales; names that are also English month or day
names ("Mar", "April", "Sept") are foreign only in a foreign-shaped date: the
German ordinal "14. November", a foreign weekday ("zaterdag 6 november 2021"),
or a lowercase month with day and year.

A month name counts inside a date: after a day number (1-31), before a four-digit
year, or before "day, year"; joined by spaces, "de"/"del", a German ordinal dot, a
comma, "/" or "-". A full date (day and year) is always reported. Otherwise the name
must not look like a proper name (capitalised where its language writes months in
lowercase: "Avenida 9 de Julio", "3 Maja Street"), and must either be joined by "de"
("3 de mayo"), not be weak, or follow a word that introduces a date ("on 24 juli").
Weak names double as English words, acronyms or names: every ASCII name of three
letters or fewer ("set", "TEM", "NIS"), always, and the rule's `lookalikes` ("Mars
2020", "Mayo") unless a date word precedes them. A month or weekday alone ("in late
juni", "on Dienstag") needs such a word before it. Names of several words (Levantine
Arabic "كانون الثاني") are looked up by their first word. Dates of locales that write
the month as a number ("2022年1月27日") are read with their CLDR patterns, and
numeric dates in day-first order ("17/09/2019", "30.04.2021") when the day is above
12: a style point (info) with slashes, which British English also writes, a warning
with dots or hyphens, which English never uses.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from functools import cache, lru_cache
from typing import Any, ClassVar

from qa.cache import on_disk
from qa.checks.base import option
from qa.document import Document
from qa.findings import Match, Severity
from qa.segment import Word

DEFAULT_LOCALES = (
    "es",
    "fr",
    "de",
    "de_AT",
    "it",
    "pt",
    "nl",
    "ru",
    "uk",
    "tr",
    "pl",
    "ar",
    "ar_SY",
    "ja",
    "zh",
    "ko",
)
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
    rf"(?<![\w.,:/-])(?P<day>{DAY})(?:(?P<joint>[/-])|(?:st|nd|rd|th|er|[º°ª])?"
    rf"(?:(?P<ordinal>\.)[^\S\r\n]*|{SPACE})(?:(?P<link>{LINK}){SPACE})?)\Z"
)
"""A day before the month: "21 ene", "15. März", "1er janvier", "3 de mayo", "12/octubre"."""
YEAR_AFTER = re.compile(rf"(?:,?{SPACE}(?:(?P<link>{LINK}){SPACE})?|(?P<joint>[/-])){YEAR}")
"""A year after the month: "ene 2022", "enero de 2022", "janv., 2023", "octubre/2020"."""
DAY_YEAR_AFTER = re.compile(rf"{SPACE}(?P<day>{DAY})(?:st|nd|rd|th)?,{SPACE}{YEAR}")
"""Day and year after the month, in the US order: "enero 21, 2022"."""
WEEKDAY_BEFORE = re.compile(rf"(?<![^\W_])(?P<weekday>[^\W\d_]+(?:-[^\W\d_]+)*)\.?(?P<sep>[,،]?{SPACE})\Z")
"""A word before a date, a weekday if the lookup says so: "lunes 21", "martes, 3", "segunda-feira, 5"."""
WORD_BEFORE = re.compile(
    rf"(?<![^\W_])(?P<word>[^\W\d_]+)-?{SPACE}\Z|(?<![^\W_])(?P<joined>mid)-\Z", re.IGNORECASE
)
"""The word just before a date, on the same line: "on", "late", "de"; "mid-" as in "mid-juni"."""
NEXT_WORD = re.compile(r"[^\S\r\n]+(?P<word>[^\W\d_]+)")
NUMERIC_DATE = re.compile(
    r"(?P<day>1[3-9]|2[0-9]|3[01])(?<![\w.,/:-]..)(?P<sep>[./-])(?P<month>1[0-2]|0?[1-9])(?P=sep)"
    r"(?P<year>[12][0-9]{3}|[0-9]{2})(?!\w|[.,/:-][0-9])"
)
"""A numeric date whose first number can only be the day: "17/09/2019", "30.04.2021", "15-06-22".

Nothing of a word or a number before the day: the look-behind comes after the day's two digits,
so that the regex engine skips straight to a 1, 2 or 3 instead of trying every position."""
HAS_DIGIT = re.compile(r"\d").search
LETTERS = re.compile(r"[^\W\d_]+")
SPACE_THEN_NUMERIC = re.compile(rf",?{SPACE}")
DATE_WORDS = frozenset(
    "on in at by of from to until till since during before after through early late mid last next this every".split()
)
"""English words that introduce a date: after one, a foreign month or weekday alone is a date."""
STRONG_DATE_WORDS = frozenset({"early", "late", "mid", "de", "del"})
"""Before these, even a lookalike month is one ("in late juni", "a mediados de marzo")."""
CUE_WORDS = DATE_WORDS | STRONG_DATE_WORDS
"""The words after which a month or weekday may stand alone ("on Dienstag", "in late juni")."""
DAY_WINDOW = 16
WEEKDAY_WINDOW = 32
"""How far back to look, in code points, for a day number and for a weekday."""
CJK_SKELETONS = ("yMMMd", "MMMd", "yMMM", "yMMMEd", "MMMEd")
STRETCH_GAP = 256
"""Marks closer than this many code points are searched as one stretch."""
CLDR_FIELD = re.compile(r"'(?:[^']|'')*'|([yMLdE])\1*|\s+|.")
"""A CLDR date pattern, token by token: a quoted literal, a field ("y", "MMMM", "EEEE"), spaces, a character."""


@dataclass(frozen=True, kw_only=True)
class ForeignDatesOptions:
    locales: tuple[str, ...] = option(
        DEFAULT_LOCALES, "Source languages (CLDR locale codes) whose month and weekday names are flagged."
    )
    lookalikes: tuple[str, ...] = option(
        (),
        'Names that are also English words or names ("Mars", "Mayo"): flagged only in a full date '
        'or after a date word ("on 24 juli").',
    )


@dataclass(frozen=True, slots=True)
class Sense:
    """One meaning of a name in one locale: month 1-12, or weekday 0-6 (Monday first, as Babel)."""

    locale: str
    index: int
    abbreviated: bool
    capitalized: bool
    tail: str = ""
    """The folded words after the first of a name of several words ("الثاني" of "كانون الثاني")."""


@dataclass(frozen=True)
class NumericPattern:
    """One CLDR date pattern of a locale that writes the month as a number ("y年M月d日EEEE")."""

    locale: str
    regex: re.Pattern[str]
    characters: str
    """What a match may hold besides digits and spaces: the pattern's literals and the names it reads."""
    anchored: bool
    """The pattern has a literal of the numeric marks ("年", "일"): every match holds one."""


@dataclass(frozen=True)
class MarkStretches:
    """Where a numeric-month date may stand: the runs of characters such a date holds, around a mark.

    A pattern with a mark among its literals matches only inside such a run, so it finds the
    same dates searching the runs as searching the whole text: the character before a run, which
    its look-behind reads, stays visible, and the one after is no digit or space.
    """

    mark: re.Pattern[str]
    run: re.Pattern[str]
    """Characters a date may hold: digits, spaces, the patterns' literals and names."""
    onward: re.Pattern[str]
    """From a mark to the end of its run, over any further mark less than STRETCH_GAP away."""

    @classmethod
    def of(cls, marks: str, characters: str) -> MarkStretches:
        mark = f"[{re.escape(marks)}]" if marks else "(?!)"
        run = rf"[\s0-9{re.escape(characters)}]*+"
        return cls(
            re.compile(mark), re.compile(run), re.compile(rf"(?:[\s\S]{{0,{STRETCH_GAP}}}?{mark})*+{run}")
        )

    def find(self, text: str) -> Iterator[tuple[int, int]]:
        """(start, end) of each stretch, in order: a run with marks, with the runs that follow it closely.

        A pass over the text, in C but for one step per stretch: a text dense with marks is
        few stretches, so it costs a pass per pattern as before, and no more.
        """
        end = 0
        while found := self.mark.search(text, end):
            before = self.run.match(text[end : found.start()][::-1])
            start, end = found.start() - before.end(), self.onward.match(text, found.start()).end()
            yield start, end


@dataclass(frozen=True)
class DateNames:
    """Foreign names by folded spelling, and the English names they translate to."""

    months: Mapping[str, tuple[Sense, ...]]
    weekdays: Mapping[str, tuple[Sense, ...]]
    english: frozenset[str]
    english_months: Mapping[tuple[int, bool], str]
    english_weekdays: Mapping[tuple[int, bool], str]
    languages: Mapping[str, str]
    ordinal_locales: frozenset[str]
    """Locales that write the day as an ordinal with a dot ("14. November")."""
    numeric_patterns: tuple[NumericPattern, ...]
    numeric_marks: str
    """The characters of the numeric patterns' literals: a text without any has no such date."""
    mark_stretches: MarkStretches
    year_marks: re.Pattern[str]
    """What a locale writes after the year ("2022 г.", "2022 р."), from its CLDR long date pattern."""


@dataclass(frozen=True, slots=True)
class DatePart:
    """A foreign month or weekday as written, with its possible meanings."""

    kind: str
    text: str
    senses: tuple[Sense, ...]


@dataclass(frozen=True, slots=True)
class ForeignDate:
    """A date around a foreign month or weekday: its span, and the pieces that decide whether it is one."""

    start: int
    end: int
    month: DatePart | None
    day: str | None
    year: str | None
    linked: bool
    """Joined by "de"/"del" ("3 de mayo"), which English dates never are."""
    month_first: bool
    """In the US order: "enero 21, 2022"."""
    weekday: DatePart | None = None
    weekday_sep: str = ""
    ordinal: bool = False
    """The German ordinal day "14." before the month."""


class ForeignDates:
    """A date whose month (and weekday) is written in a source language, not in English."""

    name: ClassVar[str] = "foreign_dates"
    Options: ClassVar[type] = ForeignDatesOptions
    fixable: ClassVar[str] = "sometimes"
    safe_fix: ClassVar[bool] = True
    supersedes: ClassVar[frozenset[str]] = frozenset({"language"})
    """ "28 июля 2022 г." is a date to rewrite in English, not merely untranslated words."""

    def prepare(self, options: ForeignDatesOptions) -> None:
        """Build the lookup before any file is read, so an unknown locale is a configuration error."""
        date_names(options.locales)

    def check(self, doc: Document, options: ForeignDatesOptions) -> Iterator[Match]:
        names = date_names(options.locales)
        weak_keys = _folded(options.lookalikes)
        found = [
            *_word_dates(doc, names, weak_keys),
            *_numeric_month_dates(doc.text, names),
            *_day_first_numeric_dates(doc.text, names),
        ]
        yield from _outermost(found)


def _word_dates(doc: Document, names: DateNames, weak_keys: frozenset[str]) -> Iterator[Match]:
    """Dates around each word that is a foreign month or weekday."""
    text = doc.text
    for word in _name_words(doc.words, names):
        date = _month_date(text, word, names, weak_keys) or _weekday_alone(text, word, names, weak_keys)
        if date is not None:
            yield Match(date.start, date.end, _message(date, names), _english_date(date, names))


def _is_date_name(text: str, names: DateNames) -> bool:
    key = fold(text)
    return key in names.months or key in names.weekdays


def _name_words(words: Sequence[Word], names: DateNames) -> Iterator[Word]:
    """The words that are month or weekday names; of a word joined to numbers ("17-septembre-2022"), its name parts.

    Each spelling is looked up once, and the words that are none (nearly all) are passed over in
    one comprehension.
    """
    spellings = {word.text for word in words}
    named = {spelling for spelling in spellings if _holds_a_name(spelling, names)}
    for word in [word for word in words if word.text in named]:
        if not HAS_DIGIT(word.text):
            yield word
            continue
        for part in LETTERS.finditer(word.text):
            if _is_date_name(part.group(), names):
                yield Word(word.start + part.start(), word.start + part.end(), part.group())


def _holds_a_name(spelling: str, names: DateNames) -> bool:
    """A word without digits that is a name, or a hyphenated one with digits ("17-septembre-2022") and a name part."""
    if not HAS_DIGIT(spelling):
        return _is_date_name(spelling, names)
    return "-" in spelling and any(_is_date_name(part, names) for part in LETTERS.findall(spelling))


def _outermost(matches: Iterable[Match]) -> Iterator[Match]:
    """One finding per date: a match inside another (a weekday's numeric date) is dropped."""
    reach = -1
    for match in sorted(matches, key=lambda m: (m.start, -m.end)):
        if match.end > reach:
            reach = match.end
            yield match


@cache
@on_disk("babel")
def date_names(locales: tuple[str, ...]) -> DateNames:
    """The lookup for one set of locales, built once per process: Babel is imported only here."""
    from babel.dates import get_day_names, get_month_names

    months: dict[str, list[Sense]] = defaultdict(list)
    weekdays: dict[str, list[Sense]] = defaultdict(list)
    languages = {}
    parsed = {code: _parse_locale(code) for code in locales}
    for code, locale in parsed.items():
        languages[code] = locale.get_language_name("en")
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
    patterns = tuple(
        pattern for code, locale in parsed.items() for pattern in _numeric_patterns(code, locale)
    )
    marks = "".join(sorted({c for p in patterns for c in _literals(p.regex.pattern)}))
    return DateNames(
        months={key: tuple(senses) for key, senses in months.items()},
        weekdays={key: tuple(senses) for key, senses in weekdays.items()},
        english=frozenset(english),
        english_months=_english_names(get_month_names),
        english_weekdays=_english_names(get_day_names),
        languages=languages,
        ordinal_locales=frozenset(
            code
            for code, locale in parsed.items()
            if locale.datetime_skeletons["MMMMd"].pattern.startswith("d.")
        ),
        numeric_patterns=patterns,
        numeric_marks=marks,
        mark_stretches=MarkStretches.of(marks, "".join(sorted({c for p in patterns for c in p.characters}))),
        year_marks=_year_marks(parsed.values()),
    )


def _year_marks(locales: Iterable[Any]) -> re.Pattern[str]:
    """A pattern for the words locales put after the year in a date, read from their long date format.

    Russian writes "28 июля 2022 г.": the "г." belongs to the date, to be rewritten with it.
    """
    marks = set()
    for locale in locales:
        found = re.search(r"y+([^\w']*)'([^']+)'(\.?)", locale.date_formats["long"].pattern)
        if found:
            marks.add(found.group(2) + found.group(3))
    alternatives = "|".join(re.escape(mark) for mark in sorted(marks, key=len, reverse=True))
    return re.compile(rf"[^\S\r\n]?(?:{alternatives})(?!\w)" if marks else r"(?!)")


def _parse_locale(code: str) -> Any:
    from babel import Locale, UnknownLocaleError

    try:
        return Locale.parse(code.replace("-", "_"))
    except (UnknownLocaleError, ValueError, TypeError):
        raise ValueError(f"option 'locales': {code!r} is not a locale code Babel knows") from None


def _locale_senses(code: str, locale: Any, get_names: NameGetter) -> Iterator[tuple[str, Sense]]:
    """Each folded spelling of the locale's names with its meaning; a wide spelling is not abbreviated.

    A name of several words is keyed by its first word, the others kept as the sense's tail.
    """
    widths: dict[tuple[str, str, int], set[str]] = defaultdict(set)
    capitals: dict[tuple[str, str, int], bool] = defaultdict(bool)
    for width in WIDTHS:
        for context in CONTEXTS:
            for index, native in get_names(width, context, locale).items():
                first, *rest = native.split()
                spelling = (fold(first), " ".join(fold(word) for word in rest), index)
                widths[spelling].add(width)
                capitals[spelling] |= native[:1].isupper()
    for (key, tail, index), seen in widths.items():
        abbreviated = "wide" not in seen
        yield key, Sense(code, index, abbreviated, capitalized=capitals[key, tail, index], tail=tail)


def _english_names(get_names: NameGetter) -> dict[tuple[int, bool], str]:
    """English name by (index, abbreviated), as CLDR writes them in dates: "January", "Jan"."""
    return {
        (index, width == "abbreviated"): name
        for width in WIDTHS
        for index, name in get_names(width, "format", "en").items()
    }


def _numeric_patterns(code: str, locale: Any) -> Iterator[NumericPattern]:
    """The locale's date patterns as regexes, if it writes the month as a number ("1月", "1월")."""
    from babel.dates import get_day_names, get_month_names

    months = get_month_names("wide", "format", locale)
    if (
        not any(char.isdigit() for char in months[1])
        and "M月" not in locale.datetime_skeletons["yMMMd"].pattern
    ):
        return
    days = [
        *get_day_names("wide", "format", locale).values(),
        *get_day_names("abbreviated", "format", locale).values(),
    ]
    patterns = [locale.datetime_skeletons[s].pattern for s in CJK_SKELETONS]
    patterns += [locale.date_formats[length].pattern for length in ("full", "long")]
    for pattern in dict.fromkeys(patterns):
        regex = re.compile(_pattern_regex(pattern, list(months.values()), days))
        literals = "".join(token.group() for token in CLDR_FIELD.finditer(pattern) if not token.group(1))
        characters = "".join(sorted({*literals, *"".join(months.values()), *"".join(days)}))
        yield NumericPattern(code, regex, characters, anchored=bool(_literals(pattern)))


def _pattern_regex(pattern: str, months: list[str], weekdays: list[str]) -> str:
    """A CLDR pattern ("y年M月d日EEEE") as a regex with the groups year, month, day and weekday."""
    fields = {
        "y": r"(?P<year>[12][0-9]{3})",
        "d": rf"(?P<day>{DAY})(?![0-9])",
        "M": r"(?P<month>1[0-2]|0?[1-9])(?![0-9])",
        "MMM": f"(?P<month_name>{_alternatives(months)})",
        "E": f"(?P<weekday>{_alternatives(weekdays)})",
    }
    parts = []
    for token in CLDR_FIELD.finditer(pattern):
        text, letter = token.group(), token.group(1)
        if letter:
            key = "MMM" if letter in "ML" and len(text) >= 3 else letter.replace("L", "M")
            parts.append(fields[key])
        elif text.isspace():
            parts.append(r"\s*")
        else:
            parts.append(re.escape(text[1:-1].replace("''", "'") if text.startswith("'") else text))
    return "(?<![0-9])" + "".join(parts)


def _alternatives(names: list[str]) -> str:
    return "|".join(re.escape(name) for name in sorted(set(names), key=len, reverse=True))


def _literals(regex: str) -> set[str]:
    """The CJK characters a numeric pattern's regex requires ("年", "月", "日", "월")."""
    return {char for char in regex if unicodedata.category(char) == "Lo" and ord(char) > 0x2E80}


@lru_cache(maxsize=1 << 16)
def fold(name: str) -> str:
    """The lookup key: casefolded, without a trailing dot or accents ("Janv." and "janv" meet)."""
    if name.isascii():  # most words: no accents to take off
        return name.casefold().rstrip(".")
    decomposed = unicodedata.normalize("NFD", name.casefold().rstrip("."))
    bare = "".join(char for char in decomposed if not unicodedata.combining(char))
    return bare.translate(ASCII_FALLBACKS)


@cache
def _folded(names: tuple[str, ...]) -> frozenset[str]:
    return frozenset(fold(name) for name in names)


def _senses(text: str, table: Mapping[str, tuple[Sense, ...]], names: DateNames) -> tuple[Sense, ...]:
    """The foreign meanings of a word; none if it is an English month or day name."""
    if text.casefold() in names.english or HAS_DIGIT(text):
        return ()
    return table.get(fold(text), ())


def _whole_name(text: str, word: Word, senses: tuple[Sense, ...]) -> tuple[Word, tuple[Sense, ...]]:
    """The name completed over its following words when it has several ("كانون الثاني"), or the word alone."""
    tails = sorted(
        {sense.tail for sense in senses if sense.tail}, key=lambda tail: len(tail.split()), reverse=True
    )
    if not tails:
        return word, senses
    following = list(_next_words(text, word.end, len(tails[0].split())))
    for tail in tails:
        size = len(tail.split())
        if " ".join(fold(found["word"]) for found in following[:size]) == tail and len(following) >= size:
            end = following[size - 1].end()
            matching = tuple(s for s in senses if s.tail == tail)
            return Word(word.start, end, text[word.start : end]), matching
    return word, tuple(s for s in senses if not s.tail)


def _next_words(text: str, end: int, count: int) -> Iterator[re.Match[str]]:
    """Up to `count` words after `end`, on the same line."""
    for _ in range(count):
        found = NEXT_WORD.match(text, end)
        if not found:
            return
        yield found
        end = found.end()


def _month_date(text: str, word: Word, names: DateNames, weak_keys: frozenset[str]) -> ForeignDate | None:
    """A date around a foreign month, or around an English-spelled one in a foreign-shaped date."""
    senses = _senses(word.text, names.months, names)
    if senses:
        month, senses = _whole_name(text, word, senses)
        if not senses:
            return None
        date = _read_date(text, month, senses, names)
        if date is None:
            return _month_alone(text, month, senses, weak_keys)
        return _narrowed_to_ordinal(date, names) if _is_convincing(text, date, weak_keys) else None
    english_spelled = names.months.get(fold(word.text), ()) if word.text.casefold() in names.english else ()
    return _foreign_shaped(text, word, english_spelled, names) if english_spelled else None


def _narrowed_to_ordinal(date: ForeignDate, names: DateNames) -> ForeignDate:
    """After an ordinal day ("3. Oktober") only the languages that write one are meant."""
    ordinal = tuple(s for s in date.month.senses if s.locale in names.ordinal_locales)
    if not date.ordinal or not ordinal:
        return date
    return replace(date, month=replace(date.month, senses=ordinal))


def _read_date(text: str, month: Word, senses: tuple[Sense, ...], names: DateNames) -> ForeignDate | None:
    """The date around a month name, or None when no day or year stands next to it."""
    after = month.end
    if text.startswith(".", after) and any(s.abbreviated for s in senses):
        after += 1
    before = DAY_BEFORE.search(text, max(0, month.start - DAY_WINDOW), month.start)
    tail = (None if before else DAY_YEAR_AFTER.match(text, after)) or YEAR_AFTER.match(text, after)
    joint = tail.groupdict().get("joint") if tail else None
    if joint and not (before and before["joint"] == joint):
        tail = None  # "octubre/2020" only with "12/" before it
    if before and before["joint"] and not tail:
        before = None
    if before is None and tail is None:
        return None
    found = [match for match in (before, tail) if match]
    groups = {key: value for match in found for key, value in match.groupdict().items() if value}
    end = tail.end() if tail else month.end
    if tail and tail.groupdict().get("year"):
        year_mark = names.year_marks.match(text, end)
        end = year_mark.end() if year_mark else end
    date = ForeignDate(
        start=before.start() if before else month.start,
        end=end,
        month=DatePart("month", month.text, senses),
        day=groups.get("day"),
        year=groups.get("year"),
        linked="link" in groups,
        month_first=before is None and "day" in groups,
        ordinal="ordinal" in groups,
    )
    return _with_weekday(text, date, names)


def _with_weekday(text: str, date: ForeignDate, names: DateNames) -> ForeignDate:
    """The date extended over a weekday of the month's language just before it ("lunes 21 de marzo").

    A weekday of another language is more likely an English word ("So 21 de enero").
    """
    found = WEEKDAY_BEFORE.search(text, max(0, date.start - WEEKDAY_WINDOW), date.start)
    if not found or date.month is None:
        return date
    month_locales = {s.locale for s in date.month.senses}
    senses = tuple(s for s in _senses(found["weekday"], names.weekdays, names) if s.locale in month_locales)
    if not senses:
        return date
    weekday = DatePart("weekday", found["weekday"], senses)
    return replace(date, start=found.start(), weekday=weekday, weekday_sep=found["sep"].replace("،", ","))


def _foreign_shaped(text: str, word: Word, senses: tuple[Sense, ...], names: DateNames) -> ForeignDate | None:
    """An English-spelled month in a foreign date: "14. November", "zaterdag 6 november 2021".

    The month is foreign by its company: a German ordinal day (not a list number at a line's
    start), a weekday of a language that spells the month so, or a lowercase month with day and year.
    """
    date = _read_date(text, word, senses, names)
    if date is None or (date.day is None and date.year is None):
        return None
    ordinal = tuple(s for s in senses if s.locale in names.ordinal_locales)
    if date.weekday is not None:
        locales = {s.locale for s in date.weekday.senses}
        return replace(
            date, month=DatePart("month", word.text, tuple(s for s in senses if s.locale in locales))
        )
    if date.ordinal and ordinal and date.day and not _starts_line(text, date.start):
        return replace(date, month=DatePart("month", word.text, ordinal))
    lowercase = tuple(s for s in senses if not s.capitalized)
    if word.text.islower() and lowercase and _lowercase_dated(word.text, date):
        return replace(date, month=DatePart("month", word.text, lowercase))
    return None


def _lowercase_dated(month: str, date: ForeignDate) -> bool:
    """A lowercase month with a year ("november 2021", "6 november 2021"), or a full name after a day ("20 december").

    English capitalises its months, so "on 20 december" is written by a language that does not
    (Dutch, Swedish); an abbreviation after a day ("14 mar") may be English shorthand.
    """
    if date.year:
        return date.day is not None or len(month) > 3
    return date.day is not None and not date.month_first and len(month) > 3


def _starts_line(text: str, start: int) -> bool:
    """Whether only spaces stand between the line's start and `start`: "3. November" numbering a list."""
    before = start
    while before > 0 and text[before - 1] in " \t":
        before -= 1
    return before == 0 or text[before - 1] in "\r\n"


def _month_alone(
    text: str, month: Word, senses: tuple[Sense, ...], weak_keys: frozenset[str]
) -> ForeignDate | None:
    """A month with no day or year, after a date word: "in late juni", "a mediados de marzo"."""
    if not _stands_alone(text, month, senses, weak_keys):
        return None
    return ForeignDate(
        month.start, month.end, DatePart("month", month.text, senses), None, None, False, False
    )


def _weekday_alone(text: str, word: Word, names: DateNames, weak_keys: frozenset[str]) -> ForeignDate | None:
    """A foreign weekday after a date word ("on Dienstag"), or before a numeric date ("Mercredi 14/03/2018")."""
    senses = _senses(word.text, names.weekdays, names)
    if not senses:
        return None
    numeric = _numeric_after(text, word.end)
    weekday = DatePart("weekday", word.text, senses)
    if numeric is None:
        if not _stands_alone(text, word, senses, weak_keys):
            return None
        return ForeignDate(word.start, word.end, None, None, None, False, False, weekday=weekday)
    if all(s.abbreviated for s in senses) or _is_short(word.text):
        return None
    end = numeric.end()
    return ForeignDate(
        word.start, end, None, None, None, False, False, weekday=weekday, weekday_sep=text[word.end : end]
    )


def _numeric_after(text: str, end: int) -> re.Match[str] | None:
    """A numeric date right after a weekday: "Mercredi 14/03/2018"."""
    space = SPACE_THEN_NUMERIC.match(text, end)
    return NUMERIC_DATE.match(text, space.end()) if space else None


def _stands_alone(text: str, word: Word, senses: tuple[Sense, ...], weak_keys: frozenset[str]) -> bool:
    """A month or weekday with no date around it, after a date word and strong enough to be one."""
    cue = _word_before(text, word.start)
    return cue in CUE_WORDS and _is_strong_name(text, word, senses, cue, weak_keys)


def _is_strong_name(
    text: str, word: Word, senses: tuple[Sense, ...], cue: str | None, weak_keys: frozenset[str]
) -> bool:
    """Whether a month or weekday with no date around it is one: a full name, not a proper name, not weak."""
    if all(s.abbreviated for s in senses) or text.startswith(("'s", "’s"), word.end):
        return False
    if _is_short(word.text) and cue not in STRONG_DATE_WORDS:
        return False
    if _looks_like_proper_name(word.text, senses):
        return False
    return fold(word.text) not in weak_keys or (
        cue in STRONG_DATE_WORDS or (word.text.islower() and cue is not None)
    )


def _word_before(text: str, start: int) -> str | None:
    """The lowercased word before `start` on the same line, or "mid" for "mid-"."""
    found = WORD_BEFORE.search(text, max(0, start - DAY_WINDOW), start)
    if not found:
        return None
    return (found["word"] or found["joined"]).casefold()


def _is_convincing(text: str, date: ForeignDate, weak_keys: frozenset[str]) -> bool:
    """Whether the context outweighs the chance that the name is English ("3 set", "Mars 2020")."""
    if date.day and date.year:
        return True
    month = date.month
    cue = _word_before(text, date.start)
    weak = _is_weak(month.text, weak_keys)
    if _looks_like_proper_name(month.text, month.senses) and not _is_dated(text, date, cue, weak):
        return False
    if date.linked or not weak:
        return True
    return cue in DATE_WORDS and (not _is_short(month.text) or _ends_short_date(text, date))


def _ends_short_date(text: str, date: ForeignDate) -> bool:
    """A short lowercase name closing a date: "in maj 2022", "on 17 mei." but not "on 3 set points"."""
    return date.month.text.islower() and (date.year is not None or NEXT_WORD.match(text, date.end) is None)


def _is_dated(text: str, date: ForeignDate, cue: str | None, weak: bool) -> bool:
    """A capitalised month with a day, after a date word and before no name: "on 5 de Março", "on 20 Maart".

    Not a name of several capitalised words ("on 9 de Julio Avenue"), nor a weak one before a word
    ("on 21 Mars nights").
    """
    following = NEXT_WORD.match(text, date.end)
    named = following is not None and following["word"][:1].isupper()
    alone = following is None or date.linked or not weak
    return cue in DATE_WORDS and date.day is not None and not named and alone


def _is_weak(text: str, weak_keys: frozenset[str]) -> bool:
    """Listed lookalikes, and short ASCII names, which double as acronyms ("TEM", "OTT", "NIS")."""
    return fold(text) in weak_keys or _is_short(text)


def _is_short(text: str) -> bool:
    key = fold(text)
    return len(key) <= 3 and key.isascii()


def _looks_like_proper_name(text: str, senses: tuple[Sense, ...]) -> bool:
    """Capitalised where the language writes the name in lowercase: a street, a holiday, a person."""
    return text[:1].isupper() and not any(s.capitalized for s in senses)


def _numeric_month_dates(text: str, names: DateNames) -> Iterator[Match]:
    """Dates of locales that write the month as a number ("2022年1月27日木曜日"), read with their CLDR patterns.

    A pattern with a mark among its literals is tried only on the stretches around the marks
    (a pass over the whole text per pattern was most of the rule's time); in pattern order,
    since two locales may read the same date.
    """
    if not names.numeric_marks or not any(mark in text for mark in names.numeric_marks):
        return
    stretches = list(names.mark_stretches.find(text))
    for pattern in names.numeric_patterns:
        for start, end in stretches if pattern.anchored else [(0, len(text))]:
            for found in pattern.regex.finditer(text, start, end):
                date = _numeric_month_date(found, pattern.locale, names)
                if date is not None:
                    yield Match(found.start(), found.end(), _message(date, names), _english_date(date, names))


def _numeric_month_date(found: re.Match[str], locale: str, names: DateNames) -> ForeignDate | None:
    """The parts of a matched numeric-month date, with the month as a sense so the message can name it."""
    groups = found.groupdict()
    if groups.get("month_name"):
        senses = tuple(s for s in names.months.get(fold(groups["month_name"]), ()) if s.locale == locale)
        index = senses[0].index if senses else None
    else:
        index = int(groups["month"])
    if index is None:
        return None
    month = DatePart("month", found.group(), (Sense(locale, index, abbreviated=False, capitalized=False),))
    weekday = None
    if groups.get("weekday"):
        day_senses = tuple(s for s in names.weekdays.get(fold(groups["weekday"]), ()) if s.locale == locale)
        weekday = DatePart("weekday", groups["weekday"], day_senses[:1]) if day_senses else None
    date = ForeignDate(found.start(), found.end(), month, groups.get("day"), groups.get("year"), False, False)
    return replace(date, weekday=weekday, weekday_sep=" ") if weekday else date


def _day_first_numeric_dates(text: str, names: DateNames) -> Iterator[Match]:
    """Numeric dates that can only be day first; slashes are British too (info), dots and hyphens never English."""
    for found in NUMERIC_DATE.finditer(text):
        day, month, year = int(found["day"]), int(found["month"]), found["year"]
        english = f"{day} {names.english_months[month, False]} {year}" if len(year) == 4 else None
        severity = Severity.INFO if found["sep"] == "/" else Severity.WARNING
        message = (
            f"Numeric date '{found.group()}' in day-first order: English readers may take it for month-first"
        )
        yield Match(found.start(), found.end(), message, english, severity=severity)


def _message(date: ForeignDate, names: DateNames) -> str:
    """Names the language and each foreign name with its English meaning, e.g.
    "Spanish weekday 'lunes' (Monday) and month 'marzo' (March) in an English date"."""
    parts = [p for p in (date.weekday, date.month) if p is not None]
    codes = [s.locale for s in parts[0].senses]
    if date.month is not None and date.month.text.casefold() in names.english and date.weekday is None:
        lowercase = "" if date.ordinal else ", where English capitalises the month"
        return f"{_languages(codes, names)} date form '{_written_form(date)}' in an English date{lowercase}"
    if date.month is not None and any(char.isdigit() for char in date.month.text):
        return f"{_languages(codes, names)} date '{date.month.text}' in English copy"
    described = " and ".join(f"{p.kind} '{p.text}' ({_meaning(p, names)})" for p in parts)
    return f"{_languages(codes, names)} {described} in an English date"


def _written_form(date: ForeignDate) -> str:
    """An English-spelled month's date as its language writes it: "14. November", "20 december", "november 2021"."""
    day = f"{date.day}." if date.ordinal else date.day
    return " ".join(piece for piece in (day, date.month.text, date.year) if piece)


def _languages(codes: list[str], names: DateNames) -> str:
    """Language names in the configured order: "Spanish or Italian", "Spanish, Italian or Portuguese"."""
    unique = list(dict.fromkeys(names.languages[code] for code in codes))
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
    month = _english(date.month, names) if date.month else ""
    weekday = _english(date.weekday, names) if date.weekday else ""
    if month is None or weekday is None:
        return None
    if not month:
        return None if date.weekday_sep.strip(", ") else weekday  # a weekday with a numeric date: no rewrite
    if date.month_first:
        core = f"{month} {date.day}, {date.year}"
    else:
        core = " ".join(piece for piece in (_day_number(date.day), month, date.year) if piece)
    return f"{weekday}{date.weekday_sep}{core}" if weekday else core


def _day_number(day: str | None) -> str | None:
    """ "03" and "3" as "3" (a numeric-month locale pads), in plain digits."""
    return str(int(day)) if day else None
