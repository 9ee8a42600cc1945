"""What rules find: a Match from a check kind, a located Finding from the engine."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from enum import IntEnum


class Severity(IntEnum):
    INFO = 1
    WARNING = 2
    ERROR = 3

    @classmethod
    def parse(cls, name: str) -> Severity:
        try:
            return cls[name.upper()]
        except KeyError:
            valid = ", ".join(s.label for s in cls)
            raise ValueError(f"unknown severity {name!r} (valid: {valid})") from None

    @property
    def label(self) -> str:
        return self.name.lower()


def severity_counts(findings: Iterable[Finding]) -> dict[str, int]:
    """Findings counted by severity label, worst first, every severity present (zero or not)."""
    counts = Counter(f.severity for f in findings)
    return {s.label: counts[s] for s in sorted(Severity, reverse=True)}


@dataclass(frozen=True, slots=True)
class SegmentRef:
    """Where a finding stands in a bilingual file: its segment, the span in the segment's target
    text, and the span of the segment's source it is about (a number the target lost), if any."""

    id: str
    start: int
    end: int
    """Code-point offsets in the segment's target text."""
    source_start: int | None = None
    source_end: int | None = None
    """Code-point offsets in the segment's source text; None when the finding is about the target alone."""
    source_text: str | None = None
    """The source text at those offsets, as a reader is shown it beside the finding."""

    def to_dict(self) -> dict[str, object]:
        return {
            "id": self.id,
            "start": self.start,
            "end": self.end,
            "source_start": self.source_start,
            "source_end": self.source_end,
            "source_text": self.source_text,
        }


@dataclass(frozen=True, slots=True)
class Location:
    """Where a span stands in the original file: 1-based lines and columns, plus context."""

    line: int
    column: int
    end_line: int
    end_column: int
    excerpt: str
    start: int
    end: int
    """The span's code-point offsets in the original file (the prose's own for plain text)."""
    excerpt_span: tuple[int, int] | None = None
    """Where the span stands in `excerpt`, in code points of the excerpt (its white space collapsed)."""
    segment: SegmentRef | None = None
    """For a bilingual file, where the span stands in its segment."""


@dataclass(frozen=True, slots=True)
class Match:
    """What a check kind yields: a span of the document text and what is wrong with it.

    Corpus kinds no longer hold the document when they reduce, so they pass the
    `location` they recorded in their facts; document kinds leave it to the engine.
    """

    start: int
    end: int
    message: str
    suggestion: str | None = None
    location: Location | None = None
    related: tuple[str, ...] = ()
    """Every file this finding is about (where a name's other spelling stands), perhaps this one too:
    one tuple shared by all the findings about it, so a run's matches take no more room with more files."""
    related_key: str | None = None
    """What the related files hold (the other spelling): the row of the run's cross-file table."""
    severity: Severity | None = None
    """For a kind that grades its own matches (LanguageTool's hints are info); None: the rule's."""
    source_span: tuple[int, int] | None = None
    """For a bilingual kind: the span of the segment's source text the match is about."""


RELATED_SHOWN = 5
"""Other files a finding names itself; the rest are counted (Finding.related_count)."""


@dataclass(frozen=True, slots=True, order=True)
class Finding:
    """A Match located in a file and labelled with its rule; the unit every output renders."""

    path: str
    start: int
    end: int
    rule: str
    severity: Severity
    message: str
    line: int
    column: int
    end_line: int
    end_column: int
    excerpt: str
    suggestion: str | None = None
    related: tuple[str, ...] = ()
    """A few of the other files this finding is about, at most RELATED_SHOWN: the full list is
    the run's cross-file table, once, or a finding per file would repeat it (square of the files)."""
    related_count: int = 0
    """How many other files in all."""
    related_key: str | None = None
    """Their row in the run's cross-file table (Results.cross_file)."""
    excerpt_span: tuple[int, int] | None = field(default=None, compare=False)
    """Where the flagged text stands in `excerpt`, for a terminal's caret line; not in the JSON contract."""
    segment: SegmentRef | None = field(default=None, compare=False)
    """In a bilingual file: the segment, and where the finding stands in its target and source."""

    def to_dict(self) -> dict[str, object]:
        """The finding's shape in the JSON contract (DESIGN.md): add fields, never rename."""
        return {
            "rule": self.rule,
            "severity": self.severity.label,
            "message": self.message,
            "start": self.start,
            "end": self.end,
            "line": self.line,
            "column": self.column,
            "end_line": self.end_line,
            "end_column": self.end_column,
            "excerpt": self.excerpt,
            "suggestion": self.suggestion,
            "related": list(self.related),
            "related_count": self.related_count,
            "related_key": self.related_key,
            "segment": self.segment.to_dict() if self.segment else None,
        }


@dataclass(frozen=True, slots=True)
class FileResult:
    """One file: its findings, or the input error that stopped it from being checked."""

    path: str
    words: int = 0
    findings: tuple[Finding, ...] = ()
    error: str | None = None
    rule_errors: tuple[str, ...] = ()
    """Rules that crashed on this file; its other findings still stand."""
    warnings: tuple[str, ...] = ()
    """How the file was read (a guessed encoding), and rules that could not run on it, as messages."""
    unavailable: tuple[str, ...] = ()
    """The ids of the rules that could not run on this file (see qa.errors.Unavailable)."""
    metrics: Mapping[str, float] = field(default_factory=dict, hash=False)
    """Size and readability figures (qa.metrics.measure); read-only, and picklable for worker processes."""

    @property
    def problems(self) -> tuple[str, ...]:
        """Why this file makes the run exit 2, if it does: one message each."""
        return (self.error,) if self.error else self.rule_errors


@dataclass(frozen=True)
class Results:
    files: tuple[FileResult, ...]
    errors: tuple[str, ...] = field(default=())
    """Input problems not tied to a checked file (a missing path), as one-line messages."""
    run_warnings: Mapping[str, str] = field(default_factory=dict)
    """Rules that could not run at all in this run, with why, by rule id."""
    not_configured: Mapping[str, str] = field(default_factory=dict)
    """Rules left out because they need set-up (a server), with why, by rule id."""
    cross_file: Mapping[str, Mapping[str, tuple[str, ...]]] = field(default_factory=dict)
    """By rule id, then related_key: every file a cross-file finding's other side stands in."""

    @property
    def warnings(self) -> list[str]:
        """Every warning of the run once, in the order first seen."""
        found = [*self.run_warnings.values(), *(w for r in self.files for w in r.warnings)]
        return list(dict.fromkeys(found))

    @property
    def unavailable(self) -> set[str]:
        """The ids of the rules that were to run and could not, for the run or for some file."""
        return {*self.run_warnings, *(rule_id for r in self.files for rule_id in r.unavailable)}

    def referenced_cross_file(self) -> dict[str, dict[str, list[str]]]:
        """The rows of the cross-file table that the findings left (after suppression, a baseline) name."""
        keys = {(f.rule, f.related_key) for f in self.findings if f.related_key is not None}
        table: dict[str, dict[str, list[str]]] = {}
        for rule, rows in sorted(self.cross_file.items()):
            for key, files in sorted(rows.items()):
                if (rule, key) in keys:
                    table.setdefault(rule, {})[key] = list(files)
        return table

    @property
    def findings(self) -> list[Finding]:
        return [f for result in self.files for f in result.findings]

    @property
    def checked(self) -> list[FileResult]:
        return [r for r in self.files if r.error is None]

    @property
    def input_errors(self) -> list[str]:
        """Every problem that makes the run exit 2, one line each, naming the file."""
        return [f"{r.path}: {message}" for r in self.files for message in r.problems] + list(self.errors)

    def count_by_severity(self) -> dict[str, int]:
        return severity_counts(self.findings)

    def count_by_rule(self) -> dict[str, int]:
        return dict(sorted(Counter(f.rule for f in self.findings).items()))

    def worst_severity(self) -> Severity | None:
        return max((f.severity for f in self.findings), default=None)
