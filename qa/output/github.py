"""GitHub Actions workflow commands: each finding becomes an annotation on the pull request.

Escaping follows the Actions runner (ActionCommand.cs): `%`, CR and LF in the message;
also `:` and `,` in property values, which would otherwise end the value. Other control
characters (a terminal escape in a file name, say) are shown as text, as in the text format.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TextIO

from qa.catalogue import Catalogue
from qa.findings import Finding, Results, Severity
from qa.output.text import visible

COMMANDS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def render(results: Results, catalogue: Catalogue, out: TextIO) -> None:
    out.writelines(line + "\n" for line in commands(results))


def commands(results: Results) -> Iterator[str]:
    """Annotations for the findings, then one error per input problem."""
    yield from (annotation(finding) for finding in results.findings)
    for result in results.files:
        yield from (command("error", message, file=result.path) for message in result.problems)
    yield from (command("error", message) for message in results.errors)


def annotation(finding: Finding) -> str:
    return command(
        COMMANDS[finding.severity],
        finding.message if finding.segment is None else f"{finding.message} (segment {finding.segment.id})",
        file=finding.path,
        line=finding.line,
        col=finding.column,
        endLine=finding.end_line,
        endColumn=finding.end_column,
        title=finding.rule,
    )


def command(name: str, message: str, **properties: str | int) -> str:
    shown = ",".join(f"{key}={escape_property(str(value))}" for key, value in properties.items())
    line = f"::{name} {shown}::{escape_data(message)}" if shown else f"::{name}::{escape_data(message)}"
    return visible(line)  # after escape_data, which keeps CR and LF as the runner expects them


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")
