"""One source translated two ways, or two sources translated one way, in a file or across a run.

A corpus kind. Per file, `facts` keeps one small `Rendering` a compared segment: keys (hashes)
of its source and target as compared, where it stands, and short excerpts for a message, never
whole texts. Over the run, `reduce` groups renderings by source key and by target key (linear:
no segment is compared with another), in reading order (files by path, segments in order), so
the result is the same however the files were spread over workers.

Texts are compared word for word: Unicode compatibility forms folded (full-width "１２"),
punctuation, quotes, dashes, spacing and a final full stop aside, case aside except in acronyms
("US" is not "us"). A segment is compared only when its target has `min_words` words and its
source has letters and differs from its target: short replies ("Yes" / "Yeah"), numbers and
copied names vary legitimately, or are other rules' business.

1. A source with two translations: the translation most segments give (the first in reading
   order on a tie) stands; each segment that translates it otherwise is reported, quoting it.
2. A translation given to two sources: a pasted or repeated target. The sources must differ
   in more than word order (Russian "заявил Путин" / "Путин заявил" both give "Putin said"):
   their words or numbers differ. Each segment of a source other than the most common is
   reported, quoting the other source. A segment reported under 1 is not reported again.

A finding cites one segment of the other side and counts the rest; its related files are every
file where that side stands, one shared tuple, which the engine shows a few of (RELATED_SHOWN).
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections import defaultdict
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import ClassVar

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
APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "ʼ": "'", "`": "'"})


@dataclass(frozen=True, slots=True)
class Rendering:
    """One compared segment: what its source and target say, as keys, and where it stands."""

    source_key: int
    target_key: int
    source_shape: int
    """Its source's words in any order, and its numbers: two sources that differ only in word
    order share it, and may well share a translation."""
    segment: str
    start: int
    end: int
    source_length: int
    source_excerpt: str
    target_excerpt: str
    """Empty after the first segment of its file with the same source and target: only the first
    of a pair in reading order is ever quoted."""


def compared_words(text: str) -> tuple[str, ...]:
    """The words a comparison reads: punctuation and spacing aside, case aside but in acronyms."""
    folded = unicodedata.normalize("NFKC", text).translate(APOSTROPHES)
    words = WORD.findall(folded)
    shouting = not any(c.islower() for c in folded)
    return tuple(w if len(w) > 1 and w.isupper() and not shouting else w.casefold() for w in words)


def _key(words: Sequence[str]) -> int:
    """A stable 64-bit key: the same in every worker process, unlike hash()."""
    digest = hashlib.blake2b("\x1f".join(words).encode("utf-8"), digest_size=8).digest()
    return int.from_bytes(digest, "big")


def _excerpt(text: str) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= EXCERPT else flat[: EXCERPT - 1].rstrip() + "…"


def _worth_comparing(source: tuple[str, ...], target: tuple[str, ...], options: ConsistencyOptions) -> bool:
    """Long enough to be one way of saying it, with letters to translate, and translated."""
    return len(target) >= options.min_words and source != target and any(c.isalpha() for c in "".join(source))


def _renderings(doc: Document, options: ConsistencyOptions) -> tuple[Rendering, ...]:
    found = []
    quoted: set[tuple[int, int]] = set()
    for segment in translated_segments(doc):
        source, target = compared_words(segment.source), compared_words(segment.target)
        if not _worth_comparing(source, target, options):
            continue
        source_key, target_key = _key(source), _key(target)
        first = (source_key, target_key) not in quoted
        quoted.add((source_key, target_key))
        numbers = [word for word in source if any(c.isdigit() for c in word)]
        found.append(
            Rendering(
                source_key,
                target_key,
                _key([*sorted(source), "\x00", *numbers]),
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


Placed = tuple[str, Rendering]
"""A rendering and the file it stands in."""


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


def _groups(
    placed: Sequence[Placed], by: Callable[[Rendering], int], side: Callable[[Rendering], int]
) -> dict[int, dict[int, _Side]]:
    """The groups (by `by`) that hold more than one `side`: each side's segments, in reading order."""
    sides: dict[int, dict[int, _Side]] = defaultdict(dict)
    for path, rendering in placed:
        group = sides[by(rendering)]
        key = side(rendering)
        if key not in group:
            group[key] = _Side((path, rendering))
        group[key].add(path)
    return {key: group for key, group in sides.items() if len(group) > 1}


def _major(group: Mapping[int, _Side]) -> int:
    """The side most segments give; on a tie, the first in reading order (dicts keep it)."""
    return max(group, key=lambda key: group[key].count)


def _other_translations(placed: Sequence[Placed]) -> Iterator[tuple[Placed, _Side]]:
    """Segments whose source is translated otherwise elsewhere, each with the usual translation."""
    groups = _groups(placed, lambda r: r.source_key, lambda r: r.target_key)
    majors = {key: _major(group) for key, group in groups.items()}
    for path, rendering in placed:
        major = majors.get(rendering.source_key)
        if major is not None and rendering.target_key != major:
            yield (path, rendering), groups[rendering.source_key][major]


def _other_sources(placed: Sequence[Placed]) -> Iterator[tuple[Placed, _Side]]:
    """Segments whose translation is given to another source elsewhere, each with that source's side.

    Sources that differ only in word order or punctuation ("заявил Путин" / "Путин заявил") may
    share a translation: the side of another source counts only when its words or numbers differ.
    """
    groups = _groups(placed, lambda r: r.target_key, lambda r: r.source_key)
    majors = {key: _major(group) for key, group in groups.items()}
    for path, rendering in placed:
        major = majors.get(rendering.target_key)
        if major is None or rendering.source_key == major:
            continue
        side = groups[rendering.target_key][major]
        if side.first[1].source_shape != rendering.source_shape:
            yield (path, rendering), side


def _where(path: str, side: _Side) -> str:
    """Where a side's first segment stands, from a finding in `path`, and how many more there are."""
    other_path, first = side.first
    place = f"segment {first.segment}" + ("" if other_path == path else f" of {other_path}")
    more = side.count - 1
    return place + ("" if more == 0 else f" and {more} other segment{'s' * (more > 1)}")


def _match(path: str, rendering: Rendering, side: _Side, message: str) -> Match:
    other = side.first[1]
    related = side.files()
    elsewhere = related != (path,)
    key = f"{other.source_excerpt} → {other.target_excerpt} [{other.source_key ^ other.target_key:016x}]"
    return Match(
        rendering.start,
        rendering.end,
        message,
        related=related if elsewhere else (),
        related_key=key if elsewhere else None,
        source_span=(0, rendering.source_length),
    )


def _findings(facts_by_path: Mapping[str, Sequence[Rendering]]) -> Iterator[tuple[str, Match]]:
    placed = [(path, rendering) for path in sorted(facts_by_path) for rendering in facts_by_path[path]]
    reported: set[tuple[str, int]] = set()
    for (path, rendering), side in _other_translations(placed):
        reported.add((path, rendering.start))
        message = (
            f"This source is translated as '{side.first[1].target_excerpt}' in {_where(path, side)};"
            " use one translation."
        )
        yield path, _match(path, rendering, side, message)
    for (path, rendering), side in _other_sources(placed):
        if (path, rendering.start) not in reported:
            message = (
                f"This translation is also given to another source, '{side.first[1].source_excerpt}',"
                f" in {_where(path, side)}; check which segment it translates."
            )
            yield path, _match(path, rendering, side, message)


class Consistency:
    """The same source translated two ways, and two sources translated one way, across the run."""

    name: ClassVar[str] = "consistency"
    Options: ClassVar[type] = ConsistencyOptions
    fixable: ClassVar[str] = "never"

    def facts(self, doc: Document, options: ConsistencyOptions) -> tuple[Rendering, ...]:
        return _renderings(doc, options)

    def reduce(
        self, facts_by_path: Mapping[str, Sequence[Rendering]], options: ConsistencyOptions
    ) -> Iterator[tuple[str, Match]]:
        yield from _findings(facts_by_path)
