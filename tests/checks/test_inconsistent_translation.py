"""inconsistent-translation in one file: what counts as one text, who is reported, and small facts."""

from __future__ import annotations

import json
import pickle
from collections.abc import Sequence

import pytest

from qa.checks.bilingual.consistency import (
    Consistency,
    ConsistencyOptions,
    compared_words,
    resemblance,
    sketch,
)
from qa.engine import Source, run
from qa.findings import Finding
from qa.loaders import LoadOptions, load_bytes
from tests.helpers import CATALOGUE

RULE = "inconsistent-translation"
Pair = tuple[str, str]

SAID = "Президент заявил, что переговоры продолжатся на следующей неделе."
SAID_EN = "The president said the talks would continue next week."
SAID_OTHER = "The president stated that negotiations will go on next week."


def jsonl(pairs: Sequence[Pair], lang: str = "ru") -> bytes:
    """A JSON Lines file of (source, target) segments; segment ids are line numbers."""
    lines = [
        json.dumps({"source": s, "target": t, "source_lang": lang}, ensure_ascii=False) for s, t in pairs
    ]
    return ("\n".join(lines) + "\n").encode("utf-8")


def check(*files: Sequence[Pair], jobs: int = 1) -> list[Finding]:
    """The rule's findings on files named a.jsonl, b.jsonl… in one run."""
    sources = [Source(f"{chr(97 + i)}.jsonl", data=jsonl(pairs)) for i, pairs in enumerate(files)]
    results = run(sources, CATALOGUE.select([RULE]), jobs=jobs)
    assert not results.input_errors, results.input_errors
    return results.findings


def segments(found: list[Finding]) -> list[tuple[str, str]]:
    return [(f.path, f.segment.id) for f in found]


# ----------------------------------------------------------------------------- bad


def test_a_source_translated_again_otherwise_is_reported_on_the_second() -> None:
    (finding,) = check(
        [
            (SAID, SAID_EN),
            ("Погода была хорошей весь день.", "The weather was fine all day."),
            (SAID, SAID_OTHER),
        ]
    )
    assert segments([finding]) == [("a.jsonl", "3")]
    assert finding.message == (f"This source is translated as '{SAID_EN}' in segment 1; use one translation.")
    assert (finding.segment.start, finding.segment.end) == (0, len(SAID_OTHER))
    assert (finding.segment.source_start, finding.segment.source_end) == (0, len(SAID))
    assert finding.related == () and finding.related_key is None


def test_the_translation_most_segments_give_stands_whatever_comes_first() -> None:
    found = check([(SAID, SAID_OTHER), (SAID, SAID_EN), (SAID, SAID_EN), (SAID, SAID_EN)])
    (finding,) = found
    assert finding.segment.id == "1"
    assert "in segment 2 and 2 other segments;" in finding.message


def test_on_a_tie_every_translation_after_the_first_is_reported() -> None:
    third = "The head of state said talks would resume next week."
    found = check([(SAID, SAID_EN), (SAID, SAID_OTHER), (SAID, third)])
    assert [f.segment.id for f in found] == ["2", "3"]


def test_one_translation_of_two_different_sources_is_reported_quoting_the_other_source() -> None:
    other = "Министр сообщил, что встреча состоится в пятницу утром."
    (finding,) = check([(SAID, SAID_EN), (other, SAID_EN)])
    assert finding.segment.id == "2"
    assert finding.message == (
        f"This translation is also given to another source, '{SAID[:59]}…', in segment 1;"
        " check which segment it translates."
    )


@pytest.mark.parametrize(
    "pairs",
    [
        pytest.param(
            [
                ("В акции приняли участие 25 000 человек.", "Some 25,000 people took part in the protest."),
                ("В акции приняли участие 30 000 человек.", "Some 25,000 people took part in the protest."),
            ],
            id="sources that differ in a number share a translation",
        ),
        pytest.param(
            [
                ("Переговоры с американскими чиновниками закончились.", "Talks with US officials ended."),
                ("Переговоры с американскими чиновниками закончились.", "Talks with us officials ended."),
            ],
            id="an acronym is not the pronoun",
        ),
        pytest.param(
            [
                ("１２日に議会が開かれた。", "The assembly met on the 12th."),
                ("12日に議会が開かれた。", "The assembly was held on the 12th."),
            ],
            id="full-width and ASCII forms of a source are one source",
        ),
    ],
)
def test_the_second_segment_is_reported(pairs: list[Pair]) -> None:
    assert [f.segment.id for f in check(pairs)] == ["2"]


def test_a_segment_is_reported_once_when_both_sides_disagree() -> None:
    other = "Министр сообщил, что встреча состоится в пятницу утром."
    found = check([(SAID, SAID_EN), (SAID, SAID_OTHER), (other, SAID_OTHER), (other, SAID_OTHER)])
    assert [f.segment.id for f in found] == ["2"]
    assert found[0].message.startswith("This source is translated as")


# ----------------------------------------------------------------------------- good


@pytest.mark.parametrize(
    "variant",
    [
        "the president said the talks would continue next week",  # case and the full stop
        "The President said the talks would continue next week!",  # not the words
        "The president said  the talks would\u00a0continue next week.",  # spacing
        "THE PRESIDENT SAID THE TALKS WOULD CONTINUE NEXT WEEK.",  # a shouted headline
    ],
)
def test_case_spacing_and_punctuation_do_not_make_another_translation(variant: str) -> None:
    assert check([(SAID, SAID_EN), (SAID, variant)]) == []


def test_a_translation_in_capitals_throughout_reads_as_the_same_words_with_their_acronyms() -> None:
    source = "Переговоры с американскими чиновниками закончились ничем."
    cased, shouted = "Talks with US officials ended in nothing.", "TALKS WITH US OFFICIALS ENDED IN NOTHING"
    assert check([(source, shouted), (source, cased)]) == []
    assert (
        check([(source, cased), (source, shouted), (source, "Talks with us officials ended in nothing.")])
        != []
    )


def test_quotes_dashes_and_apostrophes_do_not_make_another_translation() -> None:
    source = "«Это не наше решение», — сказал он журналистам."
    first = "\u201cIt\u2019s not our decision\u201d \u2014 he told reporters."
    second = '"It\'s not our decision" - he told reporters'
    assert check([(source, first), (source, second)]) == []


def test_short_replies_may_vary() -> None:
    assert (
        check(
            [
                ("Да.", "Yes."),
                ("Да.", "Yeah."),
                ("Нет, спасибо.", "No, thanks."),
                ("Нет, спасибо.", "No thank you."),
            ]
        )
        == []
    )


def test_numbers_names_and_copied_segments_are_not_compared() -> None:
    found = check(
        [
            ("2022", "2022 in review: the year"),
            ("2022", "The year 2022 in review"),
            ("Reuters Breakingviews Asia Pacific", "Reuters Breakingviews Asia Pacific"),
            ("Apple Watch Series 8 review", "Apple Watch Series 8 review"),
        ]
    )
    assert found == []


def test_sources_in_another_word_order_may_share_a_translation() -> None:
    found = check(
        [
            ("Переговоры продолжатся на следующей неделе, заявил президент.", SAID_EN),
            ("Президент заявил, переговоры продолжатся на следующей неделе.", SAID_EN),
        ]
    )
    assert found == []


def test_sources_that_differ_in_a_word_or_two_may_share_a_translation() -> None:
    found = check(
        [
            (
                "Большое спасибо вам за помощь в поисках пропавшего ребенка.",
                "Thank you very much for helping find the child.",
            ),
            (
                "Большое спасибо тебе за помощь в поисках пропавшего ребенка.",
                "Thank you very much for helping find the child.",
            ),
            (
                "Огромное спасибо всем за помощь в поисках пропавшего ребенка.",
                "Thank you very much for helping find the child.",
            ),
        ]
    )
    assert found == []


def test_a_sketch_tells_a_reworded_sentence_from_another() -> None:
    said = sketch(compared_words(SAID))
    assert resemblance(said, said) == 1.0
    assert resemblance(said, sketch(compared_words(SAID.replace("заявил", "сказал")))) >= 0.5
    assert resemblance(said, sketch(compared_words("Погода была хорошей весь день."))) < 0.5
    assert (
        resemblance(
            sketch(compared_words("１２日に議会が開かれた。")), sketch(compared_words("12日に議会が開かれた"))
        )
        == 1.0
    )
    assert resemblance(sketch(()), sketch(())) == 1.0


def test_a_headline_repeated_in_a_caption_is_fine_when_identical() -> None:
    headline = "Путин встретился с Си Цзиньпином в Пекине"
    found = check(
        [
            (headline, "Putin Meets Xi Jinping in Beijing"),
            ("Лидеры обсудили торговлю.", "The leaders discussed trade."),
            (headline + ".", "Putin meets Xi Jinping in Beijing."),
        ]
    )
    assert found == []


def test_a_monolingual_file_has_no_facts() -> None:
    doc = load_bytes(b"The president said the talks would continue next week.\n", "a.txt", LoadOptions())
    assert Consistency().facts(doc, ConsistencyOptions()) == ()


# ----------------------------------------------------------------------------- comparing and facts


def test_compared_words_leave_case_punctuation_and_compatibility_forms_aside() -> None:
    assert compared_words("The US, “NATO” and us.") == ("the", "us", "nato", "and", "us")
    assert compared_words("Don’t go") == compared_words("don't go.") == ("don't", "go")
    assert compared_words("１２日 ＡＢＣ") == ("12日", "abc")


def test_min_words_must_be_positive() -> None:
    with pytest.raises(ValueError, match="min_words"):
        ConsistencyOptions(min_words=0)


def test_facts_are_small_and_quote_a_repeated_pair_once() -> None:
    long_source = "Слово " * 500
    long_target = "Word " * 500
    pairs = [(long_source, long_target)] * 200 + [
        (f"Предложение номер {i} о погоде.", f"Sentence number {i} about the weather.") for i in range(200)
    ]
    doc = load_bytes(jsonl(pairs), "a.jsonl", LoadOptions())
    facts = Consistency().facts(doc, ConsistencyOptions())
    assert len(facts) == 400
    assert [bool(r.target_excerpt) for r in facts[:3]] == [True, False, False]
    assert all(len(r.source_excerpt) <= 60 and len(r.target_excerpt) <= 60 for r in facts)
    assert len(pickle.dumps(facts)) < 400 * 200, "a rendering costs a few dozen bytes past its excerpts"
