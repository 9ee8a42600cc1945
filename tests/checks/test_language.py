"""untranslated-text: paragraphs and sentences left in another language, found with seeded langdetect."""

from __future__ import annotations

import dataclasses
import json
import os
import random
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from qa.catalogue import Rule
from qa.checks import language
from qa.checks.language import Language
from qa.document import Document
from qa.engine import Source, run
from qa.errors import UsageError
from qa.segment import Span
from tests.conftest import ROOT, SEEDS
from tests.helpers import CATALOGUE, findings_for, flagged

RULE = "untranslated-text"
CLEAN_NEWS = ROOT / "tests" / "data" / "clean_news.txt"

ENGLISH = "The talks in Geneva ended without a deal on Friday, and both sides said they would meet again."
SPANISH = (
    "El ministro de Asuntos Exteriores ruso se reunió con su homólogo estadounidense en Ginebra este viernes."
)
FRENCH = "Les négociations reprendront la semaine prochaine à Genève, selon un porte-parole du ministère."
GERMAN = (
    "Er warnte jedoch, dass ein Einmarsch in die Ukraine eine schnelle und entschlossene Antwort"
    " nach sich ziehen werde."
)
ARABIC = "ستستأنف المفاوضات الأسبوع المقبل في جنيف، حسبما قال متحدث باسم الوزارة، وفق ما نقلت وكالة الأنباء."
CHINESE = "俄罗斯外交部长拉夫罗夫周五在日内瓦会见了美国国务卿布林肯，双方讨论了乌克兰局势。"
BORDERLINE_PORTUGUESE = "o governo disse que vai votar a lei no congresso ainda este ano"
"""Unseeded, langdetect calls this Portuguese or Italian, with a probability anywhere from 0.57 to 0.99."""


def _rule(**options: Any) -> Rule:
    rule = CATALOGUE.get(RULE)
    return dataclasses.replace(rule, options=dataclasses.replace(rule.options, **options))


def _findings(text: str, rule: Rule) -> list:
    return run([Source("example.txt", data=text.encode("utf-8"))], [rule]).findings


def test_the_seeds_and_clean_news_give_no_findings() -> None:
    texts = [path.read_text(encoding="utf-8") for path in (*sorted(SEEDS.glob("*.txt")), CLEAN_NEWS)]
    assert findings_for(texts, RULE) == []


def test_each_foreign_paragraph_is_flagged_with_its_language() -> None:
    paragraphs = [ENGLISH, SPANISH, ENGLISH, FRENCH, GERMAN, ARABIC, CHINESE, ENGLISH]
    text = "\n\n".join(paragraphs)
    findings = findings_for(text, RULE)
    assert [text[f.start : f.end] for f in findings] == [SPANISH, FRENCH, GERMAN, ARABIC, CHINESE]
    languages = [f.message.split(" looks ")[1].split(" (p=")[0] for f in findings]
    assert languages == ["Spanish", "French", "German", "Arabic", "Chinese"]
    assert all(f.message.startswith("This paragraph looks ") for f in findings)
    assert (
        findings[0].message == "This paragraph looks Spanish (p=0.99), not English: was it left untranslated?"
    )


def test_one_foreign_sentence_inside_english_prose_is_flagged_alone_with_exact_offsets() -> None:
    text = (
        f"Zürich 😀 — {ENGLISH}\n{FRENCH} Officials in Kyiv welcomed the news, though they remain cautious."
    )
    (finding,) = findings_for(text, RULE)
    assert text[finding.start : finding.end] == FRENCH
    assert (finding.line, finding.column) == (2, 1)
    assert finding.message.startswith("This sentence looks French (p=0.")


def test_names_captions_numbers_links_and_quoted_phrases_are_not_judged() -> None:
    paragraphs = [
        "Sergey Lavrov, Russian Foreign Minister",  # langdetect alone calls it German
        "Volodymyr Zelenskyy met Emmanuel Macron in Kyiv",  # and this Danish
        "Antony Blinken, Sergey Lavrov, Olaf Scholz, Emmanuel Macron, Pedro Sánchez, Recep Tayyip Erdoğan",
        (
            "Sources: https://elpais.com/internacional/2022-01-21/blinken-y-lavrov-se-reunen-en-ginebra-para"
            " and lemonde.fr/international/ukraine-russie-les-negociations-de-geneve-se-terminent-sans-accord"
        ),
        "Contact prensa@ministerio-de-asuntos-exteriores.es or #AsuntosExteriores, #SeguridadEuropea",
        "The crowd chanted “c’est la vie” and “¡no pasarán!” as the minister left the building.",
        "Turnout: 61.2% in 2022, 58.9% in 2018, 63.4% in 2014, 55.0% in 2010 and 52.7% in 2006.",
    ]
    assert flagged("\n\n".join(paragraphs), RULE) == []


def test_a_whole_sentence_quoted_in_another_language_is_reported() -> None:
    """Unlike a phrase, a quoted sentence is content the English reader cannot read: it needs translating."""
    text = (
        "“Nous ne lâcherons rien face à ce gouvernement et à ses réformes injustes,” said the union leader."
    )
    (finding,) = findings_for(text, RULE)
    assert finding.message.startswith("This paragraph looks French")


def test_a_short_foreign_sentence_is_found_as_a_phrase_below_min_words() -> None:
    text = "La reunión fue muy útil, dijo el ministro."  # 6 lowercase words: no sentence verdict
    (finding,) = findings_for(text, RULE)
    assert finding.message.startswith("These words look Spanish")
    (finding,) = _findings(text, _rule(min_words=5))
    assert finding.message.startswith("This paragraph looks Spanish")


@pytest.mark.parametrize(
    ("text", "fragment", "language"),
    [
        ("Officials said the talks что на were useful.", "что на", "Russian"),
        ("The village was flooded 日夜から after the storm.", "日夜から", "Japanese"),
        (
            "The minister said that the trip to ເຢຍລະມັນ, ຝຣັ່ງ, ຍີ່ປຸ່ນ was a success for the country and its people.",
            "ເຢຍລະມັນ, ຝຣັ່ງ, ຍີ່ປຸ່ນ",
            "Lao",
        ),
        ("Exports to ጀርመን፣ ፈረንሳይ እና ጃፓን rose sharply.", "ጀርመን፣ ፈረንሳይ እና ጃፓን", "Amharic"),
        ("The company will zwłaszcza liczyć dziecko expand abroad.", "zwłaszcza liczyć dziecko", "Polish"),
        ("The price rose 32 раза in a year.", "раза", "Russian"),
        # CLD2 calls "peuple tandis que" English and "tandis que rue" Igbo: the run is read whole.
        ("The video was peuple tandis que rue disabled at the request.", "peuple tandis que rue", "French"),
    ],
)
def test_a_foreign_fragment_inside_an_english_sentence_is_flagged_tightly(
    text: str, fragment: str, language: str
) -> None:
    (finding,) = findings_for(text, RULE)
    found = text[finding.start : finding.end]
    assert fragment in found and len(found.split()) <= len(fragment.split()) + 2  # at most a word either side
    assert f"look {language}," in finding.message


@pytest.mark.parametrize(
    "text",
    [
        "Lavrov quoted Tolstoy's War and Peace («Война и мир») to reporters in Geneva.",
        # Six long Russian words: 63 characters of title.
        'Her book, The Interface ("Цельное и приоритетное межплатформенное программное обеспечение"), is out.',
        "The shop is run by Takahashi Ryosuke (高橋亮介), a local chef.",
        "Сергей Лавров (Sergey Lavrov) told reporters the meeting had been useful.",
        "WНO data were cited.",
        "Critics called the coup d'état a fait accompli, and the offer, per se, was bona fide Realpolitik.",
        "Protesters chanted “No pasarán” outside the building.",
        "Its official website is https://премияарсеньева.рф/ and it opens on Monday.",
        "The omicron coronavirus strain spread fast; the coronavirus has mutated before.",
        "Each dose holds 5 μg of the antigen, and the α-synuclein level fell.",
    ],
)
def test_glosses_loanwords_homoglyphs_and_links_stay_quiet(text: str) -> None:
    assert flagged(text, RULE) == []


@pytest.mark.parametrize(
    ("text", "message", "suggestion"),
    [
        (
            "It stopped 500 м away.",
            "Russian, Ukrainian or Kazakh unit 'м' (meters) after a number: English writes 'm'",
            "m",
        ),
        (
            "The road runs 20 كم east.",
            "Arabic unit 'كم' (kilometers) after a number: English writes 'km'",
            "km",
        ),
    ],
)
def test_a_unit_of_another_locale_after_a_number_is_named_from_cldr(
    text: str, message: str, suggestion: str
) -> None:
    (finding,) = findings_for(text, RULE)
    assert (finding.message, finding.suggestion) == (message, suggestion)


def test_min_probability_decides_a_borderline_span() -> None:
    (phrase,) = _findings(BORDERLINE_PORTUGUESE, _rule())  # p=0.86 at the default 0.9: no paragraph verdict
    assert phrase.message.startswith("These words look Portuguese")
    (finding,) = _findings(BORDERLINE_PORTUGUESE, _rule(min_probability=0.8))
    assert "(p=0.85)" in finding.message


def test_a_span_rich_in_function_words_is_taken_as_english_without_asking_langdetect(monkeypatch) -> None:
    asked: list[str] = []
    monkeypatch.setattr(language, "detect", lambda text, target: asked.append(text))
    assert _findings(f"{ENGLISH} {ENGLISH}", _rule()) == []
    assert asked == []
    _findings(f"{ENGLISH} {ENGLISH}", _rule(max_function_word_share=1.0))
    assert asked == []  # CLD2, the first pass, calls it English
    monkeypatch.setattr(language, "first_pass", lambda text: None)
    _findings(f"{ENGLISH} {ENGLISH}", _rule(max_function_word_share=1.0))
    assert asked != []


def test_another_target_language_uses_its_own_function_words(tmp_path: Path) -> None:
    french_words = tmp_path / "french.txt"
    french = ["au", "avec", "ce", "dans", "de", "des", "du", "en", "et", "il", "la", "le", "les", "par", "pour",
              "que", "qui", "sur", "un", "une", "à"]  # fmt: skip
    french_words.write_text("\n".join(french), encoding="utf-8")
    rule = _rule(target="fr", function_words_file=str(french_words))
    text = f"{FRENCH}\n\n{ENGLISH} It was the third round of talks this month."
    findings = _findings(text, rule)
    assert [text[f.start : f.end] for f in findings] == [text.split("\n\n")[1]]
    assert findings[0].message.endswith("not French: was it left untranslated?")


@pytest.mark.parametrize(
    ("options", "complaint"),
    [
        ({"target": "xx"}, "langdetect has no language 'xx'"),
        ({"target": "fr"}, "needs a function_words_file"),
    ],
)
def test_a_target_langdetect_cannot_judge_is_a_usage_error(options: dict, complaint: str) -> None:
    with pytest.raises(UsageError, match=complaint):
        _findings(SPANISH, _rule(**options))


@pytest.mark.parametrize("value", [0, -3])
def test_min_words_must_be_positive(value: int) -> None:
    with pytest.raises(ValueError, match="min_words"):
        _rule(min_words=value)


@pytest.mark.parametrize("text", ["", "   \n\n\t", "2022 — 12:55 GMT"])
def test_empty_and_wordless_input(text: str) -> None:
    assert flagged(text, RULE) == []


def test_seeding_leaves_langdetect_global_state_alone() -> None:
    from langdetect import DetectorFactory

    assert flagged(SPANISH, RULE) == [SPANISH]
    assert DetectorFactory.seed is None


def test_same_input_same_findings_in_two_fresh_processes(tmp_path: Path) -> None:
    """Borderline text, whose probability varies from run to run unseeded, gives identical output."""
    sample = tmp_path / "sample.txt"
    sample.write_text(f"{BORDERLINE_PORTUGUESE}\n\n{SPANISH}\n\n{GERMAN}\n\n{ENGLISH}", encoding="utf-8")
    code = (
        "import dataclasses, json, sys\n"
        "from qa.document import Document\n"
        "from qa.checks.language import Language\n"
        "from tests.helpers import CATALOGUE\n"
        f"options = dataclasses.replace(CATALOGUE.get({RULE!r}).options, min_probability=0.5)\n"
        "text = open(sys.argv[1], encoding='utf-8').read()\n"
        "print(json.dumps([dataclasses.astuple(m) for m in Language().check(Document('x', text), options)]))\n"
    )
    outputs = []
    for hash_seed in ("1", "2"):
        environment = {**os.environ, "PYTHONHASHSEED": hash_seed}
        result = subprocess.run(
            [sys.executable, "-c", code, str(sample)],
            cwd=ROOT,
            env=environment,
            capture_output=True,
            text=True,
            check=True,
        )
        outputs.append(json.loads(result.stdout))
    assert outputs[0] == outputs[1]
    assert len(outputs[0]) == 3


def test_langdetect_profiles_load_only_when_a_span_needs_them() -> None:
    code = (
        "from qa.checks import language\n"
        "from tests.helpers import findings_for\n"
        f"findings_for({ENGLISH!r}, {RULE!r})\n"
        "print(language._detector_factory.cache_info().currsize)\n"
        f"findings_for({SPANISH!r}, {RULE!r})\n"
        "print(language._detector_factory.cache_info().currsize)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert result.stdout.split() == ["0", "1"]


def _forget_langdetect() -> None:
    language._profiles.cache_clear()
    language._detector_factory.cache_clear()


@pytest.mark.parametrize("prepared", [True, False], ids=["prepare", "check"])
def test_without_langdetect_the_rule_is_one_warning(monkeypatch, prepared: bool) -> None:
    if not prepared:  # prepare has already found langdetect: the check must still say it is missing
        monkeypatch.setattr(Language, "prepare", lambda self, options: None)
    monkeypatch.setitem(sys.modules, "langdetect.detector_factory", None)  # makes its import fail
    _forget_langdetect()
    try:
        results = run([Source("example.txt", data=SPANISH.encode("utf-8"))], [_rule()])
    finally:
        _forget_langdetect()
    assert results.findings == []
    assert results.input_errors == []
    assert results.warnings == [
        f"rule {RULE!r} did not run: langdetect is not installed (pip install langdetect)"
    ]


def test_language_names_come_from_cldr() -> None:
    assert [language.language_name(code) for code in ("es", "zh-cn", "zh-tw", "no", "tl")] == [
        "Spanish", "Chinese", "Chinese", "Norwegian", "Tagalog"
    ]  # fmt: skip


def test_the_kind_yields_matches_on_a_document_directly() -> None:
    matches = list(Language().check(Document("x.txt", SPANISH), CATALOGUE.get(RULE).options))
    assert [(m.start, m.end, m.suggestion) for m in matches] == [(0, len(SPANISH), None)]


def test_phrase_stretches_grow_linearly_with_a_run() -> None:
    """Every stretch of a long run would be n² windows, each a detector call: the cap keeps it linear."""
    from qa.checks.language import MAX_PHRASE_WORDS, _sub_runs
    from qa.segment import words

    def stretches(count: int) -> int:
        return sum(1 for _ in _sub_runs(words(" ".join(["palabra"] * count))))

    assert stretches(2000) <= 2000 * MAX_PHRASE_WORDS
    assert stretches(2000) < 2.1 * stretches(1000)


@pytest.mark.parametrize(
    "text",
    [
        "See https://elpais.com/a-b and www.Example.org, mail me@x.org or #tag; site.com/path too.",
        "No links here. Just prose, with a.b and c:d and e/f.",
        "@start #end",
        "two  spaces\u00a0https://x.y\u2003then\tWWW.X.COM\nand a.ſK/ path and ok.İı/ too",
        "",
        "#",
    ],
)
def test_links_are_the_whitespace_tokens_that_hold_a_link_mark(text: str) -> None:
    """Links are found from their marks, not by trying every position: the same tokens as one regex finds."""
    every_position = re.compile(r"(?<!\S)\S*?(?:://|www\.|@|#|\.[a-z]{2,}/)\S*", re.IGNORECASE)
    assert language._links(text) == [Span(m.start(), m.end()) for m in every_position.finditer(text)]


def test_only_the_links_that_reach_into_a_paragraph_are_its_own() -> None:
    links = [Span(0, 5), Span(10, 20), Span(30, 40)]
    assert language._overlapping(links, Span(15, 31)) == [Span(10, 20), Span(30, 40)]
    assert language._overlapping(links, Span(20, 30)) == []
    assert language._overlapping(links, Span(5, 10)) == []


def test_window_starts_are_where_three_words_may_be_foreign_and_two_are_lowercase() -> None:
    """The regex over one byte a word finds the windows a look at every three words would."""
    draw = random.Random(4)
    kinds = bytes(draw.choice((0, 1, 2)) for _ in range(3000))
    naive = [
        index
        for index in range(len(kinds) - language.PHRASE_WORDS + 1)
        if all(kinds[index : index + language.PHRASE_WORDS])
        and kinds[index : index + language.PHRASE_WORDS].count(language.LOWERCASE)
        >= language.PHRASE_WORDS - 1
    ]
    assert [start.start() for start in language.WINDOW_START.finditer(kinds)] == naive
    assert len(naive) > 100
