"""The bilingual side of a Document: its segments, each source beside its translation.

Translation files (XLIFF, PO, TMX, aligned text, JSON Lines) hold source and target by
segment. Their loaders lay the targets out as the document's prose, one paragraph each, so
that every monolingual rule reads the translation as it would any text; the segments here
say where each target stands in that prose and what its source says, for the bilingual
rules (qa.checks.bilingual) and for the report's side-by-side page. Like qa.document, this
module imports no loader, rule or engine module.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from functools import cached_property


@dataclass(frozen=True, slots=True)
class InlineCode:
    """A tag or placeholder inside a segment that is markup, not words: XLIFF's <x/>, <g>, <ph>,
    <bpt>…, TMX's <ph>, <bpt>…. Its position is kept so that a missing one can be pointed at."""

    id: str
    """What pairs it with its counterpart on the other side: the element and its id ("g#1")."""
    text: str
    """How it reads in a report: the native code it stands for when the file gives one, else the tag."""
    offset: int
    """Where it stands in its side's text, in code points (an empty position: codes take no room)."""


@dataclass(frozen=True, slots=True)
class Segment:
    """One translation unit: its id in the file, its source text, and its target in the prose."""

    id: str
    """The unit's id as the file names it (XLIFF id, a PO entry's msgctxt and msgid number, a
    TMX unit's tuid or number, an aligned line's number): how a finding names its segment."""
    source: str
    """The source text as a reader sees it: markup and inline codes left out."""
    target: str
    """The target text as laid out in the prose: document.text[start:start + len(target)]."""
    start: int
    """Where the target stands in the document's prose."""
    source_codes: tuple[InlineCode, ...] = ()
    target_codes: tuple[InlineCode, ...] = ()
    state: str | None = None
    """What the file says of the translation, when it says anything ("fuzzy", "needs-review-translation")."""
    source_line: int | None = None
    """The 1-based line of the file where the source text starts, for a report that links to it."""
    form: int | None = None
    """The plural form a PO entry's msgstr[n] translates: an entry's forms translate one source
    (msgid_plural) in different words by design ("2 формы", "5 форм")."""

    @property
    def end(self) -> int:
        return self.start + len(self.target)


@dataclass(frozen=True)
class Bilingual:
    """A document's segments in prose order, and the languages the file (or the user) names."""

    segments: tuple[Segment, ...]
    source_lang: str | None = None
    """BCP 47 tag of the source ("ru", "es-ES"); None when neither the file nor --source-lang says."""
    target_lang: str | None = None
    _starts: tuple[int, ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_starts", tuple(s.start for s in self.segments))

    def segment_at(self, offset: int) -> Segment | None:
        """The segment whose target holds prose `offset` (its end included), or None between segments."""
        index = bisect_right(self._starts, offset) - 1
        if index < 0:
            return None
        found = self.segments[index]
        return found if offset <= found.end else None

    @cached_property
    def code_offsets(self) -> frozenset[int]:
        """Where the targets' inline codes stand in the prose: a tag takes no room there, so "Yes
        <x/> no" reads "Yes  no", and a spacing rule must not take the two spaces for a slip."""
        return frozenset(s.start + code.offset for s in self.segments for code in s.target_codes)

    @property
    def source_language(self) -> str | None:
        """The source's primary language subtag ("es" of "es-ES"), lower-case, for locale data."""
        return primary_language(self.source_lang)


LANGUAGE_TAG = re.compile(r"[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{1,8})*")
"""What `--source-lang` and the configuration's `source-lang` accept: "ru", "es-ES", "zh_Hant"."""


def primary_language(tag: str | None) -> str | None:
    """The primary subtag, "es" of "es-ES" and "zh" of "zh_Hant": what a language detector and Babel name a language by."""
    if not tag:
        return None
    return tag.replace("_", "-").split("-")[0].lower() or None
