"""Text decoded with the wrong character set: "â€™" for ’, "ZÃ¼rich" for Zürich.

ftfy finds the damage and undoes it. Its badness pattern matches the character
sequences that occur in mojibake and almost never in real text, so correct foreign
words ("São Paulo", "SÃO PAULO", "Zürich", "Привет", "pâté") are left alone. Each
match is widened to the whole word, runs of damaged words separated only by spaces
become one finding, and ftfy repairs exactly that span for the suggestion. A span
ftfy cannot repair is not reported: the pattern alone is not proof enough. Words
holding the replacement character � lost a character that cannot be recovered.
"""

from __future__ import annotations

import re
import string
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, ClassVar

from qa.cache import on_disk
from qa.checks.base import option
from qa.document import Document
from qa.findings import Match

if TYPE_CHECKING:
    from ftfy import ExplanationStep

REPLACEMENT_CHARACTER = "\ufffd"
BYTE_ORDER_MARK = "\ufeff"
HORIZONTAL_SPACE = frozenset(" \t\u00a0")
"""Mojibake of "à" or of a no-break space can end in one of these ("voilÃ  la", "5Â\u00a0euros")."""
ASCII_PUNCTUATION = frozenset(string.punctuation)
"""Never part of mojibake, which is made of non-ASCII characters: trimmed off a flagged word."""
NON_ASCII = re.compile(r"[^\x00-\x7f]+")
BADNESS_REACH = 8
"""More than the longest match of ftfy's badness pattern (7 characters; a test keeps watch), each of
which holds a non-ASCII character: text further than this from one cannot match."""
PREVIEW_LENGTH = 40
"""A message quotes at most this many characters of a long damaged run and of its repair."""
CHARSET_NAMES = {
    "latin-1": "Latin-1",
    "macroman": "Mac Roman",
    "cp437": "DOS code page 437",
    "utf-8": "UTF-8",
    "utf-8-variants": "UTF-8",
}


@dataclass(frozen=True, kw_only=True)
class MojibakeOptions:
    replacement_character: bool = option(
        True, "Also flag words holding �, the mark of a character that could not be decoded."
    )


@dataclass(frozen=True, slots=True)
class Repair:
    text: str
    misreading: str
    """How the span was garbled: "UTF-8 text read as Windows-1252"."""


class Mojibake:
    """A word or run of words garbled by decoding with the wrong character set."""

    name: ClassVar[str] = "mojibake"
    Options: ClassVar[type] = MojibakeOptions
    fixable: ClassVar[str] = "sometimes"
    safe_fix: ClassVar[bool] = True
    any_target_language: ClassVar[bool] = True
    """Text decoded with the wrong character set is garbled in any language."""
    covers: ClassVar[bool] = True
    """Mangled text explains every mark and capital inside it ("ï»¿" is no French quote): one finding."""

    def check(self, doc: Document, options: MojibakeOptions) -> Iterator[Match]:
        for start, end in _damaged_spans(doc.text, options):
            damaged = doc.text[start:end]
            repair = _repair(damaged)
            if repair.text != damaged:
                yield _finding(start, damaged, repair)
            elif REPLACEMENT_CHARACTER in damaged:
                yield Match(start, end, _lost_message(damaged))


def _finding(start: int, damaged: str, repair: Repair) -> Match:
    """The finding for a repaired span, less the marks and spaces at its edges that the repair keeps."""
    lead = _shared_unlettered_prefix(damaged, repair.text)
    damaged, repaired = damaged[lead:], repair.text[lead:]
    trail = _shared_unlettered_prefix(damaged[::-1], repaired[::-1])
    damaged, repaired = damaged[: len(damaged) - trail], repaired[: len(repaired) - trail]
    start += lead
    end = start + len(damaged)
    shown = f"'{_visible(damaged)}' is mojibake, {repair.misreading}"
    if REPLACEMENT_CHARACTER in repaired:
        return Match(start, end, f"{shown}, and a character was lost: {_retype_advice(repaired)}")
    if not repaired:
        return Match(start, end, f"{shown}: delete it.", suggestion="")
    return Match(start, end, f"{shown}: it should read '{_visible(repaired)}'.", suggestion=repaired)


def _lost_message(damaged: str) -> str:
    return f"'{_visible(damaged)}' holds �, the trace of a character lost in decoding: retype that character."


def _retype_advice(text: str) -> str:
    return f"it should read '{_visible(text)}' with the character at � retyped."


def _damaged_spans(text: str, options: MojibakeOptions) -> list[tuple[int, int]]:
    """The damaged words, a run of them separated by spaces as one span, in text order."""
    damage = [(_first_non_ascii(text, m.start(), m.end()), m.end()) for m in _badness_matches(text)]
    if options.replacement_character:
        damage += [(m.start(), m.end()) for m in re.finditer(REPLACEMENT_CHARACTER, text)]
    in_words = _merge_within_words(text, sorted((start, end) for start, end in damage if start is not None))
    return _merge_runs(text, [_word_around(text, start, end) for start, end in in_words])


def _badness_matches(text: str) -> Iterator[re.Match[str]]:
    """The matches of ftfy's badness pattern in `text`, searched for only around non-ASCII characters.

    Each window reaches far enough either side of its characters to hold any match, and
    windows that would touch are one, so every match lies in one window: the same matches
    as a scan of the whole text, which in English copy is almost all ASCII.
    """
    for start, end in _non_ascii_windows(text):
        yield from _badness_pattern().finditer(text, start, end)


@cache
def _badness_pattern() -> re.Pattern[str]:
    return re.compile(*_badness_source())


@on_disk("ftfy")
def _badness_source() -> tuple[str, int]:
    """ftfy's badness pattern and its flags, kept on disk: most texts hold no mojibake, and a run
    that repairs none need not import ftfy (0.08 s, a fifth of a one-file run's start-up)."""
    from ftfy.badness import BADNESS_RE

    return BADNESS_RE.pattern, BADNESS_RE.flags


def _non_ascii_windows(text: str) -> Iterator[tuple[int, int]]:
    """Spans of `text` around its runs of non-ASCII characters, BADNESS_REACH to each side, merged."""
    window: tuple[int, int] | None = None
    for run in NON_ASCII.finditer(text):
        start, end = max(run.start() - BADNESS_REACH, 0), run.end() + BADNESS_REACH
        if window is not None and start <= window[1]:
            window = (window[0], end)
            continue
        if window is not None:
            yield window
        window = (start, end)
    if window is not None:
        yield window


def _merge_within_words(text: str, damage: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """Damage in the same word as one span, so that a long word is widened once, not once a match."""
    merged: list[tuple[int, int]] = []
    for start, end in damage:
        if merged and not _has_space(text, merged[-1][1], start) and not text[merged[-1][1] - 1].isspace():
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def _has_space(text: str, start: int, end: int) -> bool:
    return any(char.isspace() for char in text[start:end])


def _first_non_ascii(text: str, start: int, end: int) -> int | None:
    """Where the damage in a pattern match begins: ASCII letters and spaces in it are only context."""
    return next((i for i in range(start, end) if not text[i].isascii()), None)


def _word_around(text: str, start: int, end: int) -> tuple[int, int]:
    """The word holding the damage text[start:end], without the ASCII punctuation around it.

    Damage that ends in a space is mojibake of "à" or of a no-break space whose last
    byte became that space: the spaces after it belong to the damage too.
    """
    word_start = start
    while word_start > 0 and not text[word_start - 1].isspace():
        word_start -= 1
    while word_start < start and text[word_start] in ASCII_PUNCTUATION:
        word_start += 1
    if text[end - 1].isspace():
        while end < len(text) and text[end] in HORIZONTAL_SPACE:
            end += 1
        return word_start, end
    word_end = end
    while word_end < len(text) and not text[word_end].isspace():
        word_end += 1
    while word_end > end and text[word_end - 1] in ASCII_PUNCTUATION:
        word_end -= 1
    return word_start, word_end


def _merge_runs(text: str, spans: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """Overlapping spans, and spans with only spaces between them, become one."""
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        if merged and (start <= merged[-1][1] or _only_spaces(text[merged[-1][1] : start])):
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def _only_spaces(gap: str) -> bool:
    return all(char in HORIZONTAL_SPACE for char in gap)


def _repair(damaged: str) -> Repair:
    """ftfy's repair of the span; a byte-order mark it uncovers is dropped, as it has no place in text."""
    from ftfy import fix_encoding_and_explain

    fixed, steps = fix_encoding_and_explain(damaged)
    return Repair(fixed.replace(BYTE_ORDER_MARK, ""), _misreading(steps or []))


def _misreading(steps: Sequence[ExplanationStep]) -> str:
    """ "UTF-8 text read as Windows-1252", from ftfy's first encode step and the decode after it."""
    encoded = next((i for i, step in enumerate(steps) if step.action == "encode"), None)
    if encoded is not None:
        decoded = next((step for step in steps[encoded + 1 :] if step.action == "decode"), None)
        if decoded is not None:
            return f"{_charset(decoded.parameter)} text read as {_charset(steps[encoded].parameter)}"
    return "text decoded with the wrong character set"


def _charset(ftfy_name: str) -> str:
    name = ftfy_name.removeprefix("sloppy-")
    return CHARSET_NAMES.get(name, name.title() if name.startswith("windows") else name.upper())


def _shared_unlettered_prefix(damaged: str, repaired: str) -> int:
    """How many leading characters the span and its repair share that are not letters or digits.

    Quotation marks and spaces that the repair leaves as they were were never damaged;
    a � the repair keeps is still the trace of a lost character.
    """
    count = 0
    for old, new in zip(damaged, repaired):
        if old != new or old.isalnum() or old == REPLACEMENT_CHARACTER:
            break
        count += 1
    return count


def _visible(text: str) -> str:
    """The text for a message: invisible characters (no-break space, C1) as escapes, long runs cut."""
    shown = text if len(text) <= PREVIEW_LENGTH else text[:PREVIEW_LENGTH] + "…"
    return "".join(char if char.isprintable() else f"\\u{ord(char):04x}" for char in shown)
