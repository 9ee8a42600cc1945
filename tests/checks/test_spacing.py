"""spacing: cases beyond the YAML examples (seeds, offsets, options, layout, fixes, edge cases)."""

from __future__ import annotations

from pathlib import Path

import pytest

from qa.checks.base import OptionError, build_options
from qa.checks.spacing import Spacing, SpacingOptions
from qa.document import Document
from tests.conftest import SEEDS
from tests.helpers import findings_for, flagged

RULE = "spacing"


def check(text: str, **options: object) -> list[tuple[str, str | None]]:
    doc = Document("example.txt", text)
    return [(text[m.start : m.end], m.suggestion) for m in Spacing().check(doc, SpacingOptions(**options))]


def starts(text: str, **options: object) -> list[int]:
    return [m.start for m in Spacing().check(Document("example.txt", text), SpacingOptions(**options))]


def fixed(text: str) -> str:
    """The text with every suggestion applied, last first so earlier offsets stay valid."""
    for finding in sorted(findings_for(text, RULE), key=lambda f: f.start, reverse=True):
        assert finding.suggestion is not None
        text = text[: finding.start] + finding.suggestion + text[finding.end :]
    return text


@pytest.mark.parametrize("seed", sorted(SEEDS.glob("*.txt")), ids=lambda p: p.name[:3])
def test_the_seeds_have_no_spacing_slips(seed: Path) -> None:
    assert flagged(seed.read_text(encoding="utf-8"), RULE) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("the  talks", [("  ", " ")]),
        ("the   talks", [("   ", " ")]),
        ("Mr.  Smith and U.S.  officials", [("  ", " "), ("  ", " ")]),
        ("He said:  We will go.", [("  ", " ")]),
        ("Geneva.this Friday", [(".", ". ")]),
        ("said.“This is it", [(".", ". ")]),
        ("Blinken:We will", [(":", ": ")]),
        ("St.Petersburg", [(".", ". ")]),
        ("Talks,in Geneva;and elsewhere", [(",", ", "), (";", "; ")]),
        ("What?No way!Never.", [("?", "? "), ("!", "! ")]),
        ("“It is over ,” he said.", [(" ,", ",")]),
        ("He said , and then he left .", [(" ,", ","), (" .", ".")]),
        ("Geneva .", [(" .", ".")]),
        ("Geneva .This", [(" .", ". ")]),
        ("talks ,he said", [(" ,", ", ")]),
        ("talks  ,he said", [("  ,", ", ")]),
        ("what ?no", [(" ?", "? ")]),
    ],
)
def test_slips_and_their_suggestions(text: str, expected: list[tuple[str, str]]) -> None:
    assert check(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Geneva.this Friday, talks ,he said, and the  talks ended .",
        "Blinken:We will,and Lavrov ?no.",
        "He said , and then he left .\nThe  end.",
    ],
)
def test_applying_the_suggestions_leaves_nothing_to_report(text: str) -> None:
    result = fixed(text)
    assert result != text
    assert flagged(result, RULE) == []


@pytest.mark.parametrize(
    "text",
    [
        "He wrote .NET code and fired a .45 pistol at 12 :55 and 3 : 1.",
        "wait . . . what, wait ... what, wait...what, he said . . .",
        "Booking.com, Amazon.co.uk, Yandex.ru, IMG_01.JPG, README.md, Node.js and Vue.js.",
        "e.g.this, i.e.,the, a.m.Friday, Ph.Ds, M.Sc, J.R.R. Tolkien and W.H.O.’s chief.",
        "See bbc.co.uk/news,and then https://example.com/a.b,c?d=e.f or @user.name,ok and #tag,other.",
        "Smile :) wink ;) grin :D and frown :-( appeared.",
        "北京,上海和广州 are cities; 東京。大阪 too, and ภาษาไทย,ภาษา also.",
        "A line with trailing spaces.   \n    An indented line follows.",
        "Name\tRole  here\nA  tab-separated line is layout.\tYes",
        "Runs of four    spaces or more are layout, not slips.",
        "Name     : Antony Blinken\nRole     : Secretary of State",
        "ASP.NET and VB.NET are frameworks.",
        "7.  This requirement applies.\n8.1.  So does this one.\n(a)  And this.\n•  And a bullet.",
        "Mirror it on uunet.uu.net or save it as report.final.pdf.",
        "Run python -m venv .venv first, then edit .gitignore.",
        "Call `core.Alert` or set x=a.b in the script.",
    ],
)
def test_correct_copy_that_looks_like_a_slip(text: str) -> None:
    assert check(text) == []


def test_columns_lined_up_with_spaces_are_a_table() -> None:
    table = "Party   Seats  Change\r\nLabour  412    +12\r\nSNP     48     -13"
    assert check(table) == []
    text = "Party   Seats\nLabour  412\nThe  party won."
    assert starts(text) == [text.index("The") + 3]


def test_two_spaces_between_sentences_only_on_request() -> None:
    text = "The talks ended.  The ministers left.  “We are ready,” she said. Then  it rained."
    assert check(text) == [("  ", " ")]
    assert check(text, sentence_double_space=True) == [("  ", " ")] * 3
    messages = [f.message for f in findings_for(text, RULE)]
    assert messages == ["Remove one of the two spaces between 'Then' and 'it'."]


def test_the_sentence_message_differs_from_the_in_sentence_one() -> None:
    doc = Document("example.txt", "The talks ended.  The ministers left.")
    (match,) = Spacing().check(doc, SpacingOptions(sentence_double_space=True))
    assert match.message == "Remove one of the two spaces after 'ended.' between sentences."


def test_french_spacing_before_punctuation_is_named() -> None:
    text = "Il a dit\u00a0: non. Quoi\u202f? Rien !"
    findings = findings_for(text, RULE)
    assert [(text[f.start : f.end], f.suggestion) for f in findings] == [
        ("\u00a0:", ":"),
        ("\u202f?", "?"),
        (" !", "!"),
    ]
    assert findings[0].message == (
        "Remove the no-break space before the colon in 'dit :', a French usage: 'dit:'."
    )
    assert "narrow no-break space" in findings[1].message
    assert findings[2].message == "Remove the space before the exclamation mark in 'Rien !': 'Rien!'."


def test_offsets_count_code_points_in_non_ascii_text() -> None:
    text = "Ça ira à Genève.Zürich aussi , dit-il."
    findings = findings_for(text, RULE)
    assert [(f.start, f.end, f.column) for f in findings] == [(15, 16, 16), (28, 30, 29)]
    assert [text[f.start : f.end] for f in findings] == [".", " ,"]


def test_messages_name_the_mark_and_the_fix() -> None:
    (finding,) = findings_for("He met Lavrov in Geneva.this Friday.", RULE)
    assert finding.message == "Add a space after the full stop in 'Geneva.this': 'Geneva. this'."
    (finding,) = findings_for("The talks ,he said, were useful.", RULE)
    assert finding.message == (
        "Move the space before the comma in 'talks ,he' to after it: 'talks, he'."
    )


def test_custom_dot_suffixes_replace_the_built_in_list(tmp_path: Path) -> None:
    suffixes = tmp_path / "suffixes.txt"
    suffixes.write_text("this\n\n", encoding="utf-8")
    text = "Read report.pdf in Geneva.this Friday."
    assert starts(text) == [text.index(".this")]
    assert starts(text, dot_suffixes_file=str(suffixes)) == [text.index(".pdf")]


def test_a_missing_dot_suffixes_file_is_an_option_error(tmp_path: Path) -> None:
    with pytest.raises(OptionError, match="no such file"):
        build_options(SpacingOptions, {"dot_suffixes_file": str(tmp_path / "missing.txt")})


@pytest.mark.parametrize("text", ["", " ", "  ", ",", " .", "a  ", "  a", ".a", "Zürich"])
def test_tiny_documents(text: str) -> None:
    assert check(text) == []


def test_a_title_joined_to_a_name_is_a_style_point() -> None:
    [finding] = findings_for("The delegation flew on to St.Petersburg on Friday.", "spacing")
    assert (finding.severity.label, finding.suggestion) == ("info", ". ")


@pytest.mark.parametrize("text", ["Stop!He said it twice.", "He walked to the door.It was late."])
def test_a_sentence_opener_after_a_mark_is_still_a_lost_space(text: str) -> None:
    [finding] = findings_for(text, "spacing")
    assert finding.severity.label == "warning"


@pytest.mark.parametrize("sentence_double_space", [False, True])
def test_matching_only_odd_gaps_loses_nothing_that_judging_every_gap_finds(
    monkeypatch: pytest.MonkeyPatch, sentence_double_space: bool
) -> None:
    import random
    import re

    from qa.checks import spacing

    words_and_marks = ["talks", "U.S.", "a", ".", ",", "?", "!", "…", ":"]
    spaces = ["\t", "\n", "\u00a0", "\u202f", " ", "  ", "   ", "    "]
    pieces = words_and_marks + spaces
    rng = random.Random(14)
    texts = ["".join(rng.choice(pieces) for _ in range(rng.randint(1, 40))) for _ in range(1500)]
    options = SpacingOptions(sentence_double_space=sentence_double_space)

    def findings() -> list[list[tuple[int, int, str]]]:
        return [
            [(m.start, m.end, m.message) for m in Spacing().check(Document("x", t), options)] for t in texts
        ]

    odd_gaps_only = findings()
    monkeypatch.setattr(spacing, "ODD_GAP", re.compile(r"(?<=\S)[ \u00a0\u2009\u202f]+(?=\S)"))  # every gap
    assert odd_gaps_only == findings()
    assert any(odd_gaps_only)


def test_two_spaces_around_an_inline_code_of_a_translation_file_are_no_slip() -> None:
    from qa.bilingual import Bilingual, InlineCode, Segment

    target = "Press  to save, then  close."
    code = InlineCode("x#1", "<x id='1'/>", target.index("  ") + 1)  # where the tag stood: "Press <x/> to"
    segment = Segment("1", "Pulse <x/> para guardar, luego  cierre.", target, 0, target_codes=(code,))
    doc = Document("a.xlf", target, bilingual=Bilingual((segment,)))
    found = list(Spacing().check(doc, SpacingOptions()))
    assert [target[m.start - 4 : m.end + 5] for m in found] == ["then  close"]
