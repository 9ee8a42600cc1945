"""A whole text harder to read than its readers can be asked to: a grade level above a ceiling.

The grade is one of textstat's grade-level indices of qa.metrics, Flesch–Kincaid unless the
rule's `index` names another: an editor used to the Gunning fog or SMOG sets the ceiling on
the scale they know.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import ClassVar

from qa.checks.base import option, require_at_least
from qa.document import Document
from qa.findings import Match
from qa.metrics import measure, sentence_lengths

GRADE_INDICES = {
    "flesch_kincaid_grade": "Flesch–Kincaid grade",
    "gunning_fog": "Gunning fog index",
    "smog_index": "SMOG grade",
    "coleman_liau_index": "Coleman–Liau index",
}
"""The indices of qa.metrics that give a school grade, and their names in a message."""


@dataclass(frozen=True, kw_only=True)
class ReadabilityOptions:
    max_grade: float = option(14.0, "Texts whose grade (by `index`) is above this are flagged.")
    min_words: int = option(
        100, "Shorter texts are not graded: the formula needs several sentences to mean much."
    )
    index: str = option(
        "flesch_kincaid_grade",
        "The grade compared with max_grade: " + ", ".join(GRADE_INDICES) + ".",
    )

    def __post_init__(self) -> None:
        require_at_least(self, min_words=1)
        if self.index not in GRADE_INDICES:
            raise ValueError(f"option 'index' must be one of {', '.join(GRADE_INDICES)}, not {self.index!r}")


class Readability:
    """One finding for a text whose grade (qa.metrics, by `index`) is above `max_grade`, on its first sentence.

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
        grade = figures[options.index]
        if grade > options.max_grade:
            first_sentence, _count = next(sentence_lengths(doc))
            message = (
                f"The text reads at {GRADE_INDICES[options.index]} {grade:g}, above the ceiling of "
                f"{options.max_grade:g} ({figures['avg_sentence_length']:g} words a sentence, "
                f"{figures['syllables_per_word']:g} syllables a word): shorten sentences and prefer "
                "plainer words."
            )
            yield Match(first_sentence.start, first_sentence.end, message)
