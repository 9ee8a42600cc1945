"""A whole text harder to read than its readers can be asked to: a Flesch–Kincaid grade above a ceiling."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import ClassVar

from qa.checks.base import option, require_at_least
from qa.document import Document
from qa.findings import Match
from qa.metrics import measure, sentence_lengths


@dataclass(frozen=True, kw_only=True)
class ReadabilityOptions:
    max_grade: float = option(14.0, "Texts whose Flesch–Kincaid grade is above this are flagged.")
    min_words: int = option(
        100, "Shorter texts are not graded: the formula needs several sentences to mean much."
    )

    def __post_init__(self) -> None:
        require_at_least(self, min_words=1)


class Readability:
    """One finding for a text whose grade (qa.metrics) is above `max_grade`, on its first sentence.

    The grade belongs to the whole text, so the finding stands where the text
    starts: its headline or first sentence.
    """

    name: ClassVar[str] = "readability"
    Options: ClassVar[type] = ReadabilityOptions
    fixable: ClassVar[str] = "never"

    def check(self, doc: Document, options: ReadabilityOptions) -> Iterator[Match]:
        figures = measure(doc)
        if figures["words"] < options.min_words:
            return
        grade = figures["flesch_kincaid_grade"]
        if grade > options.max_grade:
            first_sentence, _count = next(sentence_lengths(doc))
            message = (
                f"The text reads at Flesch–Kincaid grade {grade:g}, above the ceiling of "
                f"{options.max_grade:g} ({figures['avg_sentence_length']:g} words a sentence, "
                f"{figures['syllables_per_word']:g} syllables a word): shorten sentences and prefer "
                "plainer words."
            )
            yield Match(first_sentence.start, first_sentence.end, message)
