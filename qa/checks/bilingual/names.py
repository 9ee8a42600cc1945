"""A name, code or link of the source that the translation lost ("iPhone 13", "G7", "Ana Botín", a URL).

What the source names, its translation names too, and in the same letters when they are
Latin ones: a product, a company, a code, an @handle, a link. A dropped or misspelt one is
an omission no monolingual rule can see. Candidates, by the source's script:

- Every source: links, e-mail addresses, @handles and #hashtags with Latin letters, which
  the target must hold as they are (case aside, a final slash or full stop aside).
- A source in another script (Russian, Japanese…): every run of Latin-script words
  ("BioNTech", "The Wall Street Journal", "COVID-19"); a run starting with a digit is a
  number and its unit ("5500m", "3rd"), source-numbers' concern, and a Roman numeral
  ("XXI") becomes a figure. Names in the source's own script are left out: matching a
  transliteration of "Лавров" against "Lavrov" was not worth its false alarms.
- A Latin-script source (Spanish, French…): capitalised words that do not open a sentence,
  and words with a digit or an inner capital ("iPhone", "G7"), joined into names ("Ana
  Botín", "Banco Santander"), less words of institutions and titles that English
  translates ("Gobierno", "Ministerio", `common_capitals_file`) and CLDR's days and
  months. German capitalises every noun, so for it (`noun_capitalising_languages`) only
  words with a digit or inner capital and links count.

A name counts as kept when the target has each of its words (case and accents aside,
"iPhone's" and "Pfizers" too), or one close to it (rapidfuzz, `min_similarity`, with a letter
changed, "Omikron"/"Omicron", "Brasil"/"Brazil", but none dropped, "iPhon", when the source
writes it in Latin letters among another script; two letters more or less, or the same consonant
skeleton, from a Latin-script source, which respells foreign names: "Zelenski"/"Zelenskyy",
"Volodímir"/"Volodymyr"), or when a stretch of it has its English name in
the target, or that name's initials: CLDR's (Babel: countries and regions, "Alemania"/"Germany",
"Unión Europea"/"EU"; cities of time zones, "Londres"/"London") or `equivalents_file`'s
("OTAN"/"NATO", "Casa Blanca"/"White House"); or its initials ("The Wall Street Journal"/"WSJ");
or, for an acronym, its spelling out ("RB"/"running back", "QB"/"quarterback", "FG1"/"1 field
goal").
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left
from collections import defaultdict
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import cache, cached_property
from typing import ClassVar

from qa.bilingual import Segment
from qa.cache import on_disk
from qa.checks.base import data_file, option, require_between, word_list
from qa.checks.bilingual import source_language, stripped_span, translated_segments
from qa.checks.bilingual.codes import markup_spans
from qa.checks.language import LINK_MARK
from qa.checks.name_variants import skeleton
from qa.checks.stray_capitals import load_function_words
from qa.document import Document
from qa.findings import Match
from qa.segment import Span, tokens_holding

LATIN_LETTER = "A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f"
TOKEN = re.compile(rf"[{LATIN_LETTER}0-9](?:[{LATIN_LETTER}0-9.'’&+_\-]*[{LATIN_LETTER}0-9+])?")
"""A Latin-script word with what joins its parts: "COVID-19", "O.J", "AT&T", "Harper's", "C++"."""
HAS_LETTER = re.compile(f"[{LATIN_LETTER}]")
ROMAN_NUMERAL = re.compile(r"[IVXLCDM]+\Z")
CJK_RANGES = (("\u3000", "\u9fff"), ("\uac00", "\ud7af"), ("\uf900", "\uffef"))
"""CJK punctuation, kana and ideographs; Hangul; compatibility ideographs and full-width forms."""
LINK_END = ".,;:!?)]}»”\"'/"
"""What ends a sentence or closes a bracket after a link, and a final slash, which says nothing."""
SENTENCE_OPENER = re.compile(r"(?:\A|[.!?…:;]|[\"“«„(\[¿¡—–-])\W*\Z")
"""What stands before a word that opens a sentence, a quotation or a list item: its capital says nothing."""
CONNECTORS = frozenset(
    [
        "de",
        "del",
        "la",
        "las",
        "los",
        "el",
        "da",
        "das",
        "do",
        "dos",
        "di",
        "della",
        "van",
        "von",
        "der",
        "den",
        "du",
        "des",
        "le",
        "al",
        "bin",
        "ibn",
    ]
)
"""Lowercase words inside a name of a Latin-script language ("Banco de España", "Ursula von der Leyen")."""
NUMBER_WORDS = (
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
)
"""The numbers English copy writes as words, by value."""
LETTERS_AND_NUMBER = re.compile(r"([A-Za-z]{1,4})(\d[\d.,]*)\Z")
JOINTS = re.compile(r"[.\-'’&+_/]+")
SQUEEZED = re.compile(r"[.\-'’]")
"""What a name may be written with or without: "O.J."/"OJ", "KPRC-TV"/"KPRCTV"."""
MAX_EXPANSION_WORDS = 6
"""The longest acronym looked for spelt out, one word a letter."""
MAX_NAME_WORDS = 6
"""The longest stretch of a name looked up for an English form ("Organización Mundial de la Salud")."""
LATIN_RESPELLING = 2
"""Letters a Latin-script language's spelling of a foreign name may add or drop ("Zelenski"/"Zelenskyy")."""
MIN_SKELETON = 4
"""A shorter consonant skeleton ("ss" of "Suisse") says too little to match a respelt name by."""
MIN_FUZZY_LENGTH = 5
"""Shorter words must be kept letter for letter: "Kia"/"Kim" are as close as "Brasil"/"Brazil"."""


@dataclass(frozen=True, kw_only=True)
class SourceNamesOptions:
    min_similarity: float = option(
        80.0,
        'How close (rapidfuzz ratio, 0-100) a target word must be to a name to keep it ("Brasil"/"Brazil": 83).',
    )
    common_capitals_file: str | None = option(
        None,
        "Capitalised words of the source languages that English translates (Gobierno, Ministère), one a"
        " line, lowercase; none: the built-in rules/data/bilingual-common-capitals.txt.",
    )
    equivalents_file: str | None = option(
        None,
        'Names whose English form is another word, "SOURCE | ENGLISH[, ENGLISH…]" a line ("OTAN | NATO",'
        ' "Casa Blanca | White House"); none: the built-in rules/data/bilingual-name-equivalents.txt.',
    )
    noun_capitalising_languages: tuple[str, ...] = option(
        ("de", "lb"),
        "Source languages that capitalise every noun: only codes, inner capitals and links count.",
    )

    def __post_init__(self) -> None:
        require_between(self, 0, 100, "min_similarity")


@dataclass(frozen=True, slots=True)
class Name:
    """A name of the source: the words the target must keep, the whole name, and whether it is a link."""

    words: tuple[Span, ...]
    parts: tuple[Span, ...]
    """Every word of the name, those the target need not keep too ("Banco de España"), for its English forms."""
    link: bool = False

    @property
    def span(self) -> Span:
        return Span(self.parts[0].start, self.parts[-1].end)


class SourceNames:
    """A name, code or link of the source that the target does not hold."""

    name: ClassVar[str] = "source_names"
    Options: ClassVar[type] = SourceNamesOptions
    fixable: ClassVar[str] = "never"

    def check(self, doc: Document, options: SourceNamesOptions) -> Iterator[Match]:
        language = source_language(doc)
        english = _english_names(language, options.equivalents_file)
        for segment in translated_segments(doc):
            source = _without_markup(_plain(segment.source))
            slack = LATIN_RESPELLING if _is_latin_script(source) else 0
            target = Target(segment.target, english, options.min_similarity, slack)
            for name in _names(source, language, options):
                missing = _missing_words(source, name, target)
                if missing:
                    yield _match(segment, name, missing)


def _match(segment: Segment, name: Name, missing: Sequence[Span]) -> Match:
    source = segment.source
    whole = source[name.span.start : name.span.end]
    lost = " ".join(source[w.start : w.end] for w in missing)
    what = f"'{whole}'" if lost == whole else f"'{lost}' of '{whole}'"
    message = f"{what} in the source is not in the translation: dropped or misspelt?"
    target = stripped_span(segment.target)
    return Match(
        segment.start + target.start,
        segment.start + target.end,
        message,
        source_span=(missing[0].start, missing[-1].end),
    )


def _names(text: str, language: str | None, options: SourceNamesOptions) -> Iterator[Name]:
    """The source's links, then its names by its script."""
    links = [_link(text, s, e) for s, e in tokens_holding(LINK_MARK, text)]
    yield from (
        Name((link,), (link,), link=True) for link in links if HAS_LETTER.search(text, link.start, link.end)
    )
    tokens = list(_outside(TOKEN.finditer(text), links))
    if _is_latin_script(text):
        if language in options.noun_capitalising_languages:
            codes = (Span(*m.span()) for m in tokens if _is_code(m.group()))
            yield from (Name((code,), (code,)) for code in codes)
        else:
            common = _common_capitals(options.common_capitals_file) | _calendar_words(language)
            yield from _capitalised_names(text, tokens, common)
    else:
        yield from _latin_runs(text, tokens)


def _outside(tokens: Iterator[re.Match[str]], links: Sequence[Span]) -> Iterator[re.Match[str]]:
    """The tokens that start outside every link; both are in text order."""
    index = 0
    for token in tokens:
        while index < len(links) and links[index].end <= token.start():
            index += 1
        if index == len(links) or token.start() < links[index].start:
            yield token


def _plain(text: str) -> str:
    """Fullwidth letters and digits as plain ones ("ＮＦＬ" as "NFL"), a character for a character."""
    return "".join(plain if len(plain := unicodedata.normalize("NFKC", c)) == 1 else c for c in text)


def _without_markup(text: str) -> str:
    """The text with its placeholders and tags blanked, a space for a character: the `name` of
    `{{name}}` and the `/terms` of `<a href="/terms">` are code, which code-mismatch compares."""
    spans = markup_spans(text)
    if not spans:
        return text
    parts, done = [], 0
    for start, end in spans:
        parts += [text[done:start], " " * (end - start)]
        done = end
    return "".join([*parts, text[done:]])


def _link(text: str, start: int, end: int) -> Span:
    """The link in a token, cut from the words that Japanese or Chinese run into it with no space
    ("調査をスタートさせた（https://…）。"), and from the punctuation or final slash after it."""
    while start < end and not (_in_link(text[start]) and text[start] not in "([{<\"'"):
        start += 1
    cut = start
    while cut < end and _in_link(text[cut]):
        cut += 1
    while cut > start and text[cut - 1] in LINK_END:
        cut -= 1
    return Span(start, cut)


def _in_link(char: str) -> bool:
    """ASCII, or a letter or digit of an alphabet (an IDN: премияарсеньева.рф); no CJK character or
    full-width punctuation, which no address holds."""
    return char.isascii() or (char.isalnum() and not any(low <= char <= high for low, high in CJK_RANGES))


def _is_latin_script(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    latin = sum(1 for c in letters if HAS_LETTER.match(c))
    return bool(letters) and latin * 2 > len(letters)


def _is_code(word: str) -> bool:
    """A word with a digit after a letter or a capital after a small letter: "G7", "COVID-19", "iPhone"."""
    return bool(re.search(r"[^\W\d]\d|[a-z][A-Z]", word))


def _latin_runs(text: str, tokens: Sequence[re.Match[str]]) -> Iterator[Name]:
    """Runs of Latin-script tokens parted by single spaces, in a source of another script: each a name."""
    run: list[re.Match[str]] = []
    for token in [*tokens, None]:
        if token is not None and run and text[run[-1].end() : token.start()] == " ":
            run.append(token)
            continue
        kept = [m for m in run if _may_be_name(m.group())]
        if kept:
            yield Name(tuple(Span(*m.span()) for m in kept), tuple(Span(*m.span()) for m in run))
        run = [token] if token is not None else []


def _may_be_name(word: str) -> bool:
    """Not a number and its unit ("5500m"), a Roman numeral, a lone letter or an English function word."""
    return (
        not word[0].isdigit()
        and bool(HAS_LETTER.search(word))
        and len(word) > 1
        and not ROMAN_NUMERAL.match(word)
        and word.lower() not in load_function_words(None)
    )


def _capitalised_names(text: str, tokens: Sequence[re.Match[str]], common: frozenset[str]) -> Iterator[Name]:
    """Runs of capitalised words and codes, joined by single spaces and connectors ("Banco de España"),
    each a name whose words must be kept: less connectors, institutions and titles, and a word that
    opens a sentence, whose capital says nothing."""
    run: list[re.Match[str]] = []
    for token in [*tokens, None]:
        word = token.group() if token is not None else ""
        capital = token is not None and (_is_code(word) or word[0].isupper() and bool(HAS_LETTER.match(word)))
        joined = bool(run) and token is not None and text[run[-1].end() : token.start()] == " "
        if joined and (capital or word in CONNECTORS):
            run.append(token)
            continue
        while run and run[-1].group() in CONNECTORS:
            run.pop()
        required = tuple(Span(*m.span()) for m in run if _must_keep(text, m, common))
        if required:
            yield Name(required, tuple(Span(*m.span()) for m in run))
        run = [token] if capital else []


def _must_keep(text: str, token: re.Match[str], common: frozenset[str]) -> bool:
    word = token.group()
    if _is_code(word):
        return True
    if word.lower() in CONNECTORS or _fold(word) in common:
        return False
    return not SENTENCE_OPENER.search(text, 0, token.start())


@cache
def _english_names(language: str | None, path: str | None) -> Mapping[str, tuple[str, ...]]:
    """Folded names of the source's language to their English forms: CLDR's places, then the equivalents list."""
    names: dict[str, tuple[str, ...]] = defaultdict(tuple)
    for name, english in (_place_names(language) if language else {}).items():
        names[name] += (english,)
    for line in word_list(path or data_file("bilingual-name-equivalents.txt")):
        source, _, english = line.partition("|")
        names[_fold(source.strip())] += tuple(e.strip() for e in english.split(",") if e.strip())
    return dict(names)


@cache
@on_disk("babel")
def _calendar_words(language: str | None) -> frozenset[str]:
    """CLDR's names of days and months in the source's language, folded: a capital on one says nothing."""
    from babel import Locale, UnknownLocaleError

    try:
        locale = Locale.parse(language) if language else None
    except (UnknownLocaleError, ValueError):
        locale = None
    if locale is None:
        return frozenset()
    names = [*locale.days["format"]["wide"].values(), *locale.months["format"]["wide"].values()]
    return frozenset(_fold(word) for name in names for word in name.split())


@cache
def _common_capitals(path: str | None) -> frozenset[str]:
    return frozenset(map(_fold, word_list(path or data_file("bilingual-common-capitals.txt"))))


class Target:
    """A translation, asked whether it holds a word of the source, or the English form of a name.

    Its words are indexed once (sorted, by first letter and length, their initials in a row), so each
    question costs a look-up or a search in C, not a pass over the words in Python.
    """

    def __init__(
        self,
        text: str,
        english_names: Mapping[str, tuple[str, ...]],
        min_similarity: float,
        length_slack: int = 0,
    ) -> None:
        self.text = text
        self.folded = _fold(text)
        self.words = [m.group() for m in TOKEN.finditer(self.folded)]
        parts = {part for word in self.words for part in _tails(word)}
        self.sorted_parts = sorted(parts)
        self.squeezed_words = frozenset(map(_squeezed, self.words))
        self.acronyms = frozenset(_squeezed(m.group()) for m in TOKEN.finditer(text) if m.group().isupper())
        self.initials = "".join(w[0] for w in self.words)
        self.by_shape: dict[tuple[str, int], list[str]] = defaultdict(list)
        for word in set(self.words):
            self.by_shape[word[0], len(word)].append(word)
        self.english_names = english_names
        self.min_similarity = min_similarity
        self.length_slack = length_slack
        """How many letters a near spelling may add or drop: none for a name the source already writes in
        Latin letters ("iPhon" is no "iPhone"), two for a name a Latin-script language respells ("Zelenski")."""

    def holds(self, word: str) -> bool:
        """The word, case and accents aside, opening a word of the target or a part of one ("iPhone's",
        "Kia-Motors"), with or without its dots and hyphens ("O.J."/"OJ", "KPRC-TV"/"KPRC TV"), or a word close to it."""
        folded = _fold(word)
        if self._opens_a_part(folded) or _squeezed(folded) in self.squeezed_words:
            return True
        parts = [part for part in JOINTS.split(folded) if part]
        if len(parts) > 1 and all(map(self._opens_a_part, parts)):
            return True  # "KPRC-TV" as "KPRC TV"
        return len(folded) >= MIN_FUZZY_LENGTH and (self._close(folded) or self._respelt(folded))

    def _respelt(self, folded: str) -> bool:
        """For a Latin-script source, a target word with the same consonant skeleton (name_variants.skeleton):
        "Volodímir"/"Volodymyr", "Mohamed"/"Mohammed", which differ in two letters."""
        if not self.length_slack:
            return False
        key = skeleton(folded)
        return len(key) >= MIN_SKELETON and key in self.skeletons

    @cached_property
    def skeletons(self) -> frozenset[str]:
        return frozenset(map(skeleton, self.words))

    def _opens_a_part(self, folded: str) -> bool:
        at = bisect_left(self.sorted_parts, folded)
        return at < len(self.sorted_parts) and self.sorted_parts[at].startswith(folded)

    def keeps_code(self, word: str) -> bool:
        """Letters glued to a number ("FG1", "M5.0") as the number beside the letters, spelt out or not
        ("1 field goal", "magnitude 5.0")."""
        code = LETTERS_AND_NUMBER.match(word)
        if not code:
            return False
        letters, number = code.groups()
        if not (re.search(rf"(?<![\d.,]){re.escape(number)}(?!\d)", self.text) or self._says(number)):
            return False
        if letters.lower() in self.words or self.spells_out(letters):
            return True
        return len(letters) == 1 and bool(
            re.search(rf"\b{letters}[a-z]+\W+{re.escape(number)}", self.text, re.IGNORECASE)
        )

    def _says(self, number: str) -> bool:
        """A small whole number written as a word ("one FG" for "FG1")."""
        return (
            number.isdigit() and int(number) < len(NUMBER_WORDS) and NUMBER_WORDS[int(number)] in self.words
        )

    def holds_phrase(self, phrase: str) -> bool:
        return bool(re.search(rf"(?<![^\W_]){re.escape(_fold(phrase))}(?![^\W_])", self.folded))

    def _close(self, folded: str) -> bool:
        """A word of the target with the same first letter, as long give or take `length_slack`, and similar:
        "Brazil" for "Brasil"."""
        from rapidfuzz import fuzz, process

        slack = self.length_slack
        alike = [
            w
            for size in range(len(folded) - slack, len(folded) + slack + 1)
            for w in self.by_shape.get((folded[0], size), ())
        ]
        found = process.extractOne(folded, alike, scorer=fuzz.ratio, score_cutoff=self.min_similarity)
        return found is not None

    def has_initials(self, words: Sequence[str]) -> bool:
        """An acronym of the capitalised words of a name: "The Wall Street Journal" as "WSJ"."""
        initials = "".join(
            w[0] for w in words if w[0].isupper() and w.lower() not in load_function_words(None)
        )
        return len(initials) >= 2 and initials in self.acronyms

    def spells_out(self, acronym: str) -> bool:
        """An acronym written out: words in a row with its initials ("RB"/"running back"), or one long word
        that starts with its first letter and holds the others in order ("QB"/"quarterback", "TD"/"touchdown")."""
        if not (2 <= len(acronym) <= MAX_EXPANSION_WORDS and acronym.isupper() and acronym.isalpha()):
            return False
        letters = acronym.lower()
        size = len(letters)
        if letters in self.initials:
            return True
        inside = re.compile(".*".join(letters))
        return any(inside.match(w) for w in _longer_than(self.by_shape, letters[0], 3 * size - 1))

    def holds_english_name(self, phrase: str) -> bool:
        """An English name of a place, an institution or an acronym that the source gives in its own language,
        or the initials of one ("EU" for "European Union", "U.S." for "United States")."""
        english = self.english_names.get(_fold(phrase), ())
        return any(self.holds_phrase(name) or self.has_initials(name.split()) for name in english)


def _missing_words(text: str, name: Name, target: Target) -> list[Span]:
    """The words of the name the target lacks; none when it holds the whole name in another form.
    `text` is the source with fullwidth letters made plain."""
    phrase = text[name.span.start : name.span.end]
    if name.link:
        link = _fold(phrase).rstrip("/")
        return [] if link in target.folded else [name.span]
    if target.has_initials(TOKEN.findall(phrase)):
        return []
    covered = _in_english_names(text, name.parts, target)
    return [
        span
        for span in name.words
        if span not in covered
        and not (
            target.holds(word := text[span.start : span.end])
            or target.spells_out(word)
            or target.keeps_code(word)
        )
    ]


def _in_english_names(text: str, parts: Sequence[Span], target: Target) -> set[Span]:
    """The words of a name inside a stretch of it whose English form the target holds: "Unión Europea" of
    "Consejo de la Unión Europea" as "European Union". Stretches of MAX_NAME_WORDS words at most."""
    covered: set[Span] = set()
    for first in range(len(parts)):
        for last in range(first, min(len(parts), first + MAX_NAME_WORDS)):
            if target.holds_english_name(text[parts[first].start : parts[last].end]):
                covered.update(parts[first : last + 1])
    return covered


def _tails(word: str) -> Iterator[str]:
    """The word and each of its parts after a hyphen, dot or apostrophe: "kia-motors", "motors"."""
    yield word
    for joint in JOINTS.finditer(word):
        yield word[joint.end() :]


def _longer_than(by_shape: Mapping[tuple[str, int], list[str]], first: str, length: int) -> Iterator[str]:
    """The words indexed by (first letter, length) that start with `first` and are longer than `length`."""
    return (
        w for (letter, size), words in by_shape.items() if letter == first and size > length for w in words
    )


def _squeezed(word: str) -> str:
    return SQUEEZED.sub("", word)


def _fold(text: str) -> str:
    """Lowercase without accents, "’" as "'": how names are compared."""
    decomposed = unicodedata.normalize("NFKD", text.casefold().replace("’", "'"))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


@cache
@on_disk("babel")
def _place_names(language: str) -> dict[str, str]:
    """CLDR's names of countries, regions and time-zone cities in `language`, folded, to their English names."""
    from babel import Locale, UnknownLocaleError

    try:
        locale = Locale.parse(language)
    except (UnknownLocaleError, ValueError):
        return {}
    english = Locale("en")
    names = {
        _fold(name): english.territories[code]
        for code, name in locale.territories.items()
        if code in english.territories
    }
    for zone, info in locale.time_zones.items():
        city = info.get("city")
        if city:
            english_city = english.time_zones.get(zone, {}).get("city") or zone.rsplit("/", 1)[-1].replace(
                "_", " "
            )
            names.setdefault(_fold(city), english_city)
    return names
