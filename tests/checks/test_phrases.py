"""translationese and boilerplate: phrase lists, their format, user lists and the two match modes."""

from __future__ import annotations

import re
import sys
from pathlib import Path
from re import _parser as sre_parser

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from qa.catalogue import CatalogueError, load_rule
from qa.checks.phrases import (
    CASELESS_MARKS,
    FOLDS,
    Folded,
    PhraseList,
    Phrases,
    PhrasesOptions,
    _as_head,
    _head_tokens,
    _matches_from,
    _regex_heads,
    _trimmed_lines,
    parse_entry,
    phrase_list,
)
from qa.document import Document
from qa.engine import Source, run
from qa.errors import UsageError
from tests.conftest import ROOT, SEEDS
from tests.helpers import findings_for, flagged


def check(text: str, *entries: str, match: str = "anywhere") -> list[tuple[str, str | None]]:
    """Flagged text and suggestion for a list of entries of our own."""
    options = PhrasesOptions(extra_phrases=entries, match=match)
    return [(text[m.start : m.end], m.suggestion) for m in Phrases().check(Document("t.txt", text), options)]


def seed_texts() -> list[str]:
    return [path.read_text(encoding="utf-8") for path in sorted(SEEDS.glob("*.txt"))]


def test_seeds_have_exactly_the_known_translationese() -> None:
    texts = seed_texts()
    findings = findings_for(texts, "translationese")
    assert [(f.path, texts[int(f.path[8])][f.start : f.end], f.suggestion) for f in findings] == [
        ("example-0.txt", "the North American country", None),
        ("example-1.txt", "reach to a", "reach a"),
        ("example-1.txt", "both the two", "both"),
    ]
    assert {f.severity.label for f in findings} == {"info"}


def test_seeds_have_exactly_one_boilerplate_line_the_first() -> None:
    findings = findings_for(seed_texts(), "boilerplate")
    located = [(f.path, f.line, f.column, f.excerpt) for f in findings]
    assert located == [("example-1.txt", 1, 1, "Breaking News")]
    assert findings[0].severity.label == "warning"
    assert findings[0].message == "'Breaking News': a web-page label, not part of the story; delete the line."


def test_message_names_the_phrase_as_written_and_the_explanation() -> None:
    [finding] = findings_for("Exports from\nthe  Asian\tgiant fell.", "translationese")
    assert finding.message == (
        "'the Asian giant': an epithet for China (\"el gigante asiático\"); name the country."
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Both the two ministers spoke.", [("Both the two", "Both")]),
        ("They REACHED TO A deal.", [("REACHED TO A", "REACHED A")]),
        ("The sides reached to an understanding.", [("reached to an", "reached an")]),
        ("On the past Friday, they met.", [("On the past Friday", "Last Friday")]),
        ("They met in the day of today.", [("in the day of today", "today")]),
        ("Talks resume over the next weeks.", [("over the next weeks", "over the coming weeks")]),
        (
            "The Gallic country’s president and the Persian nation's leader met.",
            [("The Gallic country", None), ("the Persian nation", None)],
        ),
        (
            "Lavrov, the head of U.S. diplomacy and the chief of the diplomacy met.",
            [("head of U.S. diplomacy", None), ("chief of the diplomacy", None)],
        ),
        (
            "The tenant of the Élysée met the tenant of the White House.",
            [("The tenant of the Élysée", None), ("the tenant of the White House", None)],
        ),
    ],
)
def test_calques_with_their_suggestions(text: str, expected: list[tuple[str, str | None]]) -> None:
    assert [(text[f.start : f.end], f.suggestion) for f in findings_for(text, "translationese")] == expected


@pytest.mark.parametrize(
    "text",
    [
        "Breaking News\n\nWashington: Russia has to choose between diplomacy and conflict",
        "Blinken: I had frank and substantive talks with Lavrov and we are sticking to diplomacy",
        "21 ene 2022 12:55 GMT",
        "Over the past Friday, during the past Sunday and over the next three weeks, nothing changed.",
        "The also-rans and the also ran were mentioned; the mentioned-in-dispatches soldier returned.",
        "The two presidents will reach to a height no summit has reached; the two sides reach to an extent.",
        "The day of today's vote, he stressed on Monday the importance of the vote.",
    ],
)
def test_translationese_lookalikes_are_not_flagged(text: str) -> None:
    assert flagged(text, "translationese") == []


def test_offsets_are_code_points_after_non_ascii_text() -> None:
    text = "«Ça va» 😀 — القاهرة\nLe ministre, both the two sides."
    [finding] = findings_for(text, "translationese")
    assert text[finding.start : finding.end] == "both the two"
    assert (finding.line, finding.column) == (2, 14)


def test_a_phrase_may_cross_one_line_break_but_not_a_paragraph_break() -> None:
    assert check("reach to\r\na deal", "reach to a -> reach a | x.") == [("reach to\r\na", "reach a")]
    assert check("reach to\n\na deal", "reach to a -> reach a | x.") == []


def test_an_apostrophe_matches_both_forms_and_words_must_be_whole() -> None:
    entries = ("the king's men | x.",)
    assert check("The king’s men and the king's men, not the king's menu.", *entries) == [
        ("The king’s men", None),
        ("the king's men", None),
    ]


def test_overlapping_entries_give_one_finding_the_earliest_and_longest() -> None:
    entries = ("the Asian | x.", "the Asian giant | y.", "Asian giant fell | z.")
    assert check("Exports of the Asian giant fell.", *entries) == [("the Asian giant", None)]


def test_regex_entries_use_their_groups_in_the_suggestion() -> None:
    entry = r"re:\b(\w+)ly only -> only \1ly | word order."
    assert check("He quickly only left.", entry) == [("quickly only", "only quickly")]


def test_a_plain_suggestion_is_literal_even_with_backslashes() -> None:
    assert check("use a/b here", r"a/b -> a\b | slash.") == [("a/b", "a\\b")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Intro.\nREAD MORE:\nEnd.", ["READ MORE:"]),
        ("Intro.\n  – Read more: the Geneva talks »  \nEnd.", ["– Read more: the Geneva talks »"]),
        ("Intro.\r\n\r\nRead more\r\n\r\nEnd.", ["Read more"]),
        ("He told students to\nread more: a book a month.", []),
        ("The talks ended.\nread more: the Geneva talks", ["read more: the Geneva talks"]),
        ("Read more: then\nthey left.", []),
        ("Read more about it, he said.", []),
        ("He said: Read more: nothing.", []),
    ],
)
def test_paragraph_mode_wants_a_line_of_its_own_not_wrapped_prose(text: str, expected: list[str]) -> None:
    entries = ("Read more | a link.", "Read more: … | a link.")
    assert [flagged for flagged, _ in check(text, *entries, match="paragraph")] == expected


def test_gap_needs_whole_words_before_it() -> None:
    found = check("Click heresy\n\nClick here to subscribe", "Click here … | a prompt.", match="paragraph")
    assert found == [("Click here to subscribe", None)]


def test_boilerplate_stack_of_furniture_lines_is_flagged_line_by_line() -> None:
    text = "Share this article\nFollow RT on Telegram\n(Photo: AFP)\n© 2022 RT\nThe story starts here."
    expected = ["Share this article", "Follow RT on Telegram", "(Photo: AFP)", "© 2022 RT"]
    assert flagged(text, "boilerplate") == expected


def test_user_extra_list_adds_to_the_built_in_one(tmp_path: Path) -> None:
    extra = tmp_path / "house.txt"
    extra.write_text("# house style\n\nthe Kremlin chief | write the president's name.\n", encoding="utf-8")
    options = PhrasesOptions(
        phrases_file=str(ROOT / "rules" / "data" / "translationese.txt"),
        extra_phrases_file=str(extra),
        extra_phrases=("the Muscovite capital -> Moscow | write the name.",),
    )
    text = "The Kremlin chief left the Muscovite capital for the Asian giant."
    found = [(text[m.start : m.end], m.suggestion) for m in Phrases().check(Document("t.txt", text), options)]
    assert found == [
        ("The Kremlin chief", None),
        ("the Muscovite capital", "Moscow"),
        ("the Asian giant", None),
    ]


def test_built_in_lists_parse() -> None:
    for name, mode in (("translationese", "anywhere"), ("boilerplate", "paragraph")):
        phrases = phrase_list(str(ROOT / "rules" / "data" / f"{name}.txt"), None, (), mode)
        assert len(phrases.entries) > 40


@pytest.mark.parametrize(
    ("line", "cause"),
    [
        ("the Asian giant", "needs an explanation after '|'"),
        ("the Asian giant |", "needs an explanation after '|'"),
        (" -> China | an epithet.", "empty pattern or suggestion"),
        ("the Asian giant -> | an epithet.", "empty pattern or suggestion"),
        ("re:(unclosed | a bad regex.", "invalid regular expression"),
        (r"re:(a)b -> \2 | a bad group.", "invalid suggestion"),
    ],
)
def test_bad_entry_is_a_clear_error(line: str, cause: str) -> None:
    with pytest.raises(ValueError, match=cause.replace("|", r"\|")):
        parse_entry(line)


def test_bad_line_in_a_user_file_names_the_file_and_line(tmp_path: Path) -> None:
    extra = tmp_path / "house.txt"
    extra.write_text("# comment\nthe Kremlin chief | fine.\nthe Asian giant\n", encoding="utf-8")
    rule_file = tmp_path / "house-phrases.yaml"
    rule_file.write_text(
        "id: house-phrases\ncheck: phrases\nseverity: info\nsummary: House phrases.\n"
        "why: Phrases the house style guide forbids, one a line in house.txt.\n"
        "options:\n  extra_phrases_file: house.txt\n",
        encoding="utf-8",
    )
    rule = load_rule(rule_file)
    with pytest.raises(UsageError) as raised:
        run([Source("a.txt", data=b"The Kremlin chief spoke.")], [rule])
    message = str(raised.value)
    assert f"{extra}, line 3: an entry needs an explanation" in message
    assert str(rule_file) in message and "Asian giant" not in message  # a file's content is never echoed


def test_missing_list_file_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="missing.txt: cannot read the list"):
        Phrases().prepare(PhrasesOptions(extra_phrases_file=str(tmp_path / "missing.txt")))


def test_bad_extra_phrases_entry_names_its_number() -> None:
    with pytest.raises(ValueError, match=r"option 'extra_phrases', entry 2: invalid regular expression"):
        Phrases().prepare(PhrasesOptions(extra_phrases=("fine | ok.", "re:[ | broken.")))


def test_unknown_match_mode_is_an_option_error(tmp_path: Path) -> None:
    rule_file = tmp_path / "house-phrases.yaml"
    rule_file.write_text(
        "id: house-phrases\ncheck: phrases\nseverity: info\nsummary: House phrases.\n"
        "why: Phrases the house style guide forbids, listed in the options.\noptions:\n  match: everywhere\n",
        encoding="utf-8",
    )
    expected = "option 'match' must be one of anywhere, paragraph, not 'everywhere'"
    with pytest.raises(CatalogueError, match=expected):
        load_rule(rule_file)


def test_lists_are_compiled_once_for_many_documents() -> None:
    phrase_list.cache_clear()
    findings = findings_for(["both the two", "reach to a deal", "Nothing here."], "translationese")
    assert len(findings) == 2
    info = phrase_list.cache_info()
    assert (info.misses, info.hits) == (1, 3)  # prepared once per run, then looked up per document


def test_empty_document_and_empty_list_give_nothing() -> None:
    assert list(Phrases().check(Document("t.txt", ""), PhrasesOptions(extra_phrases=("x | y.",)))) == []
    assert list(Phrases().check(Document("t.txt", "both the two"), PhrasesOptions())) == []


@pytest.mark.parametrize(
    "line",
    [
        "Top Stories",
        "WATCH LIVE",
        "Live updates",
        "Comments are disabled for this article.",
        "Related articles",
    ],
)
def test_page_furniture_at_the_top_of_an_article_is_boilerplate(line: str) -> None:
    text = f"{line}\n\nBlinken and Lavrov agree to keep talking\n\nThe two ministers met in Geneva on Friday."
    assert flagged(text, "boilerplate") == [line]


def test_every_character_re_matches_case_blind_to_ascii_lowers_to_it_in_the_screen() -> None:
    """The screen reads the lowered text: each character must lower (after FOLDS) to what it stands for."""
    ascii_or_quote = re.compile(f"[\x00-\x7f’{CASELESS_MARKS}]", re.IGNORECASE)
    for code in range(sys.maxunicode + 1):
        character = chr(code)
        scanned = character.translate(FOLDS).lower()
        assert len(scanned) == 1, hex(code)  # offsets in the lowered text are the text's
        if ascii_or_quote.fullmatch(character):
            for target in [*map(chr, range(128)), "’", *CASELESS_MARKS]:
                if re.fullmatch(re.escape(target), character, re.IGNORECASE):
                    assert _as_head(scanned) == _head_tokens(target), (hex(code), target)


def regex_heads(pattern: str) -> tuple[str, ...]:
    return _regex_heads(sre_parser.parse(pattern, re.IGNORECASE))


def test_regex_heads_come_from_the_parsed_pattern() -> None:
    assert set(regex_heads(r"\b(?:on |in )?the day of (today|yesterday)\b(?!['’]s\b)")) == {
        f"{start}the day of {day}" for start in ("", "on ", "in ") for day in ("today", "yesterday")
    }
    assert regex_heads(r"\b(affirm(?:s|ed)?|stress(?:ed|ing)) on") == (
        "affirm on",
        "affirms on",
        "affirmed on",
        "stressed on",
        "stressing on",
    )
    assert regex_heads(r"[EÉ]lys[eé]e") == ()  # no ASCII start: the entry runs a pass of its own
    assert regex_heads(r"(?:[^\r\n]*[.|]\s+)?all rights") == ()  # may start anywhere


def test_a_headless_entry_of_ours_is_skipped_where_its_words_are_missing() -> None:
    needed = parse_entry(r"re:(?:[^\r\n]*[.|]\s+)?All  Rights\b reserved\.? | x.", timed=False).needs
    assert needed == "all  rights reserved"
    options = PhrasesOptions(phrases_file=str(ROOT / "rules" / "data" / "boilerplate.txt"), match="paragraph")
    lines = "Reuters. ALL RIGHTS RESERVED\n\nThe end. All Rıghts Reserved."  # "ı": re reads it as "i"
    found = [lines[m.start : m.end] for m in Phrases().check(Document("t.txt", lines), options)]
    assert found == ["Reuters. ALL RIGHTS RESERVED", "The end. All Rıghts Reserved."]


SCREEN_TEXTS = [
    *seed_texts(),
    "İn the framework of the talks, both\nthe two sides met; BOTH THE TWO were there.",
    "The Aſian giant and the aſian giant; ın what regards the day of todaY's press.",
    "the the the also the also-rans; in in the framework of in the next days in the next days",
    "Carried out a visit to Kyiv.\n\nPhoto: Reuters\n• Read more: Blinken and Lavrov\n© 2022",
    "The talks ended on Friday.\r\n \u2028 © 2022 Reuters\rShare this article\n\nRelated: the talks",
]


def built_in(name: str, mode: str) -> PhraseList:
    return phrase_list(str(ROOT / "rules" / "data" / f"{name}.txt"), None, (), mode)


def screened_matches(phrases: PhraseList, text: str) -> int:
    """Asserts that each entry with heads finds at the screen's starts what `finditer` finds; how many."""
    starts = phrases.screen.starts(Folded(text).scan)
    found = 0
    for index, phrase in enumerate(phrases.entries):
        if phrase.heads:
            screened = [m.span() for m in _matches_from(phrase, text, starts.get(index, ()))]
            assert screened == [m.span() for m in phrase.pattern.finditer(text)], phrase.regex
            found += len(screened)
    return found


def filled_lines(phrases: PhraseList, text: str) -> list[str]:
    """Asserts that no line an entry of ours fills is passed over: the screen lets it and its paragraph
    through (an entry with heads), the text holds what the entry needs (a `re:` entry); those lines."""
    folded = Folded(text)
    filled = []
    for paragraph in Document("t.txt", text).paragraphs:
        for start, end in _trimmed_lines(text, paragraph.start, paragraph.end):
            for phrase in phrases.entries:
                if (phrase.heads or phrase.needs) and phrase.pattern.fullmatch(text, start, end):
                    filled.append(text[start:end])
                    if phrase.heads:
                        assert phrases.screen.may_fill(folded.scan, start), text[start:end]
                        assert phrases.screen.may_fill_a_line(folded.scan, paragraph), text[start:end]
                    assert phrase.keyword is not None or folded.may_hold(phrase), text[start:end]
    return filled


def test_screened_entries_find_what_a_pass_of_their_own_finds() -> None:
    assert sum(screened_matches(built_in("translationese", "anywhere"), text) for text in SCREEN_TEXTS) >= 14


def test_the_screen_lets_through_every_line_an_entry_fills() -> None:
    filled = [
        line for text in SCREEN_TEXTS for line in filled_lines(built_in("boilerplate", "paragraph"), text)
    ]
    assert {"• Read more: Blinken and Lavrov", "© 2022 Reuters", "Share this article"} <= set(filled)


def test_heads_that_start_other_heads_still_find_every_entry() -> None:
    entries = (
        "in | a.",
        "in the | b.",
        "in the framework of | c.",
        "the framework | d.",
        "framework … plan | e.",
    )
    phrases = phrase_list(None, None, entries, "anywhere")
    text = "In the\nframework of the plan, in  the framework, within the frameworks: in. The framework plan."
    assert screened_matches(phrases, text) >= len(entries)


MATCHING = [
    "during his reception of", "head of the Russian diplomacy", "chief of diplomacy", "on the day of today",
    "the tenants of the Élysée", "on the past Friday", "stressed on the need", "within the next days",
    "reaches to a common position", "arrived to an agreement", "carried out a working visit to Kyiv",
    "declarations to the press", "the sisterly nations", "the also minister", "All rights reserved.",
    "(Photo credit: AFP)", "Copyright 2022 Reuters", "Follow the BBC on Twitter", "Loading…",
    "Share via WhatsApp now", "Read more: a link", "Photo: AFP",
]  # fmt: skip
"""Text that the built-in `re:` entries match, to be varied; the plain entries are taken as written."""
SWAPS = {
    " ": ["\n", "  ", "\t", "\u2028", "\x85", "\u00a0"],
    "i": ["ı", "İ"],
    "s": ["ſ"],
    "k": ["K"],
    "'": ["’"],
}


def _list_phrases() -> list[str]:
    phrases = list(MATCHING)
    for name in ("translationese", "boilerplate"):
        for line in (ROOT / "rules" / "data" / f"{name}.txt").read_text(encoding="utf-8").splitlines():
            pattern = line.partition(" | ")[0].partition(" -> ")[0]
            if line and not line.startswith(("#", "re:")):
                phrases.append(pattern.replace("…", "some text"))
    return phrases


@st.composite
def varied_phrase(draw: st.DrawFn) -> str:
    """A phrase of the lists with its case, spaces and letters varied, a character added or dropped."""
    varied = []
    for character in draw(st.sampled_from(_list_phrases())):
        change = draw(st.integers(0, 79))  # mostly 0 to 5: the phrase kept
        if change == 6:
            character = character.upper()
        elif change == 7 and character.lower() in SWAPS:
            character = draw(st.sampled_from(SWAPS[character.lower()]))
        elif change == 8:
            character += draw(st.sampled_from(["-", "x", "’", "\n", " "]))
        elif change == 9:
            character = ""
        varied.append(character)
    return "".join(varied)


PIECES = st.one_of(
    varied_phrase(), st.sampled_from([" ", "\n", "\n\n", ". ", "• ", "the ", "in "]), st.text(max_size=3)
)


@settings(max_examples=300, deadline=None)
@given(st.lists(PIECES, max_size=12).map("".join))
def test_the_screen_never_misses_a_match(text: str) -> None:
    screened_matches(built_in("translationese", "anywhere"), text)
    filled_lines(built_in("boilerplate", "paragraph"), text)
