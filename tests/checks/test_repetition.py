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


def test_reduplications_come_from_the_generated_list_and_never_a_function_word() -> None:
    from qa.checks.base import data_file, word_list

    halves = set(word_list(data_file("reduplications.txt")))
    assert {"chop", "hush", "tut", "ta", "tom", "bye", "gorilla"} <= halves
    assert not {"no", "is", "so", "the", "can"} & halves
    assert flagged("“Chop chop,” he said; the deal was kept hush hush.", RULE) == []
    assert flagged("There can be no No bargaining.", RULE) == ["no No"]


def test_reduplicated_names_after_a_lower_case_word_or_a_title_but_not_a_function_word() -> None:
    assert flagged("The prize went to singer Lin Lin and minister Ade Ade.", RULE) == []
    assert flagged("The visit by President Ali Ali was postponed.", RULE) == []
    assert flagged("The talks in The The capital resumed.", RULE) == ["The The"]
    assert flagged("The The ministers met.", RULE) == ["The The"]


def test_a_phrasal_verb_particle_then_a_preposition_but_not_a_plain_preposition_twice() -> None:
    assert flagged("Voters can check in in person or log in in the morning.", RULE) == []
    assert flagged("It turned up up north and moved on on Monday.", RULE) == []
    assert flagged("The talks will resume in in the coming weeks.", RULE) == ["in in"]
    assert flagged("It came out out of nowhere and passed at at least one test.", RULE) == [
        "out out",
        "at at",
    ]


def test_her_as_object_then_possessive_only_after_a_verb_of_giving_or_telling() -> None:
    assert flagged("They told her her visa had expired and gave her her passport.", RULE) == []
    assert flagged("The minister saw her her aides.", RULE) == ["her her"]
    assert flagged("Her her plan failed.", RULE) == ["Her her"]


def test_a_name_then_a_modal_even_at_a_sentence_start_is_never_fixed() -> None:
    from qa.document import Document
    from qa.fix import apply, plan

    text = "Will will sing at the gala.\n\n“May may bring rain,” she said; the the end."
    edits = plan(findings_for(text, RULE), Document("x.txt", text), {RULE}).edits
    assert apply(text, edits) == "Will will sing at the gala.\n\n“May may bring rain,” she said; the end."


def test_the_users_allow_list_still_counts() -> None:
    import dataclasses

    from qa.checks.repetition import Repetition
    from qa.document import Document
    from tests.helpers import CATALOGUE

    options = dataclasses.replace(CATALOGUE.get(RULE).options, allow=("bang bang",))
    matches = list(Repetition().check(Document("x.txt", "Bang bang, and the the end."), options))
    assert [m.suggestion for m in matches] == ["the"]
