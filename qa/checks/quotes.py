"""Quotations opened and never closed, or closed and never opened: “…”, ‘…’, "…" and '…'.

A mark is read by its position as much as by its glyph, because copy mixes straight
and curly marks, and the same characters are apostrophes (don't, Texas', the '90s,
rock 'n' roll) and unit marks (5' 10", a 12" pipe). Marks are paired on one stack
over the whole document, so nesting (“He said ‘no’ twice”) works. A quotation may
stay open at the end of a paragraph only if the next paragraph carries it on: by
reopening with an opening mark (the English convention for a quotation over several
paragraphs, where only the last paragraph closes) or by closing it.

A quotation that balances can still be miswritten, and then it is reported once, as
what it is rather than as an unclosed quotation plus a stray closer: a mark turned the
wrong way (“…“), a closing mark of the other family (“…’), a doubled mark (""…""), a
space inside the marks ("TianZi " in), or a closing mark with the space before it
instead of after (percent, "added the minister).
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from enum import Enum, auto
from functools import cache
from typing import ClassVar

from qa import segment
from qa.checks.base import option
from qa.checks.bilingual import markup_offsets
from qa.checks.run_together import first_cut
from qa.document import Document
from qa.findings import Match, Severity
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
    attribution_phrases: tuple[str, ...] = option(
        (),
        "Phrases that name the speaker in the reporter's words (according to him): no quotation runs on over them.",
    )


class Role(Enum):
    OPEN = auto()
    CLOSE = auto()
    CLOSE_IF_OPEN = auto()
    """Closes a quotation of its family if that is the innermost one; else an apostrophe or unit mark."""
    TOGGLE = auto()
    """A straight mark its position cannot orient: closes its family if innermost, else opens."""


class Defect(Enum):
    """What is wrong with a mark of a quotation that otherwise pairs."""

    TURNED = auto()
    """“ at the end of a quotation, ” at its start."""
    MISMATCHED = auto()
    """A closing mark of the other family: “…’ or ‘…”."""
    DOUBLED = auto()
    SPACE_BEFORE = auto()
    """Between the quoted words and the closing mark."""
    SPACE_AFTER = auto()
    """Between the opening mark and the quoted words."""
    SPACE_MISPLACED = auto()
    """A closing mark with the space before it instead of after it: 'percent, "added the minister'."""
    MIXED_STYLE = auto()
    """A straight mark paired with a curly one ("…” or “…"): one of them is not in the file's style."""
    FOREIGN = auto()
    """Another language's opening mark closed by an English one: «…”."""


class Reason(Enum):
    NOT_CONTINUED = auto()
    """Open at the end of a paragraph, and the next paragraph neither reopens nor closes it."""
    ENCLOSING = auto()
    """Still open when the quotation around it closes."""
    END = auto()
    """Open at the end of the text, or of a headline."""
    ENDED_IN_PARAGRAPH = auto()
    """Open at the end of a paragraph it must end in: a quoted phrase, or one its attribution follows."""
    BRACKET = auto()
    """Still open where the parenthesis it was opened in closes."""


DOUBLE, SINGLE = "double", "single"
GUILLEMET, SINGLE_GUILLEMET = "guillemet", "single guillemet"
FAMILY = {
    "“": DOUBLE, "”": DOUBLE, '"': DOUBLE, "„": DOUBLE,
    "‘": SINGLE, "’": SINGLE, "'": SINGLE,
    "«": GUILLEMET, "»": GUILLEMET, "‹": SINGLE_GUILLEMET, "›": SINGLE_GUILLEMET,
}  # fmt: skip
"""„ opens a German („…“) or Polish („…”) quotation, so it pairs with the English double marks."""
FOREIGN_OPENING = frozenset("«‹„")
FOREIGN_CLOSING = frozenset("»›")
ENGLISH_GLYPH = {"«": "“", "‹": "‘", "„": "“", "»": "”", "›": "’"}
"""What English copy writes for another language's quotation mark."""
ENGLISH_AFTER_FOREIGN = {"«": "“”\"‘’'", "‹": "“”\"‘’'", "„": '"'}
"""English closing marks that make another language's opening mark the slip: «…", „…" (not „…“ or „…”, German
and Polish, which are foreign punctuation)."""
STRAIGHT = frozenset("\"'")
TURNED_GLYPH = {"“": "”", "”": "“", "‘": "’", "’": "‘"}
CLOSING_GLYPH = {"“": "”", "”": "”", '"': '"', "‘": "’", "’": "’", "'": "'", "„": "“", "«": "»", "‹": "›"}
"""The closing mark that matches an opening one."""
HORIZONTAL_SPACE = frozenset(" \t\u00a0\u202f")
SENTENCE_END = frozenset(".!?…")
QUOTATION_PUNCTUATION = frozenset(",.!?…")
"""What ends the words of a quotation just before its closing mark."""
STRAY_CONTEXT_CHARS = 200
"""How far back a stray closer's message looks for the words before it."""
FOREIGN_QUOTES = "„«»‹›「」『』"
"""Other languages' quotation marks (and a German closing “): an English quotation may nest inside them."""
OPENING_CONTEXT = frozenset("([{<—–-/\"'“‘" + FOREIGN_QUOTES)
"""What may stand just before an opening mark (besides white space)."""
CLOSING_CONTEXT = frozenset(".,;:!?)]}>…—–-/\"'”’“" + FOREIGN_QUOTES)
"""What may stand just after a closing mark (besides white space)."""
FEET_AND_INCHES = re.compile(r"\d(['’])\s?\d{1,2}(?:\.\d+)?([\"”])")
MANGLED_LEAD = "â€"
"""UTF-8's lead bytes of a dash or quotation mark read as Windows-1252: a ” after them ("â€”") is a mangled
byte of an em dash, mojibake's to report, and no quotation mark; a mark before them stands before a mangled one
(done,'â€�)."""
MANGLED_BYTE_ORDER_MARK = "ï»¿"
BYTE_ORDER_MARKS = ("\ufeff", MANGLED_BYTE_ORDER_MARK)
"""A byte-order mark, or its UTF-8 bytes read as Windows-1252, at the start of a file: mojibake's, and no character."""
LEADING_WORD = re.compile(r"[^\W_]+")
ATTRIBUTION_SPEAKER = r"(?:he|she|they|the(?:\s+\w+){1,2}|[A-Z][\w’'.-]*(?:\s+[A-Z][\w’'.-]*){0,2})"
SURNAME_PREFIXES = frozenset({"Fitz", "Mac", "Van", "Von"})
"""Capitalised prefixes of names written in one word (MacArthur), never a lost word break."""
QUOTE_PREVIEW_WORDS = 5
RESTART_PREVIEW_WORDS = 3
DEFECT_PHRASES = {
    Defect.TURNED: "is turned the wrong way",
    Defect.MISMATCHED: "does not match the opening {opener}",
    Defect.DOUBLED: "is doubled",
    Defect.SPACE_BEFORE: "has a space before it",
    Defect.SPACE_AFTER: "has a space after it",
    Defect.SPACE_MISPLACED: "has a space before it instead of after it",
    Defect.MIXED_STYLE: "pairs a straight mark with a curly one",
    Defect.FOREIGN: "is not an English quotation mark",
}


@dataclass(frozen=True, slots=True)
class Mark:
    offset: int
    char: str
    role: Role
    at_line_start: bool
    quoted_end: int
    """Where the text this mark could open ends at the latest: the next definite mark or the paragraph end."""
    doubled: bool = False
    """Two identical double marks typed as one (""), as MT output escaped for CSV has them."""
    space_before: bool = False
    space_after: bool = False
    opens_sentence: bool = False
    """Stands after the end of a sentence and a space: a new quotation rather than a nested one."""
    after_quotation_words: bool = False
    """After a quotation's final punctuation and a space: 'percent, "'."""
    attribution_follows: bool = False
    """Just before "added the minister" or "he said", or one space before it."""
    embedded: bool = False
    """After a word and a space (a bit of "plot armor"): quoted words inside a sentence, never run over paragraphs."""
    bracket_end: int | None = None
    """Right after ( or [: where that bracket closes, which the quotation must close before."""

    @property
    def family(self) -> str:
        return FAMILY[self.char]

    @property
    def may_close_before_attribution(self) -> bool:
        """Placed as an opener, but between a quotation's last words and "added the minister"."""
        return self.role is Role.OPEN and self.after_quotation_words and self.attribution_follows

    @property
    def end(self) -> int:
        return self.offset + (2 if self.doubled else 1)

    @property
    def ends_in_its_paragraph(self) -> bool:
        return self.embedded or self.bracket_end is not None

    @property
    def token(self) -> str:
        return self.char * (2 if self.doubled else 1)


@dataclass(frozen=True, slots=True)
class Unclosed:
    opener: Mark
    reason: Reason
    restart: Mark | None = None
    """A second opening mark of the same kind after a sentence end inside it: one too many, or a lost close."""


@dataclass(frozen=True, slots=True)
class Stray:
    closer: Mark


@dataclass(frozen=True, slots=True)
class Miswritten:
    """A quotation that pairs, with something wrong with one mark or both."""

    opener: Mark
    closer: Mark
    opener_defects: tuple[Defect, ...]
    closer_defects: tuple[Defect, ...]
    straight_style: bool


class Quotes:
    """An opening quotation mark that is never closed, a closing one that was never opened, or a miswritten mark."""

    name: ClassVar[str] = "quotes"
    Options: ClassVar[type] = QuotesOptions
    fixable: ClassVar[str] = "sometimes"
    yields_to: ClassVar[frozenset[str]] = frozenset({"foreign_punctuation"})
    """A German „ or a Japanese 「 is foreign punctuation first: one finding, that one."""
    supersedes: ClassVar[frozenset[str]] = frozenset({"foreign_punctuation"})
    """On the very mark foreign-punctuation flags, an unclosed « says both what is wrong and what to write."""

    def check(self, doc: Document, options: QuotesOptions) -> Iterator[Match]:
        scan = _scan_settings(options)
        for problem in _problems(doc, scan):
            yield _match(doc.text, problem, scan)


@dataclass(frozen=True, slots=True)
class _Scan:
    """The options compiled once: which characters are marks, and how an attribution reads."""

    quote_chars: re.Pattern[str]
    elisions: tuple[str, ...]
    attribution: re.Pattern[str] | None
    """"added the minister", "he said": matched just after a closing mark."""
    attribution_after_words: re.Pattern[str] | None
    """", he said" inside an unclosed quotation: where it probably ended."""
    narration: re.Pattern[str] | None
    """", explains Vakhoshkin." or "According to him": the reporter's words, which no open quotation runs over."""


@cache
def _scan_settings(options: QuotesOptions) -> _Scan:
    core = _attribution_core(options.reporting_verbs)
    return _Scan(
        quote_chars=re.compile(f"[{re.escape(''.join(_checked_chars(options)))}]"),
        elisions=options.elisions,
        attribution=re.compile(rf"{core}\b") if core else None,
        attribution_after_words=re.compile(rf"[,?!]\s+({core})\b") if core else None,
        narration=_narration(core, options.attribution_phrases),
    )


def _narration(core: str | None, phrases: tuple[str, ...]) -> re.Pattern[str] | None:
    """An attribution after the quoted words and not followed by more lowercase words, or a speaker phrase."""
    parts = [rf"[,?!]\s+{core}\b(?!\s+[a-z])"] if core else []
    if phrases:
        parts.append(rf"\b(?i:{'|'.join(re.escape(p) for p in phrases)})\b")
    return re.compile("|".join(parts)) if parts else None


def _match(text: str, problem: Unclosed | Stray | Miswritten, scan: _Scan) -> Match:
    if isinstance(problem, Stray):
        closer = problem.closer
        return Match(closer.offset, closer.end, _stray_message(text, closer) + _in_english(closer))
    if isinstance(problem, Unclosed):
        opener = problem.opener
        message = _unclosed_message(text, problem, scan.attribution_after_words) + _in_english(opener)
        return Match(opener.offset, opener.end, message)
    return _miswritten_match(text, problem)


def _in_english(mark: Mark) -> str:
    """For another language's mark («, „, »), the English one to write as well."""
    english = ENGLISH_GLYPH.get(mark.char)
    return f" In English copy, write {english} for {mark.char}." if english else ""


def _problems(doc: Document, scan: _Scan) -> Iterator[Unclosed | Stray | Miswritten]:
    pairing = _Pairing(_uses_straight_quotes(doc.text))
    markup = markup_offsets(doc)
    for paragraph in doc.paragraphs:
        heading = segment.looks_like_heading(doc.slice(paragraph))
        if heading:
            yield from pairing.abandon_carried()
        for mark in _marks(doc.text, paragraph, scan, markup):
            yield from pairing.feed(mark)
        narrated_to = _last_narration(doc.text, pairing.first_open_end(paragraph), paragraph.end, scan)
        yield from pairing.end_paragraph(heading, narrated_to)
    yield from pairing.abandon(Reason.END)


def _last_narration(text: str, start: int | None, end: int, scan: _Scan) -> int:
    """Where the reporter's words last show in text[start:end] (-1 if nowhere): an attribution or a lost word break."""
    if start is None:
        return -1
    last = -1
    if scan.narration is not None:
        for found in scan.narration.finditer(text, start, end):
            last = found.start()
    for word in segment.words(text, start, end):
        split = _run_together_split(word.text)
        if (
            split is not None
            and scan.attribution is not None
            and scan.attribution.match(text, word.start + split)
        ):
            last = word.start  # "adoptedAlikhan Smailov wrote": the closing mark was lost with the word break
    return last


def _uses_straight_quotes(text: str) -> bool:
    """More straight double quotes than curly ones; a tie is curly, as in quote-style."""
    return text.count('"') > text.count("“") + text.count("”")


class _Pairing:
    """The quotations open so far, innermost last, and whether they were carried over a paragraph end.

    Carried quotations are on trial: the next paragraph's first mark decides. An opening
    mark at its start reopens them (the multi-paragraph convention), a closing mark closes
    them (a run that was not reopened, still balanced); anything else leaves them unclosed.
    """

    def __init__(self, straight_style: bool) -> None:
        self.straight_style = straight_style
        """The file writes straight double quotes: in a mixed pair, the curly mark is the odd one."""
        self.open: list[Mark] = []
        self.depth: Counter[str] = Counter()
        """Open quotations per family, so a closer with none of its family open costs nothing."""
        self.restarts: dict[int, Mark] = {}
        """By the offset of an open quotation: the first same-family opener after a sentence end inside it."""
        self.carried = False

    def feed(self, mark: Mark) -> Iterator[Unclosed | Stray | Miswritten]:
        yield from self._close_brackets(mark.offset)
        role = self._resolve(mark)
        if role is None:
            return
        if role is Role.OPEN and self._reopens(mark):
            self.restarts.pop(self.open[0].offset, None)
            self.open[0] = mark  # the last paragraph of a run is the one that must close
            self.carried = False
            return
        if self.carried:
            self.carried = False
            if not (role is Role.CLOSE and self.depth[mark.family]):
                yield from self.abandon(Reason.NOT_CONTINUED)
        if role is Role.OPEN:
            self._push(mark)
        else:
            yield from self._close(mark)

    def end_paragraph(self, heading: bool, narrated_to: int) -> Iterator[Unclosed]:
        """Close the paragraph; `narrated_to` is where the reporter's words last spoke in it."""
        yield from self.abandon_carried()
        if heading:
            yield from self.abandon(Reason.END)  # a headline does not run on into the story
        else:
            yield from self._abandon_ended_here(narrated_to)
        self.carried = bool(self.open)

    def first_open_end(self, paragraph: Span) -> int | None:
        """Where the words of the outermost open quotation start in this paragraph, if one is open."""
        return max(self.open[0].end, paragraph.start) if self.open else None

    def _abandon_ended_here(self, narrated_to: int) -> Iterator[Unclosed]:
        """Quotations that cannot go on into the next paragraph: quoted phrases, or the reporter spoke after them."""
        ended, kept = [], []
        for mark in self.open:
            (ended if mark.ends_in_its_paragraph or mark.end <= narrated_to else kept).append(mark)
        self.open = kept
        for opener in ended:
            reason = Reason.BRACKET if opener.bracket_end is not None else Reason.ENDED_IN_PARAGRAPH
            yield Unclosed(opener, reason, self.restarts.pop(opener.offset, None))
            self.depth[opener.family] -= 1

    def _close_brackets(self, offset: int) -> Iterator[Unclosed]:
        """A quotation opened inside brackets that close before `offset` was never closed: ("disease severity — Ed.)."""
        while self.open and (bracket_end := self.open[-1].bracket_end) is not None and bracket_end < offset:
            opener = self.open[-1]
            yield Unclosed(opener, Reason.BRACKET, self.restarts.get(opener.offset))
            self._pop_from(len(self.open) - 1)

    def abandon_carried(self) -> Iterator[Unclosed]:
        if self.carried:
            self.carried = False
            yield from self.abandon(Reason.NOT_CONTINUED)

    def abandon(self, reason: Reason) -> Iterator[Unclosed]:
        opened, restarts = self.open, self.restarts
        self.open, self.restarts = [], {}
        self.depth.clear()
        yield from (Unclosed(opener, reason, restarts.get(opener.offset)) for opener in opened)

    def _resolve(self, mark: Mark) -> Role | None:
        innermost = bool(self.open) and self.open[-1].family == mark.family
        if mark.role is Role.CLOSE_IF_OPEN:
            return Role.CLOSE if innermost else None
        if mark.role is Role.TOGGLE or mark.may_close_before_attribution:
            return Role.CLOSE if innermost else Role.OPEN
        return mark.role

    def _reopens(self, mark: Mark) -> bool:
        return mark.at_line_start and bool(self.open) and self.open[0].family == mark.family

    def _push(self, mark: Mark) -> None:
        if mark.opens_sentence and self.open and self.open[-1].family == mark.family:
            self.restarts.setdefault(self.open[-1].offset, mark)
        self.open.append(mark)
        self.depth[mark.family] += 1

    def _index_of(self, family: str) -> int | None:
        if not self.depth[family]:
            return None
        return next(i for i in reversed(range(len(self.open))) if self.open[i].family == family)

    def _close(self, mark: Mark) -> Iterator[Unclosed | Stray | Miswritten]:
        index = self._index_of(mark.family)
        if index is None and mark.role is Role.CLOSE and self.open:
            index = len(self.open) - 1  # “…’: the closer was typed from the other family
        if index is None:
            yield Stray(mark)
            return
        if self._closes_two(mark, index):
            self._pop_from(index - 1)
            return
        opener = self.open[index]
        yield from (
            Unclosed(inner, Reason.ENCLOSING, self.restarts.get(inner.offset))
            for inner in self.open[index + 1 :]
        )
        self._pop_from(index)
        yield from _miswritten(opener, mark, mark.role is Role.OPEN, self.straight_style)

    def _closes_two(self, mark: Mark, index: int) -> bool:
        """A doubled mark after two single-width openers closes both: a quotation that ends inside another."""
        if not mark.doubled or index != len(self.open) - 1 or index == 0:
            return False
        pair = self.open[index - 1 :]
        return all(m.family == mark.family and not m.doubled for m in pair)

    def _pop_from(self, index: int) -> None:
        for mark in self.open[index:]:
            self.depth[mark.family] -= 1
            self.restarts.pop(mark.offset, None)
        del self.open[index:]


def _miswritten(
    opener: Mark, closer: Mark, misplaced_space: bool, straight_style: bool
) -> Iterator[Miswritten]:
    foreign = closer.char in ENGLISH_AFTER_FOREIGN.get(opener.char, "")
    mixed = _mixes_styles(opener, closer)
    opener_defects = _opener_defects(opener, foreign, mixed and (opener.char == '"') != straight_style)
    closer_defects = _closer_defects(
        opener, closer, misplaced_space, foreign, mixed and (closer.char == '"') != straight_style
    )
    if opener_defects or closer_defects:
        yield Miswritten(opener, closer, opener_defects, closer_defects, straight_style)


def _mixes_styles(opener: Mark, closer: Mark) -> bool:
    """A straight double mark paired with a curly one; „ is German or Polish style, not curly."""
    double = FAMILY[opener.char] == FAMILY[closer.char] == DOUBLE and opener.char != "„"
    return double and (opener.char == '"') != (closer.char == '"')


def _opener_defects(opener: Mark, foreign: bool, off_style: bool) -> tuple[Defect, ...]:
    turned = opener.char in "”’"
    return _present(
        (Defect.FOREIGN, foreign),
        (Defect.MIXED_STYLE, off_style),
        (Defect.TURNED, turned),
        (Defect.DOUBLED, opener.doubled),
        (Defect.SPACE_AFTER, opener.space_after),
    )


def _closer_defects(
    opener: Mark, closer: Mark, misplaced_space: bool, foreign: bool, off_style: bool
) -> tuple[Defect, ...]:
    mismatched = closer.family != opener.family and not foreign
    return _present(
        (Defect.MISMATCHED, mismatched),
        (Defect.MIXED_STYLE, off_style),
        (Defect.TURNED, not mismatched and closer.char in "“‘" and opener.char != "„"),
        (Defect.DOUBLED, closer.doubled),
        (Defect.SPACE_MISPLACED, misplaced_space),
        (Defect.SPACE_BEFORE, closer.space_before and not misplaced_space),
    )


def _present(*checks: tuple[Defect, bool]) -> tuple[Defect, ...]:
    return tuple(defect for defect, found in checks if found)


def _marks(text: str, paragraph: Span, scan: _Scan, markup: frozenset[int]) -> list[Mark]:
    """The quotation marks of a paragraph with their roles; apostrophes, unit marks and the quotes
    of a translation file's tags (`<a href="x">`) left out."""
    if not scan.quote_chars.search(text, paragraph.start, paragraph.end):
        return []
    feet_and_inches = FEET_AND_INCHES.finditer(text, paragraph.start, paragraph.end)
    units = {m.start(group) for m in feet_and_inches for group in (1, 2)}
    found = [
        (start, end, role)
        for start, end in _tokens(text, paragraph, scan.quote_chars)
        if start not in units
        and start not in markup
        and text[max(0, start - len(MANGLED_LEAD)) : start] != MANGLED_LEAD
        and (role := _token_role(text, start, end, paragraph, scan.elisions))
    ]
    marks = []
    quoted_end = paragraph.end
    bracket_ends = _bracket_ends(text, paragraph) if found else {}
    for start, end, role in reversed(_drop_apostrophes_before_closers(text, found)):
        bracket_end = bracket_ends.get(start - 1)
        marks.append(_mark(text, (start, end), role, paragraph, quoted_end, scan.attribution, bracket_end))
        if role is not Role.CLOSE_IF_OPEN:
            quoted_end = start
    return marks[::-1]


BRACKETS = {")": "(", "]": "["}


def _bracket_ends(text: str, paragraph: Span) -> dict[int, int]:
    """Where each ( or [ of the paragraph closes, by the offset of the opening bracket."""
    ends: dict[int, int] = {}
    stack: list[int] = []
    for found in re.finditer(r"[()[\]]", text[paragraph.start : paragraph.end]):
        offset, char = paragraph.start + found.start(), found.group()
        if char in "([":
            stack.append(offset)
        elif stack and text[stack[-1]] == BRACKETS[char]:
            ends[stack.pop()] = offset
    return ends


def _tokens(text: str, paragraph: Span, quote_chars: re.Pattern[str]) -> Iterator[tuple[int, int]]:
    """The spans of the marks: one character, or two identical double marks ("", ““) typed as one."""
    skip_to = paragraph.start
    for found in quote_chars.finditer(text, paragraph.start, paragraph.end):
        start = found.start()
        if start < skip_to:
            continue
        char = text[start]
        doubled = FAMILY[char] == DOUBLE and text.startswith(char, start + 1, paragraph.end)
        skip_to = start + (2 if doubled else 1)
        yield start, skip_to


def _mark(
    text: str,
    span: tuple[int, int],
    role: Role,
    paragraph: Span,
    quoted_end: int,
    attribution: re.Pattern[str] | None,
    bracket_end: int | None = None,
) -> Mark:
    start, end = span
    before = text[start - 1] if start > paragraph.start else ""
    two_before = text[start - 2] if start - 1 > paragraph.start else ""
    space_before = before in HORIZONTAL_SPACE and before != ""
    after_quotation = space_before and two_before in QUOTATION_PUNCTUATION and two_before != ""
    return Mark(
        start,
        text[start],
        role,
        _at_line_start(text, start, paragraph.start),
        quoted_end,
        doubled=end - start == 2,
        space_before=space_before,
        space_after=end < paragraph.end and text[end] in HORIZONTAL_SPACE,
        opens_sentence=after_quotation and two_before in SENTENCE_END,
        after_quotation_words=after_quotation,
        embedded=space_before and two_before.isalnum(),
        bracket_end=bracket_end,
        attribution_follows=_attribution_follows(text, end, paragraph, attribution),
    )


def _attribution_follows(text: str, end: int, paragraph: Span, attribution: re.Pattern[str] | None) -> bool:
    start = end + 1 if end < paragraph.end and text[end] in HORIZONTAL_SPACE else end
    return attribution is not None and attribution.match(text, start, paragraph.end) is not None


def _checked_chars(options: QuotesOptions) -> list[str]:
    return [
        char
        for char, family in FAMILY.items()
        if (options.straight_quotes or char not in STRAIGHT)
        and (options.single_quotes or family not in (SINGLE, SINGLE_GUILLEMET))
    ]


def _drop_apostrophes_before_closers(
    text: str, found: list[tuple[int, int, Role]]
) -> list[tuple[int, int, Role]]:
    """A tentative closer followed by a definite closer of its family is an apostrophe or a unit.

    ‘The workers’ rights matter,’ she said. / “He is 6” tall,” she said.
    """
    kept = []
    next_definite: dict[str, Role] = {}
    for start, end, role in reversed(found):
        family = FAMILY[text[start]]
        if role is Role.CLOSE_IF_OPEN:
            if next_definite.get(family) is Role.CLOSE:
                continue
        else:
            next_definite[family] = role
        kept.append((start, end, role))
    return kept[::-1]


def mark_role(text: str, offset: int, paragraph: Span, elisions: tuple[str, ...]) -> Role | None:
    """Whether the quote character at `offset` opens, closes, or is an apostrophe (None)."""
    return _token_role(text, offset, offset + 1, paragraph, elisions)


def _token_role(text: str, start: int, end: int, paragraph: Span, elisions: tuple[str, ...]) -> Role | None:
    """The role of the mark at text[start:end], read from the characters on either side of it."""
    char = text[start]
    if text.startswith(MANGLED_BYTE_ORDER_MARK, start - 1):
        return None  # the » of "ï»¿" is mojibake's
    lead = _byte_order_mark_at(text, paragraph.start)
    before = text[start - 1] if start > paragraph.start + lead else None
    after = text[end] if end < paragraph.end else None
    if char in FOREIGN_OPENING or char in FOREIGN_CLOSING:
        return _foreign_role(char, before, after)
    can_open = _is_solid(after) and (before is None or before.isspace() or _is_opening_context(before))
    can_close = _is_solid(before) and (
        after is None or after.isspace() or after in CLOSING_CONTEXT or text.startswith(MANGLED_LEAD, end)
    )
    if FAMILY[char] == SINGLE:
        leading_apostrophe = char == "’" or _is_elision(text, end, elisions)
        return _single_role(before, after, can_open, can_close, leading_apostrophe)
    return _double_role(char, before, after, can_open, can_close)


def _byte_order_mark_at(text: str, offset: int) -> int:
    """The length of a byte-order mark, or its mojibake "ï»¿", at `offset`: no character before a mark after it."""
    for form in BYTE_ORDER_MARKS:
        if text.startswith(form, offset):
            return len(form)
    return 0


def _foreign_role(char: str, before: str | None, after: str | None) -> Role | None:
    """« and „ open a quotation before a word, » closes one after a word; loose ones are arrows ("Read more »")."""
    if char in FOREIGN_OPENING:
        return Role.OPEN if _is_solid(after) else None
    return Role.CLOSE if _is_solid(before) else None


def _double_role(
    char: str, before: str | None, after: str | None, can_open: bool, can_close: bool
) -> Role | None:
    """Position orients a double mark when it can; the glyph decides otherwise.

    A straight mark with space on both sides ("TianZi " in) is a quotation mark with a
    stray space, and which way it faces depends on what is open.
    """
    closing = Role.CLOSE_IF_OPEN if before is not None and before.isdigit() else Role.CLOSE  # 12" pipe
    if can_open != can_close:
        if can_open:
            return Role.OPEN
        return Role.CLOSE_IF_OPEN if char == "“" else closing
    if char == '"':
        loose = not _is_solid(before) and not _is_solid(after)
        return Role.TOGGLE if can_open or loose else None
    return Role.OPEN if char == "“" else closing


def _single_role(
    before: str | None, after: str | None, can_open: bool, can_close: bool, leading_apostrophe: bool
) -> Role | None:
    """Single marks are mostly apostrophes: only a clear position makes one a quotation mark."""
    if _is_word_char(before) and _is_word_char(after):
        return None  # don't, o’clock, Hawai‘i
    if can_open and not can_close:
        return None if leading_apostrophe else Role.OPEN  # ’em, the '90s, rock 'n' roll
    if can_close and not can_open:
        return Role.CLOSE_IF_OPEN if _is_word_char(before) else Role.CLOSE  # Texas', goin'
    return None


def _is_opening_context(char: str) -> bool:
    """Punctuation that may precede a quotation, or a symbol such as a bullet (●"Kinnikuman")."""
    return char in OPENING_CONTEXT or unicodedata.category(char) == "So"


def _is_solid(char: str | None) -> bool:
    return char is not None and not char.isspace()


def _is_word_char(char: str | None) -> bool:
    return char is not None and char.isalnum()


def _is_elision(text: str, start: int, elisions: tuple[str, ...]) -> bool:
    word = LEADING_WORD.match(text, start)
    if word is None:
        return False
    return word.group()[0].isdigit() or word.group().lower() in elisions


def _at_line_start(text: str, offset: int, floor: int) -> bool:
    """Only spaces stand between the mark and the start of its line (looked at back to `floor`)."""
    start = offset
    while start > floor and text[start - 1] in HORIZONTAL_SPACE:
        start -= 1
    return start == floor or text[start - 1] in "\r\n"


def _attribution_core(verbs: tuple[str, ...]) -> str | None:
    """ "he said" or "said the minister": the words of an attribution, as a regex group."""
    if not verbs:
        return None
    verb = "|".join(re.escape(v) for v in sorted(verbs, key=len, reverse=True))
    speaker = ATTRIBUTION_SPEAKER
    return rf"({speaker}\s+(?:{verb})|(?:{verb})\s+{speaker})"


def _unclosed_message(text: str, problem: Unclosed, attribution: re.Pattern[str] | None) -> str:
    opener = problem.opener
    quotation = f"Quotation {opener.token}{_preview(text, opener.end, opener.quoted_end)}"
    if problem.reason is Reason.ENCLOSING:
        head = f"{quotation} is not closed before the quotation around it ends"
    elif problem.reason is Reason.BRACKET and opener.bracket_end is not None:
        return f'{quotation} is never closed: it probably ended before "{text[opener.bracket_end]}".'
    else:
        head = f"{quotation} is never closed"
    if problem.restart is not None:
        restart = problem.restart
        words = _preview(text, restart.end, restart.quoted_end, RESTART_PREVIEW_WORDS)
        return f'{head}: a second opening mark stands before "{words}": remove it, or close the quotation before it.'
    ending = _probable_end(text, opener, attribution)
    if ending is not None:
        return f'{head}: it probably ended before "{ending}".'
    if problem.reason is Reason.NOT_CONTINUED:
        advice = f"or reopen the next paragraph with {opener.char} if it goes on"
        return f"{head}: close it where it ends, {advice}."
    return f"{head}: close it where it ends."


def _stray_message(text: str, closer: Mark) -> str:
    window = text[max(0, closer.offset - STRAY_CONTEXT_CHARS) : closer.offset]
    words = re.split("[\r\n]", window)[-1].split()[-4:]
    after = f' after "{" ".join(words)}"' if words else ""
    if closer.attribution_follows:  # '…yesterday," said the diplomat': the opening mark is what was lost
        return f"Closing mark {closer.token}{after} ends a quotation that has no opening mark: add one where it starts."
    advice = "add one where the quotation starts, or remove it"
    return f"Closing mark {closer.token}{after} has no opening mark: {advice}."


def _miswritten_match(text: str, problem: Miswritten) -> Match:
    """One finding for a miswritten quotation: on the bad mark, or over the quotation if both are bad."""
    opener, closer = problem.opener, problem.closer
    opener_fix = _mark_fix(text, opener, problem.opener_defects, _right_opening(problem))
    closer_fix = _mark_fix(text, closer, problem.closer_defects, _right_closing(problem))
    severity = _miswritten_severity(problem)
    if problem.opener_defects and problem.closer_defects:
        between = text[opener_fix.end : closer_fix.start]
        opening = f"opening mark {opener.token} {_phrases(problem.opener_defects, opener)}"
        closing = f"closing mark {closer.token} {_phrases(problem.closer_defects, opener)}"
        message = f"Quotation {_preview(text, opener.offset, closer.end)}: {opening}; {closing}."
        replacement = opener_fix.text + between + closer_fix.text
        return Match(opener_fix.start, closer_fix.end, message, replacement, severity=severity)
    mark, defects, fix = (
        (opener, problem.opener_defects, opener_fix)
        if problem.opener_defects
        else (closer, problem.closer_defects, closer_fix)
    )
    kind = "Opening" if mark is opener else "Closing"
    message = f"{kind} mark {mark.token} {_phrases(defects, opener)}: {_advice(defects, fix.text)}."
    return Match(fix.start, fix.end, message, fix.text, severity=severity)


def _miswritten_severity(problem: Miswritten) -> Severity | None:
    """A pair that only mixes straight and curly marks is a warning: the words are quoted as meant."""
    defects = set(problem.opener_defects) | set(problem.closer_defects)
    return Severity.WARNING if defects == {Defect.MIXED_STYLE} else None


@dataclass(frozen=True, slots=True)
class _Fix:
    start: int
    end: int
    text: str


def _mark_fix(text: str, mark: Mark, defects: tuple[Defect, ...], glyph: str) -> _Fix:
    """The mark's span, with the stray space next to it, and what to write instead."""
    if Defect.SPACE_MISPLACED in defects:
        return _Fix(mark.offset - 1, mark.end, glyph + text[mark.offset - 1])
    start = mark.offset - 1 if Defect.SPACE_BEFORE in defects else mark.offset
    end = mark.end + 1 if Defect.SPACE_AFTER in defects else mark.end
    return _Fix(start, end, glyph)


def _right_opening(problem: Miswritten) -> str:
    opener, defects = problem.opener, problem.opener_defects
    if Defect.FOREIGN in defects:
        return '"' if problem.straight_style and opener.family == DOUBLE else ENGLISH_GLYPH[opener.char]
    if Defect.MIXED_STYLE in defects:
        return '"' if problem.straight_style else "“"
    return TURNED_GLYPH[opener.char] if Defect.TURNED in defects else opener.char


def _right_closing(problem: Miswritten) -> str:
    closer, defects = problem.closer, problem.closer_defects
    if Defect.MISMATCHED in defects:
        return CLOSING_GLYPH[_right_opening(problem)]
    if Defect.MIXED_STYLE in defects:
        return '"' if problem.straight_style else "”"
    return TURNED_GLYPH[closer.char] if Defect.TURNED in defects else closer.char


def _phrases(defects: tuple[Defect, ...], opener: Mark) -> str:
    return " and ".join(DEFECT_PHRASES[d].format(opener=opener.char) for d in defects)


REWRITTEN_GLYPH = frozenset(
    {Defect.TURNED, Defect.MISMATCHED, Defect.DOUBLED, Defect.MIXED_STYLE, Defect.FOREIGN}
)


def _advice(defects: tuple[Defect, ...], replacement: str) -> str:
    """What to do about a mark: its right glyph, and where its space goes."""
    glyph = replacement.strip()
    steps = [f"write {glyph}"] if REWRITTEN_GLYPH & set(defects) else []
    if Defect.SPACE_MISPLACED in defects:
        steps.append("move the space after it")
    elif Defect.SPACE_BEFORE in defects or Defect.SPACE_AFTER in defects:
        steps.append("remove the space")
    return ", ".join(steps)


def _preview(text: str, start: int, end: int, limit: int = QUOTE_PREVIEW_WORDS) -> str:
    """The first words of text[start:end], with … if there are more."""
    words = text[start:end].split()
    more = "…" if len(words) > limit else ""
    return f"{' '.join(words[:limit])}{more}"


def _probable_end(text: str, opener: Mark, attribution: re.Pattern[str] | None) -> str | None:
    """The words the quotation probably stopped before: a lost word break, or an attribution."""
    start, end = opener.end, opener.quoted_end
    candidates = [_run_together_end(text, start, end)]
    if attribution is not None and (found := attribution.search(text, start, end)):
        candidates.append((found.start(1), found.group(1)))
    found_ends = [c for c in candidates if c is not None]
    return min(found_ends)[1] if found_ends else None


def _run_together_end(text: str, start: int, end: int) -> tuple[int, str] | None:
    """The second word of the first token where two words lost the break between them."""
    for word in segment.WORD_PATTERN.finditer(text, start, end):  # lazily: the first one found will do
        split = _run_together_split(word.group())
        if split is not None:
            return word.start() + split, word.group()[split:]
    return None


def _run_together_split(token: str) -> int | None:
    """Where a lowercase word meets a capitalised one in one token: "UkraineBlinken" -> 7.

    Short prefixes (McDonald, DeSantis, iPhone), all-caps parts (OpenAI) and tokens with
    several joints (GlaxoSmithKline) are names, not lost breaks. This is only a hint for
    the message, so it is stricter than `run-together-word` and needs no document evidence.
    """
    rest = token[1:]
    split = None if rest == rest.lower() else first_cut(token)  # most words have no capital inside
    if split is None:
        return None
    left, right = token[:split], token[split:]
    plain_words = left.isalpha() and right.isalpha() and left[-1].islower() and right[1:].islower()
    if plain_words and len(left) >= 3 and len(right) >= 3 and left not in SURNAME_PREFIXES:
        return split
    return None
