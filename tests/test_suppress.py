"""Inline directives: `<!-- mtqa-disable RULE -->` and friends in Markdown and HTML."""

from __future__ import annotations

import subprocess
from dataclasses import replace
from pathlib import Path

import pytest

from qa.catalogue import Catalogue
from qa.engine import Source, run
from qa.findings import Results
from qa.suppress import Directive, parse
from tests.helpers import CATALOGUE
from tests.readme import code_blocks

RULES = ("duplicated-word", "mid-sentence-capital")
ALIASED = Catalogue(
    tuple(replace(r, aliases=("doubled-word",)) if r.id == "duplicated-word" else r for r in CATALOGUE.rules)
)
"""The catalogue with an alias for duplicated-word (no bundled rule has one yet)."""


def check(
    text: str, name: str = "story.md", rules: tuple[str, ...] = RULES, catalogue: Catalogue = CATALOGUE
) -> Results:
    return run([Source(name, data=text.encode("utf-8"))], catalogue.select(rules), catalogue=catalogue)


def flagged(text: str, **options) -> list[tuple[str, int]]:
    """Each finding's rule and line."""
    return [(f.rule, f.line) for f in check(text, **options).findings]


def test_parse_finds_directives_and_their_rules_among_comments() -> None:
    source = "a\n<!-- note -->\n<!--mtqa-disable duplicated-word,spacing  mojibake-->\n<!-- mtqa-enable -->\n"
    starts = [source.index("<!--", i) for i in (0, 4, 30)]
    first, second = parse(source, starts)
    assert first == Directive("disable", ("duplicated-word", "spacing", "mojibake"), 3, 16, 69)
    assert source[first.start : first.end].startswith("<!--mtqa-disable")
    assert (second.action, second.names, second.line) == ("enable", (), 4)


def test_disable_next_line_points_at_the_next_line_that_is_not_blank() -> None:
    source = "<!-- mtqa-disable-next-line -->  \r\n \r\n\r\nThe line.\r\nNot this one.\r\n"
    (directive,) = parse(source, [0])
    assert source[directive.start : directive.end] == "The line."
    (at_the_end,) = parse("x <!-- mtqa-disable-next-line -->", [2])
    assert at_the_end.start == at_the_end.end == 33


def test_disable_and_enable_bound_a_range_for_the_rules_named() -> None:
    text = (
        "We saw the the end.\n\n"
        "<!-- mtqa-disable duplicated-word -->\n"
        "We saw the the end. They said that We feel it.\n\n"
        "<!-- mtqa-enable duplicated-word -->\n"
        "We saw the the end.\n"
    )
    assert flagged(text) == [("duplicated-word", 1), ("mid-sentence-capital", 4), ("duplicated-word", 7)]


def test_disable_without_enable_runs_to_the_end_of_the_file() -> None:
    text = "We saw the the end.\n\n<!-- mtqa-disable mid-sentence-capital duplicated-word -->\nThe the end."
    assert flagged(text) == [("duplicated-word", 1)]


def test_without_a_rule_a_directive_applies_to_every_rule_and_enable_can_bring_one_back() -> None:
    text = (
        "<!-- mtqa-disable -->\n"
        "We saw the the end. They said that We feel it.\n\n"
        "<!-- mtqa-enable duplicated-word -->\n"
        "We saw the the end. They said that We feel it.\n\n"
        "<!-- mtqa-enable -->\n"
        "They said that We feel it.\n"
    )
    assert flagged(text) == [("duplicated-word", 5), ("mid-sentence-capital", 8)]


def test_disable_next_line_silences_that_line_only() -> None:
    text = (
        "<!-- mtqa-disable-next-line duplicated-word -->\n\n"
        "We saw the the end. They said that We feel it.\n"
        "We saw the the end.\n\n"
        "<!-- mtqa-disable-next-line -->\n"
        "We saw the the end. They said that We feel it.\n"
    )
    assert flagged(text) == [("mid-sentence-capital", 3), ("duplicated-word", 4)]


def test_rules_may_be_named_by_alias() -> None:
    text = "<!-- mtqa-disable-next-line doubled-word -->\nWe saw the the end.\n"
    assert flagged(text, catalogue=ALIASED) == []
    assert flagged(text.replace("doubled-word", "mid-sentence-capital"), catalogue=ALIASED) == [
        ("duplicated-word", 2)
    ]


def test_an_unknown_rule_is_a_warning_naming_the_line_and_never_silences_everything() -> None:
    text = (
        "Intro.\n\n<!-- mtqa-disable no-such-rule, duplicated-word -->\n"
        "<!-- mtqa-disable-next-line typo -->\n"
        "We saw the the end. They said that We feel it.\n"
    )
    results = check(text)
    assert [(f.rule, f.line) for f in results.findings] == [("mid-sentence-capital", 5)]
    assert results.warnings == [
        "story.md:3: unknown rule 'no-such-rule' in mtqa-disable (see `mtqa rules`)",
        "story.md:4: unknown rule 'typo' in mtqa-disable-next-line (see `mtqa rules`)",
    ]


def test_a_rule_that_does_not_run_is_known_and_a_misspelt_directive_is_a_warning() -> None:
    text = "<!-- mtqa-disable spacing -->\n<!-- mtqa-disabel duplicated-word -->\nWe saw the the end.\n"
    results = check(text)
    assert [f.rule for f in results.findings] == ["duplicated-word"]
    assert results.warnings == [
        "story.md:2: unknown directive 'mtqa-disabel'"
        " (valid: mtqa-disable, mtqa-enable, mtqa-disable-next-line)"
    ]


@pytest.mark.parametrize("line_break", ["\n", "\r\n"])
def test_markdown_offsets_with_multibyte_text_and_crlf(line_break: str) -> None:
    text = line_break.join(
        [
            "# Zürich — 東京 🙂",
            "",
            "Ça va 🙂🙂 — we saw the the end. <!-- mtqa-disable-next-line duplicated-word -->",
            "Ünïcödé 東京 🙂 we saw the the end.",
            "Ünïcödé 東京 🙂 we saw the the end.",
            "",
        ]
    )
    results = check(text)
    assert [(f.line, f.column) for f in results.findings] == [(3, 19), (5, 21)]
    assert all(text[f.start : f.end] == "the the" for f in results.findings)


@pytest.mark.parametrize("line_break", ["\n", "\r\n"])
def test_html_directives_with_multibyte_text_and_crlf(line_break: str) -> None:
    page = line_break.join(
        [
            "<html><body><article>",
            "<h1>Zürich — 東京 🙂</h1>",
            "<p>Ça va 🙂 — we saw the the end.</p>",
            "<!-- mtqa-disable-next-line duplicated-word -->",
            "<p>Ünïcödé 🙂 we saw the the end.</p>",
            "<p>Ünïcödé 🙂 <!-- mtqa-disable --> we saw the the end.</p>",
            "</article></body></html>",
        ]
    )
    results = check(page, name="page.html")
    assert [(f.line, f.column) for f in results.findings] == [(3, 21)]
    assert page[results.findings[0].start : results.findings[0].end] == "the the"


def test_comments_in_markdown_code_are_not_directives() -> None:
    text = (
        "```md\n<!-- mtqa-disable -->\n```\n\n"
        "    <!-- mtqa-disable -->\n\n"
        "Write `<!-- mtqa-disable -->` to silence every rule.\n\n"
        "<pre>\n<!-- mtqa-disable -->\n</pre>\n\n"
        "We saw the the end.\n"
    )
    results = check(text)
    assert [f.rule for f in results.findings] == ["duplicated-word"]
    assert results.warnings == []


@pytest.mark.parametrize("element", ["pre", "code", "script", "textarea"])
def test_comments_in_html_code_are_not_directives(element: str) -> None:
    page = f"<p>Write it so:</p><{element}><!-- mtqa-disable --></{element}><p>We saw the the end.</p>"
    assert [f.rule for f in check(page, name="page.html").findings] == ["duplicated-word"]


def test_plain_text_has_no_directives() -> None:
    text = "<!-- mtqa-disable -->\nWe saw the the end.\n"
    assert flagged(text, name="story.txt") == [("duplicated-word", 2)]


NAME_ONE = "# One\n\nAntony Blinken met Sergei Lavrov in Geneva.\n\nAntony Blinken said talks went well.\n"
NAME_TWO = "# Two\n\n{directive}\nAnthony Blinken flew to Kyiv on Monday.\n"


def names_flagged(directive: str) -> list[tuple[str, int]]:
    sources = [
        Source("one.md", data=NAME_ONE.encode()),
        Source("two.md", data=NAME_TWO.format(directive=directive).encode()),
    ]
    return [
        (f.path, f.line)
        for f in run(sources, CATALOGUE.select(["name-variant"]), catalogue=CATALOGUE).findings
    ]


def test_a_corpus_rule_finding_is_silenced_in_the_file_it_stands_in() -> None:
    assert names_flagged("") == [("two.md", 4)]
    assert names_flagged("<!-- mtqa-disable-next-line name-variant -->") == []
    assert names_flagged("<!-- mtqa-disable-next-line duplicated-word -->") == [("two.md", 4)]


def test_cli_prints_the_warning_and_keeps_the_exit_code(mtqa, tmp_path: Path) -> None:
    (tmp_path / "story.md").write_text(
        "Intro.\n\n<!-- mtqa-disable no-such-rule -->\nWe saw the the end.\n", encoding="utf-8"
    )
    result = subprocess.run(
        [*mtqa, "check", "story.md"], cwd=tmp_path, capture_output=True, timeout=120, check=False
    )
    assert result.returncode == 1
    assert "story.md:4:8: error duplicated-word" in result.stdout.decode()
    assert result.stderr.decode().splitlines() == [
        "mtqa: warning: story.md:3: unknown rule 'no-such-rule' in mtqa-disable (see `mtqa rules`)"
    ]


def test_readme_example_silences_what_it_says(mtqa, tmp_path: Path) -> None:
    (example,) = code_blocks("Suppressing findings", "md")
    without = "\n".join(line for line in example.splitlines() if "mtqa-" not in line)
    for name, text, silenced in [("with.md", example, True), ("without.md", without, False)]:
        (tmp_path / name).write_text(text, encoding="utf-8")
        result = subprocess.run(
            [*mtqa, "check", name], cwd=tmp_path, capture_output=True, timeout=120, check=False
        )
        assert ("0 findings in 1 file." in result.stdout.decode()) == silenced
        assert result.stderr == b""
