"""run-together-word: cases beyond the YAML examples (seeds, offsets, evidence, skipped tokens, options)."""

from __future__ import annotations

import dataclasses
import re
import sys
from pathlib import Path

import pytest

from qa.checks.base import OptionError, build_options
from qa.checks.run_together import (
    CAPITAL_INSIDE,
    RunTogether,
    RunTogetherOptions,
    _written_apart,
)
from qa.document import Document
from qa.segment import tokens_holding
from tests.conftest import SEEDS
from tests.helpers import CATALOGUE, findings_for, flagged

RULE = "run-together-word"
RULE_OPTIONS = CATALOGUE.get(RULE).options


def check(text: str, **changes: object) -> list[str]:
    """Flagged texts with the rule's own options, changed as given."""
    options = dataclasses.replace(RULE_OPTIONS, **changes)
    return [text[m.start : m.end] for m in RunTogether().check(Document("example.txt", text), options)]


def test_seed_000_has_exactly_ukraine_blinken_with_a_quotation_hint() -> None:
    text = (SEEDS / "000_4ba9a3a3582aff3b.txt").read_text(encoding="utf-8")
    findings = findings_for(text, RULE)
    assert [text[f.start : f.end] for f in findings] == ["UkraineBlinken"]
    (finding,) = findings
    assert finding.suggestion is None
    assert finding.severity.label == "error"
    assert "perhaps 'Ukraine,” Blinken'" in finding.message


def test_seed_002_has_none() -> None:
    text = (SEEDS / "002_fccc3799612edf3c.txt").read_text(encoding="utf-8")
    assert flagged(text, RULE) == []


def test_offsets_are_code_points_after_non_ascii_text() -> None:
    text = "Zürich – „Ça va“, said Señor Müller 🙂 in GenevaThe talks went on."
    (finding,) = findings_for(text, RULE)
    assert (finding.start, finding.end) == (text.index("GenevaThe"), text.index("GenevaThe") + 9)
    assert (finding.line, finding.column) == (1, text.index("GenevaThe") + 1)


@pytest.mark.parametrize("text", ["", " \n\n\t", "Geneva", "iPhone"])
def test_empty_blank_and_one_word_input_has_nothing(text: str) -> None:
    assert flagged(text, RULE) == []


def test_a_document_of_one_fused_word_is_enough_before_an_opener() -> None:
    assert flagged("GenevaThe", RULE) == ["GenevaThe"]


def test_two_capitalised_parts_need_the_first_to_stand_alone_mid_sentence() -> None:
    fused = "The envoy said MoscowTokarev would answer."
    assert flagged(fused, RULE) == []
    assert flagged(f"{fused} Talks in Moscow resume today.", RULE) == ["MoscowTokarev"]
    # Capitalised only by position ("Moscow" opens every sentence) is no evidence.
    assert flagged(f"{fused} Moscow resumes talks today.", RULE) == []


@pytest.mark.parametrize(
    "word",
    [
        "theMinistry",
        "MondayMarch",
        "vegetablesHusband",
        "additionWashington",
        "theRepublic",
        "invitationAnother",
    ],
)
def test_the_lexicon_splits_camel_joins_without_other_evidence(word: str) -> None:
    assert flagged(f"Officials said that {word} was mentioned once.", RULE) == [word]


@pytest.mark.parametrize(
    "word",
    [
        "iPhone",
        "eBay",
        "easyJet",
        "JPMorgan",
        "YouTube",
        "OpenAI",
        "DeepMind",
        "LinkedIn",
        "PlayStation",
        "WhatsApp",
        "iOS",
        "macOS",
        "MacBook",
        "McCain",
        "DiCaprio",
        "LeBron",
        "PhD",
        "iPads",
        "kWh",
        "mRNA",
        "eVTOL",
        "SoundCloud",
        "BlackRock",
        "MayDay",
    ],
)
def test_brands_and_names_stay_quiet_without_evidence(word: str) -> None:
    assert flagged(f"Officials said that {word} was mentioned once.", RULE) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("He said inthe morning that forthe record he wrote tohim.", ["inthe", "forthe", "tohim"]),
        ("They met ata school ona hill.", ["ata", "ona"]),
        # Words the lexicon knows, and joins of other words, are left alone.
        ("The therapist, notably together with another, went nowhere onto a tome in international fora.", []),
        ("He cannot understand himself; into the anan bento, de facto, onwards.", []),
        ("See inthe.example.com, @tohim, pre-inthe and inthe-house.", []),
    ],
)
def test_lowercase_joins_of_a_preposition_and_an_article_or_pronoun(text: str, expected: list[str]) -> None:
    assert flagged(text, RULE) == expected


def test_lowercase_join_suggests_the_spaced_pair() -> None:
    (finding,) = findings_for("The talks were held inthe city.", RULE)
    assert finding.suggestion == "in the"
    assert finding.message == "'inthe' runs two words together; write 'in the'."


def test_lowercase_joins_are_off_without_their_word_lists() -> None:
    assert check("They met inthe city.", lowercase_join_left=()) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Geneva, 21 January 2022The talks began.", ["2022The"]),
        ("Photographs: NATOThe ministers met.", ["NATOThe"]),
        ("They met near the town ofThe talks.", ["ofThe"]),
        ("The iThe and 23andThe cases.", []),  # a left part that is neither a word, a year nor an acronym
        ("At McDonaldThe talks.", []),  # several capitals: never split
    ],
)
def test_what_may_stand_before_a_sentence_opener(text: str, expected: list[str]) -> None:
    assert flagged(text, RULE) == expected


def test_a_fused_word_written_twice_is_a_deliberate_spelling() -> None:
    once = "Officials in Ukraine met Blinken; UkraineBlinken ties grew."
    assert flagged(once, RULE) == ["UkraineBlinken"]
    assert flagged(f"{once} UkraineBlinken ties grew again.", RULE) == []


def test_possessive_and_hyphenated_words_flag_only_the_fused_part() -> None:
    text = "Talks with Ukraine and Zelensky went on, and the pro-UkraineZelensky’s camp agreed."
    assert flagged(text, RULE) == ["UkraineZelensky"]
    assert flagged("After the long-awaitedThe ministers met.", RULE) == ["awaitedThe"]


@pytest.mark.parametrize(
    "token",
    [
        "https://example.com/UkraineBlinken",
        "www.UkraineBlinken.org",
        "Ukraine.Blinken@state.gov",
        "UkraineBlinken@state.gov",
        "@UkraineBlinken",
        "#UkraineBlinken",
        "UkraineBlinken.com",
        "ukraine_Blinken",
        "getUkraineBlinken()",
        "UkraineBlinken(x)",
    ],
)
def test_urls_addresses_handles_hashtags_and_code_are_skipped(token: str) -> None:
    assert flagged(f"Officials in Ukraine met Blinken; see {token} for more.", RULE) == []


def test_spaced_form_is_suggested_when_the_document_writes_the_pair() -> None:
    text = "Talks with Foreign Minister Sergey\nLavrov ended; then SergeyLavrov left with Lavrov’s aides."
    (finding,) = findings_for(text, RULE)
    assert finding.suggestion == "Sergey Lavrov"


def test_pair_split_by_a_paragraph_break_is_not_written_apart() -> None:
    text = "He spoke of Sergey\n\nLavrov said so, and SergeyLavrov left with Lavrov’s aides."
    (finding,) = findings_for(text, RULE)
    assert finding.suggestion is None


@pytest.mark.parametrize(
    ("text", "hint"),
    [
        (
            'Antony Blinken urged a "response if Russia hits UkraineBlinken said, in Ukraine.',
            "'Ukraine,\" Blinken'",
        ),
        ("“We met in GenevaThe talks went on,” he said in Geneva.", "'Geneva.” The'"),
        ("They flew toward GenevaThe talks went on.", "'Geneva. The'"),
        ("They spoke ofThe talks.", "between 'of' and 'The'"),
    ],
)
def test_message_names_the_punctuation_probably_lost(text: str, hint: str) -> None:
    (finding,) = findings_for(text, RULE)
    assert hint in finding.message
    assert finding.suggestion is None


def test_closed_quotation_gives_no_quotation_hint() -> None:
    text = "He said “no” in Ukraine, and UkraineBlinken ties grew with Blinken."
    (finding,) = findings_for(text, RULE)
    assert "quotation" not in finding.message


@pytest.mark.parametrize(
    "text",
    [
        "The vendor of watchOS said the OS update was ready.",  # acronym after a non-glue word
        "CNNMoney and NYTimes reported, as did CNN and the Times of London.",  # acronym + word
        "Shares of 3Com and 9News rose; News was good and Com stocks too.",  # not a year
        "GlaxoSmithKline: the Glaxo and Smith and Kline firms merged.",  # several capitals
        "The vote in ZoomIn was held; Zoom and In were there.",  # right part too short
    ],
)
def test_hard_correct_text_is_not_flagged(text: str) -> None:
    assert flagged(text, RULE) == []


@pytest.fixture
def no_known_words(tmp_path: Path) -> str:
    path = tmp_path / "none.txt"
    path.write_text("", encoding="utf-8")
    return str(path)


def test_known_words_and_name_prefixes_are_what_protect_brands_and_names(no_known_words: str) -> None:
    text = "ExxonMobil, formed when Exxon bought Mobil, hired Douglas MacArthur and Mac and Arthur."
    assert check(text) == []
    assert check(text, known_words_file=no_known_words) == ["ExxonMobil"]
    assert check(text, known_words_file=no_known_words, allow=("ExxonMobil",), name_prefixes=()) == [
        "MacArthur"
    ]


def test_known_words_cover_plurals(no_known_words: str) -> None:
    text = "The PowerPoints went to the Power ministry and the Points of contact."
    assert check(text) == []
    assert check(text, known_words_file=no_known_words) == ["PowerPoints"]


def test_minimum_lengths() -> None:
    text = "Fans of Le and Bron met, and LeBron left."
    assert check(text, name_prefixes=()) == []
    assert check(text, name_prefixes=(), min_left_length=2) == ["LeBron"]


def test_glue_words_option() -> None:
    text = "The delegation flew toGeneva, and talks in Geneva began."
    assert check(text) == ["toGeneva"]
    assert check(text, glue_words=()) == []  # "to" alone is under the minimum length


def test_sentence_openers_option() -> None:
    assert check("They met in GenevaThe talks went on.", sentence_openers=()) == []


def test_default_options_use_the_bundled_known_words() -> None:
    text = "AstraZeneca, named for Astra and Zeneca, and the Swiss city of GenevaThe talks."
    options = RunTogetherOptions(sentence_openers=("The",))
    doc = Document("example.txt", text)
    assert [text[m.start : m.end] for m in RunTogether().check(doc, options)] == ["GenevaThe"]


def test_missing_known_words_file_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(OptionError, match="known_words_file"):
        build_options(RunTogetherOptions, {"known_words_file": str(tmp_path / "missing.txt")})


def test_known_words_are_all_mixed_case() -> None:
    """An all-lowercase or all-capitals entry could never match a word this rule splits."""
    lines = Path(RULE_OPTIONS.known_words_file).read_text(encoding="utf-8").splitlines()
    assert [line for line in lines if line in (line.lower(), line.upper())] == []


def test_a_contraction_after_the_join_is_not_part_of_the_word() -> None:
    assert flagged("I was surprised by the illuminationsThey're so beautiful.", RULE) == ["illuminationsThey"]


def test_lost_comma_after_a_common_word_before_a_name_the_lexicon_does_not_know() -> None:
    text = "He was praised by the Minister for the Far East and ArcticAlexey Chekunkov on Monday."
    assert check(text) == ["ArcticAlexey"]


def test_lost_comma_after_a_sentence_adverb_the_document_writes_in_lowercase() -> None:
    text = "Cases rose earlier this month. EarlierMinister of Health Anna Ivanova said beds were ready."
    assert check(text) == ["EarlierMinister"]


def test_two_english_words_mid_sentence_are_a_brand_even_if_written_in_lowercase_elsewhere() -> None:
    text = "Users sang on StarMaker at night, and the star of the chart was NightOwl."
    assert check(text) == []


def test_short_lowercase_part_after_a_hyphen_is_no_brand_prefix() -> None:
    assert check("The body was found in Fukuoka-choOkazaki, police said.") == ["choOkazaki"]
    assert check("He bought a refurbished iPhone and a second-hand iPad.") == []


def test_every_character_lowercase_changes_may_be_a_capital_inside_a_token_and_no_space_is() -> None:
    """The screen that finds tokens with a capital must miss none: `rest != rest.lower()` decides after it."""
    every = [chr(code) for code in range(sys.maxunicode + 1)]
    assert all(CAPITAL_INSIDE.match("x" + char, 1) for char in every if char.lower() != char)
    assert not any(CAPITAL_INSIDE.match("x" + char, 1) for char in every if char.isspace())
    assert not CAPITAL_INSIDE.match("The", 0)  # a token's first character is not inside it


@pytest.mark.parametrize(
    "text",
    ["", "no capitals here at all", "UkraineBlinken said", " a-B\u00a0cD\u3000eF\tgh-Ij ", "Żółw ÉtéÀ x’Y"],
)
def test_tokens_holding_a_capital_are_the_whitespace_tokens_with_one(text: str) -> None:
    every_token = [m.span() for m in re.finditer(r"\S+", text) if CAPITAL_INSIDE.search(text, *m.span())]
    assert list(tokens_holding(CAPITAL_INSIDE, text)) == every_token


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("met Sergey Lavrov today", True),
        ("met Sergey\nLavrov today", True),
        ("Sergey Lavrov", True),
        ("met XSergey Lavrov today", False),
        ("met Sergey Lavrovich today", False),
        ("met Sergey\n\nLavrov today", False),
        ("a.Sergey Lavrov", True),
    ],
)
def test_the_pair_is_written_apart_only_as_two_whole_words(text: str, expected: bool) -> None:
    assert _written_apart(text, "Sergey", "Lavrov") is expected
