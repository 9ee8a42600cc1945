"""The layout shared by the loaders of translation files: each target a paragraph of the prose.

A loader walks its file and, for every unit, opens a segment (`begin`), takes the target's text
through `prose` (a ProseBuilder, so that every character keeps its place in the file), notes
its inline codes (`code`), and closes it with the source (`end`). Monolingual rules then read
the targets as one text, and findings land on the file's own lines and columns.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from qa.bilingual import Bilingual, InlineCode, Segment
from qa.document import Document
from qa.loaders.decoding import Encoding
from qa.loaders.extraction import ProseBuilder

ENDS_SENTENCE = re.compile(r"""[.!?…:;。！？][\]\)"'”’»」』]*\s*$""")
"""A target that ends a sentence, perhaps inside a closing quotation mark or bracket."""
OPENING_QUOTES = frozenset('"“«„‘')
"""Marks that open a quotation, or reopen one at a new paragraph."""


def _leaves_a_quotation_open(text: str) -> bool:
    """Whether `text` opens more double quotations than it closes (a straight mark toggles)."""
    curly = text.count("“") + text.count("«") + text.count("„") - text.count("”") - text.count("»")
    return curly > 0 or text.count('"') % 2 == 1


class SegmentLayout:
    def __init__(self, source_text: str) -> None:
        self.prose = ProseBuilder(source_text)
        self.segments: list[Segment] = []
        self._start = 0
        self._codes: list[InlineCode] = []
        self._paragraph_first = 0
        """The index of the first segment of the paragraph being laid out, to tell whether a
        quotation is still open."""

    def begin(self, same_paragraph: bool | None = None) -> None:
        """Open a segment: its target starts a paragraph of its own, or follows the one before
        after a space, as the next sentence of its paragraph, so that a quotation running over two
        sentences is still one quotation to the rules. `same_paragraph` says what the file knows:
        True for the segments of one XLIFF unit, False for independent strings (PO entries) or a
        new paragraph, None when it does not say (TMX units, aligned lines): then a segment is
        taken for the next sentence when a quotation the paragraph left open goes on in it (is
        not opened again, as a new paragraph of a quotation is). A segment that ends without a
        sentence's closing punctuation (a headline) stands alone."""
        previous = self.segments[-1].target if self.segments else ""
        self._codes = []
        if not ENDS_SENTENCE.search(previous):
            self._open_paragraph()
        elif same_paragraph:
            self._follow()
        elif same_paragraph is None and _leaves_a_quotation_open(self._paragraph_text()):
            self.prose.before_text = self._continue_or_open
        else:
            self._open_paragraph()

    def _continue_or_open(self, first_text: str) -> None:
        """Decided at the target's first text: a quotation reopened starts a paragraph."""
        if first_text.lstrip()[:1] in OPENING_QUOTES:
            self._open_paragraph()
        else:
            self._follow()

    def _paragraph_text(self) -> str:
        return "".join(segment.target for segment in self.segments[self._paragraph_first :])

    def _open_paragraph(self) -> None:
        self.prose.paragraph_break()
        self._start = self.prose.length
        self._paragraph_first = len(self.segments)

    def _follow(self) -> None:
        self.prose.space()
        self._start = self.prose.length

    def _settle(self) -> None:
        """Decide a layout left open before the first text, when a code or the end comes first."""
        if self.prose.before_text is not None:
            self.prose.before_text = None
            self._follow()

    def code(self, code_id: str, text: str) -> None:
        """Note an inline code of the target at the current position."""
        self._settle()
        self._codes.append(InlineCode(code_id, text, self.prose.length - self._start))

    def end(
        self,
        segment_id: str,
        source: str,
        source_codes: tuple[InlineCode, ...] = (),
        state: str | None = None,
        source_line: int | None = None,
        form: int | None = None,
    ) -> Segment:
        """Close the open segment with its source; the target is what the prose took since `begin`."""
        self._settle()
        segment = Segment(
            segment_id,
            source,
            self.prose.text_since(self._start),
            self._start,
            source_codes,
            tuple(self._codes),
            state,
            source_line,
            form,
        )
        self.segments.append(segment)
        return segment

    def document(
        self,
        path: str,
        source_lang: str | None,
        target_lang: str | None,
        warnings: tuple[str, ...] = (),
        encoding: Encoding | None = None,
        escape: Callable[[str], str] | None = None,
    ) -> Document:
        """The document; `escape` writes prose as the format does (`&amp;`), for `mtqa fix`. A
        source language nobody gives is read from the sources, and a warning says so."""
        if source_lang is None:
            source_lang, name = guess_language(self.segments)
            if source_lang:
                guessed = f"the file names no source language; its sources read as {name} ({source_lang})"
                warnings = (*warnings, f"{path}: {guessed}: --source-lang sets it")
        bilingual = Bilingual(tuple(self.segments), source_lang, target_lang)
        return self.prose.document(path, warnings, encoding, bilingual, escape)


GUESS_SAMPLE = 20_000
"""Characters of the sources read to tell their language: a few pages say it as well as a book."""
GUESS_LEAST = 40
"""Letters the sources need before their language is guessed: "Да." could be Russian or Serbian."""


def guess_language(segments: list[Segment]) -> tuple[str | None, str]:
    """The language CLD2 reliably reads in the first sources (its code and name), or (None, "")."""
    import pycld2

    sample, length = [], 0
    for segment in segments:
        if length > GUESS_SAMPLE:
            break
        sample.append(segment.source)
        length += len(segment.source)
    text = "\n".join(sample)[:GUESS_SAMPLE]
    if sum(map(str.isalpha, text)) < GUESS_LEAST:
        return None, ""
    try:
        reliable, _, details = pycld2.detect(text)
    except pycld2.error:  # text CLD2 cannot read (a lone surrogate)
        return None, ""
    name, code = details[0][0], details[0][1]
    if not reliable or code in ("un", "xxx"):
        return None, ""
    return code, name.capitalize()
