"""mixed-script: ties, hyphenated parts, look-alikes beyond Latin, offsets and the seeds."""

from __future__ import annotations

import pytest

from qa.checks.base import NoOptions
from qa.checks.mixed_script import MixedScript, script_of
from qa.document import Document
from tests.helpers import findings_for, flagged

RULE = "mixed-script"


def found(text: str) -> list[tuple[str, str | None]]:
    return [(text[f.start : f.end], f.suggestion) for f in findings_for(text, RULE)]


@pytest.mark.parametrize(
    ("char", "script"),
    [("a", "LATIN"), ("Đ", "LATIN"), ("а", "CYRILLIC"), ("ј", "CYRILLIC"), ("ο", "GREEK"), ("µ", None),
     ("ʼ", None), ("ª", None), ("東", None), ("ا", None), ("1", None), ("\u0301", None), ("Ａ", None)],
)  # fmt: skip
def test_script_is_the_first_word_of_a_letters_name(char: str, script: str | None) -> None:
    assert script_of(char) == script


def test_offsets_are_code_points_after_astral_characters() -> None:
    text = "🇺🇦 Zelensky 👍🏽 met «Pаris» officials"
    (finding,) = findings_for(text, RULE)
    assert (finding.start, finding.end) == (text.index("P"), text.index("»"))


def test_a_two_letter_tie_takes_the_documents_alphabet() -> None:
    (russian,) = findings_for("Oк, сказал он в Москве.", RULE)
    assert russian.suggestion == "Ок"
    assert russian.message == "'Oк' mixes scripts: 'O' (LATIN CAPITAL LETTER O) in a Cyrillic word."
    (english,) = findings_for("He wrote Oк in the chat.", RULE)
    assert english.suggestion is None
    assert english.message == "'Oк' mixes scripts: 'к' (CYRILLIC SMALL LETTER KA) in a Latin word."


def test_each_intruder_is_named_once_and_all_are_replaced() -> None:
    (finding,) = findings_for("Officials shared their сonсerns.", RULE)
    assert finding.message == "'сonсerns' mixes scripts: 'с' (CYRILLIC SMALL LETTER ES) in a Latin word."
    assert finding.suggestion == "concerns"


def test_parts_of_a_hyphenated_word_are_judged_each_in_its_own_alphabet() -> None:
    (finding,) = findings_for("The Pаris-Мoсква line", RULE)
    assert finding.suggestion == "Paris-Москва"
    assert finding.message == (
        "'Pаris-Мoсква' mixes scripts: 'а' (CYRILLIC SMALL LETTER A) in a Latin word; "
        "'o' (LATIN SMALL LETTER O) in a Cyrillic word."
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Місто Kиїв", ("Kиїв", "Київ")),  # Latin K
        ("Київ — це мiсто", ("мiсто", "місто")),  # Latin i for the Ukrainian і
        ("Чӑваш чӗлхи: вăтаçĕр", ("вăтаçĕр", "вӑтаҫӗр")),  # Chuvash typed with Latin look-alikes
        ("Он сказал: всë", ("всë", "всё")),
        ("Η Aθήνα είναι", ("Aθήνα", "Αθήνα")),  # Latin A, Greek word with letters unlike any Latin one
    ],
)
def test_look_alikes_are_replaced_by_the_words_own_alphabet(text: str, expected: tuple[str, str]) -> None:
    assert found(text) == [expected]


def test_a_word_wholly_in_look_alikes_is_in_one_alphabet() -> None:
    """Greek ΝΑΤΟ and Cyrillic АТОМ are correct in Greek and Russian text; whole words are not judged."""
    assert found("The ΝΑΤΟ summit and the АТОМ plant") == []


@pytest.mark.parametrize(
    "text",
    [
        "Η δόση ήταν 5μg και ο TNFα αυξήθηκε.",  # Greek symbols in Latin words inside Greek text
        "β-каротин и βкаротин, IL-1β, ΔT и Ωmega.",
        "ＮＨＫニュース and Ｔシャツ in full-width Latin.",
        "Hawaiʻi, Nuʻuanu and the Wrocław office of Łódź; Україна, мʼясо.",
        "Ancient Ἀθῆναι and ἀρχή, and the Serbian Ђорђе and Đorđe.",
        "Pronounced [ˈbɑχ] or /θɪŋk/, the names are IPA.",
    ],
)
def test_legitimate_mixtures_are_not_flagged(text: str) -> None:
    assert flagged(text, RULE) == []


def test_empty_and_ascii_documents_have_none() -> None:
    assert list(MixedScript().check(Document("t.txt", ""), NoOptions())) == []
    assert flagged("Plain ASCII Paris, Moscow and Athens.", RULE) == []
