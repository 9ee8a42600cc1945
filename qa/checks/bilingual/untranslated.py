"""A segment left untranslated: its target is its source, is in the source's language, or copies some of it.

What only the source can tell, beside untranslated-text (qa.checks.language), which judges
the target alone: that the words of the target are the source's own, and where in the
source they stand. Three findings, each on the target with the source span it copies:

- The whole target is the source (white space and case aside), and the source is
  something to translate: it has letters in a script English does not use, or words of
  the source language. A name ("Twitter"), a code ("COVID-19", "iPhone 13"), a link or a
  headline of names and figures ("Real Madrid 2-1 Sevilla") stays the same in English.
- The target is written in the source's language: for a source in another script than
  Latin (Russian, Japanese, Arabic, Greek…), most of the target's letters are of that
  script; for a Latin-script source (Spanish, French…), CLD2 and langdetect both name the
  source's language from the target's common words, as untranslated-text reads them.
- A stretch of the target is copied from the source beside translated words: a run of
  the source's script (three letters of Chinese or Japanese, a word of Cyrillic), or of a
  Latin-script source, `min_copied_words` words in a row that are not English ("dijo que
  el gobierno"); when such stretches make half the target or more, one finding on the
  whole target. A name or title in its own script glossed beside its English ("Shinzo Abe
  (安倍晋三)"), a link, and a quotation the source itself gives in English are kept.

The kind supersedes untranslated-text: its finding inside one of these is the same words.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import lru_cache
from typing import ClassVar

from qa import lexicon
from qa.bilingual import Segment
from qa.checks.base import option, require_at_least, require_between
from qa.checks.bilingual import source_language, stripped_span, translated_segments
from qa.checks.language import (
    FOREIGN_WORD,
    GLOSS_CLOSERS,
    GLOSS_OPENERS,
    LINK_MARK,
    MAX_GLOSS_CHARACTERS,
    MAX_GLOSS_WORDS,
    MIN_UNSPACED_LETTERS,
    ROMANISATION_AFTER,
    RUN_GAP,
    Verdict,
    common_words,
    detect,
    first_pass,
    language_name,
)
from qa.document import Document
from qa.findings import Match
from qa.segment import Span, Word, tokens_holding, words

LATIN = "LATIN"
CJK = "CJK"
CJK_SCRIPTS = frozenset({"CJK", "HIRAGANA", "KATAKANA", "KATAKANA-HIRAGANA", "IDEOGRAPHIC"})
"""Unicode names' first words for the letters of Chinese and Japanese, whose copy mixes kanji and kana."""
SCRIPT_NAMES = {CJK: "Chinese or Japanese"}
BRACKETS_AND_OPENERS = "([（「『«‹„【"
"""What may stand between a name and its gloss: brackets and quotation marks that only open a quotation."""
LATIN_BEFORE = re.compile(r"[A-Za-z]\Z")
WHITE = re.compile(r"\s+")
MAX_SEARCHED = 5000
"""The longest source searched for the part of a run it shares (see `_in_source`)."""


@dataclass(frozen=True, kw_only=True)
class UntranslatedSegmentsOptions:
    max_source_script_share: float = option(
        0.5,
        "A target with more than this share of its letters in the source's (non-Latin) script is in its language.",
    )
    min_copied_words: int = option(
        4, "Words in a row, copied from a Latin-script source and not English, that make a copied stretch."
    )
    min_words: int = option(
        5, "Common (lowercase) words a target needs before a language identifier judges its language."
    )
    min_probability: float = option(
        0.9, "How sure CLD2 and langdetect must be that the target is in the source's language."
    )

    def __post_init__(self) -> None:
        require_at_least(self, min_copied_words=2, min_words=1)
        require_between(self, 0, 1, "max_source_script_share", "min_probability")


class UntranslatedSegments:
    """A target that is its source, is in the source's language, or holds a stretch copied from it."""

    name: ClassVar[str] = "untranslated_segments"
    Options: ClassVar[type] = UntranslatedSegmentsOptions
    fixable: ClassVar[str] = "never"
    supersedes: ClassVar[frozenset[str]] = frozenset({"language"})
    """Untranslated words that the source shows to be its own say all untranslated-text says, and where they come from."""

    def check(self, doc: Document, options: UntranslatedSegmentsOptions) -> Iterator[Match]:
        language = source_language(doc)
        for segment in translated_segments(doc):
            yield from _segment_matches(segment, language, options)


def _segment_matches(
    segment: Segment, language: str | None, options: UntranslatedSegmentsOptions
) -> Iterator[Match]:
    source, target = segment.source, segment.target
    script = _main_script(source)
    if script is None:
        return
    name = language_name(language) if language else SCRIPT_NAMES.get(script, script.title())
    whole = stripped_span(target)
    source_whole = stripped_span(source)
    if _normalised(source) == _normalised(target) and _translatable(source, script, language):
        yield _match(
            segment,
            whole,
            source_whole,
            f"The translation is the {name} source unchanged: was it left untranslated?",
        )
        return
    if script != LATIN:
        yield from _script_matches(segment, script, name, whole, source_whole, options)
        return
    if not language:
        return
    copied = list(_copied_stretches(segment, options))
    copied_letters = sum(span.end - span.start for span, _ in copied)
    if copied and copied_letters * 2 >= whole.end - whole.start:
        source_span = Span(copied[0][1].start, copied[-1][1].end)
        message = f"Most of the translation is copied from the {name} source: was it left untranslated?"
        yield _match(segment, whole, source_span, message)
    elif copied:
        for span, source_span in copied:
            text = target[span.start : span.end]
            message = f"'{text}' is copied from the {name} source: was it left untranslated?"
            yield _match(segment, span, source_span, message)
    elif _in_language(target, language, options):
        message = f"The translation is written in {name}, the source's language: was it left untranslated?"
        yield _match(segment, whole, source_whole, message)


def _match(segment: Segment, target: Span, source: Span | None, message: str) -> Match:
    source_span = (source.start, source.end) if source else None
    return Match(segment.start + target.start, segment.start + target.end, message, source_span=source_span)


def _normalised(text: str) -> str:
    return WHITE.sub(" ", unicodedata.normalize("NFKC", text)).strip().casefold()


@lru_cache(maxsize=4096)
def script_of(letter: str) -> str:
    """The Unicode script of a letter, by its name's first word: LATIN, CYRILLIC, GREEK, ARABIC; CJK for
    Chinese and Japanese (kanji, kana); fullwidth and halfwidth letters as their plain forms."""
    plain = unicodedata.normalize("NFKC", letter)[:1] or letter
    script = unicodedata.name(plain, "UNKNOWN").split()[0]
    return CJK if script in CJK_SCRIPTS else script


def _main_script(text: str) -> str | None:
    """The script most of the text's letters are in, None when it has no letters."""
    counts = Counter(script_of(c) for c in text if c.isalpha())
    return counts.most_common(1)[0][0] if counts else None


def _translatable(source: str, script: str, language: str | None) -> bool:
    """Whether the same text in English would be a translation left undone, not a name or a code.

    Letters of another script always need translating (or transliterating). Latin-script text
    needs it when it holds words of a language other than English: a lowercase word English
    does not have, or a phrase CLD2 names as the source's language. One capitalised word is a
    name ("Twitter", "Madrid"), and names, figures and links ("Real Madrid 2-1 Sevilla") stay.
    """
    if script != LATIN:
        return True
    lowercase = [w.text for w in _common(source)]
    if any(not lexicon.is_english(w) for w in lowercase):
        return True
    guess = first_pass(" ".join(lowercase)) if lowercase else None
    return bool(language and guess and guess.language == language)


def _common(text: str) -> list[Word]:
    """The text's lowercase words outside links, the words that show its language (see language.common_words);
    not "iPhone", whose capital inside makes it a name."""
    return [w for w in common_words(text, words(text), _links(text)) if w.text.isalpha() and w.text.islower()]


def _in_language(target: str, language: str, options: UntranslatedSegmentsOptions) -> bool:
    """Whether both identifiers name the source's language for the target's common words."""
    lowercase = _common(target)
    if len(lowercase) < options.min_words:
        return False
    text = " ".join(w.text for w in lowercase)
    guess = first_pass(text)
    if not guess or guess.language != language or guess.probability < options.min_probability:
        return False
    verdict: Verdict | None = detect(text, "en")
    return bool(
        verdict
        and verdict.language.split("-")[0] == language
        and verdict.probability >= options.min_probability
    )


def _script_matches(
    segment: Segment,
    script: str,
    name: str,
    whole: Span,
    source_whole: Span,
    options: UntranslatedSegmentsOptions,
) -> Iterator[Match]:
    """A target mostly in the source's script, else each run of that script in it, with where the source has it."""
    target = segment.target
    letters = [script_of(c) for c in target if c.isalpha()]
    if letters and letters.count(script) / len(letters) > options.max_source_script_share:
        yield _match(
            segment,
            whole,
            source_whole,
            f"The translation is written in {name}, the source's language: was it left untranslated?",
        )
        return
    for run in _script_runs(target, script):
        found = _in_source(segment.source, target[run.start : run.end])
        if found and found.end - found.start == run.end - run.start:
            message = (
                f"'{target[run.start : run.end]}' is copied from the {name} source: was it left untranslated?"
            )
        else:
            message = f"'{target[run.start : run.end]}' is in {name}, the source's language: was it left untranslated?"
        yield _match(segment, run, found, message)


def _script_runs(text: str, script: str) -> Iterator[Span]:
    """Runs of words in `script` outside links, homoglyphs and glosses: long enough to be words, not a letter."""
    links = _links(text)
    run: list[re.Match[str]] = []
    for word in FOREIGN_WORD.finditer(text):
        if script_of(word.group()[0]) != script or _inside(word.start(), links):
            continue
        if script != CJK and _is_homoglyph(text, word):
            continue
        if run and not RUN_GAP.fullmatch(text, run[-1].end(), word.start()):
            yield from _kept(text, run, script)
            run = []
        run.append(word)
    yield from _kept(text, run, script)


def _kept(text: str, run: Sequence[re.Match[str]], script: str) -> Iterator[Span]:
    if not run:
        return
    span = Span(run[0].start(), run[-1].end())
    letters = sum(c.isalpha() for word in run for c in word.group())
    if script == CJK and letters < MIN_UNSPACED_LETTERS or letters < 2:
        return
    if not _is_gloss(text, span):
        yield span


def _links(text: str) -> list[Span]:
    """URLs, e-mail addresses, handles and hashtags: copied from the source as they should be."""
    return [Span(s, e) for s, e in tokens_holding(LINK_MARK, text)]


def _is_homoglyph(text: str, word: re.Match[str]) -> bool:
    """A Cyrillic or Greek letter glued to Latin ones ("WНO") is mixed-script's, not a word left in the source."""
    before = text[word.start() - 1 : word.start()]
    after = text[word.end() : word.end() + 1]
    return before.isascii() and before.isalpha() or after.isascii() and after.isalpha()


def _inside(offset: int, spans: Sequence[Span]) -> bool:
    """Whether `offset` is inside one of `spans`, which are sorted and never overlap."""
    index = bisect_right(spans, offset, key=lambda span: span.start) - 1
    return index >= 0 and offset < spans[index].end


def _is_gloss(text: str, run: Span) -> bool:
    """The original form beside its English: "Shinzo Abe (安倍晋三)", "Лавров (Sergey Lavrov)".

    A short run in brackets or quotation marks right after a Latin-script word, or followed by
    its romanisation in brackets. A bracketed run after no English ("(日刊スポーツ)") is the
    name left untranslated.
    """
    if run.end - run.start > MAX_GLOSS_CHARACTERS or len(text[run.start : run.end].split()) > MAX_GLOSS_WORDS:
        return False
    if ROMANISATION_AFTER.match(text, run.end):
        return True
    before = text[max(0, run.start - 2) : run.start].rstrip()
    after = text[run.end : run.end + 2].lstrip()
    if not (before and before[-1] in GLOSS_OPENERS and after and after[0] in GLOSS_CLOSERS):
        return False
    opener = run.start
    while opener and (text[opener - 1] in BRACKETS_AND_OPENERS or text[opener - 1].isspace()):
        opener -= 1
    return bool(LATIN_BEFORE.search(text, 0, opener))


@lru_cache(maxsize=8)
def _lower(text: str) -> str:
    """The text in lowercase, when that keeps every offset (it does but for a few letters, "İ"), else as it is."""
    lowered = text.lower()
    return lowered if len(lowered) == len(text) else text


def _in_source(source: str, copied: str) -> Span | None:
    """Where the source holds `copied`, or the longest part of it (two letters at least); None if nowhere.

    The longest part is looked for in a source of at most MAX_SEARCHED characters (a sentence or a
    paragraph): its cost is the source's length for each run, and a whole file given as one segment
    would make it quadratic.
    """
    at = _lower(source).find(copied.lower())
    if at >= 0 and len(copied.lower()) == len(copied):
        return Span(at, at + len(copied))
    if len(source) > MAX_SEARCHED:
        return None
    matcher = SequenceMatcher(None, source, copied, autojunk=False)
    best = matcher.find_longest_match(0, len(source), 0, len(copied))
    return Span(best.a, best.a + best.size) if best.size >= 2 else None


def _copied_stretches(segment: Segment, options: UntranslatedSegmentsOptions) -> Iterator[tuple[Span, Span]]:
    """Runs of `min_copied_words` or more words the target shares, in order, with a Latin-script source,
    two of them lowercase words English lacks: a source sentence pasted beside the translation."""
    source_words = words(segment.source)
    target_words = words(segment.target)
    size = options.min_copied_words
    starts: dict[tuple[str, ...], int] = {}
    source_keys = _keys(segment.source, source_words)
    for index in range(len(source_keys) - size + 1):
        starts.setdefault(tuple(source_keys[index : index + size]), index)
    target_keys = _keys(segment.target, target_words)
    index = 0
    while index <= len(target_keys) - size:
        at = starts.get(tuple(target_keys[index : index + size]))
        if None in target_keys[index : index + size]:
            at = None
        if at is None:
            index += 1
            continue
        length = size
        while (
            index + length < len(target_keys)
            and at + length < len(source_keys)
            and target_keys[index + length] is not None
            and target_keys[index + length] == source_keys[at + length]
        ):
            length += 1
        copied = target_words[index : index + length]
        if _foreign(copied):
            yield (
                Span(copied[0].start, copied[-1].end),
                Span(source_words[at].start, source_words[at + length - 1].end),
            )
        index += length


def _keys(text: str, its_words: Sequence[Word]) -> list[str | None]:
    """Each word as it is compared, case aside; None for a word of a link, which is copied as it should be."""
    links = _links(text)
    return [None if _inside(w.start, links) else w.text.casefold() for w in its_words]


def _foreign(copied: Sequence[Word]) -> bool:
    """Two lowercase words English does not have: not a quotation the source gives in English, nor names."""
    strange = [
        w
        for w in copied
        if w.text[0].islower() and (not w.text.isascii() or not lexicon.is_english(w.text.lower()))
    ]
    return len(strange) >= 2
