"""The HTML report: one self-contained page per checked file, and an index across files."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from qa.catalogue import Catalogue, Rule
from qa.engine import Source
from qa.errors import InputError
from qa.findings import Results
from qa.report.html import INDEX, file_page, index_page, variants_of
from qa.report.naming import report_names


@dataclass(frozen=True)
class WrittenReport:
    index: Path
    pages: dict[str, Path]
    """The page written for each checked file, by its path as reported."""


def write_reports(
    results: Results, sources: Sequence[Source], rules: Sequence[Rule], catalogue: Catalogue, folder: Path
) -> WrittenReport:
    """Write a page per checked file and `index.html` into `folder`; input files are only read.

    Each document is read again here rather than kept from the check, so memory
    holds one text at a time however many files a run has.
    """
    folder.mkdir(parents=True, exist_ok=True)
    by_path = {source.display: source for source in sources}
    names = report_names([r.path for r in results.files])
    pages: dict[str, Path] = {}
    variants = []
    for result in results.checked:
        try:
            doc = by_path[result.path].load()
        except InputError:  # changed on disk since it was checked; the index still lists it
            continue
        page = folder / names[result.path]
        page.write_text(file_page(doc, result, catalogue, names), encoding="utf-8")
        pages[result.path] = page
        variants.extend(variants_of(doc, result, names))
    written = {path: names[path] for path in pages}
    index = folder / INDEX
    index.write_text(
        index_page(results.files, catalogue, written, variants, [r.id for r in rules]), encoding="utf-8"
    )
    return WrittenReport(index, pages)
