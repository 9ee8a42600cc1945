"""Spaces lost, doubled or misplaced around words and punctuation ("the  talks", "Geneva.this", "talks ,").

Machine translation, text extraction and hurried edits leave three kinds of slip:
two spaces where a word was deleted; no space after a full stop, comma, colon,
semicolon, question or exclamation mark where two sentences or clauses were
joined; and a space before that punctuation, as French typography has it. A fourth
is machine translation's: a sentence ended twice, a space between ("store. .",
"series ... .", "Ginza! ?"). What looks the same in correct copy is left alone:

- numbers and addresses: decimals and thousands (3.5, 1,500), times and scores
  (12:55, 3 : 1), URLs, e-mail addresses, @handles, paths, code, and host or file
  names ("Booking.com", "uunet.uu.net", "report.pdf", ".venv": an ending listed in
  rules/data/dot-suffixes.txt, or a leading dot before a lowercase word);
- abbreviations, initials and dotted acronyms ("U.S.", "e.g.", "a.m.", "J.R.R.",
  "Ph.D", "Ph.Ds"): a single letter on one side, or two at most on both; acronyms
  on both sides ("ASP.NET");
- brand and site names: an exclamation mark between two capitalised words where the
  second does not open a sentence ("Yahoo!News", "WoW!Korea"), a capitalised domain
  ending after a name ("Gazeta.Ru"), and non-Latin domains ("президент.рф");
- ellipses, spaced or not ("wait . . . what", "wait ...", "wait...what"), leading dots
  (".NET", ".45") and emoticons (":)");
- white space at the start or end of a line, runs of four or more spaces, lines with
  tabs, spaces after a list marker ("7.  This", "(a)  and"), and double spaces that
  line columns up with the line above or below;
- two spaces between sentences, a typewriter convention that does not show in print
  (reported only with `sentence_double_space`).

Scripts written without spaces between words (Chinese, Japanese, Thai) are skipped.
A title joined to a name ("St.Petersburg", "Dr.Watson") is a style point, reported at info.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache, cached_property
from typing import ClassVar

from qa.checks.base import data_file, option, word_list
from qa.document import LINE_BREAK, Document
from qa.findings import Match, Severity
from qa.segment import SENTENCE_OPENERS, TITLES_AND_MONTHS

SPACE = "[ \u00a0\u2009\u202f]"
"""Horizontal space inside a line; NBSP and thin spaces are French spacing."""
ODD_GAP = re.compile(rf"{SPACE}(?<=\S{SPACE})(?:{SPACE}+(?=\S)|(?=[,;:.!?…]))")
"""A gap between two characters of one line that may be a slip: two spaces or more, or one before a mark.

A single space before anything else is where every word ends: not matched at all. The
pattern opens with the space, not the lookbehind, so the engine skips to spaces in C."""
MISSING_SPACE = re.compile(r"[,;:.!?](?<=[^\W\d_]{2}[,;:.!?])(?=[“‘]?[^\W\d_])")
"""A mark between two letters, after two letters; the mark comes first, for the same speed."""
LETTERS_BEFORE = re.compile(r"[^\W\d_]+$")
LETTERS_AFTER = re.compile(r"[“‘]?([^\W\d_]+)")
WORD_BEFORE = re.compile(r"\S+$")
WORD_AFTER = re.compile(r"\S+")
NON_SPACE = re.compile(r"\S*")
UP_TO_LAST_SPACE = re.compile(r".*\s", re.DOTALL)
LOOKBACK = 60
"""How far back to look for the word before a gap or a mark; a longer "word" is cut."""
TOKEN_REACH = 500
"""How far a URL or address around a mark is looked for on each side."""
PUNCTUATION_NAMES = {
    ",": "comma",
    ";": "semicolon",
    ":": "colon",
    ".": "full stop",
    "!": "exclamation mark",
    "?": "question mark",
}
END_MARKS = frozenset(".!?…")
"""Marks that end a sentence; a second one after a space is left over ("store. .", "Ginza! ?")."""
JOINS_NEXT_WORD = frozenset(",;")
"""After these a clause goes on, so any letter may follow ("said,and"); after the others a word of two."""
CLOSERS = frozenset("\"'”’»")
"""What may follow punctuation that has a space before it ("Geneva .”")."""
ADDRESS_MARKS = ("://", "@", "www.", "/", "\\", "#", "`", "=")
"""A word holding one of these is an address, a path, a handle or code: its marks are not prose."""
DOTTED_NAME = re.compile(r"[\w-]+(?:\.[\w-]+)+")
TOKEN_TRAILER = "\"'”’»)]}.,;:!?"
"""Punctuation that may follow a host or file name in a sentence ("see report.pdf).")."""
LIST_MARKER = re.compile(r"[ \t]*(?:\(?(?:\d{1,3}(?:\.\d{1,3})*|[a-zA-Z]|[ivxIVX]{1,4})[.)]|[•*·▪–—-])")
"""A list marker at the start of a line ("7.", "8.1.", "(a)", "ii)", "•"): spaces after it are indentation."""
MAX_DOUBLE_SPACE = 3
"""A longer run of spaces is layout (alignment, justification), not a slip."""
UNSPACED_SCRIPTS = ((0x0E00, 0x0EFF), (0x1000, 0x109F), (0x2E80, 0x9FFF), (0xF900, 0xFAFF), (0xFF00, 0xFFEF))
"""Thai, Lao, Myanmar, CJK and full-width forms: written without spaces between words."""


@dataclass(frozen=True, kw_only=True)
class SpacingOptions:
    sentence_double_space: bool = option(
        False, "Also report two spaces between sentences (a typewriter convention)."
    )
    dot_suffixes_file: str | None = option(
        None,
        "Lowercase domain and file-name endings allowed after a dot ('com', 'pdf'); "
        "none: rules/data/dot-suffixes.txt.",
    )


class Spacing:
    """A double space, a missing space after punctuation, or a space before it."""

    name: ClassVar[str] = "spacing"
    Options: ClassVar[type] = SpacingOptions
    fixable: ClassVar[str] = "always"
    safe_fix: ClassVar[bool] = True

    def check(self, doc: Document, options: SpacingOptions) -> Iterator[Match]:
        suffixes = load_dot_suffixes(options.dot_suffixes_file)
        sentence_ends = {sentence.end for sentence in doc.sentences}
        codes = doc.bilingual.code_offsets if doc.bilingual else frozenset()
        matches = [
            *_gap_findings(doc.text, sentence_ends, suffixes, options, codes),
            *_missing_space_findings(doc.text, suffixes),
        ]
        yield from sorted(matches, key=lambda m: (m.start, m.end))


@cache
def load_dot_suffixes(path: str | None) -> frozenset[str]:
    """The lowercase domain and file-name endings in the file at `path`, or in the built-in list."""
    return frozenset(entry.lower() for entry in word_list(path or data_file("dot-suffixes.txt")))


def _gap_findings(
    text: str,
    sentence_ends: set[int],
    suffixes: frozenset[str],
    options: SpacingOptions,
    codes: frozenset[int],
) -> Iterator[Match]:
    """Spaces inside a line: before punctuation, doubled in a sentence, or (if asked) between sentences;
    not where a translation file's inline code (a tag, taking no room in the prose) stands in the gap."""
    lines = Lines(text)
    for gap in ODD_GAP.finditer(text):
        start, end = gap.span()
        if codes and not codes.isdisjoint(range(start, end + 1)):
            continue
        if text[start - 1] in END_MARKS and text[end] in END_MARKS:
            finding = _stray_end_mark(text, start, end)
        elif text[end] in PUNCTUATION_NAMES:
            finding = _space_before(text, start, end, suffixes, lines)
        elif start not in sentence_ends:
            finding = _double_space(text, start, end, lines)
        elif options.sentence_double_space:
            finding = _double_space_between_sentences(text, start, end, lines)
        else:
            finding = None
        if finding is not None:
            yield finding


def _missing_space_findings(text: str, suffixes: frozenset[str]) -> Iterator[Match]:
    for mark in MISSING_SPACE.finditer(text):
        start = mark.start()
        if _lacks_space_after(text, start, suffixes):
            before = _before(LETTERS_BEFORE, text, start)
            after = LETTERS_AFTER.match(text, start + 1).group()  # the pattern matched here
            yield Match(
                start,
                start + 1,
                f"Add a space after the {PUNCTUATION_NAMES[text[start]]} in '{before}{text[start]}{after}': "
                f"'{before}{text[start]} {after}'.",
                suggestion=text[start] + " ",
                severity=Severity.INFO if _is_title_before_name(text[start], before, after) else None,
            )


def _is_title_before_name(mark: str, before: str, after: str) -> bool:
    """ "St.Petersburg", "Dr.Watson": house styles differ on the space, so it is a style point."""
    return (
        mark == "." and before[:1].isupper() and before.lower() in TITLES_AND_MONTHS and after[:1].isupper()
    )


def _space_before(text: str, start: int, end: int, suffixes: frozenset[str], lines: Lines) -> Match | None:
    """A space between a word and the punctuation after it ("talks ,", "Geneva .", French "quoi ?")."""
    mark = text[end]
    following = text[end + 1] if end + 1 < len(text) else " "
    if not _is_word_end(text[start - 1]) or _starts_something_else(text, end, suffixes):
        return None
    if end - start > 1 and not _is_slip(text, start, end, lines):
        return None  # columns lined up: "Name     : Blinken"
    if text[start - 1].isdigit() and _next_visible(text, end + 1).isdigit():
        return None  # a score, ratio or time: "3 : 1", "12 : 55"
    word = _before(WORD_BEFORE, text, start)
    name = PUNCTUATION_NAMES[mark]
    if following.isspace() or following in CLOSERS:
        return Match(start, end + 1, _space_before_message(text[start:end], name, word, mark), mark)
    after = _letters_after(text, end + 1)
    if mark == "." and not after[:1].isupper():
        return None  # a dot file or an extension: "venv .venv", "the .pdf"
    if after and (mark in JOINS_NEXT_WORD or len(after) > 1):
        return Match(
            start,
            end + 1,
            f"Move the space before the {name} in '{word} {mark}{after}' to after it: '{word}{mark} {after}'.",
            mark + " ",
        )
    return None


def _stray_end_mark(text: str, start: int, end: int) -> Match | None:
    """A sentence ended twice, a space between: "online store. .", "exploration series" ... .", "Ginza! ?".

    A spaced ellipsis ("wait . . . what") is its own dots; a dot before a word or a number
    (". .NET", "? .45") is no end mark.
    """
    if _in_spaced_ellipsis(text, start, end):
        return None
    after = end + 3 if text.startswith("...", end) else end + 1
    if after < len(text) and not (text[after].isspace() or text[after] in CLOSERS):
        return None
    first = text[start - 3 : start] if text.endswith("...", 0, start) else text[start - 1]
    stray = text[end:after]
    return Match(start, after, f"'{first} {stray}' ends the sentence twice; delete the stray '{stray}'.", "")


def _in_spaced_ellipsis(text: str, start: int, end: int) -> bool:
    """Dots spaced as an ellipsis: ". . ." (a dot two characters before the first or after the second)."""
    before_first = text[start - 3 : start - 1] == ". " and text[start - 1] == "."
    after_second = text[end] == "." and text[end + 1 : end + 3] == " ."
    return before_first or after_second


def _space_before_message(gap: str, name: str, word: str, mark: str) -> str:
    if set(gap) == {" "}:
        return f"Remove the space before the {name} in '{word} {mark}': '{word}{mark}'."
    space = unicodedata.name(gap[0]).lower()
    return f"Remove the {space} before the {name} in '{word} {mark}', a French usage: '{word}{mark}'."


def _double_space(text: str, start: int, end: int, lines: Lines) -> Match | None:
    if not _is_slip(text, start, end, lines):
        return None
    before, after = _before(WORD_BEFORE, text, start), WORD_AFTER.match(text, end).group()
    return Match(start, end, f"Remove one of the two spaces between '{before}' and '{after}'.", " ")


def _double_space_between_sentences(text: str, start: int, end: int, lines: Lines) -> Match | None:
    if not _is_slip(text, start, end, lines):
        return None
    before = _before(WORD_BEFORE, text, start)
    return Match(start, end, f"Remove one of the two spaces after '{before}' between sentences.", " ")


def _is_slip(text: str, start: int, end: int, lines: Lines) -> bool:
    """Two or three plain spaces typed by mistake, not layout (tabs, long runs, aligned columns)."""
    gap = text[start:end]
    if set(gap) != {" "} or not 2 <= len(gap) <= MAX_DOUBLE_SPACE or not _is_spaced_script(text[start - 1]):
        return False
    index = lines.index_at(start)
    line, column = lines.text_of(index), end - lines.starts[index]
    if "\t" in line or LIST_MARKER.fullmatch(line, 0, start - lines.starts[index]):
        return False
    return not any(_has_gap_ending_at(lines.text_of(i), column) for i in (index - 1, index + 1))


def _has_gap_ending_at(line: str, column: int) -> bool:
    """Whether a run of spaces in `line` ends where the text resumes at `column`: columns lined up."""
    return column < len(line) and line[column - 2 : column] == "  " and not line[column].isspace()


class Lines:
    """The document's lines, to see whether a double space lines columns up with its neighbours."""

    def __init__(self, text: str) -> None:
        self.text = text

    @cached_property
    def starts(self) -> list[int]:
        """Where each line starts: found only when a double space asks, as most texts have none."""
        return [0] + [m.end() for m in LINE_BREAK.finditer(self.text)]

    def index_at(self, offset: int) -> int:
        return bisect_right(self.starts, offset) - 1

    def text_of(self, index: int) -> str:
        """Line `index` without its line break; "" outside the document."""
        if not 0 <= index < len(self.starts):
            return ""
        end = self.starts[index + 1] if index + 1 < len(self.starts) else len(self.text)
        return self.text[self.starts[index] : end].rstrip("\r\n")


def _lacks_space_after(text: str, start: int, suffixes: frozenset[str]) -> bool:
    """Whether the mark at `start` joins two words that need a space between them."""
    token = _token_at(text, start)
    if any(mark in token for mark in ADDRESS_MARKS) or _is_host_or_file_name(token, suffixes):
        return False
    before = _before(LETTERS_BEFORE, text, start)
    after = _letters_after(text, start + 1)
    if not (_is_spaced_script(before[-1]) and _is_spaced_script(after[0])):
        return False
    mark = text[start]
    if mark in JOINS_NEXT_WORD:
        return True
    if len(after) < 2 or len(before) <= 2 and len(after) <= 2 or before.isupper() and after.isupper():
        return False  # "Ph.D", "Ph.Ds", "ASP.NET"
    if mark == "!":
        return not _is_brand_name(before, after)
    if mark != ".":
        return True
    return not (_is_dot_suffix(after, suffixes) or _is_site_name(text, start, before, after, suffixes))


def _is_brand_name(before: str, after: str) -> bool:
    """ "Yahoo!News", "WoW!Korea": two capitalised words, the second not one that opens a sentence."""
    return before[0].isupper() and after[0].isupper() and after not in SENTENCE_OPENERS


def _is_site_name(text: str, dot: int, before: str, after: str, suffixes: frozenset[str]) -> bool:
    """A news site named by its domain, ending capitalised: "Gazeta.Ru", "Lenta.Ru", "© Belta.By."

    An ending that is also a word opening a sentence ("Ukraine.It was") counts only when no word follows it.
    """
    if not (before[0].isupper() and after.istitle() and after.lower() in suffixes):
        return False
    following = text[dot + 1 + len(after) : dot + 3 + len(after)]
    return after not in SENTENCE_OPENERS or not following[1:2].isalpha()


def _is_host_or_file_name(token: str, suffixes: frozenset[str]) -> bool:
    """Dotted words that end in a domain or file-name ending: "uunet.uu.net", "report.final.pdf", "Rus.Err.Ee".

    A site written capitalised needs three parts: "Ukraine.It" may be two sentences run together.
    """
    core = token.rstrip(TOKEN_TRAILER)
    if not DOTTED_NAME.fullmatch(core):
        return False
    parts = core.split(".")
    capitalised_site = (
        len(parts) >= 3 and all(part.istitle() for part in parts) and parts[-1].lower() in suffixes
    )
    return capitalised_site or _is_dot_suffix(parts[-1], suffixes)


def _is_dot_suffix(word: str, suffixes: frozenset[str]) -> bool:
    """A domain or file-name ending, in lowercase or capitals ("Booking.com", "IMG_01.JPG")."""
    return (word.islower() or word.isupper()) and word.lower() in suffixes


def _before(pattern: re.Pattern[str], text: str, index: int) -> str:
    """The text `pattern` (anchored with $) matches just before `index`; "" when nothing does."""
    match = pattern.search(text, max(0, index - LOOKBACK), index)
    return match.group() if match else ""


def _letters_after(text: str, index: int) -> str:
    """The letters of the word at `index`, after an opening quote; "" when none stand there."""
    match = LETTERS_AFTER.match(text, index)
    return match.group(1) if match else ""


def _token_at(text: str, index: int) -> str:
    """The run of non-space characters around `index`, up to TOKEN_REACH either side."""
    floor = max(0, index - TOKEN_REACH)
    last_space = UP_TO_LAST_SPACE.match(text, floor, index)
    start = last_space.end() if last_space else floor
    return text[start : NON_SPACE.match(text, index, index + TOKEN_REACH).end()]


def _is_word_end(character: str) -> bool:
    return character.isalnum() or character in CLOSERS or character in ")]"


def _starts_something_else(text: str, index: int, suffixes: frozenset[str]) -> bool:
    """The mark opens an ellipsis, number, name or emoticon: "wait ...", ". . .", ".45", ".NET", ":)"."""
    mark, rest = text[index], text[index + 1 : index + 3]
    if mark == "." and (rest[:1] == "." or rest == " ."):
        return True
    if mark in ".:" and rest[:1].isdigit():
        return True
    if mark in ":;" and (rest[:1] in ")(-" or rest[:1].isalpha() and not rest[1:2].isalpha()):
        return True  # :) ;-) :D
    if mark != ".":
        return False
    word = _letters_after(text, index + 1)
    return _is_dot_suffix(word, suffixes) or sum(c.isupper() for c in word) > 1


def _next_visible(text: str, index: int) -> str:
    rest = text[index : index + 3].lstrip(" ")
    return rest[:1]


def _is_spaced_script(character: str) -> bool:
    code = ord(character)
    return not any(low <= code <= high for low, high in UNSPACED_SCRIPTS)
