"""Splitting text into paragraphs, sentences and words, with code-point offsets.

News copy breaks naive splitters: abbreviations (U.S., Mr., Nov., e.g., a.m.),
initials (George W. Bush), decimals, ellipses, quotations that end in the middle
of a sentence ("“Is it over?” he asked."), and headlines or datelines with no
final punctuation, on their own line or paragraph. A boundary is still placed
before a lowercase word after a plain full stop, because that is exactly the
artifact `lowercase-sentence-start` reports ("in Geneva. this Friday.").
"""

from __future__ import annotations

import re
from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import accumulate, repeat


@dataclass(frozen=True, slots=True)
class Span:
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Word:
    """A word and its offsets; `words` makes them without running `__init__` (see there)."""

    start: int
    end: int
    text: str


WORD_SLOTS = (Word.start, Word.end, Word.text)
"""The slot descriptors of Word, in field order: `words` fills them without `__init__`."""
COMBINING_MARKS = "\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f"
WORD_PART = rf"[^\W_]+(?:[{COMBINING_MARKS}]+[^\W_]*)*"
"""Letters and digits, with any combining accents (decomposed "cafe\u0301" is one word)."""
WORD_PATTERN = re.compile(rf"{WORD_PART}(?:['’\-]{WORD_PART})*")
WORD_SPLITTER = re.compile(f"({WORD_PATTERN.pattern})")
"""Splits a text into gap, word, gap, word, …, gap: the words as strings, with no match object each."""
BLANK_LINES = re.compile(r"(?:\r\n|\r|\n)[ \t\f\v\u00a0]*(?:\r\n|\r|\n)\s*")
LINE_BREAK = re.compile(r"[ \t\f\v\u00a0]*(?:\r\n|\r|\n)\s*")
TOKEN_REST = re.compile(r"\S*")
SENTENCE_END = re.compile(r"([.!?…](?<![.!?…].)[.!?…]*)([\"'”’»)\]]*)(\s+)")
"""Final punctuation, from the start of its run only: inside "……" a match could only fail again, at quadratic cost.

The mark comes before the lookbehind that keeps to the start of the run, so the engine skips to marks in C."""
WORD_BEFORE = re.compile(r"(?<![\w'’\-.])((?:[^\W\d_]+\.)*[^\W\d_]+)$")
WORD_AFTER = re.compile(r"[\"'“‘«(\[]*([^\W\d_]*)(\.?)")
LAST_WORD = re.compile(r"[^\W_]+$")
ENUMERATOR = re.compile(r"(?<!\w)(?:\d{1,3}|[ivx]{1,4}|[IVX]{1,4})$")
CLOSING_QUOTES = frozenset("\"'”’»")
NOT_A_START = frozenset(".…,;:!?)]}")
"""What cannot begin a sentence: the dots of a spaced ellipsis (". . ."), a comma, a closing bracket."""
OPENING_QUOTES = frozenset('"“‘«')
BULLETS = frozenset("•*·▪–—-")
HEADING_SHARE = 0.75
"""A headline line inside a paragraph is at most this share of the paragraph's longest line."""
LOOKBACK = 80
"""How far back to look for the word before a full stop; longer "words" are not abbreviations."""

# Capitalised, these stand before a name or a date and never end a sentence ("Gen. Milley", "Nov. 3").
TITLES_AND_MONTHS = frozenset(
    """mr mrs ms mme mlle messrs dr prof gen lt col maj capt sgt cpl pvt cmdr adm brig sen rep gov
    amb atty supt insp det rev fr msgr hon pres st mt ft jan feb mar apr jun jul aug sep sept oct
    nov dec""".split()
)
# Whatever the case, these are followed by more of the sentence ("e.g. Russia", "vs. the West").
NEVER_FINAL = frozenset("e.g i.e a.k.a cf viz vs approx incl excl esp ca".split())
# These may end a sentence ("… and so on, etc. The talks …"): a boundary only before a capital.
MAYBE_FINAL = frozenset(
    """etc inc ltd co corp bros plc llc jr sr al no nos art arts fig figs vol vols pp para paras
    sec ch chap est ed eds min max lb lbs oz sq mi pct yr yrs mo mos wk wks hr hrs govt dept univ
    assn intl tel ext ibid op cit ave blvd rd km kg cm mm ml mg kw kwh mw gw mph kph ft yd gal""".split()
)
# Capitalised, these are U.S. states in AP style ("Springfield, Ill. officials"); they may end a sentence.
STATES = frozenset(
    """ala ariz ark calif colo conn del fla ga ill ind kan kans ky la md mass mich minn miss mo mont
    neb nev okla ore pa tenn vt va wash wis wyo""".split()
)
TIME_ABBREVIATIONS = frozenset({"a.m", "p.m"})
# "5 p.m. Friday", "9 a.m. GMT": a clock time runs on into a day, month or time zone.
CALENDAR_WORDS = frozenset(
    """Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April May
    June July August September October November December Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct
    Nov Dec GMT UTC ET EST EDT CT CST CDT MT MST MDT PT PST PDT CET CEST BST MSK IST JST""".split()
)
# After initials and dotted acronyms ("George W. Bush", "U.S. President"), a capitalised word
# usually continues the name; only these words clearly open a new sentence ("in the U.S. The …").
SENTENCE_OPENERS = frozenset(
    """The A An It Its He His She Her They Their We Our You Your This That These Those There Here
    But And Or So Yet In On At For With By From After Before As If When While Although Though
    Because Since Until Meanwhile However Some Many Most All Both Each No Not One Such What Who
    Why How Where Mr Mrs Ms""".split()
)
# A line that ends with one of these is prose wrapped mid-sentence, never a headline.
CONTINUATION_WORDS = frozenset(
    """a an the of to in on at for with by from into onto over under about after before between
    and or but nor that which who whom whose as than if because while although is are was were
    be been has have had will would can could should must may might not his her its their our
    my your this these those""".split()
)


def paragraphs(text: str) -> list[Span]:
    """Blocks of text separated by blank lines, trimmed of surrounding white space."""
    spans = []
    start = 0
    for gap in BLANK_LINES.finditer(text):
        spans.append(Span(start, gap.start()))
        start = gap.end()
    spans.append(Span(start, len(text)))
    return [trimmed for span in spans if (trimmed := _trim(text, span)) is not None]


def sentences(text: str, paragraph: Span) -> list[Span]:
    """Sentences of one paragraph, each ending before the white space that follows it.

    A sentence ends at final punctuation that is not an abbreviation, an initial or a
    quotation running on, and at the end of a headline-like line inside the paragraph.
    """
    cuts = sorted([*_punctuation_cuts(text, paragraph), *_heading_line_cuts(text, paragraph)])
    if not cuts:
        return [paragraph]  # the same span, not a copy: a text of one-line paragraphs holds one per line
    spans = []
    start = paragraph.start
    for end, next_start in cuts:
        spans.append(Span(start, end))
        start = next_start
    spans.append(Span(start, paragraph.end))
    return spans


def words(text: str, start: int = 0, end: int | None = None) -> list[Word]:
    """The words of text[start:end], with offsets into `text`.

    No Python code runs per word (a megabyte holds 170,000): the text is split into gaps
    and words, the offsets are running sums of the pieces' lengths, and the Words are
    allocated and their slots filled by C loops; each distinct word's text is one string.
    """
    pieces = WORD_SPLITTER.split(text[start:end])  # gap, word, gap, …, word, gap
    offsets = list(accumulate(map(len, pieces), initial=start))  # where each piece starts
    texts = pieces[1::2]
    shared: dict[str, str] = {}
    texts = list(map(shared.setdefault, texts, texts))
    found = list(map(object.__new__, repeat(Word, len(texts))))
    for slot, values in zip(WORD_SLOTS, (offsets[1:-1:2], offsets[2::2], texts)):
        deque(map(slot.__set__, found, values), maxlen=0)
    return found


def looks_like_heading(text: str) -> bool:
    """A short line with no final punctuation: a headline, subheading, dateline or caption."""
    stripped = text.strip()
    if not stripped or "\n" in stripped:
        return False
    return stripped[-1] not in '.!?…"”’»:;,' and len(WORD_PATTERN.findall(stripped)) <= 30


def holds_line_break(text: str, span: Span) -> bool:
    """Whether the span holds a line break: `str.find` says so far quicker than a failing regex search."""
    return text.find("\n", span.start, span.end) >= 0 or text.find("\r", span.start, span.end) >= 0


def _punctuation_cuts(text: str, paragraph: Span) -> Iterator[tuple[int, int]]:
    """(end, next start) at each full stop, question or exclamation mark that ends a sentence."""
    for boundary in SENTENCE_END.finditer(text, paragraph.start, paragraph.end):
        if boundary.end() < paragraph.end and _is_boundary(text, boundary, paragraph.start):
            yield boundary.start(3), boundary.end()


def _heading_line_cuts(text: str, paragraph: Span) -> Iterator[tuple[int, int]]:
    """(end, next start) after a headline, dateline or caption line inside a paragraph.

    "Breaking News⏎Washington will …" is a headline above its text. Hard-wrapped
    prose ("talks with Sergey⏎Lavrov …") is not: its lines are all about as long as
    the longest, and a line ending in "that" or "of" is never a headline. A line
    before a bullet ends its sentence whatever its length.
    """
    if not holds_line_break(text, paragraph):
        return
    gaps = list(LINE_BREAK.finditer(text, paragraph.start, paragraph.end))
    line_starts = [paragraph.start, *(gap.end() for gap in gaps)]
    line_ends = [*(gap.start() for gap in gaps), paragraph.end]
    longest = max(end - start for start, end in zip(line_starts, line_ends))
    for line_start, gap in zip(line_starts, gaps):
        first = text[gap.end()]
        is_short = gap.start() - line_start <= HEADING_SHARE * longest
        opens_text = first.isupper() or first.isdigit() or first in OPENING_QUOTES
        starts_new_line = first in BULLETS or is_short and opens_text
        if starts_new_line and _ends_heading_line(text, line_start, gap.start()):
            yield gap.start(), gap.end()


def _ends_heading_line(text: str, line_start: int, line_end: int) -> bool:
    last_word = LAST_WORD.search(text, max(line_start, line_end - LOOKBACK), line_end)
    return last_word is not None and last_word.group().lower() not in CONTINUATION_WORDS


def _is_boundary(text: str, boundary: re.Match[str], floor: int) -> bool:
    punctuation, closers = boundary.group(1), boundary.group(2)
    if text[boundary.end()] in NOT_A_START:
        return False
    next_word, next_is_initial = _word_after(text, boundary.end())
    starts_lower = next_word[:1].islower()
    if _is_ellipsis(text, boundary.start(), punctuation):
        return not starts_lower  # an ellipsis that trails into the same sentence
    if CLOSING_QUOTES.intersection(closers):
        return not starts_lower  # “Is it over?” he asked.
    if closers[:1] in (")", "]"):
        return not starts_lower  # an aside closed inside the sentence: "3M (U.S.) supply", "— Ed.) may"
    if punctuation == "." and not closers:
        if _is_enumerator(text, floor, boundary.start()):
            return False
        search_start = _word_search_start(text, floor, boundary.start())
        word_before = WORD_BEFORE.search(text, search_start, boundary.start())
        if word_before:
            return _ends_sentence_after(word_before.group(1), next_word, next_is_initial)
    return True


def _word_search_start(text: str, floor: int, dot: int) -> int:
    """Where to search for the word before a full stop: within LOOKBACK, and after the last space,
    which no word holds (the search tries every start up to the stop: the fewer the better)."""
    return max(floor, dot - LOOKBACK, text.rfind(" ", floor, dot) + 1)


def _ends_sentence_after(word: str, next_word: str, next_is_initial: bool) -> bool:
    """Whether "word." ends its sentence, given the word that follows it."""
    key = word.lower()
    if key in NEVER_FINAL or (word[0].isupper() and key in TITLES_AND_MONTHS):
        return False
    if _is_initial_or_dotted_acronym(word):
        return next_word in SENTENCE_OPENERS and not next_is_initial
    if "." in word or len(word) == 1 or key in MAYBE_FINAL or word[0].isupper() and key in STATES:
        if key in TIME_ABBREVIATIONS and next_word in CALENDAR_WORDS:
            return False
        return next_word[:1].isupper()
    return True


def _is_enumerator(text: str, floor: int, dot: int) -> bool:
    """A list number that opens its line or sentence ("1. Keep talking", "Options: ii. stop")."""
    number = ENUMERATOR.search(text, max(floor, dot - 8), dot)
    if number is None:
        return False
    index = number.start()
    while index > floor and text[index - 1] in " \t":
        index -= 1
    return index == floor or text[index - 1] in "\r\n:;.!?"


def _is_initial_or_dotted_acronym(word: str) -> bool:
    """An initial ("George W. Bush") or a dotted acronym ("U.S."), unlike the plain word "NATO"."""
    return (len(word) == 1 or "." in word) and word.replace(".", "").isupper()


def _word_after(text: str, index: int) -> tuple[str, bool]:
    """The letters of the word at `index` (after any opening quote), and whether it is an initial."""
    match = WORD_AFTER.match(text, index)
    assert match is not None  # every group of the pattern can be empty
    letters, dot = match.group(1), match.group(2)
    return letters, len(letters) == 1 and letters.isupper() and bool(dot)


def _is_ellipsis(text: str, start: int, punctuation: str) -> bool:
    """ "…", "..." or the last dot of a spaced ". . .", which need not end a sentence."""
    return "…" in punctuation or ".." in punctuation or text[max(start - 2, 0) : start] == ". "


def _trim(text: str, span: Span) -> Span | None:
    start, end = span.start, span.end
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return Span(start, end) if start < end else None


def tokens_holding(mark: re.Pattern[str], text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of each token (a run of non-space) that holds a match of `mark`, which spans no space.

    Found from the marks in one compiled pass: where few tokens hold one, that is far cheaper than
    looking at every token in Python or trying a token pattern at every position.
    """
    end = 0
    while found := mark.search(text, end):
        start = found.start()
        while start > end and not text[start - 1].isspace():
            start -= 1
        end = TOKEN_REST.match(text, found.end()).end()
        yield start, end
