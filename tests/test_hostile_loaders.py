"""Hostile and broken .docx, HTML and Markdown: one clear error or a warning, never a crash.

Each reproducer of issue 13 for these loaders, through the API; the .docx and HTML ones also
through the command line, where a broken file must cost only itself (exit 2, one error line
naming it, the other files' findings still reported). Time and memory are measured by
benchmarks/loader_shapes.py, not asserted here.
"""

from __future__ import annotations

import io
import json
import struct
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from qa.errors import InputError
from qa.loaders import load_bytes, load_path

DOCUMENT = "word/document.xml"
WORD = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
BILLION_LAUGHS = (
    '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
    '<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">'
    '<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>'
    f"<w:document {WORD}><w:body><w:p><w:r><w:t>&lol3;</w:t></w:r></w:p></w:body></w:document>"
)
GOOD_TEXT = "The minister said there can be no No bargaining.\n"


def word_file(*paragraphs: str) -> bytes:
    import docx

    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def repacked(data: bytes, replace: dict[str, str | bytes], method: int = zipfile.ZIP_DEFLATED) -> bytes:
    """The archive with some parts' content replaced."""
    source = zipfile.ZipFile(io.BytesIO(data))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", method) as archive:
        for name in source.namelist():
            archive.writestr(name, replace.get(name, source.read(name)))
    return buffer.getvalue()


def with_document_method(data: bytes, method: int) -> bytes:
    """The archive with the document part's compression method set to `method` in its headers."""
    info = zipfile.ZipFile(io.BytesIO(data)).getinfo(DOCUMENT)
    changed = bytearray(data)
    changed[info.header_offset + 8 : info.header_offset + 10] = struct.pack("<H", method)
    central = central_entry(changed)
    changed[central + 10 : central + 12] = struct.pack("<H", method)
    return bytes(changed)


def central_entry(data: bytearray) -> int:
    """Where the document part's entry in the central directory starts."""
    at = data.find(b"PK\x01\x02")
    while data[at + 46 : at + 46 + len(DOCUMENT)] != DOCUMENT.encode():
        at = data.find(b"PK\x01\x02", at + 1)
    return at


def with_corrupt_document(data: bytes) -> bytes:
    """The document part's deflated bytes overwritten in the middle."""
    info = zipfile.ZipFile(io.BytesIO(data)).getinfo(DOCUMENT)
    start = info.header_offset + 30 + len(DOCUMENT) + len(info.extra) + info.compress_size // 3
    return data[:start] + b"\xff" * 40 + data[start + 40 :]


def with_short_document(data: bytes) -> bytes:
    """The archive with half of the document part's bytes cut out (its headers unchanged)."""
    info = zipfile.ZipFile(io.BytesIO(data)).getinfo(DOCUMENT)
    start = info.header_offset + 30 + len(DOCUMENT) + len(info.extra)
    return data[: start + info.compress_size // 2] + data[start + info.compress_size :]


def encrypted(data: bytes) -> bytes:
    """The archive with every part flagged as encrypted."""
    changed = bytearray(data)
    for signature, flags in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
        at = changed.find(signature)
        while at >= 0:
            changed[at + flags] |= 1
            at = changed.find(signature, at + 1)
    return bytes(changed)


def bomb(megabytes: int) -> bytes:
    """A valid Word file whose document part unpacks to `megabytes` of empty paragraphs."""
    valid = word_file("Hello.")
    xml = zipfile.ZipFile(io.BytesIO(valid)).read(DOCUMENT).decode()
    paragraphs = "<w:p/>" * (megabytes * 1024 * 1024 // 6)
    return repacked(valid, {DOCUMENT: xml.replace("<w:sectPr", paragraphs + "<w:sectPr", 1)})


def without_part(data: bytes, name: str) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(data))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for kept in source.namelist():
            if kept != name:
                archive.writestr(kept, source.read(kept))
    return buffer.getvalue()


HOSTILE_WORD = {
    "malformed XML": (lambda: repacked(word_file("Hi."), {DOCUMENT: "<w:document"}), "malformed XML"),
    "not a Word body": (
        lambda: repacked(word_file("Hi."), {DOCUMENT: "<?xml version='1.0'?><foo/>"}),
        "holds <foo>",
    ),
    "corrupt deflate": (lambda: with_corrupt_document(word_file("Hello there. " * 400)), "damaged archive"),
    "unsupported compression": (lambda: with_document_method(word_file("Hi."), 99), "damaged archive"),
    "corrupt bzip2": (
        lambda: with_corrupt_document(repacked(word_file("Hello there. " * 400), {}, zipfile.ZIP_BZIP2)),
        "damaged archive",
    ),
    "corrupt LZMA": (
        lambda: with_corrupt_document(repacked(word_file("Hello there. " * 400), {}, zipfile.ZIP_LZMA)),
        "damaged archive",
    ),
    "truncated archive": (lambda: word_file("Hi.")[:-100], "damaged archive"),
    "part cut short": (lambda: with_short_document(word_file("Hello there. " * 400)), "damaged archive"),
    "entity expansion": (lambda: repacked(word_file("Hi."), {DOCUMENT: BILLION_LAUGHS}), "DOCTYPE"),
    "no package relationships": (lambda: without_part(word_file("Hi."), "_rels/.rels"), "_rels/.rels"),
    "zip bomb": (lambda: bomb(100), "zip bomb"),
    "encrypted": (lambda: encrypted(word_file("Hi.")), "is encrypted"),
}


@pytest.mark.parametrize("case", sorted(HOSTILE_WORD))
def test_a_hostile_word_file_is_one_line_input_error(case: str) -> None:
    make, cause = HOSTILE_WORD[case]
    with pytest.raises(InputError) as raised:
        load_bytes(make(), "bad.docx")
    message = str(raised.value)
    assert message.startswith("not a readable Word document") and cause in message
    assert "\n" not in message


def test_a_part_that_unpacks_far_past_its_packed_size_is_refused_before_reading() -> None:
    data = bomb(8)  # under the total cap, but thousands to one
    with pytest.raises(
        InputError, match=r"word/document.xml unpacks to [\d,]+ bytes from [\d,]+ \(over 30 to one"
    ):
        load_bytes(data, "bomb.docx")


def test_a_part_larger_than_declared_is_cut_at_its_declared_size() -> None:
    """zipfile reads no more than the declared size, so the size check bounds what is unpacked."""
    valid = word_file("Hello.")
    xml = zipfile.ZipFile(io.BytesIO(valid)).read(DOCUMENT)
    data = bytearray(
        repacked(valid, {DOCUMENT: xml.replace(b"<w:sectPr", b"<w:p/>" * 100_000 + b"<w:sectPr", 1)})
    )
    info = zipfile.ZipFile(io.BytesIO(bytes(data))).getinfo(DOCUMENT)
    central = central_entry(data)
    data[central + 24 : central + 28] = struct.pack("<I", 1000)  # the central directory's uncompressed size
    assert info.file_size > 600_000
    with pytest.raises(InputError, match="damaged archive|malformed XML"):
        load_bytes(bytes(data), "liar.docx")


def test_word_text_still_reads_as_python_docx_reads_it() -> None:
    import docx

    document = docx.Document()
    paragraph = document.add_paragraph("Tab\there, ")
    paragraph.add_run("a break").add_break()
    paragraph.add_run("and more.")
    buffer = io.BytesIO()
    document.save(buffer)
    assert load_bytes(buffer.getvalue(), "a.docx").text == "Tab\there, a break and more."


@pytest.mark.parametrize(
    "html",
    [
        "<p>Before <![foo[ x ]]> after</p>",
        "<p>Before <![ [ x ]]> after</p>",
        "<p>Before <![9 x> after</p>",
        "<p>Before <![if !IE]>after<![endif]></p>",
    ],
)
def test_an_unknown_marked_section_is_a_bogus_comment(html: str) -> None:
    document = load_bytes(html.encode(), "page.html")
    assert document.text.startswith("Before") and document.text.endswith("after")


def test_text_after_a_bogus_marked_section_keeps_its_offsets() -> None:
    source = "<p>q</p>\n<![9 <p>after the the</p>"
    document = load_bytes(source.encode(), "page.html")
    assert document.text == "q\n\nafter the the"
    start = document.text.index("after")
    assert source[document.to_source(start) :].startswith("after")


@pytest.mark.parametrize(
    "charset", ["rot13", "base64", "undefined", "cp037", "unicode_escape", "utf-7", "hex"]
)
def test_a_charset_that_is_not_an_ascii_text_encoding_is_ignored(charset: str) -> None:
    data = f"<meta charset={charset}><p>Caf\xe9 au lait.</p>".encode("latin-1")
    with pytest.raises(InputError, match="not valid UTF-8"):
        load_bytes(data, "page.html")
    assert "Café" in load_bytes(f"<meta charset={charset}><p>Café au lait.</p>".encode(), "page.html").text


def test_a_real_legacy_charset_is_still_read() -> None:
    data = "<meta charset=windows-1251><p>Привет.</p>".encode("cp1251")
    assert load_bytes(data, "page.html").text == "Привет."


@pytest.mark.parametrize(
    "html, text",
    [
        ("<div>" * 3000 + "Deep text." + "</div>" * 3000, "Deep text."),
        ("<div><span>" * 1000 + "Inside." + "</span>" * 1000 + "</div>" * 1000, "Inside."),
        ("<p>One" + "<b>" * 2000 + " two", "One two"),
        ("<div>" * 1000 + "x" + "</p>" * 1000 + "</div>" * 1000, "x"),
        ("<p>Kept." + "<a" * 1000, "Kept.<a"),  # the parser reads the last "<" of a file as text
        ("<p>Kept." + "<!--a>" * 1000, "Kept."),
    ],
)
def test_deep_and_unclosed_markup_reads_as_before(html: str, text: str) -> None:
    assert load_bytes(html.encode(), "page.html").text.strip() == text


def test_an_inline_end_tag_still_cannot_close_a_block() -> None:
    document = load_bytes(b"<p>One <span>two <div>three</span> four</div> five</p>", "page.html")
    assert document.text == "One two\n\nthree four\n\nfive"


@pytest.mark.parametrize("depth", [20, 30, 49])
def test_deep_block_quotes_are_read(depth: int) -> None:
    document = load_bytes(("> " * depth + "Quoted text.\n").encode(), "deep.md")
    assert document.text == "Quoted text."
    assert document.warnings == ()


def test_block_quotes_deeper_than_the_parser_reads_are_reported() -> None:
    document = load_bytes(("Top line.\n\n" + "> " * 60 + "Quoted text.\n").encode(), "deep.md")
    assert document.text == "Top line."
    assert document.warnings == (
        "deep.md: nested too deep (block quotes and lists, 50 levels): the text inside was not checked",
    )


def test_a_large_table_keeps_every_cell_in_its_place() -> None:
    rows = 3000
    source = "| Name | Value |\n|---|---|\n" + "".join(f"| row {i} | value {i} |\n" for i in range(rows))
    document = load_bytes(source.encode(), "table.md")
    assert document.text.count("\n\n") == 2 * rows + 1
    last = document.text.rindex("value")
    assert source[document.to_source(last) :].startswith(f"value {rows - 1} |")


def test_load_path_reads_a_hostile_file_as_an_input_error(tmp_path: Path) -> None:
    path = tmp_path / "bad.docx"
    path.write_bytes(bomb(100))
    with pytest.raises(InputError, match="zip bomb"):
        load_path(path, "bad.docx")


def check(folder: Path, *names: str) -> tuple[subprocess.CompletedProcess[bytes], dict]:
    result = subprocess.run(
        [sys.executable, "-m", "qa", "check", *names, "--format", "json"],
        cwd=folder,
        capture_output=True,
        timeout=120,
        check=False,
    )
    return result, json.loads(result.stdout)


CLI_CASES = {
    "bad.docx": lambda: HOSTILE_WORD["malformed XML"][0](),
    "bomb.docx": lambda: bomb(100),
    "entities.docx": lambda: HOSTILE_WORD["entity expansion"][0](),
    "cut.docx": lambda: with_corrupt_document(word_file("Hello there. " * 400)),
    "marked.html": lambda: b"<p>Text <![foo[ x ]]> here.</p>",
    "rot13.html": lambda: "<meta charset=rot13><p>Caf\xe9.</p>".encode("latin-1"),
}


@pytest.mark.parametrize("name", sorted(CLI_CASES))
def test_the_command_line_reports_a_hostile_file_and_checks_the_others(tmp_path: Path, name: str) -> None:
    (tmp_path / "good.txt").write_text(GOOD_TEXT, encoding="utf-8")
    (tmp_path / name).write_bytes(CLI_CASES[name]())
    result, report = check(tmp_path, "good.txt", name)
    good = next(file for file in report["files"] if file["path"] == "good.txt")
    assert any(finding["rule"] == "duplicated-word" for finding in good["findings"])
    assert b"Traceback" not in result.stderr
    if name == "marked.html":  # read, not refused
        assert result.returncode == 1 and report["errors"] == []
        return
    assert result.returncode == 2
    assert [error["path"] for error in report["errors"]] == [name]
    lines = [line for line in result.stderr.decode().splitlines() if line.startswith("mtqa: error:")]
    assert len(lines) == 1 and lines[0].startswith(f"mtqa: error: {name}: ")


def test_the_command_line_warns_of_markdown_nested_too_deep(tmp_path: Path) -> None:
    (tmp_path / "good.txt").write_text(GOOD_TEXT, encoding="utf-8")
    (tmp_path / "deep.md").write_text("Top line here.\n\n" + "> " * 60 + "Quoted.\n", encoding="utf-8")
    result, report = check(tmp_path, "good.txt", "deep.md")
    assert result.returncode == 1 and report["errors"] == []
    assert report["warnings"] == [
        "deep.md: nested too deep (block quotes and lists, 50 levels): the text inside was not checked"
    ]


@pytest.mark.parametrize(
    "name, data",
    [
        ("t.md", b"| a | b |\n|---|---|\n| Hello world | next cell |\n"),
        ("t.html", b"<p>Hello world</p><p>next</p>"),
    ],
)
def test_an_empty_span_at_the_end_of_a_cell_stays_in_that_cell(name: str, data: bytes) -> None:
    """A full stop missing at the end of a cell: its start alone would map to the next cell's
    text and its end to this one (Document.locate should use span_to_source)."""
    document = load_bytes(data, name)
    offsets = document.offset_map
    after_world = document.text.index("world") + len("world")
    source_start, source_end = offsets.span_to_source(after_world, after_world)
    assert source_start == source_end == data.decode().index("world") + len("world")
    assert offsets.span_to_prose(source_start, source_end) == (after_world, after_world)
    next_start = document.text.index("next")
    assert offsets.span_to_source(next_start, next_start) == (data.decode().index("next"),) * 2
