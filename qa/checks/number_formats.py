"""Numbers written in the source locale's format ("1,5 million", "3.000 soldiers", "12.345,67").

Continental European languages swap the English marks: a comma before decimals,
a dot (or a space) between thousands. Translation engines carry the digits over
untouched, so "1,5 millones" becomes "1,5 million", and "3.000 soldados" becomes
"3.000 soldiers", which an English reader takes for three.

Many such numbers are also correct English, so a number is reported only when its
form has no English reading, or when what follows settles it:
- "12.345,67" (dots, then a comma), "1 234,5" (spaced thousands and a decimal comma)
  and "1.234.567" (several dot groups) are never English, except in IP addresses
  ("192.168.100.200"), and dotted phone numbers ("030.123.456", "tel. 912.345.678");
- one or two digits after a comma ("1,5", "2,75") are a decimal comma before a count,
  a unit, a currency, a magnitude or a percentage ("1,5 million", "€2,50", "2,75%"),
  or after a zero ("0,5"); bare, they may be a list ("verses 1,2");
- one dot group ("3.000") is a thousands separator before a count noun ("3.000
  soldiers", "20.000 new cases"), or before a unit, currency or magnitude, or after a
  currency sign, if it ends in 0 ("20.000 euros", "€1.500", "1.500 million"): an English
  writer drops a decimal's trailing zeros. English decimals stay unreported: "1.125
  billion", "the euro at 1.135 dollars", "a 4.250% coupon", "1.000, 2.125 and 3.250";
  A dot group that no count, unit or currency settles is thousands too when it ends
  in 0 or follows a count noun ("2.350 were counted", "cases rose to 2.713"), counts a
  plural noun that is no unit ("29.300 artifacts"; CLDR's English unit and currency
  names, through Babel, keep "2.256 seconds" and tell "8.400 won"), stands in brackets
  beside whole figures ("Japan (974), China (4.721)"), or, with nothing to settle it,
  in a document that writes other thousands with dots; unless it is in a list of
  numbers ("1.000, 2.125 and 3.250") or names something ("No. 2.350", "section 3.000");
- a decimal comma in a list whose other numbers have a decimal point ("48.12 and 48,8"),
  or before any other word ("7,5 earthquake", "3,8l") is reported too,
  unless the number follows a list head ("verses 1,2"), a month ("March 3,10 people":
  a lost space) or ends a list ("1,2 and 3");
- thousands grouped with a space, a no-break or a narrow no-break space ("75 000") and
  a space before the percent sign ("15 %") are French, Russian or German typography, also
  with a unit glued on and no noun after ("5 500m," but not "2 100m titles"); the
  SI thin space (U+2009) is left alone, and `thousands_spaces` names the spaces reported;
- three digits after a comma ("1,500 kg") are English thousands, whatever the source
  meant: the form is ambiguous, so it is never reported.
Dates ("21.01.2022"), times ("12.30pm"), versions ("2.0.1"), scores and lists ("1,2,3")
have other shapes and are left alone.
"""

from __future__ import annotations

import calendar
import re
import unicodedata
from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass
from enum import Enum, auto
from functools import cache
from itertools import accumulate
from typing import ClassVar

from qa.cache import on_disk
from qa.checks.base import data_file, option, word_list
from qa.checks.stray_capitals import load_function_words
from qa.document import Document
from qa.findings import Match

SPACES = " \u00a0\u202f\u2009"
NUMBER = re.compile(r"\d(?<![\w.,:/].)\d*(?:[.,]\d+)*")
"""A run of digits with dots or commas between them, not inside a word, time or fraction.

Here and below, the look-behinds that say what may stand before a number come after its first
digit (reading one character more), so that the regex engine skips to digits instead of trying
every position of the text."""
SPACE_GROUPED = re.compile(
    rf"\d(?<![\w.,:/].)(?<!\d[{SPACES}].)\d{{0,2}}(?:[{SPACES}]\d{{3}})+,(?:\d{{1,2}}|\d{{4,}})(?!\d)"
)
"""Spaced thousands and a decimal comma: "1 234,5"; three decimals ("5 150,000") are ambiguous."""
DOT_AND_COMMA = re.compile(r"\d{1,3}(?:\.\d{3})+,\d+")
DOT_GROUPED = re.compile(r"\d{1,3}(?:\.\d{3})+")
DECIMAL_COMMA = re.compile(r"\d+,\d{1,2}")

RANGE_TAIL = re.compile(
    rf"(?:[{SPACES}]?[-–][{SPACES}]?|[{SPACES}](?:to|and|or)[{SPACES}])[$€£]?\d+(?:[.,]\d+)*"
)
"""The rest of a range, whose end carries the unit for both numbers: "3.000 to 4.000 soldiers"."""
PERCENT = re.compile(
    rf"[{SPACES}]?(?:%|(?:per[{SPACES}]?cent|percent|pct|percentage[{SPACES}]points?)\b)", re.IGNORECASE
)
DEGREES = re.compile(rf"[{SPACES}]?[°℃℉]")
FIRST_WORD = re.compile(rf"(?:[{SPACES}]|-)?([^\W\d_]+)")
NEXT_WORD = re.compile(rf"[{SPACES}]([^\W\d_]+)")
CURRENCY_BEFORE = re.compile(rf"(?:[$€£¥₹₽₺₩₴]|\b(?P<code>[A-Z]{{3}}))[{SPACES}]?\Z")
YEAR_AFTER_PREPOSITION = re.compile(
    rf"(?i:\b(?:in|since|by|until|till|from|of|during|before|after))[{SPACES}]\Z"
)
"""Before "2019,10 million", a year and a lost space, not a decimal: "In 2019,10 million visited"."""
PHONE_BEFORE = re.compile(
    r"(?i:\b(?:tel|phone|telephone|fax|call|mobile|whatsapp)\b\W{0,12}|\+\d{1,3}[ .\u00a0]?)\Z"
)
AND_OR = r"\s(?:and|or|&)\s"
"""The word joining the last two numbers of a list: "2.125 and 3.250"."""
LIST_NEIGHBOUR_AFTER = re.compile(rf",\s?\d|{AND_OR}\d+(?![.,]\d)")
"""Another number after it: "1.000, 2.125 and 3.250", "verses 1,2 and 3" are lists, not one quantity."""
LIST_NEIGHBOUR_BEFORE = re.compile(rf"\d(?:,\s?|{AND_OR})\Z")
POINT_NEIGHBOUR_AFTER = re.compile(rf"(?:,\s|{AND_OR})\d+\.\d+(?![.,]?\d)")
POINT_NEIGHBOUR_BEFORE = re.compile(rf"(?<![\d.,])\d+\.\d+(?:,\s|{AND_OR})\Z")
"""A neighbour in a list written with a decimal point, which settles the mark of the number beside it."""
NAMING_WORD_BEFORE = re.compile(
    r"(?i:\b(?:no|nos|number|section|sections|article|articles|rule|rules|chapter|chapters|clause|verse|"
    r"verses|page|pages|pp|paragraph|paragraphs|figure|fig|table|item|items|model|version|v|flight|route|"
    r"question|questions|point|points|level|grade|step|phase))\.?[\s\u00a0]\Z"
)
"""Words before a number that names or lists rather than counts: "No. 2.350", "verses 1,2"."""
BRACKET_BEFORE = re.compile(r"[(\[]\Z")
WORD_AFTER = re.compile(r"[ \u00a0]?([^\W\d_]+)")
MONTHS = frozenset(name.lower() for name in (*calendar.month_name, *calendar.month_abbr) if name)
"""English month names (the C locale's), before "3,10 people": a date and a lost space."""
COUNT_NOUN_WINDOW = 48
"""How many characters before a number to look for the count noun it totals ("cases rose to 2.713")."""
LOOKBEHIND = 24
"""How many characters before a number to search for a currency, a preposition or a phone label."""
SENTENCE_WINDOW = 160
"""How far around a number to look, inside its sentence, for a figure it is compared with."""
SENTENCE_END = re.compile(r"[.!?;]\s")
WHOLE_FIGURE = re.compile(r"(?<![\w.,:/])(?:\d{1,3}(?:,\d{3})+|[1-9]\d{2,})(?![\w%]|[.,]\d)")
"""A whole number of a hundred or more, with English thousands or none: "2,755", "974"."""
YEARS = (1800, 2100)
"""Four digits in this range are more likely a year than a figure to compare with."""
SINGULAR_ENDINGS = ("ss", "us", "is", "ous")
"""Words ending in "s" that are not plurals: "gross", "bonus", "basis", "various"."""
IP_GROUPS = 4
IP_GROUP_MAX = 255


class Quantity(Enum):
    COUNT = auto()
    """Whole things: people, soldiers, homes."""
    MEASURE = auto()
    """A unit, currency or magnitude: euros, tonnes, million."""
    PERCENT = auto()
    THINGS = auto()
    """A plural noun that no list names: "monuments", "vessels"."""


@dataclass(frozen=True, kw_only=True)
class NumberFormatsOptions:
    count_nouns_file: str | None = option(
        None, "Nouns counted in whole numbers (soldiers, people), one a line; none: the built-in list."
    )
    units_file: str | None = option(
        None, "Units, currencies and magnitudes (euros, tonnes, million), one a line; none: built-in list."
    )
    function_words_file: str | None = option(
        None, 'Words that are not a unit ("were", "and"), one a line; none: rules/data/function-words.txt.'
    )
    thousands_spaces: tuple[str, ...] = option(
        ("SPACE", "NO-BREAK SPACE", "NARROW NO-BREAK SPACE"),
        'Unicode names of the spaces reported between thousands ("75 000") and before "%"; '
        "the SI thin space is not among them.",
    )


@dataclass(frozen=True, slots=True)
class Vocabulary:
    count_nouns: frozenset[str]
    units: frozenset[str]
    function_words: frozenset[str]
    measure_words: frozenset[str]
    """CLDR's English unit words ("seconds", "yd", "carats"): a plural among them measures, not counts."""
    currencies: frozenset[str]
    """CLDR's English names of the currencies in use, their last word ("won", "hryvnia")."""


class NumberFormats:
    """Decimal commas and dot or space thousands of another locale, with the English form."""

    name: ClassVar[str] = "number_formats"
    Options: ClassVar[type] = NumberFormatsOptions
    fixable: ClassVar[str] = "always"

    def prepare(self, options: NumberFormatsOptions) -> None:
        load_vocabulary(options.count_nouns_file, options.units_file, options.function_words_file)

    def check(self, doc: Document, options: NumberFormatsOptions) -> Iterator[Match]:
        vocabulary = load_vocabulary(
            options.count_nouns_file, options.units_file, options.function_words_file
        )
        text = doc.text
        found = list(_spaced_numbers(text, spaced_patterns(options.thousands_spaces), vocabulary))
        covered = Covered([(m.start, m.end) for m in found])
        readings = [
            _foreign_number(text, n, vocabulary) for n in NUMBER.finditer(text) if n.start() not in covered
        ]
        found += [reading for reading in readings if isinstance(reading, Match)]
        if any("." in text[m.start : m.end] for m in found):
            found += [reading.match for reading in readings if isinstance(reading, Unsettled)]
        yield from sorted(found, key=lambda m: m.start)


@dataclass(frozen=True, slots=True)
class Unsettled:
    """A dot group that nothing around it settles ("adolescents - 144.613"): thousands if the
    document writes other thousands with dots ("women - 10.645"), else a decimal."""

    match: Match


@dataclass(frozen=True, slots=True)
class SpacedPatterns:
    """The shapes that a space makes foreign, built from the spaces the options report."""

    thousands: re.Pattern[str]
    percent: re.Pattern[str]


@cache
def spaced_patterns(space_names: tuple[str, ...]) -> SpacedPatterns:
    """ "75 000" and "15 %" with the named spaces; a group must not run on into more digits or a word."""
    spaces = re.escape("".join(unicodedata.lookup(name) for name in space_names)) or "(?!)"
    thousands = (
        rf"(?P<number>[1-9](?<![\w.,:/+].)(?<!\d[{SPACES}].)\d{{0,2}}(?:[{spaces}]\d{{3}})+)"
        rf"(?P<unit>[^\W\d_]+)?(?![\d\w-]|[{SPACES}]\d|[.,]\d)"
    )
    percent = rf"\d(?<![\w.,:/].)\d*(?:[.,]\d+)?[{spaces}]%"
    return SpacedPatterns(re.compile(thousands), re.compile(percent))


def _spaced_numbers(text: str, patterns: SpacedPatterns, vocabulary: Vocabulary) -> Iterator[Match]:
    """Spaced thousands with a decimal comma ("1 234,5"), spaced thousands ("75 000"), "15 %"."""
    grouped = list(SPACE_GROUPED.finditer(text))
    for found in grouped:
        yield _match(found.start(), found.group(), "spaces between thousands and a decimal comma")
    covered = Covered([found.span() for found in grouped])
    percents = [found for found in patterns.percent.finditer(text) if found.start() not in covered]
    for found in percents:
        yield _percent_match(found.start(), found.group())
    covered = Covered([found.span() for found in (*grouped, *percents)])
    for found in patterns.thousands.finditer(text):
        if found.start() in covered or _phone_before(text, found.start()):
            continue
        if found.group("unit") is None or _measures_alone(text, found, vocabulary):
            yield _match(found.start(), found.group("number"), "spaces between thousands")


def _measures_alone(text: str, found: re.Match[str], vocabulary: Vocabulary) -> bool:
    """ "at an altitude of 5 500m, and": a unit glued on, no noun after it; "won 2 100m titles" is two."""
    unit = found.group("unit").lower()
    is_unit = unit in vocabulary.units or unit in vocabulary.measure_words
    return is_unit and not _content_word_after(text, found.end(), vocabulary)


class Covered:
    """Spans already reported, asked whether an offset falls inside one: a bisect, not a scan of them all."""

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        spans = sorted(spans)
        self.starts = [start for start, _ in spans]
        self.reach = list(accumulate((end for _, end in spans), max))
        """The furthest end of the spans up to each: spans may overlap."""

    def __contains__(self, offset: int) -> bool:
        index = bisect_right(self.starts, offset) - 1
        return index >= 0 and offset < self.reach[index]


def _foreign_number(text: str, number: re.Match[str], vocabulary: Vocabulary) -> Match | Unsettled | None:
    digits, start, end = number.group(), number.start(), number.end()
    if DOT_AND_COMMA.fullmatch(digits):
        return _match(start, digits, "dots between thousands and a decimal comma")
    if DOT_GROUPED.fullmatch(digits):
        if digits.startswith("0"):
            return None  # "$0.250", "030.123.456": no thousands follow a leading zero
        if digits.count(".") > 1:
            if _is_address_or_phone(text, start, digits):
                return None
            return _match(start, digits, "dots between thousands")
        thousands = _dot_is_thousands(text, start, end, digits, vocabulary)
        if thousands is None:
            return Unsettled(_match(start, digits, "a dot between thousands"))
        return _match(start, digits, "a dot between thousands") if thousands else None
    if DECIMAL_COMMA.fullmatch(digits) and _comma_is_decimal(text, start, end, digits, vocabulary):
        return _match(start, digits, "a decimal comma")
    return None


def _dot_is_thousands(text: str, start: int, end: int, digits: str, vocabulary: Vocabulary) -> bool | None:
    """ "3.000 soldiers", "20.000 euros", "€1.500", "2.350 were counted", "cases rose to 2.713".

    Not "1.125 billion", "4.250%", "1.000, 2.125 and 3.250" or "No. 2.350". None: nothing settles it.
    """
    quantity = _quantity_after(text, end, vocabulary)
    if quantity is Quantity.COUNT:
        return True
    if quantity is Quantity.PERCENT:
        return False  # "4.250%": a rate written to three places
    if quantity is Quantity.MEASURE or _currency_before(text, start, vocabulary):
        return digits.endswith("0")
    if _names_or_lists(text, start, end):
        return False  # "No. 2.350", "1.000, 2.125 and 3.250 readings"
    if quantity is Quantity.THINGS:
        return True  # "29.300 artifacts": an English decimal measures, it does not count
    if _content_word_after(text, end, vocabulary):
        return False  # "a 9.580 second run": an unlisted unit may follow
    before = _quantity_before(text, start, vocabulary)
    if before is not None:
        return before is Quantity.COUNT  # "cases rose to 2.713", not "the yen traded at 114.256"
    return digits.endswith("0") or _whole_figure_beside(text, start, end) or None


def _whole_figure_beside(text: str, start: int, end: int) -> bool:
    """A figure in brackets, in a sentence with whole numbers of a hundred or more: "Japan (974), China (4.721)".

    Bracketed figures set side by side are alike: beside "(2,755 people)" or "(974)",
    "(75.762)" is a count written with the source's thousands dot. "The ratio was 4.721"
    compares nothing.
    """
    if not BRACKET_BEFORE.search(text, max(0, start - 1), start):
        return False
    before = SENTENCE_END.split(text[max(0, start - SENTENCE_WINDOW) : start])[-1]
    after = SENTENCE_END.split(text[end : end + SENTENCE_WINDOW])[0]
    return any(not _is_year(figure.group()) for figure in WHOLE_FIGURE.finditer(before + " " + after))


def _is_year(figure: str) -> bool:
    return len(figure) == len("2022") and YEARS[0] <= int(figure) <= YEARS[1]


def _plural_measure(word: str, vocabulary: Vocabulary) -> bool:
    """ "yards", "seconds": a unit in the plural; a singular one ("a 9.580 second lap") may be a modifier."""
    singular = (word[:-1], word[:-2]) if word.endswith("s") and word in vocabulary.measure_words else ()
    return any(form in vocabulary.measure_words for form in singular)


def _plural_noun(word: str, vocabulary: Vocabulary) -> bool:
    """A lowercase plural that is no unit: "monuments", "vessels"; not "seconds", "this" or "has"."""
    return (
        len(word) > len("pigs")
        and word.endswith("s")
        and not word.endswith(SINGULAR_ENDINGS)
        and word.islower()
        and word not in vocabulary.function_words
        and not _listed(word, vocabulary.units)
        and word not in vocabulary.measure_words
    )


def _comma_is_decimal(text: str, start: int, end: int, digits: str, vocabulary: Vocabulary) -> bool:
    """ "1,5 million", "2,75%", "€2,50", "0,5", "7,5 earthquake"; not a bare "1,2" nor "in 2019,10 million"."""
    integer = digits.split(",")[0]
    if integer == "0":
        return True
    window = text[max(0, start - LOOKBEHIND) : start]
    if len(integer) == 4 and YEAR_AFTER_PREPOSITION.search(window):
        return False
    if _after_month(window):
        return False
    if _quantity_after(text, end, vocabulary) is not None or _currency_before(text, start, vocabulary):
        return True
    if _listed_beside_decimal_point(text, end, window):
        return True  # "rules 48.12 and 48,8": one list, two decimal marks
    if BRACKET_BEFORE.search(window) or _names_or_lists(text, start, end, window):
        return False  # "(3,4)", "verses 1,2"
    return _content_word_after(text, end, vocabulary)


def _names_or_lists(text: str, start: int, end: int, window: str | None = None) -> bool:
    """A number in a list ("1.000, 2.125 and 3.250", "1,2 and 3") or naming a thing ("No. 2.350")."""
    window = text[max(0, start - LOOKBEHIND) : start] if window is None else window
    if LIST_NEIGHBOUR_AFTER.match(text, end) or LIST_NEIGHBOUR_BEFORE.search(window):
        return True
    return NAMING_WORD_BEFORE.search(window) is not None


def _listed_beside_decimal_point(text: str, end: int, window: str) -> bool:
    """A number in the same list has a decimal point: "48.12 and 48,8", "1,5, 2.5 and 3.5"; `window` is before it."""
    return bool(POINT_NEIGHBOUR_AFTER.match(text, end) or POINT_NEIGHBOUR_BEFORE.search(window))


def _after_month(window: str) -> bool:
    """ "On March 3,10 people were hurt": a date, then a lost space, not a decimal."""
    words_before = window.split()
    return bool(words_before) and words_before[-1].rstrip(".").lower() in MONTHS


def _content_word_after(text: str, end: int, vocabulary: Vocabulary) -> bool:
    """A lower-case word that a decimal can measure follows: "7,5 earthquake", "3,8l"; not "were" or "LED"."""
    word = WORD_AFTER.match(text, end)
    return word is not None and word.group(1).islower() and word.group(1) not in vocabulary.function_words


def _quantity_before(text: str, start: int, vocabulary: Vocabulary) -> Quantity | None:
    """What the clause just before totals or measures: "cases rose to 2.713", "the yen traded at 114.250"."""
    window = re.split(r"[.;:!?]\s", text[max(0, start - COUNT_NOUN_WINDOW) : start])[-1]
    words = [word.lower() for word in re.findall(r"[^\W\d_]+", window)]
    if any(_listed(word, vocabulary.count_nouns) for word in words):
        return Quantity.COUNT
    return Quantity.MEASURE if any(_listed(word, vocabulary.units) for word in words) else None


def _quantity_after(text: str, end: int, vocabulary: Vocabulary) -> Quantity | None:
    """What the number counts or measures, from the words after it (or after the end of its range)."""
    tail = RANGE_TAIL.match(text, end)
    if tail:
        end = tail.end()
    if PERCENT.match(text, end):
        return Quantity.PERCENT
    if DEGREES.match(text, end):
        return Quantity.MEASURE
    first = FIRST_WORD.match(text, end)
    if first is None:
        return None
    word = first.group(1).lower()
    second = NEXT_WORD.match(text, first.end())
    following = second.group(1).lower() if second else ""
    if (
        _listed(word, vocabulary.units)
        or _listed(word, vocabulary.currencies)
        or _plural_measure(word, vocabulary)
    ):
        return Quantity.MEASURE
    if _listed(word, vocabulary.count_nouns) or _listed(following, vocabulary.count_nouns):
        return Quantity.COUNT  # "20.000 soldiers", "20.000 Russian soldiers"
    if _plural_noun(first.group(1), vocabulary) or (
        word not in vocabulary.function_words and _plural_noun(following, vocabulary)
    ):
        return Quantity.THINGS  # "29.300 artifacts", "5.300 ancient monuments"
    return None


def _listed(word: str, words: frozenset[str]) -> bool:
    """In the list as written or as a regular plural ("soldiers", "taxes")."""
    if word in words:
        return True
    if len(word) <= len("has"):
        return False  # "has" is no plural of the hectare's "ha"
    return word.endswith("s") and (word[:-1] in words or word.endswith("es") and word[:-2] in words)


def _currency_before(text: str, start: int, vocabulary: Vocabulary) -> bool:
    """A currency sign or ISO code just before the number: "€1,50", "US$ 3.000", "EUR 1,5"."""
    found = CURRENCY_BEFORE.search(text, max(0, start - LOOKBEHIND), start)
    code = found.group("code") if found else None
    return found is not None and (code is None or code.lower() in vocabulary.units)


def _is_address_or_phone(text: str, start: int, digits: str) -> bool:
    """An IP address ("192.168.100.200") or a dotted phone number ("tel. 912.345.678")."""
    groups = digits.split(".")
    if len(groups) == IP_GROUPS and all(int(g) <= IP_GROUP_MAX for g in groups):
        return True
    return _phone_before(text, start)


def _phone_before(text: str, start: int) -> bool:
    """A phone label or a country code just before: "tel. 912.345.678", "+7 495 123"."""
    return PHONE_BEFORE.search(text[max(0, start - LOOKBEHIND) : start]) is not None


def _percent_match(start: int, written: str) -> Match:
    """ "15 %" -> "15%", "3,51 %" -> "3.51%": no space before the sign, a decimal point."""
    number = written[:-1].rstrip(SPACES)
    english = number.replace(",", ".") + "%"
    message = f"'{written}' has a space before the percent sign, the continental European style; in English write '{english}'."
    return Match(start, start + len(written), message, suggestion=english)


def _match(start: int, digits: str, form: str) -> Match:
    english = _english(digits)
    message = f"'{digits}' has {form}, the continental European style; in English write '{english}'."
    return Match(start, start + len(digits), message, suggestion=english)


def _english(digits: str) -> str:
    """The English form: commas between thousands, a point before decimals ("12.345,67" -> "12,345.67")."""
    if "," in digits:
        integer, fraction = digits.rsplit(",", 1)
    else:
        integer, fraction = digits, ""
    integer = "".join(c for c in integer if c.isdigit())
    grouped = _group_thousands(integer)
    return f"{grouped}.{fraction}" if fraction else grouped


def _group_thousands(integer: str) -> str:
    head = len(integer) % 3 or 3
    return integer[:head] + "".join("," + integer[i : i + 3] for i in range(head, len(integer), 3))


@cache
def load_vocabulary(
    count_nouns_file: str | None, units_file: str | None, function_words_file: str | None
) -> Vocabulary:
    """The word lists, and CLDR's English unit names ("seconds", "yards", "carats")."""
    return Vocabulary(
        load_words(count_nouns_file, "number-count-nouns.txt"),
        load_words(units_file, "number-units.txt"),
        load_function_words(function_words_file),
        cldr_unit_words(),
        cldr_currency_words(),
    )


@cache
@on_disk("babel")
def cldr_unit_words() -> frozenset[str]:
    """The words of CLDR's English units, one and many, long and short ("second", "seconds", "yd")."""
    from babel import Locale  # locale data: loaded only when this rule runs
    from babel.units import format_unit

    english = Locale("en")
    words: set[str] = set()
    for unit in english.unit_display_names:
        for amount, length in ((1, "long"), (2, "long"), (2, "short")):
            words.update(
                re.findall(r"[^\W\d_]{2,}", format_unit(amount, unit, length=length, locale=english))
            )
    return frozenset(word.lower() for word in words)


@cache
@on_disk("babel")
def cldr_currency_words() -> frozenset[str]:
    """The last word of the English name of every currency some territory uses now ("South Korean won")."""
    from babel import Locale  # locale data: loaded only when this rule runs
    from babel.numbers import get_territory_currencies

    english = Locale("en")
    codes = {
        code for territory in english.territories for code in get_territory_currencies(territory, tender=True)
    }
    return frozenset(
        english.currencies[code].split()[-1].lower() for code in codes if code in english.currencies
    )


@cache
def load_words(path: str | None, default_name: str) -> frozenset[str]:
    """The lowercase entries of the file at `path`, or of the built-in list `default_name`."""
    return frozenset(entry.lower() for entry in word_list(path or data_file(default_name)))
