"""The prose builder and its offset map: findings on prose land on the right source spans."""

from __future__ import annotations

from qa.engine import Source, run
from qa.loaders.extraction import ProseBuilder
from tests.helpers import CATALOGUE

SOURCE = "<p>There can be no <em>No</em> bargaining &amp; more.</p>\r\n<p>Second</p>"


def build() -> ProseBuilder:
    builder = ProseBuilder(SOURCE)
    builder.take(3, 19)  # "There can be no "
    builder.take(23, 25)  # "No"
    builder.take(30, 42)  # " bargaining "
    builder.take_as("&", 42, 47)  # "&amp;"
    builder.take(47, 53)  # " more."
    builder.paragraph_break()
    builder.take(62, 68)  # "Second"
    return builder


def test_prose_reads_without_markup() -> None:
    assert build().document("x.html").text == "There can be no No bargaining & more.\n\nSecond"


def test_offsets_map_to_the_source_and_back() -> None:
    doc = build().document("x.html")
    start = doc.text.index("no No")
    assert (doc.to_source(start), doc.to_source(start + 5, end=True)) == (16, 25)
    assert SOURCE[16:25] == "no <em>No"
    amp = doc.text.index("&")
    assert (doc.to_source(amp), doc.to_source(amp + 1, end=True)) == (42, 47)
    assert (doc.to_prose(42), doc.to_prose(47, end=True)) == (amp, amp + 1)
    assert doc.to_prose(16) == start and doc.to_prose(25, end=True) == start + 5


def test_breaks_of_the_builders_own_map_to_the_text_around_them() -> None:
    doc = build().document("x.html")
    gap = doc.text.index("\n\n")
    assert doc.to_source(gap) == 62  # a start in the gap: the next text
    assert doc.to_source(gap + 2, end=True) == 53  # an end in the gap: the previous text


def test_lines_and_columns_are_those_of_the_source_file() -> None:
    doc = build().document("x.html")
    second = doc.text.index("Second")
    location = doc.locate(second, second + 6)
    assert (location.line, location.column, location.start, location.end) == (2, 4, 62, 68)
    assert location.excerpt == "Second"


def test_a_finding_reports_source_offsets_through_the_engine(monkeypatch) -> None:
    from qa import loaders

    monkeypatch.setattr(loaders, "loader_for", lambda name: lambda data, display, options: build().document(display))
    results = run([Source("x.html", data=SOURCE.encode())], CATALOGUE.select(["duplicated-word"]))
    (finding,) = results.findings
    assert (finding.start, finding.end, finding.line, finding.column) == (16, 25, 1, 17)
    assert finding.excerpt == "There can be no No bargaining & more."


def test_start_and_end_of_the_prose() -> None:
    doc = build().document("x.html")
    assert doc.to_source(0) == 3
    assert doc.to_source(len(doc.text), end=True) == 68
    assert doc.to_prose(0) == 0  # markup before the first text goes to the first text
    assert doc.to_prose(len(SOURCE), end=True) == len(doc.text)
