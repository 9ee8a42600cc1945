"""qa.dedupe: echoes of another rule's finding (same span, a covering kind, a deleted copy) are dropped, nothing else."""

from __future__ import annotations

from dataclasses import replace

import pytest

from qa.checks.grammar import URL_VARIABLE
from qa.dedupe import deferring_rule_ids, drop_echoes
from qa.findings import Finding, Severity
from tests.helpers import CATALOGUE, findings_for
from tests.languagetool_stub import LanguageToolStub

RULES = [CATALOGUE.get(rule_id) for rule_id in ("duplicated-word", "spacing", "grammar")]


def finding(rule: str, start: int, end: int, path: str = "a.txt") -> Finding:
    return Finding(path, start, end, rule, Severity.WARNING, f"{rule} says so", 1, start + 1, 1, end + 1, "…")


def test_only_kinds_that_declare_it_defer() -> None:
    assert deferring_rule_ids(CATALOGUE.rules) == {"grammar", "name-variant", "quote-style"}


def test_an_echo_on_the_same_span_is_dropped_and_everything_else_kept() -> None:
    kept = [
        finding("duplicated-word", 10, 15),
        finding("grammar", 10, 16),  # overlaps, but is not the same span
        finding("grammar", 20, 23),  # alone
        finding("spacing", 30, 32),
        finding("grammar", 40, 44, path="b.txt"),  # the same span, in another file
    ]
    echoes = [finding("grammar", 10, 15), finding("grammar", 30, 32)]
    findings = sorted(kept + echoes)
    assert drop_echoes(findings, RULES) == tuple(sorted(kept))


def test_deferring_rules_do_not_cancel_each_other_or_anything_without_them() -> None:
    both = (finding("grammar", 1, 4), finding("grammar", 1, 4))
    assert drop_echoes(both, RULES) == both
    plain = (finding("duplicated-word", 1, 4), finding("spacing", 1, 4))
    assert drop_echoes(plain, [CATALOGUE.get("duplicated-word"), CATALOGUE.get("spacing")]) == plain


def test_languagetool_repeating_duplicated_word_is_dropped(monkeypatch: pytest.MonkeyPatch) -> None:
    text = "There can be no No bargaining, and teh talks go on."
    with LanguageToolStub() as server:
        monkeypatch.setenv(URL_VARIABLE, server.url)
        findings = sorted(findings_for(text, "duplicated-word") + findings_for(text, "grammar"))
    assert [(f.rule, text[f.start : f.end]) for f in findings] == [
        ("duplicated-word", "no No"),
        ("grammar", "no No"),
        ("grammar", "teh"),
    ]
    rules = CATALOGUE.select(["duplicated-word", "grammar"])
    assert [(f.rule, text[f.start : f.end]) for f in drop_echoes(findings, rules)] == [
        ("duplicated-word", "no No"),
        ("grammar", "teh"),
    ]


def test_a_finding_inside_or_touching_a_covering_kind_is_dropped() -> None:
    rules = CATALOGUE.select(["mojibake", "foreign-punctuation", "spacing", "duplicated-word"])
    kept = [
        finding("mojibake", 10, 13),
        finding("foreign-punctuation", 20, 21),  # apart from any mojibake
        finding("spacing", 10, 13, path="b.txt"),  # mojibake is in another file
    ]
    echoes = [
        finding("foreign-punctuation", 11, 12),
        finding("spacing", 9, 10),
        finding("spacing", 13, 14),
        finding("duplicated-word", 5, 11),
    ]
    assert drop_echoes(sorted(kept + echoes), rules) == tuple(sorted(kept))


def test_yields_to_is_one_way() -> None:
    rules = CATALOGUE.select(["unbalanced-quote", "foreign-punctuation"])
    punctuation, quote = finding("foreign-punctuation", 4, 5), finding("unbalanced-quote", 5, 30)
    assert drop_echoes([punctuation, quote], rules) == (punctuation,)  # touching: the quote gives way
    assert drop_echoes([punctuation, finding("unbalanced-quote", 40, 41)], rules) == (
        punctuation,
        finding("unbalanced-quote", 40, 41),
    )


def test_supersedes_drops_what_lies_within_first() -> None:
    rules = CATALOGUE.select(["unbalanced-quote", "foreign-punctuation"])
    punctuation, quote = finding("foreign-punctuation", 4, 5), finding("unbalanced-quote", 4, 5)
    assert drop_echoes([punctuation, quote], rules) == (
        quote,
    )  # an unclosed «: the quote's finding says more


@pytest.mark.parametrize(
    ("text", "rules"),
    [
        ("\u00ef\u00bb\u00bfIsraeli Prime Minister Bennett spoke on Friday.", "mojibake,foreign-punctuation"),
        (
            "The product\u2019s composition \u00e2\u20ac\u201d an ingredient like sugar.",
            "mojibake,unbalanced-quote",
        ),
        ("The war in eastern Ukraine,\u00e2\u20ac\ufffd the ministers said.", "mojibake,spacing"),
    ],
)
def test_mojibake_is_one_finding(text: str, rules: str) -> None:
    assert [f.rule for f in findings_for(text, *rules.split(","))] == ["mojibake"]


def test_an_untranslated_passage_covers_what_its_words_trip() -> None:
    text = (
        "The minister spoke on Friday.\n\n"
        "Это предложение осталось без перевода, и его никто не заметил. Могут умереть до 75 тыс. человек.\n"
    )
    assert [f.rule for f in findings_for(text, "untranslated-text", "lowercase-sentence-start")] == [
        "untranslated-text"
    ]


def test_a_foreign_date_supersedes_the_untranslated_words_inside_it() -> None:
    text = "The agreement was signed on четверг, 28 июля 2022 г. in the capital, officials said."
    assert [f.rule for f in findings_for(text, "untranslated-text", "foreign-date")] == ["foreign-date"]


def test_a_superseded_finding_covers_nothing() -> None:
    rules = CATALOGUE.select(["foreign-date", "untranslated-text", "spacing"])
    date, words = finding("foreign-date", 10, 40), finding("untranslated-text", 12, 30)
    inside = finding("spacing", 20, 21)
    assert drop_echoes(sorted([date, words, inside]), rules) == (date, inside)


def test_findings_in_the_copy_a_repeat_deletes_go_with_it() -> None:
    """Another rule's finding wholly inside the second copy is an echo; on the first copy, or reaching
    beyond the copy, it is a problem of its own."""
    doubled = replace(finding("duplicated-word", 10, 17), suggestion="the")  # "the the": deletes [13, 17)
    kept = [doubled, finding("spacing", 10, 13), finding("spacing", 15, 20), finding("spacing", 12, 14)]
    echoes = [finding("spacing", 13, 17), finding("grammar", 14, 17)]
    assert drop_echoes(sorted(kept + echoes), RULES) == tuple(sorted(kept))
    deleting = replace(doubled, suggestion="")  # no first copy named: nothing is known to go with it
    assert drop_echoes((deleting, finding("spacing", 13, 17)), RULES)[1:] == (finding("spacing", 13, 17),)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("He said the  the talks would go on.", [("duplicated-word", "the  the")]),
        (
            "The Pаris Pаris talks ended.",  # a Cyrillic "а" in both copies
            [("duplicated-word", "Pаris Pаris"), ("mixed-script", "Pаris")],
        ),
        ("There can be no No bargaining in this area.", [("duplicated-word", "no No")]),
        (
            "The talks ended. the the minister left.",
            [("duplicated-word", "the the"), ("lowercase-sentence-start", "the")],
        ),
    ],
)
def test_one_problem_one_finding_through_the_engine(text: str, expected: list[tuple[str, str]]) -> None:
    rules = ("duplicated-word", "spacing", "mixed-script", "mid-sentence-capital", "lowercase-sentence-start")
    found = sorted((f.rule, text[f.start : f.end]) for f in findings_for(text, *rules))
    assert found == sorted(expected)


def test_languagetool_on_a_deleted_copy_is_dropped(monkeypatch: pytest.MonkeyPatch) -> None:
    text = "The talks with teh teh delegates went on."
    with LanguageToolStub() as server:
        monkeypatch.setenv(URL_VARIABLE, server.url)
        findings = findings_for(text, "duplicated-word", "grammar")
    assert sorted((f.rule, text[f.start : f.end]) for f in findings) == [
        ("duplicated-word", "teh teh"),
        ("grammar", "teh"),  # the first copy: still misspelt once the repeat is fixed
    ]
