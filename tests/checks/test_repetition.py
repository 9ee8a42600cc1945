from tests.helpers import findings_for, flagged

RULE = "duplicated-word"


def test_a_run_of_three_is_left_to_repetition_loop() -> None:
    text = "The talks went on very very very slowly."
    assert flagged(text, RULE) == []
    assert [f.rule for f in findings_for(text, RULE, "repetition-loop")] == ["repetition-loop"]


def test_offsets_after_non_ascii_text_and_across_a_line_break() -> None:
    text = "Zürich 😀 said the\r\nthe talks"
    (finding,) = findings_for(text, RULE)
    assert text[finding.start : finding.end] == "the\r\nthe"
    assert (finding.line, finding.column, finding.end_line, finding.end_column) == (1, 15, 2, 4)


def test_a_blank_line_separates_the_words() -> None:
    assert flagged("The end of the\n\nthe next paragraph", RULE) == []


def test_case_sensitive_option_is_honoured() -> None:
    import dataclasses

    from qa.checks.repetition import Repetition
    from qa.document import Document
    from tests.helpers import CATALOGUE

    options = dataclasses.replace(CATALOGUE.get(RULE).options, ignore_case=False)
    matches = list(Repetition().check(Document("x.txt", "no No and the the"), options))
    assert [m.suggestion for m in matches] == ["the"]
