"""One source translated two ways, or two sources translated one way, in a file or across a run.

A corpus kind. Per file, `facts` keeps one small `Rendering` a compared segment: keys (hashes)
of its source and target as compared, where it stands, and short excerpts for a message, never
whole texts. Over the run, `reduce` groups renderings by source key and by target key (linear:
no segment is compared with another), in reading order (files by path, segments in order), so
the result is the same however the files were spread over workers.

Texts are compared word for word: Unicode compatibility forms folded (full-width "１２"),
punctuation, quotes, dashes, spacing and a final full stop aside, case aside except in acronyms
("US" is not "us"); a text in capitals throughout, whose acronyms cannot be told, reads as the
first text of the run with its words in another case. A segment is compared only when its target has `min_words` words and its
source has letters and differs from its target: short replies ("Yes" / "Yeah"), numbers and
copied names vary legitimately, or are other rules' business.

1. A source with two translations: the translation most segments give (the first in reading
   order on a tie) stands; each segment that translates it otherwise is reported, quoting it.
2. A translation given to two sources: a pasted or repeated target. Sources that differ in a
   word or two or in word order may share one ("заявил Путин" / "Путин заявил", "спасибо вам" /
   "спасибо тебе"), so the other source must be another sentence, told by a small MinHash
   sketch of its words, or have other numbers ("25 000" / "30 000" people). Each segment of a
   source other than the most common is reported, quoting the other source. A segment reported
   under 1 is not reported again.

A finding cites one segment of the other side and counts the rest; its related files are every
file where that side stands, one shared tuple, which the engine shows a few of (RELATED_SHOWN).
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
import zlib
from collections import defaultdict
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import ClassVar, NamedTuple

from qa.checks.base import option, require_at_least
from qa.checks.bilingual import translated_segments
from qa.document import Document
from qa.findings import Match


@dataclass(frozen=True, kw_only=True)
class ConsistencyOptions:
    min_words: int = option(
        4, 'Segments whose translation has fewer words are not compared: short replies vary ("Yes" / "Yeah").'
    )

    def __post_init__(self) -> None:
        require_at_least(self, min_words=1)


EXCERPT = 60
"""Characters of a text a message quotes: enough to recognise a sentence."""
WORD = re.compile(r"\w+(?:'\w+)*")
APOSTROPHES = ("’", "‘", "ʼ", "`")
LETTER = re.compile(r"[^\W\d_]")
NUMBER = re.compile(r"\d+")


@dataclass(frozen=True, slots=True)
class Rendering:
    """One compared segment: what its source and target say, as keys, and where it stands."""

    source_words: int
    source_case: int
    target_words: int
    target_case: int
    """A text's words case-folded, and as compared (acronyms kept); the second is 0 for a text in
    capitals throughout, which hides its acronyms."""
    source_numbers: int
    """The numbers of its source, in order."""
    source_sketch: int
    """A few of its source's words (`sketch`): enough to tell a source that differs by a word or
    two, which may well share a translation, from another sentence."""
    segment: str
    start: int
    end: int
    source_length: int
    source_excerpt: str
    target_excerpt: str
    """Empty after the first segment of its file with the same source and target: only the first
    of a pair in reading order is ever quoted."""


def compared_words(text: str) -> tuple[str, ...]:
    """The words a comparison reads: punctuation, spacing and case aside (acronyms: `_compared`)."""
    return _compared(text)[0]


def _plain(text: str) -> str:
    """Compatibility forms folded (full-width "１２"), and apostrophes made one."""
    plain = unicodedata.normalize("NFKC", text)
    for apostrophe in APOSTROPHES:  # str.replace: forty times faster than str.translate here
        plain = plain.replace(apostrophe, "'")
    return plain


def _compared(text: str) -> tuple[tuple[str, ...], int, int]:
    """A text's words as compared, their key, and the key of the words with their acronyms ("US" is
    not "us"): unknown (0) for a text in capitals throughout, where an acronym looks like any word."""
    plain = _plain(text)
    words = tuple(WORD.findall(plain.casefold()))
    words_key = _key(words)
    if plain == plain.upper():
        return words, words_key, 0
    acronyms = [word for word in WORD.findall(plain) if len(word) > 1 and word.isupper()]
    return words, words_key, _key([*words, "\x00", *acronyms]) if acronyms else words_key


def _key(words: Sequence[str]) -> int:
    """A stable 64-bit key: the same in every worker process, unlike hash()."""
    digest = hashlib.blake2b("\x1f".join(words).encode("utf-8"), digest_size=8).digest()
    return int.from_bytes(digest, "big")


SKETCH = 16
"""Hashes a sketch keeps."""
NO_HASH = 0xFFFFFFFF
"""Fills a short text's sketch: no word hashes to it (crc32 values are below it, or equal and rare)."""
SIMILAR = 0.5
"""Share of their words (estimated from the sketches) above which two sources are one sentence reworded."""
UNSPACED = "\u2e80"
"""From here on, scripts written without spaces (CJK): their runs are cut into pairs of characters."""


def sketch(words: Sequence[str]) -> int:
    """The SKETCH least crc32 hashes of a text's words (pairs of characters in CJK runs), packed in
    one int: a bottom-k MinHash sketch, estimating the share of words two texts have in common."""
    tokens = set(words)
    if words and max(map(max, words)) >= UNSPACED:
        tokens = {word[i : i + 2] for word in words for i in range(max(1, len(word) - 1))}
    least = sorted({zlib.crc32(token.encode()) for token in tokens})[:SKETCH]
    packed = 0
    for value in least + [NO_HASH] * (SKETCH - len(least)):
        packed = packed << 32 | value
    return packed


def resemblance(a: int, b: int) -> float:
    """The share of words two sketched texts have in common, estimated from the union's least hashes."""
    first, second = _hashes(a), _hashes(b)
    union = sorted(first | second)[:SKETCH]
    return sum(value in first and value in second for value in union) / len(union) if union else 1.0


def _hashes(packed: int) -> set[int]:
    values = {packed >> (32 * i) & NO_HASH for i in range(SKETCH)}
    return values - {NO_HASH}


def _excerpt(text: str) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= EXCERPT else flat[: EXCERPT - 1].rstrip() + "…"


def _worth_comparing(source: tuple[str, ...], target: tuple[str, ...], options: ConsistencyOptions) -> bool:
    """Long enough to be one way of saying it, with letters to translate, and translated."""
    return (
        len(target) >= options.min_words and source != target and LETTER.search(" ".join(source)) is not None
    )


def _renderings(doc: Document, options: ConsistencyOptions) -> tuple[Rendering, ...]:
    found = []
    quoted: set[tuple[int, ...]] = set()
    for segment in translated_segments(doc):
        source, source_words, source_case = _compared(segment.source)
        target, target_words, target_case = _compared(segment.target)
        if not _worth_comparing(source, target, options):
            continue
        if segment.form:  # a plural form: compared only with the same form of another entry
            source_words, source_case = (
                _key([str(key), f"form {segment.form}"]) for key in (source_words, source_case)
            )
        keys = (source_words, source_case, target_words, target_case)
        first = keys not in quoted
        quoted.add(keys)
        found.append(
            Rendering(
                *keys,
                _key(NUMBER.findall(" ".join(source))),
                sketch(source),
                segment.id,
                segment.start,
                segment.end,
                len(segment.source),
                _excerpt(segment.source) if first else "",
                _excerpt(segment.target) if first else "",
            )
        )
    return tuple(found)


# ----------------------------------------------------------------------------- the run


class Placed(NamedTuple):
    """A rendering in reading order: its file, and what its source and its target say."""

    path: str
    rendering: Rendering
    source: int
    target: int


def _placed(facts_by_path: Mapping[str, Sequence[Rendering]]) -> list[Placed]:
    """Every rendering of the run in reading order (files by path), with the identity of its texts.

    A text in capitals throughout ("PUTIN MEETS US ENVOY") cannot tell an acronym from a word, so it
    reads as the first text of the run with its words in another case, and as itself if none.
    """
    ordered = [(path, rendering) for path in sorted(facts_by_path) for rendering in facts_by_path[path]]
    cased: dict[int, int] = {}
    for _path, r in ordered:
        for words, case in ((r.source_words, r.source_case), (r.target_words, r.target_case)):
            if case:
                cased.setdefault(words, case)

    def identity(words: int, case: int) -> int:
        return case or cased.get(words, words)

    return [
        Placed(path, r, identity(r.source_words, r.source_case), identity(r.target_words, r.target_case))
        for path, r in ordered
    ]


class _Side:
    """The segments that give one text of a group (one translation of a source, or one source of a
    translation): how many, the first in reading order, the files, one tuple for every finding."""

    def __init__(self, first: Placed) -> None:
        self.first = first
        self.count = 0
        self._files: dict[str, None] = {}

    def add(self, path: str) -> None:
        self.count += 1
        self._files[path] = None

    def files(self) -> tuple[str, ...]:
        if not isinstance(self._files, tuple):
            self._files = tuple(self._files)
        return self._files


Text = Callable[[Placed], int]
"""Which of a segment's texts: its source or its target."""


def _departures(placed: Sequence[Placed], group_by: Text, side: Text) -> Iterator[tuple[Placed, _Side]]:
    """Segments whose `side` differs from the one most of their group gives (the first in reading
    order on a tie), each with that usual side. Two passes over the segments: no pairs."""
    groups: dict[int, dict[int, _Side]] = defaultdict(dict)
    for item in placed:
        group = groups[group_by(item)]
        if side(item) not in group:
            group[side(item)] = _Side(item)
        group[side(item)].add(item.path)
    usual = {
        key: max(group.values(), key=lambda s: s.count) for key, group in groups.items() if len(group) > 1
    }
    for item in placed:
        major = usual.get(group_by(item))
        if major is not None and side(item) != side(major.first):
            yield item, major


def _source(item: Placed) -> int:
    return item.source


def _target(item: Placed) -> int:
    return item.target


def _other_translations(placed: Sequence[Placed]) -> Iterator[tuple[Placed, _Side]]:
    """Segments whose source is translated otherwise elsewhere, each with the usual translation."""
    return _departures(placed, _source, _target)


def _other_sources(placed: Sequence[Placed]) -> Iterator[tuple[Placed, _Side]]:
    """Segments whose translation is given to another source elsewhere, each with that source's side.

    Sources that differ in a word or two, or in word order, may share a translation ("заявил Путин"
    / "Путин заявил", "спасибо вам" / "спасибо тебе"): another source counts when it has other
    numbers ("25 000" / "30 000" people: one was pasted over the other), or is another sentence.
    """
    for item, major in _departures(placed, _target, _source):
        mine, usual = item.rendering, major.first.rendering
        if (
            mine.source_numbers != usual.source_numbers
            or resemblance(mine.source_sketch, usual.source_sketch) < SIMILAR
        ):
            yield item, major


def _where(path: str, side: _Side) -> str:
    """Where a side's first segment stands, from a finding in `path`, and how many more there are."""
    first = side.first
    place = f"segment {first.rendering.segment}" + ("" if first.path == path else f" of {first.path}")
    more = side.count - 1
    return place + ("" if more == 0 else f" and {more} other segment{'s' * (more > 1)}")


def _match(item: Placed, side: _Side, message: str) -> Match:
    other = side.first
    related = side.files()
    elsewhere = related != (item.path,)
    quoted = f"{other.rendering.source_excerpt} → {other.rendering.target_excerpt}"
    key = f"{quoted} [{other.source ^ other.target:016x}]"
    return Match(
        item.rendering.start,
        item.rendering.end,
        message,
        related=related if elsewhere else (),
        related_key=key if elsewhere else None,
        source_span=(0, item.rendering.source_length),
    )


def _findings(facts_by_path: Mapping[str, Sequence[Rendering]]) -> Iterator[tuple[str, Match]]:
    placed = _placed(facts_by_path)
    reported: set[tuple[str, int]] = set()
    for item, side in _other_translations(placed):
        reported.add((item.path, item.rendering.start))
        message = (
            f"This source is translated as '{side.first.rendering.target_excerpt}' in {_where(item.path, side)};"
            " use one translation."
        )
        yield item.path, _match(item, side, message)
    for item, side in _other_sources(placed):
        if (item.path, item.rendering.start) not in reported:
            message = (
                f"This translation is also given to another source, '{side.first.rendering.source_excerpt}',"
                f" in {_where(item.path, side)}; check which segment it translates."
            )
            yield item.path, _match(item, side, message)


class Consistency:
    """The same source translated two ways, and two sources translated one way, across the run."""

    name: ClassVar[str] = "consistency"
    Options: ClassVar[type] = ConsistencyOptions
    fixable: ClassVar[str] = "never"
    any_target_language: ClassVar[bool] = True
    """Two translations of one source differ in any language."""

    def facts(self, doc: Document, options: ConsistencyOptions) -> tuple[Rendering, ...]:
        return _renderings(doc, options)

    def reduce(
        self, facts_by_path: Mapping[str, Sequence[Rendering]], options: ConsistencyOptions
    ) -> Iterator[tuple[str, Match]]:
        yield from _findings(facts_by_path)
