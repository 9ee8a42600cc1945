"""A word written twice in a row, across a case change or a line break ("no No", "the\\nthe")."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from itertools import pairwise
from typing import ClassVar

from qa.checks.base import option
from qa.document import Document
from qa.findings import Match
from qa.segment import Word


@dataclass(frozen=True, kw_only=True)
class RepetitionOptions:
    ignore_case: bool = option(True, 'Treat "no No" as a repeat.')
    allow: tuple[str, ...] = option((), 'Pairs that are correct English ("had had", "Bora Bora").')
    min_length: int = option(2, "Shorter words (initials, single letters) are never flagged.")


class Repetition:
    """Two adjacent words, separated by white space only, that are the same word."""

    name: ClassVar[str] = "repetition"
    Options: ClassVar[type] = RepetitionOptions
    fixable: ClassVar[str] = "always"
    safe_fix: ClassVar[bool] = True

    def check(self, doc: Document, options: RepetitionOptions) -> Iterator[Match]:
        allowed = {" ".join(pair.split()) for pair in options.allow}
        words = doc.words
        for index, (first, second) in enumerate(pairwise(words)):
            if not _is_repeat(doc.text, first, second, options) or _in_longer_run(doc.text, words, index, options):
                continue
            if not _is_allowed(first, second, allowed) and not _is_name_then_word(doc.text, first, second):
                yield Match(
                    first.start,
                    second.end,
                    f"Duplicated word: '{first.text} {second.text}'",
                    suggestion=first.text,
                )


def _is_repeat(text: str, first: Word, second: Word, options: RepetitionOptions) -> bool:
    if len(first.text) < options.min_length or len(first.text) != len(second.text):
        return False
    same = first.text.casefold() == second.text.casefold() if options.ignore_case else first.text == second.text
    if not same or any(c.isdigit() for c in first.text):
        return False
    gap = text[first.end : second.start]
    return gap.isspace() and _line_breaks(gap) <= 1


def _in_longer_run(text: str, words: list[Word], index: int, options: RepetitionOptions) -> bool:
    """Three or more in a row ("very very very") are a loop, which `repetition-loop` reports whole."""
    before = index > 0 and _is_repeat(text, words[index - 1], words[index], options)
    after = index + 2 < len(words) and _is_repeat(text, words[index + 1], words[index + 2], options)
    return before or after


def _is_allowed(first: Word, second: Word, allowed: set[str]) -> bool:
    """A pair as listed, or capitalised at a sentence start: "had had", "Had had", not "that That"."""
    pair = f"{first.text} {second.text}"
    return pair in allowed or (pair[0].isupper() and pair[0].lower() + pair[1:] in allowed)


def _is_name_then_word(text: str, first: Word, second: Word) -> bool:
    """ "when May may bring rain", "Will will sing": a capitalised name, then the common word.

    Mid-sentence, a capital on the first word only marks a name, not a doubled word.
    """
    if not (first.text.istitle() and second.text.islower()):
        return False
    before = text[: first.start].rstrip(" \t\"'“‘(")
    return bool(before) and before[-1] not in ".!?:\n\r"


def _line_breaks(gap: str) -> int:
    return gap.replace("\r\n", "\n").count("\n") + gap.replace("\r\n", "").count("\r")
