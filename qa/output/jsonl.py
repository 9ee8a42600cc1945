"""JSON Lines (`--format jsonl`): one record a line, each written as soon as it is known.

For archives too large to hold: a file's record is written when the file is checked and then
let go, so memory does not grow with the results. The corpus rules' findings (name-variant)
need every file first: they follow as one `corpus` record per file that has any, then the rows
of the cross-file table they name, then the `summary`. docs/json.md describes each record;
a file's findings are those of its `file` record and its `corpus` record together.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from typing import TextIO

from qa.catalogue import Catalogue
from qa.findings import FileResult, Finding, Results, severity_counts
from qa.output.json import dumps, file_entry


class JsonLines:
    """Writes the records of one run to `out`, counting what it writes for the summary."""

    def __init__(self, out: TextIO) -> None:
        self.out = out
        self.files = 0
        self.by_severity: Counter[str] = Counter()
        self.by_rule: Counter[str] = Counter()
        self.named: set[tuple[str, str]] = set()
        """(rule, related_key) of the cross-file rows the findings written name."""

    def file(self, result: FileResult) -> None:
        """A file as it is checked: its record, or one error record a problem."""
        if result.error is None:
            self.files += 1
            getattr(self.out, "before_file", _nothing)()  # a folder of parts may open the next one
            self._write({"record": "file", **file_entry(result)})
            self._count(result.findings)
        for message in result.problems:
            self.error(result.path, message)

    def corpus(self, path: str, findings: tuple[Finding, ...]) -> None:
        """The corpus rules' findings of one file, once every file has been checked."""
        self._write({"record": "corpus", "path": path, "findings": [f.to_dict() for f in findings]})
        self._count(findings)

    def error(self, path: str | None, message: str) -> None:
        """A problem with a file, or with no file in particular (None); also one found after the
        file's record (its corpus findings could not be placed)."""
        self._write({"record": "error", "path": path, "message": message})

    def finish(self, results: Results, warnings: Iterable[str]) -> None:
        """Input errors not tied to a checked file, the cross-file rows the findings written name,
        and the summary."""
        for message in results.errors:
            self.error(None, message)
        for rule, rows in sorted(results.cross_file.items()):
            for key, files in sorted(rows.items()):
                if (rule, key) in self.named:
                    self._write({"record": "cross_file", "rule": rule, "related_key": key, "files": list(files)})
        findings = sum(self.by_rule.values())
        by_severity = {label: self.by_severity[label] for label in severity_counts(())}
        self._write(
            {
                "record": "summary",
                "files": self.files,
                "findings": findings,
                "by_severity": by_severity,
                "by_rule": dict(sorted(self.by_rule.items())),
                "warnings": list(warnings),
            }
        )

    def _count(self, findings: Iterable[Finding]) -> None:
        for finding in findings:
            self.by_severity[finding.severity.label] += 1
            self.by_rule[finding.rule] += 1
            if finding.related_key is not None:
                self.named.add((finding.rule, finding.related_key))

    def _write(self, record: dict[str, object]) -> None:
        self.out.write(dumps(record, one_line=True))
        self.out.write("\n")
        self.out.flush()


def render(results: Results, catalogue: Catalogue, out: TextIO) -> None:
    """A finished run's records (the API's; `mtqa check --format jsonl` streams them instead):
    each file's record holds all its findings, corpus ones too, so there are no corpus records."""
    lines = JsonLines(out)
    for result in results.files:
        lines.file(result)
    lines.finish(results, results.warnings)


def _nothing() -> None:
    """What a plain stream does before a file record."""
