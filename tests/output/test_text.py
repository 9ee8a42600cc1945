"""Text output: the excerpt cut around the flagged text, and a caret line under it."""

from __future__ import annotations

import io
import subprocess
from pathlib import Path

import pytest

from qa.output.text import CONTEXT_SHOWN, SPAN_SHOWN, columns, marked_excerpt, render_findings
from tests.output.conftest import engine_results

LONG_SENTENCE = (
    "I suggested to Lavrov, and this is what we have said repeatedly, that if Russia wants to show "
    "the world that it is Do not pursue any aggressive intentions, the best thing it can do is to "
    "withdraw its troops from the border of Ukraine and engage in dialogue with the countries of "
    "Europe and the United States on every question of security that it has raised in recent weeks."
)


def marked(excerpt: str, flagged: str, occurrence: int = 0) -> tuple[str, str]:
    start = -1
    for _ in range(occurrence + 1):
        start = excerpt.index(flagged, start + 1)
    return marked_excerpt(excerpt, (start, start + len(flagged)))


def under(shown: str, carets: str) -> str:
    """The characters of `shown` above the carets (for text of one column a character)."""
    return "".join(c for c, mark in zip(shown, carets, strict=False) if mark == "^")


def test_carets_under_the_span() -> None:
    shown, carets = marked("There can be no No bargaining in this area.", "no No")
    assert shown == "There can be no No bargaining in this area."
    assert carets == " " * 13 + "^" * 5
    assert under(shown, carets) == "no No"


def test_a_long_excerpt_is_cut_around_the_span_at_word_boundaries() -> None:
    shown, carets = marked(LONG_SENTENCE, "Do")
    assert shown == "…to show the world that it is Do not pursue any aggressive…"
    assert under(shown, carets) == "Do"
    before, after = shown.split("Do", 1)
    assert len(before) <= CONTEXT_SHOWN + 1 and len(after) <= CONTEXT_SHOWN + 1


def test_a_long_span_is_marked_from_its_start() -> None:
    excerpt = "namely actions and behavior. " + LONG_SENTENCE
    shown, carets = marked(excerpt, LONG_SENTENCE)
    assert shown == "namely actions and behavior. I suggested to Lavrov, and this is what we have said…"
    assert under(shown, carets) == "I suggested to Lavrov, and this is what we have said"
    assert len(under(shown, carets)) <= SPAN_SHOWN


def test_a_word_longer_than_the_window_is_cut_inside_it() -> None:
    word = "x" * 200
    shown, carets = marked(f"see {word} here", word)
    assert shown == "see " + "x" * SPAN_SHOWN + "…"
    assert carets == "    " + "^" * SPAN_SHOWN


@pytest.mark.parametrize(
    ("excerpt", "flagged", "caret_columns"),
    [
        ("東京で会議. 日夜から the the talks.", "the the", (21, 7)),  # 9 wide characters and 3 narrow before
        ("Ｔｈｅ talks", "Ｔｈｅ", (0, 6)),  # full-width letters
        (
            "Cafe\u0301 au lait, cafe\u0301 cafe\u0301 again",
            "cafe\u0301 cafe\u0301",
            (14, 9),
        ),  # combining marks
        ("the\x1bthe minister", "minister", (11, 8)),  # ESC shown as \x1b, four columns
        ("the\tthe minister", "minister", (11, 8)),  # a tab is shown as \x09
        ("an emoji 🙂 and the the talks", "the the", (16, 7)),
    ],
)
def test_carets_count_terminal_columns(excerpt: str, flagged: str, caret_columns: tuple[int, int]) -> None:
    shown, carets = marked(excerpt, flagged)
    indent = len(carets) - len(carets.lstrip(" "))
    assert (indent, carets.count("^")) == caret_columns
    assert columns(shown[: shown.index(flagged.replace("\x1b", "\\x1b"))]) == indent


def test_an_empty_or_blank_span_still_gets_one_caret() -> None:
    assert marked_excerpt("the talks", (3, 3))[1] == "   ^"
    assert marked_excerpt("the talks", (3, 4))[1] == "   ^"


def test_without_a_span_the_excerpt_is_only_kept_short() -> None:
    shown, carets = marked_excerpt(LONG_SENTENCE, None)
    assert carets == ""
    assert shown.endswith("…") and len(shown) <= CONTEXT_SHOWN + SPAN_SHOWN + 1
    assert shown.startswith("I suggested to Lavrov")


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_the_caret_line_takes_the_severity_colour(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("NO_COLOR", raising=False)
    out = Terminal()
    render_findings(engine_results({"a.txt": "There can be no No bargaining.\n"}), None, out)
    assert "\n    \033[31m" + " " * 13 + "^^^^^\033[0m\n" in out.getvalue()


def check(mtqa: list[str], tmp_path: Path, text: str, *args: str) -> str:
    (tmp_path / "copy.txt").write_text(text, encoding="utf-8")
    result = subprocess.run(
        [*mtqa, "check", "copy.txt", "--no-config", *args],
        cwd=tmp_path,
        capture_output=True,
        timeout=120,
        check=False,
    )
    return result.stdout.decode()


def test_long_excerpts_are_cut_through_the_cli(mtqa, tmp_path: Path) -> None:
    out = check(mtqa, tmp_path, LONG_SENTENCE + "\n", "--select", "long-sentence")
    excerpt = out.splitlines()[1]
    assert excerpt.startswith("    I suggested to Lavrov") and excerpt.endswith("…")
    assert len(excerpt) < len(LONG_SENTENCE) // 2


def test_carets_through_the_cli(mtqa, tmp_path: Path) -> None:
    text = "東京で会議の後、the talks in Geneva.this Friday went on.\n\n" + LONG_SENTENCE + "\n"
    out = check(mtqa, tmp_path, text, "--select", "spacing,mid-sentence-capital")
    lines = out.splitlines()
    assert lines[1:3] == [
        "    東京で会議の後、the talks in Geneva.this Friday went on.",
        "    " + " " * columns("東京で会議の後、the talks in Geneva") + "^",
    ]
    assert lines[5:7] == [
        "    to show the world that it is Do not pursue any aggressive",  # as cut by the document
        "    " + " " * len("to show the world that it is ") + "^^",
    ]
    quiet = check(mtqa, tmp_path, text, "--select", "spacing", "--quiet").splitlines()
    assert quiet == lines[:4]


def test_a_span_across_lines_is_marked_on_the_excerpt_line(mtqa, tmp_path: Path) -> None:
    out = check(
        mtqa, tmp_path, "The talks will resume in the\nthe coming weeks.\n", "--select", "duplicated-word"
    )
    assert out.splitlines()[1:3] == [
        "    The talks will resume in the the coming weeks.",
        "    " + " " * len("The talks will resume in ") + "^" * len("the the"),
    ]


def test_a_double_space_is_marked_where_the_excerpt_shows_one(mtqa, tmp_path: Path) -> None:
    out = check(mtqa, tmp_path, "Blinken said the  talks went well.\n", "--select", "spacing")
    assert out.splitlines()[1:4] == [
        "    Blinken said the talks went well.",
        "    " + " " * len("Blinken said the") + "^",
        "    suggestion: ' '",
    ]


def test_an_ellipsis_in_the_flagged_text_is_marked_like_any_character() -> None:
    shown, carets = marked("He paused… then left.", "paused…")
    assert (shown, under(shown, carets)) == ("He paused… then left.", "paused…")
