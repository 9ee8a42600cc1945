"""A paragraph or sentence left in another language inside English copy, found with langdetect.

langdetect is slow (milliseconds a call) and unreliable on short text, so it only
judges spans that a cheap test marks as possibly foreign: a span whose common
(lowercase) words are less than `max_function_word_share` English function words
(function words of the target language, for another target).
That test also catches other scripts (Arabic, Cyrillic, Chinese hold no English
words), and well-written English passes it: about half of its lowercase words are
"the", "of", "to", "that". Capitalised words are left out of both the test and what
langdetect reads, so names ("Volodymyr Zelenskyy met Emmanuel Macron") and captions
("Sergey Lavrov, Russian Foreign Minister", German to langdetect) cannot sway it;
numbers, links and e-mail addresses are left out too.

Each paragraph is judged first; the sentences of a paragraph that is not flagged
are judged next, so one foreign sentence inside English prose is found too.

langdetect starts each span from a prior of TARGET_PRIOR for the target language,
since the copy is meant to be in it: a few ambiguous words stay English, a real
foreign sentence outweighs the prior at once.

Determinism: langdetect draws random n-grams, seeded from its factory. The factory
here is a private instance whose seed is set on the instance (never the class-wide
`DetectorFactory.seed`), loaded once per process, and only when a span needs it,
with the profiles in sorted order, so the same text always gets the same
probabilities in any process.
"""

from __future__ import annotations

import math
import re
import unicodedata
from bisect import bisect_left, bisect_right
from collections import Counter, defaultdict
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import cache, cached_property, lru_cache
from itertools import compress, count, pairwise
from operator import attrgetter
from pathlib import Path
from types import MappingProxyType
from typing import Any, ClassVar

from qa import lexicon
from qa.cache import on_disk
from qa.checks.base import option, require_at_least, require_between
from qa.checks.stray_capitals import load_function_words
from qa.document import Document
from qa.errors import Unavailable
from qa.findings import Match
from qa.segment import Span, Word, tokens_holding

SEED = 0
TARGET_PRIOR = 0.9
"""The probability langdetect gives the target language before it reads a span (see `detect`).

Not higher: langdetect stops a trial once one language passes 0.99999, and from a prior
near that, a few English-looking n-grams end a trial on a French paragraph."""
LINK_MARK = re.compile(r"://|www\.|@|#|\.[a-z]{2,}/", re.IGNORECASE)
"""What makes a token a link: a URL (with or without its scheme), an e-mail address, a handle or a
hashtag, no prose, though its words may look foreign ("elpais.com/blinken-y-lavrov-se-reunen")."""
DIGIT = re.compile(r"\d")
DIGIT_RUN = re.compile(r"[0-9]+")
TEXT = attrgetter("text")
UNSPACED_SCRIPTS = ("CJK", "HIRAGANA", "KATAKANA", "THAI", "LAO", "KHMER", "MYANMAR")
"""Scripts written without spaces between words: one "word" of the segmenter is a whole phrase."""
FIRST_UNSPACED = "\u0e00"
"""Thai, the first of those scripts in Unicode: letters before it need no name look-up."""
CHARACTERS_PER_WORD = 2
"""About how many characters a word of an unspaced script (Chinese, Japanese, Thai) holds."""


FOREIGN_WORD = re.compile(
    "[\u0370-\u03ff\u0400-\u1dbf\u1f00-\u1fff\u2c00-\u2c5f\u2c80-\u2dff\u2e80-\u2fff\u3005-\u3007\u303b\u3041-\u33ff"
    "\u3400-\ua6ff\ua800-\uabff\uac00-\ud7ff\uf900-\ufaff\ufb1d-\ufdff\ufe70-\ufeff\uff66-\uffdc"
    "\U00020000-\U0003ffff]+"
)
"""Characters of scripts other than Latin (Greek, Cyrillic, Arabic, Indic, Thai, Ethiopic, CJK, Hangul…),
by Unicode block; CJK punctuation (U+3000–U+3040) and fullwidth Latin are left out."""
RUN_GAP = re.compile(r"(?:[^\S\n]|[^\w\s]|[\d_])*")
"""What may stand between two words of one run: spaces, digits and punctuation on one line ("12日、")."""
MIN_UNSPACED_LETTERS = 3
"""A run of Chinese, Japanese or Thai needs this many letters: one or two are a name or a symbol."""
MAX_GLOSS_WORDS = 6
MAX_GLOSS_CHARACTERS = 80
"""A name or title in its own script is at most this long; a longer run in brackets is a passage."""
GLOSS_OPENERS = "([（「『«“\"‘'‹„【"
GLOSS_CLOSERS = ")]）」』»”\"’'›“】"
ROMANISATION_AFTER = re.compile(r"\s?[(（]\s?[A-Za-z]")
PHRASE_WORDS = 3
LOWERCASE, CAPITALISED = b"\x02", b"\x01"
"""The byte of a word that may be foreign, by its first letter; a zero byte for a word that is not."""
WINDOW_START = re.compile(
    b"(?=%s)"
    % b"|".join(
        [
            LOWERCASE * PHRASE_WORDS,
            *(
                LOWERCASE * before + CAPITALISED + LOWERCASE * (PHRASE_WORDS - 1 - before)
                for before in range(PHRASE_WORDS)
            ),
        ]
    )
)
"""Where PHRASE_WORDS words in a row may be foreign, at most one of them capitalised."""
MAX_PHRASE_WORDS = 12
"""The longest phrase judged inside an English sentence."""
PHRASE_SHARE = 0.9
"""How much of a three-word phrase CLD2 must give to one language."""
MERGE_GAP = 24
"""Fragments at most this many characters apart are one phrase."""
UNIT_LOCALES = ("ru", "uk", "bg", "kk", "ar")
"""Locales whose short unit abbreviations ("500 м", "20 كم") are named when one is left after a number."""
UNIT_COUNTS = (1, 2, 5)
"""Numbers that bring out every plural form of a unit (Russian "1 час", "2 часа", "5 часов")."""
NUMBER_BEFORE = re.compile(r"[0-9][^\S\n]?\Z")


@dataclass(frozen=True, kw_only=True)
class LanguageOptions:
    target: str = option(
        "en", 'The language the copy is written in, as a langdetect code ("en", "fr", "pt").'
    )
    min_words: int = option(
        8, "Spans with fewer common (lowercase) words are never judged: langdetect guesses on short text."
    )
    min_probability: float = option(0.9, "How sure langdetect must be that a span is in another language.")
    max_function_word_share: float = option(
        0.3, "Spans with at least this share of the target's function words are taken as the target language."
    )
    function_words_file: str | None = option(
        None,
        "The target language's function words, one a line; none: the English rules/data/function-words.txt.",
    )

    def __post_init__(self) -> None:
        require_at_least(self, min_words=1)
        require_between(self, 0, 1, "min_probability", "max_function_word_share")


@dataclass(frozen=True, slots=True)
class Verdict:
    """langdetect's most likely language for a span, other than the target, and its probability."""

    language: str
    probability: float


class Language:
    """A paragraph or sentence that langdetect, asked only when a cheap test allows, calls foreign."""

    name: ClassVar[str] = "language"
    Options: ClassVar[type] = LanguageOptions
    fixable: ClassVar[str] = "never"
    covers: ClassVar[bool] = True
    """An untranslated passage is one problem, whatever else its words trip: one finding."""

    def prepare(self, options: LanguageOptions) -> None:
        """Check that langdetect knows the target; its profiles load only when a span needs them."""
        known = [profile.name for profile in _profiles()]
        if options.target not in known:
            valid = ", ".join(known)
            raise ValueError(
                f"option 'target': langdetect has no language {options.target!r} (valid: {valid})"
            )
        if options.target != "en" and options.function_words_file is None:
            raise ValueError(
                f"option 'target' {options.target!r} needs a function_words_file of that language"
            )

    def check(self, doc: Document, options: LanguageOptions) -> Iterator[Match]:
        function_words = load_function_words(options.function_words_file)
        links = _links(doc.text)
        fragments = Fragments(doc, links, options.target)
        for paragraph, sentences in _sentences_by_paragraph(doc):
            its_words = doc.words_in(paragraph)
            if _too_short_to_judge(doc, paragraph, its_words, options):
                continue
            left_out = sorted(
                [*_overlapping(links, paragraph), *fragments.glosses(paragraph)], key=lambda span: span.start
            )
            words = common_words(doc.text, its_words, left_out)
            functional = list(map(function_words.__contains__, map(_function_key, map(TEXT, words))))
            verdict = _verdict(words, functional, options)
            if verdict:
                yield _match(paragraph, "paragraph", verdict, options.target)
                continue
            flagged = []
            if len(sentences) > 1:
                flagged = list(_foreign_sentences(sentences, words, functional, options))
                yield from (_match(span, "sentence", verdict, options.target) for span, verdict in flagged)
            yield from fragments.in_paragraph(paragraph, its_words, [span for span, _ in flagged])


def _links(text: str) -> list[Span]:
    """The tokens (runs of non-space) that hold a LINK_MARK."""
    return [Span(start, end) for start, end in tokens_holding(LINK_MARK, text)]


def _overlapping(links: Sequence[Span], paragraph: Span) -> Sequence[Span]:
    """The links that reach into the paragraph: the others hold none of its words."""
    first = bisect_right(links, paragraph.start, key=lambda link: link.end)
    return links[first : bisect_left(links, paragraph.end, lo=first, key=lambda link: link.start)]


def _too_short_to_judge(
    doc: Document, paragraph: Span, words: Sequence[Word], options: LanguageOptions
) -> bool:
    """Too few words for a verdict or a phrase, and no other script: "a." repeated costs nothing."""
    few_words = len(words) < min(options.min_words, PHRASE_WORDS)
    return few_words and doc.slice(paragraph).isascii()


def _foreign_sentences(
    sentences: Sequence[Span], words: list[Word], functional: list[bool], options: LanguageOptions
) -> Iterator[tuple[Span, Verdict]]:
    """The sentences in another language, consecutive ones as one passage (a source sentence the segmenter cut)."""
    passage: tuple[Span, Verdict] | None = None
    for sentence, where in zip(sentences, _words_of_each(words, sentences), strict=True):
        verdict = _verdict(words[where], functional[where], options)
        if verdict and passage:
            passage = (Span(passage[0].start, sentence.end), passage[1])
            continue
        if passage:
            yield passage
        passage = (sentence, verdict) if verdict else None
    if passage:
        yield passage


def _sentences_by_paragraph(doc: Document) -> Iterator[tuple[Span, list[Span]]]:
    return zip(doc.paragraphs, doc.sentences_by_paragraph, strict=True)


def _words_of_each(words: list[Word], spans: Sequence[Span]) -> Iterator[slice]:
    """Where the words that start inside each span lie in `words`, to slice it rather than filter it again."""
    starts = [w.start for w in words]
    for span in spans:
        yield slice(bisect_left(starts, span.start), bisect_left(starts, span.end))


def _verdict(words: Sequence[Word], functional: list[bool], options: LanguageOptions) -> Verdict | None:
    """Whether a span is in another language, from its common words; langdetect is asked only if it may be.

    `functional` says which of the words are function words of the target language.
    """
    if len(words) < options.min_words and _word_count(words) < options.min_words:
        return None  # a word counts once or more: only a short span needs its letters counted
    if sum(functional) / len(words) >= options.max_function_word_share:
        return None
    text = " ".join(w.text for w in words)
    first = first_pass(text)
    if first and first.language == options.target and first.probability >= options.min_probability:
        return None
    verdict = detect(text, options.target)
    if verdict is not None and verdict.probability >= options.min_probability:
        return verdict
    return _unprofiled(first, options)


def _unprofiled(first: Verdict | None, options: LanguageOptions) -> Verdict | None:
    """CLD2's verdict for a language langdetect has no profile of (Hausa, Yoruba, Uzbek), which it cannot name."""
    if first is None or first.probability < options.min_probability or first.language == options.target:
        return None
    return first if first.language not in _detector_factory().get_lang_list() else None


def common_words(text: str, words: Sequence[Word], links: Sequence[Span]) -> list[Word]:
    """The words that say which language a span is in: lowercase or caseless words of letters, outside links.

    Capitalised words are mostly names, acronyms and sentence starts, which belong to no
    language; a single letter before a full stop is part of an abbreviation ("p.m.").
    Words are judged by spelling in C loops; only single letters, and words where a link
    reaches into the span, are looked at where they stand.
    """
    common = list(compress(words, map(_is_common_spelling, map(TEXT, words))))
    letters = compress(count(), map((1).__eq__, map(len, map(TEXT, common))))
    abbreviated = {index for index in letters if text.startswith(".", common[index].end)}
    if abbreviated:
        common = [w for index, w in enumerate(common) if index not in abbreviated]
    if links:
        common = [w for w in common if not _in_links(w.start, links)]
    return common


@lru_cache(maxsize=65536)
def _is_common_spelling(word: str) -> bool:
    return not word[0].isupper() and not DIGIT.search(word)


@lru_cache(maxsize=65536)
def _function_key(word: str) -> str:
    """How a function word is listed: in lowercase, with a straight apostrophe."""
    return word.lower().replace("’", "'")


def _in_links(offset: int, links: Sequence[Span]) -> bool:
    """Whether `offset` is inside one of `links`, which are sorted and never overlap."""
    index = bisect_right(links, offset, key=lambda link: link.start) - 1
    return index >= 0 and offset < links[index].end


def _word_count(words: Sequence[Word]) -> int:
    """Words, counting a run of Chinese, Japanese or Thai as the words it holds."""
    return sum(max(1, len(w.text) // CHARACTERS_PER_WORD) if _is_unspaced(w.text) else 1 for w in words)


def _is_unspaced(word: str) -> bool:
    return word[0] >= FIRST_UNSPACED and unicodedata.name(word[0], "").startswith(UNSPACED_SCRIPTS)


def first_pass(text: str) -> Verdict | None:
    """CLD2's reliable verdict on `text`, any language, or None: microseconds a call, where langdetect takes milliseconds.

    It knows 165 languages (Amharic, Hausa, Khmer, Lao, Uzbek, Yoruba among them) and
    names a language from three words, but alone it is too eager on short English with
    rare words ("omicron coronavirus strain" is Italian to it), so it opens the way for
    langdetect rather than deciding alone.
    """
    best = _cld2(text)
    return best if best and best.reliable else None


@dataclass(frozen=True, slots=True)
class Guess(Verdict):
    """CLD2's best language for a text, whether it calls that reliable."""

    reliable: bool


def _cld2(text: str) -> Guess | None:
    try:
        import pycld2
    except ImportError:
        raise Unavailable("pycld2 is not installed (pip install pycld2)") from None
    try:
        reliable, _, details = pycld2.detect(text, bestEffort=True)
    except pycld2.error:  # text CLD2 cannot read (invalid UTF-8 from a lone surrogate)
        return None
    _, code, percent, _ = details[0]
    return None if code == "un" else Guess(code, percent / 100, reliable)


class Fragments:
    """Foreign words inside English sentences: runs of another script, and Latin-script phrases.

    A paragraph or sentence verdict needs `min_words` words; a fragment ("что на",
    "日夜から", "naast stoffig moord") is too short for langdetect and too short to sway
    a sentence's function-word share, so it is found by what it is made of.
    """

    def __init__(self, doc: Document, links: Sequence[Span], target: str) -> None:
        self.doc = doc
        self.links = links
        self.target = target
        self._runs: dict[Span, tuple[list[Span], list[Span]]] = {}

    def in_paragraph(
        self, paragraph: Span, words: Sequence[Word], flagged: Sequence[Span]
    ) -> Iterator[Match]:
        """The fragments of a paragraph, given with its words: one finding per phrase, and one beside a
        reported sentence is part of it."""
        found = [*self._script_runs(paragraph), *self._latin_phrases(words)]
        for span, language in _merged(self.doc.text, sorted(found, key=lambda f: f[0].start)):
            if not any(s.start - MERGE_GAP < span.end and span.start < s.end + MERGE_GAP for s in flagged):
                yield _unit_match(self.doc.text, span, self.target) or _fragment_match(
                    span, language, self.target
                )

    def glosses(self, paragraph: Span) -> list[Span]:
        """Runs of another script that give a name or title in its own script, left out of every verdict."""
        return self._split_runs(paragraph)[0]

    def _split_runs(self, paragraph: Span) -> tuple[list[Span], list[Span]]:
        """The paragraph's runs of another script, as (glosses, the others), found once per paragraph."""
        if paragraph not in self._runs:
            glosses: list[Span] = []
            others: list[Span] = []
            for run in _foreign_runs(self.doc.text, paragraph):
                (glosses if _is_gloss(self.doc.text, run) else others).append(run)
            self._runs[paragraph] = (glosses, others)
        return self._runs[paragraph]

    def _script_runs(self, paragraph: Span) -> Iterator[tuple[Span, str]]:
        text = self.doc.text
        for run in self._split_runs(paragraph)[1]:
            if not _in_links(run.start, self.links):
                yield run, _script_language(text[run.start : run.end])

    def _latin_phrases(self, words: Sequence[Word]) -> Iterator[tuple[Span, str]]:
        if self.target != "en":  # the lexicon that says a word is not English is English
            return
        for run in _candidate_runs(self.doc.text, words):
            for window in _sub_runs(run):  # longest first: the first foreign stretch holds the phrase
                language = self._foreign_window(window)
                if language:
                    yield Span(window[0].start, window[-1].end), language
                    break

    def _foreign_window(self, window: Sequence[Word]) -> str | None:
        """The window's language when its words are strange to English and both detectors call it foreign.

        CLD2 must name a foreign language and langdetect agree that it is not English: alone,
        langdetect calls "deus ex machina" French and a romanised title Polish. With one strange
        word ("pro bono publico") both must name the same language: loanwords are English.
        """
        strange = sum(_is_strange(w.text) and self._vocabulary[w.text.lower()] < 2 for w in window)
        if strange == 0:
            return None
        text = " ".join(w.text for w in window)
        guess = _cld2(text)
        if guess is None or guess.language == self.target or guess.probability < PHRASE_SHARE:
            return None
        second = detect(text, self.target)
        if second is None or (strange < 2 and second.language.split("-")[0] != guess.language):
            return None
        return guess.language

    @cached_property
    def _vocabulary(self) -> Counter[str]:
        """How often the document writes each word: one it uses again ("coronavirus") is its subject, not a slip."""
        vocabulary: Counter[str] = Counter()
        for spelling, times in Counter(map(TEXT, self.doc.words)).items():
            vocabulary[spelling.lower()] += times
        return vocabulary


def _foreign_runs(text: str, paragraph: Span) -> Iterator[Span]:
    """Runs of words in a script other than Latin, long enough to be prose rather than a name."""
    run: list[re.Match[str]] = []
    for word in FOREIGN_WORD.finditer(text, paragraph.start, paragraph.end):
        if _is_homoglyph(text, word):
            continue
        if run and not RUN_GAP.fullmatch(text, run[-1].end(), word.start()):
            yield from _long_enough(run)
            run = []
        run.append(word)
    yield from _long_enough(run)


def _long_enough(run: Sequence[re.Match[str]]) -> Iterator[Span]:
    """Three letters of an unspaced script; any word of a spaced one ("32 раза", "500 м"), but a lone Greek
    word, which English writes as a symbol ("5 μg", "α-synuclein")."""
    letters = [c for word in run for c in word.group() if c.isalpha()]
    if not letters:
        return
    if _is_unspaced(letters[0]):
        long_enough = len(letters) >= MIN_UNSPACED_LETTERS
    else:
        long_enough = len(run) >= 2 or not _is_greek(letters[0])
    if long_enough:
        yield Span(run[0].start(), run[-1].end())


def _is_greek(letter: str) -> bool:
    return "\u0370" <= letter <= "\u03ff" or "\u1f00" <= letter <= "\u1fff"


def _is_homoglyph(text: str, word: re.Match[str]) -> bool:
    """A Cyrillic or Greek letter glued to Latin ones ("WНO") is mixed-script's, not a foreign word."""
    before = text[word.start() - 1 : word.start()]
    after = text[word.end() : word.end() + 1]
    return not _is_unspaced(word.group()[0]) and (
        before.isascii() and before.isalpha() or after.isascii() and after.isalpha()
    )


def _is_gloss(text: str, run: Span) -> bool:
    """The original form beside its English: "Shinzo Abe (安倍晋三)", "War and Peace («Война и мир»)", "Лавров (Sergey Lavrov)".

    A short run wholly inside brackets or quotation marks, or followed by its romanisation in
    brackets, is a name or a title given in its own script, which English copy keeps.
    """
    if len(text[run.start : run.end].split()) > MAX_GLOSS_WORDS or run.end - run.start > MAX_GLOSS_CHARACTERS:
        return False
    before = text[max(0, run.start - 2) : run.start].rstrip()
    after = text[run.end : run.end + 2].lstrip()
    enclosed = bool(before) and before[-1] in GLOSS_OPENERS and bool(after) and after[0] in GLOSS_CLOSERS
    return enclosed or bool(ROMANISATION_AFTER.match(text, run.end))


def _script_language(run: str) -> str:
    """CLD2's language of a run when it is sure, else its script's name ("Cyrillic script")."""
    guess = _cld2(run)
    if guess and guess.reliable:
        return guess.language
    script = unicodedata.name(next(c for c in run if c.isalpha()), "OTHER").split()[0]
    return f"{script.title()} script"


def _candidate_runs(text: str, words: Sequence[Word]) -> Iterator[list[Word]]:
    """Overlapping candidate windows joined into one run of words, whose stretches are judged longest first.

    CLD2 reads four words better than three: "peuple tandis que" is English to it, "tandis
    que rue" Igbo, "peuple tandis que rue" French.
    """
    run: list[Word] = []
    for window in _candidate_windows(text, words):
        if run and window[0].start <= run[-1].start:
            run.extend(w for w in window if w.start > run[-1].start)
            continue
        if run:
            yield run
        run = list(window)
    if run:
        yield run


def _sub_runs(run: Sequence[Word]) -> Iterator[Sequence[Word]]:
    """Every stretch of three to MAX_PHRASE_WORDS words of a run, longest first: the phrase may sit among
    English words. A longer foreign stretch is a sentence, the sentence layer's; the cap keeps the work
    linear in the run's length (every stretch of a run of n words would be n² of them)."""
    for size in range(min(len(run), MAX_PHRASE_WORDS), PHRASE_WORDS - 1, -1):
        yield from (run[index : index + size] for index in range(len(run) - size + 1))


def _candidate_windows(text: str, words: Sequence[Word]) -> Iterator[Sequence[Word]]:
    """Three words in a row, separated by single spaces, none an English function word, two in lowercase.

    Each word is judged once (by its spelling, cached), and a window only where its words pass: most
    English windows end at their first function word. The windows are found by a regex over one
    byte a word, so no Python code runs for the words between them.
    """
    kinds = b"".join(map(_phrase_kind, map(TEXT, words)))
    for start in WINDOW_START.finditer(kinds):
        window = words[start.start() : start.start() + PHRASE_WORDS]
        if _spaced(text, window):
            yield window


@lru_cache(maxsize=65536)
def _phrase_kind(word: str) -> bytes:
    """LOWERCASE or CAPITALISED for a word of Latin letters that is no English function word, else a zero byte."""
    if not (word.isalpha() and word.lower() not in load_function_words(None) and _is_latin(word)):
        return b"\x00"
    return LOWERCASE if word[0].islower() else CAPITALISED


def _spaced(text: str, window: Sequence[Word]) -> bool:
    return all(text[a.end : b.start] == " " for a, b in pairwise(window))


def _is_latin(word: str) -> bool:
    return word.isascii() or all(c < "\u0250" or "\u1e00" <= c <= "\u1eff" for c in word)


@lru_cache(maxsize=65536)
def _is_strange(word: str) -> bool:
    """A lowercase word English does not have: not in the CMU Pronouncing Dictionary, or with letters English lacks."""
    return word[0].islower() and (not word.isascii() or not lexicon.is_english(word.lower()))


def _merged(text: str, found: Sequence[tuple[Span, str]]) -> Iterator[tuple[Span, str]]:
    """Overlapping or nearly touching fragments as one phrase (a source sentence cut by a name in Latin letters)."""
    current: tuple[Span, str] | None = None
    for span, language in found:
        if (
            current
            and span.start <= current[0].end + MERGE_GAP
            and "\n" not in text[current[0].end : span.start]
        ):
            current = (Span(current[0].start, max(current[0].end, span.end)), current[1])
            continue
        if current:
            yield current
        current = (span, language)
    if current:
        yield current


def _fragment_match(span: Span, language: str, target: str) -> Match:
    name = language if language.endswith(" script") else language_name(language)
    message = f"These words look {name}, not {language_name(target)}: were they left untranslated?"
    return Match(span.start, span.end, message)


def _unit_match(text: str, span: Span, target: str) -> Match | None:
    """A unit abbreviation of another locale after a number ("500 м"): named, and rewritten when its meaning is one."""
    word = text[span.start : span.end]
    if target != "en" or not NUMBER_BEFORE.search(text, max(0, span.start - 2), span.start):
        return None
    units = _unit_abbreviations().get(word)
    if not units:
        return None
    languages = _either(list(dict.fromkeys(language_name(code) for code, _ in units)))
    english = {_english_unit(unit) for _, unit in units}
    if len(english) > 1:
        return Match(
            span.start, span.end, f"{languages} unit '{word}' after a number: was it left untranslated?"
        )
    ((name, abbreviation),) = english
    message = f"{languages} unit '{word}' ({name}) after a number: English writes '{abbreviation}'"
    return Match(span.start, span.end, message, abbreviation)


@cache
@on_disk("babel")
def _unit_abbreviations() -> Mapping[str, tuple[tuple[str, str], ...]]:
    """Each short unit abbreviation of UNIT_LOCALES, from CLDR, with its (locale, unit).

    Built when first needed (0.08 s), then read from the disk cache in a millisecond.
    """
    from babel import Locale

    table: dict[str, set[tuple[str, str]]] = defaultdict(set)
    for code in UNIT_LOCALES:
        locale = Locale.parse(code)
        for unit in locale.unit_display_names:
            for abbreviation in _short_forms(unit, locale):
                table[abbreviation].add((code, unit))
    order = {code: index for index, code in enumerate(UNIT_LOCALES)}
    return {key: tuple(sorted(units, key=lambda u: (order[u[0]], u[1]))) for key, units in table.items()}


def _either(names: list[str]) -> str:
    """ "Russian", "Russian or Ukrainian", "Russian, Ukrainian or Kazakh"."""
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} or {names[-1]}"


def _short_forms(unit: str, locale: Any) -> set[str]:
    from babel.units import format_unit

    forms = {
        DIGIT_RUN.sub("", format_unit(count, unit, "short", locale=locale)).strip() for count in UNIT_COUNTS
    }
    return {form for form in forms if form and not any(char.isspace() for char in form)}


@cache
def _english_unit(unit: str) -> tuple[str, str]:
    """The English name and short abbreviation of a CLDR unit: ("meters", "m")."""
    from babel.units import format_unit, get_unit_name

    abbreviation = DIGIT_RUN.sub("", format_unit(5, unit, "short", locale="en")).strip()
    return get_unit_name(unit, locale="en"), abbreviation


def detect(text: str, target: str) -> Verdict | None:
    """langdetect's most likely language of `text` when it is not `target`; None when it is, or unknown.

    Each trial starts from TARGET_PRIOR for the target: the copy is meant to be in it, so
    a span of ambiguous words leans to it, while a sentence of real Spanish outweighs
    the prior within a handful of n-grams.
    """
    detector = _detector_factory().create()  # first, as it raises Unavailable without langdetect
    from langdetect.lang_detect_exception import LangDetectException

    detector.set_prior_map(_prior(target))
    detector.append(text)
    try:
        best = detector.get_probabilities()[0]
    except (LangDetectException, IndexError):  # nothing it could read, or no language above its floor
        return None
    return None if best.lang == target else Verdict(best.lang, best.prob)


@cache
def _prior(target: str) -> Mapping[str, float]:
    languages = _detector_factory().get_lang_list()
    others = (1 - TARGET_PRIOR) / (len(languages) - 1)
    return MappingProxyType(
        {language: TARGET_PRIOR if language == target else others for language in languages}
    )


@cache
def _profiles() -> tuple[Path, ...]:
    """langdetect's language profiles, one file a language named by its code, in a fixed order."""
    try:
        from langdetect.detector_factory import PROFILES_DIRECTORY
    except ImportError:
        raise Unavailable("langdetect is not installed (pip install langdetect)") from None
    found = (p for p in Path(PROFILES_DIRECTORY).iterdir() if p.is_file() and not p.name.startswith("."))
    return tuple(sorted(found))


@cache
def _detector_factory() -> Any:
    """langdetect's profiles, loaded once per process (a second or so), on a factory with its own seed.

    `DetectorFactory.seed = 0` would change every user of langdetect in the process;
    `set_seed` on this instance shadows the class attribute for this factory only. The
    profiles are loaded in sorted order, as `load_profile` would load them in the
    file system's order, which differs between machines.
    """
    profiles = _profiles()  # raises Unavailable without langdetect
    from langdetect.detector_factory import DetectorFactory

    factory = DetectorFactory()
    factory.load_json_profile([p.read_text(encoding="utf-8") for p in profiles])
    factory.set_seed(SEED)
    return factory


def language_name(code: str) -> str:
    """The English name of a langdetect code ("es" -> "Spanish", "zh-cn" -> "Chinese"), via CLDR."""
    return _english_language_names().get(code.split("-")[0], code)


@cache
@on_disk("babel")
def _english_language_names() -> Mapping[str, str]:
    """CLDR's English names of languages by code, kept on disk: a run that names one need not import Babel."""
    from babel import Locale

    return dict(Locale("en").languages)


def _match(span: Span, unit: str, verdict: Verdict, target: str) -> Match:
    message = (
        f"This {unit} looks {language_name(verdict.language)} (p={_rounded_down(verdict.probability)}), "
        f"not {language_name(target)}: was it left untranslated?"
    )
    return Match(span.start, span.end, message)


def _rounded_down(probability: float) -> str:
    """Two decimals, never rounded up: langdetect's 0.99999 is not a certainty, so it shows as 0.99."""
    return f"{math.floor(probability * 100) / 100:.2f}"
