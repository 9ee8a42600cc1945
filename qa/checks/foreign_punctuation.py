"""Punctuation of the source language left in English copy («Hola», ¿Qué?, "Lavrov، said", "Geneva ?").

Machine translation keeps the source's punctuation marks when it carries words over:
guillemets and low quotation marks, Spanish inverted marks, the Arabic comma,
semicolon and question mark, CJK full-width marks, and French spacing (a space
inside « », and, with `french_spacing`, before ; : ! ?, which the `spacing` kind
reports by default). Each mark is reported on its own, with the English mark for
exactly the flagged span.

A mark is correct where the text around it is in the mark's own language:
- Arabic and CJK marks next to a word in their script ("قال لافروف، إن" quoted in
  English copy) are Arabic or Chinese text, not artifacts;
- quotation marks and French spacing in a sentence written mostly in another
  alphabet (a Russian or Arabic passage using « ») are that language's;
- ¿ and ¡ open a Spanish quotation unless the clause they open reads as English:
  English style keeps them in quoted Spanish ("¿Qué pasa?"), never in English.
Quotation marks belong to the host text, so « » around a French quotation in
English copy are still reported. Not reported either: a guillemet with space on
both sides and no partner ("Home » News", "Next »": a breadcrumb or arrow), and a
mark mentioned between quotes or brackets ('the "¿" key'); with `french_spacing`,
neither are a spaced colon between numbers ("3 : 1", "12 : 55"), smileys (" :)",
" ;-)") and a mark after several spaces (aligned columns).
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass, field
from enum import Enum, auto
from functools import lru_cache
from typing import ClassVar

from qa import segment
from qa.checks.base import option
from qa.document import Document
from qa.findings import Match
from qa.segment import Span

ARABIC, CJK, LATIN = "Arabic", "CJK", "Latin"
CJK_NAME_PREFIXES = ("CJK", "HIRAGANA", "KATAKANA", "HANGUL", "BOPOMOFO", "FULLWIDTH", "HALFWIDTH")


@dataclass(frozen=True, slots=True)
class Mark:
    english: str
    """The English mark; empty when English has none (¿ ¡) and the mark is deleted."""
    language: str
    script: str | None = None
    """The script whose own text uses the mark (Arabic, CJK); None for marks of Latin-alphabet languages."""


ARABIC_MARKS = {"،": ",", "؛": ";", "؟": "?"}
CJK_MARKS = {
    "，": ",", "。": ".", "、": ",", "：": ":", "！": "!", "？": "?", "；": ";",
    "（": "(", "）": ")", "「": "“", "」": "”", "『": "‘", "』": "’",
    "《": "“", "》": "”", "【": "[", "】": "]",
}  # fmt: skip
SINGLE_MARKS: dict[str, Mark] = {
    "¿": Mark("", "Spanish"),
    "¡": Mark("", "Spanish"),
    **{char: Mark(english, "Arabic", ARABIC) for char, english in ARABIC_MARKS.items()},
    **{char: Mark(english, "Chinese or Japanese", CJK) for char, english in CJK_MARKS.items()},
}
SINGLE_MARK = re.compile("[" + re.escape("".join(SINGLE_MARKS)) + "]")

GUILLEMET = re.compile("[«»‹›]")
LOW_QUOTE = re.compile("[„‚]")
POINTS_LEFT = frozenset("«‹")
ENGLISH_PAIR = {"«": ("“", "”"), "»": ("“", "”"), "‹": ("‘", "’"), "›": ("‘", "’")}
"""Guillemet -> the English opening and closing marks of its family (double or single)."""
LOW_QUOTES = {"„": ("“", "”", "“"), "‚": ("‘", "’", "‘")}
"""Low-9 opening mark -> English opening mark, English closing mark, and the German closing mark."""
FRENCH_STYLE = "French, Spanish, Italian or Russian"
GERMAN_STYLE = "German or Danish"
LOW_QUOTE_STYLE = "German, Polish or Czech"

BEFORE_CONTENT = frozenset("([{“‘\"'«‹„‚—–-/")
"""Marks that may stand before an opening quotation mark without touching a word."""
AFTER_CONTENT = frozenset(")]}”’\"'»›.,;:!?…—–-/")
"""Marks that may stand after a closing quotation mark without touching a word."""
MENTION_MARKS = frozenset("\"'“”‘’«»‹›()[]")
"""A mark standing alone between two of these is being talked about ('the "¿" key'), not used."""

FRENCH_SPACES = " \u00a0\u202f\u2009"
"""Space, no-break space, narrow no-break space and thin space: French typography puts one before ; : ! ?."""
SPACED_MARK = re.compile(rf"(?<=\S)[{FRENCH_SPACES}]([:;!?])")
AFTER_WORD = frozenset("”’»)]\"'")
"""Besides a letter or digit, what a spaced mark may follow: a closing quotation mark or bracket."""
AFTER_SPACED_MARK = frozenset("”’»\"'!?…")
"""Besides white space and the end of the text, what may follow a spaced mark in French typography."""

TRAILING_MARKS = frozenset(",.:;!?)]”’")
LEADING_MARKS = frozenset("([“‘")

ENGLISH_CLUES = frozenset(
    """the of and is are was were be been what why how who whom which where when will would shall
    should could can you your we our they their them this that these those it its with for from
    have had do does did not there here if at by on or an about into than then my his her him she
    don't isn't can't won't i'm""".split()
)
"""Common English words that are not Spanish words ("he", "has", "me", "no" and "a" are both)."""
SPANISH_CLUES = frozenset(
    """qué que quién quien cómo como cuándo cuando dónde donde cuál cual cuánto por para el la los
    las un una unos unas es está están estás soy eres hay del al con sin pero muy más ya yo tú
    usted ellos se lo le les nos mi tu su sus este esta eso esto y ni también aquí bien gracias
    sí vamos viva""".split()
)
SPANISH_LETTERS = frozenset("áéíóúñü")
CLAUSE_ENDS = "?!.\n\r"
NEIGHBOUR_REACH = 64
"""Characters looked through for the letters beside a mark: farther ones say nothing of it ("،،،،…" stays linear)."""
CLAUSE_LENGTH = 300
"""Characters read after ¿ or ¡ for its clause at most: enough for any clause, and linear on "¡¡¡¡…"."""
LOW_QUOTE_CLOSER = re.compile("[“”‘’]")


class Role(Enum):
    OPEN = auto()
    CLOSE = auto()
    SPACED = auto()
    """White space or the paragraph edge on both sides: a spaced French mark or an arrow."""


@dataclass(frozen=True, kw_only=True)
class ForeignPunctuationOptions:
    french_spacing: bool = option(
        False, "Also report a space before ; : ! ? (French typography); the spacing rule reports it already."
    )
    allow: tuple[str, ...] = option(
        (), 'Marks never to report ("»" where a house style uses it as an arrow, ":" for " :").'
    )


@dataclass(frozen=True, order=True, slots=True)
class Candidate:
    """A foreign mark found in the text, before the checks of the language around it."""

    start: int
    end: int
    char: str = field(compare=False)
    message: str = field(compare=False)
    suggestion: str = field(compare=False)
    script: str | None = field(compare=False, default=None)


class ForeignPunctuation:
    """Source-language punctuation marks in English text, each with its English mark."""

    name: ClassVar[str] = "foreign_punctuation"
    Options: ClassVar[type] = ForeignPunctuationOptions
    fixable: ClassVar[str] = "always"
    safe_fix: ClassVar[bool] = True

    def check(self, doc: Document, options: ForeignPunctuationOptions) -> Iterator[Match]:
        allowed = frozenset(options.allow)
        surroundings = Surroundings(doc)
        found = [*_quotation_marks(doc), *_single_marks(doc)]
        if options.french_spacing:
            found.extend(_french_spacing(doc))
        for candidate in sorted(found):
            if candidate.char not in allowed and not surroundings.excuse(candidate):
                yield Match(candidate.start, candidate.end, candidate.message, candidate.suggestion)


class Surroundings:
    """What the text around a mark says about it: a mark mentioned, or a mark of the language around it."""

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self._sentence_starts = [s.start for s in doc.sentences]
        self._foreign_sentences: dict[int, bool] = {}

    def excuse(self, candidate: Candidate) -> bool:
        """Whether the mark is correct where it stands, so not reported."""
        if _is_mentioned(self.doc.text, candidate):
            return True
        if candidate.script is not None:
            return candidate.script in self._neighbour_scripts(candidate)
        return self._in_foreign_alphabet_sentence(candidate.start)

    def _neighbour_scripts(self, candidate: Candidate) -> set[str]:
        """Scripts of the nearest letters before and after the mark, within its paragraph."""
        text, paragraph = self.doc.text, self.doc.paragraph_at(candidate.start)
        floor = max(paragraph.start, candidate.start - NEIGHBOUR_REACH)
        before = _first_letter(text, range(candidate.start - 1, floor - 1, -1))
        after = _first_letter(text, range(candidate.end, min(paragraph.end, candidate.end + NEIGHBOUR_REACH)))
        return {_script(char) for char in (before, after) if char is not None}

    def _in_foreign_alphabet_sentence(self, offset: int) -> bool:
        """A sentence with more letters of other scripts than Latin ones: a Russian or Arabic passage."""
        index = max(bisect_right(self._sentence_starts, offset) - 1, 0)
        if index not in self._foreign_sentences:
            sentence = self.doc.sentences[index] if self.doc.sentences else Span(0, len(self.doc.text))
            scripts = [_script(char) for char in self.doc.slice(sentence) if _is_letter(char)]
            latin = scripts.count(LATIN)
            self._foreign_sentences[index] = len(scripts) - latin > latin
        return self._foreign_sentences[index]


def _is_mentioned(text: str, candidate: Candidate) -> bool:
    """A single mark between quotes or brackets: 'the "¿" key', '(«)'."""
    start, end = candidate.start, candidate.end
    if end - start != 1 or start == 0 or end == len(text):
        return False
    return text[start - 1] in MENTION_MARKS and text[end] in MENTION_MARKS


def _first_letter(text: str, indexes: range) -> str | None:
    return next((text[i] for i in indexes if _is_letter(text[i])), None)


def _is_letter(char: str) -> bool:
    """Letters, and digits of non-Latin scripts (Arabic-Indic digits tell Arabic text)."""
    return char.isalpha() or char.isdigit() and not char.isascii()


@lru_cache(maxsize=4096)
def _script(char: str) -> str:
    name = unicodedata.name(char, "")
    if "ARABIC" in name:
        return ARABIC
    if name.startswith(CJK_NAME_PREFIXES):
        return CJK
    return name.split(" ", 1)[0] if name and not name.startswith("LATIN") else LATIN


# --- Quotation marks ---------------------------------------------------------


def _quotation_marks(doc: Document) -> Iterator[Candidate]:
    for paragraph in doc.paragraphs:
        yield from _guillemets(doc.text, paragraph)
        yield from _low_quotes(doc.text, paragraph)


def _guillemets(text: str, paragraph: Span) -> Iterator[Candidate]:
    """« » ‹ › by their role; a spaced one is a French quotation mark only if its partner is there."""
    indexes = [m.start() for m in GUILLEMET.finditer(text, paragraph.start, paragraph.end)]
    for position, index in enumerate(indexes):
        role: Role | None = _role(text, index, paragraph)
        if role is Role.SPACED:
            role = _spaced_role(text, indexes, position)
        if role is not None:
            yield _guillemet(text, index, role)


def _role(text: str, index: int, paragraph: Span) -> Role:
    """Open or close by what the mark touches: a word after it opens, a word before it closes."""
    char = text[index]
    before = text[index - 1] if index > paragraph.start else " "
    after = text[index + 1] if index + 1 < paragraph.end else " "
    touches_before = not before.isspace() and before not in BEFORE_CONTENT
    touches_after = not after.isspace() and after not in AFTER_CONTENT
    if touches_before == touches_after:
        if not touches_before:
            return Role.SPACED
        return Role.OPEN if char in POINTS_LEFT else Role.CLOSE  # "dijo«Hola»dijo"
    return Role.OPEN if touches_after else Role.CLOSE


def _spaced_role(text: str, indexes: list[int], position: int) -> Role | None:
    """« Hola »: a spaced « opens if the next guillemet closes it, a spaced » closes an open one."""
    char = text[indexes[position]]
    same_family = [i for i in indexes if ENGLISH_PAIR[text[i]] == ENGLISH_PAIR[char]]
    here = same_family.index(indexes[position])
    if char in POINTS_LEFT:
        following = same_family[here + 1] if here + 1 < len(same_family) else None
        return Role.OPEN if following is not None and text[following] not in POINTS_LEFT else None
    previous = same_family[here - 1] if here > 0 else None
    return Role.CLOSE if previous is not None and text[previous] in POINTS_LEFT else None


def _guillemet(text: str, index: int, role: Role) -> Candidate:
    char = text[index]
    opening, closing = ENGLISH_PAIR[char]
    french = (char in POINTS_LEFT) == (role is Role.OPEN)
    style = FRENCH_STYLE if french else GERMAN_STYLE
    start, end = index, index + 1
    if role is Role.OPEN and end < len(text) and text[end] in FRENCH_SPACES:
        end += 1
    if role is Role.CLOSE and start > 0 and text[start - 1] in FRENCH_SPACES:
        start -= 1
    english = opening if role is Role.OPEN else closing
    verb = "opens" if role is Role.OPEN else "closes"
    inside = " with no space inside" if end - start > 1 else ""
    message = (
        f"'{char}' ({unicodedata.name(char)}) {verb} a quotation in {style} style; "
        f"in English write '{english}'{inside}."
    )
    return Candidate(start, end, char, message, _with_spacing(english, text, start, end))


def _low_quotes(text: str, paragraph: Span) -> Iterator[Candidate]:
    """„Hallo“ and ‚Hallo‘: the low opening mark, and the German closing mark that pairs with it."""
    closers: dict[str, list[int]] | None = None
    for match in LOW_QUOTE.finditer(text, paragraph.start, paragraph.end):
        if closers is None:
            closers = _positions(text, paragraph, LOW_QUOTE_CLOSER)
        index, char = match.start(), match.group()
        opening, closing, german_closing = LOW_QUOTES[char]
        if char == "‚" and _role(text, index, paragraph) is not Role.OPEN:
            yield _mark(text, index, "‚", "is a German quotation mark standing for a comma", ",")
            continue
        yield _mark(text, index, char, f"opens a quotation in {LOW_QUOTE_STYLE} style", opening)
        closer = _first_after(closers, german_closing + closing, index)
        if closer is not None and text[closer] == german_closing:
            what = f"closes a {char}…{german_closing} quotation in German style"
            yield _mark(text, closer, german_closing, what, closing)


def _mark(text: str, index: int, char: str, what: str, english: str, script: str | None = None) -> Candidate:
    """The mark at `index`, named: "'„' (DOUBLE LOW-9 QUOTATION MARK) opens …; in English write '“'."."""
    described = f"'{char}' ({unicodedata.name(char)}) {what}"
    message = f"{described}; in English write '{english}'." if english else f"{described}; delete it."
    suggestion = _with_spacing(english, text, index, index + 1)
    return Candidate(index, index + 1, char, message, suggestion, script)


def _positions(text: str, paragraph: Span, pattern: re.Pattern[str]) -> dict[str, list[int]]:
    """Where each character `pattern` matches stands in the paragraph, in order."""
    found: dict[str, list[int]] = {}
    for match in pattern.finditer(text, paragraph.start, paragraph.end):
        found.setdefault(match.group(), []).append(match.start())
    return found


def _first_after(positions: dict[str, list[int]], chars: str, index: int) -> int | None:
    """The first of `chars` after `index`, by bisection: a scan per mark is quadratic on „„„„…"""
    found = [p[i] for c in chars if (p := positions.get(c)) and (i := bisect_right(p, index)) < len(p)]
    return min(found, default=None)


def _next_of(text: str, start: int, end: int, chars: str) -> int | None:
    return next((i for i in range(start, end) if text[i] in chars), None)


# --- Single marks: ¿ ¡, Arabic and CJK ---------------------------------------


def _single_marks(doc: Document) -> Iterator[Candidate]:
    text = doc.text
    for match in SINGLE_MARK.finditer(text):
        index, char = match.start(), match.group()
        mark = SINGLE_MARKS[char]
        if char in "¿¡" and _opens_spanish_clause(text, index, doc.paragraph_at(index)):
            continue
        unused = "" if mark.english else ", which English does not use"
        yield _mark(text, index, char, f"is {mark.language} punctuation{unused}", mark.english, mark.script)


def _opens_spanish_clause(text: str, index: int, paragraph: Span) -> bool:
    """Whether the clause after ¿ or ¡ has more Spanish clues (words, accents) than English ones."""
    limit = min(paragraph.end, index + 1 + CLAUSE_LENGTH)
    end = _next_of(text, index + 1, limit, CLAUSE_ENDS)
    clause = text[index + 1 : limit if end is None else end]
    words = [w.text.lower().replace("’", "'") for w in segment.words(clause)]
    spanish = sum(w in SPANISH_CLUES for w in words) + bool(SPANISH_LETTERS.intersection(clause.lower()))
    english = sum(w in ENGLISH_CLUES for w in words)
    return spanish > english


# --- French spacing ----------------------------------------------------------


def _french_spacing(doc: Document) -> Iterator[Candidate]:
    """One space before ; : ! ? after a word: "Geneva : the talks", "Pourquoi ?"."""
    text = doc.text
    for match in SPACED_MARK.finditer(text):
        start, end = match.span()
        mark = match.group(1)
        if not _is_french_spacing(text, start, end, mark):
            continue
        space = text[start]
        message = (
            f"A {unicodedata.name(space).lower()} (U+{ord(space):04X}) before '{mark}' is French typography; "
            f"in English write '{mark}' straight after the word."
        )
        yield Candidate(start, end, mark, message, _with_spacing(mark, text, start, end))


def _is_french_spacing(text: str, start: int, end: int, mark: str) -> bool:
    """After a word, before white space or a closing mark; not a ratio ("3 : 1") nor a smiley (" :)")."""
    before = text[start - 1]
    if not (before.isalnum() or before in AFTER_WORD):
        return False
    after = text[end] if end < len(text) else " "
    closes_bracket = after == ")" and mark in "!?"
    if not (after.isspace() or after in AFTER_SPACED_MARK or closes_bracket):
        return False
    return not (mark == ":" and before.isdigit() and text[end:].lstrip()[:1].isdigit())


def _with_spacing(english: str, text: str, start: int, end: int) -> str:
    """The English mark, with the space English puts after a comma or before a bracket if it is missing."""
    before = text[start - 1] if start > 0 else " "
    after = text[end] if end < len(text) else " "
    if english in TRAILING_MARKS and after.isalnum() and not (before.isdigit() and after.isdigit()):
        return english + " "
    if english in LEADING_MARKS and before.isalnum():
        return " " + english
    return english
