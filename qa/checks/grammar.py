"""Grammar and spelling from LanguageTool, through language-tool-python, when a server is configured.

The server is `MTQA_LANGUAGETOOL_URL` if set, else the option `url`; with neither,
`local: true` lets language-tool-python download and start its own LanguageTool
(Java 17). With none of these the rule is off: `prepare` says so (qa.errors.Unavailable)
without importing language-tool-python, so a run without LanguageTool stays fast.

The text goes to the server in batches of whole paragraphs (a paragraph too long
for one batch is cut between sentences), each within the server's size limit, and
every request has a timeout. LanguageTool counts offsets and lengths in UTF-16 code
units, as Java strings do: language-tool-python already turns a match's offset into
a code-point offset (it counts the characters beyond the BMP before it), and
`_code_point_end` does the same for its length.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, ClassVar

from qa import segment
from qa.checks.base import option, require_at_least
from qa.document import Document
from qa.errors import NotConfigured, Unavailable
from qa.findings import Match, Severity
from qa.segment import Span

if TYPE_CHECKING:
    from language_tool_python import LanguageTool
    from language_tool_python import Match as ToolMatch

URL_VARIABLE = "MTQA_LANGUAGETOOL_URL"
NOT_CONFIGURED = (
    f"grammar checks are off: no LanguageTool server configured (set {URL_VARIABLE}=http://localhost:8081, "
    "or the rule's option 'url', or 'local: true')"
)
MIN_BATCH = 100
"""The smallest `max_chars`: LanguageTool checks sentences, and smaller batches would cut most of them."""
SHOWN_CHARACTERS = 40
"""Longer flagged text is shortened in the message; the excerpt shows it whole."""


@dataclass(frozen=True, kw_only=True)
class GrammarOptions:
    url: str | None = option(
        None, f"The LanguageTool server, e.g. http://localhost:8081 ({URL_VARIABLE} overrides it)."
    )
    local: bool = option(
        False, "With no server: let language-tool-python download and run LanguageTool itself (Java 17)."
    )
    language: str = option("en-US", 'The variant to check against: "en-US", "en-GB", …')
    timeout: float = option(
        30.0, "Seconds to wait for each answer of the server (language-tool-python asks twice for a check)."
    )
    max_chars: int = option(
        20_000, "The most text sent in one request (the public API's limit); batches end between paragraphs."
    )
    disabled_rules: tuple[str, ...] = option((), 'LanguageTool rule ids not to check, e.g. "EN_QUOTES".')
    hint_issue_types: tuple[str, ...] = option(
        ("style", "register", "typographical", "whitespace", "formatting", "locale-violation"),
        "LanguageTool issue types that are hints (severity info); all others take the rule's severity.",
    )
    ignore_capitalized_misspellings: bool = option(
        True, "Leave out unknown words that start with a capital: in news they are mostly names."
    )

    def __post_init__(self) -> None:
        if self.url is not None and self.local:
            raise ValueError("set either option 'url' or 'local', not both")
        if self.timeout <= 0:
            raise ValueError(f"option 'timeout' must be more than 0 seconds, not {self.timeout!r}")
        require_at_least(self, max_chars=MIN_BATCH)


@dataclass(frozen=True, slots=True)
class Grammar:
    """LanguageTool's matches, each reported with LanguageTool's rule id and message."""

    name: ClassVar[str] = "grammar"
    Options: ClassVar[type] = GrammarOptions
    fixable: ClassVar[str] = "sometimes"
    defers: ClassVar[bool] = True
    """A finding on the same span as another rule's gives way to it (qa.dedupe)."""

    def prepare(self, options: GrammarOptions) -> None:
        """Reach the server once before any file: off, unreachable and unknown language all show here."""
        reason = not_configured(options)
        if reason is not None:
            raise NotConfigured(reason)
        language_tool(server_url(options), options)

    def check(self, doc: Document, options: GrammarOptions) -> Iterator[Match]:
        url = server_url(options)
        tool = language_tool(url, options)
        # Every batch is answered before the first match is yielded: a file is checked whole or not at all.
        found = [
            match
            for batch in batches(doc.text, doc.paragraphs, options.max_chars)
            for match in _check_batch(tool, doc.text, batch, url, options)
        ]
        yield from found


def server_url(options: GrammarOptions) -> str | None:
    return os.environ.get(URL_VARIABLE) or options.url


def not_configured(options: GrammarOptions) -> str | None:
    """Why the rule cannot run as set up — no server named and no local install asked for — or None.
    Decided from the options alone, without reaching a server (`mtqa config` asks it too)."""
    return NOT_CONFIGURED if server_url(options) is None and not options.local else None


@cache
def language_tool(url: str | None, options: GrammarOptions) -> LanguageTool:
    """One client per server and options for the whole process; failures are not cached, so retried."""
    import language_tool_python
    from language_tool_python.exceptions import LanguageToolError

    # language-tool-python waits 300 s for every answer: `_TIMEOUT` is the class attribute its
    # requests read, so a subclass sets it before the first request (the list of languages).
    tool_class = type(
        "TimedLanguageTool", (language_tool_python.LanguageTool,), {"_TIMEOUT": options.timeout}
    )
    try:
        tool = tool_class(options.language, remote_server=url)
    except (LanguageToolError, OSError, ImportError, SystemError) as error:
        # A local install raises ImportError with no Java, SystemError with an old one, OSError with no download.
        raise _unavailable(error, url, options) from None
    tool.disabled_rules = set(options.disabled_rules)
    return tool


def _unavailable(error: Exception, url: str | None, options: GrammarOptions) -> Unavailable:
    """One stable sentence per kind of failure, so the warning of every file reads the same."""
    import requests

    if url is None:
        reason = "the download failed" if isinstance(error, OSError) else _first_line(str(error))
        return Unavailable(
            f"language-tool-python cannot run LanguageTool here ({reason}); "
            f"start a LanguageTool server and set {URL_VARIABLE} instead"
        )
    cause = error.__cause__ or error
    if isinstance(cause, requests.Timeout):
        return Unavailable(f"the LanguageTool server at {url} did not answer within {options.timeout:g} s")
    if isinstance(cause, requests.ConnectionError):
        return Unavailable(f"cannot connect to the LanguageTool server at {url}")
    return Unavailable(f"the LanguageTool server at {url} answered with an error: {_first_line(str(error))}")


def _first_line(text: str) -> str:
    lines = text.strip().splitlines()
    return lines[0][:200] if lines else "no message"


def _check_batch(
    tool: LanguageTool, text: str, batch: Span, url: str | None, options: GrammarOptions
) -> Iterator[Match]:
    from language_tool_python.exceptions import LanguageToolError

    batch_text = text[batch.start : batch.end]
    try:
        matches = tool.check(batch_text)
    except LanguageToolError as error:
        raise _unavailable(error, url, options) from None
    for found in matches:
        start = found.offset
        end = _code_point_end(batch_text, start, found.error_length)
        if start < end and _is_reported(found, batch_text[start:end], options):
            yield _to_match(found, batch.start + start, batch.start + end, batch_text[start:end], options)


def _is_reported(found: ToolMatch, flagged: str, options: GrammarOptions) -> bool:
    capitalized = flagged[:1].isupper()
    return not (
        options.ignore_capitalized_misspellings and capitalized and found.rule_issue_type == "misspelling"
    )


def _to_match(found: ToolMatch, start: int, end: int, flagged: str, options: GrammarOptions) -> Match:
    shown = " ".join(flagged.split()) if flagged.strip() else _visible_white_space(flagged)
    if len(shown) > SHOWN_CHARACTERS:
        shown = shown[: SHOWN_CHARACTERS - 1] + "…"
    message = f"'{shown}': {' '.join(found.message.split())} [LanguageTool {found.rule_id}]"
    suggestion = found.replacements[0] if found.replacements else None
    severity = Severity.INFO if found.rule_issue_type in options.hint_issue_types else None
    return Match(start, end, message, suggestion, severity=severity)


def _visible_white_space(flagged: str) -> str:
    """Two spaces stay two spaces in quotes; line breaks and tabs are spelt out."""
    return flagged.replace("\r", "\\r").replace("\n", "\\n").replace("\t", "\\t")


def _code_point_end(text: str, start: int, utf16_length: int) -> int:
    """The end of a match that starts at code point `start` and spans `utf16_length` UTF-16 units."""
    end, units = start, 0
    while units < utf16_length and end < len(text):
        units += _utf16_units(text[end])
        end += 1
    return end


def _utf16_units(character: str) -> int:
    return 2 if ord(character) > 0xFFFF else 1


def _span_units(text: str, start: int, end: int) -> int:
    """The size LanguageTool's limit counts: characters beyond the BMP are two UTF-16 units."""
    return sum(_utf16_units(character) for character in text[start:end])


def batches(text: str, paragraphs: list[Span], max_units: int) -> list[Span]:
    """Spans of whole paragraphs (or of sentences, when one paragraph is too long), each within `max_units`."""
    pieces = [piece for paragraph in paragraphs for piece in _pieces(text, paragraph, max_units)]
    packed: list[Span] = []
    size = 0
    for piece in pieces:
        if packed:
            grown = size + _span_units(text, packed[-1].end, piece.end)
            if grown <= max_units:
                packed[-1], size = Span(packed[-1].start, piece.end), grown
                continue
        packed.append(piece)
        size = _span_units(text, piece.start, piece.end)
    return packed


def _pieces(text: str, paragraph: Span, max_units: int) -> Iterator[Span]:
    """The paragraph if it fits; else its sentences, and a sentence too long is cut at a space."""
    if _span_units(text, paragraph.start, paragraph.end) <= max_units:
        yield paragraph
        return
    for sentence in segment.sentences(text, paragraph):
        if _span_units(text, sentence.start, sentence.end) <= max_units:
            yield sentence
        else:
            yield from _cut(text, sentence, max_units)


def _cut(text: str, span: Span, max_units: int) -> Iterator[Span]:
    """Pieces of `span` within `max_units`, each ending at its last space when it has one."""
    start = span.start
    while start < span.end:
        end = _end_within(text, start, span.end, max_units)
        if end < span.end:
            space = max(text.rfind(" ", start + 1, end), text.rfind("\n", start + 1, end))
            end = space if space > start else end
        yield Span(start, end)
        start = end


def _end_within(text: str, start: int, stop: int, max_units: int) -> int:
    """The furthest end before `stop` that keeps text[start:end] within `max_units` UTF-16 units."""
    end, units = start, 0
    while end < stop and units + _utf16_units(text[end]) <= max_units:
        units += _utf16_units(text[end])
        end += 1
    return end
