"""end-punctuation-mismatch: a translation that ends in another kind of mark than its source.

A question turned into a statement, an exclamation flattened, a colon that introduced a list
lost, an ellipsis dropped, or a sentence cut off before its end: the end mark is where a
translation engine's slips show without reading a word. Marks are compared by kind (question,
exclamation, ellipsis, colon, full stop, none), never by form: 。 and ., ！ and !, ¿…? and ?,
the Greek question mark ";" (of a source in Greek) and ? are the same kind, and closing quotation
marks and brackets around the mark do not count ('."' and '».').

Not reported, because translators do it with reason:
- a source with no end mark (a headline, a list item) whose translation has one, and a source
  whose last dot may be an abbreviation's ("6 a.m.", "в 2021 г.") beside a translation without;
- a mark that belongs to a quotation or a bracket closing the segment (`"Where are you going,
  Aida?"`), on either side: word order moves quotations, and reported speech drops their marks;
- a question in the translation of a statement in a language that asks questions without a
  question mark (Japanese か。, Chinese 吗。), or ends a tag question with a full stop (ですね。);
- "?!" for "?" or "!", and either for "?!".
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from enum import Enum
from typing import ClassVar

from qa.checks.base import option
from qa.checks.bilingual import source_language, translated_segments
from qa.document import Document
from qa.findings import Match


class End(Enum):
    """The kind of a segment's end, with the English mark that writes it and how a message names it."""

    QUESTION = ("?", "a question mark")
    EXCLAMATION = ("!", "an exclamation mark")
    BOTH = ("?!", "a question and an exclamation mark")
    ELLIPSIS = ("...", "an ellipsis")
    COLON = (":", "a colon")
    STOP = (".", "a full stop")
    NONE = ("", "no end mark")

    def __init__(self, mark: str, label: str) -> None:
        self.mark = mark
        self.label = label

    def agrees_with(self, other: End) -> bool:
        """ "?!" answers both a question and an exclamation; every other kind only itself."""
        if End.BOTH in (self, other):
            return {self, other} <= {End.BOTH, End.QUESTION, End.EXCLAMATION}
        return self is other


CLOSERS = frozenset("\"'”’»›)]}）」』】〕〉》｣")
"""Closing quotation marks and brackets: a mark before them is the quotation's, not the segment's."""
FOLD = str.maketrans("？！：；。｡．\u037e", "?!:;...;")
"""Full-width and ideographic marks, and the Greek question mark, as their ASCII kin, one for one."""
MARKS = frozenset(".!?…:;・")
TRAILING = CLOSERS | MARKS | frozenset("-–—,、 \u00a0\u202f\u2009\t\n")


@dataclass(frozen=True, slots=True)
class Ending:
    """A segment's end mark: its kind, where it stands in the text, and whether a quotation holds it."""

    kind: End
    start: int
    end: int
    """The mark's span in the text; an empty span where the text ends when it has none."""
    quoted: bool
    abbreviated: bool = False
    """A full stop that may be an abbreviation's dot ("6 a.m.", "в 2021 г."), not a sentence's end."""


@dataclass(frozen=True, kw_only=True)
class EndPunctuationOptions:
    unmarked_question_languages: tuple[str, ...] = option(
        ("ja", "ko", "zh"),
        "Source languages whose questions often end without a question mark (Japanese か。): "
        "a question in their translation is not reported.",
    )


class EndPunctuation:
    """A target whose end mark is of another kind than its source's."""

    name: ClassVar[str] = "end_punctuation"
    Options: ClassVar[type] = EndPunctuationOptions
    fixable: ClassVar[str] = "sometimes"

    def check(self, doc: Document, options: EndPunctuationOptions) -> Iterator[Match]:
        language = source_language(doc)
        for segment in translated_segments(doc):
            source = ending(segment.source, greek=language == "el")
            target = ending(segment.target)
            if not mismatch(source, target, language in options.unmarked_question_languages):
                continue
            yield Match(
                segment.start + target.start,
                segment.start + target.end,
                f"The source ends with {source.kind.label} and the translation with {target.kind.label}.",
                suggestion=suggestion(source, target, segment.target),
                source_span=(source.start, source.end),
            )


def mismatch(source: Ending, target: Ending, unmarked_questions: bool) -> bool:
    if source.kind.agrees_with(target.kind) or source.kind is End.NONE:
        return False
    if source.quoted or target.quoted or (source.abbreviated and target.kind is End.NONE):
        return False
    return not (unmarked_questions and source.kind is End.STOP and target.kind is End.QUESTION)


def suggestion(source: Ending, target: Ending, text: str) -> str | None:
    """The source's mark in English, where one character swapped (or added at a bare end) fixes it."""
    if len(source.kind.mark) != 1:
        return None
    if target.kind is End.NONE:
        return source.kind.mark if text[target.start - 1 : target.start] not in CLOSERS else None
    return source.kind.mark if target.end - target.start == 1 else None


def ending(text: str, greek: bool = False) -> Ending:
    """The kind of `text`'s end: the marks after its last closing quotation mark or bracket, else
    those before it (then the quotation's: quoted)."""
    folded = text.translate(FOLD)
    tail_start = len(folded)
    while tail_start and folded[tail_start - 1] in TRAILING:
        tail_start -= 1
    last_closer = max((i for i in range(tail_start, len(folded)) if folded[i] in CLOSERS), default=-1)
    outer = [i for i in range(max(last_closer + 1, tail_start), len(folded)) if folded[i] in MARKS]
    inner = [i for i in range(tail_start, max(last_closer, tail_start)) if folded[i] in MARKS]
    marks = outer or inner
    if not marks:
        end = len(text.rstrip())
        return Ending(End.NONE, end, end, quoted=last_closer >= 0)
    kind = kind_of(folded[marks[0] : marks[-1] + 1], greek)
    abbreviated = kind is End.STOP and len(marks) == 1 and abbreviation_before(folded, marks[0])
    return Ending(kind, marks[0], marks[-1] + 1, quoted=not outer, abbreviated=abbreviated)


def abbreviation_before(text: str, dot: int) -> bool:
    """Whether the word before the dot at `dot` reads as an abbreviation: dotted ("a.m", "т.д", "U.S")
    or of one or two lower-case letters ("г", "им")."""
    word = text[:dot].rsplit(None, 1)[-1] if text[:dot].strip() else ""
    return "." in word or (word.isalpha() and word.islower() and len(word) <= 2)


def kind_of(marks: str, greek: bool) -> End:
    if greek:
        marks = marks.replace(";", "?")
    question, exclamation = "?" in marks, "!" in marks
    if question and exclamation:
        return End.BOTH
    if question:
        return End.QUESTION
    if exclamation:
        return End.EXCLAMATION
    if "…" in marks or ".." in marks or "・・" in marks:
        return End.ELLIPSIS
    if ":" in marks:
        return End.COLON
    if "." in marks or ";" in marks:
        return End.STOP
    return End.NONE
