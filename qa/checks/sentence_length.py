"""A sentence too long to follow: the run-on that machine translation makes of a long source sentence."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import ClassVar

from qa.checks.base import option, require_at_least
from qa.document import Document
from qa.findings import Match
from qa.metrics import sentence_lengths
from qa.segment import Span

OPENING_WORDS = 6
"""How many of the sentence's first words the message quotes, so it can be found in any output."""


@dataclass(frozen=True, kw_only=True)
class SentenceLengthOptions:
    max_words: int = option(50, "Sentences with more words than this are flagged.")

    def __post_init__(self) -> None:
        require_at_least(self, max_words=1)


class SentenceLength:
    """Each sentence with more words than `max_words`, counted as the document counts words.

    Headlines, datelines and list items are sentences of their own in the splitter
    (it ends a sentence at a headline line and before a bullet), so a list is never
    read as one long sentence; an enumeration written out with commas is, rightly.
    """

    name: ClassVar[str] = "sentence_length"
    Options: ClassVar[type] = SentenceLengthOptions
    fixable: ClassVar[str] = "never"
    yields_to: ClassVar[frozenset[str]] = frozenset({"run_together", "foreign_punctuation"})
    """A sentence is long because a full stop was lost ("landWhen") or written as '。': that is the finding."""

    def check(self, doc: Document, options: SentenceLengthOptions) -> Iterator[Match]:
        for sentence, count in sentence_lengths(doc):
            if count > options.max_words:
                message = (
                    f"Sentence of {count} words, more than {options.max_words}: "
                    f"'{_opening(doc, sentence)} …'; split it into shorter ones."
                )
                yield Match(sentence.start, sentence.end, message)


def _opening(doc: Document, sentence: Span) -> str:
    """The sentence's first few words as written, on one line."""
    last = doc.words_in(sentence)[:OPENING_WORDS][-1]
    return " ".join(doc.text[sentence.start : last.end].split())
