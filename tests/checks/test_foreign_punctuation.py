"""foreign-punctuation: cases beyond the YAML examples (offsets, spacing, language around a mark, options)."""

from __future__ import annotations

import pytest

from qa.checks.foreign_punctuation import ForeignPunctuation, ForeignPunctuationOptions
from qa.document import Document
from tests.helpers import findings_for, flagged

RULE = "foreign-punctuation"


def check(text: str, **options: object) -> list[tuple[str, str | None]]:
    """(flagged text, suggestion) of each match of the kind, run directly with `options`."""
    doc = Document("example.txt", text)
    matches = ForeignPunctuation().check(doc, ForeignPunctuationOptions(**options))
    return [(text[m.start : m.end], m.suggestion) for m in matches]


def test_offsets_count_code_points_in_non_ascii_text() -> None:
    text = "🇫🇷 Ça ira, dit le député : «oui», ¿What?"
    findings = findings_for(text, RULE)
    assert [(text[f.start : f.end], f.start, f.column) for f in findings] == [
        ("«", 27, 28),
        ("»", 31, 32),
        ("¿", 34, 35),
    ]
    assert [f.suggestion for f in findings] == ["“", "”", ""]


def test_empty_and_blank_documents_have_none() -> None:
    assert check("") == []
    assert check("\n\n   \n") == []


@pytest.mark.parametrize(
    ("space", "name"),
    [
        (" ", "space (U+0020)"),
        ("\u00a0", "no-break space (U+00A0)"),
        ("\u202f", "narrow no-break space (U+202F)"),
    ],
)
def test_each_french_space_is_named(space: str, name: str) -> None:
    text = f"Pourquoi{space}? Nobody knows."
    doc = Document("example.txt", text)
    (match,) = ForeignPunctuation().check(doc, ForeignPunctuationOptions(french_spacing=True))
    assert text[match.start : match.end] == f"{space}?"
    assert match.suggestion == "?"
    assert match.message == (
        f"A {name} before '?' is French typography; in English write '?' straight after the word."
    )


def test_french_quotation_with_no_break_spaces_inside() -> None:
    text = "He said «\u00a0we are ready\u00a0» and «\u202fnow\u202f»."
    assert check(text) == [("«\u00a0", "“"), ("\u00a0»", "”"), ("«\u202f", "“"), ("\u202f»", "”")]


def test_german_quotation_marks_point_inwards() -> None:
    found = check("He shouted »Nein!« and left, then ›ja‹.")
    assert found == [("»", "“"), ("«", "”"), ("›", "‘"), ("‹", "’")]
    assert "in German or Danish style" in findings_for("He shouted »Nein!« and left.", RULE)[0].message


def test_low_quotation_marks_and_their_german_closers() -> None:
    assert check("They said „Ja“, then ‚nein‘ and „tak”.") == [
        ("„", "“"),
        ("“", "”"),
        ("‚", "‘"),
        ("‘", "’"),
        ("„", "“"),
    ]


def test_single_low_nine_mark_standing_for_a_comma() -> None:
    assert check("The talks‚ which ended on Friday‚ were useful.") == [("‚", ","), ("‚", ",")]


def test_suggestion_adds_the_space_english_needs() -> None:
    assert check("He said«Hola»and left（quietly）then，slept。Then 12，000 came.") == [
        ("«", " “"),
        ("»", "” "),
        ("（", " ("),
        ("）", ") "),
        ("，", ", "),
        ("。", ". "),
        ("，", ","),
    ]


def test_unclosed_guillemet_is_still_reported() -> None:
    assert check("He said «we are ready and left.") == [("«", "“")]


@pytest.mark.parametrize(
    "text",
    [
        "Home › World › Europe",
        "« Previous",
        "News » Europe » Ukraine\n\nRead more »",
        "The arrow (») and the sign '«' point left and right.",
    ],
)
def test_breadcrumbs_arrows_and_mentions_are_not_reported(text: str) -> None:
    assert check(text) == []


def test_arabic_marks_in_arabic_text_inside_english_are_correct() -> None:
    assert check("أعلنت شركة Google، أن الأرباح ارتفعت؟ The company declined to comment.") == []
    assert check("The figure was ٣٠، the ministry said.") == []
    found = check("Lavrov said، in Geneva، that ٣٠ troops left؛ why؟")
    assert found == [("،", ","), ("،", ","), ("؛", ";"), ("؟", "?")]


def test_cjk_marks_next_to_cjk_words_are_correct() -> None:
    assert check("The slogan 「東京，2020」 was everywhere.") == []
    assert check("The slogan「Tokyo，2020」was everywhere.") == [("「", " “"), ("，", ", "), ("」", "” ")]


def test_guillemets_in_a_sentence_of_another_alphabet_are_correct() -> None:
    text = "The Kremlin said on Friday it was ready. «Мы готовы к переговорам», — сказал Песков журналистам."
    assert check(text) == []
    assert check("The slogan «Нет войне» was banned.") == [("«", "“"), ("»", "”")]


@pytest.mark.parametrize(
    ("text", "reported"),
    [
        ("He sang “¿Qué pasa?” and “¡Viva México!”", []),
        ("The chant was ¡Viva la revolución!", []),
        ("She asked ¿What happened to José? twice.", ["¿"]),
        ("¿Is it over? ¡Yes it is!", ["¿", "¡"]),
        ("¡Hello!", ["¡"]),
    ],
)
def test_inverted_marks_are_kept_in_spanish_and_deleted_in_english(text: str, reported: list[str]) -> None:
    assert [flagged_text for flagged_text, _ in check(text)] == reported
    assert all(suggestion == "" for _, suggestion in check(text))


@pytest.mark.parametrize(
    "text",
    [
        "Chelsea won 3 : 1 at 12 : 55.",
        "That was funny :) and odd ;-) and sad :( and cheeky :P",
        "Name      : Lavrov\nRole      : minister",
        "Items:\n: indented definition",
        "The URL ends in ?id=5 and the code uses x :=5",
    ],
)
def test_spaced_marks_that_are_not_french_spacing(text: str) -> None:
    assert check(text, french_spacing=True) == []


def test_french_spacing_after_a_closing_quote_before_a_bracket_and_before_another_mark() -> None:
    assert check("He called it “a farce” : the talks (why ?) failed. Was it 5 ?!", french_spacing=True) == [
        (" :", ":"),
        (" ?", "?"),
        (" ?", "?"),
    ]


def test_french_spacing_is_left_to_the_spacing_rule_unless_asked_for() -> None:
    text = "Geneva : «talks» ¿What next ?"
    assert [f for f, _ in check(text)] == ["«", "»", "¿"]
    assert [f for f, _ in check(text, french_spacing=True)] == [" :", "«", "»", "¿", " ?"]
    assert flagged(text, RULE) == ["«", "»", "¿"]


def test_allowed_marks_are_not_reported() -> None:
    text = "Geneva : «talks» ¿What next ?"
    assert [f for f, _ in check(text, french_spacing=True, allow=("«", "»", ":"))] == ["¿", " ?"]


def test_findings_are_warnings_with_the_rule_id() -> None:
    (finding,) = findings_for("Why did the talks fail؟", RULE)
    assert (finding.rule, finding.severity.label) == (RULE, "warning")
