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
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import cache, cached_property, partial
from pathlib import Path
from typing import ClassVar, TypeVar

import regex

from qa.checks.base import data_file, option, read_list_file
from qa.document import Document
from qa.errors import Incomplete
from qa.findings import Match

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
        phrases = _present_in(doc.text, _phrases_for(options))
        clock = RegexClock(REGEX_SECONDS + REGEX_SECONDS_PER_MILLION * len(doc.text) / 1_000_000)
        if options.match == "paragraph":
            found: Iterable[Found] = _whole_lines(doc, phrases, clock)
        else:
            found = _without_overlaps(_anywhere(doc.text, phrases, clock))
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


def _phrases_for(options: PhrasesOptions) -> tuple[Phrase, ...]:
    return phrase_list(options.phrases_file, options.extra_phrases_file, options.extra_phrases, options.match)


@cache
def phrase_list(
    phrases_file: str | None, extra_phrases_file: str | None, extra_phrases: tuple[str, ...], mode: str
) -> tuple[Phrase, ...]:
    """Every entry of the lists, compiled for `mode`, once per process; ValueError names a bad line."""
    phrases: list[Phrase] = []
    for path in (phrases_file, extra_phrases_file):
        if path is not None:
            phrases += _parse_lines(_read_lines(path), path, mode, timed=not _is_bundled(path))
    phrases += _parse_lines(enumerate(extra_phrases, start=1), "option 'extra_phrases'", mode, unit="entry")
    return tuple(phrases)


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
        _check_template(_compile(regex), template)
    keyword = None if is_regex else _keyword(pattern_text)
    written = None
    if is_regex and timed:
        written = f"{pattern_text!r} ({where})" if where else repr(pattern_text)
    return Phrase(regex, template, explanation.strip(), keyword, written)


def _decorated(core: str, mode: str) -> str:
    return LINE_DECORATION.format(core=core) if mode == "paragraph" else core


def _compile(pattern: str) -> re.Pattern[str]:
    """Checked by both modules: `re` parses the suggestion's group references, `regex` runs the pattern."""
    try:
        compiled = re.compile(pattern, re.IGNORECASE)
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


def _present_in(text: str, phrases: tuple[Phrase, ...]) -> list[Phrase]:
    """The entries that may match `text`: a plain-string search is far faster than a case-blind regex."""
    lowered = text.lower()
    return [phrase for phrase in phrases if phrase.keyword is None or phrase.keyword in lowered]


def _anywhere(text: str, phrases: list[Phrase], clock: RegexClock) -> Iterator[Found]:
    for phrase in phrases:
        for match in clock.run(phrase, partial(_every_match, phrase.pattern, text)) or ():
            if match.end() > match.start():
                yield phrase, match


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


def _whole_lines(doc: Document, phrases: list[Phrase], clock: RegexClock) -> Iterator[Found]:
    """The first entry that fills each standalone line, trimmed of white space."""
    for paragraph in doc.paragraphs:
        lines = list(_trimmed_lines(doc.text, paragraph.start, paragraph.end))
        for index, (start, end) in enumerate(lines):
            if _is_wrapped(doc.text, lines, index):
                continue
            for phrase in phrases:
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
