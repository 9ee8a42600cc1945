"""`mtqa fix`: apply the suggestions of the rules that are safe to fix, until none is left.

A finding's `start`/`end` are code-point offsets into the decoded file (the Document's
`source_text`), so an edit replaces that span with the suggestion and the text is
encoded back in the file's own encoding, byte-order mark and line endings: bytes
outside the edits stay as they were. Only kinds that declare `safe_fix` are applied;
every other finding needs an editor. Nothing here prints: qa.fix_output shows
the diff, writes the files (write_atomically) and says what was left.
"""

from __future__ import annotations

import difflib
import errno
import os
import re
import signal
import stat
import tempfile
from collections import Counter
from collections.abc import Callable, Collection, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from qa.document import LINE_BREAK, Document
from qa.engine import Discovery, Source
from qa.errors import InputError
from qa.findings import FileResult, Finding, Results
from qa.loaders import read_regular_file
from qa.loaders.decoding import Encoding
from qa.output.text import visible

if TYPE_CHECKING:
    from qa.check_run import Run

MAX_PASSES = 10
"""Checks of the fixed text after the first: a fix may reveal another and an overlapping
edit waits for the next pass, but two rules that undo each other must not loop forever."""
LINE = re.compile(rf".*?(?:{LINE_BREAK.pattern})|.+", re.DOTALL)
"""A line with its own ending (CRLF, CR or LF), as the Document counts lines."""


@dataclass(frozen=True, order=True)
class Edit:
    """Replace source_text[start:end] with `text`."""

    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Plan:
    edits: tuple[Edit, ...]
    """Sorted, none overlapping another."""
    in_markup: int
    """Suggestions refused because their span holds markup (a tag, an entity, `**`)."""


def fixable(findings: Iterable[Finding], safe: Collection[str]) -> list[Finding]:
    """The findings of rules that are safe to fix and that carry a suggestion."""
    return [f for f in findings if f.rule in safe and f.suggestion is not None]


def plan(findings: Iterable[Finding], doc: Document, safe: Collection[str]) -> Plan:
    """The edits of one file: its safe suggestions on plain text, the first of overlapping ones.

    An edit that overlaps one before it is left for the next pass, which sees the fixed text.
    """
    edits: list[Edit] = []
    in_markup = 0
    for finding in sorted(fixable(findings, safe), key=lambda f: (f.start, f.end)):
        if not is_plain(doc, finding.start, finding.end):
            in_markup += 1
        elif not edits or finding.start >= edits[-1].end and finding.start != edits[-1].start:
            edits.append(Edit(finding.start, finding.end, doc.escape(finding.suggestion)))
    return Plan(tuple(edits), in_markup)


def is_plain(doc: Document, start: int, end: int) -> bool:
    """Whether source_text[start:end] is exactly the prose it stands for, so replacing it
    cannot break markup: "no <strong>No" is not, "no No" inside a paragraph is."""
    prose = doc.text[doc.to_prose(start) : doc.to_prose(end, end=True)]
    return doc.source_text[start:end] == prose


def apply(text: str, edits: Sequence[Edit]) -> str:
    """`text` with the edits made (sorted, not overlapping)."""
    parts, done = [], 0
    for edit in edits:
        parts += [text[done : edit.start], edit.text]
        done = edit.end
    return "".join([*parts, text[done:]])


def encode_back(encoding: Encoding, before: str, original: bytes, after: str) -> bytes:
    """The fixed text in the file's own encoding; ValueError (UnicodeEncodeError is one) when
    writing it would change bytes outside the edits or a suggestion has no place in the encoding."""
    if encoding.encode(before) != original:
        raise ValueError(f"its {encoding.codec} text does not encode back to the same bytes")
    return encoding.encode(after)


def unified_diff(path: str, before: str, after: str) -> str:
    """The change as `git diff` shows it, each line with its own ending; the lines are the file's
    own, for `patch` to apply, but a control character in the name could not start a line of its own."""
    shown = visible(path)
    lines = difflib.unified_diff(LINE.findall(before), LINE.findall(after), f"a/{shown}", f"b/{shown}")
    return "".join(
        line if line.endswith(("\n", "\r")) else f"{line}\n\\ No newline at end of file\n" for line in lines
    )


READ_ONLY = "the file is read-only (mtqa fix --force rewrites it)"
TEMPORARY_SUFFIX = ".mtqa-fix.tmp"
"""The end of a temporary file's name: only SIGKILL in the middle of a write can leave one behind."""


def write_atomically(path: Path, data: bytes, *, force: bool = False) -> None:
    """Write the fixed bytes back as the same file: its mode, owner and other names stay.

    A file with one name is replaced in one step (a temporary file beside it, given the
    file's owner and mode, then os.replace), so an interrupted fix never leaves half a
    file. A file with several names (hard links) is rewritten in place, so every name
    sees the fix; so is one whose owner the replacement cannot take, or in a folder we
    may not add to. A symbolic link stays one. A read-only file is refused
    (PermissionError) unless `force`.
    """
    target = path.resolve()
    status = target.stat()
    if not stat.S_ISREG(status.st_mode):
        raise OSError(errno.EINVAL, "not a regular file")
    if not force and _read_only(target, status):
        raise PermissionError(errno.EACCES, READ_ONLY)
    with _signals_deferred():
        if status.st_nlink > 1 or not _replace(target, data, status):
            _rewrite_in_place(target, data)


def _read_only(target: Path, status: os.stat_result) -> bool:
    """Not writable by us, or writable by nobody (which root would otherwise ignore)."""
    return not os.access(target, os.W_OK) or not status.st_mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH)


def _replace(target: Path, data: bytes, status: os.stat_result) -> bool:
    """Replace `target` with a new file holding `data`; False, having written nothing, when
    the new file cannot be made or cannot have the old one's owner and group."""
    try:
        handle, temporary = tempfile.mkstemp(
            dir=target.parent, prefix=f".{target.name}.", suffix=TEMPORARY_SUFFIX
        )
    except PermissionError:
        return False
    try:
        with os.fdopen(handle, "wb") as out:
            made = os.fstat(out.fileno())
            if (made.st_uid, made.st_gid) != (status.st_uid, status.st_gid):
                try:
                    os.fchown(out.fileno(), status.st_uid, status.st_gid)
                except PermissionError:
                    return False
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.chmod(temporary, stat.S_IMODE(status.st_mode))  # after fchown, which drops set-id bits
        os.replace(temporary, target)
        return True
    finally:
        Path(temporary).unlink(missing_ok=True)


def _rewrite_in_place(target: Path, data: bytes) -> None:
    with open(target, "r+b") as out:
        out.write(data)
        out.truncate()
        out.flush()
        os.fsync(out.fileno())


@contextmanager
def _signals_deferred() -> Iterator[None]:
    """Ctrl-C, SIGTERM and SIGHUP arriving during a write take effect once it is done: the file
    is then whole and the temporary file gone. SIGKILL cannot wait (see TEMPORARY_SUFFIX)."""
    if not hasattr(signal, "pthread_sigmask"):  # not on POSIX
        yield
        return
    before = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT, signal.SIGTERM, signal.SIGHUP})
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, before)


@dataclass
class Fixed:
    """One file's text as read and as fixed so far."""

    source: Source
    before: str
    after: str = ""
    data: bytes = b""
    """`after` as the file's bytes."""
    fixes: int = 0


class Fixer:
    """Fixes a run's files in memory, checking the fixed text again until no safe fix is left.

    `recheck` checks sources as the first run did (the same rules and configuration), so
    corpus rules still see every file. `left` counts, by why, what the last check found
    and no fix was made for; nothing is written here.
    """

    def __init__(
        self, sources: Sequence[Source], safe: Collection[str], recheck: Callable[[list[Source]], Results]
    ):
        self.sources = list(sources)
        self.safe = safe
        self.recheck = recheck
        self.fixed: dict[str, Fixed] = {}
        self.refused: dict[str, str] = {}
        """Files whose (further) fixes cannot be written back, with why, by path."""
        self.left: Counter[str] = Counter()
        self.notes: list[str] = []

    def run(self, results: Results) -> Results:
        """Fix until a check finds nothing left to apply; the results of that last check."""
        passes = 0
        while self._pass(results, make=passes < MAX_PASSES):
            passes += 1
            self.sources = [self._current(source) for source in self.sources]
            results = self.recheck(self.sources)
        return results

    @property
    def changed(self) -> list[Fixed]:
        """The files with at least one fix, in input order."""
        return [self.fixed[s.display] for s in self.sources if s.display in self.fixed]

    @property
    def errors(self) -> list[str]:
        return [f"{path}: cannot fix: {why}" for path, why in self.refused.items()]

    def _pass(self, results: Results, make: bool) -> bool:
        """Fix every file once (only count what is left when not `make`); whether any text changed."""
        self.left, self.notes = Counter(), []
        changed = [
            self._fix(source, result, make)
            for source, result in zip(self.sources, results.files, strict=True)
        ]
        return any(changed)

    def _current(self, source: Source) -> Source:
        fixed = self.fixed.get(source.display)
        return Source(source.display, data=fixed.data, options=source.options) if fixed else source

    def _fix(self, source: Source, result: FileResult, make: bool) -> bool:
        candidates = fixable(result.findings, self.safe)
        self.left["not safe to fix"] += len(result.findings) - len(candidates)
        if not candidates:
            return False
        if result.path in self.refused:
            self.left["not written"] += len(candidates)
            return False
        try:
            doc = source.load()
        except Exception as error:  # noqa: BLE001 - changed on disk since it was checked
            self.refused[result.path] = f"cannot read it again ({type(error).__name__})"
            self.left["not written"] += len(candidates)
            return False
        if doc.encoding is None:
            self.left["in Word files"] += len(candidates)
            self.notes.append(
                f"{result.path}: Word files are not written ({_count(len(candidates), 'finding')} to fix in Word)"
            )
            return False
        edits = plan(candidates, doc, self.safe)
        self.left["in markup"] += edits.in_markup
        if not edits.edits:
            return False
        if not make:
            self.left["not settled"] += len(candidates) - edits.in_markup  # MAX_PASSES ran out
            return False
        after = apply(doc.source_text, edits.edits)
        try:
            data = encode_back(doc.encoding, doc.source_text, _bytes(source), after)
        except (ValueError, InputError) as error:
            self.refused[result.path] = str(error)
            self.left["not written"] += len(candidates)
            return False
        fixed = self.fixed.setdefault(result.path, Fixed(source, doc.source_text))
        fixed.after, fixed.data, fixed.fixes = after, data, fixed.fixes + len(edits.edits)
        return True


def fix_run(done: Run, recheck: Callable[[Discovery], Results]) -> tuple[Fixer, Results]:
    """Fix a run's files in memory until no safe fix is left: the fixer, which knows what changed
    and what is left, and the results of the last check. `recheck` checks inputs as `done` did."""
    safe = {rule.id for rule in done.catalogue.rules if rule.safe_fix}
    fixer = Fixer(done.found.sources, safe, lambda sources: recheck(replace(done.found, sources=sources)))
    return fixer, fixer.run(done.results)


def _bytes(source: Source) -> bytes:
    return source.data if source.path is None else read_regular_file(source.path)


def summary(changed: Sequence[Fixed], left: Counter[str], would: bool) -> str:
    """The line for standard error: `Fixed 3 issues in 2 files (4 left: 3 not safe to fix, 1 in markup).`"""
    fixes = sum(f.fixes for f in changed)
    text = f"{'Would fix' if would else 'Fixed'} {_count(fixes, 'issue')} in {_count(len(changed), 'file')}"
    left = {why: n for why, n in left.items() if n}
    if left:
        text += f" ({sum(left.values())} left: {', '.join(f'{n} {why}' for why, n in left.items())})"
    return text + "."


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"
