"""Human-readable output: `path:line:col: severity rule message`, the excerpt, a summary.

What comes from a document or a file name reaches the terminal through `visible`, so a
terminal escape or a bidirectional override in it is shown, never acted on.
"""

from __future__ import annotations

import os
from typing import TextIO

from qa.catalogue import Catalogue
from qa.findings import Results, Severity

COLOURS = {Severity.ERROR: "\033[31m", Severity.WARNING: "\033[33m", Severity.INFO: "\033[36m"}
BOLD, DIM, RESET = "\033[1m", "\033[2m", "\033[0m"

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
        out.write(f"    {paint(visible(finding.excerpt), DIM)}\n")
        if finding.suggestion is not None:
            out.write(f"    suggestion: {visible(shown_suggestion(finding.suggestion))}\n")


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
