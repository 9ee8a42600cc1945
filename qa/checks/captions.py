"""A photo caption left standing between paragraphs ("Antony Blinken, US Secretary of State.").

When a web page is copied or machine-translated, the captions of its photos and
embedded videos come along as lines of their own: a person's name, a comma and their
role, perhaps a full stop or a credit ("(Reuters)", "Photo: AFP"). The shape is
judged by the document's structure, not by one line alone, because headlines,
bylines, subheadings and short paragraphs of prose share much of it:

- the line is short and has that shape: two to four capitalised name words (initials
  and particles such as "de" or "bin" allowed), a comma, then a role phrase: a noun
  phrase that names a role ("Minister", "spokeswoman", "chief preventologist", "car
  industry analyst at VTB Capital"), perhaps with an age, a place or a relative
  clause ("employee who lives in Mayfield"), and no predicate, so a clause never
  fits ("Talks resume on Monday.", "Lavrov, who met Blinken, left.", "Jane Doe, a
  nurse, has died.");
- it stands between two paragraphs of prose, with at least two of them above it, so
  the headline area (headline, standfirst, byline "Patrick Wintour, Diplomatic
  Editor") and runs of such lines (lists of names) are left alone; journalists'
  roles are not role words for the same reason;
- the paragraph below does not begin with the person's name, as a profile under a
  heading does ("Sergey Lavrov, Foreign Minister⏎Lavrov has led …").

Paragraphs separated by single line breaks are read line by line; hard-wrapped
paragraphs stay whole. Deleting the line or working it into the text is the
editor's call, so nothing is suggested.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import cache
from itertools import accumulate, islice
from typing import ClassVar

from qa.checks.base import data_file, option, word_list
from qa.document import Document
from qa.findings import Match
from qa.segment import CALENDAR_WORDS, SENTENCE_OPENERS, WORD_PATTERN, Span, holds_line_break

LINE = re.compile(r"[^\r\n]+")
WRAPPED_SHARE = 0.75
"""Lines of a hard-wrapped paragraph, but its last, are at least this share of its longest line."""
CREDIT = re.compile(
    r"""\s*(?:
        \(\s*[A-Z©][^()]{0,60}\)                                       # (Reuters), (AP Photo/Evan Vucci)
      | [|/–—-]?\s*(?i:photo|picture|image|credit|foto)s?(?i:\s+credit)?\s*:\s*[^:()]{1,60}  # Photo: AFP
      | ©\s*[^©()]{1,60}                                               # © AFP
    )\.?\s*$""",
    re.VERBOSE,
)
NAME_WORD = re.compile(r"[^\W\d_](?:[^\W\d_]|['’\-])*\.?|(?:[^\W\d_]\.)+")
"""A capitalised name word ("Blinken", "O’Brien", "Al-Sisi", "Jr."), or initials ("J.", "J.R.R.")."""
ROLE_WORD = re.compile(r"[^\W_]+(?:['’\-.&][^\W_]+)*\.?|&")
ROLE_PHRASE_MARKS = frozenset(" ,.-–'’&/")
"""Everything else (quotes, colons, brackets, question marks) belongs to prose or headlines."""
CLOSING_MARKS = "\"'”’»)]"
PROSE_END = re.compile(rf"[.!?…][{re.escape(CLOSING_MARKS)}]*$|[\"”’»]$")
"""Searched from the last character before the closing marks: every match starts there or later."""
NAME_WORDS = range(2, 5)
NOT_NAME_WORDS = (
    SENTENCE_OPENERS
    | CALENDAR_WORDS
    | frozenset(
        "Last Next Yesterday Today Tomorrow Tonight Thank Thanks Dear Hello Hi Good Happy Welcome".split()
    )
)
"""Capitalised words that open a sentence or a greeting rather than a name ("Last Friday, …")."""
HONORIFICS = frozenset("mr mrs ms miss madam madame sir dear mister".split())
"""A role phrase opening with one of these addresses someone ("Thank You, Mr President")."""
ROLE_CONNECTORS = frozenset(
    """a an the of for and to at in on from with de du
    former retired outgoing incoming interim newly elected designate ex acting assistant
    associate senior junior vice prime first
    foreign interior home defence defense finance economy economic trade energy health
    education culture environment labour labor transport agriculture security
    press state federal national regional local international general executive managing
    principal special permanent political military party government opposition club
    team company bank central development human rights public civil armed forces naval
    air army police emergency""".split()
)
"""Lowercase words a role phrase may hold besides role words ("former deputy foreign minister")."""
RELATIVE_PRONOUNS = frozenset("who whom whose which that where".split())
AUXILIARIES = frozenset(
    "is are was were be been being am has have had do does did will would shall should can could may might must".split()
)
SCIENTIST_SUFFIX = "ologist"
"""Epidemiologist, virologist, preventologist: a role whatever the science."""


@dataclass(frozen=True, kw_only=True)
class CaptionsOptions:
    roles_file: str | None = option(
        None, "Role nouns, one a line, in lowercase; none: rules/data/caption-roles.txt."
    )
    max_words: int = option(12, "Longer lines are prose, not captions.")
    min_prose_words: int = option(8, "A paragraph of prose has at least this many words and ends a sentence.")
    min_prose_before: int = option(
        2, "Paragraphs of prose above a caption; fewer means the line is in the headline area."
    )
    name_particles: tuple[str, ...] = option(
        (
            "al",
            "bin",
            "bint",
            "da",
            "de",
            "del",
            "della",
            "der",
            "di",
            "dos",
            "du",
            "el",
            "ibn",
            "la",
            "le",
            "van",
            "von",
        ),
        'Lowercase particles inside names ("Ursula von der Leyen").',
    )


@dataclass(frozen=True, slots=True)
class Block:
    """A paragraph, or one line of a paragraph whose lines are paragraphs of their own."""

    span: Span
    text: str


class Captions:
    """A lone "Name, Role" line between paragraphs of prose."""

    name: ClassVar[str] = "captions"
    Options: ClassVar[type] = CaptionsOptions
    fixable: ClassVar[str] = "never"

    def check(self, doc: Document, options: CaptionsOptions) -> Iterator[Match]:
        roles = load_roles(options.roles_file)
        blocks = _blocks(doc)
        prose = [_is_prose(block.text, options) for block in blocks]
        prose_above = list(accumulate(prose, initial=0))
        for index in range(1, len(blocks) - 1):
            block = blocks[index]
            if not (prose[index - 1] and prose[index + 1]):
                continue
            name = _caption_name(block.text, roles, options)
            if name is None:
                continue
            below_headline_area = prose_above[index] >= options.min_prose_before
            if below_headline_area and not _introduces(blocks[index + 1].text, name):
                yield Match(
                    block.span.start,
                    block.span.end,
                    f"'{' '.join(block.text.split())}' stands alone between paragraphs like a leftover "
                    "photo caption; "
                    "delete it, or work the name and role into the text.",
                )


@cache
def load_roles(path: str | None) -> frozenset[str]:
    """The lowercase role nouns in the file at `path`, or in the built-in list."""
    return frozenset(entry.lower() for entry in word_list(path or data_file("caption-roles.txt")))


def _blocks(doc: Document) -> list[Block]:
    """Paragraphs in order; a paragraph whose lines are not hard-wrapped prose gives one block a line."""
    blocks = []
    for paragraph in doc.paragraphs:
        lines = _lines(doc.text, paragraph)
        if len(lines) == 1 or _is_wrapped(lines):
            blocks.append(Block(paragraph, doc.slice(paragraph)))  # paragraphs come trimmed
        else:
            blocks.extend(_trimmed_block(doc.text, line) for line in lines)
    return [block for block in blocks if block.text]


def _lines(text: str, paragraph: Span) -> list[Span]:
    """The paragraph's lines; one without a line break is its own line, and no search is run."""
    if not holds_line_break(text, paragraph):
        return [paragraph]
    return [Span(m.start(), m.end()) for m in LINE.finditer(text, paragraph.start, paragraph.end)]


def _trimmed_block(text: str, span: Span) -> Block:
    """The block without the white space around it, so a finding covers the words only."""
    raw = text[span.start : span.end]
    start = span.start + len(raw) - len(raw.lstrip())
    stripped = raw.strip()
    return Block(Span(start, start + len(stripped)), stripped)


def _is_wrapped(lines: Sequence[Span]) -> bool:
    longest = max(line.end - line.start for line in lines)
    return all(line.end - line.start >= WRAPPED_SHARE * longest for line in lines[:-1])


def _is_prose(text: str, options: CaptionsOptions) -> bool:
    last_mark = max(len(text.rstrip(CLOSING_MARKS + "\n")) - 1, 0)
    return bool(PROSE_END.search(text, last_mark)) and _has_words(text, options.min_prose_words)


def _has_words(text: str, count: int) -> bool:
    """Whether `text` holds at least `count` words: counted up to there, not all of them."""
    return count <= 0 or next(islice(WORD_PATTERN.finditer(text), count - 1, None), None) is not None


def _caption_name(text: str, roles: frozenset[str], options: CaptionsOptions) -> list[str] | None:
    """The name words of a "Name, Role" caption, or None when the text has another shape."""
    # Most prose fails here, and cheaply: the text's first comma is the body's, if the body (less a
    # credit at the end) keeps one, so the words before it are the name words `_is_name` counts.
    if len(text.partition(",")[0].split()) not in NAME_WORDS:
        return None
    if _has_words(text, options.max_words + 1):
        return None
    body = CREDIT.sub("", text).removesuffix(".")
    name, comma, role = body.partition(",")
    name_words = name.split()
    if not comma or not _is_name(name_words, options.name_particles):
        return None
    return name_words if _is_role_phrase(role, roles) else None


def _is_name(words: Sequence[str], particles: Sequence[str]) -> bool:
    if len(words) not in NAME_WORDS or words[0].rstrip(".") in NOT_NAME_WORDS:
        return False
    capitalised = [w for w in words if NAME_WORD.fullmatch(w) and w[0].isupper()]
    return len(capitalised) >= 2 and all(w in capitalised or w in particles for w in words)


def _is_role_phrase(role: str, roles: frozenset[str]) -> bool:
    """A noun phrase naming a role, perhaps with an age, a place or a relative clause, and no predicate.

    Each comma-separated piece must open like a caption's ("34", "a nurse", "Ukraine"), not
    like a clause ("speaks in Geneva", "who lost her home"), and a role noun must come
    before any relative clause ("employee who lives in Mayfield").
    """
    if not role.strip() or not ROLE_PHRASE_MARKS.issuperset(ROLE_WORD.sub("", role)):
        return False
    pieces = [ROLE_WORD.findall(piece) for piece in role.split(",")]
    if not all(pieces) or pieces[0][0].rstrip(".").lower() in HONORIFICS:
        return False
    if not all(_opens_like_a_caption(words[0], roles) for words in pieces):
        return False
    head = _before_clause([word for words in pieces for word in words])
    return any(_is_role_noun(word, roles) for word in head) and not any(_is_predicate(w, roles) for w in head)


def _opens_like_a_caption(word: str, roles: frozenset[str]) -> bool:
    """A capital, a digit, a role word or a connector: "a nurse", "34", "Ukraine", not "speaks"."""
    return not word[0].islower() or all(
        p in roles or p in ROLE_CONNECTORS for p in map(str.lower, _parts(word))
    )


def _before_clause(words: Sequence[str]) -> list[str]:
    """The words before a relative clause ("who lives in Mayfield"), which may hold any verb."""
    for index, word in enumerate(words):
        if word.lower() in RELATIVE_PRONOUNS:
            return list(words[:index])
    return list(words)


def _is_role_noun(word: str, roles: frozenset[str]) -> bool:
    parts = [part.lower() for part in _parts(word)]
    return bool(roles.intersection(parts)) or parts[-1].endswith(SCIENTIST_SUFFIX)


def _is_predicate(word: str, roles: frozenset[str]) -> bool:
    """A lowercase auxiliary or past-tense verb: the line is a sentence ("a nurse from Leeds has died")."""
    lowered = word.lower()
    if not word[0].islower() or lowered in roles or lowered in ROLE_CONNECTORS:
        return False
    past_tense = len(lowered) > 4 and lowered.endswith("ed") and not lowered.endswith("eed")  # not "speed"
    return lowered in AUXILIARIES or past_tense


def _parts(word: str) -> list[str]:
    """ "Secretary-General" -> ["Secretary", "General"]; "U.S." -> ["U", "S"]."""
    return [part for part in re.split(r"[-.]", word) if part]


def _introduces(following: str, name: Sequence[str]) -> bool:
    """The next paragraph opens with the person's name: a profile under its heading, not a caption."""
    words = [w.removesuffix("’s").removesuffix("'s") for w in WORD_PATTERN.findall(following)[:2]]
    if words and words[0].lower() in HONORIFICS:
        words = words[1:]
    return bool(words) and words[0] in {w.rstrip(".") for w in name}
