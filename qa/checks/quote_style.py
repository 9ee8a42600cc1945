"""Straight and curly quotation marks, or straight and curly apostrophes, mixed in one file.

Copy assembled from several sources, or machine translation that keeps the source's
marks in some sentences and its own in others, ends up with "don't" beside “don’t”.
Marks are compared within their family: double quotes (" against “ ”) and single
marks (' against ‘ ’, which are apostrophes and single quotes alike). A file that
uses curly double quotes and straight apostrophes is consistent in each family and
is not reported. The style most used in a family is the file's style; on a tie,
curly. Unit marks are not quotation style: feet and inches (5' 10", a 12" pipe),
minutes and seconds of arc (51°30'N), anything closing a number.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import ClassVar

from qa.checks.base import option
from qa.checks.bilingual import markup_offsets
from qa.checks.quotes import FEET_AND_INCHES, Role, mark_role
from qa.document import Document
from qa.findings import Match
from qa.segment import Span

STRAIGHT, CURLY = "straight", "curly"
MARKS = re.compile("[\"“”'‘’]")
UNIT_MARKS = re.compile(
    r"(?<=\d)['’\"”](?![^\W_])"  # 5' tall, a 12" pipe, 10”
    r"|(?<=°\d)['’]|(?<=°\d\d)['’]"  # 51°30'N
)
"""Marks after a number that are units (feet, inches, minutes of arc), not quotation style."""


@dataclass(frozen=True, slots=True)
class Family:
    name: str
    straight: str
    opening: str
    closing: str


DOUBLE = Family("double quotes", '"', "“", "”")
SINGLE = Family("apostrophes and single quotes", "'", "‘", "’")
FAMILIES = (DOUBLE, SINGLE)


@dataclass(frozen=True, kw_only=True)
class QuoteStyleOptions:
    elisions: tuple[str, ...] = option(
        (), "Words after a leading apostrophe that are elisions ('em, 'til): curled to ’em, not ‘em."
    )
    max_findings: int = option(20, "Report at most this many marks per family and file (0: all of them).")

    def __post_init__(self) -> None:
        if self.max_findings < 0:
            raise ValueError(f"max_findings must be 0 or more, not {self.max_findings}")


@dataclass(frozen=True, slots=True)
class Mark:
    offset: int
    char: str
    paragraph: Span

    def style(self, family: Family) -> str:
        return STRAIGHT if self.char == family.straight else CURLY


class QuoteStyle:
    """Marks in the minority style of their family, when a file uses both straight and curly ones."""

    name: ClassVar[str] = "quote_style"
    Options: ClassVar[type] = QuoteStyleOptions
    fixable: ClassVar[str] = "sometimes"
    defers: ClassVar[bool] = True
    """A closing ' that unbalanced-quote reports as not matching its opening “ is one problem, told there."""

    def check(self, doc: Document, options: QuoteStyleOptions) -> Iterator[Match]:
        marks = _style_marks(doc)
        for family in FAMILIES:
            in_family = [m for m in marks if m.char in (family.straight, family.opening, family.closing)]
            yield from _minority_findings(doc.text, family, in_family, options)


def _style_marks(doc: Document) -> list[Mark]:
    """Every quotation mark and apostrophe of the document, unit marks and a translation file's
    tags (`<a href="x">`) left out."""
    left_out = {m.start() for m in UNIT_MARKS.finditer(doc.text)}
    left_out.update(m.start(group) for m in FEET_AND_INCHES.finditer(doc.text) for group in (1, 2))
    left_out.update(markup_offsets(doc))
    return [
        Mark(found.start(), found.group(), paragraph)
        for paragraph in doc.paragraphs
        for found in MARKS.finditer(doc.text, paragraph.start, paragraph.end)
        if found.start() not in left_out
    ]


def _minority_findings(
    text: str, family: Family, marks: Sequence[Mark], options: QuoteStyleOptions
) -> Iterator[Match]:
    straight = [m for m in marks if m.style(family) == STRAIGHT]
    curly = [m for m in marks if m.style(family) == CURLY]
    if not straight or not curly:
        return
    majority, minority = (CURLY, straight) if len(curly) >= len(straight) else (STRAIGHT, curly)
    usage = _usage(family, majority, len(marks) - len(minority), len(minority))
    shown = minority[: options.max_findings] if options.max_findings else minority
    for mark in shown:
        replacement = _in_style(text, mark, family, majority, options.elisions)
        advice = replacement or f"the {majority} form"
        message = f"{_other(majority).capitalize()} {mark.char} in a file that {usage}: use {advice}."
        yield Match(mark.offset, mark.offset + 1, message, suggestion=replacement)


def _usage(family: Family, majority: str, kept: int, flagged: int) -> str:
    """ "mostly uses curly double quotes (4 curly, 2 straight)", or how a tie was broken."""
    if kept == flagged:
        return f"uses as many {majority} {family.name} as {_other(majority)} ones ({kept} each)"
    return f"mostly uses {majority} {family.name} ({kept} {majority}, {flagged} {_other(majority)})"


def _other(style: str) -> str:
    return CURLY if style == STRAIGHT else STRAIGHT


def _in_style(text: str, mark: Mark, family: Family, style: str, elisions: tuple[str, ...]) -> str | None:
    """The mark in the other style: straight is one character; curly depends on where the mark stands."""
    if style == STRAIGHT:
        return family.straight
    role = mark_role(text, mark.offset, mark.paragraph, elisions)
    if role is Role.OPEN:
        return family.opening
    if role in (Role.CLOSE, Role.CLOSE_IF_OPEN) or family is SINGLE and _touches_word(text, mark):
        return family.closing
    return None


def _touches_word(text: str, mark: Mark) -> bool:
    """An apostrophe touches a letter or digit: don't, 'em, the '90s, goin'."""
    before = text[mark.offset - 1] if mark.offset > mark.paragraph.start else ""
    after = text[mark.offset + 1] if mark.offset + 1 < mark.paragraph.end else ""
    return before.isalnum() or after.isalnum()
