"""A sentence that starts with a lowercase letter after a full stop ("in Geneva. this Friday.").

Machine translation and careless joins leave a full stop in the middle of a
sentence, or drop the capital of the next one, also at the start of a paragraph
whose previous paragraph ended with a full stop (not after a heading, a list item, a
line ending with a colon or a quotation still open). Which fix is right is decided
per case: a paragraph start needs its capital; a full stop after a word that never
ends a sentence ("of. the"), or before a fragment too short to be a sentence
("Geneva. this Friday."), is stray and its removal is suggested; otherwise the
message names both fixes and suggests neither. The splitter never ends a sentence
at an abbreviation, an initial or an ellipsis that runs on ("e.g. this", "U.S.
officials", "5 p.m. today", "wait... then"), so what is left are real full stops.
Lowercase by design is left alone: brand names with inner capitals (iPhone, eBay),
name particles before a surname (de Gaulle, van Gogh), words with digits (x86),
web addresses, list markers ("a) item", "ii. item"), bracketed stage directions
("(applause) and the minister went on") and the allowed words.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import pairwise
from typing import ClassVar

from qa.checks.base import option
from qa.checks.run_together import english_cldr_names
from qa.document import Document
from qa.findings import Match
from qa.segment import Span, Word

CLOSERS = "\"'”’»)]"
OPENERS = frozenset("\"'“‘«([ \t")
"""What may stand before the first word: opening quotes and brackets, but not a bullet or a dash."""
LIST_MARKER = re.compile(r"(?:[a-z]|[ivx]{1,4})[.)]")
TOKEN = re.compile(r"\S+")
LAST_TOKEN = re.compile(r"\S+(?=\s*\Z)")
LOOKBACK = 80
"""How far before a full stop its word is looked for; a longer token is no word."""
ADDRESS_MARKS = frozenset("./@")
TRAILING_PUNCTUATION = ".,;:!?" + CLOSERS
LIST_ITEM = re.compile(r"\s*(?:[-*•–—]|\d+[.)]|[a-z][.)])\s")
"""A bullet or a number at the start of a paragraph."""
MARK_NAMES = {".": "full stop", "!": "exclamation mark"}
QUOTE_OPENERS = "“‘«"
QUOTE_CLOSERS = "”’»"


@dataclass(frozen=True, kw_only=True)
class SentenceStartOptions:
    name_particles: tuple[str, ...] = option(
        ("al", "bin", "da", "de", "del", "della", "der", "di", "du", "el", "ibn", "la", "le", "van", "von"),
        'Lowercase particles of names, allowed before a capitalised word ("de Gaulle", "van Gogh").',
    )
    allow: tuple[str, ...] = option(
        (), 'Words or names written in lowercase by design ("adidas", "bell hooks").'
    )
    never_final: tuple[str, ...] = option(
        (), 'Words that never end a sentence: a full stop after them is stray ("the", "of").'
    )
    max_fragment_words: int = option(
        3,
        'A "sentence" of this many words or fewer may be a fragment left by a stray full stop ("this Friday.").',
    )
    fragment_openers: tuple[str, ...] = option(
        (), 'Prepositions: a short "sentence" they lead is a fragment ("in Geneva.", "on Monday.").'
    )


class SentenceStart:
    """The first word after a plain full stop is written in lowercase."""

    name: ClassVar[str] = "sentence_start"
    Options: ClassVar[type] = SentenceStartOptions
    fixable: ClassVar[str] = "sometimes"

    def check(self, doc: Document, options: SentenceStartOptions) -> Iterator[Match]:
        paragraph_starts = {p.start for p in doc.paragraphs}
        for previous, sentence in pairwise(doc.sentences):
            stop = _end_mark(doc.text, previous)
            if stop is None:
                continue
            at_paragraph_start = sentence.start in paragraph_starts
            if at_paragraph_start and not _continues_prose(doc, previous, sentence):
                continue
            words = doc.words_in(sentence)
            if words and _is_lowercase_start(doc.text, sentence, words, options):
                yield _match(doc.text, stop, words, at_paragraph_start, options)


def _continues_prose(doc: Document, previous: Span, sentence: Span) -> bool:
    """A paragraph after a paragraph of prose: not a list item, nor inside a quotation still open."""
    earlier = doc.paragraph_at(previous.start)
    if LIST_ITEM.match(doc.text, earlier.start) or LIST_ITEM.match(doc.text, sentence.start):
        return False
    return not _quotation_open(doc.text[earlier.start : earlier.end])


def _quotation_open(paragraph: str) -> bool:
    """More opening than closing curly marks, or an odd number of straight ones."""
    opened = sum(paragraph.count(mark) for mark in QUOTE_OPENERS)
    closed = sum(paragraph.count(mark) for mark in QUOTE_CLOSERS)
    return opened > closed or paragraph.count('"') % 2 == 1


def _match(
    text: str, stop: int, words: list[Word], at_paragraph_start: bool, options: SentenceStartOptions
) -> Match:
    """The finding, with the fix this case calls for: a capital, the full stop removed, or a choice."""
    first = words[0]
    capitalised = first.text[0].upper() + first.text[1:]
    lowercase = f"starts with lowercase '{first.text}'"
    mark = MARK_NAMES[text[stop]]
    a_mark = f"an {mark}" if mark[0] == "e" else f"a {mark}"
    if at_paragraph_start:
        message = f"The paragraph after {a_mark} {lowercase}; write '{capitalised}'."
        return Match(first.start, first.end, message, suggestion=capitalised)
    if text[stop] == "." and _is_stray_stop(text, stop, first, words, options):
        before = _word_before(text, stop)
        message = (
            f"A stray full stop splits the sentence in '{before}. {first.text}'; "
            f"remove the full stop: '{before} {first.text}'."
        )
        return Match(stop, stop + 1, message, suggestion="")  # the stop itself, deleted: nothing else changes
    message = (
        f"The sentence after {a_mark} {lowercase}; write '{capitalised}' if a new sentence "
        f"starts here, or remove the {mark} if the sentence goes on."
    )
    return Match(first.start, first.end, message)


def _is_stray_stop(
    text: str, stop: int, first: Word, words: list[Word], options: SentenceStartOptions
) -> bool:
    """Only a space between the stop and the word, and a word before it that never ends a sentence or a fragment after."""
    if not text[stop + 1 : first.start].isspace():
        return False
    return _word_before(text, stop).lower() in options.never_final or _is_fragment(words, options)


def _word_before(text: str, stop: int) -> str:
    """The token right before the full stop, looked for in a window: the text before may be megabytes."""
    before = LAST_TOKEN.search(text, max(0, stop - LOOKBACK), stop)
    return before.group() if before else ""


def _is_fragment(words: list[Word], options: SentenceStartOptions) -> bool:
    """A few words that cannot stand as a sentence: led by a preposition ("in Geneva.") or ending in a date ("this Friday.")."""
    if len(words) > options.max_fragment_words:
        return False
    return words[0].text in options.fragment_openers or words[-1].text in english_cldr_names()


def _end_mark(text: str, sentence: Span) -> int | None:
    """Where the sentence's final full stop, question or exclamation mark stands, if it ends in one.

    A full stop may stand inside closing quotes or brackets, but not in "..." or ". . .". An
    exclamation mark counts bare, after a lowercase word or a number ("in 2021! the emojis"):
    after a closing quote one may go on in lowercase ("“Stop!” he said"), and after a
    capitalised word it may be a name's ("Yahoo! reported"). A question may be followed by
    its asker in lowercase ("Is it over? the minister asked").
    """
    sentence_text = text[sentence.start : sentence.end]
    if sentence_text.endswith("!"):
        before = LAST_TOKEN.search(text, max(sentence.start, sentence.end - LOOKBACK), sentence.end - 1)
        return sentence.end - 1 if before and not before.group()[0].isupper() else None
    body = sentence_text.rstrip(CLOSERS)
    if body.endswith(".") and not body.endswith(("..", ". .")):
        return sentence.start + len(body) - 1
    return None


def _is_lowercase_start(text: str, sentence: Span, words: list[Word], options: SentenceStartOptions) -> bool:
    first = words[0]
    if not first.text[0].islower() or not OPENERS.issuperset(text[sentence.start : first.start]):
        return False
    if first.text != first.text.lower() or any(c.isdigit() for c in first.text):
        return False  # iPhone, eBay, al-Assad, x86
    if LIST_MARKER.match(text, first.start) or _is_address(text, first.start):
        return False
    if "(" in text[sentence.start : first.start] or "[" in text[sentence.start : first.start]:
        return False  # a stage direction: "(applause) and the minister went on"
    if _is_allowed(text, first.start, options.allow):
        return False
    is_particle = first.text in options.name_particles
    return not (is_particle and len(words) > 1 and _starts_name(text, first, words[1]))


def _is_address(text: str, start: int) -> bool:
    """www.example.org, e.g., name@example.org: a dotted or linked token, not a word."""
    token = TOKEN.match(text, start)
    return token is not None and bool(ADDRESS_MARKS.intersection(token.group().rstrip(TRAILING_PUNCTUATION)))


def _is_allowed(text: str, start: int, allowed: tuple[str, ...]) -> bool:
    for entry in allowed:
        end = start + len(entry)
        if text.startswith(entry, start) and (end == len(text) or not text[end].isalnum()):
            return True
    return False


def _starts_name(text: str, particle: Word, following: Word) -> bool:
    return text[particle.end : following.start].isspace() and following.text[0].isupper()
