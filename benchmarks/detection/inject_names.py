"""Name variants as translators really write them: another romanisation of a name the source spells.

The systems are the ones rules/data/name-variant-romanisations.txt is generated from (tools/).

The variants are not made up by rewriting letters. A Russian name of the reference is matched with a
Cyrillic word of the document's own source segments through the romanisation systems of iuliia
(Wikipedia, BGN/PCGN, passports, Library of Congress...), and one of the other systems' spellings
is written instead ("Sergei" for "Sergey", "Tokarev" stays when every system agrees). A Japanese
name is read by pykakasi from the source (Hepburn, Kunrei, passport: "Tutiya" for "Tsuchiya",
"Satou" for "Sato"), and modified Hepburn's macrons give the diacritic variant ("Satō").
"""

from __future__ import annotations

import random
import re
from collections import defaultdict
from collections.abc import Iterable
from functools import cache

from benchmarks.detection.injection import Doc, Variant
from benchmarks.detection.model import Edit
from benchmarks.detection.text import sentence_spans
from tools.name_romanisations import JAPANESE_SYSTEMS, RUSSIAN_SYSTEMS

NAME = re.compile(r"\b[A-Z][a-z]{3,}\b")
CYRILLIC_NAME = re.compile(r"\b[А-ЯЁ][а-яё]{3,}\b")
HYPHENATED_NAME = re.compile(r"\b([A-Z][a-z]+)-([A-Z][a-z]+)\b")
FULL_NAME_AFTER = re.compile(r" [A-Z][a-z]+")
MACRONS = (("ou", "ō"), ("oo", "ō"), ("uu", "ū"))
"""Modified Hepburn writes a long o or u with a macron where the kana spell it with two vowels."""


@cache
def document_names(doc: Doc) -> dict[str, list[int]]:
    """Capitalised words written twice or more, never in lowercase, at least once mid-sentence: names."""
    occurrences: dict[str, list[int]] = defaultdict(list)
    for match in NAME.finditer(doc.text):
        occurrences[match.group()].append(match.start())
    mid_sentence = {m.group(1) for m in re.finditer(r"[a-z,] ([A-Z][a-z]{3,})\b", doc.text)}
    return {
        name: offsets
        for name, offsets in occurrences.items()
        if len(offsets) >= 2 and name in mid_sentence and name.lower() not in doc.lowercase_words
    }


@cache
def romanisations(doc: Doc) -> dict[str, list[str]]:
    """The document's names that its source spells, with the other romanisations of that spelling."""
    spellings = _source_spellings(doc)
    found = {}
    for name in document_names(doc):
        others = sorted({s for s in spellings.get(name.casefold(), ()) if s.casefold() != name.casefold()})
        if others:
            found[name] = others
    return found


def _source_spellings(doc: Doc) -> dict[str, set[str]]:
    """Every romanisation of every source name, macron forms included, keyed by each plain one in lower case."""
    source = "\n".join(segment.source for segment in doc.segments)
    groups = _russian_groups(source) if doc.pair.startswith("ru") else _japanese_groups(source)
    spellings: dict[str, set[str]] = defaultdict(set)
    for group in groups:
        letters = {s for s in group if s.isalpha()}
        for spelling in (s for s in letters if s.isascii()):
            spellings[spelling.casefold()] |= letters
    return spellings


def _russian_groups(source: str) -> Iterable[set[str]]:
    for word in sorted(set(CYRILLIC_NAME.findall(source))):
        yield {system.translate(word) for system in _russian_systems()}


@cache
def _russian_systems() -> tuple:
    import iuliia  # imported here: only the name injections need it

    return tuple(getattr(iuliia, name) for name in RUSSIAN_SYSTEMS)


def _japanese_groups(source: str) -> Iterable[set[str]]:
    for token in _kakasi().convert(source):
        if any(not c.isascii() for c in token["orig"]):
            yield {token[system].capitalize() for system in JAPANESE_SYSTEMS} | {
                _with_macrons(token["hepburn"])
            }


@cache
def _kakasi():
    import pykakasi  # imported here: only the name injections need it

    return pykakasi.kakasi()


def _with_macrons(hepburn: str) -> str:
    for vowels, macron in MACRONS:
        hepburn = hepburn.replace(vowels, macron)
    return hepburn.capitalize()


# ----------------------------------------------------------------------------- injectors


def _respell(offsets: list[int], name: str, changed: str, variant: Variant) -> list[Edit]:
    return [Edit(o, o + len(name), changed, (variant.mark(0, len(changed)),)) for o in offsets]


def _choose(doc: Doc, index: int, rng: random.Random, variant: Variant, keep) -> list[Edit] | None:
    """One later occurrence in paragraph `index` that `keep` accepts, spelled another real way."""
    span = doc.paragraphs[index]
    wants_diacritics = variant.name == "diacritics"
    names = {
        name: eligible
        for name, spellings in romanisations(doc).items()
        if name not in doc.respelled_names
        and (eligible := [s for s in spellings if s.isascii() != wants_diacritics])
    }
    offsets = document_names(doc)
    candidates = [
        (name, offset)
        for name in sorted(names)
        for offset in offsets[name][1:]
        if span.start <= offset < span.end and keep(doc, offset, name)
    ]
    if not candidates:
        return None
    name, offset = rng.choice(candidates)
    _mark_respelled(doc, name)
    return _respell([offset], name, rng.choice(names[name]), variant)


def in_file(doc: Doc, index: int, rng: random.Random, variant: Variant) -> list[Edit] | None:
    """One later occurrence of a source name in another romanisation: 'Sergey Lavrov … Sergei Lavrov'."""
    return _choose(doc, index, rng, variant, lambda d, o, n: True)


def at_sentence_start(doc: Doc, index: int, rng: random.Random, variant: Variant) -> list[Edit] | None:
    """The variant opens a sentence, where a capital is no evidence of a name: 'Tutiya said …'."""
    return _choose(doc, index, rng, variant, _opens_sentence)


def in_longer_name(doc: Doc, index: int, rng: random.Random, variant: Variant) -> list[Edit] | None:
    """The variant stands inside a longer name: 'Dmitriy Peskov', 'the Navalnyi Foundation'."""
    return _choose(doc, index, rng, variant, _in_longer_name)


def across_files(doc: Doc, index: int, rng: random.Random, variant: Variant) -> list[Edit] | None:
    """Every occurrence of a source name in another romanisation in this copy; the other copies keep it."""
    names = romanisations(doc)
    offsets = document_names(doc)
    span = doc.paragraphs[index]
    candidates = [
        n
        for n in sorted(names)
        if n not in doc.respelled_names and any(span.start <= o < span.end for o in offsets[n])
    ]
    if not candidates:
        return None
    name = rng.choice(candidates)
    changed = rng.choice([s for s in names[name] if s.isascii()] or [""])
    if not changed:
        return None
    _mark_respelled(doc, name)
    return _respell(offsets[name], name, changed, variant)


def hyphen_split(doc: Doc, index: int, rng: random.Random, variant: Variant) -> list[Edit] | None:
    """A hyphenated name written with a space once where the document hyphenates it: 'Shin Ryogae'."""
    span = doc.paragraphs[index]
    later = [
        match
        for match in HYPHENATED_NAME.finditer(doc.text, span.start, span.end)
        if doc.text.count(match.group()) >= 2 and doc.text.find(match.group()) < match.start()
    ]
    if not later:
        return None
    match = rng.choice(later)
    changed = f"{match.group(1)} {match.group(2)}"
    return [Edit(match.start(), match.end(), changed, (variant.mark(0, len(changed)),))]


def _mark_respelled(doc: Doc, name: str) -> None:
    """The name and the names beside it: "Sergei Puryasev" in one copy and "Sergey Puriasev" in
    another would leave the third copy's "Sergey Puryasev" no more common than either."""
    before = re.findall(rf"\b([A-Z][a-z]+) (?={name}\b)", doc.text)
    after = re.findall(rf"(?<=\b{name}) ([A-Z][a-z]+)\b", doc.text)
    doc.respelled_names.update({name, *before, *after})


def _opens_sentence(doc: Doc, offset: int, name: str) -> bool:
    span = doc.paragraphs[doc.paragraph_of(offset)]
    return any(span.start + s.start == offset for s in sentence_spans(doc.text[span.start : span.end]))


def _in_longer_name(doc: Doc, offset: int, name: str) -> bool:
    before = doc.text[max(0, offset - 30) : offset]
    return bool(re.search(r"[A-Z][a-z]+ $", before) or FULL_NAME_AFTER.match(doc.text, offset + len(name)))


VARIANTS: list[Variant] = [
    Variant("name-variant", "sentence-start", ("name-variant",), at_sentence_start),
    Variant("name-variant", "longer-name", ("name-variant",), in_longer_name),
    Variant("name-variant", "diacritics", ("name-variant",), in_file),
    Variant("name-variant", "hyphen-space", ("name-variant",), hyphen_split),
]
LOOKALIKES: list[Variant] = []
