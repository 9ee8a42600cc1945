"""A capitalised function word in the middle of a sentence ("the concerns that We feel it").

Machine translation carries capitals over from a sentence that was split or joined
in the source, so a pronoun, auxiliary or article keeps its capital mid-sentence.
Capitals that English asks for are left alone: after a colon, an opening quote, a
dash, a bracket or a bullet (any mark but a comma or semicolon); in names and titles,
where a capitalised function word stands next to another capitalised word or after an
article ("The Hague", "Doctors Without Borders", "Let It Be", "the No campaign"); in
numbering and initials ("No. 7", "the No.2 seed", "A. Smith"); in headlines, title-case
lines, verse and all-caps text; in letter labels ("grade A", "from A to B"). "I" is never
reported, and acronyms ("US", "IT", "WHO") are not capitalised words at all. A word that
repeats the one before it ("no No") is `duplicated-word`'s, reported there once.

A sentence opener after a word that can end a sentence ("the dishes Although it may
break") is more often a lost full stop or a heading run into the text than a stray
capital: it is reported at info, asking which, with no suggestion.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import cache
from itertools import compress, count, islice
from operator import attrgetter
from typing import ClassVar

from qa.checks.base import data_file, option, word_list
from qa.document import Document
from qa.findings import Match, Severity
from qa.segment import SENTENCE_OPENERS, Span, Word, looks_like_heading

TEXT = attrgetter("text")
CLAUSE_OPENERS = frozenset(
    "In On At For With By From Of To After Before Since Until As If When While Although Though Because".split()
)
"""Prepositions and conjunctions that open a clause; after a comma and before a name they open a sentence."""
CLAUSE_MARKS = frozenset(",;")
"""The only marks after which a capital stays suspect; any other ("(CNN) The", "● For") licenses it."""
QUOTE_OPENING = re.compile(r"[“\"«‘][^“”\"«»‘’\n.!?]*\Z")
QUOTE_CLOSING = re.compile(r"[^“”\"«»‘’\n.!?]*?[,.]?[”\"»’]")
TITLE_WORD = re.compile(r"[^\W\d_][\w'’-]*")
TITLE_REACH = 60
"""How far a quoted title may reach on either side of the capital it explains."""
VERSE_LINE_ENDS = (",", ";")
"""A sentence that stops on one of these is a line of verse or a fragment, not prose."""
ARTICLES = frozenset({"a", "an", "the"})
LETTER_CONNECTORS = frozenset({"to", "and", "or", "through", "versus", "vs"})
TITLE_CASE_SHARE = 0.8
"""A sentence whose content words are at least this share capitalised is a title or a list of names."""
TITLE_CASE_MIN_WORDS = 3
NAME_AFTER_THE_REACH = 4
"""How many capitalised words after "The" may hold the word that makes it a name ("The New York Times")."""


@dataclass(frozen=True, kw_only=True)
class StrayCapitalsOptions:
    function_words_file: str | None = option(
        None,
        "Function words to check, one a line, in lowercase; none: rules/data/function-words.txt.",
    )
    ignore: tuple[str, ...] = option((), 'Capitalised words never to flag ("Will", "Us").')
    names_after_the: tuple[str, ...] = option(
        (),
        'Words of names that take a capital "The" ("Hague", "Times"): after a comma, "The" before them is no new sentence.',
    )


class StrayCapitals:
    """A pronoun, auxiliary, determiner, preposition, conjunction or negation with a stray capital."""

    name: ClassVar[str] = "stray_capitals"
    Options: ClassVar[type] = StrayCapitalsOptions
    fixable: ClassVar[str] = "always"

    def check(self, doc: Document, options: StrayCapitalsOptions) -> Iterator[Match]:
        function_words = load_function_words(options.function_words_file)
        ignored = frozenset(options.ignore)
        spellings = set(map(TEXT, doc.words))
        lowercase = {spelling for spelling in spellings if spelling.islower()}
        capitalised = {spelling for spelling in spellings - ignored if _is_capitalised(spelling)}
        sentences = list(_suspect_sentences(doc, capitalised, lowercase, function_words))
        if not sentences:
            return
        common = _common_words(doc, spellings, lowercase)
        names_after_the = _names_after_the(doc, frozenset(options.names_after_the))
        for sentence, words in sentences:
            if _is_headline_style(doc.slice(sentence), words, function_words):
                continue
            for index in range(1, len(words)):
                word = words[index]
                if not word.text[0].isupper() or word.text in ignored:
                    continue  # both findings need a capital: most words are done here
                if _is_stray_capital(doc.text, words, index, function_words, names_after_the):
                    yield _finding(words, index, function_words)
                elif _opens_a_comma_joined_sentence(doc.text, words, index, common):
                    yield _lost_full_stop(word)


def _suspect_sentences(
    doc: Document, capitalised: set[str], lowercase: set[str], function_words: frozenset[str]
) -> Iterator[tuple[Span, list[Word]]]:
    """The sentences, with their words, where a finding may be: after the first word, a capitalised
    function word (a stray capital), or after ", " a capitalised word of three letters or more that
    the document also writes in lowercase (what `_common_words` may hold: a sentence joined by a
    comma). Most sentences have neither, and their words are looked at by C loops only."""
    stray = {spelling for spelling in capitalised if _normalise(spelling) in function_words}
    joining = {spelling for spelling in capitalised if len(spelling) >= 3 and spelling.lower() in lowercase}
    either = stray | joining
    for sentence in doc.sentences:
        words = doc.words_in(sentence)
        if either.isdisjoint(map(TEXT, islice(words, 1, None))):
            continue
        if not stray.isdisjoint(map(TEXT, islice(words, 1, None))) or any(
            doc.text[words[index - 1].end : words[index].start] == ", "
            for index in _indices(words, joining)
            if index > 0
        ):
            yield sentence, words


def _indices(words: Sequence[Word], spellings: set[str]) -> list[int]:
    """Where the words written as one of `spellings` stand, found by C loops: no Python code runs per word."""
    return list(compress(count(), map(spellings.__contains__, map(TEXT, words))))


def _finding(words: Sequence[Word], index: int, function_words: frozenset[str]) -> Match:
    """A stray capital, or, for a sentence opener after a word that can end a sentence, a lost stop."""
    word, previous = words[index], words[index - 1]
    if word.text in SENTENCE_OPENERS and _normalise(previous.text) not in function_words:
        return _lost_full_stop(word)
    lowercase = word.text.lower()
    return Match(
        word.start,
        word.end,
        f"'{word.text}' is capitalised in the middle of a sentence; write '{lowercase}'.",
        suggestion=lowercase,
    )


@cache
def load_function_words(path: str | None) -> frozenset[str]:
    """The lowercase function words in the file at `path`, or in the built-in list."""
    return frozenset(_normalise(entry) for entry in word_list(path or data_file("function-words.txt")))


def _normalise(word: str) -> str:
    return word.lower().replace("’", "'")


def _is_stray_capital(
    text: str,
    words: Sequence[Word],
    index: int,
    function_words: frozenset[str],
    names_after_the: frozenset[str],
) -> bool:
    word, previous = words[index], words[index - 1]
    if not _is_capitalised(word.text) or _normalise(word.text) not in function_words:
        return False
    if _licensed_by_punctuation(text, previous, word, function_words):
        return False
    if word.text.casefold() == previous.text.casefold() or _is_numbering_or_initial(text, word):
        return False
    if _starts_name(text, words, index, names_after_the) or _continues_name(
        text, words, index, function_words
    ):
        return False
    if _in_quoted_title(text, word, function_words):
        return False
    return word.text != "A" or not _is_letter_label(words, index, function_words)


def _lost_full_stop(word: Word) -> Match:
    return Match(
        word.start,
        word.end,
        f"'{word.text}' starts a new sentence with no full stop before it: add the lost full stop "
        f"(or a line break after a heading), or write '{word.text.lower()}'.",
        severity=Severity.INFO,
    )


def _common_words(doc: Document, spellings: set[str], lowercase: set[str]) -> set[str]:
    """Words the document writes in lowercase and never capitalises after a lowercase word: no names.

    "omicron" beside "a strain of Omicron" is a name too. Only the capitalised words that are
    also written in lowercase are looked at in place.
    """
    words = doc.words
    capitalised = {
        spelling for spelling in spellings if spelling[0].isupper() and spelling.lower() in lowercase
    }
    named = {
        words[index].text.lower()
        for index in _indices(words, capitalised)
        if index > 0
        and words[index - 1].text.islower()
        and doc.text[words[index - 1].end : words[index].start] == " "
    }
    return lowercase - named


def _opens_a_comma_joined_sentence(text: str, words: Sequence[Word], index: int, common: set[str]) -> bool:
    """A common word capitalised right after a comma, not starting a name: "by CNN Brazil, People with …".

    The document writes the word in lowercase (`_common_words`), so the capital is no name's; two sentences
    were joined with a comma. Not reported in a title-case phrase, where a capitalised word follows
    within three words ("Geneva, The Hague", "Pirogov, Head of the Department"), in a list or
    aside (the next word must follow after a single space: "Cinema, Lostfilm, Film - still"), nor
    after a name that opens the sentence ("Vladimir Bespalov, Car industry analyst").
    """
    word = words[index]
    if not _is_capitalised(word.text) or len(word.text) < 3 or word.text.lower() not in common:
        return False
    if text[words[index - 1].end : word.start] != ", " or index + 1 == len(words):
        return False
    if text[word.end : words[index + 1].start] != " ":
        return False
    if all(w.text[0].isupper() for w in words[:index]):
        return False  # "Vladimir Bespalov, Car industry analyst": a name and its role, a caption's shape
    return not any(w.text[0].isupper() or w.text[0].isdigit() for w in words[index + 1 : index + 4])


def _in_quoted_title(text: str, word: Word, function_words: frozenset[str]) -> bool:
    """Inside a short quotation written in title case: a song or a book ("Happy Birthday to You")."""
    opening = QUOTE_OPENING.search(text, max(0, word.start - TITLE_REACH), word.start)
    closing = QUOTE_CLOSING.search(text, word.end, word.end + TITLE_REACH)
    if not opening or not closing:
        return False
    quoted = text[opening.start() + 1 : closing.end() - 1]
    content = [w for w in TITLE_WORD.findall(quoted) if _normalise(w) not in function_words]
    return len(content) >= 2 and all(w[0].isupper() for w in content)


def _is_capitalised(word: str) -> bool:
    """Capitalised like "We", "Don’t" or "A"; acronyms ("US", "WHO", "IT") and "I" are not."""
    return word[0].isupper() and (word == "A" or len(word) > 1 and word[1:] == word[1:].lower())


def _licensed_by_punctuation(text: str, previous: Word, word: Word, function_words: frozenset[str]) -> bool:
    """After any mark but a comma or semicolon, or at the start of a line after a complete one."""
    gap = text[previous.end : word.start]
    marks = [c for c in gap if not c.isspace()]
    if marks and marks[-1] not in CLAUSE_MARKS:
        return True  # the last mark counts: in "(local time), It's" the comma, not the bracket

    return ("\n" in gap or "\r" in gap) and _normalise(previous.text) not in function_words


def _is_numbering_or_initial(text: str, word: Word) -> bool:
    """ "No. 7", "the No.2 seed", "A. Smith": a full stop right after, then a number or a name."""
    if not text.startswith(".", word.end):
        return False
    following = text[word.end + 1 : word.end + 3].lstrip(" ")
    if following[:1].isdigit():
        return True
    return len(word.text) == 1 and following[:1].isupper()


def _names_after_the(doc: Document, known: frozenset[str]) -> frozenset[str]:
    """Words that follow "The" in a name: the known ones, and those the document writes after "The" mid-sentence.

    "read The Guardian" makes "Guardian" one; "the Korean Ministry" does not make "Korean" one.
    """
    words = doc.words
    written = {
        words[index + 1].text
        for index in _indices(words, {"The"})
        if 0 < index < len(words) - 1
        and words[index - 1].text[-1].isalpha()
        and doc.text[words[index - 1].end : words[index].start] == " "
    }
    return known | written


def _starts_name(text: str, words: Sequence[Word], index: int, names_after_the: frozenset[str]) -> bool:
    """The next word is capitalised or a number: "The Hague", "Will Smith", "No 10".

    Not a preposition or conjunction right after a comma: "their proposals, In February next
    year" is two sentences joined by a comma, while names after a comma open with an article
    ("Geneva, The Hague") or are names themselves ("said, Will Smith"). "The" after a comma
    opens a name only when a word of that name takes "The" (`_names_after_the`): in
    "…, The European court fined Poland" it opens a sentence joined by a comma.
    """
    if index + 1 == len(words) or not _adjacent(text, words[index], words[index + 1]):
        return False
    word, following = words[index].text, words[index + 1].text
    if text[words[index - 1].end : words[index].start].rstrip().endswith(","):
        if word in CLAUSE_OPENERS:
            return False
        the_and_after = words[index : index + 2 + NAME_AFTER_THE_REACH]
        if word == "The" and not _is_name_after_the(text, the_and_after, names_after_the):
            return False

    return following[0].isdigit() or following[0].isupper() and following != "I"


def _is_name_after_the(text: str, the_and_after: Sequence[Word], names: frozenset[str]) -> bool:
    """Whether "The" after a comma opens a name ("The Daily Express warned") rather than a clause.

    A clause goes on in lowercase after the capitalised words ("The European court fined");
    punctuation after them ends a title in apposition ("her book, The Interface (…)").
    """
    previous = the_and_after[0]
    for word in the_and_after[1:]:
        if text[previous.end : word.start] != " ":
            return True
        if not word.text[0].isupper():
            return False
        if word.text in names:
            return True
        previous = word
    return True


def _continues_name(text: str, words: Sequence[Word], index: int, function_words: frozenset[str]) -> bool:
    """The previous word is capitalised ("Doctors Without Borders", "Grade A") or an article ("the No camp").

    The sentence's first word counts only when it is capitalised for itself ("Doctor
    Who"), not when it is a function word capitalised by position ("But We").
    """
    previous = words[index - 1]
    key = _normalise(previous.text)
    if not _adjacent(text, previous, words[index]):
        return False
    if key in ARTICLES:
        return True  # "the No campaign", "a Yes vote", "the It girl"
    if not previous.text[0].isupper() or previous.text == "I":
        return False
    return index > 1 or key not in function_words


def _is_letter_label(words: Sequence[Word], index: int, function_words: frozenset[str]) -> bool:
    """Whether "A" is a letter ("grade A beef", "from A to B", "got an A") rather than "is A good idea"."""
    previous = _normalise(words[index - 1].text)
    if index + 1 == len(words) or previous not in function_words:
        return True
    return _normalise(words[index + 1].text) in LETTER_CONNECTORS


def _adjacent(text: str, first: Word, second: Word) -> bool:
    return text[first.end : second.start].isspace()


def _is_headline_style(sentence: str, words: Sequence[Word], function_words: frozenset[str]) -> bool:
    """A headline, a title-case line, verse or shouted text, where capitals follow other conventions."""
    if looks_like_heading(sentence) or sentence.rstrip().endswith(VERSE_LINE_ENDS):
        return True
    long_words = [w.text for w in words if len(w.text) > 1 and not w.text[0].isdigit()]
    if long_words and sum(w.isupper() for w in long_words) * 2 > len(long_words):
        return True
    content = [w.text for w in words[1:] if _normalise(w.text) not in function_words and w.text[0].isalpha()]
    capitalised = sum(w[0].isupper() for w in content)
    return len(content) >= TITLE_CASE_MIN_WORDS and capitalised >= TITLE_CASE_SHARE * len(content)
