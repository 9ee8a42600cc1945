"""unbalanced-quote: the seeds, offsets, paragraph runs, line endings and options."""

from __future__ import annotations

import pytest

from qa.checks.base import build_options
from qa.checks.quotes import Quotes, QuotesOptions
from qa.document import Document
from tests.conftest import SEEDS
from tests.helpers import CATALOGUE, findings_for, flagged

RULE = "unbalanced-quote"


def seed(name: str) -> str:
    return (SEEDS / name).read_text(encoding="utf-8")


def flagged_openings(text: str) -> list[str]:
    """Each finding's line from its mark on, to tell findings apart."""
    return [text[f.start :].splitlines()[0] for f in findings_for(text, RULE)]


def messages(text: str) -> list[str]:
    return [f.message for f in findings_for(text, RULE)]


def check_with(text: str, **options: object) -> list[str]:
    """Flagged text under the rule's options with some of them changed."""
    base = CATALOGUE.get(RULE).options
    chosen = build_options(QuotesOptions, options, base=base)
    return [text[m.start : m.end] for m in Quotes().check(Document("t.txt", text), chosen)]


def test_seed_000_only_the_quotation_run_into_blinken() -> None:
    text = seed("000_4ba9a3a3582aff3b.txt")
    (finding,) = findings_for(text, RULE)
    assert text[finding.start : finding.end] == "“"
    assert text[finding.start :].startswith("“quick and firm response if Russia invades UkraineBlinken")
    assert finding.message.endswith('it probably ended before "Blinken".')


def test_seed_002_only_the_quotation_the_next_paragraph_does_not_reopen() -> None:
    text = seed("002_fccc3799612edf3c.txt")
    (finding,) = findings_for(text, RULE)
    assert text[finding.start : finding.end] == "“"
    assert text[finding.start :].startswith("“We agreed to continue discussions afterwards.\n")
    assert "reopen the next paragraph" in finding.message


def test_seeds_checked_together_give_the_same_two_findings() -> None:
    texts = [seed("000_4ba9a3a3582aff3b.txt"), seed("002_fccc3799612edf3c.txt")]
    assert flagged(texts, RULE) == ["“", "“"]


def test_offsets_are_code_points_after_non_ascii_text() -> None:
    text = "Zelensky 🇺🇦 — «no» — said Ελλάδα’s envoy: “we will respond.\n\nThe end."
    (finding,) = findings_for(text, RULE)
    assert finding.start == text.index("“") and finding.end == finding.start + 1


def test_text_without_paragraphs_has_no_findings() -> None:
    assert list(Quotes().check(Document("t.txt", ""), QuotesOptions())) == []


def test_last_paragraph_of_a_run_is_the_one_flagged() -> None:
    text = "He said: “One.\n\n“Two.\n\n“Three.\n\nThen he left."
    assert flagged_openings(text) == ["“Three."]


def test_quotation_closed_in_the_next_paragraph_without_reopening_is_a_run() -> None:
    text = "He said: “We will not bargain.\n\nThe choice is Russia’s,” he added."
    assert findings_for(text, RULE) == []


def test_run_is_not_carried_past_the_next_paragraph() -> None:
    text = "He said: “We will not bargain.\n\nNo marks here.\n\nThe choice is theirs,” he added."
    assert flagged(text, RULE) == ["“", "”"]


@pytest.mark.parametrize("newline", ["\r\n", "\r", "\n"])
def test_reopening_convention_with_any_line_ending(newline: str) -> None:
    continued = f"He said: “We will go.{newline}{newline}“And we will win,” he added."
    one_line_a_paragraph = f"He said: “We will go.{newline}“And we will win,” he added."
    assert findings_for(continued, RULE) == findings_for(one_line_a_paragraph, RULE) == []


def test_unclosed_quotation_in_one_line_paragraphs_is_still_found() -> None:
    text = "Blinken said: “We agreed.\nHe spoke of talks “if useful.”\nThe end."
    assert flagged_openings(text) == ["“We agreed."]


def test_straight_quotes_pair_by_position() -> None:
    assert findings_for('"We will go," he said. "And win."', RULE) == []
    assert flagged('"We will go," he said. "And win.', RULE) == ['"']
    assert flagged('We will go," he said.', RULE) == ['"']


def test_unit_marks_inside_a_quotation_are_not_closers() -> None:
    assert findings_for('"He is 6\' 2" tall and used a 12" pipe," she said.', RULE) == []
    assert findings_for("“He is 6” tall,” she said.", RULE) == []


def test_stray_closer_at_a_line_start_names_no_words_before_it() -> None:
    assert messages("” He left.") == [
        "Closing mark ” has no opening mark: add one where the quotation starts, or remove it."
    ]


def test_camel_case_names_give_no_false_ending() -> None:
    (message,) = messages("They praised “the work of McDonald, MacArthur and DeSantis.\n\nEnd.")
    assert "probably ended" not in message


def test_earliest_clue_wins() -> None:
    text = "“We will go, he said, and then UkraineBlinken stressed it."
    assert messages(text)[0].endswith('it probably ended before "he said".')


def test_options_turn_off_straight_and_single_quotes() -> None:
    text = 'Lavrov said "we have explained it. Officials called it ‘a non-starter.'
    assert check_with(text) == ['"', "‘"]
    assert check_with(text, straight_quotes=False) == ["‘"]
    assert check_with(text, single_quotes=False) == ['"']


def test_without_elisions_a_leading_apostrophe_opens_a_quotation() -> None:
    text = "They rocked 'til dawn."
    assert check_with(text) == []
    assert check_with(text, elisions=[]) == ["'"]


def findings_with_suggestions(text: str) -> list[tuple[str, str | None]]:
    return [(text[f.start : f.end], f.suggestion) for f in findings_for(text, RULE)]


def test_closing_mark_turned_the_wrong_way_is_one_finding_with_its_glyph() -> None:
    text = "He said “we will go.“ Then he left."
    assert messages(text) == ["Closing mark “ is turned the wrong way: write ”."]
    assert findings_with_suggestions(text) == [("“", "”")]


def test_opening_mark_turned_the_wrong_way() -> None:
    assert findings_with_suggestions("”We will go,” he said.") == [("”", "“")]


def test_closing_mark_with_the_space_before_it_instead_of_after() -> None:
    text = '"We will raise it by 5 percent, "added the minister. "And more," he said.'
    assert findings_with_suggestions(text) == [(' "', '" ')]
    assert "instead of after it" in messages(text)[0]


def test_space_inside_a_closing_straight_quote() -> None:
    text = 'Under the moniker "TianZi " in 2000.'
    assert findings_with_suggestions(text) == [(' "', '"')]


def test_space_inside_an_opening_straight_quote() -> None:
    assert findings_with_suggestions('He said " we will go." Then left.') == [('" ', '"')]


@pytest.mark.parametrize("closer", ["’", "'"])
def test_single_mark_closing_a_double_quotation(closer: str) -> None:
    text = f"“We will go,{closer} he said."
    assert messages(text) == [f"Closing mark {closer} does not match the opening “: write ”."]


def test_doubled_marks_on_both_sides_are_one_finding_over_the_quotation() -> None:
    text = 'It introduced a ""communication book"" for townspeople.'
    assert findings_with_suggestions(text) == [('""communication book""', '"communication book"')]


def test_doubled_closer_after_two_openers_closes_both() -> None:
    assert findings_for('"He named it "Nord Stream 2"" and left.', RULE) == []


def test_a_second_opening_mark_after_a_sentence_end_is_named() -> None:
    text = '"Europe is not ours. "Neither the USA nor NATO would," another commented.'
    (message,) = messages(text)
    assert 'a second opening mark stands before "Neither the USA…"' in message


def test_stray_closer_before_an_attribution_asks_only_for_the_opening_mark() -> None:
    (message,) = messages('However, they are going to bargain about Ukraine," the analyst wrote.')
    assert message.endswith("ends a quotation that has no opening mark: add one where it starts.")


@pytest.mark.parametrize(
    ("text", "flagged", "suggestion"),
    [
        pytest.param("He called it “a non-starter\" and left. “Fine,” he said.", '"', "”", id="curly-file"),
        pytest.param('He called it "a non-starter” and left. "Fine," he said.', "”", '"', id="straight-file"),
        pytest.param("He called it \"a non-starter” and left. “Fine,” he said.", '"', "“", id="straight-opener"),
    ],
)
def test_a_straight_and_curly_pair_is_one_warning_on_the_mark_out_of_the_file_style(
    text: str, flagged: str, suggestion: str
) -> None:
    (finding,) = findings_for(text, RULE, "quote-style")
    assert (finding.rule, finding.severity.label) == (RULE, "warning")
    assert (text[finding.start : finding.end], finding.suggestion) == (flagged, suggestion)
    assert "pairs a straight mark with a curly one" in finding.message


@pytest.mark.parametrize(
    "text",
    [
        "They said «yes» and went, and ‹maybe› later.",
        "He called it „a frank exchange“ and left.",
        "He called it „a frank exchange” and left.",
        "“He called it «a frank exchange»,” she said.",
        "Read more » Top stories » World",
    ],
)
def test_balanced_foreign_pairs_and_arrows_are_no_quotation_slips(text: str) -> None:
    assert findings_for(text, RULE) == []


@pytest.mark.parametrize(
    ("text", "mark", "english"),
    [
        ("The minister said «we will respond and left the room.", "«", "“"),
        ("The minister said „we will respond and left the room.", "„", "“"),
        ("The minister said we will respond» and left the room.", "»", "”"),
    ],
)
def test_an_unbalanced_foreign_mark_is_one_finding_that_names_the_english_mark(
    text: str, mark: str, english: str
) -> None:
    (finding,) = findings_for(text, RULE, "foreign-punctuation")
    assert (finding.rule, text[finding.start : finding.end]) == (RULE, mark)
    assert finding.message.endswith(f"In English copy, write {english} for {mark}.")


def test_a_guillemet_closed_by_an_english_mark_suggests_the_english_opener() -> None:
    text = "The minister said «we will respond” and left the room."
    (finding,) = findings_for(text, RULE, "foreign-punctuation")
    assert (text[finding.start : finding.end], finding.suggestion) == ("«", "“")


def test_quote_style_gives_way_on_a_mark_unbalanced_quote_reports() -> None:
    text = "“Don’t go,” she said. “We will go,' he said. “It’s done,” she said."
    assert [f.rule for f in findings_for(text, RULE, "quote-style")] == [RULE]


def test_long_one_line_paragraph_of_marks_is_checked_in_linear_time() -> None:
    """Shapes that once rescanned back to the paragraph start from every mark; big enough to notice."""
    text = "“a ’b " * 20000 + " " * 20000 + "”" * 20000
    assert len(list(Quotes().check(Document("t.txt", text), QuotesOptions()))) > 0


@pytest.mark.parametrize(
    "text",
    [
        "He said: „I wanted to hear him say: 'You did the right thing,'“ the station quotes him.",
        "Yoshiro: 「At first you think, 'really?'」 and then you laugh.",
        "She wrote: «He told me 'no,'» and left the room.",
    ],
)
def test_a_quotation_nested_in_foreign_marks_closes_before_them(text: str) -> None:
    assert [f for f in findings_for(text, "unbalanced-quote")] == []


def test_a_mangled_em_dash_holds_no_quotation_mark() -> None:
    text = "“The talks â€” the first in years â€” were useful,” he said."
    assert [f for f in findings_for(text, "unbalanced-quote")] == []


def test_a_quoted_phrase_open_at_its_paragraph_end_is_not_carried_on_by_the_next_opener() -> None:
    text = 'He dodged traps with a bit of "plot armor. Still, he won.\n\n"Equal Value Exchange", as fans call it, is a rule.'
    assert flagged_openings(text) == ['"plot armor. Still, he won.']


def test_an_attribution_in_the_reporters_words_ends_the_open_quotation_before_a_reopened_paragraph() -> None:
    text = (
        '"Isolation may also play a role, he said. Addictions matter as well.\n\n'
        '"There is a debate about hearing loss," the biologist added.'
    )
    (message,) = messages(text)
    assert message.endswith('it probably ended before "he said".')


def test_according_to_him_inside_an_open_quotation_ends_it() -> None:
    text = '"Prevention is advised. According to him, languages help.\n\n"Games help too," said Golosheykin.'
    assert flagged_openings(text) == ['"Prevention is advised. According to him, languages help.']


def test_a_lost_break_before_an_attribution_ends_a_quotation_closed_in_the_next_paragraph() -> None:
    text = '"The order was adoptedAlikhan Smailov wrote in reply.\n\nIt ran for 90 days," said the minister.'
    assert flagged_openings(text) == ['"The order was adoptedAlikhan Smailov wrote in reply.', '" said the minister.']


def test_a_quotation_opened_in_brackets_ends_before_they_close() -> None:
    text = '"Data suggest it ("disease severity — Ed.) may be milder than Delta," the report said.'
    (finding,) = findings_for(text, RULE)
    assert text[finding.start :].startswith('"disease severity')
    assert finding.message.endswith('it probably ended before ")".')


@pytest.mark.parametrize(
    "text",
    [
        '"The most downloaded app was CapCut.\n\n"Telegram is also in the Top 10," the report said.',
        '"We discussed the "Normandy format" there," he said. "It is alive."',
        'He said: "We will respond.\n\n"We are ready," he added, "and we said so."',
        '"I asked him, they said no to it," she recalled.',
        "He told her: 'You did the right thing,'â€� the channel quoted him.",
    ],
)
def test_quotations_that_run_on_or_nest_the_english_way_stay_quiet(text: str) -> None:
    assert findings_for(text, RULE) == []


def test_a_low_opening_mark_closed_straight_is_one_foreign_mark_to_rewrite_in_the_files_style() -> None:
    text = 'Peskov called it „a frank exchange" and left. "Fine," he said.'
    (finding,) = findings_for(text, RULE)
    assert (text[finding.start : finding.end], finding.suggestion) == ("„", '"')
