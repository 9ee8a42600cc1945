"""Quotations opened and never closed, or closed and never opened: “…”, ‘…’, "…" and '…'.

A mark is read by its position as much as by its glyph, because copy mixes straight
and curly marks, and the same characters are apostrophes (don't, Texas', the '90s,
rock 'n' roll) and unit marks (5' 10", a 12" pipe). Marks are paired on one stack
over the whole document, so nesting (“He said ‘no’ twice”) works. A quotation may
stay open at the end of a paragraph only if the next paragraph carries it on: by
reopening with an opening mark (the English convention for a quotation over several
paragraphs, where only the last paragraph closes) or by closing it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from enum import Enum, auto
from typing import ClassVar

from qa import segment
from qa.checks.base import option
from qa.checks.run_together import first_cut
from qa.document import Document
from qa.findings import Match
from qa.segment import Span


@dataclass(frozen=True, kw_only=True)
class QuotesOptions:
    straight_quotes: bool = option(True, "Pair straight quotes (\" and ') as well as curly ones.")
    single_quotes: bool = option(True, "Check single quotes (‘…’, '…') as well as double ones.")
    elisions: tuple[str, ...] = option(
        (), "Words after a leading apostrophe that are elisions, not quotations ('em, 'til, 'n')."
    )
    reporting_verbs: tuple[str, ...] = option(
        (), 'Verbs of an attribution (", he said") that show where an unclosed quotation ended.'
    )


class Role(Enum):
    OPEN = auto()
    CLOSE = auto()
    CLOSE_IF_OPEN = auto()
    """Closes a quotation of its family if that is the innermost one; else an apostrophe or unit mark."""
    TOGGLE = auto()
    """A straight mark its position cannot orient: closes its family if innermost, else opens."""


class Reason(Enum):
    NOT_CONTINUED = auto()
    """Open at the end of a paragraph, and the next paragraph neither reopens nor closes it."""
    ENCLOSING = auto()
    """Still open when the quotation around it closes."""
    END = auto()
    """Open at the end of the text, or of a headline."""


DOUBLE, SINGLE = "double", "single"
FAMILY = {"“": DOUBLE, "”": DOUBLE, '"': DOUBLE, "‘": SINGLE, "’": SINGLE, "'": SINGLE}
STRAIGHT = frozenset("\"'")
OPENING_CONTEXT = frozenset("([{<—–-/\"'“‘")
"""What may stand just before an opening mark (besides white space)."""
CLOSING_CONTEXT = frozenset(".,;:!?)]}>…—–-/\"'”’")
"""What may stand just after a closing mark (besides white space)."""
FEET_AND_INCHES = re.compile(r"\d(['’])\s?\d{1,2}(?:\.\d+)?([\"”])")
LEADING_WORD = re.compile(r"[^\W_]+")
ATTRIBUTION_SPEAKER = r"(?:he|she|they|the(?:\s+\w+){1,2}|[A-Z][\w’'.-]*(?:\s+[A-Z][\w’'.-]*){0,2})"
SURNAME_PREFIXES = frozenset({"Fitz", "Mac", "Van", "Von"})
"""Capitalised prefixes of names written in one word (MacArthur), never a lost word break."""
QUOTE_PREVIEW_WORDS = 5


@dataclass(frozen=True, slots=True)
class Mark:
    offset: int
    char: str
    role: Role
    at_line_start: bool
    quoted_end: int
    """Where the text this mark could open ends at the latest: the next definite mark or the paragraph end."""

    @property
    def family(self) -> str:
        return FAMILY[self.char]


@dataclass(frozen=True, slots=True)
class Unclosed:
    opener: Mark
    reason: Reason


@dataclass(frozen=True, slots=True)
class Stray:
    closer: Mark


class Quotes:
    """An opening quotation mark that is never closed, or a closing one that was never opened."""

    name: ClassVar[str] = "quotes"
    Options: ClassVar[type] = QuotesOptions
    fixable: ClassVar[str] = "never"

    def check(self, doc: Document, options: QuotesOptions) -> Iterator[Match]:
        attribution = _attribution_pattern(options.reporting_verbs)
        for problem in _problems(doc, options):
            if isinstance(problem, Stray):
                mark, message = problem.closer, _stray_message(doc.text, problem.closer)
            else:
                mark, message = problem.opener, _unclosed_message(doc.text, problem, attribution)
            yield Match(mark.offset, mark.offset + 1, message)


def _problems(doc: Document, options: QuotesOptions) -> Iterator[Unclosed | Stray]:
    quote_chars = re.compile(f"[{re.escape(''.join(_checked_chars(options)))}]")
    pairing = _Pairing()
    for paragraph in doc.paragraphs:
        heading = segment.looks_like_heading(doc.slice(paragraph))
        if heading:
            yield from pairing.abandon_carried()
        for mark in _marks(doc.text, paragraph, quote_chars, options.elisions):
            yield from pairing.feed(mark)
        yield from pairing.end_paragraph(heading)
    yield from pairing.abandon(Reason.END)


class _Pairing:
    """The quotations open so far, innermost last, and whether they were carried over a paragraph end.

    Carried quotations are on trial: the next paragraph's first mark decides. An opening
    mark at its start reopens them (the multi-paragraph convention), a closing mark closes
    them (a run that was not reopened, still balanced); anything else leaves them unclosed.
    """

    def __init__(self) -> None:
        self.open: list[Mark] = []
        self.carried = False

    def feed(self, mark: Mark) -> Iterator[Unclosed | Stray]:
        role = self._resolve(mark)
        if role is None:
            return
        if role is Role.OPEN and self._reopens(mark):
            self.open[0] = mark  # the last paragraph of a run is the one that must close
            self.carried = False
            return
        if self.carried:
            self.carried = False
            if not (role is Role.CLOSE and self._index_of(mark.family) is not None):
                yield from self.abandon(Reason.NOT_CONTINUED)
        if role is Role.OPEN:
            self.open.append(mark)
        else:
            yield from self._close(mark)

    def end_paragraph(self, heading: bool) -> Iterator[Unclosed]:
        yield from self.abandon_carried()
        if heading:
            yield from self.abandon(Reason.END)  # a headline does not run on into the story
        self.carried = bool(self.open)

    def abandon_carried(self) -> Iterator[Unclosed]:
        if self.carried:
            self.carried = False
            yield from self.abandon(Reason.NOT_CONTINUED)

    def abandon(self, reason: Reason) -> Iterator[Unclosed]:
        opened, self.open = self.open, []
        yield from (Unclosed(opener, reason) for opener in opened)

    def _resolve(self, mark: Mark) -> Role | None:
        innermost = bool(self.open) and self.open[-1].family == mark.family
        if mark.role is Role.CLOSE_IF_OPEN:
            return Role.CLOSE if innermost else None
        if mark.role is Role.TOGGLE:
            return Role.CLOSE if innermost else Role.OPEN
        return mark.role

    def _reopens(self, mark: Mark) -> bool:
        return mark.at_line_start and bool(self.open) and self.open[0].family == mark.family

    def _index_of(self, family: str) -> int | None:
        return next((i for i in reversed(range(len(self.open))) if self.open[i].family == family), None)

    def _close(self, mark: Mark) -> Iterator[Unclosed | Stray]:
        index = self._index_of(mark.family)
        if index is None:
            yield Stray(mark)
            return
        yield from (Unclosed(inner, Reason.ENCLOSING) for inner in self.open[index + 1 :])
        del self.open[index:]


def _marks(text: str, paragraph: Span, quote_chars: re.Pattern[str], elisions: tuple[str, ...]) -> list[Mark]:
    """The quotation marks of a paragraph with their roles; apostrophes and unit marks left out."""
    feet_and_inches = FEET_AND_INCHES.finditer(text, paragraph.start, paragraph.end)
    units = {m.start(group) for m in feet_and_inches for group in (1, 2)}
    found = [
        (m.start(), role)
        for m in quote_chars.finditer(text, paragraph.start, paragraph.end)
        if m.start() not in units and (role := mark_role(text, m.start(), paragraph, elisions))
    ]
    marks = []
    quoted_end = paragraph.end
    for offset, role in reversed(_drop_apostrophes_before_closers(text, found)):
        at_line_start = not text[_line_start(text, offset, paragraph.start) : offset].strip()
        marks.append(Mark(offset, text[offset], role, at_line_start, quoted_end))
        if role is not Role.CLOSE_IF_OPEN:
            quoted_end = offset
    return marks[::-1]


def _checked_chars(options: QuotesOptions) -> list[str]:
    return [
        char
        for char, family in FAMILY.items()
        if (options.straight_quotes or char not in STRAIGHT) and (options.single_quotes or family == DOUBLE)
    ]


def _drop_apostrophes_before_closers(text: str, found: list[tuple[int, Role]]) -> list[tuple[int, Role]]:
    """A tentative closer followed by a definite closer of its family is an apostrophe or a unit.

    ‘The workers’ rights matter,’ she said. / “He is 6” tall,” she said.
    """
    kept = []
    next_definite: dict[str, Role] = {}
    for offset, role in reversed(found):
        family = FAMILY[text[offset]]
        if role is Role.CLOSE_IF_OPEN:
            if next_definite.get(family) is Role.CLOSE:
                continue
        else:
            next_definite[family] = role
        kept.append((offset, role))
    return kept[::-1]


def mark_role(text: str, offset: int, paragraph: Span, elisions: tuple[str, ...]) -> Role | None:
    """Whether the quote character at `offset` opens, closes, or is an apostrophe (None)."""
    char = text[offset]
    before = text[offset - 1] if offset > paragraph.start else None
    after = text[offset + 1] if offset + 1 < paragraph.end else None
    can_open = _is_solid(after) and (before is None or before.isspace() or before in OPENING_CONTEXT)
    can_close = _is_solid(before) and (after is None or after.isspace() or after in CLOSING_CONTEXT)
    if FAMILY[char] == SINGLE:
        return _single_role(text, offset, before, after, can_open, can_close, elisions)
    return _double_role(char, before, can_open, can_close)


def _double_role(char: str, before: str | None, can_open: bool, can_close: bool) -> Role | None:
    """Position orients a double mark when it can; the glyph decides otherwise."""
    closing = Role.CLOSE_IF_OPEN if before is not None and before.isdigit() else Role.CLOSE  # 12" pipe
    if can_open != can_close:
        if can_open:
            return Role.OPEN
        return Role.CLOSE_IF_OPEN if char == "“" else closing
    if char == '"':
        return Role.TOGGLE if can_open else None
    return Role.OPEN if char == "“" else closing


def _single_role(
    text: str,
    offset: int,
    before: str | None,
    after: str | None,
    can_open: bool,
    can_close: bool,
    elisions: tuple[str, ...],
) -> Role | None:
    """Single marks are mostly apostrophes: only a clear position makes one a quotation mark."""
    if _is_word_char(before) and _is_word_char(after):
        return None  # don't, o’clock, Hawai‘i
    if can_open and not can_close:
        if text[offset] == "’" or _is_elision(text, offset + 1, elisions):
            return None  # ’em, the '90s, rock 'n' roll
        return Role.OPEN
    if can_close and not can_open:
        return Role.CLOSE_IF_OPEN if _is_word_char(before) else Role.CLOSE  # Texas', goin'
    return None


def _is_solid(char: str | None) -> bool:
    return char is not None and not char.isspace()


def _is_word_char(char: str | None) -> bool:
    return char is not None and char.isalnum()


def _is_elision(text: str, start: int, elisions: tuple[str, ...]) -> bool:
    word = LEADING_WORD.match(text, start)
    if word is None:
        return False
    return word.group()[0].isdigit() or word.group().lower() in elisions


def _line_start(text: str, offset: int, floor: int) -> int:
    return max(text.rfind("\n", floor, offset), text.rfind("\r", floor, offset), floor - 1) + 1


def _attribution_pattern(verbs: tuple[str, ...]) -> re.Pattern[str] | None:
    """", he said" or ", said the minister" after the words of a quotation."""
    if not verbs:
        return None
    verb = "|".join(re.escape(v) for v in sorted(verbs, key=len, reverse=True))
    speaker = ATTRIBUTION_SPEAKER
    return re.compile(rf"[,?!]\s+({speaker}\s+(?:{verb})|(?:{verb})\s+{speaker})\b")


def _unclosed_message(text: str, problem: Unclosed, attribution: re.Pattern[str] | None) -> str:
    opener = problem.opener
    quotation = f"Quotation {_preview(text, opener)}"
    if problem.reason is Reason.ENCLOSING:
        head = f"{quotation} is not closed before the quotation around it ends"
    else:
        head = f"{quotation} is never closed"
    ending = _probable_end(text, opener, attribution)
    if ending is not None:
        return f'{head}: it probably ended before "{ending}".'
    if problem.reason is Reason.NOT_CONTINUED:
        advice = f"or reopen the next paragraph with {opener.char} if it goes on"
        return f"{head}: close it where it ends, {advice}."
    return f"{head}: close it where it ends."


def _stray_message(text: str, closer: Mark) -> str:
    words = text[_line_start(text, closer.offset, 0) : closer.offset].split()[-4:]
    after = f' after "{" ".join(words)}"' if words else ""
    advice = "add one where the quotation starts, or remove it"
    return f"Closing mark {closer.char}{after} has no opening mark: {advice}."


def _preview(text: str, opener: Mark) -> str:
    words = text[opener.offset + 1 : opener.quoted_end].split()
    more = "…" if len(words) > QUOTE_PREVIEW_WORDS else ""
    return f"{opener.char}{' '.join(words[:QUOTE_PREVIEW_WORDS])}{more}"


def _probable_end(text: str, opener: Mark, attribution: re.Pattern[str] | None) -> str | None:
    """The words the quotation probably stopped before: a lost word break, or an attribution."""
    start, end = opener.offset + 1, opener.quoted_end
    candidates = [_run_together_end(text, start, end)]
    if attribution is not None and (found := attribution.search(text, start, end)):
        candidates.append((found.start(1), found.group(1)))
    found_ends = [c for c in candidates if c is not None]
    return min(found_ends)[1] if found_ends else None


def _run_together_end(text: str, start: int, end: int) -> tuple[int, str] | None:
    """The second word of the first token where two words lost the break between them."""
    for word in segment.words(text, start, end):
        split = _run_together_split(word.text)
        if split is not None:
            return word.start + split, word.text[split:]
    return None


def _run_together_split(token: str) -> int | None:
    """Where a lowercase word meets a capitalised one in one token: "UkraineBlinken" -> 7.

    Short prefixes (McDonald, DeSantis, iPhone), all-caps parts (OpenAI) and tokens with
    several joints (GlaxoSmithKline) are names, not lost breaks. This is only a hint for
    the message, so it is stricter than `run-together-word` and needs no document evidence.
    """
    split = first_cut(token)
    if split is None:
        return None
    left, right = token[:split], token[split:]
    plain_words = left.isalpha() and right.isalpha() and left[-1].islower() and right[1:].islower()
    if plain_words and len(left) >= 3 and len(right) >= 3 and left not in SURNAME_PREFIXES:
        return split
    return None
