"""mojibake: spans and repairs beyond the YAML examples (spaces, runs, offsets, round trips, real text)."""

from __future__ import annotations

from pathlib import Path

import pytest

from qa.checks.mojibake import Mojibake, MojibakeOptions
from qa.document import Document
from qa.findings import Finding
from tests.conftest import SEEDS
from tests.helpers import findings_for, flagged

RULE = "mojibake"
SEED_NAMES = ("000_4ba9a3a3582aff3b.txt", "002_fccc3799612edf3c.txt")


def repairs(text: str) -> list[tuple[str, str | None]]:
    return [(text[f.start : f.end], f.suggestion) for f in findings_for(text, RULE)]


def applied(text: str, findings: list[Finding]) -> str:
    """The text with every finding's suggestion put in place of its span."""
    pieces, position = [], 0
    for finding in sorted(findings, key=lambda f: f.start):
        assert finding.suggestion is not None, finding.message
        pieces += [text[position : finding.start], finding.suggestion]
        position = finding.end
    return "".join(pieces) + text[position:]


@pytest.mark.parametrize("name", SEED_NAMES)
@pytest.mark.parametrize("charset", ["sloppy-windows-1252", "latin-1", "macroman", "sloppy-windows-1251"])
def test_garbled_seed_is_restored_by_the_suggestions(name: str, charset: str) -> None:
    import ftfy.bad_codecs  # noqa: F401  (registers the sloppy codecs)

    original = (SEEDS / name).read_text(encoding="utf-8")
    garbled = original.encode("utf-8").decode(charset)
    assert garbled != original
    assert applied(garbled, findings_for(garbled, RULE)) == original


def test_correct_names_in_every_cldr_language_are_not_mojibake() -> None:
    """Territory and language names in every language Babel knows: real foreign text, all scripts."""
    from babel import Locale, localedata

    names = []
    for identifier in localedata.locale_identifiers():
        if "_" in identifier:
            continue  # a regional variant repeats its language's names
        locale = Locale.parse(identifier)
        names += [*locale.territories.values(), *locale.languages.values()]
    assert len(names) > 100_000
    assert list(Mojibake().check(Document("cldr.txt", "\n".join(names)), MojibakeOptions())) == []


def test_offsets_are_code_points_after_astral_characters() -> None:
    text = "🇺🇦 👍🏽 Talks in ZÃ¼rich"
    (finding,) = findings_for(text, RULE)
    assert (finding.start, finding.end) == (text.index("Z"), len(text))
    assert finding.column == text.index("Z") + 1


def test_punctuation_around_the_word_is_not_flagged() -> None:
    assert repairs("(ZÃ¼rich), “cafÃ©”.") == [("ZÃ¼rich", "Zürich"), ("cafÃ©", "café")]


def test_a_run_of_damaged_words_is_one_finding_but_not_across_punctuation_or_lines() -> None:
    assert repairs("Ð¿Ñ€Ð¸Ð²ÐµÑ‚ Ð¼Ð¸Ñ€, ok") == [("Ð¿Ñ€Ð¸Ð²ÐµÑ‚ Ð¼Ð¸Ñ€", "привет мир")]
    assert repairs("cafÃ©, ZÃ¼rich") == [("cafÃ©", "café"), ("ZÃ¼rich", "Zürich")]
    assert repairs("cafÃ©\nZÃ¼rich") == [("cafÃ©", "café"), ("ZÃ¼rich", "Zürich")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Ã  la carte", ("Ã ", "à")),  # the no-break space of "à" became a plain space
        ("Ã\u00a0 la carte", ("Ã\u00a0", "à")),
        ("voilÃ  la", ("voilÃ ", "voilà")),
        ("voilÃ la", ("voilÃ", "voilà")),  # its last byte was lost
        ("costs 5Â\u00a0euros", ("5Â", "5")),
    ],
)
def test_damage_ending_in_a_space_takes_that_space_and_not_the_next_word(
    text: str, expected: tuple[str, str]
) -> None:
    assert repairs(text) == [expected]


def test_double_mojibake_is_undone_twice() -> None:
    assert repairs("The cafÃƒÂ© reopened.") == [("cafÃƒÂ©", "café")]


def test_c1_controls_are_windows_1252_read_as_latin_1() -> None:
    (finding,) = findings_for("\u0093Hello\u0094 he said", RULE)
    assert finding.suggestion == "“Hello”"
    assert finding.message == (
        "'\\u0093Hello\\u0094' is mojibake, Windows-1252 text read as Latin-1: it should read '“Hello”'."
    )


def test_byte_order_mark_shown_as_text_is_deleted() -> None:
    (finding,) = findings_for("ï»¿\nBreaking News", RULE)
    assert (finding.start, finding.end, finding.suggestion) == (0, 3, "")
    assert finding.message.endswith(": delete it.")


def test_lost_character_gets_no_suggestion() -> None:
    (finding,) = findings_for("The caf\ufffd reopened.", RULE)
    assert (finding.start, finding.end, finding.suggestion) == (4, 8, None)
    assert finding.message == (
        "'caf�' holds �, the trace of a character lost in decoding: retype that character."
    )


def test_replacement_character_can_be_left_to_other_tools() -> None:
    text = "The caf\ufffd in ZÃ¼rich"
    options = MojibakeOptions(replacement_character=False)
    matches = list(Mojibake().check(Document("t.txt", text), options))
    assert [text[m.start : m.end] for m in matches] == ["ZÃ¼rich"]


def test_damage_ftfy_cannot_repair_is_not_reported() -> None:
    assert flagged("The product code x¬Ã-7 is odd.", RULE) == []


def test_empty_and_ascii_documents_have_none() -> None:
    assert list(Mojibake().check(Document("t.txt", ""), MojibakeOptions())) == []
    assert flagged("Plain ASCII text, with 'quotes' and -- dashes.", RULE) == []


def test_a_long_damaged_run_is_one_finding_with_a_short_message() -> None:
    """Widening each match to its word once per word keeps a text with no spaces linear, not quadratic."""
    import ftfy.bad_codecs  # noqa: F401  (registers the sloppy codecs)

    garbled = ("日本語のテキスト" * 500).encode("utf-8").decode("sloppy-windows-1252")
    (finding,) = findings_for(garbled, RULE)
    assert (finding.start, finding.end) == (0, len(garbled))
    assert finding.suggestion == "日本語のテキスト" * 500
    assert len(finding.message) < 200


def test_badness_pattern_matches_no_further_than_the_window_reach() -> None:
    from re import _parser  # the width of a pattern; private, but this test only watches ftfy's

    from ftfy.badness import BADNESS_RE

    from qa.checks.mojibake import BADNESS_REACH

    _least, longest = _parser.parse(BADNESS_RE.pattern, BADNESS_RE.flags).getwidth()
    assert longest < BADNESS_REACH


@pytest.mark.parametrize("charset", ["sloppy-windows-1252", "latin-1", "macroman", "sloppy-windows-1251"])
def test_badness_around_non_ascii_finds_what_a_whole_scan_finds(charset: str) -> None:
    import ftfy.bad_codecs  # noqa: F401  (registers the sloppy codecs)
    from ftfy.badness import BADNESS_RE

    from qa.checks.mojibake import _badness_matches

    original = "".join((SEEDS / name).read_text(encoding="utf-8") for name in SEED_NAMES)
    garbled = "Ã  la " + original.encode("utf-8").decode(charset) + " naïve ASCII tail"
    whole = [m.span() for m in BADNESS_RE.finditer(garbled)]
    assert whole and [m.span() for m in _badness_matches(garbled)] == whole


def test_clean_text_does_not_import_ftfy_once_its_pattern_is_cached(tmp_path: Path) -> None:
    import os
    import subprocess
    import sys

    script = (
        "import sys\n"
        "from qa.checks.mojibake import Mojibake, MojibakeOptions\n"
        "from qa.document import Document\n"
        "doc = Document('a.txt', 'The talks “ended” on Friday — it’s over. Zürich.')\n"
        "assert list(Mojibake().check(doc, MojibakeOptions())) == []\n"
        "print('ftfy' in sys.modules)\n"
    )
    environment = {**os.environ, "MTQA_CACHE_DIR": str(tmp_path)}

    def ftfy_imported() -> str:
        run = subprocess.run([sys.executable, "-c", script], env=environment, capture_output=True, check=True)
        return run.stdout.decode().strip()

    assert [ftfy_imported(), ftfy_imported()] == ["True", "False"]  # built on the first run, read on the next
