"""Splitting text into paragraphs, sentences and words, with code-point offsets.

News copy breaks naive splitters: abbreviations (U.S., Mr., Nov.), initials
(George W. Bush), decimals, quotations that end in the middle of a sentence
("“Is it over?” he asked."), and headlines or datelines with no final
punctuation. A boundary is still placed before a lowercase word after a plain
full stop, because that is exactly the artifact `lowercase-sentence-start`
reports ("in Geneva. this Friday.").
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Span:
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Word:
    start: int
    end: int
    text: str


WORD_PATTERN = re.compile(r"[^\W_]+(?:['’\-][^\W_]+)*")
BLANK_LINES = re.compile(r"(?:\r\n|\r|\n)[ \t\f\v\u00a0]*(?:\r\n|\r|\n)\s*")
SENTENCE_END = re.compile(r"([.!?…]+)([\"'”’»)\]]*)(\s+)")
WORD_BEFORE = re.compile(r"((?:[^\W\d_]+\.)*[^\W\d_]+)$")
CLOSING_QUOTES = set("\"'”’»")

# Abbreviations after which a sentence practically never ends ("Mr. Smith", "Nov. 3").
NEVER_FINAL = frozenset(
    """mr mrs ms dr prof gen sen rep gov st mt lt col capt sgt cmdr adm rev fr hon pres
    jan feb mar apr jun jul aug sep sept oct nov dec no nos vs e.g i.e cf approx fig figs
    vol pp para art sec ch ed eds est dept univ ave blvd rd""".split()
)
# Abbreviations that may end a sentence ("… in the U.S. The talks …"): split only before a capital.
MAYBE_FINAL = frozenset("etc inc ltd co corp jr sr bros plc llc a.m p.m".split())


def paragraphs(text: str) -> list[Span]:
    """Blocks of text separated by blank lines, trimmed of surrounding white space."""
    spans = []
    start = 0
    for gap in BLANK_LINES.finditer(text):
        spans.append(Span(start, gap.start()))
        start = gap.end()
    spans.append(Span(start, len(text)))
    return [trimmed for span in spans if (trimmed := _trim(text, span)) is not None]


def sentences(text: str, paragraph: Span) -> list[Span]:
    """Sentences of one paragraph; a paragraph without final punctuation is one sentence."""
    spans = []
    start = paragraph.start
    for boundary in SENTENCE_END.finditer(text, paragraph.start, paragraph.end):
        next_start = boundary.end()
        if next_start >= paragraph.end:
            break
        if _is_boundary(text, boundary, start):
            spans.append(Span(start, boundary.start(3)))
            start = next_start
    spans.append(Span(start, paragraph.end))
    return spans


def words(text: str, start: int = 0, end: int | None = None) -> list[Word]:
    end = len(text) if end is None else end
    return [Word(m.start(), m.end(), m.group()) for m in WORD_PATTERN.finditer(text, start, end)]


def _is_boundary(text: str, boundary: re.Match[str], sentence_start: int) -> bool:
    punctuation, closers = boundary.group(1), boundary.group(2)
    following = text[boundary.end()]
    before = WORD_BEFORE.search(text, sentence_start, boundary.start())
    word_before = before.group(1) if before else ""
    if punctuation == "." and word_before:
        key = word_before.lower()
        if key in NEVER_FINAL or _is_initial(word_before):
            return False
        if (key in MAYBE_FINAL or "." in word_before) and not following.isupper():
            return False
    if following.islower():
        if "…" in punctuation or punctuation.startswith(".."):
            return False  # an ellipsis that trails into the same sentence
        if CLOSING_QUOTES.intersection(closers):
            return False  # “Is it over?” he asked.
    return True


def _is_initial(word: str) -> bool:
    return len(word) == 1 and word.isupper()


def _trim(text: str, span: Span) -> Span | None:
    start, end = span.start, span.end
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return Span(start, end) if start < end else None


def looks_like_heading(text: str) -> bool:
    """A short line with no final punctuation: a headline, subheading, dateline or caption."""
    stripped = text.strip()
    if not stripped or "\n" in stripped:
        return False
    return stripped[-1] not in ".!?…\"”’»:;," and len(WORD_PATTERN.findall(stripped)) <= 30
