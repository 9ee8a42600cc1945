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
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from itertools import groupby
from pathlib import Path
from types import MappingProxyType
from typing import Any, ClassVar

from qa.checks.base import option, require_at_least
from qa.checks.stray_capitals import load_function_words
from qa.document import Document
from qa.errors import Unavailable
from qa.findings import Match
from qa.segment import Span, Word

SEED = 0
TARGET_PRIOR = 0.9
"""The probability langdetect gives the target language before it reads a span (see `detect`).

Not higher: langdetect stops a trial once one language passes 0.99999, and from a prior
near that, a few English-looking n-grams end a trial on a French paragraph."""
LINK = re.compile(r"(?<!\S)\S*?(?:://|www\.|@|#|\.[a-z]{2,}/)\S*", re.IGNORECASE)
"""A token holding a URL (with or without its scheme), an e-mail address, a handle or a hashtag:
no prose, though its words may look foreign ("elpais.com/blinken-y-lavrov-se-reunen")."""
DIGIT = re.compile(r"\d")
UNSPACED_SCRIPTS = ("CJK", "HIRAGANA", "KATAKANA", "THAI", "LAO", "KHMER", "MYANMAR")
"""Scripts written without spaces between words: one "word" of the segmenter is a whole phrase."""
FIRST_UNSPACED = "\u0e00"
"""Thai, the first of those scripts in Unicode: letters before it need no name look-up."""
CHARACTERS_PER_WORD = 2
"""About how many characters a word of an unspaced script (Chinese, Japanese, Thai) holds."""


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
        for key in ("min_probability", "max_function_word_share"):
            if not 0 <= getattr(self, key) <= 1:
                raise ValueError(f"option {key!r} must be between 0 and 1, not {getattr(self, key)}")


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
        links = [Span(m.start(), m.end()) for m in LINK.finditer(doc.text)]
        for paragraph, sentences in _sentences_by_paragraph(doc):
            words = common_words(doc.text, doc.words_in(paragraph), links)
            verdict = _verdict(words, options, function_words)
            if verdict:
                yield _match(paragraph, "paragraph", verdict, options.target)
            elif len(sentences) > 1:
                for sentence, its_words in zip(sentences, _words_of_each(words, sentences)):
                    verdict = _verdict(its_words, options, function_words)
                    if verdict:
                        yield _match(sentence, "sentence", verdict, options.target)


def _sentences_by_paragraph(doc: Document) -> Iterator[tuple[Span, list[Span]]]:
    by_paragraph = {p: list(s) for p, s in groupby(doc.sentences, key=lambda s: doc.paragraph_at(s.start))}
    for paragraph in doc.paragraphs:
        yield paragraph, by_paragraph.get(paragraph, [])


def _words_of_each(words: list[Word], spans: Sequence[Span]) -> Iterator[list[Word]]:
    """The words that start inside each span, sliced from `words` rather than filtered again."""
    starts = [w.start for w in words]
    for span in spans:
        yield words[bisect_left(starts, span.start) : bisect_left(starts, span.end)]


def _verdict(
    words: Sequence[Word], options: LanguageOptions, function_words: frozenset[str]
) -> Verdict | None:
    """Whether a span is in another language, from its common words; langdetect is asked only if it may be."""
    if _word_count(words) < options.min_words:
        return None
    if _function_word_share(words, function_words) >= options.max_function_word_share:
        return None
    verdict = detect(" ".join(w.text for w in words), options.target)
    if verdict is None or verdict.probability < options.min_probability:
        return None
    return verdict


def common_words(text: str, words: Sequence[Word], links: Sequence[Span]) -> list[Word]:
    """The words that say which language a span is in: lowercase or caseless words of letters, outside links.

    Capitalised words are mostly names, acronyms and sentence starts, which belong to no
    language; a single letter before a full stop is part of an abbreviation ("p.m.").
    """
    return [
        w
        for w in words
        if not w.text[0].isupper()
        and not DIGIT.search(w.text)
        and not (len(w.text) == 1 and text.startswith(".", w.end))
        and not _in_links(w, links)
    ]


def _in_links(word: Word, links: Sequence[Span]) -> bool:
    """Whether the word starts inside one of `links`, which are sorted and never overlap."""
    index = bisect_right(links, word.start, key=lambda link: link.start) - 1
    return index >= 0 and word.start < links[index].end


def _word_count(words: Sequence[Word]) -> int:
    """Words, counting a run of Chinese, Japanese or Thai as the words it holds."""
    return sum(max(1, len(w.text) // CHARACTERS_PER_WORD) if _is_unspaced(w.text) else 1 for w in words)


def _is_unspaced(word: str) -> bool:
    return word[0] >= FIRST_UNSPACED and unicodedata.name(word[0], "").startswith(UNSPACED_SCRIPTS)


def _function_word_share(words: Sequence[Word], function_words: frozenset[str]) -> float:
    return sum(w.text.lower().replace("’", "'") in function_words for w in words) / len(words)


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


@cache
def language_name(code: str) -> str:
    """The English name of a langdetect code ("es" -> "Spanish", "zh-cn" -> "Chinese"), via CLDR."""
    from babel import Locale

    base = code.split("-")[0]
    return Locale("en").languages.get(base, code)


def _match(span: Span, unit: str, verdict: Verdict, target: str) -> Match:
    message = (
        f"This {unit} looks {language_name(verdict.language)} (p={_rounded_down(verdict.probability)}), "
        f"not {language_name(target)}: was it left untranslated?"
    )
    return Match(span.start, span.end, message)


def _rounded_down(probability: float) -> str:
    """Two decimals, never rounded up: langdetect's 0.99999 is not a certainty, so it shows as 0.99."""
    return f"{math.floor(probability * 100) / 100:.2f}"
