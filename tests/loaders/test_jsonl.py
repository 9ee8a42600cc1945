"""JSON Lines of segments: each target in the prose at its exact place in the file, escapes too."""

from __future__ import annotations

import json

import pytest

from qa.errors import InputError
from qa.loaders import LoadOptions, load_bytes


def load(records: list[object], **options: str) -> object:
    data = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records).encode("utf-8")
    return load_bytes(data, "segments.jsonl", LoadOptions(**options))


def test_each_target_is_a_segment_of_the_prose_beside_its_source() -> None:
    doc = load(
        [{"id": "s1", "source": "Привет.", "target": "Hello."}, {"source": "Мир.", "target": "World."}]
    )
    first, second = doc.bilingual.segments
    assert (first.id, first.source, first.target) == ("s1", "Привет.", "Hello.")
    assert second.id == "2", "a record without an id is named by its line"
    assert [doc.text[s.start : s.end] for s in doc.bilingual.segments] == ["Hello.", "World."]
    assert len(doc.paragraphs) == 2


@pytest.mark.parametrize(
    "target",
    [
        'He said "no".',
        "tab\there",
        "line\nbreak",
        "café €5 \u00e9",
        "emoji 😀 here",
        "back\\slash",
        "<b>&amp;</b>",
    ],
)
def test_every_prose_character_keeps_its_span_in_the_file_through_escapes(target: str) -> None:
    for ascii_only in (True, False):
        line = json.dumps({"source": "x", "target": target}, ensure_ascii=ascii_only) + "\n"
        doc = load_bytes(line.encode("utf-8"), "a.jsonl", LoadOptions())
        (segment,) = doc.bilingual.segments
        assert segment.target == target
        start, end = doc.span_to_source(segment.start, segment.end)
        assert json.loads(f'"{doc.source_text[start:end]}"') == target
        for index, character in enumerate(target):  # each character alone, escaped or not
            s, e = doc.span_to_source(segment.start + index, segment.start + index + 1)
            assert json.loads(f'"{doc.source_text[s:e]}"') == character


def test_a_finding_is_placed_on_the_file_line_and_column_and_in_its_segment() -> None:
    records = [{"source": "a", "target": "Fine."}, {"source": "b", "target": 'Caf\u00e9 "the the" end.'}]
    text = "".join(json.dumps(r) + "\n" for r in records)  # \u00e9 and \" escaped in the file
    doc = load_bytes(text.encode(), "a.jsonl", LoadOptions())
    start = doc.text.index("the the")
    location = doc.locate(start, start + 7)
    assert (location.line, location.column) == (2, text.splitlines()[1].index("the the") + 1)
    assert (location.segment.id, location.segment.start, location.segment.end) == ("2", 6, 13)


def test_the_target_field_may_be_nested() -> None:
    doc = load(
        [{"source": "x", "reference": "Ref.", "mt": {"A": "System A.", "B": "System B."}}],
        target_field="mt.B",
    )
    assert doc.bilingual.segments[0].target == "System B."
    assert load([{"source": "x", "reference": "Ref."}], target_field="reference").text.strip() == "Ref."


def test_languages_come_from_the_records_and_the_option_wins() -> None:
    records = [{"source": "x", "target": "y", "source_lang": "es", "target_lang": "en"}]
    assert (load(records).bilingual.source_lang, load(records).bilingual.target_lang) == ("es", "en")
    assert load(records, source_lang="pt").bilingual.source_lang == "pt"


def test_sentences_of_one_paragraph_share_it_and_a_headline_keeps_its_own() -> None:
    records = [
        {"doc": "d", "para": 1, "source": "h", "target": "A headline without a stop"},
        {"doc": "d", "para": 1, "source": "a", "target": '"It started.'},
        {"doc": "d", "para": 1, "source": "b", "target": 'It ended," she said.'},
        {"doc": "e", "para": 1, "source": "c", "target": "Another story."},
    ]
    doc = load(records)
    assert [doc.slice(p) for p in doc.paragraphs] == [
        "A headline without a stop",
        '"It started. It ended," she said.',
        "Another story.",
    ]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b'{"source": "x"}\n', "line 1: a record needs a 'target' string"),
        (b'{"target": "x"}\n', "line 1: a record needs a 'source' string"),
        (b'{"source": "x", "target": 3}\n', "line 1: a record needs a 'target' string"),
        (b'{"source": "x", "target": "y"}\n[1, 2]\n', "line 2: not a JSON object"),
        (b'{"source": "x", "target": "y"} trailing\n', "line 1: text after the object"),
        (b'{"source": "x", "target": "y\n', "line 1, column 29: Invalid control character"),
        (
            b'{"source": "a", "target": "b"}\n{"source": "a", "target": \n',
            "line 2, column 27: Expecting value",
        ),
        (b'{"source": "x", "target": "bad \\q escape"}\n', "line 1, column 32: Invalid \\escape"),
        (b"\n\n  \n", "file contains only white space"),
    ],
)
def test_a_broken_file_is_one_line_naming_the_line_and_cause(data: bytes, message: str) -> None:
    with pytest.raises(InputError) as raised:
        load_bytes(data, "a.jsonl", LoadOptions())
    assert str(raised.value).startswith(message)
    assert "\n" not in str(raised.value)


def test_a_source_language_nobody_gives_is_read_from_the_sources_with_a_warning() -> None:
    sources = [
        "Сколько скрытого сахара в привычных продуктах?",
        "Сахар не лучший источник полезных питательных веществ.",
        "Его избыток в рационе может привести к диабету второго типа.",
    ]
    doc = load([{"source": s, "target": "x"} for s in sources])
    assert doc.bilingual.source_lang == "ru"
    assert doc.warnings == (
        "segments.jsonl: the file names no source language; its sources read as Russian (ru): --source-lang sets it",
    )
    declared = load([{"source": s, "target": "x"} for s in sources], source_lang="uk")
    assert (declared.bilingual.source_lang, declared.warnings) == ("uk", ())
    too_short = load([{"source": "Да.", "target": "Yes."}])
    assert (too_short.bilingual.source_lang, too_short.warnings) == (None, ())


def test_without_paragraphs_a_quotation_left_open_goes_on_in_the_next_segment() -> None:
    records = [
        {"source": "a", "target": '"It started on Monday.'},
        {"source": "b", "target": "Nobody knew why."},
        {"source": "c", "target": 'It ended," she said.'},
        {"source": "d", "target": "“A new paragraph of a quotation."},
        {"source": "e", "target": "“Opened again, as the convention has it,” he said."},
        {"source": "f", "target": "Another story."},
    ]
    doc = load(records)
    assert [doc.slice(p) for p in doc.paragraphs] == [
        '"It started on Monday. Nobody knew why. It ended," she said.',
        "“A new paragraph of a quotation.",
        "“Opened again, as the convention has it,” he said.",
        "Another story.",
    ]
    assert [doc.text[s.start : s.end] for s in doc.bilingual.segments] == [r["target"] for r in records]


def test_records_of_known_paragraphs_are_not_joined_by_an_open_quotation() -> None:
    records = [
        {"doc": "a", "para": 1, "source": "a", "target": '"It started on Monday.'},
        {"doc": "b", "para": 1, "source": "b", "target": "Another story."},
    ]
    assert len(load(records).paragraphs) == 2
