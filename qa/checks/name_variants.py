"""One name spelled two ways across the copy ("Antony Blinken" / "Anthony Blinken", "Kiev" / "Kyiv").

A corpus kind. Per file, `facts` keeps only name candidates: every capitalised
word that is not a function word or a title, with how often it stands and how
often in running text (not first in a sentence or quotation, not in a title-case
headline), the two-word names it forms ("Antony Blinken", "Mohammed bin Salman"),
and the pairs of single words of the file that look like one name. Only the
occurrences a finding may point at are located.

Over the whole run, `reduce`:

1. Takes a spelling for a name if it stands capitalised in running text somewhere
   in the run, or opens a sentence followed by such a name ("Sergei Lavrov said");
   only then do its other sentence-initial occurrences count.
2. Finds candidate pairs by blocking, never by comparing all names. A word's key
   is its consonant skeleton (case and accents folded; ph=f, c=q=k, w=v, x=ks,
   silent h dropped, doubled letters collapsed, vowels after the first letter
   dropped): "Antony" and "Anthony" both give `antn`. A two-word name has two
   keys, one word exact and the other as a skeleton or a romanisation key ("Blinken" + `antn`),
   and one of its two words alone, so "Mercedes-Benz" meets "Mercedes Benz". The
   spellings of a `known_variants` entry share a key. Blocks stay small, so the
   work grows with the number of distinct names, not with its square.
3. Judges a pair a spelling variant when the words differ beyond case, are similar
   (rapidfuzz ratio) and do not look derived: the difference lies inside the word
   (Antony/Anthony), swaps a final vowel (Sergey/Sergei) or doubles the last letter
   (Zelensky/Zelenskyy); accents alone never part two names (Satō/Sato, at any length).
   Russia/Russian, Iraq/Iraqi, Minister/Ministry and the
   feminine forms Paul/Paula, Navalny/Navalnaya fail; Iran/Iraq, Austria/Australia
   and Johnson/Johnston have different skeletons and never meet.
4. Reports a variant only with shared context, since different people have close
   names: two-word names that share the other word (a romanisation pair counts down to
   `min_length_romanised` letters: "Ilia"/"Ilya Vakhoshkin"), or differ only by a hyphen for
   a space ("Mercedes-Benz"/"Mercedes Benz", flagged whole), or a `known_variants` entry,
   anywhere in the run; single words only within one file, nearly identical, and
   neither used there as the first word of a name (Michael Gove, Michel Barnier); and single
   words that differ only where romanisation systems differ (`romanisations_file`, generated
   from iuliia and pykakasi: "Iartseva"/"Yartseva", "Tutiya"/"Tsuchiya"), in one file or in
   files that share two other names (short words: most of their names, as copies of one text
   do), unless both are given names of full names; surnames that also stand alone and share a
   given name are not ("Tutiya said", "Tsuchiya Yui").
5. Flags every occurrence of the spelling used less often in the run, naming the
   other spelling, its count and its files, and suggests it. Two full names used equally
   often are weighed by their differing word in their files. On a tie both are
   flagged without a suggestion: the rule cannot tell which one is right, and
   flagging one side only would hide half of the problem.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from collections import defaultdict
from collections.abc import Callable, Hashable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from functools import cache, lru_cache
from typing import ClassVar

from qa.checks.base import option, word_list
from qa.document import Document
from qa.findings import Match
from qa.segment import Span, Word


@dataclass(frozen=True, kw_only=True)
class NameVariantsOptions:
    min_length: int = option(5, "Words shorter than this are never compared (Carl/Carol, Li/Lee, Jon/John).")
    min_length_romanised: int = option(
        4,
        "Shorter words that differ only where romanisation systems differ, in one file or beside a shared"
        ' surname ("Ilia"/"Ilya Vakhoshkin", "Aiti"/"Aichi"): the table is evidence enough.',
    )
    min_similarity: float = option(
        0.83, "Similarity (0-1) of two words that differ in two-word names sharing the other word."
    )
    min_similarity_alone: float = option(
        0.85, "Similarity (0-1) of two single words in one file with no shared name around them."
    )
    known_variants: tuple[str, ...] = option(
        (), 'Spellings of one place or person, "Kiev | Kyiv": reported anywhere, whatever their similarity.'
    )
    distinct: tuple[str, ...] = option(
        (), 'Close names of different things, "Colombia | Columbia": never reported.'
    )
    preferred: tuple[str, ...] = option(
        (), 'House spellings ("Kyiv", "Antony Blinken"): never flagged, and suggested over their variants.'
    )
    ignore_words_file: str | None = option(
        None, "Capitalised words that are not names: function words and titles (The, However, President)."
    )
    romanisations_file: str | None = option(
        None,
        'Pairs of spellings romanisation systems give one sound, "ey ei", "iy$ y$", "shi si": names that differ'
        " only there are one name, in one file or across files that share other names.",
    )

    def __post_init__(self) -> None:
        for value in (self.min_similarity, self.min_similarity_alone):
            if not 0 < value <= 1:
                raise ValueError(f"similarities must be between 0 and 1, not {value!r}")
        for entry in (*self.known_variants, *self.distinct):
            if len(_spellings_of(entry)) < 2:
                raise ValueError(f"{entry!r} must list two or more spellings separated by '|'")


def _spellings_of(entry: str) -> list[str]:
    return [name.strip() for name in entry.split("|") if name.strip()]


# ----------------------------------------------------------------------------- comparing spellings

VOWELS = frozenset("aeiouy")
SKELETON_REWRITES = (("tch", "ch"), ("ph", "f"), ("ck", "k"), ("x", "ks"), ("q", "k"), ("c", "k"), ("w", "v"))


@lru_cache(maxsize=1 << 16)
def fold(word: str) -> str:
    """Lower-case letters without accents or apostrophes: "Erdoğan" -> "erdogan"."""
    decomposed = unicodedata.normalize("NFKD", word.casefold())
    return "".join(c for c in decomposed if c.isalpha() and not unicodedata.combining(c))


@lru_cache(maxsize=1 << 16)
def skeleton(word: str) -> str:
    """The blocking key: the first letter and the consonants, spelled one way ("Anthony" -> "antn")."""
    folded = fold(word)
    for old, new in SKELETON_REWRITES:
        folded = folded.replace(old, new)
    sounded = [c for i, c in enumerate(folded) if not (c == "h" and i > 0 and _is_silent_h(folded, i))]
    single = [c for i, c in enumerate(sounded) if i == 0 or c != sounded[i - 1]]
    return "".join(single[:1] + [c for c in single[1:] if c not in VOWELS])


def _is_silent_h(word: str, index: int) -> bool:
    """An h after a consonant (th, dh, kh) or before one (John, Ahmed)."""
    before_vowel = index + 1 < len(word) and word[index + 1] in VOWELS
    return word[index - 1] not in VOWELS or not before_vowel


def differs_like_a_spelling(a: str, b: str) -> bool:
    """Whether two folded words differ the way spellings do, not the way derived words do."""
    prefix = _common_prefix_length(a, b)
    room = min(len(a), len(b)) - prefix
    if min(room, _common_prefix_length(a[::-1], b[::-1])):
        return True  # a difference inside the word: Antony/Anthony, Kiev/Kyiv
    tail_a, tail_b = a[prefix:], b[prefix:]
    if tail_a and tail_b:
        return set(tail_a + tail_b) <= VOWELS  # Sergey/Sergei, but not Minister/Ministry
    added = tail_a or tail_b
    return prefix > 0 and set(added) == {a[prefix - 1]}  # Zelensky/Zelenskyy, but not Iraq/Iraqi


def _common_prefix_length(a: str, b: str) -> int:
    return next((i for i, (x, y) in enumerate(zip(a, b)) if x != y), min(len(a), len(b)))


class Judge:
    """Decides whether two spellings are one name, with a rule's thresholds and lists."""

    def __init__(self, options: NameVariantsOptions) -> None:
        from rapidfuzz.fuzz import ratio

        self.options = options
        self.ratio: Callable[[str, str], float] = ratio
        self.known_groups: dict[str, list[int]] = defaultdict(list)
        for number, entry in enumerate(options.known_variants):
            for spelling in {fold(name) for name in _spellings_of(entry)}:
                self.known_groups[spelling].append(number)
        self.distinct = [frozenset(fold(name) for name in _spellings_of(e)) for e in options.distinct]
        self.romanisations = _romanisations(options.romanisations_file)

    def romanised(self, a: str, b: str) -> bool:
        """Two spellings that romanisation systems give one name ("Iurii"/"Yuriy", "Tsuchiya"/"Tutiya")."""
        if min(len(a), len(b)) < self.options.min_length_romanised:
            return False
        folded_a, folded_b = fold(a), fold(b)
        if self._is_distinct(folded_a, folded_b):
            return False
        if folded_a == folded_b:
            return a.casefold() != b.casefold()  # Chōjin/Chojin: a macron is modified Hepburn's
        return self.romanisations.steps(folded_a, folded_b) <= MAX_ROMANISATION_STEPS

    def _is_distinct(self, folded_a: str, folded_b: str) -> bool:
        return any({folded_a, folded_b} <= group for group in self.distinct)

    def is_known(self, a: str, b: str) -> bool:
        folded_a, folded_b = fold(a), fold(b)
        return folded_a != folded_b and bool(
            set(self.known_groups.get(folded_a, ())) & set(self.known_groups.get(folded_b, ()))
        )

    def in_context(self, a: str, b: str) -> bool:
        """Two words that differ in two-word names sharing the other word ("Antony/Anthony Blinken")."""
        return self.is_known(a, b) or self._is_variant(a, b, self.options.min_similarity) or self.romanised(a, b)

    def alone(self, a: str, b: str) -> bool:
        """Two single words of one file, with no shared name around them: nearly the same."""
        return self._is_variant(a, b, self.options.min_similarity_alone)

    def _is_variant(self, a: str, b: str, min_similarity: float) -> bool:
        if a.casefold() == b.casefold():
            return False  # McDonald/Mcdonald is a style choice, not a spelling
        folded_a, folded_b = fold(a), fold(b)
        if self._is_distinct(folded_a, folded_b):
            return False
        if folded_a == folded_b:
            return True  # Erdoğan/Erdogan, Satō/Sato: accents alone never tell two names apart
        if min(len(a), len(b)) < self.options.min_length:
            return False
        if _is_mac_and_mc(folded_a, folded_b) or folded_a.endswith("a") != folded_b.endswith("a"):
            return False  # MacDonald/McDonald: two families; Paul/Paula, Navalny/Navalnaya: two people
        similar = self.ratio(folded_a, folded_b) >= 100 * min_similarity
        return similar and differs_like_a_spelling(folded_a, folded_b)


def _is_mac_and_mc(a: str, b: str) -> bool:
    return any(x.startswith("mac") and y.startswith("mc") for x, y in ((a, b), (b, a)))


@cache
def _judge(options: NameVariantsOptions) -> Judge:
    return Judge(options)


MAX_ROMANISATION_STEPS = 2
"""More differences than two make a different name more likely than another system's spelling."""


class Romanisations:
    """Pairs of spellings of one sound, and the fewest of them that turn one word into another."""

    def __init__(self, pairs: Iterable[tuple[str, str]]) -> None:
        self.by_first_letter: dict[str, list[tuple[str, str, bool, bool]]] = defaultdict(list)
        classes: dict[str, str] = {}
        for a, b in pairs:
            for x, y in ((a, b), (b, a)):
                text = x.strip("^$")
                self.by_first_letter[text[:1]].append(
                    (text, y.strip("^$"), x.startswith("^"), x.endswith("$"))
                )
            _join(classes, a.strip("^$"), b.strip("^$"))
        self.classes = {text: _root(classes, text) for text in classes}
        self.longest = max((len(text) for text in self.classes), default=0)

    def steps(self, a: str, b: str) -> int:
        """How many pairs turn `a` into `b` where the other letters agree; a large number when none do."""
        never = MAX_ROMANISATION_STEPS + 1
        best: dict[tuple[int, int], int] = {(0, 0): 0}
        for i, j in sorted(itertools.product(range(len(a) + 1), range(len(b) + 1)), key=sum):
            cost = best.get((i, j))
            if cost is None or cost >= never:
                continue
            if i < len(a) and j < len(b) and a[i] == b[j]:
                _improve(best, (i + 1, j + 1), cost)
            for x, y, at_start, at_end in self.by_first_letter.get(a[i : i + 1], ()):
                fits = a.startswith(x, i) and b.startswith(y, j) and (not at_start or i == j == 0)
                if fits and (not at_end or (i + len(x) == len(a) and j + len(y) == len(b))):
                    _improve(best, (i + len(x), j + len(y)), cost + 1)
        return best.get((len(a), len(b)), never)

    def key(self, word: str) -> str:
        """A blocking key: each longest known spelling replaced by its class, so variants mostly meet."""
        folded, parts, i = fold(word), [], 0
        while i < len(folded):
            size = next((n for n in range(self.longest, 0, -1) if folded[i : i + n] in self.classes), 0)
            parts.append(self.classes[folded[i : i + size]] if size else folded[i])
            i += size or 1
        return "|".join(parts)

    def letter_key(self, word: str) -> str:
        """A second blocking key, letter by letter, for variants the longest spellings cut apart."""
        return "|".join(self.classes.get(letter, letter) for letter in fold(word))


def _improve(best: dict[tuple[int, int], int], at: tuple[int, int], cost: int) -> None:
    if cost < best.get(at, cost + 1):
        best[at] = cost


def _join(classes: dict[str, str], a: str, b: str) -> None:
    classes.setdefault(a, a)
    classes.setdefault(b, b)
    classes[_root(classes, a)] = _root(classes, b)


def _root(classes: dict[str, str], text: str) -> str:
    while classes[text] != text:
        text = classes[text]
    return text


@cache
def _romanisations(path: str | None) -> Romanisations:
    """The pairs of the data file, or none when no file is set."""
    return Romanisations(tuple(line.split()) for line in word_list(path)) if path else Romanisations(())


# ----------------------------------------------------------------------------- blocking

Unit = tuple[str, ...]
"""A name as the reduce compares it: one word ("Blinken",), or (first, joiner, second)."""


def candidate_pairs(
    units: Iterable[Unit], keys: Callable[[Unit], Iterable[Hashable]]
) -> Iterator[tuple[Unit, Unit]]:
    """Each pair of units that share a block key, once, in a stable order."""
    blocks: dict[Hashable, set[Unit]] = defaultdict(set)
    for unit in units:
        for key in keys(unit):
            blocks[key].add(unit)
    seen: set[tuple[Unit, Unit]] = set()
    for key in sorted(blocks, key=repr):
        for pair in itertools.combinations(sorted(blocks[key]), 2):
            if pair not in seen:
                seen.add(pair)
                yield pair


def skeleton_key(unit: Unit) -> list[Hashable]:
    return [skeleton(unit[0])]


def phrase_keys(judge: Judge) -> Callable[[Unit], list[Hashable]]:
    """One word exact, the other as a skeleton or a romanisation key: names that differ in one word meet.

    The words alone make a key too, so "Mercedes-Benz" meets "Mercedes Benz".
    """
    romanised = judge.romanisations.key

    def keys(unit: Unit) -> list[Hashable]:
        first, joiner, second = unit
        return [
            ("first differs", skeleton(first), joiner, second),
            ("second differs", first, joiner, skeleton(second)),
            ("first romanised", romanised(first), joiner, second),
            ("second romanised", first, joiner, romanised(second)),
            ("joiner differs", first, second),
        ]

    return keys


HYPHEN_OR_SPACE = frozenset({"-", " "})
"""Joiners of one name's words that are one spelling apart: "Al-Sisi" / "Al Sisi"."""


def _known_keys(judge: Judge) -> Callable[[Unit], list[Hashable]]:
    return lambda unit: [("known", number) for number in judge.known_groups.get(fold(unit[0]), ())]


# ----------------------------------------------------------------------------- facts

Occurrence = tuple[int, ...]
"""Start offsets of a unit's words at one place in a file."""


@dataclass(frozen=True, slots=True)
class Spelling:
    """One capitalised word as written in one file."""

    count: int
    in_running_text: int
    """Occurrences capitalised where a common word would not be: the evidence that it is a name."""
    spots: tuple[Span, ...] = ()
    """The occurrences a finding may point at, as offsets only: a run keeps every file's facts until
    it reduces them, so a located excerpt each cost ~15 kB a file; the engine locates the few findings."""


@dataclass(frozen=True, slots=True)
class NameFacts:
    spellings: Mapping[str, Spelling] = field(default_factory=dict)
    phrases: Mapping[Unit, tuple[Occurrence, ...]] = field(default_factory=dict)
    """Two-word names (first, joiner, second) and where their two words start."""
    look_alikes: tuple[tuple[str, str], ...] = ()
    """Single words of this file that look like one name, neither the first word of a name here."""


PARTICLES = frozenset(
    [
        "abu",
        "al",
        "ben",
        "bin",
        "bint",
        "da",
        "de",
        "del",
        "della",
        "der",
        "di",
        "do",
        "dos",
        "du",
        "el",
        "ibn",
        "la",
        "le",
        "ten",
        "ter",
        "van",
        "von",
    ]
)
"""Lower-case words inside names: "Mohammed bin Salman", "Ursula von der Leyen"."""
OPENING = re.compile(r"[\n\r:;“\"‘(\[—–]")
NAME_GAP = re.compile(r"-|[ \t\u00a0]+")
WHITE_SPACE = re.compile(r"\s+")
POSSESSIVE = ("'s", "’s")
HEADLINE_END = frozenset('.!?…"”’»')


@dataclass(frozen=True, slots=True)
class _Part:
    """A capitalised word or a particle, or such a part of a hyphenated word: what names are made of."""

    text: str
    start: int
    end: int
    is_name: bool
    evidence: bool
    """Capitalised in running text, where only a name would be."""


def _collect_facts(doc: Document, options: NameVariantsOptions) -> NameFacts:
    judge = _judge(options)
    spans: dict[str, list[tuple[int, int]]] = defaultdict(list)
    evidence: dict[str, int] = defaultdict(int)
    phrases: dict[Unit, list[Occurrence]] = defaultdict(list)
    for parts in _sentence_parts(doc, _ignored_words(options.ignore_words_file)):
        for part in parts:
            if part.is_name:
                spans[part.text].append((part.start, part.end))
                evidence[part.text] += part.evidence
        for first, joiner, second in _two_word_names(doc.text, parts):
            phrases[(first.text, joiner, second.text)].append((first.start, second.start))
            evidence[first.text] += second.evidence and not first.evidence  # "Sergei Lavrov said"
    look_alikes = _look_alikes(list(spans), phrases, judge)
    known = {word for word in spans if fold(word) in judge.known_groups}
    romanisable = (
        {word for word in spans if len(word) >= options.min_length_romanised} if judge.romanisations.classes else set()
    )
    located_words = known.union(romanisable, *look_alikes)
    located_starts = {start for found in phrases.values() for occurrence in found for start in occurrence}

    def spelling(word: str) -> Spelling:
        wanted = [(s, e) for s, e in spans[word] if word in located_words or s in located_starts]
        spots = tuple(Span(s, e) for s, e in wanted)
        return Spelling(len(spans[word]), evidence[word], spots)

    return NameFacts(
        {word: spelling(word) for word in spans},
        {unit: tuple(found) for unit, found in phrases.items()},
        look_alikes,
    )


def _look_alikes(
    words: list[str], phrases: Mapping[Unit, object], judge: Judge
) -> tuple[tuple[str, str], ...]:
    """Single words of one file that look like one name.

    None may be a first name here ("Michael Gove", "Michel Barnier"), and not both may stand in
    full names, which would tell two people apart ("Anthony Davis", "Alphonso Davies").
    """
    first_words = {phrase[0] for phrase in phrases}
    in_full_names = first_words | {phrase[2] for phrase in phrases}
    return tuple(
        (a, b)
        for (a,), (b,) in candidate_pairs([(w,) for w in words if w not in first_words], skeleton_key)
        if not {a, b} <= in_full_names and judge.alone(a, b)
    )


def _sentence_parts(doc: Document, ignored: frozenset[str]) -> Iterator[list[_Part]]:
    """The name parts and particles of each sentence; the other words show in the gaps between them."""
    text = doc.text
    for sentence, words in _words_by_sentence(doc):
        running = not _is_title_case(text, sentence, words, ignored)
        parts: list[_Part] = []
        previous_end = sentence.start
        for number, word in enumerate(words):
            if word.text[0].isupper() or "-" in word.text or word.text in PARTICLES:
                opens = number == 0 or OPENING.search(text, previous_end, word.start) is not None
                parts.extend(_split_word(word, ignored, running, opens))
            previous_end = word.end
        yield parts


def _words_by_sentence(doc: Document) -> Iterator[tuple[Span, list[Word]]]:
    words = doc.words
    index = 0
    for sentence in doc.sentences:
        while index < len(words) and words[index].start < sentence.start:
            index += 1
        inside = []
        while index < len(words) and words[index].end <= sentence.end:
            inside.append(words[index])
            index += 1
        if inside:
            yield sentence, inside


def _split_word(word: Word, ignored: frozenset[str], running: bool, opens: bool) -> list[_Part]:
    """Hyphenated words in parts ("Moscow-planned" gives "Moscow"), a possessive 's cut off.

    A capital after a hyphen ("anti-Russian") shows a name even where the word opens a sentence.
    """
    parts = []
    for offset, text, is_name, after_hyphen in _name_pieces(word.text, ignored):
        start = word.start + offset
        evidence = is_name and running and (after_hyphen or not opens)
        parts.append(_Part(text, start, start + len(text), is_name, evidence))
    return parts


@lru_cache(maxsize=1 << 16)
def _name_pieces(word: str, ignored: frozenset[str]) -> tuple[tuple[int, str, bool, bool], ...]:
    """(offset, text, is a name, follows a hyphen) of each name or particle in a word: once per spelling."""
    pieces = []
    offset = 0
    for number, piece in enumerate(word.split("-")):
        text = piece[:-2] if piece.endswith(POSSESSIVE) else piece
        is_name = _may_be_name(text, ignored)
        if is_name or text in PARTICLES:
            pieces.append((offset, text, is_name, number > 0))
        offset += len(piece) + 1
    return tuple(pieces)


def _may_be_name(text: str, ignored: frozenset[str]) -> bool:
    """Capitalised letters with some lower case (so not US or NATO), not a function word or a title."""
    return (
        len(text) >= 2
        and text[0].isupper()
        and not text.isupper()
        and text.replace("'", "").replace("’", "").isalpha()
        and text.casefold() not in ignored
    )


def _is_title_case(text: str, sentence: Span, words: list[Word], ignored: frozenset[str]) -> bool:
    """A headline "Blinken Says Russia Must Choose", a caption "Sergey Lavrov, Russian Foreign Minister"."""
    capitalised = 0
    for word in words:
        if word.text.casefold() in ignored:
            continue
        if word.text[0].islower():
            return False
        capitalised += word.text.isalpha()
    return capitalised >= 3 or (capitalised == 2 and text[sentence.end - 1] not in HEADLINE_END)


def _two_word_names(text: str, parts: list[_Part]) -> Iterator[tuple[_Part, str, _Part]]:
    """Adjacent names on one line, maybe joined by particles: "Antony Blinken", "Mohammed bin Salman"."""
    for number, first in enumerate(parts):
        if not first.is_name:
            continue
        following = number + 1
        while following < len(parts) and not parts[following].is_name and following - number <= 2:
            following += 1
        if following == len(parts) or not parts[following].is_name:
            continue
        chain = parts[number : following + 1]
        if all(NAME_GAP.fullmatch(text, a.end, b.start) for a, b in itertools.pairwise(chain)):
            second = parts[following]
            yield first, WHITE_SPACE.sub(" ", text[first.end : second.start]), second


@cache
def _ignored_words(path: str | None) -> frozenset[str]:
    """The ignore list, or nothing when no file is set."""
    return frozenset(entry.casefold() for entry in word_list(path)) if path else frozenset()


# ----------------------------------------------------------------------------- reduce


@dataclass(frozen=True, slots=True)
class _Rivalry:
    """`minor` is spelled `major` elsewhere; flagged in `files` (None: wherever `minor` stands)."""

    minor: Unit
    major: Unit
    files: frozenset[str] | None = None


class _Corpus:
    """The name facts of every file, indexed by unit."""

    def __init__(self, facts_by_path: Mapping[str, NameFacts], preferred: Iterable[str] = ()) -> None:
        self.facts = facts_by_path
        self.preferred = frozenset(fold(name) for name in preferred)
        self.files: dict[Unit, list[str]] = defaultdict(list)
        self.counts: dict[Unit, int] = defaultdict(int)
        evidence: dict[str, int] = defaultdict(int)
        for path in sorted(facts_by_path):
            for word, spelling in facts_by_path[path].spellings.items():
                self._add((word,), path, spelling.count)
                evidence[word] += spelling.in_running_text
        self.names = {word for word, count in evidence.items() if count}
        self._names_by_path: dict[str, frozenset[str]] = {}
        self._shared: dict[Unit, tuple[str, ...]] = {}
        self._members: dict[Unit, frozenset[str]] = {}
        self._weights: dict[tuple[Unit, Unit], tuple[int, int]] = {}
        self._spots: dict[tuple[str, str], dict[int, Span]] = {}
        self.in_full_names: dict[str, int] = defaultdict(int)
        for path in sorted(facts_by_path):
            for phrase, occurrences in facts_by_path[path].phrases.items():
                if phrase[0] in self.names and phrase[2] in self.names:
                    self._add(phrase, path, len(occurrences))
                    self.in_full_names[phrase[0]] += len(occurrences)
                    self.in_full_names[phrase[2]] += len(occurrences)

    def _add(self, unit: Unit, path: str, count: int) -> None:
        self.files[unit].append(path)
        self.counts[unit] += count

    def shared_files(self, unit: Unit) -> tuple[str, ...]:
        """The files where a unit stands, one tuple for every finding that names them."""
        if unit not in self._shared:
            self._shared[unit] = tuple(self.files[unit])
        return self._shared[unit]

    def stands_in(self, unit: Unit) -> frozenset[str]:
        if unit not in self._members:
            self._members[unit] = frozenset(self.files[unit])
        return self._members[unit]

    def names_in(self, path: str) -> frozenset[str]:
        """The names of one file that stand in running text somewhere in the run."""
        if path not in self._names_by_path:
            self._names_by_path[path] = frozenset(self.facts[path].spellings) & self.names
        return self._names_by_path[path]

    def phrases(self) -> list[Unit]:
        return [unit for unit in self.files if len(unit) == 3]

    def occurrences(self, unit: Unit, path: str) -> tuple[Occurrence, ...]:
        facts = self.facts[path]
        if len(unit) == 3:
            return facts.phrases[unit]
        return tuple((spot.start,) for spot in facts.spellings[unit[0]].spots)

    def spot(self, path: str, word: str, start: int) -> Span:
        key = (path, word)
        if key not in self._spots:
            self._spots[key] = {s.start: s for s in self.facts[path].spellings[word].spots}
        return self._spots[key][start]

    def rivalries(self, a: Unit, b: Unit, files: frozenset[str] | None = None) -> list[_Rivalry]:
        """The less used spelling is the minor one; on a tie each is minor to the other.

        A house spelling is never minor to a spelling that is not one, whatever the counts.
        """
        house_a, house_b = self.is_house_spelling(a), self.is_house_spelling(b)
        if house_a != house_b:
            return [_Rivalry(b, a, files) if house_a else _Rivalry(a, b, files)]
        found = []
        if self.weight(a, b) <= self.weight(b, a):
            found.append(_Rivalry(a, b, files))
        if self.weight(b, a) <= self.weight(a, b):
            found.append(_Rivalry(b, a, files))
        return found

    def weight(self, unit: Unit, rival: Unit) -> tuple[int, int]:
        """How often `unit` stands, then how often its word that differs from `rival` stands in their files.

        Two full names used once each are told apart by their differing words: "Irina Iartseva" once
        beside "Irina Yartseva" once, and "Yartseva" alone twice more in those files. Kept: it is
        asked again for every file a minor spelling stands in, and costs a pass over their files.
        """
        if (unit, rival) not in self._weights:
            self._weights[unit, rival] = self._weight(unit, rival)
        return self._weights[unit, rival]

    def _weight(self, unit: Unit, rival: Unit) -> tuple[int, int]:
        differing = [word for word, other in zip(unit[::2], rival[::2]) if word != other]
        if not differing:
            return self.counts[unit], 0
        paths = set(self.files[unit]).union(self.files[rival])
        spellings = [self.facts[path].spellings.get(differing[0]) for path in paths]
        return self.counts[unit], sum(spelling.count for spelling in spellings if spelling)

    def alone(self, word: str) -> int:
        """How often a word stands outside the run's full names, as surnames do and given names rarely."""
        return self.counts.get((word,), 0) - self.in_full_names.get(word, 0)

    def is_house_spelling(self, unit: Unit) -> bool:
        return fold("".join(unit)) in self.preferred


def _phrase_rivalries(corpus: _Corpus, judge: Judge) -> Iterator[_Rivalry]:
    for a, b in candidate_pairs(corpus.phrases(), phrase_keys(judge)):
        if _is_one_name(judge, a, b):
            yield from corpus.rivalries(a, b)


def _is_one_name(judge: Judge, a: Unit, b: Unit) -> bool:
    """Two-word names that differ in one word the judge takes for one, or only by a hyphen for a space."""
    differing = [(x, y) for x, y in zip(a, b) if x != y]
    if len(differing) != 1:
        return False
    if a[1] != b[1]:
        return {a[1], b[1]} == HYPHEN_OR_SPACE
    return judge.in_context(*differing[0])


def _known_rivalries(corpus: _Corpus, judge: Judge) -> Iterator[_Rivalry]:
    for a, b in candidate_pairs([(w,) for w in sorted(corpus.names)], _known_keys(judge)):
        if judge.is_known(a[0], b[0]):
            yield from corpus.rivalries(a, b)


def _romanised_rivalries(corpus: _Corpus, judge: Judge) -> Iterator[_Rivalry]:
    """Single words that romanisation systems spell apart, in files that share other names.

    Two first words of full names are left to the full names (Yuri Dud, Yuriy Ushakov: two people,
    each may spell his name his own way), unless both also stand alone, as surnames do, and share a
    second word: "Tutiya said" beside "Tsuchiya Yui" and "Tutiya Yui". One of the two spellings must
    stand in running text somewhere, the other may open a sentence. Words shorter than `min_length`
    count in one file, or across files that share most of their names ("Aiti"/"Aichi").
    """
    words = [(w,) for w in sorted({unit[0] for unit in corpus.files if len(unit) == 1})]
    romanisations = judge.romanisations
    two_people = _two_people(corpus)
    for (a,), (b,) in candidate_pairs(words, lambda unit: _romanised_keys(romanisations, unit[0])):
        evident = a in corpus.names or b in corpus.names
        if not evident or two_people(a, b) or not judge.romanised(a, b):
            continue
        short = min(len(a), len(b)) < judge.options.min_length
        if _share_names(corpus, (a, b), MOST_NAMES if short else None):
            yield from corpus.rivalries((a,), (b,))


def _two_people(corpus: _Corpus) -> Callable[[str, str], bool]:
    """Whether two words are first words of full names, and not one surname that also stands alone.

    A surname stands alone and shares a second word with its variant ("Tutiya Yui", "Tsuchiya Yui").
    """
    followers: dict[str, set[str]] = defaultdict(set)
    for phrase in corpus.phrases():
        followers[phrase[0]].add(phrase[2])

    def one_surname(a: str, b: str) -> bool:
        return corpus.alone(a) > 0 and corpus.alone(b) > 0 and not followers[a].isdisjoint(followers[b])

    return lambda a, b: a in followers and b in followers and not one_surname(a, b)


def _romanised_keys(romanisations: Romanisations, word: str) -> list[Hashable]:
    """Where romanised spellings of one word meet: by sound units, by letters, by consonants ("Choujin")."""
    return [romanisations.key(word), romanisations.letter_key(word), ("skeleton", skeleton(word))]


SHARED_NAMES = 2
"""Other names two files must share before one name in them may be read as another's variant."""
FILES_COMPARED = 8
"""Files of each spelling looked at for shared names: enough for evidence, and the work stays bounded."""
MOST_NAMES = 2 / 3
"""Share of the smaller file's names two files must have in common for short words: another copy of one text."""


def _share_names(corpus: _Corpus, pair: tuple[str, str], most: float | None = None) -> bool:
    """One file holds both words, or files of each share other names: two, or `most` of the smaller file's."""
    a, b = pair
    for path_a in corpus.files[(a,)][:FILES_COMPARED]:
        for path_b in corpus.files[(b,)][:FILES_COMPARED]:
            names_a, names_b = corpus.names_in(path_a) - {a, b}, corpus.names_in(path_b) - {a, b}
            needed = SHARED_NAMES if most is None else max(SHARED_NAMES, most * min(len(names_a), len(names_b)))
            if path_a == path_b or len(names_a & names_b) >= needed:
                return True
    return False


def _look_alike_rivalries(corpus: _Corpus) -> Iterator[_Rivalry]:
    files: dict[tuple[str, str], set[str]] = defaultdict(set)
    for path, facts in corpus.facts.items():
        for pair in facts.look_alikes:
            if set(pair) <= corpus.names:
                files[pair].add(path)
    for (a, b), found in sorted(files.items()):
        yield from corpus.rivalries((a,), (b,), frozenset(found))


def _matches(corpus: _Corpus, rivalries: Iterable[_Rivalry]) -> Iterator[tuple[str, Match]]:
    """A match at each occurrence of a minor spelling; a span flagged twice is reported once.

    A house spelling is the one suggested, whatever the counts.
    """
    by_minor: dict[Unit, list[_Rivalry]] = defaultdict(list)
    for rivalry in rivalries:
        by_minor[rivalry.minor].append(rivalry)
    reported: set[tuple[str, int]] = set()
    for minor in sorted(by_minor, key=lambda unit: (-len(unit), unit)):  # two-word names first
        for path in corpus.files[minor]:
            rivals = {r.major for r in by_minor[minor] if r.files is None or path in r.files}
            if not rivals:
                continue
            best = min(
                rivals, key=lambda unit: (not corpus.is_house_spelling(unit), -corpus.counts[unit], unit)
            )
            message = _message(corpus, path, minor, best)
            clear = corpus.is_house_spelling(best) or _is_clear_majority(corpus, minor, best, rivals)
            related, key = corpus.shared_files(best), "".join(best)
            for spot, replacement in _differing_spots(corpus, path, minor, best):
                if (path, spot.start) not in reported:
                    reported.add((path, spot.start))
                    suggestion = replacement if clear else None
                    yield path, Match(spot.start, spot.end, message, suggestion, None, related, key)


def _differing_spots(corpus: _Corpus, path: str, minor: Unit, best: Unit) -> Iterator[tuple[Span, str]]:
    """Where `minor` stands in one file, cut to the word that differs from `best`, with that word of `best`.

    Names that differ only by a hyphen for a space are flagged whole: "Mercedes Benz" -> "Mercedes-Benz".
    """
    words = [i for i, (x, y) in enumerate(zip(minor[::2], best[::2])) if x != y]
    for occurrence in corpus.occurrences(minor, path):
        if words:
            yield corpus.spot(path, minor[2 * words[0]], occurrence[words[0]]), best[2 * words[0]]
        else:
            first, second = corpus.spot(path, minor[0], occurrence[0]), corpus.spot(path, minor[2], occurrence[1])
            yield Span(first.start, second.end), "".join(best)


def _is_clear_majority(corpus: _Corpus, minor: Unit, best: Unit, rivals: set[Unit]) -> bool:
    top = corpus.counts[best]
    return corpus.weight(best, minor) > corpus.weight(minor, best) and sum(corpus.counts[r] == top for r in rivals) == 1


def _message(corpus: _Corpus, path: str, minor: Unit, major: Unit) -> str:
    count = corpus.counts[major]
    times = "once" if count == 1 else "twice" if count == 2 else f"{count} times"
    where = _where(corpus, path, major)
    return f"'{''.join(minor)}' is also spelled '{''.join(major)}' ({times}, {where}); use one spelling."


def _where(corpus: _Corpus, path: str, unit: Unit) -> str:
    """This file and the others a unit stands in, counted past two: the same work for any number of files."""
    here = path in corpus.stands_in(unit)
    others = len(corpus.files[unit]) - here
    if others > 2:
        return f"in this file and {others} other files" if here else f"in {others} files"
    return "in " + " and ".join(["this file"] * here + [f for f in corpus.files[unit] if f != path])


# ----------------------------------------------------------------------------- the kind


class NameVariants:
    """One name spelled two ways, in one file or across the files of a run."""

    name: ClassVar[str] = "name_variants"
    Options: ClassVar[type] = NameVariantsOptions
    fixable: ClassVar[str] = "sometimes"
    defers: ClassVar[bool] = True
    """A name the house list settles is preferred-name's to report, with its own message (qa.dedupe)."""

    def facts(self, doc: Document, options: NameVariantsOptions) -> NameFacts:
        return _collect_facts(doc, options)

    def reduce(
        self, facts_by_path: Mapping[str, NameFacts], options: NameVariantsOptions
    ) -> Iterator[tuple[str, Match]]:
        corpus = _Corpus(facts_by_path, options.preferred)
        judge = _judge(options)
        rivalries = [
            *_phrase_rivalries(corpus, judge),
            *_known_rivalries(corpus, judge),
            *_romanised_rivalries(corpus, judge),
            *_look_alike_rivalries(corpus),
        ]
        yield from _matches(corpus, rivalries)
