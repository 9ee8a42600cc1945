"""Human-readable output: `path:line:col: severity rule message`, the excerpt, a summary.

The excerpt is cut around the flagged text, at word boundaries with "…", and a caret
line marks the flagged text under it, as ruff and rustc do: a 74-word sentence with
nothing pointing at the problem is hard to act on. Carets count terminal columns, so
they stay under the span past wide (East Asian) characters, combining marks and the
escapes `visible` writes. A span longer than the window is marked from its start.

What comes from a document or a file name reaches the terminal through `visible`, so a
terminal escape or a bidirectional override in it is shown, never acted on.
"""

from __future__ import annotations

import os
import unicodedata
from typing import TextIO

from qa.catalogue import Catalogue
from qa.findings import Results, SegmentRef, Severity

COLOURS = {Severity.ERROR: "\033[31m", Severity.WARNING: "\033[33m", Severity.INFO: "\033[36m"}
BOLD, DIM, RESET = "\033[1m", "\033[2m", "\033[0m"
CONTEXT_SHOWN = 30
"""Characters of context shown on either side of the flagged text."""
SPAN_SHOWN = 60
"""Characters of a longer flagged text shown (a long sentence, an untranslated paragraph): its start."""
CUT = "…"
ZERO_WIDTH_CATEGORIES = frozenset({"Mn", "Me", "Cf"})
"""Combining marks and format characters: drawn over the character before, or not at all."""

HIDDEN = (
    {code: f"\\x{code:02x}" for code in [*range(0x20), *range(0x7F, 0xA0)]}
    | {code: f"<U+{code:04X}>" for code in [*range(0x202A, 0x202F), *range(0x2066, 0x206A), 0xFFFE, 0xFFFF]}
    | {code: f"\\x{code - 0xDC00:02x}" for code in range(0xDC80, 0xDD00)}
    | {code: f"<U+{code:04X}>" for code in [*range(0xD800, 0xDC80), *range(0xDD00, 0xE000)]}
)
"""Characters a document or a file name must not pass to a terminal or an XML reader, as visible escapes:
C0 and C1 controls (ESC starts a terminal command), bidirectional overrides and isolates (they reorder what
is shown), the non-characters XML cannot hold, and lone surrogates (a file name's undecodable byte, shown
as that byte)."""
HIDDEN_IN_MARKUP = {
    code: shown.replace("<", "&lt;").replace(">", "&gt;")
    for code, shown in HIDDEN.items()
    if chr(code) not in "\t\n\r"
}
"""HIDDEN for a rendered XML or HTML page, which holds none in its markup: its white space stays, and
the escapes are text (`&lt;U+202E&gt;`), never a tag."""


def visible(text: str) -> str:
    """`text` with every character of HIDDEN shown as its escape: `\\x1b`, `<U+202E>`."""
    return text.translate(HIDDEN)


def use_colour(out: TextIO) -> bool:
    """Colour only on a terminal, and never when NO_COLOR is set (no-color.org)."""
    return hasattr(out, "isatty") and out.isatty() and "NO_COLOR" not in os.environ


def render(results: Results, catalogue: Catalogue, out: TextIO) -> None:
    render_findings(results, catalogue, out)
    out.write(summary_line(results) + "\n")


def render_findings(results: Results, catalogue: Catalogue, out: TextIO) -> None:
    """The findings alone, for `--quiet`."""
    colour = use_colour(out)

    def paint(text: str, code: str) -> str:
        return f"{code}{text}{RESET}" if colour else text

    for finding in results.findings:
        where = paint(f"{visible(finding.path)}:{finding.line}:{finding.column}:", BOLD)
        severity = paint(finding.severity.label, COLOURS[finding.severity])
        out.write(f"{where} {severity} {visible(finding.rule)} {visible(finding.message)}\n")
        shown, carets = marked_excerpt(finding.excerpt, finding.excerpt_span)
        out.write(f"    {paint(shown, DIM)}\n")
        if carets:
            out.write(f"    {paint(carets, COLOURS[finding.severity])}\n")
        if finding.segment is not None:
            out.write(f"    {segment_line(finding.segment)}\n")
        if finding.suggestion is not None:
            out.write(f"    suggestion: {visible(shown_suggestion(finding.suggestion))}\n")


def segment_line(segment: SegmentRef) -> str:
    """Which translation unit a finding is in, and the source text it is about, if any."""
    line = f"segment {visible(segment.id)}"
    if segment.source_text:
        line += f", source: {visible(_cut_after(segment.source_text, SPAN_SHOWN))}"
    return line


def marked_excerpt(excerpt: str, span: tuple[int, int] | None) -> tuple[str, str]:
    """The excerpt as shown, cut around `span` (its offsets in the excerpt), and the caret line under it.

    Without a span, the excerpt is only kept short: the flagged text starts within its first
    CONTEXT_SHOWN characters, so its start stays in view; there is no caret line.
    """
    if span is None:
        return visible(_cut_after(excerpt, CONTEXT_SHOWN + SPAN_SHOWN)), ""
    start, end = span
    before, flagged, after = excerpt[:start], excerpt[start:end], excerpt[end:]
    if len(flagged) > SPAN_SHOWN:
        flagged, after = _cut_after(flagged, SPAN_SHOWN).removesuffix(CUT), CUT
    else:
        after = _cut_after(after, CONTEXT_SHOWN)
    before, flagged, after = visible(_cut_before(before, CONTEXT_SHOWN)), visible(flagged), visible(after)
    carets = " " * columns(before) + "^" * max(1, columns(flagged))
    return before + flagged + after, carets


def _cut_before(text: str, limit: int) -> str:
    """The last `limit` characters of `text` or fewer, from a word's start, with "…" if cut."""
    if len(text) <= limit:
        return text
    kept = text[len(text) - limit :]
    space = kept.find(" ")
    return CUT + (kept[space + 1 :] if 0 <= space < len(kept) - 1 else kept)


def _cut_after(text: str, limit: int) -> str:
    """The first `limit` characters of `text` or fewer, to a word's end, with "…" if cut."""
    if len(text) <= limit:
        return text
    space = text.rfind(" ", 1, limit + 1)
    return (text[:space] if space > 0 else text[:limit]) + CUT


def columns(text: str) -> int:
    """How many terminal columns `text` takes: wide and full-width characters two, combining marks none."""
    return sum(_width(character) for character in text)


def _width(character: str) -> int:
    if unicodedata.category(character) in ZERO_WIDTH_CATEGORIES:
        return 0
    return 2 if unicodedata.east_asian_width(character) in "WF" else 1


def shown_suggestion(suggestion: str) -> str:
    """Deleting, or a change of white space only, must still be visible on a terminal."""
    if not suggestion:
        return "(delete)"
    return repr(suggestion) if suggestion != suggestion.strip() else suggestion


def summary_line(results: Results) -> str:
    files = len(results.checked)
    total = len(results.findings)
    counts = ", ".join(_plural(n, label) for label, n in results.count_by_severity().items() if n)
    detail = f" ({counts})" if counts else ""
    return f"{_plural(total, 'finding')}{detail} in {_plural(files, 'file')}."


def _plural(count: int, noun: str) -> str:
    """ "1 error", "2 errors"; "info" is a mass noun and stays as it is."""
    return f"{count} {noun}" if count == 1 or noun == "info" else f"{count} {noun}s"
