"""Two words run together where a space, or a space and punctuation, was lost ("UkraineBlinken").

Machine translation and text extraction from web pages drop the characters between
two words: "… if Russia invades Ukraine,” Blinken stressed" becomes "invades
UkraineBlinken stressed". The trace is a capital inside a word. English is full of
correct ones, so a fused word is reported only on strong evidence:

- it splits into a left part that ends in a lowercase letter (or is a year or an
  acronym) and a right part that is a capitalised word or an acronym; names with
  several capitals ("GlaxoSmithKline", "getElementById", "StandWithUkraine") do not;
- it is not a known mixed-case word (a brand: "PayPal", "YouTube"), nor a name after a
  prefix ("MacArthur", "FitzGerald"); short prefixes ("iPhone", "eBay", "McCain",
  "LeBron", "PhDs") fall under the minimum lengths;
- either the right part opens sentences ("GenevaThe"), or both parts stand alone
  elsewhere in the same document ("Ukraine" and "Blinken" do in the seed article), or
  the English lexicon reads it as two words and not as one: a lowercase word (a glue
  word such as "the", or one long enough not to be a brand's prefix: "additionWashington")
  then a capitalised word, or a weekday or month beside another word ("MondayMarch");
- it occurs once: a word written the same way twice is a deliberate spelling (a
  product, a code name), not a lost character.

A word in lowercase is a join when a preposition or conjunction runs into an article
or pronoun ("inthe", "forthe", "tohim") and the lexicon does not know the whole as a
word ("onto", "tome", "fora" are words). The lexicon is the frequency dictionary that
symspellpy ships (English words of Google Books n-grams also found in SCOWL, so
web typos such as "inthe" are not in it); it is read only when a candidate needs it.

URLs, e-mail addresses, @handles, #hashtags and code are skipped whole. The spaced
form is suggested only when it is safe: the document writes the pair with a space
elsewhere ("Sergey Lavrov"), or the left part is a word that never ends a sentence
("toGeneva"). Otherwise punctuation was probably lost too, and the message says which.
"""

from __future__ import annotations

import importlib.util
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path
from typing import ClassVar

from qa import segment
from qa.cache import on_disk
from qa.checks.base import data_file, option, word_list
from qa.document import Document
from qa.errors import Unavailable
from qa.findings import Match

CAPITAL_INSIDE = re.compile(r"[^\x00-\x40\x5b-\x7f\s\u2000-\u206f](?<=\S.)", re.DOTALL)
"""A character after the first of a token that may be a capital: A-Z, or any other than ASCII, spaces and
General Punctuation ("’", "—"), since the capitals of every script lie there. Found first: most tokens have none."""
NEXT_WORD = re.compile(r"[ \t\u00a0]+(\w+)")
LIST_ITEM_AFTER = re.compile(r",[ \u00a0]+[^\W\d_]")
LIST_ITEM_BEFORE = re.compile(r"[^\W\d_]\w*,[ \u00a0]+\Z")
"""A neighbour in a list of names: "ChanganChery, Geely and Mercedes" or "Geely, ChanganChery"."""
LIST_REACH = 40
TITLE_LINKS = frozenset({"of", "at"})
"""Words that tie a title to its institution: "President of", "Professor at"."""
NOT_PROSE = re.compile(r"://|^www\.|[@#/_={}<>\\]|\w\.\w|\w\(")
"""A URL, e-mail address, @handle, #hashtag, file path, domain ("YouTube.com") or code ("f(x)")."""
POSSESSIVE = re.compile(r"['’](?:[sS]|re|ve|ll|[dm])$")
"""A possessive or a contraction ("Ukraine’s", "They're"): the word is what comes before it."""
CLOSING_MARKS = {"“": "”", "«": "»"}
"""Opening quotation mark -> the mark that closes it; a straight '"' both opens and closes."""
MID_SENTENCE_MARKS = frozenset(",;-–—")
SPACE_OR_LINE_WRAP = r"(?:[ \t\u00a0]+|[ \t\u00a0]*(?:\r\n|\r|\n)[ \t\u00a0]*)"
"""White space between two words of one paragraph: spaces, or a single line break."""
YEAR_LENGTH = 4
KNOWN_SUFFIX_LENGTH = 2
"""Letters a known word may take and stay known: a plural, an agent noun ("YouTubers")."""
LEXICON_FILE = "frequency_dictionary_en_82_765.txt"
"""symspellpy's English unigram counts: one 'word count' a line, most frequent first."""


@dataclass(frozen=True, kw_only=True)
class RunTogetherOptions:
    known_words_file: str | None = option(
        None, "Correct mixed-case words (brands, names), one a line; none: the built-in list."
    )
    allow: tuple[str, ...] = option((), 'More correct mixed-case words ("WinRed", "DoorDash").')
    name_prefixes: tuple[str, ...] = option(
        (), 'Name prefixes that take a capital after them ("Mac" in "MacArthur", "Fitz" in "FitzGerald").'
    )
    glue_words: tuple[str, ...] = option(
        (), 'Words that never end a sentence, so only a space was lost after them ("toGeneva", "theUS").'
    )
    sentence_openers: tuple[str, ...] = option(
        (), 'Words that begin sentences: after a word they need no other evidence ("GenevaThe").'
    )
    min_left_length: int = option(3, 'Shorter left parts ("iPhone", "LeBron") are not split; "toGeneva" is.')
    min_right_length: int = option(3, 'Shorter right parts ("LinkedIn", "FedEx") are not split; "saidHe" is.')
    min_lexicon_left_length: int = option(
        4,
        'Without other evidence, a shorter lowercase left part that is no glue word ("easyJet") is not split.',
    )
    lowercase_join_left: tuple[str, ...] = option(
        (), 'Prepositions and conjunctions that start a lowercase join ("in" in "inthe").'
    )
    lowercase_join_right: tuple[str, ...] = option(
        (), 'Articles and pronouns that end a lowercase join ("the" in "inthe", "him" in "tohim").'
    )
    lexicon_names: tuple[str, ...] = option(
        (), 'Lowercase joins the lexicon knows only as names ("ina" is "Ina"): still reported.'
    )
    titles_file: str | None = option(
        None,
        'Titles before a name or "of" ("OrganizationPresident Vladimir"); none: rules/data/caption-roles.txt.',
    )


@dataclass(frozen=True, slots=True)
class Fusion:
    """A word read as two: `left` and `right` joined at offset `start + len(left)`."""

    start: int
    left: str
    right: str
    after_hyphen: bool = False
    """The word is the second part of a hyphenated one ("Fukuoka-choOkazaki"): its left part is no brand's prefix."""
    opens_sentence: bool = False
    next_word: str = ""
    """The word after it on the line ("Chekunkov" after "ArcticAlexey"), if any."""
    listed: bool = False
    """A comma and another word stand before or after it, as in a list of names."""

    @property
    def text(self) -> str:
        return self.left + self.right

    @property
    def end(self) -> int:
        return self.start + len(self.left) + len(self.right)


@dataclass(frozen=True, slots=True)
class Evidence:
    """What one document and the rule's options say about which fusions are real."""

    standalone: frozenset[str]
    known: frozenset[str]
    prefixes: frozenset[str]
    glue: frozenset[str]
    openers: frozenset[str]
    titles: frozenset[str]
    min_left: int
    min_right: int
    min_lexicon_left: int


class RunTogether:
    """A word that is two words run together, on evidence from the word itself and its document."""

    name: ClassVar[str] = "run_together"
    Options: ClassVar[type] = RunTogetherOptions
    fixable: ClassVar[str] = "sometimes"

    def prepare(self, options: RunTogetherOptions) -> None:
        """Find the English lexicon before any file (without symspellpy the rule does not run); read it on first need."""
        lexicon_path()

    def check(self, doc: Document, options: RunTogetherOptions) -> Iterator[Match]:
        evidence = _evidence(doc, options)
        fusions = list(_fusions(doc.text))
        spellings = Counter(fusion.text for fusion in fusions)
        for fusion in fusions:
            if spellings[fusion.text] == 1 and _is_run_together(fusion, evidence):
                yield _match(doc, fusion, evidence)
        yield from _lowercase_joins(doc.text, options)


def _evidence(doc: Document, options: RunTogetherOptions) -> Evidence:
    return Evidence(
        standalone=_standalone_words(doc),
        known=load_known_words(options.known_words_file) | frozenset(options.allow),
        prefixes=frozenset(options.name_prefixes),
        glue=frozenset(options.glue_words),
        openers=frozenset(options.sentence_openers),
        titles=load_titles(options.titles_file),
        min_left=options.min_left_length,
        min_right=options.min_right_length,
        min_lexicon_left=options.min_lexicon_left_length,
    )


@cache
def load_known_words(path: str | None) -> frozenset[str]:
    """The mixed-case words in the file at `path`, or in the built-in list."""
    return frozenset(word_list(path or data_file("mixed-case-words.txt")))


@cache
def load_titles(path: str | None) -> frozenset[str]:
    """Lowercase titles and roles in the file at `path`, or in the built-in caption roles."""
    return frozenset(entry.lower() for entry in word_list(path or data_file("caption-roles.txt")))


def _standalone_words(doc: Document) -> frozenset[str]:
    """The words of the document, but a capitalised one only where it is not capitalised by position.

    "File" or "Game" at the start of a sentence or line is no evidence that "FileType"
    or "GameStop" hides two words; "Blinken" in the middle of a sentence is.

    Worked out by spelling: a piece in lowercase is in once any word holds it, and only the
    words with a capitalised piece are looked at where they stand, until one stands mid-sentence.
    """
    standalone: set[str] = set()
    capitalised: set[str] = set()  # spellings with a capitalised piece
    for spelling in {word.text for word in doc.words}:
        for _, piece in _spelling_pieces(spelling):
            if _is_capitalised(piece):
                capitalised.add(spelling)
            else:
                standalone.add(piece)
    for word in [word for word in doc.words if word.text in capitalised]:
        for offset, piece in _spelling_pieces(word.text):
            if piece not in standalone and _is_mid_sentence(doc.text, word.start + offset):
                standalone.add(piece)
    return frozenset(standalone)


def _is_mid_sentence(text: str, start: int) -> bool:
    """Whether a word or a comma, dash or hyphen comes just before `start` on the same line."""
    index = start - 1
    while index >= 0 and text[index] in " \t\u00a0":
        index -= 1
    return index >= 0 and (text[index].isalnum() or text[index] in MID_SENTENCE_MARKS)


def _fusions(text: str) -> Iterator[Fusion]:
    """Each word of running prose split where a new word seems to begin.

    The split is at the first such place, so a word with several capitals has a right
    part that is neither a capitalised word nor an acronym, and is never reported.
    """
    for token_start, token_end in segment.tokens_holding(CAPITAL_INSIDE, text):
        for offset, left, right in _cuts(text[token_start:token_end]):
            start = token_start + offset
            following = NEXT_WORD.match(text, token_end)
            yield Fusion(
                start,
                left,
                right,
                text[start - 1 : start] == "-",
                not _is_mid_sentence(text, start),
                following.group(1) if following else "",
                _is_listed(text, start, start + len(left) + len(right)),
            )


@lru_cache(maxsize=65536)
def _cuts(token: str) -> tuple[tuple[int, str, str], ...]:
    """(offset in the token, left, right) of each of its pieces that a new word seems to begin inside.

    Worked out once per spelling: all-capital copy ("WASHINGTON SAYS NATO") has a capital inside
    every token, and few distinct tokens.
    """
    rest = token[1:]
    if rest == rest.lower() or NOT_PROSE.search(token):
        return ()  # no capital after the first character: nothing can be run together
    cuts = []
    for offset, piece in _pieces(segment.words(token)):
        cut = first_cut(piece)
        if cut is not None:
            cuts.append((offset, piece[:cut], piece[cut:]))
    return tuple(cuts)


def _is_listed(text: str, start: int, end: int) -> bool:
    return bool(
        LIST_ITEM_AFTER.match(text, end) or LIST_ITEM_BEFORE.search(text[max(0, start - LIST_REACH) : start])
    )


def _pieces(words: list[segment.Word]) -> Iterator[tuple[int, str]]:
    """(offset, text) of the parts of hyphenated words, without a possessive "’s"."""
    for word in words:
        for offset, piece in _spelling_pieces(word.text):
            yield word.start + offset, piece


@lru_cache(maxsize=65536)
def _spelling_pieces(spelling: str) -> tuple[tuple[int, str], ...]:
    """(offset in the word, text) of the parts of a hyphenated word, without a possessive "’s"."""
    pieces = []
    offset = 0
    for part in spelling.split("-"):
        pieces.append((offset, POSSESSIVE.sub("", part)))
        offset += len(part) + 1
    return tuple(pieces)


@lru_cache(maxsize=65536)
def first_cut(piece: str) -> int | None:
    """Where a new word seems to begin: "Ukraine|Blinken", "the|US", "2022|Blinken", "NATO|The"."""
    for index in range(1, len(piece)):
        before, char = piece[index - 1], piece[index]
        if not char.isupper():
            continue
        starts_word = index + 1 < len(piece) and piece[index + 1].islower()
        if before.islower() or starts_word and (before.isdigit() or before.isupper()):
            return index
    return None


def _is_run_together(fusion: Fusion, evidence: Evidence) -> bool:
    """Known words and name prefixes aside: a sentence opener after a word, evidenced parts, or the lexicon."""
    left, right = fusion.left, fusion.right
    if _is_known(fusion.text, evidence.known) or left in evidence.prefixes:
        return False
    if right in evidence.openers:
        return _is_year(left) or _is_acronym(left) or _is_word(left, evidence)
    if _is_acronym(right):
        return left in evidence.glue and right in evidence.standalone  # "theUS", never "macOS" or "OpenAI"
    if not _is_capitalised(right) or len(right) < evidence.min_right:
        return False
    return (
        _both_stand_alone(fusion, evidence)
        or _follows_a_name(fusion, evidence)
        or _reads_as_two_words(fusion)
        or _title_before_a_name(fusion, evidence)
        or _two_listed_names(fusion, evidence)
    )


def _both_stand_alone(fusion: Fusion, evidence: Evidence) -> bool:
    """The document writes the right part alone mid-sentence, and the left part too ("UkraineBlinken").

    A year, a glue word, or a lowercase English word before a name the lexicon does not
    know ("part-time jobKairi" beside "Kairi") needs no more evidence.
    """
    left = fusion.left
    lowercase_word_before_name = (
        left.islower() and _is_english_word(left) and not _is_english_word(fusion.right)
    )
    evidenced_left = _is_word(left, evidence) and (left in evidence.standalone or lowercase_word_before_name)
    return fusion.right in evidence.standalone and (_is_year(left) or left in evidence.glue or evidenced_left)


def _follows_a_name(fusion: Fusion, evidence: Evidence) -> bool:
    """Before the capitalised word: a sentence opener, a name the document writes mid-sentence, or a glue word.

    "HoweverKaiji", "BrazilLuis", "theBionanotechnology": brands of two capitalised
    words ("NightOwl", "StarMaker") seldom have a first part that the same article
    uses alone as a name.
    """
    left = fusion.left
    if left in evidence.glue or left in evidence.openers:
        follows = True
    elif left.isalpha() and left.islower():
        shortest = evidence.min_left if fusion.after_hyphen else evidence.min_lexicon_left
        follows = (
            len(left) >= shortest
        )  # "armorStill", "Fukuoka-choOkazaki"; "iPhone" and "eBay" are too short
    else:
        follows = (
            _is_capitalised(left) and len(left) >= evidence.min_left and _is_evidenced_left(fusion, evidence)
        )
    return follows and not _is_english_word(fusion.text)  # "Therefor", "Intake"


def _title_before_a_name(fusion: Fusion, evidence: Evidence) -> bool:
    """A word, then a title that leads on to a name or its institution: "OrganizationPresident Vladimir", "KitchinProfessor at".

    A brand seldom ends in a title and is seldom followed by a name or "of"; the lost
    comma or full stop between a place and the next person's title often is.
    """
    left, right = fusion.left, fusion.right
    leads_on = fusion.next_word in TITLE_LINKS or _is_capitalised(fusion.next_word)
    long_word = left.isalpha() and len(left) >= evidence.min_lexicon_left and left[-1].islower()
    return right.lower() in evidence.titles and leads_on and long_word and not _is_english_word(fusion.text)


def _two_listed_names(fusion: Fusion, evidence: Evidence) -> bool:
    """Two capitalised names the lexicon does not know, in a list: "only ChanganChery, Geely and Mercedes".

    Brands in lists are made of English words ("PlayStation, Xbox") or are known ("AstraZeneca").
    """
    left, right = fusion.left, fusion.right
    if not fusion.listed or not _is_capitalised(left) or len(left) < evidence.min_left:
        return False
    return not _is_english_word(left) and not _is_english_word(right)


def _is_evidenced_left(fusion: Fusion, evidence: Evidence) -> bool:
    """A capitalised left part that is no brand's first half, by the document or the lexicon.

    The document writes it alone mid-sentence ("BrazilLuis"); or it opens a sentence and the
    document writes it in lowercase elsewhere, a common word capitalised by its place
    ("EarlierMinister", "NonethelessUrokodaki"); or it is an English word before a personal name
    the lexicon does not know, which the document writes alone or follows with a surname
    ("ArcticAlexey Chekunkov"). Brands of two words end in an English word ("NightOwl",
    "StarMaker") or stand alone ("MegaFon", "NovaTek", "TransNeft").
    """
    left = fusion.left
    if left in evidence.standalone:
        return True
    if fusion.opens_sentence and left.lower() in evidence.standalone:
        return True
    long_enough = len(left) >= evidence.min_lexicon_left
    return (
        long_enough and _is_english_word(left) and _is_unknown_name(fusion.right, fusion.next_word, evidence)
    )


def _is_unknown_name(right: str, next_word: str, evidence: Evidence) -> bool:
    """A name the lexicon does not know, used alone in the document or before another such name."""
    if _is_english_word(right):
        return False
    return right in evidence.standalone or (_is_capitalised(next_word) and not _is_english_word(next_word))


def _reads_as_two_words(fusion: Fusion) -> bool:
    """A month, weekday or country beside a capitalised word ("MondayMarch", "PolandRomania") or after a lowercase one.

    Other pairs of capitalised words are a brand's habit ("DeepMind", "PlayStation").
    """
    left, right = fusion.left, fusion.right
    names = english_cldr_names()
    if left.islower():  # "himGermany", "inMarch": a word, then a country, month or weekday
        return right in names and _is_english_word(left) and not _is_english_word(fusion.text)
    if not _is_capitalised(left):
        return False
    return (left in names or right in names) and not _is_english_word(fusion.text)


def _is_english_word(word: str) -> bool:
    return word.lower() in english_lexicon()


@cache
def english_lexicon() -> frozenset[str]:
    """Lowercase English words of the dictionary symspellpy ships; read once, when a candidate first needs it."""
    fields = lexicon_path().read_text(encoding="utf-8").split()
    return frozenset(fields[0::2])


def lexicon_path() -> Path:
    """symspellpy's English word counts, found without importing the package."""
    spec = importlib.util.find_spec("symspellpy")
    if spec is None or not spec.submodule_search_locations:
        raise Unavailable("symspellpy, which holds its English lexicon, is not installed")
    return Path(next(iter(spec.submodule_search_locations))) / LEXICON_FILE


@cache
@on_disk("babel")
def english_cldr_names() -> frozenset[str]:
    """English month, weekday and one-word country names, from CLDR through Babel ("March", "Monday", "Japan")."""
    from babel import Locale

    english = Locale("en")
    months = english.months["format"]["wide"].values()
    days = english.days["format"]["wide"].values()
    countries = [name for code, name in english.territories.items() if code.isalpha() and name.isalpha()]
    return frozenset([*months, *days, *countries])


def _lowercase_joins(text: str, options: RunTogetherOptions) -> Iterator[Match]:
    """ "inthe", "forthe", "tohim": a preposition run into an article or pronoun, when that is not a word."""
    if not options.lowercase_join_left or not options.lowercase_join_right:
        return
    names = frozenset(options.lexicon_names)
    for join in _lowercase_join_pattern(options.lowercase_join_left, options.lowercase_join_right).finditer(
        text
    ):
        if join.group() in names or not _is_english_word(join.group()):
            spaced = f"{join.group('left')} {join.group('right')}"
            message = f"'{join.group()}' runs two words together; write '{spaced}'."
            yield Match(join.start(), join.end(), message, suggestion=spaced)


@cache
def _lowercase_join_pattern(lefts: tuple[str, ...], rights: tuple[str, ...]) -> re.Pattern[str]:
    """A whole lowercase token made of one left and one right word, not part of an address or a hyphenation."""
    left = "|".join(sorted(map(re.escape, lefts), key=len, reverse=True))
    right = "|".join(sorted(map(re.escape, rights), key=len, reverse=True))
    return re.compile(rf"(?<![\w@#/.'’-])(?P<left>{left})(?P<right>{right})(?![\w@/'’-]|\.\w)")


def _is_known(word: str, known: frozenset[str]) -> bool:
    """A known mixed-case word, or one made from it ("PowerPoints", "YouTuber", "YouTubers")."""
    return any(word[: len(word) - suffix] in known for suffix in range(KNOWN_SUFFIX_LENGTH + 1))


def _is_word(left: str, evidence: Evidence) -> bool:
    """Letters ending in lowercase ("Ukraine", "today", "O'Neill"), long enough or a glue word."""
    letters = left.replace("'", "").replace("’", "")
    long_enough = len(left) >= evidence.min_left or left in evidence.glue
    return letters.isalpha() and left[-1].islower() and long_enough


def _is_capitalised(part: str) -> bool:
    return part.isalpha() and part[0].isupper() and part[1:].islower()


def _is_acronym(part: str) -> bool:
    return len(part) >= 2 and part.isalpha() and part.isupper()


def _is_year(part: str) -> bool:
    return len(part) == YEAR_LENGTH and part.isascii() and part.isdigit()


def _match(doc: Document, fusion: Fusion, evidence: Evidence) -> Match:
    """The finding, with the spaced form as a suggestion only when no punctuation was lost."""
    left, right = fusion.left, fusion.right
    opens_sentence = right in evidence.openers  # "ofThe": "of The Hague" or "of the"? Say nothing.
    ends_sentence = opens_sentence and left not in evidence.glue
    if not opens_sentence and (left in evidence.glue or _written_apart(doc.text, left, right)):
        spaced = f"{left} {right}"
        message = f"'{fusion.text}' runs two words together; write '{spaced}'."
        return Match(fusion.start, fusion.end, message, suggestion=spaced)
    lost = _lost_punctuation(left, right, ends_sentence, _open_quotation(doc, fusion.start), fusion.listed)
    return Match(fusion.start, fusion.end, f"'{fusion.text}' runs two words together{lost}.")


def _lost_punctuation(left: str, right: str, ends_sentence: bool, closer: str | None, listed: bool) -> str:
    """The end of the message: which punctuation was probably lost with the space."""
    if closer is not None:
        stop = "." if ends_sentence else ","
        restored = f"{left}{stop}{closer} {right}"
        return f" where a quotation seems to end; restore the punctuation and space, perhaps '{restored}'"
    if ends_sentence:
        return f" where a sentence seems to end; restore the full stop and space, perhaps '{left}. {right}'"
    if listed:
        return f" in a list; restore the comma and space, perhaps '{left}, {right}'"
    return f"; restore the lost space, and any lost punctuation, between '{left}' and '{right}'"


def _written_apart(text: str, left: str, right: str) -> bool:
    """Whether the document also writes the two parts as a pair with a space ("Sergey Lavrov").

    The look-behind (no letter before the pair) follows `left`, reading back over it: a pattern
    that opens with a literal is searched for at C speed, not tried at every position of the text.
    """
    pair = rf"{re.escape(left)}(?<!\w.{{{len(left)}}}){SPACE_OR_LINE_WRAP}{re.escape(right)}(?!\w)"
    return re.search(pair, text, re.DOTALL) is not None


def _open_quotation(doc: Document, offset: int) -> str | None:
    """The mark that would close a quotation still open at `offset` in its paragraph, if any."""
    paragraph = doc.paragraph_at(offset)
    closer = None
    for char in doc.text[paragraph.start : offset]:
        if char in CLOSING_MARKS:
            closer = CLOSING_MARKS[char]
        elif char == closer or char in CLOSING_MARKS.values():
            closer = None
        elif char == '"':
            closer = '"'
    return closer
