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

    def check(self, doc: Document, options: RepetitionOptions) -> Iterator[Match]:
        allowed = {" ".join(pair.lower().split()) for pair in options.allow}
        for first, second in pairwise(doc.words):
            if _is_repeat(doc.text, first, second, options) and not _is_allowed(first, second, allowed):
                yield Match(
                    first.start,
                    second.end,
                    f"Duplicated word: '{first.text} {second.text}'",
                    suggestion=first.text,
                )


def _is_repeat(text: str, first: Word, second: Word, options: RepetitionOptions) -> bool:
    if len(first.text) < options.min_length or any(c.isdigit() for c in first.text):
        return False
    same = first.text.casefold() == second.text.casefold() if options.ignore_case else first.text == second.text
    gap = text[first.end : second.start]
    return same and gap.isspace() and _line_breaks(gap) <= 1


def _is_allowed(first: Word, second: Word, allowed: set[str]) -> bool:
    """An allowed pair keeps its case ("had had", "Had had", "Bora Bora"), unlike "that That"."""
    if f"{first.text} {second.text}".lower() not in allowed:
        return False
    return second.text in (first.text, first.text.lower())


def _line_breaks(gap: str) -> int:
    return gap.replace("\r\n", "\n").count("\n") + gap.replace("\r\n", "").count("\r")
