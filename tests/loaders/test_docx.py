"""Word documents: paragraphs and table cells in order, findings by paragraph number and offset."""

from __future__ import annotations

import io

import pytest

from qa.engine import Source, run
from qa.errors import InputError
from qa.loaders import LoadOptions, load_bytes
from tests.conftest import ROOT, SEEDS
from tests.helpers import CATALOGUE

FIXTURES = ROOT / "tests" / "data" / "seeds"


def word_file(*paragraphs: str, table: list[list[str]] | None = None) -> bytes:
    import docx

    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    if table:
        grid = document.add_table(rows=len(table), cols=len(table[0]))
        for row, cells in zip(grid.rows, table):
            for cell, text in zip(row.cells, cells):
                cell.text = text
    document.add_paragraph("After the table.")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def test_paragraphs_and_table_cells_in_order() -> None:
    data = word_file("Headline", "", "Body text here.", table=[["21 Jan 2022", "Geneva"], ["22 Jan", "Kyiv"]])
    doc = load_bytes(data, "story.docx", LoadOptions())
    assert doc.text == "Headline\n\nBody text here.\n\n21 Jan 2022\n\nGeneva\n\n22 Jan\n\nKyiv\n\nAfter the table."


def test_findings_locate_by_paragraph_number_and_offset() -> None:
    data = word_file("Headline", "", "Officials said there can be no No bargaining.")
    (finding,) = run([Source("story.docx", data=data)], CATALOGUE.select(["duplicated-word"])).findings
    assert (finding.line, finding.column, finding.end_line, finding.end_column) == (3, 29, 3, 34)
    assert finding.excerpt == "Officials said there can be no No bargaining."


@pytest.mark.parametrize("name", ["000_4ba9a3a3582aff3b", "002_fccc3799612edf3c"])
def test_seed_as_word_gives_the_findings_of_the_text(name: str) -> None:
    rules = CATALOGUE.select()
    text = run([Source(f"{name}.txt", data=(SEEDS / f"{name}.txt").read_bytes())], rules)
    word = run([Source(f"{name}.docx", data=(FIXTURES / f"{name}.docx").read_bytes())], rules)
    assert [(f.rule, f.excerpt, f.suggestion) for f in word.findings] == [
        (f.rule, f.excerpt, f.suggestion) for f in text.findings
    ]
    original = (SEEDS / f"{name}.txt").read_text(encoding="utf-8")
    lines = [p.strip("\n") for p in original.split("\n\n") if p.strip()]
    for in_text, in_word in zip(text.findings, word.findings):  # line = paragraph, column = offset + 1
        wanted = original[in_text.start : in_text.end]
        if in_word.line == in_word.end_line:
            line = lines[in_word.line - 1]
            assert line[in_word.column - 1 : in_word.end_column - 1] == wanted, in_word


@pytest.mark.parametrize("data", [b"PK\x03\x04 not really a zip", b"just some text in a .docx"])
def test_a_broken_word_file_is_an_input_error(data: bytes) -> None:
    with pytest.raises(InputError, match="not a readable Word document"):
        load_bytes(data, "broken.docx", LoadOptions())
