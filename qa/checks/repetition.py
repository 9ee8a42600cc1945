"""A word written twice in a row, across a case change or a line break ("no No", "the\\nthe").

English doubles words on purpose too, and those must not be reported, for `mtqa fix`
would delete them: reduplications ("chop chop", "hush hush", "Gorilla gorilla"),
reduplicated names ("singer Lin Lin"), a phrasal verb's particle then the same word
starting a phrase ("check in in person"), "her" as object then possessive ("told her
her visa had expired"), and a name then the common word ("Will will sing"). The word
lists come from WordNet and the CMU Pronouncing Dictionary, generated into rules/data/
by tools/repeat_lexicon.py.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from itertools import compress, count, islice
from operator import attrgetter, eq
from typing import ClassVar

from qa.checks.base import data_file, option, word_list
from qa.document import Document
from qa.findings import Match
from qa.segment import TITLES_AND_MONTHS, Word

MODALS = frozenset({"will", "may", "can", "shall", "must", "might", "could", "would", "should"})
"""A capitalised modal then the modal is a name then a verb, even at a sentence start ("Will will sing")."""
OBJECT_AND_POSSESSIVE = frozenset({"her"})
"""The English pronoun that is both an object and a possessive: "told her her visa had expired"."""
WORD_TEXT = attrgetter("text")
SENTENCE_OPENING = frozenset("\"'“‘«([ \t")
"""What may stand between a sentence's start and its first word."""


@dataclass(frozen=True, kw_only=True)
class RepetitionOptions:
    ignore_case: bool = option(True, 'Treat "no No" as a repeat.')
    allow: tuple[str, ...] = option((), 'Pairs that are correct English ("had had", "Bora Bora").')
    min_length: int = option(2, "Shorter words (initials, single letters) are never flagged.")
    reduplications_file: str | None = option(
        None, 'Words doubled as a word of their own ("chop", "hush"); none: rules/data/reduplications.txt.'
    )
    phrasal_verbs_file: str | None = option(
        None, 'Phrasal verbs, "VERB PARTICLE" in every form; none: rules/data/phrasal-verbs.txt.'
    )
    giving_verbs_file: str | None = option(
        None, 'Verbs taking two objects, in every form ("told"); none: rules/data/giving-verbs.txt.'
    )
    function_words_file: str | None = option(
        None, 'Words that are never names ("The The"); none: rules/data/function-words.txt.'
    )
    titles_file: str | None = option(
        None, 'Titles and roles before a name ("President"); none: rules/data/caption-roles.txt.'
    )


@dataclass(frozen=True)
class Lexicon:
    """The word lists that tell a doubled word meant from a doubled word slipped in, in lower case."""

    reduplications: frozenset[str]
    phrasal_verbs: frozenset[str]
    giving_verbs: frozenset[str]
    function_words: frozenset[str]
    titles: frozenset[str]


class Repetition:
    """Two adjacent words, separated by white space only, that are the same word."""

    name: ClassVar[str] = "repetition"
    Options: ClassVar[type] = RepetitionOptions
    fixable: ClassVar[str] = "always"
    safe_fix: ClassVar[bool] = True
    repeats: ClassVar[bool] = True
    """The suggestion is the first word: what another rule finds in the second goes with it (qa.dedupe)."""

    def prepare(self, options: RepetitionOptions) -> None:
        """Read the word lists once, before any file."""
        load_lexicon(options)

    def check(self, doc: Document, options: RepetitionOptions) -> Iterator[Match]:
        lexicon = load_lexicon(options)
        allowed = {" ".join(pair.split()) for pair in options.allow}
        words = doc.words
        for index in _spelt_like_the_next(words, options.ignore_case):
            first, second = words[index], words[index + 1]
            if not _is_repeat(doc.text, first, second, options) or _in_longer_run(
                doc.text, words, index, options
            ):
                continue
            if not _is_allowed(first, second, allowed) and not _is_meant(doc, index, lexicon):
                yield Match(
                    first.start,
                    second.end,
                    f"Duplicated word: '{first.text} {second.text}'",
                    suggestion=first.text,
                )


@cache
def load_lexicon(options: RepetitionOptions) -> Lexicon:
    """The word lists the options name, or the built-in ones, read once per process."""

    def words(path: str | None, built_in: str) -> frozenset[str]:
        return frozenset(entry.casefold() for entry in word_list(path or data_file(built_in)))

    return Lexicon(
        reduplications=words(options.reduplications_file, "reduplications.txt"),
        phrasal_verbs=words(options.phrasal_verbs_file, "phrasal-verbs.txt"),
        giving_verbs=words(options.giving_verbs_file, "giving-verbs.txt"),
        function_words=words(options.function_words_file, "function-words.txt"),
        titles=words(options.titles_file, "caption-roles.txt") | TITLES_AND_MONTHS,
    )


def _spelt_like_the_next(words: list[Word], ignore_case: bool) -> Iterator[int]:
    """The indexes of the words the next word repeats, perhaps in another case: C loops compare
    the neighbours, so Python runs only on the few repeats, not once a word."""
    texts = list(map(WORD_TEXT, words))
    keys = list(map(str.casefold, texts)) if ignore_case else texts
    return compress(count(), map(eq, keys, islice(keys, 1, None)))


def _is_repeat(text: str, first: Word, second: Word, options: RepetitionOptions) -> bool:
    if len(first.text) < options.min_length or len(first.text) != len(second.text):
        return False
    same = (
        first.text.casefold() == second.text.casefold() if options.ignore_case else first.text == second.text
    )
    if not same or any(c.isdigit() for c in first.text):
        return False
    gap = text[first.end : second.start]
    return gap.isspace() and _line_breaks(gap) <= 1


def _in_longer_run(text: str, words: list[Word], index: int, options: RepetitionOptions) -> bool:
    """Three or more in a row ("very very very") are a loop, which `repetition-loop` reports whole."""
    before = index > 0 and _is_repeat(text, words[index - 1], words[index], options)
    after = index + 2 < len(words) and _is_repeat(text, words[index + 1], words[index + 2], options)
    return before or after


def _is_allowed(first: Word, second: Word, allowed: set[str]) -> bool:
    """A pair as listed, or capitalised at a sentence start: "had had", "Had had", not "that That"."""
    pair = f"{first.text} {second.text}"
    return pair in allowed or (pair[0].isupper() and pair[0].lower() + pair[1:] in allowed)


def _is_meant(doc: Document, index: int, lexicon: Lexicon) -> bool:
    """Whether the words at `index` and `index + 1` are doubled on purpose, as correct English."""
    first, second = doc.words[index], doc.words[index + 1]
    if first.text.casefold() in lexicon.reduplications or _is_name_then_word(doc, first, second, lexicon):
        return True
    if index == 0 or first.text != second.text or _starts_sentence(doc, first):
        return False
    before = doc.words[index - 1]
    return (
        _is_reduplicated_name(before, first, lexicon)
        or _is_particle_then_preposition(doc.text, before, first, lexicon)
        or _is_object_then_possessive(doc.text, before, first, lexicon)
    )


def _is_name_then_word(doc: Document, first: Word, second: Word, lexicon: Lexicon) -> bool:
    """ "when May may bring rain", "Will will sing": a capitalised name, then the common word.

    Mid-sentence, a capital on the first word only marks a name, unless the word is one
    that is never a name ("in The the"). A modal is a name even at a sentence start.
    """
    if not (first.text.istitle() and second.text.islower()):
        return False
    word = second.text.casefold()
    return word in MODALS or (word not in lexicon.function_words and not _starts_sentence(doc, first))


def _is_reduplicated_name(before: Word, first: Word, lexicon: Lexicon) -> bool:
    """ "minister Ade Ade", "President Ali Ali": two capitalised copies after a lower-case word or a title."""
    after_title = before.text[:1].islower() or before.text.casefold() in lexicon.titles
    return first.text.istitle() and first.text.casefold() not in lexicon.function_words and after_title


def _is_particle_then_preposition(text: str, before: Word, first: Word, lexicon: Lexicon) -> bool:
    """ "check in in person", "turned up up north": a phrasal verb's particle, then a phrase."""
    return _next_to(text, before, first) and f"{before.text} {first.text}".casefold() in lexicon.phrasal_verbs


def _is_object_then_possessive(text: str, before: Word, first: Word, lexicon: Lexicon) -> bool:
    """ "told her her visa had expired": a verb of giving or telling, its object, then a possessive."""
    word = first.text.casefold()
    return (
        word in OBJECT_AND_POSSESSIVE
        and _next_to(text, before, first)
        and before.text.casefold() in lexicon.giving_verbs
    )


def _next_to(text: str, before: Word, word: Word) -> bool:
    """Only white space between the two words, so they belong to one phrase."""
    return text[before.end : word.start].isspace()


def _starts_sentence(doc: Document, word: Word) -> bool:
    """Only opening quotes or brackets between the start of its sentence and the word."""
    sentences = doc.sentences
    at = bisect_right(sentences, word.start, key=lambda sentence: sentence.start) - 1
    return at < 0 or all(c in SENTENCE_OPENING for c in doc.text[sentences[at].start : word.start])


def _line_breaks(gap: str) -> int:
    return gap.replace("\r\n", "\n").count("\n") + gap.replace("\r\n", "").count("\r")
