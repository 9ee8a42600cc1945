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
  in 0 or follows a count noun ("2.350 were counted", "cases rose to 2.713"), unless it
  is in a list of numbers ("1.000, 2.125 and 3.250") or names something ("No. 2.350",
  "section 3.000", "model 3.000");
- a decimal comma before any other word ("7,5 earthquake", "3,8l") is reported too,
  unless the number follows a list head ("verses 1,2"), a month ("March 3,10 people":
  a lost space) or ends a list ("1,2 and 3");
- thousands grouped with a space, a no-break or a narrow no-break space ("75 000") and
  a space before the percent sign ("15 %") are French, Russian or German typography; the
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
from collections.abc import Iterator
from dataclasses import dataclass
from enum import Enum, auto
from functools import cache
from typing import ClassVar

from qa.checks.base import data_file, option, word_list
from qa.document import Document
from qa.findings import Match

SPACES = " \u00a0\u202f\u2009"
NUMBER = re.compile(r"(?<![\w.,:/])\d+(?:[.,]\d+)*")
"""A run of digits with dots or commas between them, not inside a word, time or fraction."""
SPACE_GROUPED = re.compile(
    rf"(?<![\w.,:/])(?<!\d[{SPACES}])\d{{1,3}}(?:[{SPACES}]\d{{3}})+,(?:\d{{1,2}}|\d{{4,}})(?!\d)"
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
LIST_NEIGHBOUR_AFTER = re.compile(r",\s?\d|\s(?:and|or|&)\s\d+(?![.,]\d)")
"""Another number after it: "1.000, 2.125 and 3.250", "verses 1,2 and 3" are lists, not one quantity."""
LIST_NEIGHBOUR_BEFORE = re.compile(r"\d(?:,\s?|\s(?:and|or|&)\s)\Z")
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
IP_GROUPS = 4
IP_GROUP_MAX = 255


class Quantity(Enum):
    COUNT = auto()
    """Whole things: people, soldiers, homes."""
    MEASURE = auto()
    """A unit, currency or magnitude: euros, tonnes, million."""
    PERCENT = auto()


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


class NumberFormats:
    """Decimal commas and dot or space thousands of another locale, with the English form."""

    name: ClassVar[str] = "number_formats"
    Options: ClassVar[type] = NumberFormatsOptions
    fixable: ClassVar[str] = "always"

    def check(self, doc: Document, options: NumberFormatsOptions) -> Iterator[Match]:
        vocabulary = Vocabulary(
            load_words(options.count_nouns_file, "number-count-nouns.txt"),
            load_words(options.units_file, "number-units.txt"),
            load_words(options.function_words_file, "function-words.txt"),
        )
        text = doc.text
        found = list(_spaced_numbers(text, spaced_patterns(options.thousands_spaces)))
        covered = sorted((m.start, m.end) for m in found)
        for number in NUMBER.finditer(text):
            if not _inside(covered, number.start()):
                found.append(_foreign_number(text, number, vocabulary))
        yield from sorted((m for m in found if m is not None), key=lambda m: m.start)


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
        rf"(?<![\w.,:/+])(?<!\d[{SPACES}])[1-9]\d{{0,2}}(?:[{spaces}]\d{{3}})+"
        rf"(?![\d\w-]|[{SPACES}]\d|[.,]\d)"
    )
    percent = rf"(?<![\w.,:/])\d+(?:[.,]\d+)?[{spaces}]%"
    return SpacedPatterns(re.compile(thousands), re.compile(percent))


def _spaced_numbers(text: str, patterns: SpacedPatterns) -> Iterator[Match]:
    """Spaced thousands with a decimal comma ("1 234,5"), spaced thousands ("75 000"), "15 %"."""
    taken: list[tuple[int, int]] = []
    for found in SPACE_GROUPED.finditer(text):
        taken.append(found.span())
        yield _match(found.start(), found.group(), "spaces between thousands and a decimal comma")
    for found in patterns.percent.finditer(text):
        if not _inside(taken, found.start()):
            taken.append(found.span())
            yield _percent_match(found.start(), found.group())
    for found in patterns.thousands.finditer(text):
        if not _inside(taken, found.start()) and not _phone_before(text, found.start()):
            yield _match(found.start(), found.group(), "spaces between thousands")


def _inside(spans: list[tuple[int, int]], offset: int) -> bool:
    return any(start <= offset < end for start, end in spans)


def _foreign_number(text: str, number: re.Match[str], vocabulary: Vocabulary) -> Match | None:
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
        if _dot_is_thousands(text, start, end, digits, vocabulary):
            return _match(start, digits, "a dot between thousands")
        return None
    if DECIMAL_COMMA.fullmatch(digits) and _comma_is_decimal(text, start, end, digits, vocabulary):
        return _match(start, digits, "a decimal comma")
    return None


def _dot_is_thousands(text: str, start: int, end: int, digits: str, vocabulary: Vocabulary) -> bool:
    """ "3.000 soldiers", "20.000 euros", "€1.500", "2.350 were counted", "cases rose to 2.713".

    Not "1.125 billion", "4.250%", "1.000, 2.125 and 3.250" or "No. 2.350".
    """
    quantity = _quantity_after(text, end, vocabulary)
    if quantity is Quantity.COUNT:
        return True
    if quantity is Quantity.PERCENT:
        return False  # "4.250%": a rate written to three places
    if quantity is Quantity.MEASURE or _currency_before(text, start, vocabulary):
        return digits.endswith("0")
    if _names_or_lists(text, start, end) or _content_word_after(text, end, vocabulary):
        return False  # "No. 2.350", "a 9.580 second run": an unlisted unit may follow
    before = _quantity_before(text, start, vocabulary)
    return before is Quantity.COUNT or (before is None and digits.endswith("0"))


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
    return _content_word_after(text, end, vocabulary) and not _names_or_lists(text, start, end, window)


def _names_or_lists(text: str, start: int, end: int, window: str | None = None) -> bool:
    """A number in a list ("1.000, 2.125 and 3.250", "(3,4)") or naming a thing ("No. 2.350")."""
    window = text[max(0, start - LOOKBEHIND) : start] if window is None else window
    if LIST_NEIGHBOUR_AFTER.match(text, end) or LIST_NEIGHBOUR_BEFORE.search(window):
        return True
    return BRACKET_BEFORE.search(window) is not None or NAMING_WORD_BEFORE.search(window) is not None


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
    if _listed(word, vocabulary.units):
        return Quantity.MEASURE
    if _listed(word, vocabulary.count_nouns) or _listed(following, vocabulary.count_nouns):
        return Quantity.COUNT  # "20.000 soldiers", "20.000 Russian soldiers"
    return None


def _listed(word: str, words: frozenset[str]) -> bool:
    """In the list as written or as a regular plural ("soldiers", "taxes")."""
    if word in words:
        return True
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
def load_words(path: str | None, default_name: str) -> frozenset[str]:
    """The lowercase entries of the file at `path`, or of the built-in list `default_name`."""
    return frozenset(entry.lower() for entry in word_list(path or data_file(default_name)))
