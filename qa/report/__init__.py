"""The HTML report: one self-contained page per checked file, and an index across files."""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from qa.catalogue import Catalogue, Rule
from qa.engine import Source
from qa.findings import Results
from qa.report.html import (
    INDEX,
    Link,
    Neighbours,
    file_page,
    in_index_order,
    index_page,
    rules_not_run,
    variants_of,
)
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
    holds one text at a time however many files a run has. Every page is a new file
    (write_new): a link already in the folder is replaced, never written through.
    """
    folder.mkdir(parents=True, exist_ok=True)
    by_path = {source.display: source for source in sources}
    names = report_names([r.path for r in results.files])
    around = neighbours_in([r.path for r in in_index_order(results.checked)], names)
    pages: dict[str, Path] = {}
    variants = []
    for result in results.checked:
        try:
            doc = by_path[result.path].load()
        except Exception:  # noqa: BLE001 - changed on disk since it was checked; the index still lists it
            continue
        page = folder / names[result.path]
        write_new(page, file_page(doc, result, catalogue, names, around[result.path]))
        pages[result.path] = page
        variants.extend(variants_of(doc, result, names))
    written = {path: names[path] for path in pages}
    index = folder / INDEX
    rules_run = [r.id for r in rules]
    not_run = rules_not_run(results, rules_run)
    write_new(index, index_page(results.files, catalogue, written, variants, rules_run, not_run))
    return WrittenReport(index, pages)


def neighbours_in(order: Sequence[str], names: Mapping[str, str]) -> dict[str, Neighbours]:
    """Each file's previous and next file in `order` (the index's), as links to their pages."""
    links = [Link(path, names[path]) for path in order]
    return {
        path: Neighbours(links[at - 1] if at else None, links[at + 1] if at + 1 < len(links) else None)
        for at, path in enumerate(order)
    }


def write_new(path: Path, text: str) -> None:
    """Write `text` to a file created anew at `path`, whatever stood there before.

    A symbolic or hard link left in the folder (by whoever else can write to it) would
    carry the write to a file outside: it is removed first, and the exclusive, no-follow
    creation fails rather than write through one that reappears in between.
    """
    path.unlink(missing_ok=True)
    created = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0), 0o666)
    with open(created, "w", encoding="utf-8") as out:
        out.write(text)
