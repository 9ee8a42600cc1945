"""A word that mixes alphabets: Cyrillic "а" in "Pаris", Greek "Ρ" in "Ρaris", Latin "o" in "Мoсква".

Latin, Cyrillic and Greek share look-alike letters, so a word typed on the wrong
keyboard layout, or pasted from a source in another script, looks right and is
wrong: search, spell-checking and hyphenation all fail on it. A letter's script is
the first word of its Unicode name (LATIN, CYRILLIC, GREEK); letters of other
scripts, digits and marks are not counted, so Japanese mixing kanji and kana,
"Tシャツ" and Arabic prefixes on Latin names are never flagged. Greek letters that
look like no Latin letter (α, β, μ, π, Δ, Ω) are symbols in a Latin or Cyrillic word
("TNFα", "Aβ", "NF-κB", "5μg", "ΔG", "Ωmega") and are allowed there. Each part of a
hyphenated word is judged on its own ("α-synuclein", "IT-компания").
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import cache, cached_property
from typing import ClassVar, NamedTuple

from qa.checks.base import NoOptions
from qa.document import Document
from qa.findings import Match
from qa.segment import Word

LATIN, CYRILLIC, GREEK = "LATIN", "CYRILLIC", "GREEK"
SCRIPTS = (LATIN, CYRILLIC, GREEK)
"""The alphabets checked, in the order that breaks a tie for a word's script."""
LOOK_ALIKES = (
    "aа", "AАΑ", "BВΒ", "cс", "CС", "eе", "EЕΕ", "HНΗ", "hһ", "iі", "IІΙ", "jј", "JЈ",
    "KКΚ", "MМΜ", "NΝ", "oоο", "OОΟ", "pр", "PРΡ", "sѕ", "SЅ", "TТΤ", "vν", "xх", "XХΧ",
    "yу", "YΥ", "ZΖ", "ăӑ", "ĂӐ", "çҫ", "ÇҪ", "ĕӗ", "ĔӖ", "ëё", "ËЁ", "ïї", "ÏЇ", "əә", "ƏӘ",
)  # fmt: skip
"""Letters that look the same in Latin, Cyrillic and Greek, one group a string."""
PART_SEPARATORS = re.compile(r"['’\-]")


class Letter(NamedTuple):
    offset: int
    char: str
    script: str


@dataclass(frozen=True, slots=True)
class Intruder:
    """A letter from another script than the rest of its word."""

    offset: int
    char: str
    word_script: str
    """The script of the rest of its word (of its part, in a hyphenated word)."""


class MixedScript:
    """A word whose letters come from more than one of the Latin, Cyrillic and Greek alphabets."""

    name: ClassVar[str] = "mixed_script"
    Options: ClassVar[type] = NoOptions
    fixable: ClassVar[str] = "sometimes"
    any_target_language: ClassVar[bool] = True
    """A Latin "o" in "Мoсква" is as wrong in a Russian translation as a Cyrillic "а" in English."""

    def check(self, doc: Document, options: NoOptions) -> Iterator[Match]:
        document_scripts = _DocumentScripts(doc.text)
        for word in doc.words:
            if word.text.isascii():
                continue
            intruders = _intruders(word, document_scripts)
            if intruders:
                yield Match(
                    word.start,
                    word.end,
                    _message(word.text, intruders),
                    suggestion=_replaced(word, intruders),
                )


class _DocumentScripts:
    """The document's alphabets, most used first; counted only when a word's own letters tie."""

    def __init__(self, text: str) -> None:
        self.text = text

    @cached_property
    def ranking(self) -> tuple[str, ...]:
        counts = Counter(script_of(char) for char in self.text)
        return tuple(sorted(SCRIPTS, key=lambda script: (-counts[script], SCRIPTS.index(script))))


def _intruders(word: Word, document_scripts: _DocumentScripts) -> list[Intruder]:
    """The letters of each part of the word that are not in that part's script."""
    intruders: list[Intruder] = []
    offset = word.start
    for part in PART_SEPARATORS.split(word.text):
        letters = _without_greek_symbols(
            [Letter(offset + i, char, script) for i, char in enumerate(part) if (script := script_of(char))]
        )
        offset += len(part) + 1
        if len({letter.script for letter in letters}) < 2:
            continue
        part_script = _main_script(Counter(letter.script for letter in letters), document_scripts)
        intruders += [Intruder(l.offset, l.char, part_script) for l in letters if l.script != part_script]
    return intruders


def _without_greek_symbols(letters: list[Letter]) -> list[Letter]:
    """Greek letters that look like no Latin letter are symbols in a Latin or Cyrillic word (TNFα, NF-κB)."""
    greek = [letter for letter in letters if letter.script == GREEK]
    if len(greek) == len(letters) or any(_look_alike(letter.char, LATIN) for letter in greek):
        return letters
    return [letter for letter in letters if letter.script != GREEK]


def _main_script(counts: Counter[str], document_scripts: _DocumentScripts) -> str:
    """The script most of the letters are in; on a tie, the one the document uses most."""
    most = max(counts.values())
    tied = [script for script in SCRIPTS if counts[script] == most]
    if len(tied) == 1:
        return tied[0]
    return next(script for script in document_scripts.ranking if script in tied)


@cache
def script_of(char: str) -> str | None:
    """LATIN, CYRILLIC or GREEK for a letter of those alphabets, from its Unicode name; else None."""
    if not char.isalpha():
        return None
    script = unicodedata.name(char, "").partition(" ")[0]
    return script if script in SCRIPTS else None


@cache
def _look_alike(char: str, script: str) -> str | None:
    """The letter of `script` that looks like `char`, if there is one."""
    for group in LOOK_ALIKES:
        if char in group:
            return next((other for other in group if script_of(other) == script), None)
    return None


def _replaced(word: Word, intruders: Sequence[Intruder]) -> str | None:
    """The word with each intruder replaced by its look-alike; None if one has no look-alike."""
    letters = list(word.text)
    for intruder in intruders:
        look_alike = _look_alike(intruder.char, intruder.word_script)
        if look_alike is None:
            return None
        letters[intruder.offset - word.start] = look_alike
    return "".join(letters)


def _message(text: str, intruders: Sequence[Intruder]) -> str:
    """Each distinct intruder by name, grouped by the script it intrudes on."""
    by_script: dict[str, dict[str, None]] = {}
    for intruder in intruders:
        named = f"'{intruder.char}' ({unicodedata.name(intruder.char)})"
        by_script.setdefault(intruder.word_script, {})[named] = None
    groups = by_script.items()
    where = "; ".join(f"{_listed(list(names))} in a {script.title()} word" for script, names in groups)
    return f"'{text}' mixes scripts: {where}."


def _listed(items: Sequence[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]
