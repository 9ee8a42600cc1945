"""length-mismatch: a translation far shorter or longer than its source suggests.

A sentence dropped from a segment, or a clause the engine made up, shows first in the length.
Lengths are compared in letters and digits (spaces and punctuation differ by language, not by
content), and the source's are weighed by how many English letters a letter of its language
and script usually gives (rules/data/bilingual-length-ratios.txt): a kanji about four, a hiragana
under two, a Cyrillic letter one. Latin names and digits inside a Japanese or Russian source
count one, as they are carried over. Only a source expected to give enough letters is judged,
and only a target beyond `tolerance` times that expectation either way: human translators
expand and condense too, and a ratio of short texts says little.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from functools import cache
from typing import ClassVar

from qa.checks.base import data_file, option, require_at_least, word_list
from qa.checks.bilingual import source_language, translated_segments
from qa.document import Document
from qa.findings import Match

ANY_LANGUAGE = "*"


@dataclass(frozen=True, kw_only=True)
class LengthRatioOptions:
    ratios_file: str | None = option(
        None,
        'English letters per source letter, by language and script ("ja CJK 3.9"), one a line; '
        "none: rules/data/bilingual-length-ratios.txt.",
    )
    tolerance: float = option(
        1.8, "How many times shorter or longer than its source suggests a translation must be to be reported."
    )
    min_expected_letters: int = option(
        40, "Letters a source must be expected to give in English (about 8 words) for its ratio to be judged."
    )

    def __post_init__(self) -> None:
        require_at_least(self, tolerance=1.0, min_expected_letters=1)


class LengthRatio:
    """A target whose length is far from what its source's length predicts."""

    name: ClassVar[str] = "length_ratio"
    Options: ClassVar[type] = LengthRatioOptions
    fixable: ClassVar[str] = "never"
    yields_to: ClassVar[frozenset[str]] = frozenset({"untranslated_segments"})
    """A target left in the source's language is shorter or longer for that reason: one problem."""

    def prepare(self, options: LengthRatioOptions) -> None:
        """A ratios file that cannot be read is a configuration error, before any file is checked."""
        load_ratios(options.ratios_file)

    def check(self, doc: Document, options: LengthRatioOptions) -> Iterator[Match]:
        weights = language_weights(load_ratios(options.ratios_file), source_language(doc))
        for segment in translated_segments(doc):
            expected = expected_letters(segment.source, weights)
            if expected < options.min_expected_letters:
                continue
            actual = letter_count(segment.target)
            ratio = actual / expected
            if 1 / options.tolerance <= ratio <= options.tolerance:
                continue
            yield Match(
                segment.start,
                segment.end,
                message(actual, expected, ratio, options.tolerance),
                source_span=(0, len(segment.source)),
            )


def message(actual: int, expected: float, ratio: float, tolerance: float) -> str:
    usual = f"{1 / tolerance:.2g}-{tolerance:.2g} is usual"
    if ratio < 1:
        return (
            f"The translation has {actual} letters where its source suggests about {round(expected)} "
            f"({ratio:.2f} of that; {usual}): part of the source may be missing."
        )
    return (
        f"The translation has {actual} letters where its source suggests about {round(expected)} "
        f"({ratio:.1f} times that; {usual}): it may say more than the source."
    )


def letter_count(text: str) -> int:
    """Letters and digits, full-width forms folded: what a translation's length is measured in."""
    return sum(1 for char in unicodedata.normalize("NFKC", text) if char.isalnum())


def expected_letters(source: str, weights: Mapping[str, float]) -> float:
    """The English letters `source` usually gives: each letter weighed by its script, digits one."""
    total = 0.0
    for char in unicodedata.normalize("NFKC", source):
        if char.isdigit():
            total += 1
        elif char.isalpha():
            total += weights.get(script(char), 1.0)
    return total


@cache
def script(char: str) -> str:
    """The first word of the letter's Unicode name: "CJK", "HIRAGANA", "CYRILLIC", "LATIN" (and "KATAKANA"
    for the prolonged sound mark ー, "KATAKANA-HIRAGANA PROLONGED SOUND MARK")."""
    return unicodedata.name(char, "").split(" ")[0].split("-")[0]


def language_weights(ratios: Mapping[tuple[str, str], float], language: str | None) -> dict[str, float]:
    """Script -> weight for one source language: its own lines over the "*" lines."""
    weights = {s: w for (lang, s), w in ratios.items() if lang == ANY_LANGUAGE}
    weights.update({s: w for (lang, s), w in ratios.items() if lang == language})
    return weights


@cache
def load_ratios(path: str | None) -> dict[tuple[str, str], float]:
    """(language, script) -> English letters per letter, from lines "ja CJK 3.9"."""
    ratios = {}
    for line in word_list(path or data_file("bilingual-length-ratios.txt")):
        fields = line.split()
        if len(fields) != 3:
            raise ValueError(f"a ratio line needs a language, a script and a number: {line!r}")
        language, name, weight = fields
        ratios[language.lower(), name.upper()] = float(weight)
    return ratios
