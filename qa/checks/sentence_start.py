"""A sentence that starts with a lowercase letter after a full stop ("in Geneva. this Friday.").

Machine translation and careless joins leave a full stop in the middle of a
sentence, or drop the capital of the next one. The splitter never ends a sentence
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
from qa.document import Document
from qa.findings import Match
from qa.segment import Span, Word

CLOSERS = "\"'”’»)]"
OPENERS = frozenset("\"'“‘«([ \t")
"""What may stand before the first word: opening quotes and brackets, but not a bullet or a dash."""
LIST_MARKER = re.compile(r"(?:[a-z]|[ivx]{1,4})[.)]")
TOKEN = re.compile(r"\S+")
ADDRESS_MARKS = frozenset("./@")
TRAILING_PUNCTUATION = ".,;:!?" + CLOSERS


@dataclass(frozen=True, kw_only=True)
class SentenceStartOptions:
    name_particles: tuple[str, ...] = option(
        ("al", "bin", "da", "de", "del", "della", "der", "di", "du", "el", "ibn", "la", "le", "van", "von"),
        'Lowercase particles of names, allowed before a capitalised word ("de Gaulle", "van Gogh").',
    )
    allow: tuple[str, ...] = option(
        (), 'Words or names written in lowercase by design ("adidas", "bell hooks").'
    )


class SentenceStart:
    """The first word after a plain full stop is written in lowercase."""

    name: ClassVar[str] = "sentence_start"
    Options: ClassVar[type] = SentenceStartOptions
    fixable: ClassVar[str] = "always"

    def check(self, doc: Document, options: SentenceStartOptions) -> Iterator[Match]:
        paragraph_starts = {p.start for p in doc.paragraphs}
        for previous, sentence in pairwise(doc.sentences):
            if sentence.start in paragraph_starts or not _ends_with_full_stop(doc.text, previous):
                continue
            words = doc.words_in(sentence)
            if words and _is_lowercase_start(doc.text, sentence, words, options):
                first = words[0]
                capitalised = first.text[0].upper() + first.text[1:]
                yield Match(
                    first.start,
                    first.end,
                    f"The sentence after a full stop starts with lowercase '{first.text}'; "
                    f"write '{capitalised}', or remove the stray full stop.",
                    suggestion=capitalised,
                )


def _ends_with_full_stop(text: str, sentence: Span) -> bool:
    """Ends in one plain full stop, perhaps inside closing quotes or brackets; not in "..." or ". . ."."""
    body = text[sentence.start : sentence.end].rstrip(CLOSERS)
    return body.endswith(".") and not body.endswith(("..", ". ."))


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
