"""A translation engine that loops: a phrase or a sentence written again and again.

Decoders that lose their place repeat what they just wrote: "the talks the talks the
talks", "said that said that said that", or a whole sentence twice. Both are tandem
repeats in a sequence (of words inside a sentence, of sentences in the document), so
one scan finds them: for each period p, a run of positions where item i equals item
i + p. That is O(n · max period), linear in the length of the text.

English repeats on purpose too, and then it marks the repetition with punctuation:
"very, very, very", "no, no, no", "Fight, fight, fight", "Location, location,
location". Repeats set off by punctuation are rhetoric unless they run on far longer
than any speaker would. Laughter and sounds ("ha ha ha", "blah blah blah", "tick
tock tick tock") come from an allow list, and a repetition that fills its quotation
marks is cited, not looped (“Money Money Money”, “Go go go!”). A phrase of two or
more words written twice is a loop ("to return to return to"), unless English links
it to itself ("more and more", "over and over"). Pairs of single words ("bye bye",
"had had") are left to duplicated-word; sentences repeated with other text between
them, and short ones ("Thank you. Thank you."), are not loops.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Hashable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import cache
from itertools import compress
from operator import eq
from typing import ClassVar

from qa.checks.base import data_file, option, require_at_least, word_list
from qa.document import Document
from qa.findings import Match
from qa.segment import Word

MAX_SENTENCE_PERIOD = 12
"""The longest block of sentences looked for as a repeat: a duplicated paragraph."""
SMALLEST_VALUES = {
    "max_phrase_words": 1,
    "min_repeats": 2,
    "doubled_phrase_min_words": 1,
    "punctuated_min_repeats": 2,
    "min_sentence_words": 1,
}
"""Below these the options make no sense (a "loop" of one occurrence)."""
OPENING_QUOTES = frozenset("“‘\"'«")
CLOSING_QUOTES = frozenset("”’\"'»")
TRAILING_PUNCTUATION = frozenset(",.!?…")
PAIR_LINKS = frozenset({"and", "or", "by", "after", "upon"})
"""The words that join a word to itself in English set phrases ("more and more", "side by side")."""
LINKED_PAIR_WORDS = frozenset({"again", "more", "less", "round", "time", "one", "day", "year"})
"""Words that English links to themselves beyond particles and comparatives ("again and again")."""
QUOTED_PHRASE_LENGTH = 60
"""Longer phrases or sentences are shortened with "…" in the message."""


@dataclass(frozen=True, kw_only=True)
class LoopsOptions:
    max_phrase_words: int = option(8, "The longest phrase, in words, looked for as a repeat in a sentence.")
    min_repeats: int = option(
        3, 'A phrase written this many times in a row is a loop ("the talks the talks the talks").'
    )
    doubled_phrase_min_words: int = option(
        2, "A phrase of at least this many words is a loop already when written twice in a row."
    )
    punctuated_min_repeats: int = option(
        6, 'Repeats set off by punctuation ("no, no, no") are rhetoric below this many.'
    )
    min_sentence_words: int = option(
        5, 'Repeated sentences of fewer words ("Thank you. Thank you.") are not reported.'
    )
    allow_file: str | None = option(
        None,
        "Words and phrases repeated on purpose (laughter, sounds), one a line; "
        "none: rules/data/repeatable-phrases.txt.",
    )
    allow: tuple[str, ...] = option((), "More phrases repeated on purpose, added to those of allow_file.")

    def __post_init__(self) -> None:
        require_at_least(self, **SMALLEST_VALUES)


@dataclass(frozen=True, slots=True)
class Run:
    """Items [start, start + period * repeats) of a sequence: one block of `period` items, repeated."""

    start: int
    period: int
    repeats: int

    @property
    def end(self) -> int:
        return self.start + self.period * self.repeats

    def boundaries(self) -> range:
        """The index of the last item of every repetition but the final one."""
        return range(self.start + self.period - 1, self.end - 1, self.period)


class Loops:
    """A phrase repeated three or more times in a row (a longer one twice), or a sentence repeated back to back."""

    name: ClassVar[str] = "loops"
    Options: ClassVar[type] = LoopsOptions
    fixable: ClassVar[str] = "always"
    repeats: ClassVar[bool] = True

    def check(self, doc: Document, options: LoopsOptions) -> Iterator[Match]:
        allowed = load_allowed_phrases(options.allow_file) | {_key(phrase) for phrase in options.allow}
        keys = _word_keys(doc.words)
        bounds = _sentence_bounds(doc)
        yield from _sentence_loops(doc, keys, bounds, options)
        for first, last in bounds:
            if last - first > 1:  # one word cannot loop: most of a text of tiny paragraphs
                yield from _phrase_loops(doc.text, doc.words[first:last], keys[first:last], allowed, options)


@cache
def load_allowed_phrases(path: str | None) -> frozenset[str]:
    """The phrases, normalised, in the file at `path`, or in the built-in list."""
    return frozenset(_key(entry) for entry in word_list(path or data_file("repeatable-phrases.txt")))


def _key(phrase: str) -> str:
    return " ".join(phrase.casefold().replace("’", "'").split())


def _word_keys(words: Sequence[Word]) -> list[str]:
    """The key of every word, normalised once per distinct word: news repeats its words."""
    texts = [word.text for word in words]
    key_of = {text: _key(text) for text in set(texts)}
    return list(map(key_of.__getitem__, texts))


def _sentence_bounds(doc: Document) -> list[tuple[int, int]]:
    """For each sentence, the index of its first word and the index after its last one.

    A sentence ends before white space, which no word holds, so the words whose start
    lies in a sentence are the words of that sentence.
    """
    starts = doc.word_starts
    return [(bisect_left(starts, s.start), bisect_left(starts, s.end)) for s in doc.sentences]


def tandem_runs(items: Sequence[Hashable | None], max_period: int) -> Iterator[Run]:
    """Every maximal run of a block repeated at least twice, for periods 1..max_period.

    None never equals anything, so an item that must not take part can be masked.
    A run whose length is not a whole number of blocks keeps only the whole blocks.
    A block that is itself a repeat ("the the", four times "Thank you.") is left to
    its shorter period, whose run covers at least as much.
    """
    count = len(items)
    if len(set(items)) == count:
        return  # no item occurs twice: the common case, seen in one pass in C
    # A masked item becomes an object equal to nothing else.
    masked = [object() if item is None else item for item in items] if None in items else items
    for period in range(1, min(max_period, count // 2) + 1):  # a longer block cannot stand twice
        same = list(map(eq, masked, masked[period:]))  # item i equals item i + period
        if True not in same:
            continue
        for run_start, run_end in _true_stretches(same):
            repeats = (run_end - run_start) // period + 1
            if repeats >= 2 and _is_primitive(items[run_start : run_start + period]):
                yield Run(run_start, period, repeats)


def _true_stretches(flags: list[bool]) -> Iterator[tuple[int, int]]:
    """(start, end) of each maximal stretch of True in `flags`, visiting the True ones only."""
    indices = list(compress(range(len(flags)), flags))
    start = previous = indices[0]
    for index in indices[1:]:
        if index != previous + 1:
            yield start, previous + 1
            start = index
        previous = index
    yield start, previous + 1


def _is_primitive(block: Sequence[Hashable | None]) -> bool:
    """Not a shorter block written several times over."""
    size = len(block)
    return not any(
        size % part == 0 and all(block[i] == block[i + part] for i in range(size - part))
        for part in range(1, size)
    )


def _non_overlapping(runs: Iterable[Run]) -> list[Run]:
    """The longest runs first ("very good very good very good" over the "very" loops inside it).

    The chosen runs are disjoint and kept in order, so a new run can only overlap its
    two neighbours: a bisection, not a scan of all the runs chosen so far.
    """
    chosen: list[Run] = []
    starts: list[int] = []
    for run in sorted(runs, key=lambda r: (r.start - r.end, r.period, r.start)):
        place = bisect_left(starts, run.start)
        overlaps_before = place > 0 and chosen[place - 1].end > run.start
        overlaps_after = place < len(chosen) and chosen[place].start < run.end
        if not overlaps_before and not overlaps_after:
            chosen.insert(place, run)
            starts.insert(place, run.start)
    return chosen


def _phrase_loops(
    text: str, words: Sequence[Word], keys: Sequence[str], allowed: frozenset[str], options: LoopsOptions
) -> Iterator[Match]:
    """Loops of words inside one sentence; `keys` are the words' keys."""
    loops = []
    for run in tandem_runs(keys, options.max_phrase_words):
        plain = _is_plain(text, words, run)
        block = keys[run.start : run.start + run.period]
        if (
            _is_phrase_loop(block, run.repeats, plain, allowed, options)
            and not _fills_quotation(text, words[run.start].start, words[run.end - 1].end)
            and not _is_meant_double(text, words, keys, run, options)
        ):
            loops.append((run, plain))
    is_plain = dict(loops)
    for run in _non_overlapping(is_plain):
        first, last = words[run.start], words[run.end - 1]
        phrase = text[first.start : words[run.start + run.period - 1].end]
        message = _phrase_message(phrase, run.repeats, is_plain[run])
        yield Match(first.start, last.end, message, suggestion=phrase)


def _is_phrase_loop(
    block: Sequence[str], repeats: int, plain: bool, allowed: frozenset[str], options: LoopsOptions
) -> bool:
    """Whether `repeats` copies of the normalised words `block` are a loop rather than meant."""
    if _is_allowed(block, allowed) or not any(_is_real_word(key) for key in block):
        return False
    if not plain:
        return repeats >= options.punctuated_min_repeats
    return repeats >= options.min_repeats or len(block) >= options.doubled_phrase_min_words


def _is_meant_double(
    text: str,
    words: Sequence[Word],
    keys: Sequence[str],
    run: Run,
    options: LoopsOptions,
) -> bool:
    """A doubled phrase the writer meant: punctuated inside, a linked pair, or a link of a chain.

    "again and again, and more" is punctuated; "and more and more families" holds the
    linked pair "more and more"; in "over and over and over" the word after the run starts the
    block again (or the word before it ends the block). Only such pairs run on: "to return to
    return to Egypt" and "rail and rail and air" are loops.
    """
    if run.repeats >= options.min_repeats:
        return False
    if not _spaced_after(text, words, range(run.start, run.end - 1)):
        return True
    if run.period != 2 or not any(key in PAIR_LINKS for key in keys[run.start : run.end]):
        return False  # "to return to return to Egypt": only a linked pair runs on into a chain
    if any(_is_linked_pair(keys[i : i + 3]) for i in (run.start, run.start + 1)):
        return True  # "and more and more", "again and again and"
    before = run.start > 0 and keys[run.start - 1] == keys[run.start + run.period - 1]
    after = run.end < len(keys) and keys[run.end] == keys[run.start]
    return before or after


def _forms_linked_pairs(word: str) -> bool:
    """ "again and again and", "over and over and": a word English links to itself, then goes on.

    Adverbs, particles and comparatives do; a noun or an adjective ("rail and rail and
    air", "bend by bend by") that runs on past its pair is a loop.
    """
    return word in LINKED_PAIR_WORDS or word.endswith("er") or word in particles()


@cache
def particles() -> frozenset[str]:
    """The particles of the phrasal verbs ("up", "over", "around"), read from the lexicon file."""
    return frozenset(entry.split()[-1] for entry in word_list(data_file("phrasal-verbs.txt")))


def _is_linked_pair(keys: Sequence[str]) -> bool:
    """ "more and more", "one by one", "day after day": a word, a linking word, the word again."""
    return len(keys) == 3 and keys[0] == keys[2] and keys[1] in PAIR_LINKS and _forms_linked_pairs(keys[0])


def _fills_quotation(text: str, start: int, end: int) -> bool:
    """The repetition is all there is between the quotation marks: cited, not looped.

    A title, a chant or a cry (“Money Money Money”, “Go go go!”) is quoted whole;
    a decoder's loop runs on inside longer text.
    """
    after = end
    while after < len(text) and text[after] in TRAILING_PUNCTUATION:
        after += 1
    opened = start > 0 and text[start - 1] in OPENING_QUOTES
    return opened and after < len(text) and text[after] in CLOSING_QUOTES


def _is_allowed(block: Sequence[str], allowed: frozenset[str]) -> bool:
    """Listed as a phrase ("yada yada"), or made of listed words only ("ha ha", "tick tock")."""
    return " ".join(block) in allowed or all(key in allowed for key in block)


def _is_real_word(key: str) -> bool:
    """Not a number or a lone letter, which repeat in tables and form guides ("W W W", "0 0 0")."""
    return len(key) > 1 and any(c.isalpha() for c in key)


def _is_plain(text: str, words: Sequence[Word], run: Run) -> bool:
    """Whether only white space stands between the repetitions, as in a decoder's loop.

    Punctuation there ("very, very, very") marks a repetition the writer meant.
    """
    return _spaced_after(text, words, run.boundaries())


def _spaced_after(text: str, words: Sequence[Word], indices: Iterable[int]) -> bool:
    """Whether only white space follows each of the words at `indices`, up to the next word."""
    return all(text[words[i].end : words[i + 1].start].isspace() for i in indices)


def _sentence_loops(
    doc: Document, word_keys: Sequence[str], bounds: Sequence[tuple[int, int]], options: LoopsOptions
) -> Iterator[Match]:
    """Sentences, or blocks of them up to a paragraph or two, written again right after."""
    sentences = doc.sentences
    keys = [tuple(word_keys[first:last]) or None for first, last in bounds]
    runs = (
        run
        for run in tandem_runs(keys, MAX_SENTENCE_PERIOD)
        if sum(last - first for first, last in bounds[run.start : run.start + run.period])
        >= options.min_sentence_words
    )
    for run in _non_overlapping(runs):
        if _in_two_segments(doc, sentences[run.start].start, sentences[run.start + run.period].start):
            continue
        block = doc.text[sentences[run.start].start : sentences[run.start + run.period - 1].end]
        message = _sentence_message(block, run)
        yield Match(sentences[run.start].start, sentences[run.end - 1].end, message, suggestion=block)


def _in_two_segments(doc: Document, first: int, second: int) -> bool:
    """Whether the two copies stand in two segments of a translation file: each segment is translated
    on its own, so two alike are a source written twice (a repeated caption) or two sources
    translated alike, which inconsistent-translation judges; a loop repeats within a segment."""
    if doc.bilingual is None:
        return False
    return doc.bilingual.segment_at(first) is not doc.bilingual.segment_at(second)


def _phrase_message(phrase: str, repeats: int, plain: bool) -> str:
    advice = "keep it once, or set it off with commas if the repetition is meant" if plain else "keep it once"
    times = _times(repeats)
    return f"'{_shorten(phrase)}' is written {times} in a row, as a looping translation does; {advice}."


def _sentence_message(block: str, run: Run) -> str:
    what = "A sentence" if run.period == 1 else f"A passage of {run.period} sentences"
    return f"{what} is written {_times(run.repeats)} back to back: '{_shorten(block)}'; keep it once."


def _times(repeats: int) -> str:
    return "twice" if repeats == 2 else f"{repeats} times"


def _shorten(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= QUOTED_PHRASE_LENGTH else text[: QUOTED_PHRASE_LENGTH - 1].rstrip() + "…"
