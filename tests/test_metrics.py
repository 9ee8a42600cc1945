"""qa.metrics: counts and readability indices on fixed texts, deterministic, in JSON and HTML.

That each index is textstat's own, offline, is tests/test_textstat_offline.py's.
"""

from __future__ import annotations

import json
import os
import pickle
import subprocess
import sys

import pytest

from qa.document import Document
from qa.findings import FileResult
from qa.metrics import familiar_words, measure, reading_ease_label, sentence_lengths, syllables
from qa.report.html import file_page, index_page
from tests.conftest import ROOT, SEEDS
from tests.helpers import CATALOGUE

SEED_000 = "000_4ba9a3a3582aff3b.txt"
SEED_002 = "002_fccc3799612edf3c.txt"
SCORES = (
    "avg_sentence_length",
    "longest_sentence",
    "syllables_per_word",
    "flesch_reading_ease",
    "flesch_kincaid_grade",
    "gunning_fog",
    "smog_index",
    "coleman_liau_index",
    "dale_chall_score",
    "reading_time_seconds",
)


def figures(text: str) -> dict[str, float]:
    return measure(Document("t.txt", text))


def test_known_values_on_a_plain_text() -> None:
    # 12 familiar words of one syllable and 34 letters in 2 sentences; 36 characters but spaces.
    assert figures("The cat sat on the mat. The dog ran to the log.") == {
        "words": 12,
        "sentences": 2,
        "avg_sentence_length": 6.0,
        "longest_sentence": 6,
        "syllables_per_word": 1.0,
        "flesch_reading_ease": round(206.835 - 1.015 * 6 - 84.6, 2),
        "flesch_kincaid_grade": round(0.39 * 6 + 11.8 - 15.59, 2),
        "gunning_fog": round(0.4 * 6, 2),
        "smog_index": round(3.1291, 2),
        "coleman_liau_index": round(0.058 * 100 * 34 / 12 - 0.296 * 100 * 2 / 12 - 15.8, 2),
        "dale_chall_score": round(0.0496 * 6, 2),
        "reading_time_seconds": round(14.69 * 36 / 1000, 2),
    }


def test_long_and_unfamiliar_words() -> None:
    # 3 words of 5, 3 and 3 syllables in 1 sentence; "yesterday" is on Dale and Chall's list of
    # familiar words, so of the three long words two are hard (Gunning) and unfamiliar (Dale–Chall).
    result = figures("Negotiations continued yesterday.")
    assert result["gunning_fog"] == round(0.4 * (3 + 100 * 2 / 3), 2)
    assert result["smog_index"] == round(1.043 * (30 * 3 / 1) ** 0.5 + 3.1291, 2)
    assert result["dale_chall_score"] == round(0.1579 * 100 * 2 / 3 + 0.0496 * 3 + 3.6365, 2)


def test_familiar_words_are_matched_lowercase_with_either_apostrophe() -> None:
    assert {"yesterday", "don't"} <= familiar_words() and "continued" not in familiar_words()
    assert figures("Don’t go home. Don't go home.")["dale_chall_score"] == round(0.0496 * 3, 2)


def test_letters_and_characters_leave_out_punctuation_and_spaces() -> None:
    # Coleman–Liau's letters: 3 + 1 + 1 + 6 (U, S: two words) over 4 words; the reading time
    # counts every character but spaces: "The U.S. market." has 14.
    result = figures("The U.S. market.")
    assert result["words"] == 4
    assert result["coleman_liau_index"] == round(0.058 * 100 * 11 / 4 - 0.296 * 100 * 1 / 4 - 15.8, 2)
    assert result["reading_time_seconds"] == round(14.69 * 14 / 1000, 2)


def test_known_values_with_long_words() -> None:
    # negotiations 5 + continued 3 + yesterday 3 = 11 syllables; 3 words; 1 sentence.
    result = figures("Negotiations continued yesterday.")
    assert result["syllables_per_word"] == round(11 / 3, 2)
    assert result["flesch_kincaid_grade"] == round(0.39 * 3 + 11.8 * 11 / 3 - 15.59, 2)


def test_abbreviations_do_not_end_sentences() -> None:
    """textstat's own splitter would count five sentences here; there are two."""
    result = figures("Mr. Smith met U.S. officials at 9 a.m. on Friday. They talked.")
    assert (result["sentences"], result["longest_sentence"]) == (2, 12)


def test_a_headline_line_is_a_sentence_of_its_own() -> None:
    result = figures("Talks end without a deal\nThe two sides met in Geneva on Friday.")
    assert (result["sentences"], result["longest_sentence"]) == (2, 8)


def test_numbered_list_items_count_as_sentences() -> None:
    text = "The demands were:\n1. No new members for NATO\n2. No missiles near the border\n3) Talks"
    doc = Document("t.txt", text)
    assert [doc.slice(span) for span, _count in sentence_lengths(doc)] == [
        "The demands were:",
        "1. No new members for NATO",
        "2. No missiles near the border",
        "3) Talks",
    ]


def test_hard_wrapped_prose_is_one_sentence() -> None:
    doc = Document(
        "t.txt",
        "Prices in the euro zone had risen by\n3.5 percent in a year, and by\n2 percent in the\nlast quarter.",
    )
    assert [count for _span, count in sentence_lengths(doc)] == [22]


@pytest.mark.parametrize(
    ("word", "count"),
    [
        ("every", 3),
        ("area", 3),
        ("idea", 3),
        ("the", 1),
        ("Negotiations", 5),
        ("Geneva’s", 3),
        ("Russia’s", 2),
        ("well-known", 2),
        ("Moscow-planned", 3),
        ("2022", 1),
    ],
)
def test_syllables(word: str, count: int) -> None:
    assert syllables(word) == count


def test_a_text_without_words_has_counts_only() -> None:
    assert figures("— … —") == {"words": 0, "sentences": 0}
    assert figures("") == {"words": 0, "sentences": 0}


@pytest.mark.parametrize(
    ("score", "label"),
    [
        (100, "very easy"),
        (85, "easy"),
        (60, "plain English"),
        (45.5, "difficult"),
        (29.9, "very difficult"),
        (-40, "very difficult"),
    ],
)
def test_reading_ease_labels(score: float, label: str) -> None:
    assert reading_ease_label(score) == label


MEASURE = f"""
import json
from qa.document import Document
from qa.metrics import measure
text = open({str(SEEDS / SEED_002)!r}, encoding="utf-8").read()
print(json.dumps(measure(Document("seed.txt", text))))
"""


def run_measure(hash_seed: str) -> dict:
    environment = {**os.environ, "PYTHONHASHSEED": hash_seed}
    result = subprocess.run(
        [sys.executable, "-c", MEASURE], cwd=ROOT, env=environment, capture_output=True, text=True, check=True
    )
    return json.loads(result.stdout)


def test_measure_is_deterministic_across_processes() -> None:
    assert run_measure("1") == run_measure("2")


@pytest.fixture(scope="module")
def seed_report(mtqa: list[str]) -> dict:
    result = subprocess.run(
        [*mtqa, "check", "seeds", "--format", "json"], cwd=ROOT, capture_output=True, check=False
    )
    return json.loads(result.stdout)


@pytest.mark.parametrize(
    ("seed", "words", "sentences", "grade"), [(SEED_000, 413, 20, 12.1), (SEED_002, 803, 32, 13.5)]
)
def test_json_has_the_metrics_of_both_seeds(
    seed_report: dict, seed: str, words: int, sentences: int, grade: float
) -> None:
    (entry,) = [f for f in seed_report["files"] if f["path"] == f"seeds/{seed}"]
    metrics = entry["metrics"]
    assert (metrics["words"], metrics["sentences"]) == (entry["words"], sentences) == (words, sentences)
    assert metrics["flesch_kincaid_grade"] == pytest.approx(grade, abs=0.1)
    assert set(metrics) == {"words", "sentences", *SCORES}


def seed_result(seed: str) -> tuple[str, FileResult]:
    text = (SEEDS / seed).read_text(encoding="utf-8")
    doc = Document(f"seeds/{seed}", text)
    return text, FileResult(doc.path, doc.word_count, metrics=measure(doc))


def test_file_result_with_metrics_pickles_and_hashes() -> None:
    _text, result = seed_result(SEED_000)
    assert pickle.loads(pickle.dumps(result)) == result
    assert hash(result) == hash(FileResult(result.path, result.words))


def test_report_pages_show_the_figures() -> None:
    text, result = seed_result(SEED_002)
    page = file_page(Document(result.path, text), result, CATALOGUE, {})
    shown = {key for key in SCORES if f'<div class="figure" data-metric="{key}">' in page}
    assert shown == set(SCORES) - {"longest_sentence", "syllables_per_word"}
    assert "<dt>Fog index</dt><dd><strong>16.0</strong>" in page
    index = index_page([result], CATALOGUE, {result.path: "seed.html"}, [], [])
    assert '<td class="num" data-label="Grade">13.5</td>' in index


def test_report_pages_of_a_text_without_words_show_no_figures() -> None:
    result = FileResult("empty.txt", 0, metrics=figures("— —"))
    assert 'id="metrics"' not in file_page(Document("empty.txt", "— —"), result, CATALOGUE, {})
    assert '<td class="num" data-label="Grade">—</td>' in index_page([result], CATALOGUE, {}, [], [])


def test_runs_that_do_not_show_metrics_do_not_compute_them() -> None:
    from qa.engine import Source, run

    sources = [Source("a.txt", data=b"The minister spoke in Geneva on Friday.")]
    rules = CATALOGUE.select(["duplicated-word"])
    assert run(sources, rules, measure=False).files[0].metrics == {}
    assert run(sources, rules).files[0].metrics["words"] == 7
