"""What every injector works on (a clean document) and the helpers that turn a choice into an Edit."""

from __future__ import annotations

import random
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property

from benchmarks.detection.material import Material, Segment
from benchmarks.detection.model import LOOKALIKE, Edit, Mark
from benchmarks.detection.text import QUOTE_PAIR, Span, paragraph_spans, sentence_spans, words

FINAL = (".", "!", "?")


@dataclass(eq=False)
class Doc:
    """A clean English document and what the injectors may borrow: its source segments, other headlines.

    Compared and hashed by identity, so work derived from one document can be cached per document.
    """

    name: str
    pair: str
    text: str
    material: Material
    segments: list[Segment] = field(default_factory=list)
    other_headlines: list[str] = field(default_factory=list)
    respelled_names: set[str] = field(default_factory=set)
    """Names already respelled in one copy of this document: respelled in two, the right spelling
    would be the rarer one across the run, and name-variant rightly flags the rarer one."""

    @cached_property
    def paragraphs(self) -> list[Span]:
        return paragraph_spans(self.text)

    def paragraph(self, index: int) -> str:
        span = self.paragraphs[index]
        return self.text[span.start : span.end]

    @cached_property
    def lowercase_words(self) -> set[str]:
        """Words the document writes in lowercase: common words, not names, whatever their capital elsewhere."""
        return {match.group() for match in words(self.text) if match.group().islower()}

    @cached_property
    def uses_straight_quotes(self) -> bool:
        return self.text.count('"') >= self.text.count("“")

    def styled(self, template: str) -> str:
        """`template` with {a}, {o} and {c} as the document's own apostrophe, opening and closing marks."""
        straight = self.uses_straight_quotes
        return template.format(
            a="'" if self.uses_straight_apostrophes else "’",
            o='"' if straight else "“",
            c='"' if straight else "”",
        )

    @cached_property
    def uses_straight_apostrophes(self) -> bool:
        """Apostrophes are a family of their own: a file may pair straight double quotes with curly ’."""
        return self.text.count("'") > self.text.count("’")  # a tie: curly, the style that prints

    def paragraph_of(self, offset: int) -> int:
        for index, span in enumerate(self.paragraphs):
            if offset <= span.end:
                return index
        return len(self.paragraphs) - 1


Injector = Callable[[Doc, int, random.Random, "Variant"], list[Edit] | None]


@dataclass(frozen=True)
class Variant:
    """One realistic way to produce one artifact kind (or one legitimate look-alike)."""

    kind: str
    name: str
    rules: tuple[str, ...]
    inject: Injector
    guards: tuple[str, ...] = ()

    @property
    def is_lookalike(self) -> bool:
        return self.kind == LOOKALIKE

    def mark(self, start: int, end: int) -> Mark:
        return Mark(start, end, self.kind, self.name, self.rules, self.guards)


def pick(
    rng: random.Random, pattern: str | re.Pattern[str], text: str, keep=lambda m: True
) -> re.Match | None:
    """A random match of ``pattern`` in ``text`` that ``keep`` accepts."""
    matches = [m for m in re.finditer(pattern, text) if keep(m)]
    return rng.choice(matches) if matches else None


def replace_match(
    doc: Doc,
    index: int,
    match: re.Match,
    new: str,
    variant: Variant,
    group: int = 0,
    mark: tuple[int, int] | None = None,
) -> list[Edit]:
    """Replace one regex group of paragraph ``index`` by ``new``; the mark is all of ``new`` unless given."""
    base = doc.paragraphs[index].start
    start, end = mark if mark else (0, len(new))
    return [Edit(base + match.start(group), base + match.end(group), new, (variant.mark(start, end),))]


def insert_paragraph_after(doc: Doc, index: int, paragraph: str, variant: Variant) -> list[Edit]:
    """A new paragraph below paragraph ``index``, wholly marked."""
    end = doc.paragraphs[index].end
    return [Edit(end, end, "\n\n" + paragraph, (variant.mark(2, 2 + len(paragraph)),))]


def insert_after_sentence(
    doc: Doc, index: int, rng: random.Random, sentence: str, variant: Variant
) -> list[Edit] | None:
    """``sentence`` after a random sentence of paragraph ``index`` that ends a sentence, wholly marked.

    Not after a verse line or a heading ("a copse,"), which the new sentence would turn into prose.
    """
    paragraph = doc.paragraph(index)
    spans = [
        s for s in sentence_spans(paragraph) if paragraph[s.start : s.end].rstrip("\"'”’)»").endswith(FINAL)
    ]
    if not spans:
        return None
    span = rng.choice(spans)
    offset = doc.paragraphs[index].start + span.end
    return [Edit(offset, offset, " " + sentence, (variant.mark(1, 1 + len(sentence)),))]


def quote_pairs(paragraph: str) -> list[re.Match]:
    """The quotations of a paragraph whose marks balance; in one that has a slip already, pairs are guesses."""
    balanced = paragraph.count('"') % 2 == 0 and paragraph.count("“") == paragraph.count("”")
    if not balanced:
        return []
    return [
        m
        for m in QUOTE_PAIR.finditer(paragraph)
        if not _starts_at_straight_closer(paragraph, m.start()) and m.group()[1:-1] == m.group()[1:-1].strip()
    ]  # '"TianZi " in' has a slip already: rewritten, its stray space would make a second one


def _starts_at_straight_closer(paragraph: str, start: int) -> bool:
    """A straight "pair" that starts at the closing mark of a quotation too long for QUOTE_PAIR: '," he said, "'."""
    return paragraph[start] == '"' and paragraph.count('"', 0, start) % 2 == 1


def mid_sentence_sentences(doc: Doc, index: int) -> list[Span]:
    """Sentences of a paragraph but the first, whose first word the document also writes in lowercase."""
    paragraph = doc.paragraph(index)
    chosen = []
    for span in sentence_spans(paragraph)[1:]:
        first = re.match(r"[A-Z][a-z]+\b", paragraph[span.start :])
        if first and first.group().lower() in doc.lowercase_words:
            chosen.append(span)
    return chosen
