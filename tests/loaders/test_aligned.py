"""Line-aligned text pairs: each target line a segment beside the same line of the source."""

from __future__ import annotations

import pytest

from qa.engine import Source, run
from qa.errors import InputError
from qa.loaders import LoadOptions
from qa.loaders.aligned import load_pair
from tests.conftest import ROOT
from tests.helpers import CATALOGUE

FIXTURES = ROOT / "tests" / "data" / "bilingual" / "aligned"
RU = LoadOptions(source_lang="ru")


def pair(source: str, target: str, options: LoadOptions = RU):
    return load_pair(source.encode(), target.encode(), "target.en.txt", "source.ru.txt", options)


def test_each_line_is_a_segment_named_by_its_number_blank_lines_none() -> None:
    source = (FIXTURES / "news.ru.txt").read_bytes()
    target = (FIXTURES / "news.en.txt").read_bytes()  # CRLF line breaks
    doc = load_pair(source, target, "news.en.txt", "news.ru.txt", RU)
    assert [(s.id, s.source, s.target) for s in doc.bilingual.segments] == [
        ("1", "Первая строка.", "The first line."),
        ("3", "Вторая строка с цифрой 5.", "The second line with the the number 5."),
        ("4", "Третья строка.", "The third line."),
    ]
    assert [s.source_line for s in doc.bilingual.segments] == [1, 3, 4]
    assert (doc.bilingual.source_lang, doc.bilingual.target_lang) == ("ru", None)
    assert all(doc.text[s.start : s.end] == s.target for s in doc.bilingual.segments)


def test_a_finding_lands_on_the_target_files_line_and_column() -> None:
    target = FIXTURES / "news.en.txt"
    source = Source(target.as_posix(), path=target, options=RU, pair=FIXTURES / "news.ru.txt")
    (finding,) = run([source], CATALOGUE.select(["duplicated-word"])).findings
    text = target.read_bytes().decode("utf-8")
    assert text[finding.start : finding.end] == "the the"
    assert (finding.line, finding.column) == (3, text.index("the the") - text.index("The second") + 1)
    assert finding.segment is not None and finding.segment.id == "3"


def test_a_line_blank_on_one_side_only_is_a_segment() -> None:
    doc = pair("один\n\nтри\n", "one\ntwo\n\n")
    assert [(s.id, s.source, s.target) for s in doc.bilingual.segments] == [
        ("1", "один", "one"),
        ("2", "", "two"),
        ("3", "три", ""),
    ]


@pytest.mark.parametrize(
    ("source", "target", "counts"),
    [
        ("a\nb\nc\n", "a\nb\n", "source has 3 lines, target 2"),
        ("a\n", "a\nb", "source has 1 line, target 2"),
        ("a\r\nb\r\n\r\n", "a\nb\n", "source has 3 lines, target 2"),
    ],
)
def test_a_line_count_mismatch_says_both_counts(source: str, target: str, counts: str) -> None:
    with pytest.raises(InputError, match=f"^{counts}$"):
        pair(source, target)


def test_a_final_line_break_is_no_line_and_line_breaks_may_differ() -> None:
    doc = pair("один\r\nдва", "one\ntwo\n")
    assert [s.target for s in doc.bilingual.segments] == ["one", "two"]
    at = doc.text.index("two")
    location = doc.locate(at, at + 3)
    assert (location.line, location.column) == (2, 1)


def test_an_unreadable_source_is_named() -> None:
    with pytest.raises(InputError, match=r"^its source source\.ru\.txt: not valid UTF-8"):
        load_pair(b"caf\xe9\n", b"one\n", "target.en.txt", "source.ru.txt", RU)


def test_two_blank_files_have_nothing_to_check() -> None:
    with pytest.raises(InputError, match="no lines to check"):
        pair("\n\n", " \n\n")
