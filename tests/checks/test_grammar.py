"""grammar: LanguageTool through language-tool-python, tested against the stand-in server.

tests/languagetool_stub.py answers like a LanguageTool server (UTF-16 offsets included)
and can be slow or fail; nothing here needs Java or the network.
"""

from __future__ import annotations

import dataclasses
import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from qa.catalogue import Rule
from qa.checks.grammar import NOT_CONFIGURED, URL_VARIABLE, Grammar, GrammarOptions, batches
from qa.document import Document
from qa.engine import Source, run
from qa.errors import Unavailable, UsageError
from qa.findings import Results, Severity
from qa.segment import Span
from tests.conftest import ROOT
from tests.helpers import CATALOGUE, findings_for, flagged
from tests.languagetool_stub import LanguageToolStub, unused_port_url, utf16_units

GRAMMAR = CATALOGUE.get("grammar")
LOCAL = "127.0.0.1,localhost"


@pytest.fixture(autouse=True)
def no_configured_server(monkeypatch: pytest.MonkeyPatch) -> None:
    """A developer's own MTQA_LANGUAGETOOL_URL must not leak into these tests."""
    monkeypatch.delenv(URL_VARIABLE, raising=False)
    monkeypatch.setenv("NO_PROXY", LOCAL)


@pytest.fixture
def stub(monkeypatch: pytest.MonkeyPatch) -> Iterator[LanguageToolStub]:
    with LanguageToolStub() as server:
        monkeypatch.setenv(URL_VARIABLE, server.url)
        yield server


def grammar_rule(**options: object) -> Rule:
    return dataclasses.replace(GRAMMAR, options=dataclasses.replace(GRAMMAR.options, **options))


def run_texts(texts: list[str], *rules: Rule) -> Results:
    sources = [Source(f"example-{i}.txt", data=text.encode("utf-8")) for i, text in enumerate(texts)]
    return run(sources, list(rules))


def rated(text: str, **options: object) -> list[tuple[str, Severity | None]]:
    """Flagged text and the severity the kind gives it (None: the rule's own)."""
    matches = Grammar().check(Document("t.txt", text), GrammarOptions(**options))
    return [(text[m.start : m.end], m.severity) for m in matches]


# Off unless configured.


def test_without_a_server_the_rule_is_off_and_imports_nothing_heavy() -> None:
    code = (
        "import sys\n"
        "from qa.engine import Source, run\n"
        "from tests.helpers import CATALOGUE\n"
        "results = run([Source('a.txt', data=b'I saw teh cat.')], CATALOGUE.select(['grammar']))\n"
        "print(results.warnings, results.findings, list(results.not_configured.values()))\n"
        "print(sorted(m for m in ('language_tool_python', 'requests') if m in sys.modules))\n"
    )
    env = {key: value for key, value in os.environ.items() if key != URL_VARIABLE}
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, check=True
    )
    warnings, modules = result.stdout.splitlines()
    assert warnings == "[] [] " + str([f"rule 'grammar' did not run: {NOT_CONFIGURED}"])
    assert modules == "[]"


def test_the_not_configured_message_says_what_to_set() -> None:
    with pytest.raises(Unavailable, match="no LanguageTool server configured") as raised:
        Grammar().prepare(GrammarOptions())
    assert URL_VARIABLE in str(raised.value) and "'local: true'" in str(raised.value)


def test_the_environment_overrides_the_url_option(stub: LanguageToolStub) -> None:
    results = run_texts(["I saw teh cat."], grammar_rule(url=unused_port_url()))
    assert [f.message for f in results.findings] == [
        "'teh': Possible spelling mistake found. [LanguageTool MORFOLOGIK_RULE_EN_US]"
    ]


def test_the_url_option_alone_is_enough() -> None:
    with LanguageToolStub() as server:
        results = run_texts(["It could of worked."], grammar_rule(url=server.url))
    assert [(f.excerpt, f.suggestion) for f in results.findings] == [("It could of worked.", "could have")]


# Findings: span, message, suggestion, severity.


def test_a_finding_names_the_text_and_languagetool_rule_and_suggests_the_first_replacement(
    stub: LanguageToolStub,
) -> None:
    (finding,) = findings_for("Officials said\nteh talks would resume.", "grammar")
    assert (finding.rule, finding.severity) == ("grammar", Severity.WARNING)
    assert (finding.line, finding.column) == (2, 1)
    assert finding.message == "'teh': Possible spelling mistake found. [LanguageTool MORFOLOGIK_RULE_EN_US]"
    assert finding.suggestion == "the"  # the first of "the", "ten", "tea"


def test_hints_are_info_and_errors_keep_the_rule_severity(stub: LanguageToolStub) -> None:
    text = "It was very unique.  Teh end: teh goverment could of acted, a a week ago."
    assert rated(text) == [
        ("very unique", Severity.INFO),
        ("  ", Severity.INFO),
        ("teh", None),
        ("goverment", None),
        ("could of", None),
        ("a a", None),
    ]
    assert rated("It was very unique.", hint_issue_types=()) == [("very unique", None)]


def test_white_space_and_long_spans_read_well_in_the_message(stub: LanguageToolStub) -> None:
    findings = findings_for("The talks ended.  Both sides left.", "grammar")
    assert [f.message for f in findings] == [
        "'  ': Possible typo: you repeated a whitespace. [LanguageTool WHITESPACE_RULE]"
    ]


def test_capitalised_unknown_words_are_names_unless_asked(stub: LanguageToolStub) -> None:
    text = "Minister Dmytro Kuleba said teh talks went well."
    assert flagged(text, "grammar") == ["teh"]
    results = run_texts([text], grammar_rule(ignore_capitalized_misspellings=False))
    assert [text[f.start : f.end] for f in results.findings] == ["Kuleba", "teh"]


def test_disabled_rules_are_not_checked(stub: LanguageToolStub) -> None:
    results = run_texts(["I saw teh a a cat."], grammar_rule(disabled_rules=("MORFOLOGIK_RULE_EN_US",)))
    assert [f.message.split(" [")[0] for f in results.findings] == [
        "'a a': Possible typo: you repeated a word."
    ]


# Offsets: LanguageTool counts UTF-16 code units, mtqa code points.


def test_offsets_after_characters_beyond_the_bmp(stub: LanguageToolStub) -> None:
    text = "Fans 🎉🎉 and 𝒳 and 𠀀 said teh match — 😀 — could of gone 𝒳𝒳 𝒳𝒳 either way.\n\n🎉 a a 🎉"
    assert utf16_units(text) > len(text) + 6
    assert flagged(text, "grammar") == ["teh", "could of", "𝒳𝒳 𝒳𝒳", "a a"]


def test_offsets_in_later_paragraphs_and_lines(stub: LanguageToolStub) -> None:
    text = "Headline 🎉\r\n\r\nFirst paragraph is fine.\r\n\r\nSecond one has 😀 teh error."
    (finding,) = findings_for(text, "grammar")
    assert (text[finding.start : finding.end], finding.line, finding.column) == ("teh", 5, 18)


# Batches: whole paragraphs, within the size limit, one timeout each.


def test_long_copy_goes_in_batches_of_whole_paragraphs_within_the_limit(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    paragraphs = [f"Paragraph {i} 🎉 says the talks went on for hours in Geneva." for i in range(40)]
    paragraphs[33] = "Paragraph 33 says teh talks went on for hours."
    text = "\n\n".join(paragraphs) + "\n"
    with LanguageToolStub(max_text_length=500) as server:
        monkeypatch.setenv(URL_VARIABLE, server.url)
        results = run_texts([text], grammar_rule(max_chars=500))
    assert results.warnings == []
    assert [text[f.start : f.end] for f in results.findings] == ["teh"]
    assert 5 <= len(server.requests) <= 8
    assert all(utf16_units(request) <= 500 for request in server.requests)
    assert "\n\n".join(server.requests) == text.strip()  # whole paragraphs, in order, nothing lost


def test_a_paragraph_too_long_for_one_batch_is_cut_between_sentences() -> None:
    sentences = [f"Sentence {i} of a long paragraph ends here." for i in range(10)]
    text = " ".join(sentences)
    pieces = [text[s.start : s.end] for s in batches(text, [Span(0, len(text))], 100)]
    assert pieces == [" ".join(sentences[i : i + 2]) for i in range(0, 10, 2)]


def test_a_sentence_too_long_for_one_batch_is_cut_at_spaces() -> None:
    text = " ".join(["😀word"] * 60)  # 7 UTF-16 units a word, 419 in all, no sentence end
    spans = batches(text, [Span(0, len(text))], 100)
    pieces = [text[s.start : s.end] for s in spans]
    assert "".join(pieces) == text
    assert all(utf16_units(piece) <= 100 for piece in pieces)
    assert all(piece.endswith("word") for piece in pieces)


def test_small_documents_are_one_request(stub: LanguageToolStub) -> None:
    text = "Headline\n\nFirst paragraph.\n\nSecond paragraph."
    findings_for(text, "grammar")
    assert stub.requests == [text]


# A server that cannot be used: one warning, every other rule still runs.


def test_a_server_that_refuses_connections_is_one_warning(monkeypatch: pytest.MonkeyPatch) -> None:
    url = unused_port_url()
    monkeypatch.setenv(URL_VARIABLE, url)
    results = run_texts(["There can be no No bargaining."], GRAMMAR, CATALOGUE.get("duplicated-word"))
    assert results.warnings == [
        f"rule 'grammar' did not run: cannot connect to the LanguageTool server at {url}"
    ]
    assert [f.rule for f in results.findings] == ["duplicated-word"]


def test_a_server_too_slow_to_list_its_languages_is_one_warning(monkeypatch: pytest.MonkeyPatch) -> None:
    with LanguageToolStub(languages_delay=10) as server:
        monkeypatch.setenv(URL_VARIABLE, server.url)
        results = run_texts(["I saw teh cat."], grammar_rule(timeout=0.2))
    assert results.warnings == [
        f"rule 'grammar' did not run: the LanguageTool server at {server.url} did not answer within 0.2 s"
    ]


def test_a_server_too_slow_to_check_is_one_warning_for_all_files(monkeypatch: pytest.MonkeyPatch) -> None:
    with LanguageToolStub(check_delay=10) as server:
        monkeypatch.setenv(URL_VARIABLE, server.url)
        results = run_texts(
            ["I saw teh cat.", "No No."], grammar_rule(timeout=0.2), CATALOGUE.get("duplicated-word")
        )
    assert results.warnings == [
        f"rule 'grammar' did not run: the LanguageTool server at {server.url} did not answer within 0.2 s"
    ]
    assert [f.rule for f in results.findings] == ["duplicated-word"]


def test_a_server_error_is_one_warning_with_its_message(monkeypatch: pytest.MonkeyPatch) -> None:
    error = (500, "Error: Internal Error: java.lang.OutOfMemoryError\n\tat org.languagetool.Foo")
    with LanguageToolStub(check_error=error) as server:
        monkeypatch.setenv(URL_VARIABLE, server.url)
        results = run_texts(["I saw teh cat."], GRAMMAR)
    reason = "answered with an error: Error: Internal Error: java.lang.OutOfMemoryError"
    assert results.warnings == [
        f"rule 'grammar' did not run: the LanguageTool server at {server.url} {reason}"
    ]


def test_a_language_the_server_does_not_know_is_a_configuration_error(stub: LanguageToolStub) -> None:
    with pytest.raises(UsageError, match=r"grammar.yaml: rule 'grammar': .*xx-YY"):
        run_texts(["Text."], grammar_rule(language="xx-YY"))


def test_local_mode_without_java_is_unavailable(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))  # no java on it
    monkeypatch.setenv("LTP_PATH", str(tmp_path / "downloads"))
    with pytest.raises(Unavailable, match=r"cannot run LanguageTool here \(No java install detected"):
        Grammar().prepare(GrammarOptions(local=True))


@pytest.mark.parametrize(
    ("options", "complaint"),
    [
        ({"url": "http://localhost:8081", "local": True}, "either option 'url' or 'local'"),
        ({"timeout": 0.0}, "'timeout' must be more than 0"),
        ({"max_chars": 50}, "'max_chars' must be at least 100"),
    ],
)
def test_option_values_are_checked(options: dict, complaint: str) -> None:
    with pytest.raises(ValueError, match=complaint):
        GrammarOptions(**options)


# The installed command, as a user or CI runs it.


def mtqa_env(url: str | None) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if key != URL_VARIABLE}
    env["NO_PROXY"] = LOCAL
    if url is not None:
        env[URL_VARIABLE] = url
    return env


@pytest.fixture
def doubled(tmp_path: Path) -> Path:
    (tmp_path / "doubled.txt").write_text(
        "There can be no No bargaining, said teh minister.\n", encoding="utf-8"
    )
    return tmp_path


def test_cli_unreachable_server_warns_and_strict_grammar_exits_2(mtqa: list[str], doubled: Path) -> None:
    url = unused_port_url()
    for strict, code in (([], 1), (["--strict-grammar"], 2)):
        result = subprocess.run(
            [*mtqa, "check", "doubled.txt", *strict],
            cwd=doubled,
            env=mtqa_env(url),
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
        assert result.returncode == code, result.stderr
        assert result.stderr == (
            f"mtqa: warning: rule 'grammar' did not run: cannot connect to the LanguageTool server at {url}\n"
        )
        assert "duplicated-word Duplicated word: 'no No'" in result.stdout


def test_cli_reports_languagetool_findings_in_json(mtqa: list[str], doubled: Path) -> None:
    with LanguageToolStub() as server:
        result = subprocess.run(
            [*mtqa, "check", "doubled.txt", "--format", "json", "--select", "grammar", "--strict-grammar"],
            cwd=doubled,
            env=mtqa_env(server.url),
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
    assert (result.returncode, result.stderr) == (0, "")  # warnings only: below --fail-on error
    report = json.loads(result.stdout)
    assert report["warnings"] == []
    findings = report["files"][0]["findings"]
    assert [(f["excerpt"], f["suggestion"]) for f in findings] == [
        ("There can be no No bargaining, said teh", "no"),
        ("can be no No bargaining, said teh minister.", "the"),
    ]
    assert [f["message"] for f in findings] == [
        "'no No': Possible typo: you repeated a word. [LanguageTool ENGLISH_WORD_REPEAT_RULE]",
        "'teh': Possible spelling mistake found. [LanguageTool MORFOLOGIK_RULE_EN_US]",
    ]
