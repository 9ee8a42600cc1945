"""A translation file's report page: source beside target by segment, findings in the target,
the source span a finding names marked beside it (the browser behaviour is in tests/browser/)."""

from __future__ import annotations

import json
import re
import subprocess
import time
from dataclasses import replace
from pathlib import Path

from markupsafe import escape

from qa.bilingual import Bilingual, Segment
from qa.catalogue import Catalogue
from qa.document import Document
from qa.engine import Source, run, to_finding
from qa.findings import FileResult, Finding, Match, Severity
from qa.report.bilingual import side_by_side
from qa.report.html import file_page
from tests.helpers import CATALOGUE

SPAN_RULE = replace(
    CATALOGUE.get("duplicated-word"),
    id="source-span",
    severity=Severity.WARNING,
    summary="A test rule whose findings name a span of the segment's source.",
)
"""Stands in for the bilingual rules: its findings are made by hand (see with_source_spans)."""
SPAN_CATALOGUE = Catalogue((*CATALOGUE.rules, SPAN_RULE))

RECORDS = [
    {
        "id": "s1",
        "source": "Министр сказал, что переговоры были откровенными.",
        "target": "The the minister said the talks were frank.",
    },
    {
        "id": "s2",
        "source": "<script>window.__pwned=1</script> Он уехал 5 мая.",
        "target": "He left on <script>window.__pwned=2</script> May 6.",
    },
    {"id": "s3", "source": "Пусто.", "target": ""},
    {
        "id": '<img src=x onerror="window.__pwned=3">',
        "source": "Цена выросла на 12% за год.",
        "target": "The price rose 21% in a year, as as expected.",
    },
]
SPANS = [(1, "6", "5"), (3, "21%", "12%"), (3, "in a year", "за год")]
"""Hand-made source-span findings: (segment index, target text, source text)."""


def jsonl(records: list[dict]) -> bytes:
    return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records).encode("utf-8")


def jsonl_source(records: list[dict] = RECORDS, name: str = "story.jsonl") -> Source:
    return Source(name, data=jsonl(records))


def with_source_spans(doc: Document, result: FileResult, spans=SPANS) -> FileResult:
    """The result with a finding of SPAN_RULE added per span, placed by the engine as a rule's would be."""
    added = []
    for index, target_text, source_text in spans:
        segment = doc.bilingual.segments[index]
        at, source_at = segment.target.index(target_text), segment.source.index(source_text)
        match = Match(
            segment.start + at,
            segment.start + at + len(target_text),
            f"'{target_text}' translates '{source_text}'",
            source_span=(source_at, source_at + len(source_text)),
        )
        added.append(to_finding(SPAN_RULE, doc.path, match, doc))
    return replace(result, findings=tuple(sorted((*result.findings, *added))))


def checked(source: Source) -> tuple[Document, FileResult]:
    """`source` loaded, and its result checked for doubled words by the engine."""
    return source.load(), run([source], CATALOGUE.select(["duplicated-word"])).files[0]


def story() -> tuple[Document, FileResult]:
    """The test file, checked for doubled words, with the hand-made source-span findings."""
    doc, result = checked(jsonl_source())
    return doc, with_source_spans(doc, result)


def row_html(page: str, number: int) -> str:
    found = re.search(rf'<tr id="seg-{number}".*?</tr>', page, re.DOTALL)
    assert found, f"no row seg-{number}"
    return found.group()


def cell(page: str, number: int, side: str) -> str:
    found = re.search(rf'<td class="seg-{side}"[^>]*>(.*?)</td>', row_html(page, number), re.DOTALL)
    assert found
    return found.group(1)


# ---------------------------------------------------------------- the page


def test_each_segment_is_a_row_of_id_source_and_target() -> None:
    doc, result = story()
    page = file_page(doc, result, SPAN_CATALOGUE, {})
    assert page.count('<tr id="seg-') == len(RECORDS)
    for number, record in enumerate(RECORDS, start=1):
        row = row_html(page, number)
        assert f'data-segment="{escape(record["id"])}"' in row
        assert f'<span class="seg-name">{escape(record["id"])}</span>' in row
        assert re.sub("<[^>]+>", "", cell(page, number, "source")) == str(escape(record["source"]))
    assert 'id="doc-text" class="doc"' not in page, "the prose view is replaced, not repeated"


def test_a_doubled_word_is_marked_in_its_target_cell() -> None:
    doc, result = story()
    page = file_page(doc, result, SPAN_CATALOGUE, {})
    first = next(
        n for n, f in enumerate(result.findings, 1) if f.rule == "duplicated-word" and f.segment.id == "s1"
    )
    assert cell(page, 1, "target").startswith(
        f'<mark class="hl sev-error" id="f-{first}" data-finding="{first}" data-rule="duplicated-word" '
        f'data-severity="error" tabindex="0" aria-describedby="msg-{first}">The the</mark> minister'
    )
    assert re.search(
        r'<mark class="hl sev-error" id="f-\d+"[^>]*>as as</mark> expected', cell(page, 4, "target")
    )
    assert page.count('<mark class="hl ') == len(result.findings)


def test_a_source_span_is_marked_in_the_source_cell_with_its_findings_number() -> None:
    doc, result = story()
    page = file_page(doc, result, SPAN_CATALOGUE, {})
    for n, finding in enumerate(result.findings, start=1):
        if finding.rule != SPAN_RULE.id:
            assert f'id="src-{n}"' not in page
            continue
        ref = finding.segment
        row = next(at for at, s in enumerate(doc.bilingual.segments, start=1) if s.id == ref.id)
        segment = doc.bilingual.segments[row - 1]
        in_source, in_target = (
            segment.source[ref.source_start : ref.source_end],
            segment.target[ref.start : ref.end],
        )
        assert (row, in_target, in_source) in [(at + 1, target, source) for at, target, source in SPANS]
        assert re.search(
            rf'<mark class="src sev-warning" id="src-{n}" data-finding="{n}"[^>]*>{in_source}</mark>',
            cell(page, row, "source"),
        )
        assert re.search(
            rf'<mark class="hl sev-warning[^"]*" id="f-{n}"[^>]*>{in_target}</mark>',
            cell(page, row, "target"),
        )
        assert f'<a class="goto-source" href="#src-{n}"' in page
        assert f'<a class="goto-segment" href="#seg-{row}"' in page


def test_an_empty_target_says_not_translated() -> None:
    doc, result = story()
    page = file_page(doc, result, SPAN_CATALOGUE, {})
    assert 'class="segment is-untranslated"' in row_html(page, 3)
    assert cell(page, 3, "target") == '<span class="untranslated">not translated</span>'
    assert "not translated" not in cell(page, 1, "target")


def test_state_line_and_languages_are_shown() -> None:
    segments = (
        Segment("u1", "Да.", "Yes.", 0, state="fuzzy", source_line=7),
        Segment("u2", "Нет.", "No.", 6),
    )
    doc = Document("a.xlf", "Yes.\n\nNo.", bilingual=Bilingual(segments, "ru-RU", "en-GB"))
    page = file_page(doc, FileResult("a.xlf", 2), CATALOGUE, {})
    assert 'data-state="fuzzy"' in row_html(page, 1) and '<span class="seg-state">fuzzy</span>' in row_html(
        page, 1
    )
    assert '<span class="seg-line">line 7</span>' in row_html(page, 1)
    assert "seg-state" not in row_html(page, 2)
    assert 'lang="ru-RU"' in row_html(page, 1) and 'lang="en-GB"' in row_html(page, 1)


XLIFF = """<?xml version="1.0"?>
<xliff version="1.2"><file source-language="ru" target-language="en" datatype="plaintext" original="x"><body>
<trans-unit id="1"><source>Да <x id="1"/> нет <ph id="2">&lt;script&gt;window.__pwned=4&lt;/script&gt;</ph>.</source>
<target state="needs-review-translation">Yes <x id="1"/> no.</target></trans-unit>
</body></file></xliff>
"""
"""A unit with inline codes, one of whose native code is a script, and a state."""


def test_inline_codes_are_chips_that_hold_no_text() -> None:
    source = Source("codes.xlf", data=XLIFF.encode("utf-8"))
    doc = source.load()
    page = file_page(doc, FileResult("codes.xlf"), CATALOGUE, {})
    chip = '<span class="code" data-code="&lt;x id=&#34;1&#34;/&gt;" title="Inline code &lt;x id=&#34;1&#34;/&gt;"></span>'
    assert cell(page, 1, "target") == f"Yes {chip} no."
    assert cell(page, 1, "source").startswith(f'Да {chip} нет <span class="code" data-code="&lt;script&gt;')
    assert "<script>window" not in page
    assert '<span class="seg-state">needs-review-translation</span>' in row_html(page, 1)


def test_everything_from_the_file_is_escaped() -> None:
    doc, result = story()
    page = file_page(doc, result, SPAN_CATALOGUE, {})
    assert "<script>window" not in page and "<img" not in page
    assert "&lt;script&gt;window.__pwned=1&lt;/script&gt;" in cell(page, 2, "source")
    assert "&lt;script&gt;window.__pwned=2&lt;/script&gt;" in cell(page, 2, "target")
    hostile = (Segment('"><b>x', "<i>", "</td>", 0, state='"><script>'),)
    other = file_page(
        Document("a.xlf", "</td>", bilingual=Bilingual(hostile, '"><b>', "x")),
        FileResult("a.xlf"),
        CATALOGUE,
        {},
    )
    assert (
        "<b>" not in other and "<i>" not in other and "</td></td>" not in other and '"><script>' not in other
    )


def test_a_monolingual_page_is_not_a_table_of_segments() -> None:
    text = "There can be no No bargaining.\n"
    page = file_page(*checked(Source("a.txt", data=text.encode("utf-8"))), CATALOGUE, {})
    assert '<div id="doc-text" class="doc" lang="en">There can be <mark class="hl' in page
    assert "seg-" not in page and ".src" not in page and "page-bilingual" not in page


def test_the_report_command_writes_a_side_by_side_page(mtqa, tmp_path: Path) -> None:
    (tmp_path / "story.jsonl").write_bytes(jsonl(RECORDS))
    result = subprocess.run(
        [*mtqa, "report", "story.jsonl", "--source-lang", "ru", "--output-dir", "out"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 1, result.stderr
    page = (tmp_path / "out" / "story.jsonl.html").read_text(encoding="utf-8")
    assert page.count('<tr id="seg-') == len(RECORDS) and 'lang="ru"' in row_html(page, 1)
    assert ">The the</mark> minister" in cell(page, 1, "target")


# ---------------------------------------------------------------- placing findings in cells


def finding(start: int, end: int, source_span: tuple[int, int] | None = None) -> Finding:
    from qa.findings import SegmentRef

    segment = SegmentRef("x", 0, 0, *source_span) if source_span else None
    return Finding("a", start, end, "duplicated-word", Severity.ERROR, "m", 1, 1, 1, 1, "", segment=segment)


SEGMENTS = Bilingual((Segment("a", "Раз два.", "One two.", 0), Segment("b", "Три.", "Three.", 10)))
"""The prose "One two.\\n\\nThree.": two targets with a paragraph break between them."""


def test_a_finding_across_two_targets_continues_in_the_second() -> None:
    view = side_by_side(SEGMENTS, [finding(4, 15)])
    assert str(view.rows[0].target).endswith('tabindex="0" aria-describedby="msg-1">two.</mark>')
    assert str(view.rows[1].target) == (
        '<span class="hl-cont sev-error" data-finding="1" data-rule="duplicated-word" '
        'data-severity="error">Three</span>.'
    )
    assert view.places[1].row == 1


def test_a_finding_between_targets_is_a_point_at_the_end_of_the_one_before() -> None:
    view = side_by_side(SEGMENTS, [finding(8, 10), finding(9, 9)])
    assert str(view.rows[0].target).count("></mark>") == 2 and str(view.rows[0].target).startswith(
        "One two.<mark"
    )
    assert str(view.rows[1].target) == "Three."


def test_a_source_span_out_of_range_stays_within_the_source() -> None:
    view = side_by_side(SEGMENTS, [finding(10, 15, (2, 99))])
    assert str(view.rows[1].source).endswith('aria-describedby="msg-1">и.</mark>')
    assert view.places[1] == replace(view.places[1], row=2, segment="b", source_mark=True)


def test_five_thousand_segments_render_in_linear_time() -> None:
    def page_seconds(count: int) -> float:
        records = [
            {"id": f"u{n}", "source": f"Он сказал {n} раз.", "target": f"He said it it {n} times."}
            for n in range(count)
        ]
        doc, result = checked(jsonl_source(records))
        result = with_source_spans(doc, result, [(n, f"{n}", f"{n}") for n in range(0, count, 2)])
        began = time.perf_counter()
        page = file_page(doc, result, SPAN_CATALOGUE, {})
        elapsed = time.perf_counter() - began
        assert page.count('<tr id="seg-') == count and page.count('<mark class="src ') == (count + 1) // 2
        return elapsed

    small, large = page_seconds(1_250), page_seconds(5_000)
    assert large < 5, f"5,000 segments took {large:.2f} s"
    assert large < 4 * small * 2.5, f"not linear: {small:.3f} s for 1,250 segments, {large:.3f} s for 5,000"
