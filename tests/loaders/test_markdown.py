"""Markdown: what is prose, what is skipped, and findings at their place in the original file."""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest

from qa.engine import Source, run
from qa.findings import Finding
from qa.loaders import LoadOptions, load_bytes
from qa.loaders.markdown import document as markdown_document
from tests.conftest import ROOT, SEEDS
from tests.helpers import CATALOGUE

FIXTURES = ROOT / "tests" / "data" / "seeds"
SEED_NAMES = ["000_4ba9a3a3582aff3b", "002_fccc3799612edf3c"]
MARKERS = re.compile(r"[*_]|<[^>]+>")
"""Markdown markers and HTML tags, taken out of a flagged span of a fixture to compare it."""


def prose(text: str | bytes, name: str = "story.md") -> str:
    data = text.encode("utf-8") if isinstance(text, str) else text
    return load_bytes(data, name, LoadOptions()).text


def findings(text: str | bytes, *rule_ids: str, name: str = "story.md") -> list[Finding]:
    data = text.encode("utf-8") if isinstance(text, str) else text
    return run([Source(name, data=data)], CATALOGUE.select(rule_ids)).findings


def places(text: str, rule_id: str) -> list[tuple[str, int, int, int, int]]:
    """Each finding's source text, start line and column, end line and column."""
    return [
        (text[f.start : f.end], f.line, f.column, f.end_line, f.end_column) for f in findings(text, rule_id)
    ]


# What is prose


def test_blocks_are_paragraphs_and_inline_markup_is_transparent() -> None:
    text = (
        "# The *talks* ##\n\n"
        'A **bold** and _light_ [linked](https://example.com "Title") word.\n\n'
        "- first item\n- second item\n\n"
        "> Quoted line\n> and its second line\n"
    )
    assert prose(text) == (
        "The talks\n\nA bold and light linked word.\n\nfirst item\n\nsecond item\n\n"
        "Quoted line\nand its second line"
    )


def test_setext_headings_nested_quotes_and_lists() -> None:
    text = "Title\n=====\n\n> > - deep *item*\n> >   continued\n\n1) one\n   - two\n"
    assert prose(text) == "Title\n\ndeep item\ncontinued\n\none\n\ntwo"


def test_each_table_cell_is_a_paragraph() -> None:
    text = "| Date | Place |\n|---|:--|\n| 21 *Jan* | Geneva \\| Vaud |\n| 22 Jan |\n"
    assert prose(text) == "Date\n\nPlace\n\n21 Jan\n\nGeneva | Vaud\n\n22 Jan"


def test_entities_and_escapes_are_decoded() -> None:
    assert prose("Russia&rsquo;s &amp; &#8220;x&#x201D; \\*not emphasis\\* a\\q\n") == (
        "Russia’s & “x” *not emphasis* a\\q"
    )


def test_soft_line_breaks_stay_line_breaks_without_a_blank_line() -> None:
    assert prose("One line\n  and the next,\\\nhard  \nbreaks <br> here\n") == (
        "One line\nand the next,\nhard\nbreaks here"
    )


# What is skipped


def test_code_blocks_are_skipped_and_inline_code_is_kept_as_written() -> None:
    text = "Run `mtqa check` now.\n\n```text\nthe the\n```\n\n    indented the the\n\nEnd.\n"
    assert prose(text) == "Run mtqa check now.\n\nEnd."


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Type ``a `b`` here.\n", "Type a `b here."),
        ("Type `` `x` `` here.\n", "Type `x` here."),
        ("Type `  ` here.\n", "Type    here."),
        ("Set `a\nb` here.\n", "Set a\nb here."),
        (
            "| Option | Use |\n|---|---|\n| `max_words` | a *limit* |\n",
            "Option\n\nUse\n\nmax_words\n\na limit",
        ),
        ("> Quoted `code` and\n> `more code`.\n", "Quoted code and\nmore code."),
        ("Not ~~`deleted`~~ here.\n", "Not here."),
    ],
)
def test_inline_code_reads_as_in_the_source(text: str, expected: str) -> None:
    assert prose(text) == expected


CODE_THAT_RULES_WOULD_FLAG = [
    "the the",
    'say "hello',
    "getValue",
    "7,5 km",
    "21 ene 2022",
    "no No",
    "x ,y",
    "we said We",
]


def test_inline_code_is_never_flagged() -> None:
    text = "".join(f"The tool accepts `{code}` as input.\n\n" for code in CODE_THAT_RULES_WOULD_FLAG)
    code_spans = [(m.start(1), m.end(1)) for m in re.finditer(r"`([^`]+)`", text)]
    assert prose(text).count("The tool accepts") == len(CODE_THAT_RULES_WOULD_FLAG)
    assert all(text[start:end] in prose(text) for start, end in code_spans)
    found = [(f.rule, text[f.start : f.end]) for f in findings(text)]
    assert found == []
    as_prose = "".join(f"The tool accepts {code} as input.\n\n" for code in CODE_THAT_RULES_WOULD_FLAG)
    assert len({f.rule for f in findings(as_prose)}) >= 4, "the same words outside code are flagged"


def test_findings_around_inline_code_keep_their_place() -> None:
    text = "Run `mtqa check --select x` and the the report.\nSet `a` and then and We agree.\n"
    assert places(text, "duplicated-word") == [("the the", 1, 33, 1, 40)]
    assert places(text, "mid-sentence-capital") == [("We", 2, 22, 2, 24)]


def test_directives_still_work_beside_inline_code() -> None:
    text = "<!-- mtqa-disable duplicated-word -->\nRun `x` and the the end.\n<!-- mtqa-enable duplicated-word -->\n\nThe the `y` end.\n"
    assert places(text, "duplicated-word") == [("The the", 5, 1, 5, 8)]


def test_urls_images_and_reference_definitions_are_skipped() -> None:
    text = (
        "See [the report][r] and <https://example.com/a> or [this](<a b> 'T').\n\n"
        '![Alt text of a photo](photo.jpg "Caption")\n\n'
        '[r]: https://example.com/report "Report"\n'
    )
    assert prose(text) == "See the report and or this."


def test_struck_out_text_is_deleted_text() -> None:
    assert (
        prose("They met on ~~Tuesday *the the*~~ Wednesday in Geneva.\n")
        == "They met on Wednesday in Geneva."
    )


def test_html_comments_and_tags_are_skipped_but_text_between_tags_is_prose() -> None:
    text = '<!-- editor\'s note -->\n\n<div class="embed">\nThe the embed\n</div>\n\nWe <em>will</em> <!-- x --> talk.\n'
    assert prose(text) == "We will talk."


@pytest.mark.parametrize(
    "front_matter",
    ["---\ntitle: the the\n---\n", "---\ntitle: the the\n...\n", "+++\ntitle = 'the the'\n+++\n"],
)
def test_front_matter_is_skipped(front_matter: str) -> None:
    text = front_matter + "Body text.\n"
    assert prose(text) == "Body text."
    assert places(text + "\nThe the end.\n", "duplicated-word") == [("The the", 6, 1, 6, 8)]


def test_a_rule_at_the_top_that_is_never_closed_is_not_front_matter() -> None:
    assert prose("---\nNot front matter.\n\nBody.\n") == "Not front matter.\n\nBody."


# Findings at their place in the file


def test_offsets_at_the_start_middle_and_end_of_the_file() -> None:
    text = (
        "# The the headline\n\n"
        "Officials said there can be **no *No*** bargaining &amp; [no no](https://x.org/no-no) more.\n\n"
        "> - In a list, a quote that ends in\n>   in a lazy line the the"
    )
    assert places(text, "duplicated-word") == [
        ("The the", 1, 3, 1, 10),
        ("no *No", 3, 31, 3, 37),
        ("no no", 3, 59, 3, 64),
        ("in\n>   in", 5, 34, 6, 7),
        ("the the", 6, 20, 6, 27),
    ]


def test_a_finding_after_an_entity_or_escape_keeps_its_column() -> None:
    text = "&ldquo;Talks&rdquo; \\*resumed\\* and and ended.\n"
    assert places(text, "duplicated-word") == [("and and", 1, 33, 1, 40)]


def test_crlf_line_breaks_are_kept_and_counted() -> None:
    text = "Title\r\n\r\nFirst line\r\nsecond the the line\r\n"
    assert prose(text) == "Title\n\nFirst line\r\nsecond the the line"
    assert places(text, "duplicated-word") == [("the the", 4, 8, 4, 15)]


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-16"])
def test_a_byte_order_mark_does_not_shift_columns(encoding: str) -> None:
    text = "# Head\n\nWe agreed to to talk.\n"
    (finding,) = findings(text.encode(encoding), "duplicated-word")
    assert (finding.line, finding.column, text[finding.start : finding.end]) == (3, 11, "to to")


def test_a_block_that_cannot_be_placed_piece_by_piece_is_placed_whole() -> None:
    """markdown-it reads a NUL as U+FFFD, so the paragraph is not found verbatim in its line."""
    text = "Para one.\n\nHe said\x00 the the thing.\n"
    (finding,) = findings(text.encode("utf-16"), "duplicated-word")
    assert (finding.line, finding.end_line) == (3, 3)
    assert finding.excerpt == "He said\ufffd the the thing."


def test_table_rows_in_a_quote_with_escaped_pipes_and_too_many_cells() -> None:
    text = "> a | b\n> --|--\n> x \\| y the the | z\n> | and and | `p|q` | dropped |\n"
    assert prose(text) == "a\n\nb\n\nx | y the the\n\nz\n\nand and\n\n`p"
    assert places(text, "duplicated-word") == [("the the", 3, 10, 3, 17), ("and and", 4, 5, 4, 12)]


MARKUP_ATOMS = [
    "word",
    " ",
    "  ",
    "\t",
    "\u00a0",
    "’",
    "*",
    "**",
    "_",
    "__",
    "~~",
    "`",
    "``",
    "[",
    "]",
    "(",
    ")",
    "](u)",
    "](<a b> 't')",
    "![",
    "[![i](s)](u)",
    "[r]",
    "<em>",
    "</em>",
    "<br>",
    "<!-- c -->",
    "<div>\n",
    "&amp;",
    "&bogus;",
    "&#65;",
    "\\*",
    "\\",
    "\\|",
    "|",
    "#",
    "<http://a.b>",
    "\n",
    "\n",
    "\r\n",
    "\r",
    "\n> ",
    "\n>\t",
    "\n- ",
    "\n  - ",
    "\n1. ",
    "\n1) ",
    "\n\n",
    "\n# ",
    "\n---\n",
    "\n===\n",
    "\n    ",
    "\n\t",
    "  \n",
    "\\\n",
    "\n```\nf\n```\n",
    "\n| a | b |\n|---|---|\n| ",
    '\n[r]: /u "t"\n',
]
DECODED = re.compile(r"&#?\w+;|\\\\?[!-/:-@\[-`{-~]")
"""Source that prose may stand for without reading the same: an entity or an escape."""


def test_random_markup_maps_every_piece_of_prose_to_its_own_source() -> None:
    """No block falls back to being placed whole, and no text is placed on other text."""
    rng = random.Random(6)
    for _ in range(500):
        source = "".join(rng.choice(MARKUP_ATOMS) for _ in range(rng.randint(1, 40)))
        doc = markdown_document(source, "x.md")
        assert doc.offset_map is not None
        for piece in doc.offset_map.pieces:
            text, original = doc.text[piece.start : piece.end], source[piece.source_start : piece.source_end]
            assert text == original or DECODED.fullmatch(original), (source, text, original)


def test_the_encoding_warning_is_passed_on() -> None:
    doc = load_bytes(
        "# Caf\u00e9 ol\u00e9\n\nTexte accentu\u00e9.\n".encode("latin-1"), "x.md", LoadOptions(True)
    )
    assert doc.text == "Café olé\n\nTexte accentué."
    assert doc.warnings and "x.md: not UTF-8" in doc.warnings[0]


# Markup that must not make findings


MARKUP_WITHOUT_FINDINGS = {
    "quotation split by markup": "He said: “We <em>will</em> talk,” and left.\n\nShe said: “We **will** talk.”\n",
    "sentence over lines": (
        "The talks in Geneva have allowed the US and\nRussia to better understand each other’s\n"
        "positions, the US diplomat said on Friday.\n"
    ),
    "list of names": (
        "The delegations met in Geneva on Friday for several hours of talks.\n\n"
        "- Antony Blinken, US Secretary of State\n- Sergey Lavrov, Russian Foreign Minister\n"
        "- Wendy Sherman\n\nThe talks ended without a breakthrough, but both sides will talk again.\n"
    ),
    "table of dates": (
        "The talks took place on several dates, according to the ministry’s schedule.\n\n"
        "| Date | Place | Event |\n|---|---|---|\n| 10 January 2022 | Geneva | strategic stability talks |\n"
        "| 12 Jan. | Brussels | NATO-Russia Council |\n\nNothing was agreed at any of them.\n"
    ),
    "code and comments": (
        "Run the `mtqa` tool, or read <!-- TODO --> the [guide](https://example.com/the%20the), "
        "before you publish.\n\n```\nthe the  code ,\n```\n"
    ),
}


@pytest.mark.parametrize("text", MARKUP_WITHOUT_FINDINGS.values(), ids=MARKUP_WITHOUT_FINDINGS.keys())
def test_markup_makes_no_findings(text: str) -> None:
    assert [(f.rule, text[f.start : f.end]) for f in findings(text)] == []


# The seeds as Markdown


def seed_findings(base: Path, suffix: str) -> list[tuple[str, str, str]]:
    """(seed, rule, flagged text without Markdown markers) of both seeds checked together."""
    texts = {f"{name}{suffix}": (base / f"{name}{suffix}").read_text(encoding="utf-8") for name in SEED_NAMES}
    sources = [Source(name, data=text.encode("utf-8")) for name, text in texts.items()]
    results = run(sources, CATALOGUE.select())
    return [
        (
            f.path.removesuffix(suffix),
            f.rule,
            " ".join(re.sub(MARKERS, "", texts[f.path][f.start : f.end]).split()),
        )
        for f in results.findings
    ]


def test_seeds_as_markdown_give_the_findings_of_the_text() -> None:
    as_markdown = seed_findings(FIXTURES, ".md")
    assert len(as_markdown) > 15
    assert sorted(as_markdown) == sorted(seed_findings(SEEDS, ".txt"))


@pytest.mark.parametrize("name", SEED_NAMES)
def test_seed_findings_point_at_the_flagged_text_in_the_markdown_file(name: str) -> None:
    text = (FIXTURES / f"{name}.md").read_text(encoding="utf-8")
    lines = text.splitlines(keepends=True)
    found = findings(text, name=f"{name}.md")
    assert found
    for finding in found:
        start = sum(len(line) for line in lines[: finding.line - 1]) + finding.column - 1
        end = sum(len(line) for line in lines[: finding.end_line - 1]) + finding.end_column - 1
        assert (start, end) == (finding.start, finding.end)
        flagged = " ".join(re.sub(MARKERS, "", text[start:end]).split())
        assert flagged and flagged in " ".join(finding.excerpt.split()), finding
