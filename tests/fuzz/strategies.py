"""Hypothesis strategies for hostile input: generated and mutated text, Markdown, HTML and Word files.

Every strategy draws `bytes`, as a file arrives: realistic news prose mixed with the pieces
that have broken loaders and rules before (every kind of quote, doubled words, dates and
numbers, CJK and right-to-left script, control characters, odd encodings), then, often,
mutated byte by byte. tests.fuzz.files maps each format to a strategy of (file name, bytes).
"""

from __future__ import annotations

import codecs
import io
import re
import struct
import zipfile
from functools import cache
from xml.sax.saxutils import escape

from hypothesis import strategies as st

PROSE = (
    "The minister said on Tuesday that talks would resume next week.",
    "Officials in Geneva declined to comment.",
    "According to the report, 1,234 people were evacuated.",
    "He said: “We will not give up.”",
    "Prices rose 3.5 percent in March, the statistics office said.",
    "It is said that the project will be completed in the near future.",
    "Mr. Tanaka, 54, arrived in Kyiv on 21 Jan 2022.",
    "The company's shares fell.",
)
# fmt: off
HOSTILE = (
    '"', "'", "“", "”", "‘", "’", "„", "‟", "«", "»", "‹", "›", "「", "」", "『", "』", "`", "``", "''",
    '"a ', "no No ", "the the ", "The The", " . ", "!?", "...", "…", " ,", "(", ")", "[", "]",
    "12.5.2020", "2020年5月12日", "1.234,56", "3,5 %", "10:30", "Jan.", "Mr.", "U.S.", "e.g.",
    "東京都で", "서울", "Москва", "مرحبا بالعالم", "שלום", "Ελλάδα", "नमस्ते",
    "\u202e", "\u202d", "\u200b", "\u200d", "\ufeff", "\u00ad", "\u0301", "e\u0301", "🇯🇵", "👩‍👩‍👧",
    "Ã©", "â€™", "Ã¼ber", "\ufffd",
    "\x00", "\x01", "\x07", "\x0b", "\x0c", "\x1b[31m", "\x1b]0;title\x07", "\x7f", "\x85", "\x9b",
    "\u2028", "\u2029",
    "\r", "\r\n", "\n", "\n\n", "\t", "   ",
    "<!-- mtqa-disable -->", "<!-- mtqa-enable duplicated-word -->",
    "<!-- mtqa-disable-next-line spacing -->",
    "<!-- mtqa-bogus x -->", "<", ">", "&", "&amp;", "]]>",
)
# fmt: on
SEPARATORS = (" ", " ", "\n", "\n\n", "")


def prose_pieces() -> st.SearchStrategy[str]:
    """One piece of a document: a hostile fragment, arbitrary characters, a space or line break, a sentence.

    In that order, as a failure shrinks towards the first kind of piece.
    """
    return st.one_of(
        st.sampled_from(HOSTILE),
        st.text(max_size=12),
        st.sampled_from(SEPARATORS),
        st.sampled_from(PROSE),
    )


def prose(max_pieces: int = 30) -> st.SearchStrategy[str]:
    return st.lists(prose_pieces(), max_size=max_pieces).map("".join)


def inline(max_pieces: int = 8) -> st.SearchStrategy[str]:
    """Prose for one line: no line breaks, as markup puts it inside a heading or a cell."""
    return st.lists(prose_pieces(), max_size=max_pieces).map(
        lambda pieces: re.sub(r"[\r\n]+", " ", "".join(pieces))
    )


# -- bytes ---------------------------------------------------------------------------------------------

ENCODINGS = (
    ("utf-8", b""),
    ("utf-8", codecs.BOM_UTF8),
    ("utf-16-le", codecs.BOM_UTF16_LE),
    ("utf-16-be", codecs.BOM_UTF16_BE),
    ("utf-16-le", b""),
    ("utf-16-be", b""),
    ("utf-32-le", codecs.BOM_UTF32_LE),
    ("cp1252", b""),
    ("latin-1", b""),
    ("shift_jis", b""),
)


def encoded(text: str, codec: str, bom: bytes) -> bytes:
    return bom + text.encode(codec, errors="replace")


@st.composite
def encoded_text(draw: st.DrawFn, texts: st.SearchStrategy[str]) -> bytes:
    """A text in UTF-8 mostly, else in another encoding, with or without its byte-order mark."""
    text = draw(texts)
    codec, bom = draw(st.sampled_from(ENCODINGS[:1] * 6 + ENCODINGS))
    return encoded(text, codec, bom)


@st.composite
def mutated(draw: st.DrawFn, data: bytes) -> bytes:
    """`data` with a few bytes flipped, dropped or inserted, or cut short (truncated UTF-8, a torn zip)."""
    result = bytearray(data)
    for _ in range(draw(st.integers(0, 4))):
        position = draw(st.integers(0, len(result)))
        action = draw(st.sampled_from(("flip", "drop", "insert", "truncate")))
        if action == "truncate":
            del result[position:]
        elif action == "insert":
            result[position:position] = draw(st.binary(min_size=1, max_size=4))
        elif position < len(result):
            if action == "drop":
                del result[position]
            else:
                result[position] ^= 1 << draw(st.integers(0, 7))
    return bytes(result)


def maybe_mutated(data: st.SearchStrategy[bytes]) -> st.SearchStrategy[bytes]:
    """Mostly the data as generated, a third of the time mutated."""
    return data.flatmap(lambda raw: st.one_of(st.just(raw), st.just(raw), mutated(raw)))


def text_bytes() -> st.SearchStrategy[bytes]:
    return st.one_of(maybe_mutated(encoded_text(prose())), st.binary(max_size=200))


# -- Markdown ------------------------------------------------------------------------------------------


def _markdown_blocks() -> st.SearchStrategy[str]:
    line = inline()
    leaf = st.one_of(
        line.map(lambda text: text + "\n"),
        st.tuples(st.integers(1, 7), line).map(lambda h: "#" * h[0] + " " + h[1] + "\n"),
        st.tuples(line, st.sampled_from(("===", "---", "-"))).map(lambda h: f"{h[0]}\n{h[1]}\n"),
        st.tuples(
            st.sampled_from(("```", "~~~", "````")),
            st.sampled_from(("", "python", "md")),
            prose(6),
            st.booleans(),
        ).map(lambda c: f"{c[0]}{c[1]}\n{c[2]}\n" + (c[0] + "\n" if c[3] else "")),
        prose(4).map(lambda code: "".join("    " + row + "\n" for row in code.split("\n"))),
        st.lists(st.lists(inline(3), min_size=1, max_size=4), min_size=1, max_size=6).map(_markdown_table),
        st.tuples(st.sampled_from(("div", "p", "table", "script", "pre", "!--")), prose(4)).map(
            lambda h: f"<{h[0]}>\n{h[1]}\n" + ("-->" if h[0] == "!--" else f"</{h[0]}>") + "\n"
        ),
        st.sampled_from(
            ("---\n", "***\n", "[ref]: http://example.com 'T'\n", "<!-- mtqa-disable -->\n", "\\\n")
        ),
        st.tuples(line, st.sampled_from(("*", "_", "**", "`", "[", "](x)", "![", "<http://a>", "~~"))).map(
            "".join
        ),
        st.tuples(st.sampled_from(("> ", ">", "- ", "  - ", "1. ")), st.integers(1, 60), line).map(
            lambda deep: deep[0] * deep[1] + deep[2] + "\n"
        ),
    )
    return st.recursive(
        leaf,
        lambda inner: st.one_of(
            st.tuples(st.sampled_from(("> ", ">", "> > ")), st.lists(inner, max_size=3)).map(
                lambda q: "".join(q[0] + row + "\n" for block in q[1] for row in block.split("\n"))
            ),
            st.tuples(st.sampled_from(("- ", "* ", "1. ", "2) ", "+ ")), st.lists(inner, max_size=3)).map(
                lambda item: "".join(
                    (item[0] if i == 0 else " " * len(item[0])) + row + "\n"
                    for block in item[1]
                    for i, row in enumerate(block.split("\n"))
                )
            ),
        ),
        max_leaves=12,
    )


def _markdown_table(rows: list[list[str]]) -> str:
    def row_line(row: list[str]) -> str:
        return "| " + " | ".join(cell.replace("|", "\\|") for cell in row) + " |\n"

    return row_line(rows[0]) + "|" + "---|" * len(rows[0]) + "\n" + "".join(row_line(row) for row in rows[1:])


def _front_matter() -> st.SearchStrategy[str]:
    return st.one_of(
        st.just(""),
        inline(3).map(lambda title: f"---\ntitle: {title}\n---\n"),
        inline(3).map(lambda title: f'+++\ntitle = "{title}"\n+++\n'),
        st.just("---\nunclosed: front matter\n"),
    )


def markdown_text() -> st.SearchStrategy[str]:
    blocks = st.lists(_markdown_blocks(), max_size=8).map("\n".join)
    return st.tuples(_front_matter(), blocks).map("".join)


def markdown_bytes() -> st.SearchStrategy[bytes]:
    return st.one_of(maybe_mutated(encoded_text(markdown_text())), maybe_mutated(encoded_text(prose())))


# -- HTML ----------------------------------------------------------------------------------------------

# fmt: off
TAGS = (
    "p", "div", "span", "h1", "h3", "ul", "ol", "li", "table", "tr", "td", "th", "blockquote", "pre", "code",
    "a", "b", "i", "em", "br", "hr", "img", "script", "style", "template", "svg", "math", "textarea", "title",
    "noscript", "head", "body", "html", "article", "figure", "figcaption", "q", "sup", "ruby", "rt", "iframe",
)
# fmt: on
# fmt: off
HTML_LEAVES = (
    "&amp;", "&lt;", "&nbsp;", "&#8220;", "&#x201D;", "&#0;", "&#xD800;", "&#99999999;", "&#x;", "&bogus;",
    "&amp",
    "<!-- comment -->", "<!-- mtqa-disable -->", "<!-- mtqa-enable -->", "<!---->", "<!-- unclosed",
    "<![CDATA[ data ]]>", "<![foo[ x ]]>", "<![if !IE]>", "<!DOCTYPE html>", "<?xml version='1.0'?>",
    "<?php ?>",
    "</p>", "</div>", "</>", "<", "<p", "<a href='x", "<br/>", "<img alt=\"a “quote”\">", "&#x1b;[31m",
)
# fmt: on
# fmt: off
CHARSETS = (
    "utf-8", "UTF-8", "latin-1", "windows-1252", "shift_jis", "utf-16", "utf-16le", "utf-32", "rot13",
    "base64",
    "undefined", "hex", "zlib", "bz2", "uu", "idna", "punycode", "utf-7", "mbcs", "x-user-defined", "", "\"",
    "utf-8\x00", "a" * 300,
)
# fmt: on


def _html_fragments() -> st.SearchStrategy[str]:
    leaf = st.one_of(inline(4).map(escape), st.sampled_from(HTML_LEAVES), inline(2))
    return st.recursive(
        leaf,
        lambda inner: st.tuples(
            st.sampled_from(TAGS),
            st.sampled_from(
                ("", ' class="x"', " hidden", ' lang="ja"', " dir=rtl", " style='display:none'", " x=")
            ),
            st.lists(inner, max_size=4),
            st.booleans(),
        ).map(lambda t: f"<{t[0]}{t[1]}>" + "".join(t[2]) + (f"</{t[0]}>" if t[3] else "")),
        max_leaves=20,
    )


def _deep_html() -> st.SearchStrategy[str]:
    """Elements nested hundreds deep, closed or not, in order or not."""
    return st.tuples(st.sampled_from(TAGS), st.integers(1, 300), inline(2), st.integers(0, 300)).map(
        lambda deep: f"<{deep[0]}>" * deep[1] + escape(deep[2]) + f"</{deep[0]}>" * deep[3]
    )


@st.composite
def html_bytes(draw: st.DrawFn) -> bytes:
    """A page, sometimes declaring a charset no codec reads, sometimes stored in another encoding."""
    head = draw(
        st.one_of(
            st.just(""),
            st.sampled_from(CHARSETS).map(lambda charset: f"<meta charset={charset}>"),
            st.sampled_from(CHARSETS).map(
                lambda charset: f'<meta http-equiv="Content-Type" content="text/html; charset={charset}">'
            ),
        )
    )
    body = "".join(draw(st.lists(st.one_of(_html_fragments(), _deep_html()), max_size=6)))
    codec, bom = draw(st.sampled_from(ENCODINGS[:1] * 6 + ENCODINGS))
    return draw(maybe_mutated(st.just(encoded(head + body, codec, bom))))


# -- Word ----------------------------------------------------------------------------------------------

DOCUMENT_XML = "word/document.xml"
WORD = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
DOCUMENT_START = (
    f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:document xmlns:w="{WORD}"><w:body>'
)
DOCUMENT_END = "<w:sectPr/></w:body></w:document>"


@cache
def word_template() -> dict[str, bytes]:
    """The parts of python-docx's own blank document, built once: each example replaces its body."""
    import docx

    buffer = io.BytesIO()
    docx.Document().save(buffer)
    with zipfile.ZipFile(buffer) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def xml_text(text: str) -> str:
    """Text as XML 1.0 allows it: characters it cannot hold dropped, the rest escaped."""
    return escape(re.sub("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]", "", text))


def _word_paragraph() -> st.SearchStrategy[str]:
    run = st.one_of(
        inline(4).map(lambda text: f'<w:r><w:t xml:space="preserve">{xml_text(text)}</w:t></w:r>'),
        st.sampled_from(("<w:r><w:tab/></w:r>", "<w:r><w:br/></w:r>", "<w:r><w:cr/></w:r>", "<w:r/>")),
        inline(2).map(lambda text: f"<w:hyperlink><w:r><w:t>{xml_text(text)}</w:t></w:r></w:hyperlink>"),
    )
    return st.lists(run, max_size=4).map(lambda runs: "<w:p>" + "".join(runs) + "</w:p>")


def _word_body() -> st.SearchStrategy[str]:
    table = st.lists(st.lists(_word_paragraph(), min_size=1, max_size=3), min_size=1, max_size=3).map(
        lambda rows: (
            "<w:tbl>"
            + "".join("<w:tr>" + "".join(f"<w:tc>{p}</w:tc>" for p in row) + "</w:tr>" for row in rows)
            + "</w:tbl>"
        )
    )
    return st.lists(st.one_of(_word_paragraph(), _word_paragraph(), table), max_size=8).map("".join)


def zipped(parts: dict[str, bytes], compression: int = zipfile.ZIP_DEFLATED) -> bytes:
    """The archive of `parts`, dated in 2020 rather than now: the same draw makes the same bytes."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in parts.items():
            archive.writestr(
                zipfile.ZipInfo(name, date_time=(2020, 1, 1, 0, 0, 0)), data, compress_type=compression
            )
    return buffer.getvalue()


BROKEN_DOCUMENTS = (
    "",
    "<w:document",
    "not xml at all",
    f'<w:document xmlns:w="{WORD}"><w:body><w:p><w:r><w:t>open',
    f'<w:document xmlns:w="{WORD}"/>',
    f'<w:body xmlns:w="{WORD}"><w:p/></w:body>',
    "<foo/>",
    f'<w:document xmlns:w="{WORD}"><w:body><w:p><w:r><w:t>&undef;</w:t></w:r></w:p></w:body></w:document>',
    (
        '<?xml version="1.0"?><!DOCTYPE d [<!ENTITY a "aaaaaaaaaa">'
        '<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">'
        '<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]>'
        f'<w:document xmlns:w="{WORD}"><w:body><w:p><w:r><w:t>&c;</w:t></w:r></w:p></w:body></w:document>'
    ),
    (
        '<?xml version="1.0"?><!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/hostname">]>'
        f'<w:document xmlns:w="{WORD}"><w:body><w:p><w:r><w:t>&x;</w:t></w:r></w:p></w:body></w:document>'
    ),
    '<?xml version="1.0" encoding="rot13"?><w:document/>',
)


@st.composite
def word_document_xml(draw: st.DrawFn) -> bytes:
    """A body of paragraphs and tables, or a broken one: cut, wrong root, entities, raw text in it."""
    valid = DOCUMENT_START + draw(_word_body()) + DOCUMENT_END
    broken = st.one_of(
        st.sampled_from(BROKEN_DOCUMENTS),
        st.integers(0, len(valid)).map(lambda cut: valid[:cut]),
        inline(3).map(lambda text: valid.replace("<w:body>", "<w:body>" + text, 1)),
    )
    return draw(st.one_of(st.just(valid), st.just(valid), broken)).encode("utf-8")


@st.composite
def word_bytes(draw: st.DrawFn) -> bytes:
    """A Word file built from python-docx's template, then perhaps broken as an archive."""
    parts = dict(word_template())
    parts[DOCUMENT_XML] = draw(word_document_xml())
    if draw(st.integers(0, 9)) == 0:
        del parts[draw(st.sampled_from(sorted(parts)))]
    data = zipped(
        parts, draw(st.sampled_from((zipfile.ZIP_DEFLATED, zipfile.ZIP_DEFLATED, zipfile.ZIP_STORED)))
    )
    damage = draw(st.sampled_from(("none", "none", "none", "bytes", "compression", "sizes")))
    if damage == "bytes":
        return draw(mutated(data))
    if damage == "compression":
        return _patched_headers(data, 8, "<H", draw(st.sampled_from((1, 6, 9, 12, 14, 93, 98, 99, 0xFFFF))))
    if damage == "sizes":
        return _patched_headers(data, 22, "<I", draw(st.sampled_from((0, 1, 0x7FFFFFFF, 0xFFFFFFFF))))
    return data


CENTRAL_HEADER = b"PK\x01\x02"
LOCAL_HEADER = b"PK\x03\x04"


def _patched_headers(data: bytes, local_field: int, layout: str, value: int) -> bytes:
    """Every entry's compression method (field 8 of a local header) or uncompressed size (22) set to `value`.

    Central directory headers hold the same field 2 bytes later (they add "version made by").
    """
    patched = bytearray(data)
    for signature, offset in ((LOCAL_HEADER, local_field), (CENTRAL_HEADER, local_field + 2)):
        for match in re.finditer(re.escape(signature), data):
            at = match.start() + offset
            if at + struct.calcsize(layout) <= len(patched):
                struct.pack_into(layout, patched, at, value)
    return bytes(patched)
