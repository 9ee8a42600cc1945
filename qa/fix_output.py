"""What `mtqa fix` writes and says: the fixed files (or their diff), standard input's text, what is left.

Files go to disk, the diff, standard input's text and the findings left go to stdout, and
notes and the summary to stderr, so `mtqa fix - < in.txt > out.txt` gives the fixed text alone.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from dataclasses import dataclass

from qa.catalogue import Catalogue, Rule
from qa.engine import Source
from qa.findings import Results
from qa.fix import Fixed, Fixer, summary, unified_diff, write_atomically
from qa.output.text import render_findings, visible
from qa.stdout import silence_stdout


@dataclass(frozen=True)
class Written:
    changed: list[Fixed]
    """The files fixed (or, with --diff, that would be)."""
    errors: list[str]
    """One line per file that could not be fixed or written."""


def note_unsafe(rules: Sequence[Rule]) -> None:
    """For a selection by name: which of its rules were only checked, since no fix of theirs is safe."""
    unsafe = [rule.id for rule in rules if not rule.safe_fix]
    if unsafe:
        print(f"mtqa: note: not safe to fix, only checked: {', '.join(unsafe)}", file=sys.stderr)


def write_fixes(
    fixer: Fixer,
    results: Results,
    sources: Sequence[Source],
    catalogue: Catalogue,
    *,
    diff: bool,
    force: bool,
) -> Written:
    """Write the files the fixer changed (with `diff`: print the diff instead), pass standard input
    through fixed, show the findings left as `check` does, then the notes and the summary."""
    changed, errors = [], fixer.errors
    for fixed in fixer.changed:
        try:
            if diff:
                sys.stdout.write(unified_diff(fixed.source.display, fixed.before, fixed.after))
            elif fixed.source.path is not None:
                write_atomically(fixed.source.path, fixed.data, force=force)
            changed.append(fixed)
        except BrokenPipeError:
            silence_stdout()  # `mtqa fix --diff | head`: the reader has seen enough
            changed.append(fixed)
        except OSError as error:
            errors.append(f"{fixed.source.display}: cannot write: {error.strerror or error}")
    for source in sources:
        if source.path is None and not diff:  # standard input: the text, fixed or not, to stdout
            fixed = fixer.fixed.get(source.display)
            sys.stdout.buffer.write(fixed.data if fixed else source.data)
    if not diff and all(source.path is not None for source in sources):
        try:
            render_findings(results, catalogue, sys.stdout)  # what is left for an editor, as `check` shows it
        except BrokenPipeError:
            silence_stdout()
    for note in fixer.notes:
        print(f"mtqa: note: {visible(note)}", file=sys.stderr)
    print(summary(changed, fixer.left, would=diff), file=sys.stderr)
    return Written(changed, errors)
