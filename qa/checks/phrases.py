r"""Phrases from a list: translationese ("both the two") or page furniture ("Read more: …").

Each list entry is one line, `PATTERN [-> SUGGESTION] | EXPLANATION`:

    both the two -> both | "both" already means "the two"; write "both".
    re:\b(reach(?:es|ed)?) to (an?)(?= agreement) -> \1 \2 | "reach" takes no "to".
    Read more: … | a link from the web page; delete the line.

A plain PATTERN matches whole words in any case; a space matches any run of white
space (one line break included), an apostrophe either ' or ’, and "…" (or "...") any
text on the same line, none included. A PATTERN starting with `re:` is a Python
regular expression, also case-insensitive, whose SUGGESTION may use its groups
(\1, \g<name>). The first " | " starts the explanation, " -> " the suggestion,
which is capitalised when the flagged text is. Lines starting with "#" and blank
lines are ignored.

With `match: anywhere` a phrase is flagged wherever it stands. With `match:
paragraph` it must fill a line of its own (a bullet before it and closing marks
after it allowed), and that line must not be part of hard-wrapped prose: a line
that runs on from the previous one or into the next (no closing punctuation at the
break, a lowercase letter after it) is never furniture.

A `re:` entry may come from the user, and a regular expression can take exponential
time on a short text ("re:(a+)+$" on a run of a's). So the user's `re:` entries run
under the `regex` module, whose matching stops after so much CPU time (not wall-clock
time: a busy machine does not cut a search short): each entry may spend REGEX_SECONDS
plus REGEX_SECONDS_PER_MILLION per million characters of a document. mtqa's own lists
(rules/data) are tested here and run untimed on `re`: reading the clock around every
entry on every line cost more than the searches on a file of short lines. An entry that runs out is
skipped on that document and named in one warning for the file; the rule's other
entries and their findings stand. A time limit rather than refusing "dangerous
shapes" when the list loads: no shape test is both safe and fair ("(a|aa)+$" and
"(\w+\s?)+$" hang without a textbook nested quantifier, "(\w+\s)+" nests one and is
harmless). Plain entries are escaped words compiled by mtqa and keep the `re` module.

Matches are rare and a case-blind `re` pattern cannot skip ahead (it has no literal to look
for), so one pass per entry cost about 10 ms per MB each. Instead every untimed entry gets
its heads, the lowercase texts each of its matches starts with ("the north american
country"; "during his reception of", "on his reception of", … for a `re:` entry, read from
its parsed pattern), and one case-sensitive pattern over the lowered text, their common
starts written once, finds every place where a match may start. Only there is an entry's
own pattern tried, and the matches it gives are the ones its `finditer` would: an entry
whose matches can start anywhere (no heads) runs a pass of its own as before. The screen
lets a position through whenever a match is possible: white space stands for any run of
it, lookarounds are left out, and the few characters that `re` matches case-blind to an
ASCII letter but str.lower() does not lower to it (`FOLDS`) are lowered by hand.
"""

from __future__ import annotations

import re
import time
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import cache, cached_property, partial
from pathlib import Path
from re import _constants as sre
from re import _parser as sre_parser
from typing import ClassVar, TypeVar

import regex

from qa.checks.base import data_file, option, read_list_file
from qa.document import Document
from qa.errors import Incomplete
from qa.findings import Match
from qa.segment import Span, holds_line_break

MATCH_MODES = ("anywhere", "paragraph")
REGEX_PREFIX = "re:"
EXPLANATION_SEPARATOR = " | "
SUGGESTION_SEPARATOR = re.compile(r"(?:^|\s+)->(?:\s+|$)")
GAP = re.compile(r"\s*(?:…|\.\.\.)\s*")
"""Where a plain phrase allows any text: "Photo: …"."""
ANY_TEXT = r"[^\r\n]*"
WHITE_SPACE = r"(?:[^\S\r\n]+(?:\r\n|\r|\n)?[^\S\r\n]*|(?:\r\n|\r|\n)[^\S\r\n]*)"
"""Between two words of a phrase: spaces, or one line break, never a blank line."""
APOSTROPHE = "['’]"
PHRASE_PARTS = re.compile(r"\s+|\w+|.")
ASCII_WORD = re.compile(r"(?<![\w'’])[A-Za-z]+(?![\w'’])")
LINE = re.compile(r"[^\r\n]+")
LINE_DECORATION = r"(?:[•*·▪–—>»-][^\S\r\n]*)?(?:{core})[\s.:!…»›>|→]*"
"""A furniture line may carry a bullet before the phrase and closing marks after it."""
SENTENCE_CLOSERS = frozenset('.!?…:;"”’»)]')
FOLDS = str.maketrans({"İ": "i", "ı": "i", "ſ": "s"})
"""What `re` matches case-blind to an ASCII letter but str.lower() lowers to something else ("İ" to two)."""
UNFOLDED = re.compile("[İıſ]")
SPACE = " "
"""In a head: any run of white space, a line break included."""
QUOTE = "'"
"""In a head: either apostrophe."""
HEAD_TOKENS = {SPACE: r"\s+", QUOTE: "['’]"}
END = ""
"""In the tree of heads: a head ends here."""
WHITE_SPACE_RUN = re.compile(r"\s+")
MAX_HEADS = 16
"""A head list longer than this (an entry opening with many alternatives) keeps only its common start."""
REPEATS = (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT)
ZERO_WIDTH = (sre.AT, sre.ASSERT, sre.ASSERT_NOT)
CASELESS_MARKS = "©®™•·…«»“”‘—–"
"""Marks a head may hold besides ASCII: `re` matches each, case-blind, to itself alone."""
LINE_START = r"(?:\S\s*)?"
"""Before the head of a furniture line: room for its bullet (`LINE_DECORATION`, loosened)."""
AFTER_LINE_BREAK = r"[\r\n][^\S\r\n]*"
"""A line break and the white space that opens the next line."""
REGEX_SECONDS = 0.25
REGEX_SECONDS_PER_MILLION = 1.0
"""The CPU time a `re:` entry may spend on a document: a base, and so much per million characters."""

TextMatch = re.Match[str] | regex.Match[str]
Found = tuple["Phrase", TextMatch]
T = TypeVar("T")


@dataclass(frozen=True, kw_only=True)
class PhrasesOptions:
    phrases_file: str | None = option(
        None, "The built-in phrase list, one entry a line; none: no built-in list."
    )
    extra_phrases_file: str | None = option(None, "A list of your own, in the same format, checked as well.")
    extra_phrases: tuple[str, ...] = option(
        (), 'More entries, in the same format: "PATTERN -> SUGGESTION | why".'
    )
    match: str = option("anywhere", 'Where a phrase counts: "anywhere", or "paragraph" (a line of its own).')

    def __post_init__(self) -> None:
        if self.match not in MATCH_MODES:
            valid = ", ".join(MATCH_MODES)
            raise ValueError(f"option 'match' must be one of {valid}, not {self.match!r}")


@dataclass(frozen=True)
class Phrase:
    """One list entry: what to look for, the replacement template, and why it is wrong."""

    regex: str
    template: str | None
    explanation: str
    keyword: str | None = None
    """A lowercase word every match contains: documents without it skip the entry (regexes have none)."""
    written: str | None = None
    """A `re:` entry's pattern as written, and where (`'re:(a+)+$' (file.txt, line 3)`): it runs timed."""
    heads: tuple[str, ...] = ()
    """The lowercase texts one of which starts every match (`SPACE`, `QUOTE`); none: it runs a pass of its own."""
    needs: str | None = None
    """For mtqa's own `re:` entries, a lowercase text every match holds: documents without it skip the entry.
    Looked for in the folded text (`Folded.scan`); a plain entry's keyword in the lowered text, as always."""

    @cached_property
    def pattern(self) -> re.Pattern[str] | regex.Pattern[str]:
        """Compiled on first use: most documents never contain most plain entries' keywords."""
        if self.written is not None:
            return regex.compile(self.regex, regex.IGNORECASE)
        return re.compile(self.regex, re.IGNORECASE)


class Phrases:
    """A phrase of a list, wherever it stands or only as a line of its own."""

    name: ClassVar[str] = "phrases"
    Options: ClassVar[type] = PhrasesOptions
    fixable: ClassVar[str] = "sometimes"
    yields_to: ClassVar[frozenset[str]] = frozenset({"captions"})
    """A phrase inside a leftover caption goes with the caption."""

    def prepare(self, options: PhrasesOptions) -> None:
        """Read and compile the lists before any file, so a bad entry is a configuration error."""
        _phrases_for(options)

    def check(self, doc: Document, options: PhrasesOptions) -> Iterator[Match]:
        """The findings; then, if a `re:` entry ran out of time, Incomplete names it: a warning for the
        file, and the engine keeps the findings yielded before it."""
        phrases = _phrases_for(options)
        folded = Folded(doc.text)
        clock = RegexClock(REGEX_SECONDS + REGEX_SECONDS_PER_MILLION * len(doc.text) / 1_000_000)
        if options.match == "paragraph":
            found: Iterable[Found] = _whole_lines(doc, phrases, folded, clock)
        else:
            found = _without_overlaps(_anywhere(doc.text, phrases, folded, clock))
        for phrase, match in found:
            yield _to_match(phrase, match)
        if clock.skipped:
            raise Incomplete(_skipped_message(clock.skipped, doc.path))


class RegexClock:
    """The CPU time each `re:` entry has spent on one document, and the entries that ran out."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.spent: dict[str, float] = {}
        """By the entry as written: a string's hash is kept, a Phrase's is recomputed on every lookup."""
        self.skipped: list[Phrase] = []

    def run(self, phrase: Phrase, search: Callable[..., T]) -> T | None:
        """`search()`, given `timeout=` the time left if `phrase` is a `re:` entry; None once it is spent."""
        written = phrase.written
        if written is None:
            return search()
        spent = self.spent.get(written, 0.0)
        if spent >= self.seconds:
            return None
        started = time.process_time()
        try:
            return search(timeout=self.seconds - spent)
        except TimeoutError:
            self.skipped.append(phrase)
            self.spent[written] = self.seconds
            return None
        finally:
            if self.spent.get(written, 0.0) < self.seconds:
                self.spent[written] = spent + time.process_time() - started
                if self.spent[written] >= self.seconds:  # spent in many short searches, none cut off
                    self.skipped.append(phrase)


def _skipped_message(skipped: list[Phrase], path: str) -> str:
    named = ", ".join(str(phrase.written) for phrase in skipped)
    if len(skipped) == 1:
        return f"pattern {named} took too long on {path} and was skipped; the other entries ran"
    return f"patterns {named} took too long on {path} and were skipped; the other entries ran"


@dataclass(frozen=True)
class PhraseList:
    """The entries of the lists in order, and the screen that finds where those with heads may match."""

    entries: tuple[Phrase, ...]
    screen: Screen

    @cached_property
    def headless(self) -> tuple[Phrase, ...]:
        """The entries without heads, which the screen cannot pass over."""
        return tuple(phrase for phrase in self.entries if not phrase.heads)


def _phrases_for(options: PhrasesOptions) -> PhraseList:
    return phrase_list(options.phrases_file, options.extra_phrases_file, options.extra_phrases, options.match)


@cache
def phrase_list(
    phrases_file: str | None, extra_phrases_file: str | None, extra_phrases: tuple[str, ...], mode: str
) -> PhraseList:
    """Every entry of the lists, compiled for `mode`, once per process; ValueError names a bad line."""
    phrases: list[Phrase] = []
    for path in (phrases_file, extra_phrases_file):
        if path is not None:
            phrases += _parse_lines(_read_lines(path), path, mode, timed=not _is_bundled(path))
    phrases += _parse_lines(enumerate(extra_phrases, start=1), "option 'extra_phrases'", mode, unit="entry")
    return PhraseList(tuple(phrases), Screen.of(tuple(phrases), mode))


def _read_lines(path: str) -> Iterable[tuple[int, str]]:
    return enumerate(read_list_file(path).splitlines(), start=1)


def _is_bundled(path: str) -> bool:
    """A list shipped with mtqa (rules/data): its `re:` entries are tested here and need no clock."""
    return Path(path).resolve().parent == Path(data_file("")).resolve()


def _parse_lines(
    lines: Iterable[tuple[int, str]], source: str, mode: str, unit: str = "line", timed: bool = True
) -> list[Phrase]:
    phrases = []
    for number, line in lines:
        entry = line.strip()
        if entry and not entry.startswith("#"):
            try:
                phrases.append(parse_entry(entry, mode, f"{source}, {unit} {number}", timed))
            except ValueError as error:  # a file's line is not quoted: a configuration may name any file
                quoted = f": {entry!r}" if unit == "entry" else ""
                raise ValueError(f"{source}, {unit} {number}: {error}{quoted}") from None
    return phrases


def parse_entry(entry: str, mode: str = "anywhere", where: str | None = None, timed: bool = True) -> Phrase:
    """One `PATTERN [-> SUGGESTION] | EXPLANATION` entry, compiled for `mode`; warnings name it by `where`.

    A `re:` entry runs under a clock (`RegexClock`) unless `timed` is False (mtqa's own lists)."""
    head, separator, explanation = entry.partition(EXPLANATION_SEPARATOR)
    if not separator or not explanation.strip():
        raise ValueError(f"an entry needs an explanation after {EXPLANATION_SEPARATOR.strip()!r}")
    pattern_text, *suggestion = (part.strip() for part in SUGGESTION_SEPARATOR.split(head, maxsplit=1))
    if not pattern_text or suggestion == [""]:
        raise ValueError("empty pattern or suggestion")
    is_regex = pattern_text.startswith(REGEX_PREFIX)
    regex = _decorated(pattern_text[len(REGEX_PREFIX) :] if is_regex else _plain_regex(pattern_text), mode)
    template = None
    if suggestion:
        template = suggestion[0] if is_regex else suggestion[0].replace("\\", "\\\\")
    if is_regex:  # a plain entry is escaped text, always valid: its regex waits until a document needs it
        _check_template(_compile(regex, timed), template)
    keyword = None if is_regex else _keyword(pattern_text)
    written = None
    if is_regex and timed:
        written = f"{pattern_text!r} ({where})" if where else repr(pattern_text)
    heads, needs = (), None
    if not is_regex:
        heads = _plain_heads(pattern_text)
    elif not timed:  # a timed entry is the user's and may take any time: it keeps its pass and its clock
        parsed = sre_parser.parse(pattern_text[len(REGEX_PREFIX) :], re.IGNORECASE)
        heads, needs = _regex_heads(parsed), _needed_text(parsed)
    return Phrase(regex, template, explanation.strip(), keyword, written, heads, needs)


def _decorated(core: str, mode: str) -> str:
    return LINE_DECORATION.format(core=core) if mode == "paragraph" else core


def _compile(pattern: str, timed: bool) -> re.Pattern[str]:
    """Checked by `re`, which parses the suggestion's group references, and by `regex` if it runs the
    pattern (a timed entry: mtqa's own lists run on `re`, and compiling them twice slowed every start)."""
    try:
        compiled = re.compile(pattern, re.IGNORECASE)
        if timed:
            regex.compile(pattern, regex.IGNORECASE)
    except (re.error, regex.error) as error:
        raise ValueError(f"invalid regular expression ({error})") from None
    return compiled


def _check_template(pattern: re.Pattern[str], template: str | None) -> None:
    if template is None:
        return
    try:
        pattern.sub(template, "")  # parses the template, so a bad group reference fails here
    except (re.error, IndexError) as error:
        raise ValueError(f"invalid suggestion ({error})") from None


def _plain_regex(phrase: str) -> str:
    """Whole words in any spacing; "…" lets any text of the line stand between the pieces."""
    return ANY_TEXT.join(_words_regex(piece) for piece in GAP.split(phrase))


def _words_regex(piece: str) -> str:
    """Whole words, the first one's start checked after it: a literal prefix makes the scan fast."""
    parts = PHRASE_PARTS.findall(piece)
    regexes = [_part_regex(part) for part in parts]
    if parts and _is_word_char(parts[0][0]):
        regexes[0] += rf"(?<!\w{re.escape(parts[0])})"
    if parts and _is_word_char(parts[-1][-1]):
        regexes.append(r"(?!-?\w)")  # "the also" is not "the also-rans"
    return "".join(regexes)


def _part_regex(part: str) -> str:
    if part.isspace():
        return WHITE_SPACE
    return APOSTROPHE if part in "'’" else re.escape(part)


def _is_word_char(character: str) -> bool:
    return character.isalnum() or character == "_"


def _keyword(phrase: str) -> str | None:
    """The longest plain ASCII word of the phrase, lowercase: a cheap test that a text may match it."""
    words = ASCII_WORD.findall(phrase)
    return max(words, key=len).lower() if words else None


def _plain_heads(phrase: str) -> tuple[str, ...]:
    """The words before the first gap, lowercase, as far as they are ASCII."""
    head = ""
    for part in PHRASE_PARTS.findall(GAP.split(phrase)[0]):
        tokens = _head_tokens(part)
        if tokens is None:
            break
        head += tokens
    return (head,) if head else ()


def _head_tokens(text: str) -> str | None:
    """`text` as head tokens, lowercase; None if a character has no token (a letter beyond ASCII)."""
    if text.isspace():
        return SPACE
    if text in "'’":
        return QUOTE
    return text.lower() if text.isascii() or all(mark in CASELESS_MARKS for mark in text) else None


def _regex_heads(parsed: Iterable[tuple]) -> tuple[str, ...]:
    """The heads of a parsed `re:` entry; none if a match may start with anything."""
    heads, _ = _sequence_heads(parsed, ("",))
    return tuple(dict.fromkeys(_as_head(head) for head in heads)) if all(heads) else ()


def _needed_text(parsed: Iterable[tuple]) -> str | None:
    """The longest run of ASCII characters outside any group or repeat of a parsed `re:` entry, lowercase."""
    runs = [""]
    for op, value in parsed:
        if op is sre.LITERAL and chr(value).isascii():
            runs[-1] += chr(value).lower()
        elif op not in ZERO_WIDTH:  # a lookaround or a boundary leaves the characters around it together
            runs.append("")
    return max(runs, key=len) or None


def _sequence_heads(items: Iterable[tuple], heads: tuple[str, ...]) -> tuple[tuple[str, ...], bool]:
    """`heads`, each followed by each start of the parsed `items`; True if they hold the items whole."""
    for op, value in items:
        if op in ZERO_WIDTH:  # a lookaround or a boundary adds no character
            continue
        pieces, whole = _item_heads(op, value)
        if not pieces or len(heads) * len(pieces) > MAX_HEADS:
            return heads, False
        heads = tuple(dict.fromkeys(head + piece for head in heads for piece in pieces))
        if not whole:
            return heads, False
    return heads, True


def _item_heads(op: object, value: object) -> tuple[tuple[str, ...], bool]:
    """The texts one parsed item starts with, and True if they are the whole item; () if unknown."""
    if op is sre.LITERAL:
        token = _head_tokens(chr(value))
        return ((token,), True) if token else ((), False)
    if op is sre.IN and all(kind is sre.LITERAL for kind, _ in value):
        tokens = [_head_tokens(chr(char)) for _, char in value]
        return (tuple(dict.fromkeys(tokens)), True) if all(tokens) else ((), False)
    if op is sre.SUBPATTERN:
        return _sequence_heads(value[3], ("",))
    if op is sre.BRANCH:
        branches = [_sequence_heads(branch, ("",)) for branch in value[1]]
        return tuple(head for heads, _ in branches for head in heads), all(whole for _, whole in branches)
    if op in REPEATS:
        least, most, item = value
        pieces, whole = _sequence_heads(item, ("",))
        if least == 0:
            return ("", *pieces), whole and most == 1
        return pieces, whole and least == most == 1
    return (), False


@dataclass(frozen=True)
class Screen:
    """Where in a document an entry with heads may match: one pass for the whole list."""

    pattern: re.Pattern[str] | None
    by_head: dict[str, tuple[int, ...]]
    """The entries (by index) each head the screen stops at begins: a place is tried only for them."""

    @classmethod
    def of(cls, phrases: tuple[Phrase, ...], mode: str) -> Screen:
        tree = _tree([head for phrase in phrases for head in phrase.heads])
        if not tree:
            return cls(None, {})
        by_head: dict[str, list[int]] = defaultdict(list)
        for index, phrase in enumerate(phrases):
            for shortest in dict.fromkeys(_shortest_head(tree, head) for head in phrase.heads):
                by_head[shortest].append(index)
        start = LINE_START if mode == "paragraph" else ""
        return cls(
            re.compile(start + _tree_regex(tree)), {key: tuple(value) for key, value in by_head.items()}
        )

    def starts(self, scan: str) -> dict[int, list[int]]:
        """Each entry's possible starts in `scan` (the lowered text), by entry index, in order.

        Two heads standing at one place are one the other's start, so the shortest head that
        the screen stops at names every entry that may match there."""
        starts: dict[int, list[int]] = defaultdict(list)
        if self.pattern is None:
            return starts
        found = self.pattern.search(scan)
        while found:  # each search from the next character: heads may overlap ("in the" and "the")
            at = found.start()
            for index in self.by_head[_as_head(found.group())]:
                starts[index].append(at)
            found = self.pattern.search(scan, at + 1)
        return starts

    def may_fill(self, scan: str, start: int) -> bool:
        """Whether some entry with heads may fill the line at `start`."""
        return self.pattern is not None and self.pattern.match(scan, start) is not None

    def may_fill_a_line(self, scan: str, paragraph: Span) -> bool:
        """Whether some entry with heads may fill a line of the paragraph: its first, or one after a break."""
        later = self._later_line
        return self.may_fill(scan, paragraph.start) or (
            later is not None
            and holds_line_break(scan, paragraph)
            and later.search(scan, paragraph.start, paragraph.end) is not None
        )

    @cached_property
    def _later_line(self) -> re.Pattern[str] | None:
        """`pattern` at the start of a line after a line break."""
        return None if self.pattern is None else re.compile(AFTER_LINE_BREAK + self.pattern.pattern)


def _as_head(text: str) -> str:
    """Lowered text as head tokens: a run of white space a `SPACE`, either apostrophe a `QUOTE`."""
    return WHITE_SPACE_RUN.sub(SPACE, text).replace("’", QUOTE)


def _tree(heads: Iterable[str]) -> dict:
    """The heads as a tree of tokens, cut where a head ends: what longer heads add does not matter."""
    tree: dict = {}
    for head in heads:
        node = tree
        for token in head:
            if END in node:  # a shorter head is there already
                break
            node = node.setdefault(token, {})
        else:
            node.clear()
            node[END] = {}
    return tree


def _shortest_head(tree: dict, head: str) -> str:
    """The head in the tree that `head` starts with."""
    node = tree
    for length, token in enumerate(head):
        if END in node:
            return head[:length]
        node = node[token]
    return head


def _tree_regex(node: dict) -> str:
    """One pattern for the heads in the tree, their common starts written once: few branches a place."""
    if END in node:
        return ""
    branches = [HEAD_TOKENS.get(token, re.escape(token)) + _tree_regex(rest) for token, rest in node.items()]
    return branches[0] if len(branches) == 1 else f"(?:{'|'.join(branches)})"


class Folded:
    """A document's text lowered once: the entries' keywords and the screen read it."""

    def __init__(self, text: str) -> None:
        self.lowered = text.lower()
        self.scan = text.translate(FOLDS).lower() if UNFOLDED.search(text) else self.lowered
        """The same length as the text, each ASCII letter where `re` would match it case-blind."""
        self.found: dict[tuple[str, bool], bool] = {}

    def may_hold(self, phrase: Phrase) -> bool:
        """Whether `phrase` may match: a plain-string search is far faster than a case-blind regex."""
        return (phrase.keyword is None or self._holds(phrase.keyword, folded=False)) and (
            phrase.needs is None or self._holds(phrase.needs, folded=True)
        )

    def _holds(self, part: str, folded: bool) -> bool:
        """Whether the folded or the lowered text holds `part`, looked for once per document."""
        key = (part, folded)
        if key not in self.found:
            self.found[key] = part in (self.scan if folded else self.lowered)
        return self.found[key]


def _anywhere(text: str, phrases: PhraseList, folded: Folded, clock: RegexClock) -> Iterator[Found]:
    starts = phrases.screen.starts(folded.scan)
    for index, phrase in enumerate(phrases.entries):
        if phrase.heads:
            matches: Iterable[TextMatch] = _matches_from(phrase, text, starts.get(index, ()))
        elif folded.may_hold(phrase):
            matches = clock.run(phrase, partial(_every_match, phrase.pattern, text)) or ()
        else:
            continue
        for match in matches:
            if match.end() > match.start() and folded.may_hold(phrase):
                yield phrase, match


def _matches_from(phrase: Phrase, text: str, starts: Iterable[int]) -> Iterator[TextMatch]:
    """What `finditer` finds, given every place where a match may start (a head is never empty);
    the pattern is compiled only if there is one."""
    end = 0
    for start in starts:
        if start >= end and (match := phrase.pattern.match(text, start)):
            end = match.end()
            yield match


def _every_match(pattern: re.Pattern[str] | regex.Pattern[str], text: str, **limit: float) -> list[TextMatch]:
    """All at once: a `regex` search runs out of time while it is iterated, so inside the clock."""
    return list(pattern.finditer(text, **limit))


def _without_overlaps(found: Iterable[Found]) -> list[Found]:
    """The earliest, then longest, of overlapping matches of different entries."""
    kept: list[Found] = []
    for phrase, match in sorted(found, key=lambda item: (item[1].start(), -item[1].end())):
        if not kept or match.start() >= kept[-1][1].end():
            kept.append((phrase, match))
    return kept


def _whole_lines(doc: Document, phrases: PhraseList, folded: Folded, clock: RegexClock) -> Iterator[Found]:
    """The first entry that fills each standalone line, trimmed of white space.

    Entries with heads are tried only on a line the screen lets through, and when every entry the
    document may hold has heads, a paragraph is read line by line only if the screen lets it through."""
    headless = [phrase for phrase in phrases.headless if folded.may_hold(phrase)]
    for paragraph in doc.paragraphs:
        if not headless and not phrases.screen.may_fill_a_line(folded.scan, paragraph):
            continue
        lines = list(_trimmed_lines(doc.text, paragraph.start, paragraph.end))
        for index, (start, end) in enumerate(lines):
            if _is_wrapped(doc.text, lines, index):
                continue
            tried = phrases.entries if phrases.screen.may_fill(folded.scan, start) else headless
            for phrase in tried:
                if not folded.may_hold(phrase):
                    continue
                match = clock.run(phrase, partial(phrase.pattern.fullmatch, doc.text, start, end))
                if match:
                    yield phrase, match
                    break


def _trimmed_lines(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """(start, end) of each line between `start` and `end` that is not blank, without its white space."""
    for line in LINE.finditer(text, start, end):
        content = line.group()
        if content.strip():
            first = line.start() + len(content) - len(content.lstrip())
            yield first, first + len(content.strip())


def _is_wrapped(text: str, lines: list[tuple[int, int]], index: int) -> bool:
    """Whether the line runs on from the previous line or into the next, as hard-wrapped prose does."""
    return (index > 0 and _runs_on(text, lines[index - 1], lines[index])) or (
        index + 1 < len(lines) and _runs_on(text, lines[index], lines[index + 1])
    )


def _runs_on(text: str, first: tuple[int, int], second: tuple[int, int]) -> bool:
    return text[first[1] - 1] not in SENTENCE_CLOSERS and text[second[0]].islower()


def _to_match(phrase: Phrase, match: TextMatch) -> Match:
    shown = " ".join(match.group().split())
    message = f"'{shown}': {phrase.explanation}"
    return Match(match.start(), match.end(), message, _suggestion(phrase, match))


def _suggestion(phrase: Phrase, match: TextMatch) -> str | None:
    """The entry's replacement, capitalised when the flagged text is ("Both the two" -> "Both")."""
    if phrase.template is None:
        return None
    suggestion = match.expand(phrase.template)
    if match.group()[:1].isupper() and suggestion[:1].islower():
        return suggestion[0].upper() + suggestion[1:]
    return suggestion
