"""HTML pages: the prose a reader sees, and findings at the offsets, lines and columns of the page."""

from __future__ import annotations

import html
import re

import pytest

from qa.document import Document
from qa.engine import Source, run
from qa.errors import InputError
from qa.findings import Finding
from qa.loaders import LoadOptions
from qa.loaders.html import load
from tests.conftest import ROOT, SEEDS
from tests.helpers import CATALOGUE

FIXTURES = ROOT / "tests" / "data" / "seeds"
SEED_NAMES = ["000_4ba9a3a3582aff3b", "002_fccc3799612edf3c"]
TAG = re.compile(r"<[^>]*>")
LINE_END = re.compile(r"\r\n|\r|\n")


def prose(page: str) -> str:
    return load(page.encode("utf-8"), "page.html", LoadOptions()).text


def findings(page: str | bytes, *rule_ids: str, name: str = "page.html") -> list[Finding]:
    data = page.encode("utf-8") if isinstance(page, str) else page
    return run([Source(name, data=data)], CATALOGUE.select(rule_ids)).findings


def offset_of(source: str, line: int, column: int) -> int:
    """The offset a 1-based line and column name, counting lines as the Document does."""
    line_starts = [0] + [match.end() for match in LINE_END.finditer(source)]
    return line_starts[line - 1] + column - 1


def as_prose(markup: str) -> str:
    """What a stretch of the page reads as: tags dropped, references decoded, spaces collapsed."""
    return " ".join(html.unescape(TAG.sub("", markup)).split())


# --- what is prose -----------------------------------------------------------------------------


def test_blocks_are_paragraphs_and_inline_markup_is_transparent() -> None:
    page = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Talks | Example News</title></head>
<body>
  <h1>Blinken: talks in <a href="/geneva">Geneva</a></h1>
  <p>He said: “We <em>will</em> talk,” and <strong>left</strong>.</p>
  <ul><li>Antony Blinken<li>Sergey Lavrov</ul>
  <table><tr><td>21 January 2022<td>Geneva</table>
</body></html>"""
    assert prose(page) == (
        "Blinken: talks in Geneva\n\nHe said: “We will talk,” and left.\n\n"
        "Antony Blinken\n\nSergey Lavrov\n\n21 January 2022\n\nGeneva"
    )


def test_white_space_collapses_and_a_soft_line_break_never_makes_a_blank_line() -> None:
    page = "<p>\n   A sentence\n   broken over\r\n\r\n   lines,\tthen   spaced.\n</p>\n\n\n<p>Next.</p>"
    assert prose(page) == "A sentence broken over lines, then spaced.\n\nNext."


def test_a_line_break_is_a_new_line_and_two_end_the_paragraph() -> None:
    assert prose("<p>GENEVA<br>Friday<br/><br>\n The talks.<br></p>") == "GENEVA\nFriday\n\nThe talks."


@pytest.mark.parametrize(
    "skipped",
    [
        "<script>var quote = '“unclosed';</script>",
        "<style>p::before { content: '“'; }</style>",
        "<pre>the the</pre>",
        "<p><code>ls ls</code></p>",
        "<template><p>the the</p></template>",
        "<noscript>Please please enable JavaScript</noscript>",
        "<svg><text>the the</text></svg>",
        "<math><mi>x</mi></math>",
        "<nav><a href='/'>Home</a> <a href='/world'>World</a></nav>",
        "<div hidden>the the</div>",
        "<div aria-hidden='true'>the the</div>",
        "<div style='color: red; display: none'>the the</div>",
        "<div style='visibility:hidden'>the the</div>",
        "<p lang='es'>Blinken: EE.UU. acepta trabajar con sus aliados</p>",
        "<blockquote xml:lang='fr-CA'>les les</blockquote>",
        "<p><del>the the</del></p>",
        "<form><select><option>Europe</select><textarea>the the</textarea><button>Send</button></form>",
        "<header><a href='/'>Example News</a> Independent journalism</header>",
        "<footer><p>© 2022 Example News. All rights reserved.</p></footer>",
        "<div role='contentinfo'>© 2022 Example News</div>",
    ],
)
def test_what_is_not_prose_is_skipped_with_its_content(skipped: str) -> None:
    assert prose(f"<p>Before.</p>{skipped}<p>After.</p>") == "Before.\n\nAfter."


def test_the_title_is_metadata_and_not_checked() -> None:
    assert (
        prose("<html><head><title>the the</title></head><body><h1>Headline</h1></body></html>") == "Headline"
    )


def test_the_header_and_footer_of_an_article_are_its_own() -> None:
    page = """<header>Example News</header><main><header><h1>Headline</h1></header>
<article><header><p>By Jane Doe</p></header><p>Body.</p><footer>Jane Doe reported from Geneva.</footer>
</article></main><footer>© Example News</footer>"""
    assert prose(page) == "Headline\n\nBy Jane Doe\n\nBody.\n\nJane Doe reported from Geneva."


def test_english_inside_another_language_is_prose_again() -> None:
    page = '<div lang="es"><p>Hola.</p><p lang="en-GB">The colour of it.</p></div><p>After.</p>'
    assert prose(page) == "The colour of it.\n\nAfter."


def test_skipped_text_inside_a_sentence_still_separates_the_words_around_it() -> None:
    assert prose('<p>He said<span lang="es">hola</span>twice.</p>') == "He said twice."


def test_collapsed_content_is_prose() -> None:
    assert prose('<details><summary>More</summary><p hidden="until-found">Found text.</p></details>') == (
        "More\n\nFound text."
    )


# --- character references --------------------------------------------------------------------


def test_character_references_are_decoded() -> None:
    page = (
        "<p>&ldquo;Yes&rdquo; &amp; no &#8217; &#x2019; 10&nbsp;km &copy &AMP; AT&amp;T &nope; a &lt; b</p>"
    )
    assert prose(page) == "“Yes” & no ’ ’ 10\u00a0km © & AT&T &nope; a < b"


def test_a_reference_to_white_space_collapses_like_white_space() -> None:
    assert prose("<p>two&#32;&#10; words&#9;</p>") == "two words"


def test_an_ampersand_at_a_line_end_is_text_and_the_line_end_a_space() -> None:
    assert prose("<p>Fish &\r\nchips &amp\r\npeas</p>") == "Fish & chips & peas"


def test_a_finding_on_a_reference_points_at_the_whole_reference() -> None:
    page = "<p>Blinken said a &ldquo;quick response would follow.</p>\n"
    (finding,) = findings(page, "unbalanced-quote")
    assert page[finding.start : finding.end] == "&ldquo;"
    assert (finding.line, finding.column, finding.end_column) == (1, 19, 26)


def test_stray_ampersands_do_not_swallow_the_markup_after_them() -> None:
    """Python's parser, left to decode references, reads all after a second "&#" as text."""
    assert prose("<p>a &# b; <b>c</b> &# d; <i>e</i> f &#</p><p>g</p>") == "a &# b; c &# d; e f &#\n\ng"


# --- nesting: void elements, unclosed and stray tags ---------------------------------------------


@pytest.mark.parametrize(
    ("page", "expected"),
    [
        (
            "<p hidden>Hidden.<p>Visible: a new p closes the hidden one.",
            "Visible: a new p closes the hidden one.",
        ),
        ("<ul><li lang=es>Uno.<li>Two.</ul>", "Two."),
        ("<dl><dt hidden>Term<dd>Definition.</dl>", "Definition."),
        ("<table><tr><td hidden>x<td>Cell.</table>", "Cell."),
        ("<p>Photo<img src=a.jpg><br><input type=hidden><hr>After the rule.", "Photo\n\nAfter the rule."),
        ("</div></span><p>Stray end tags.</em></p></b>", "Stray end tags."),
        ("<div><span hidden><p>Hidden.</span>still hidden</p>still hidden</div>shown", "shown"),
        ("<p>A <span/>self-closed span.<div/>Then text.", "A self-closed span.\n\nThen text."),
        ("<h2>Heading<h3>Subheading</h3>", "Heading\n\nSubheading"),
        ("<p>Broken <a href='x' tag</p><p>Next.</p>", "Broken\n\nNext."),
        ("<p>a < b and 3 <4", "a < b and 3 <4"),
        ("<p>Unclosed comment <!-- here<p>and more", "Unclosed comment and more"),
    ],
)
def test_malformed_markup_keeps_the_nesting(page: str, expected: str) -> None:
    assert prose(page) == expected


@pytest.mark.parametrize(
    "page",
    [
        "<p>a &# b; <b>c</b> &amp d <i>e</i></p>",
        "<div><p>x<span>y</div>z &lt;w&gt;</p><!-- c --><p>v",
        "<p>Unclosed comment <!-- here<p>and more",
        "<![CDATA[x]]><?php echo 1 ?><!doctype html><p>text</p></ br></>",
    ],
)
def test_every_character_taken_as_it_stands_matches_the_source(page: str) -> None:
    doc = load(page.encode(), "page.html", LoadOptions())
    for piece in doc.offset_map.pieces:
        text = doc.text[piece.start : piece.end]
        original = page[piece.source_start : piece.source_end]
        assert text == original or text == html.unescape(original) or text.isspace(), (text, original)


# --- positions in the original file ------------------------------------------------------------


def test_a_finding_at_the_very_start_of_the_file() -> None:
    page = "the the talks <em>began</em>."
    (finding,) = findings(page, "duplicated-word")
    assert (finding.start, finding.end, finding.line, finding.column) == (0, 7, 1, 1)


def test_a_finding_in_the_middle_spans_the_markup_inside_it() -> None:
    page = "<h1>Talks</h1>\n<p>There can be no\n  <strong>No</strong> bargaining.</p>\n<p>After.</p>"
    (finding,) = findings(page, "duplicated-word")
    assert page[finding.start : finding.end] == "no\n  <strong>No"
    assert (finding.line, finding.column, finding.end_line, finding.end_column) == (2, 17, 3, 13)
    assert finding.excerpt == "There can be no No bargaining."


def test_a_finding_at_the_very_end_of_an_unclosed_file() -> None:
    page = "<p>Intro.</p>\n<p>The talks ended ended"
    (finding,) = findings(page, "duplicated-word")
    assert (finding.start, finding.end) == (len(page) - 11, len(page))
    assert (finding.line, finding.column, finding.end_line, finding.end_column) == (2, 14, 2, 25)


def test_crlf_lines_and_columns() -> None:
    page = "<p>One.</p>\r\n<p>Two\r\n  two words.</p>\r\n"
    (finding,) = findings(page, "duplicated-word")
    assert page[finding.start : finding.end] == "Two\r\n  two"
    assert (finding.line, finding.column, finding.end_line, finding.end_column) == (2, 4, 3, 6)


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-16"])
def test_a_byte_order_mark_is_honoured_and_not_counted(encoding: str) -> None:
    page = "<p>Café talks: no No deal.</p>"
    (finding,) = findings(page.encode(encoding), "duplicated-word")
    assert (finding.start, finding.column) == (page.index("no No"), page.index("no No") + 1)


def test_a_legacy_page_is_read_in_the_encoding_it_declares() -> None:
    page = '<html><head><meta charset="iso-8859-1"></head><body><p>Caf\xe9 \x93talks\x94</p></body></html>'
    doc = load(page.encode("latin-1"), "page.html", LoadOptions())
    assert doc.text == "Café “talks”"  # the label means windows-1252, as in browsers
    assert doc.warnings == ()


def test_a_legacy_page_that_declares_nothing_is_refused() -> None:
    with pytest.raises(InputError, match="not valid UTF-8"):
        load("<p>Caf\xe9</p>".encode("latin-1"), "page.html", LoadOptions())


def test_a_page_with_no_prose_says_so() -> None:
    doc = load(
        b"<html><head><script>1</script></head><body><img src=a.jpg></body></html>", "p.html", LoadOptions()
    )
    assert (doc.text, doc.warnings) == ("", ("p.html: no text outside the markup: nothing was checked",))


def test_a_page_marked_as_another_language_says_nothing_was_checked() -> None:
    doc = load(b'<html lang="es"><body><p>Hola.</p></body></html>', "p.html", LoadOptions())
    assert doc.warnings == (
        'p.html: all the text is marked as another language (lang="es"): nothing was checked as English',
    )


# --- markup that must not create findings --------------------------------------------------------


def test_ordinary_page_structure_gives_no_findings() -> None:
    page = """<header><a href="/">Example News</a></header>
<article>
  <h1>Blinken and Lavrov meet in Geneva</h1>
  <p>He said: “We <em>will</em> keep talking,” and the meeting
     ended an hour later. A sentence broken over
     three lines reads as one.</p>
  <ul><li>Antony Blinken</li><li>Sergey Lavrov</li><li>Olaf Scholz</li></ul>
  <table>
    <tr><th>Date</th><th>Place</th></tr>
    <tr><td>21 January 2022</td><td>Geneva</td></tr>
    <tr><td>10 January 2022</td><td>Geneva</td></tr>
  </table>
  <p>“We did not expect a breakthrough,” he said.<br>
     The talks will continue next week.</p>
</article>
<footer><p>© 2022 Example News. All rights reserved.</p></footer>"""
    assert findings(page) == []


# --- the seed articles as pages -----------------------------------------------------------------


@pytest.fixture(scope="module")
def seed_findings() -> tuple[list[Finding], list[Finding]]:
    """All rules on both seeds, as text and as pages: both files in one run, for the cross-file rules."""
    rules = CATALOGUE.select()
    text = run(
        [Source(f"{name}.txt", data=(SEEDS / f"{name}.txt").read_bytes()) for name in SEED_NAMES], rules
    )
    page = run(
        [Source(f"{name}.html", data=(FIXTURES / f"{name}.html").read_bytes()) for name in SEED_NAMES], rules
    )
    return text.findings, page.findings


def test_seed_pages_give_the_findings_of_the_text(seed_findings: tuple[list[Finding], list[Finding]]) -> None:
    in_text, in_pages = seed_findings
    assert [(f.rule, f.excerpt, f.suggestion) for f in in_pages] == [
        (f.rule, f.excerpt, f.suggestion) for f in in_text
    ]


def test_seed_page_findings_point_at_the_flagged_text_in_the_page(
    seed_findings: tuple[list[Finding], list[Finding]],
) -> None:
    in_text, in_pages = seed_findings
    for text_finding, page_finding in zip(in_text, in_pages, strict=True):
        original = (SEEDS / text_finding.path).read_text(encoding="utf-8")
        page = (FIXTURES / page_finding.path).read_text(encoding="utf-8")
        start = offset_of(page, page_finding.line, page_finding.column)
        end = offset_of(page, page_finding.end_line, page_finding.end_column)
        assert (start, end) == (page_finding.start, page_finding.end)
        assert as_prose(page[start:end]) == " ".join(original[text_finding.start : text_finding.end].split())


@pytest.mark.parametrize("name", SEED_NAMES)
def test_a_crlf_copy_of_a_seed_page_gives_the_same_lines_and_columns(name: str) -> None:
    page = (FIXTURES / f"{name}.html").read_text(encoding="utf-8")
    rules = CATALOGUE.select()
    lf = run([Source(f"{name}.html", data=page.encode())], rules).findings
    crlf = run([Source(f"{name}.html", data=page.replace("\n", "\r\n").encode())], rules).findings
    assert [(f.rule, f.line, f.column, f.end_line, f.end_column, f.excerpt) for f in crlf] == [
        (f.rule, f.line, f.column, f.end_line, f.end_column, f.excerpt) for f in lf
    ]


def test_seed_pages_hold_markup_that_must_be_skipped() -> None:
    """The fixtures would prove little if they were text in <p> tags: keep what makes them pages."""
    pages = [(FIXTURES / f"{name}.html").read_text(encoding="utf-8") for name in SEED_NAMES]
    for needed in (
        "<title>",
        "<script",
        "<nav",
        "<footer",
        "aria-hidden",
        'lang="es"',
        "&ldquo;",
        "<em>",
        "hidden>",
    ):
        assert any(needed in page for page in pages), needed
    docs: list[Document] = [load(page.encode(), "seed.html", LoadOptions()) for page in pages]
    assert not any("Example News" in doc.text or "Menu" in doc.text or "EE.UU." in doc.text for doc in docs)
