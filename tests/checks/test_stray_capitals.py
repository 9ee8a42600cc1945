"""mid-sentence-capital: cases beyond the YAML examples (seeds, offsets, line breaks, options)."""

from __future__ import annotations

from pathlib import Path

import pytest

from qa.checks import stray_capitals
from qa.checks.base import OptionError, build_options
from qa.checks.stray_capitals import StrayCapitals, StrayCapitalsOptions
from qa.document import Document
from tests.conftest import SEEDS
from tests.helpers import findings_for, flagged

RULE = "mid-sentence-capital"


def check(text: str, **options: object) -> list[str]:
    doc = Document("example.txt", text)
    return [text[m.start : m.end] for m in StrayCapitals().check(doc, StrayCapitalsOptions(**options))]


def test_seed_002_has_exactly_the_two_artifacts() -> None:
    """ "no No" is there too, but as duplicated-word's: one problem, one finding."""
    text = (SEEDS / "002_fccc3799612edf3c.txt").read_text(encoding="utf-8")
    findings = findings_for(text, RULE)
    assert [(text[f.start - 5 : f.end + 4], f.suggestion) for f in findings] == [
        ("that We fee", "we"),
        ("t is Do not", "do"),
    ]
    assert {f.severity.label for f in findings} == {"warning"}


def test_seed_000_has_none() -> None:
    text = (SEEDS / "000_4ba9a3a3582aff3b.txt").read_text(encoding="utf-8")
    assert flagged(text, RULE) == []


@pytest.mark.parametrize(
    "text",
    [
        "Breaking News\n\nWashington: Russia has to choose between diplomacy and conflict",
        "Breaking News\nThe talks ended on Friday.",
        "Blinken: We will not abandon NATO’s open doors policy",
        "The US Secretary of State stated that he assured his Russian counterpart of the US’s "
        "determination not to abandon its “original principles, including the NATO Open Doors policy,” "
        "adding: “This includes issues related to sovereignty.",
        "The diplomat heard from Foreign Minister Lavrov that Russia has no intention of invading.",
        "He commented on speculation about an alleged Moscow-planned invasion of Ukraine.",
        "Blinken: Russia must stop aggression against Ukraine and choose between diplomacy\n"
        "And Blinken added that talks would go on.",
    ],
)
def test_seed_like_text_is_not_flagged(text: str) -> None:
    assert flagged(text, RULE) == []


@pytest.mark.parametrize(
    "text",
    [
        "Campaigners for the No side and a Yes vote met the It girl of the season.",
        "Fans of Doctor Who sang Let It Be and Stand By Me.",
        "He spoke to Will Smith at No 10 before noon.",
        "Options were listed in order: 1. The talks go on.",
        "The Hague court (The ICC) ruled on Friday.",
        "Washington (CNN) The talks ended and (CNN)The envoys left.",
        "Lenin wrote What Is to Be Done and the slogan was Just Do It, in the Which? report.",
        "She thanked Her Majesty’s government and Our World in Data.",
        "Q. Will you run?\nA. No, I will not.",
        "Some areas, e.g. The Hague, were spared.",
        "and I think that I Am Malala is a good book, she said.",
        "The aid agency, Médecins Sans Frontières (Doctors Without Borders), said so.",
    ],
)
def test_names_titles_and_licensed_capitals_are_not_flagged(text: str) -> None:
    assert flagged(text, RULE) == []


def test_offsets_count_code_points_in_non_ascii_text() -> None:
    text = "Ça ira, said the envoy in Genève, but We disagree."
    (finding,) = findings_for(text, RULE)
    assert (finding.start, finding.end, finding.column) == (38, 40, 39)
    assert text[finding.start : finding.end] == "We"


def test_wrapped_line_after_a_function_word_is_still_checked() -> None:
    assert flagged("Russia must respond to the concerns that\nWe feel in the region.", RULE) == ["We"]


def test_every_stray_capital_in_a_sentence_is_reported() -> None:
    assert flagged("They said that We would agree if It was fair.", RULE) == ["We", "It"]


def test_contractions_are_function_words() -> None:
    assert flagged("They said that Don’t worry was the message.", RULE) == ["Don’t"]


def test_ignore_option_spares_listed_words() -> None:
    text = "Officials said that they Will respond and that We agree."
    assert check(text) == ["Will", "We"]
    assert check(text, ignore=("Will",)) == ["We"]


def test_custom_function_word_list(tmp_path: Path) -> None:
    words = tmp_path / "words.txt"
    words.write_text("we\n\n", encoding="utf-8")
    text = "Officials said that they Will respond and that We agree."
    assert check(text, function_words_file=str(words)) == ["We"]


def test_empty_document_has_no_findings() -> None:
    assert check("") == []


def test_a_missing_function_word_file_is_an_option_error(tmp_path: Path) -> None:
    with pytest.raises(OptionError, match="no such file"):
        build_options(StrayCapitalsOptions, {"function_words_file": str(tmp_path / "missing.txt")})


def test_an_opener_after_a_word_that_can_end_a_sentence_is_an_info_note_without_suggestion() -> None:
    text = "Chipped or cracked dishes Although it may break your heart, a chipped mug is a risk."
    [finding] = findings_for(text, RULE)
    assert (text[finding.start : finding.end], finding.severity.label, finding.suggestion) == (
        "Although",
        "info",
        None,
    )
    assert "full stop" in finding.message


def test_an_opener_after_a_function_word_stays_a_stray_capital() -> None:
    [finding] = findings_for("The allies agreed, and The talks will continue.", RULE)
    assert (finding.severity.label, finding.suggestion) == ("warning", "the")


def test_a_comma_does_not_license_a_capital() -> None:
    assert flagged("She said that, We will win the vote on Friday.", RULE) == ["We"]


def test_a_capital_inside_a_quoted_title_is_the_title_s() -> None:
    assert flagged('They sang "Happy Birthday to You" in the hall, and "that We feel it" too.', RULE) == ["We"]


def test_a_common_word_capitalised_after_a_comma_is_a_lost_full_stop() -> None:
    text = "This was reported by CNN Brazil, People with chronic illness must wait, as most people agree."
    [finding] = findings_for(text, RULE)
    assert (text[finding.start : finding.end], finding.severity.label, finding.suggestion) == ("People", "info", None)


@pytest.mark.parametrize(
    "text",
    [
        "He spoke to Pirogov, Head of the Department, and the head of the clinic agreed.",
        "Studios - Cinema, Lostfilm, Film - survived, and the film industry recovered.",
        "As of December 9, Omicron is registered in 63 countries, cases of Omicron rose, and the omicron strain spreads.",
        "A strain of Omicron spread, Omicron cases rose, and omicron tests ran out.",
    ],
)
def test_a_capital_after_a_comma_in_a_title_list_or_name_stays_quiet(text: str) -> None:
    assert flagged(text, RULE) == []


def test_a_role_after_a_name_is_no_joined_sentence() -> None:
    assert flagged("Vladimir Bespalov, Car industry analyst at VTB Capital, and the car market.", RULE) == []


def test_only_sentences_with_a_suspect_in_place_are_looked_at() -> None:
    """A capitalised function word after the first word, or a word written in lowercase elsewhere after ", "."""
    text = (
        "The talks ended. Officials said that We would see. People met Lavrov in Geneva. "
        "Most people stayed home, People went out anyway. The people, Geneva said, were calm."
    )
    doc = Document("example.txt", text)
    spellings = {word.text for word in doc.words}
    lowercase = {spelling for spelling in spellings if spelling.islower()}
    capitalised = {spelling for spelling in spellings if stray_capitals._is_capitalised(spelling)}
    sentences = stray_capitals._suspect_sentences(
        doc, capitalised, lowercase, stray_capitals.load_function_words(None)
    )
    assert [doc.slice(sentence) for sentence, _ in sentences] == [
        "Officials said that We would see.",
        "Most people stayed home, People went out anyway.",
    ]
