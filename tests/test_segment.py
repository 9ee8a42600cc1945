"""The splitter on news copy: where sentences end, and where they must not."""

from __future__ import annotations

import pytest

from qa.segment import Span, Word, looks_like_heading, paragraphs, sentences, words


def split(text: str) -> list[str]:
    return [text[s.start : s.end] for p in paragraphs(text) for s in sentences(text, p)]


@pytest.mark.parametrize(
    "text",
    [
        "U.S. officials said the talks would go on.",
        "The U.S. President Joe Biden spoke on Friday.",
        "Washington and the U.K. Foreign Office agreed.",
        "Mr. Blinken met Mrs. Smith and Dr. Jones.",
        "Gen. Milley and Sen. Warren met in St. Louis.",
        "The talks resume on Nov. 3 in Geneva.",
        "Several countries, e.g. Russia, objected.",
        "Several items, i.e. the tanks, were moved.",
        "It ends at 5 p.m. this Friday.",
        "It ends at 5 p.m. Friday in Geneva.",
        "It starts at 9 a.m. GMT on Monday.",
        "Inflation rose 3.5 percent to $1.2 billion.",
        "George W. Bush met John F. Kennedy Jr. fans.",
        "J.R.R. Tolkien and A. A. Milne wrote books.",
        "Apple Inc. said sales fell.",
        "Smith et al. found no effect.",
        "See p. 5 and No. 10 Downing Street.",
        "“Is it over?” he asked.",
        "“We agree.” he said, too quietly.",
        "He paused... then he left.",
        "He paused… then he left.",
        "He paused . . . then he left.",
        "Russia vs. the West is an old story.",
        "GENEVA, Jan. 21 (Reuters) - The talks began.",
        "Gore (U.S.), and 3M (U.S.) supply membrane films.",
        "The strain (\"severity\" — Ed.) may be milder.",
        "The queue grew by 3 km. more than expected.",
        "He met the concerns that\nwe feel in the region.",
        "He met the concerns that\nWe feel in the region.",
        "The talks with Sergey Lavrov of\nRussia ended.",
        "1. The talks go on.",
        "Police in Springfield, Ill. said the Calif. officials agreed.",
        "Omar Ali, a.k.a. Tom, was there.",
        "Prices rose 5 pct. last month, 3 mi. away.",
        "Two options: i. keep talking; ii. stop.",
    ],
)
def test_one_sentence(text: str) -> None:
    assert split(text) == [text]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The talks ended. Both sides left.", ["The talks ended.", "Both sides left."]),
        ("Is it over? Nobody knows! We wait.", ["Is it over?", "Nobody knows!", "We wait."]),
        ("in the city of Geneva. this Friday.", ["in the city of Geneva.", "this Friday."]),
        ("They met in Geneva. “this is no deal.”", ["They met in Geneva.", "“this is no deal.”"]),
        ("What next? the minister asked.", ["What next?", "the minister asked."]),
        ("It was in the U.S. The talks ended.", ["It was in the U.S.", "The talks ended."]),
        ("It was in the US. Officials said so.", ["It was in the US.", "Officials said so."]),
        ("It was in Washington, D.C. It was cold.", ["It was in Washington, D.C.", "It was cold."]),
        ("It ends at 5 p.m. The talks go on.", ["It ends at 5 p.m.", "The talks go on."]),
        ("Apple Inc. The company fell.", ["Apple Inc.", "The company fell."]),
        ("They chose Plan B. A new plan came later.", ["They chose Plan B.", "A new plan came later."]),
        ("He lacked vitamin D. It was winter.", ["He lacked vitamin D.", "It was winter."]),
        ("He said no. The talks ended.", ["He said no.", "The talks ended."]),
        ("No. No one said that.", ["No.", "No one said that."]),
        ("It was Russia’s. this is odd.", ["It was Russia’s.", "this is odd."]),
        ("He fell ill. then he left.", ["He fell ill.", "then he left."]),
        ("He lives in Calif. The state is big.", ["He lives in Calif.", "The state is big."]),
        ("He scored 3. then he left.", ["He scored 3.", "then he left."]),
        ("Options: 1. talk. 2. fight.", ["Options: 1. talk.", "2. fight."]),
        ("The vote was 3-2. then they left.", ["The vote was 3-2.", "then they left."]),
        ("“We agree.” Then they left.", ["“We agree.”", "Then they left."]),
        ("“We agree,” he said. “Then we left.”", ["“We agree,” he said.", "“Then we left.”"]),
        ("It ended... The next day was calm.", ["It ended...", "The next day was calm."]),
        ("The shares rose.) Then they fell.", ["The shares rose.)", "Then they fell."]),
        ("The road is 3 km. The town is far.", ["The road is 3 km.", "The town is far."]),
        ("He left (the talks were over). and so did we.", ["He left (the talks were over).", "and so did we."]),
    ],
)
def test_sentences(text: str, expected: list[str]) -> None:
    assert split(text) == expected


def test_headline_paragraph_without_final_punctuation_is_one_sentence() -> None:
    text = "Blinken: We will not abandon NATO’s open doors policy\n\nThe talks ended."
    assert split(text) == ["Blinken: We will not abandon NATO’s open doors policy", "The talks ended."]


def test_headline_and_dateline_lines_end_their_own_sentences() -> None:
    text = "Breaking News\n21 Jan 2022 12:55 GMT\nWashington will reply. It is soon."
    assert split(text) == ["Breaking News", "21 Jan 2022 12:55 GMT", "Washington will reply.", "It is soon."]


def test_bullet_lines_are_sentences() -> None:
    text = "Key points\n- talks will continue\n- no deal yet"
    assert split(text) == ["Key points", "- talks will continue", "- no deal yet"]


def test_sentence_spans_exclude_the_white_space_between_them() -> None:
    text = "  Première phrase. Ça va?\r\nOui.  "
    spans = [s for p in paragraphs(text) for s in sentences(text, p)]
    assert spans == [Span(2, 18), Span(19, 25), Span(27, 31)]
    assert [text[s.start : s.end] for s in spans] == ["Première phrase.", "Ça va?", "Oui."]


def test_paragraphs_split_on_blank_lines_of_any_kind() -> None:
    text = "One.\n\nTwo.\r\n \t\r\nThree.\nStill three.\n\n\n"
    assert [text[p.start : p.end] for p in paragraphs(text)] == ["One.", "Two.", "Three.\nStill three."]


def test_blank_text_has_no_paragraphs() -> None:
    assert paragraphs(" \n\n\t") == []


def test_words_keep_hyphens_and_apostrophes_inside() -> None:
    assert [w.text for w in words("Moscow-planned talks, Russia’s e-mail: 3.5%")] == [
        "Moscow-planned",
        "talks",
        "Russia’s",
        "e-mail",
        "3",
        "5",
    ]
    assert words("Ça va", 3) == [Word(3, 5, "va")]


@pytest.mark.parametrize(
    "text",
    ["", "   ", "word", " ’tis the cafe\u0301's e-mail, 3.5% — 東京 x_y ", "a\u00a0b\nc\r\nd", "—the—"],
)
def test_words_are_the_matches_of_the_word_pattern_in_any_range(text: str) -> None:
    from qa.segment import WORD_PATTERN

    for start, end in [(0, None), (1, None), (0, 4), (2, 9), (5, 2)]:
        stop = len(text) if end is None else end
        expected = [Word(m.start(), m.end(), m.group()) for m in WORD_PATTERN.finditer(text, start, stop)]
        assert words(text, start, end) == expected


def test_words_made_without_init_are_frozen_and_share_their_text() -> None:
    import dataclasses

    first, _, third = words("talks on talks")
    assert first.text is third.text  # one string per distinct word: less memory, hashed once
    with pytest.raises(dataclasses.FrozenInstanceError):
        first.start = 3  # type: ignore[misc]
    assert hash(first) == hash(Word(0, 5, "talks"))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Breaking News", True),
        ("Blinken: We will not abandon NATO’s open doors policy", True),
        ("21 ene 2022 12:55 GMT", True),
        ("Antony Blinken, US Secretary of State.", False),
        ("Adding:", False),
        ("Two\nlines", False),
        ("", False),
    ],
)
def test_looks_like_heading(text: str, expected: bool) -> None:
    assert looks_like_heading(text) is expected


def test_hard_wrapped_prose_is_not_cut_at_line_ends() -> None:
    text = (
        "The talks in Geneva ended on Friday after the envoy met Sergey\n"
        "Lavrov of Russia, who said the two sides would meet again soon\n"
        "In the new year."
    )
    assert split(text) == [text]


def test_searching_for_the_word_before_a_stop_after_the_last_space_changes_no_sentence(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import random

    from qa import segment

    pieces = ["a", "The", "talks", "U.S.", "Mr.", "e.g.", "p.m.", "W.", "1.", "ii.", " ", "  ", "\n", "\n\n"]
    pieces += [".", "…", "!", "?", "”", "“", ")", "...", ". . .", "\u00a0", "(", "-", "’"]
    rng = random.Random(14)
    texts = ["".join(rng.choice(pieces) for _ in range(rng.randint(1, 40))) for _ in range(3000)]

    def all_sentences() -> list[list[Span]]:
        return [[s for p in paragraphs(text) for s in sentences(text, p)] for text in texts]

    def within_lookback(text: str, floor: int, dot: int) -> int:
        return max(floor, dot - segment.LOOKBACK)

    after_the_last_space = all_sentences()
    monkeypatch.setattr(segment, "_word_search_start", within_lookback)
    assert after_the_last_space == all_sentences()
