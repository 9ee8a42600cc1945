"""Hostile shapes of input (benchmarks/shapes.py): the rules' output on them stays sane.

Timings are the benchmark's; these tests pin what the linear versions must keep doing.
"""

from __future__ import annotations

from qa.checks.loops import tandem_runs
from qa.document import Document
from tests.helpers import findings_for


def test_every_mark_of_quotes_repeated_is_one_unclosed_quotation() -> None:
    text = '"a ' * 3000
    findings = findings_for(text, "unbalanced-quote")
    assert len(findings) == 3000
    assert all(text[f.start : f.end] == '"' for f in findings)


def test_quotations_ended_in_a_paragraph_leave_the_others_open() -> None:
    """A quoted phrase ends in its paragraph; the quotation around it runs on into the next one."""
    text = '“The plan has a "safe zone in it,\n\n“and it works,” he said.\n'
    flagged = [text[f.start : f.end] for f in findings_for(text, "unbalanced-quote")]
    assert flagged == ['"']


def test_sentences_by_paragraph_are_the_sentences_of_each_paragraph() -> None:
    doc = Document("t.txt", "One. Two.\n\nThree.\nFour five\n\n" + "a.\n\n" * 3)
    assert len(doc.sentences_by_paragraph) == len(doc.paragraphs)
    for paragraph, sentences in zip(doc.paragraphs, doc.sentences_by_paragraph):
        assert paragraph.start <= sentences[0].start and sentences[-1].end <= paragraph.end
    assert doc.sentences == [s for group in doc.sentences_by_paragraph for s in group]


def test_no_block_longer_than_half_the_items_is_tried() -> None:
    assert list(tandem_runs(["a"], 8)) == []
    runs = list(tandem_runs(["x", "y", "x", "y"], 8))
    assert [(r.start, r.period, r.repeats) for r in runs] == [(0, 2, 2)]


def test_tiny_paragraphs_have_no_findings_of_untranslated_text() -> None:
    assert findings_for("a.\n\n" * 2000, "untranslated-text") == []


def test_a_short_paragraph_in_another_script_is_still_judged() -> None:
    """The short-paragraph shortcut is for ASCII only: two Cyrillic words are still a fragment."""
    text = "The minister spoke to reporters on Friday about the talks.\n\nСпасибо большое.\n"
    flagged = [text[f.start : f.end] for f in findings_for(text, "untranslated-text")]
    assert flagged == ["Спасибо большое"]


def test_a_run_of_ellipses_still_ends_its_sentence() -> None:
    text = "He paused" + "…" * 500 + " Then he left."
    doc = Document("t.txt", text)
    assert [doc.slice(s) for s in doc.sentences] == ["He paused" + "…" * 500, "Then he left."]


def test_every_low_mark_of_a_run_is_reported_and_a_german_pair_still_is() -> None:
    assert len(findings_for("„" * 2000, "foreign-punctuation")) == 2000
    text = "Er sagte „Hallo“ und ging " + "„" * 50
    flagged = [text[f.start : f.end] for f in findings_for(text, "foreign-punctuation")]
    assert flagged[:2] == ["„", "“"]


def test_a_run_of_arabic_commas_far_from_any_letter_is_reported_mark_by_mark() -> None:
    assert len(findings_for("،" * 2000, "foreign-punctuation")) == 2000


def test_a_rule_reports_at_most_its_cap_of_findings_in_one_file_and_says_so() -> None:
    """'"a ' repeated is a broken quotation every three bytes: past the cap, one warning instead."""
    from qa.engine import MAX_FINDINGS_PER_RULE, Source, run
    from tests.helpers import CATALOGUE

    rule = CATALOGUE.get("unbalanced-quote")
    text = '"a ' * (MAX_FINDINGS_PER_RULE + 500)
    [result] = run([Source("quotes.txt", data=text.encode())], [rule]).files
    assert len(result.findings) == MAX_FINDINGS_PER_RULE
    assert result.warnings == (
        f"quotes.txt: rule 'unbalanced-quote': more than {MAX_FINDINGS_PER_RULE:,} findings in this file; "
        "the rest are not reported",
    )
