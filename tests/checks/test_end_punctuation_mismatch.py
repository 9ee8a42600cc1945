"""end-punctuation-mismatch: cases beyond the YAML examples (kinds of ends, quotations, languages, offsets)."""

from __future__ import annotations

import pytest

from qa.checks.bilingual.punctuation import End, EndPunctuation, EndPunctuationOptions, ending
from qa.document import Document
from qa.engine import Source, run
from tests.checks.bilingual_segments import matches, one_segment
from tests.helpers import CATALOGUE

KIND = EndPunctuation()


def check(
    source: str, target: str, source_lang: str = "ru", **options: object
) -> list[tuple[str, str | None, str | None]]:
    return matches(KIND, EndPunctuationOptions(**options), one_segment(source, target, source_lang))


@pytest.mark.parametrize(
    ("text", "kind", "quoted"),
    [
        ("Где ты?", End.QUESTION, False),
        ("¿Dónde estás?", End.QUESTION, False),
        ("どこですか？", End.QUESTION, False),
        ("Что?!", End.BOTH, False),
        ("Ура!..", End.EXCLAMATION, False),
        ("И тогда…", End.ELLIPSIS, False),
        ("And then...", End.ELLIPSIS, False),
        ("のみ ... ... 。", End.ELLIPSIS, False),
        ("Stores. .", End.STOP, False),
        ("東京です。", End.STOP, False),
        ("Он сказал: «Да».", End.STOP, False),
        ('He said: "Yes."', End.STOP, True),
        ("«Куда ты идёшь?»", End.QUESTION, True),
        ("「楽しい ？ 」。", End.STOP, False),
        ("Следующие страны:", End.COLON, False),
        ("Путин провёл переговоры", End.NONE, False),
        ("(see the report)", End.NONE, True),
        ("Первое; второе;", End.STOP, False),
        ("Итак, —", End.NONE, False),
        ("", End.NONE, False),
    ],
)
def test_the_kind_of_an_end(text: str, kind: End, quoted: bool) -> None:
    found = ending(text)
    assert (found.kind, found.quoted) == (kind, quoted)


def test_a_greek_semicolon_asks_only_in_greek() -> None:
    assert ending("Τι ώρα είναι;", greek=True).kind is End.QUESTION
    assert ending("Τι ώρα είναι\u037e", greek=True).kind is End.QUESTION
    assert check("Первое; второе;", "First; second.") == []
    assert check("Τι ώρα είναι;", "What time is it.", "el") == [(".", "?", ";")]


def test_the_finding_stands_on_the_target_mark_and_the_source_span_on_the_source_mark() -> None:
    assert check("Сколько стоит?", "How much is it.") == [(".", "?", "?")]


def test_an_ellipsis_gets_no_suggestion_nor_does_a_mark_inside_quotes() -> None:
    assert check("И тогда…", "And then.") == [(".", None, "…")]
    assert check("Он ушёл.", "He left...") == [("...", None, ".")]


def test_a_bare_end_gets_an_empty_span_and_the_mark_to_add() -> None:
    assert check("Курорты находятся в горах.", "Resorts are in the  ") == [("", ".", ".")]


def test_questions_of_unmarked_question_languages_follow_the_option() -> None:
    source, target = "そのきっかけは何だったのでしょうか。", "What was the trigger?"
    assert check(source, target, "ja") == []
    assert check(source, target, "ja", unmarked_question_languages=()) == [("?", ".", "。")]
    assert check("Он спросил, придёт ли она.", "He asked, will she come?") == [("?", ".", ".")]


def test_a_question_and_exclamation_agrees_with_either() -> None:
    assert check("Что?!", "What?") == []
    assert check("Что?!", "What!") == []
    assert check("Ура!", "Hooray?!") == []
    assert check("Что?!", "What.") == [(".", None, "?!")]


def test_a_monolingual_document_has_none() -> None:
    assert list(KIND.check(Document("a.txt", "Why."), EndPunctuationOptions())) == []


def test_findings_are_placed_in_their_segment_of_a_file() -> None:
    records = [
        '{"source": "Где ты?", "target": "Where are you?"}',
        '{"source": "Ты где?", "target": "🇷🇺 Where are you."}',
    ]
    data = ("\n".join(records) + "\n").encode("utf-8")
    found = run([Source("a.jsonl", data=data)], [CATALOGUE.get("end-punctuation-mismatch")]).findings
    assert [(f.line, f.column, f.segment.id, f.segment.start, f.segment.source_start) for f in found] == [
        (2, 50, "2", 16, 6)
    ]


def test_an_abbreviation_s_dot_may_end_a_source_whose_translation_has_no_mark() -> None:
    assert check("6 a.m.", "6 утра", "en") == []
    assert check("Профессор РНИМУ им.", "Professor of the Pirogov University") == []
    assert check("Это было в 2021 г.", "It was in 2021") == []
    assert check("Курорты находятся в горах.", "Resorts are in the") == [("", ".", ".")]
    assert check("Итоги 2021 г.", "Results of 2021?") == [("?", ".", ".")]
