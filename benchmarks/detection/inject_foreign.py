"""Artifacts the source language leaves behind: dates, numbers, untranslated text, punctuation, encodings."""

from __future__ import annotations

import random
import re
import unicodedata
from decimal import Decimal

from benchmarks.detection import material
from benchmarks.detection.inject_dates import reads_as_english
from benchmarks.detection.injection import (
    Doc,
    Variant,
    insert_after_sentence,
    insert_paragraph_after,
    pick,
    quote_pairs,
    replace_match,
)
from benchmarks.detection.model import Edit
from benchmarks.detection.text import sentence_spans

DATE_FORMS = {
    "day-month": ("on ", material.day_month),
    "month-year": ("in ", material.month_year),
    "weekday-alone": ("on ", material.weekday),
    "weekday-date": ("on ", material.full_date),
    "numeric-day-first": ("on ", material.numeric_date),
}


def foreign_dateline(doc: Doc, index: int, rng: random.Random, variant: Variant) -> list[Edit] | None:
    """'21 ene 2022 12:55 GMT' on its own line under the headline."""
    when = material.random_date(rng)
    line = material.dateline(when, doc.material.date_locale(rng, doc.pair))
    if reads_as_english(line.removesuffix(f" {when:%H:%M} GMT")):
        return None  # '14 May 2022' in Turkish is English too
    edits = insert_paragraph_after(doc, 0, line, variant)
    date_length = len(line) - len(" 12:55 GMT")
    edit = edits[0]
    return [Edit(edit.start, edit.end, edit.replacement, (variant.mark(2, 2 + date_length),))]


def foreign_date_in_sentence(doc: Doc, index: int, rng: random.Random, variant: Variant) -> list[Edit] | None:
    """'… met the minister on 21 de enero.': a date in the source's words, added before a full stop."""
    paragraph = doc.paragraph(index)
    ends = [
        s.end - 1
        for s in sentence_spans(paragraph)
        if paragraph[s.end - 1] == "." and paragraph[s.end - 2].isalpha()
    ]
    if not ends:
        return None
    preposition, form = DATE_FORMS[variant.name]
    # Japanese short dates are year-first; a day-first numeric date needs a European locale.
    numeric = variant.name == "numeric-day-first"
    locale = rng.choice(material.DATE_LOCALES) if numeric else doc.material.date_locale(rng, doc.pair)
    date = form(material.random_date(rng), locale)
    if reads_as_english(date):
        return None
    offset = doc.paragraphs[index].start + rng.choice(ends)
    new = f" {preposition}{date}"
    return [Edit(offset, offset, new, (variant.mark(1 + len(preposition), len(new)),))]


ENGLISH_NUMBERS = {
    "dot-thousands": (r"(?<![\d.,])(\d{1,3}(?:,\d{3})+)(?![\d,]|\.\d)", ("de", "es", "it", "tr")),
    "space-thousands": (r"(?<![\d.,])(\d{1,3}(?:,\d{3})+)(?![\d,]|\.\d)", ("fr", "ru", "pl")),
    # One or two decimals: "2.256" written "2,256" would read as English thousands.
    "decimal-comma": (r"(?<![\d.,])(\d+\.\d{1,2})(?![\d.,])", material.NUMBER_LOCALES),
    "grouped-decimal": (r"(?<![\d.,])(\d{1,3}(?:,\d{3})+\.\d+)(?![\d.,])", material.NUMBER_LOCALES),
}


def foreign_number(doc: Doc, index: int, rng: random.Random, variant: Variant) -> list[Edit] | None:
    """An English number rewritten the way the source locale writes it: '75.000', '75 000', '3,5'."""
    pattern, locales = ENGLISH_NUMBERS[variant.name]
    match = pick(rng, pattern, doc.paragraph(index))
    if not match:
        return None
    value = Decimal(match.group(1).replace(",", ""))
    return replace_match(
        doc, index, match, material.localized_decimal(value, rng.choice(locales)), variant, 1
    )


def foreign_percent(doc: Doc, index: int, rng: random.Random, variant: Variant) -> list[Edit] | None:
    """'15%' or '15 percent' written as the source locale does: '15 %' with a no-break space."""
    match = pick(rng, r"(?<![\d.,])(\d+(?:\.\d+)?)(?:%| percent| per cent)", doc.paragraph(index))
    if not match:
        return None
    new = material.localized_percent(Decimal(match.group(1)), rng.choice(("fr", "de", "ru")))
    return replace_match(doc, index, match, new, variant)


def source_paragraph(doc: Doc, index: int, rng: random.Random, variant: Variant) -> list[Edit] | None:
    """The source paragraph pasted beside its translation and never deleted."""
    paragraph = doc.paragraph(index)
    sources = [s.source for s in doc.segments if s.reference and s.reference in paragraph]
    if not sources or len(" ".join(sources)) < 40:
        return None
    return insert_paragraph_after(doc, index, " ".join(sources), variant)


def source_sentence(doc: Doc, index: int, rng: random.Random, variant: Variant) -> list[Edit] | None:
    """A sentence left in the source language: the reference segment replaced by its source."""
    paragraph = doc.paragraph(index)
    found = [s for s in doc.segments if len(s.source) >= 25 and s.reference and s.reference in paragraph]
    if not found:
        return None
    segment = rng.choice(found)
    offset = doc.paragraphs[index].start + paragraph.index(segment.reference)
    new = segment.source
    return [Edit(offset, offset + len(segment.reference), new, (variant.mark(0, len(new)),))]


def source_fragment(doc: Doc, index: int, rng: random.Random, variant: Variant) -> list[Edit] | None:
    """A few source words left inside an English sentence, in place of its last word."""
    match = pick(rng, r"(?<=[a-z] )([a-z]{4,})(?=\.)", doc.paragraph(index))
    sources = [s.source for s in doc.segments if len(s.source) >= 20]
    if not match or not sources:
        return None
    source = rng.choice(sources)
    tokens = re.findall(r"\w+", source)
    if doc.pair.startswith("ja"):
        text = "".join(tokens)
        start = rng.randrange(max(1, len(text) - 8))
        fragment = text[start : start + rng.randint(4, 8)]
    else:
        start = rng.randrange(max(1, len(tokens) - 3))
        fragment = " ".join(tokens[start : start + rng.randint(2, 3)])
    if not any(char.isalpha() for char in fragment):
        return None  # '4 12': numbers are no untranslated words
    return replace_match(doc, index, match, fragment, variant, 1)


def latin_paragraph(doc: Doc, index: int, rng: random.Random, variant: Variant) -> list[Edit] | None:
    return insert_paragraph_after(doc, index, doc.material.latin_paragraph(rng)[0], variant)


def latin_sentence(doc: Doc, index: int, rng: random.Random, variant: Variant) -> list[Edit] | None:
    sentence, _ = doc.material.latin_sentence(rng, rng.randint(10, 14))
    return insert_after_sentence(doc, index, rng, sentence, variant)


def latin_fragment(doc: Doc, index: int, rng: random.Random, variant: Variant) -> list[Edit] | None:
    """Three foreign words inside an English sentence, after a word the engine could not place."""
    match = pick(rng, r"(?<=[a-z] )([a-z]{3,})(?= [a-z])", doc.paragraph(index))
    if not match:
        return None
    fragment, _ = doc.material.latin_words(rng, 3)
    if not any(_is_foreign_word(word) for word in fragment.split()):
        return None  # 'Ball Bett fast': German salad of words English has, or names
    new = f"{match.group(1)} {fragment}"
    return replace_match(doc, index, match, new, variant, 1, mark=(len(new) - len(fragment), len(new)))


def _is_foreign_word(word: str) -> bool:
    """A lowercase word the CMU Pronouncing Dictionary does not know ("tandis"), or with letters English lacks."""
    from qa import lexicon  # the untranslated-text rule's own lexicon

    return word[:1].islower() and (not word.isascii() or not lexicon.is_english(word))


PAIRED_MARKS = {"guillemets": ("«", "»"), "low-quotes": ("„", "“"), "cjk-brackets": ("「", "」")}


def foreign_quote_pair(doc: Doc, index: int, rng: random.Random, variant: Variant) -> list[Edit] | None:
    """A quotation kept in the source's marks: «…», „…“, 「…」; one truth per mark."""
    pairs = quote_pairs(doc.paragraph(index))
    if not pairs:
        return None
    match = rng.choice(pairs)
    opening, closing = PAIRED_MARKS[variant.name]
    new = opening + match.group()[1:-1] + closing
    base = doc.paragraphs[index].start
    return [
        Edit(
            base + match.start(),
            base + match.end(),
            new,
            (variant.mark(0, 1), variant.mark(len(new) - 1, len(new))),
        )
    ]


FULLWIDTH = {
    "cjk-comma": (r"(?<=[a-z])(,)(?= [a-z])", "，"),
    "cjk-full-stop": (r"(?<=[a-z])(\.)(?= [A-Z])", "。"),
}


def fullwidth_mark(doc: Doc, index: int, rng: random.Random, variant: Variant) -> list[Edit] | None:
    pattern, new = FULLWIDTH[variant.name]
    match = pick(rng, pattern, doc.paragraph(index))
    return replace_match(doc, index, match, new, variant, 1) if match else None


def windows_1252(text: str) -> str:
    """How UTF-8 text reads when decoded as Windows-1252 (bytes it lacks show as U+FFFD)."""
    return text.encode("utf-8").decode("cp1252", errors="replace")


MOJIBAKE_TARGETS = {
    "apostrophe": r"\b\w+’\w*",
    "dash": r"\w+ ?[—–] ?\w+",
    "accented-word": r"\b\w*[À-ÿĀ-ž]\w*",
}


def mojibake(doc: Doc, index: int, rng: random.Random, variant: Variant) -> list[Edit] | None:
    """UTF-8 read as Windows-1252: 'itâ€™s', 'talks â€” and', 'ZÃ¼rich'."""
    match = pick(rng, MOJIBAKE_TARGETS[variant.name], doc.paragraph(index))
    return replace_match(doc, index, match, windows_1252(match.group()), variant) if match else None


def mojibake_quotes(doc: Doc, index: int, rng: random.Random, variant: Variant) -> list[Edit] | None:
    """A curly quotation read as Windows-1252: 'â€œWe are ready,â€� he said'."""
    pairs = quote_pairs(doc.paragraph(index))
    if not pairs:
        return None
    match = rng.choice(pairs)
    opening, closing = windows_1252("“"), windows_1252("”")
    new = opening + match.group()[1:-1] + closing
    marks = (variant.mark(0, len(opening) + 1), variant.mark(len(new) - len(closing) - 1, len(new)))
    base = doc.paragraphs[index].start
    return [Edit(base + match.start(), base + match.end(), new, marks)]


def byte_order_mark(doc: Doc, index: int, rng: random.Random, variant: Variant) -> list[Edit] | None:
    """A UTF-8 byte-order mark read as Windows-1252 at the top of the file: 'ï»¿'."""
    bom = windows_1252("\ufeff")
    return [Edit(0, 0, bom, (variant.mark(0, len(bom)),))]


HOMOGLYPHS = {
    "cyrillic-lowercase": {
        c: f"CYRILLIC SMALL LETTER {n}"
        for c, n in (("a", "A"), ("e", "IE"), ("o", "O"), ("p", "ER"), ("c", "ES"), ("x", "HA"))
    },
    "cyrillic-capital": {
        c: f"CYRILLIC CAPITAL LETTER {n}"
        for c, n in (
            ("A", "A"),
            ("B", "VE"),
            ("E", "IE"),
            ("H", "EN"),
            ("K", "KA"),
            ("M", "EM"),
            ("O", "O"),
            ("P", "ER"),
            ("C", "ES"),
            ("T", "TE"),
            ("X", "HA"),
        )
    },
    "greek-capital": {
        c: f"GREEK CAPITAL LETTER {n}"
        for c, n in (
            ("A", "ALPHA"),
            ("B", "BETA"),
            ("E", "EPSILON"),
            ("H", "ETA"),
            ("I", "IOTA"),
            ("K", "KAPPA"),
            ("M", "MU"),
            ("N", "NU"),
            ("O", "OMICRON"),
            ("P", "RHO"),
            ("T", "TAU"),
        )
    },
}


def homoglyph(doc: Doc, index: int, rng: random.Random, variant: Variant) -> list[Edit] | None:
    """One letter of a word typed on the wrong keyboard layout: 'Pаris', 'WНO'."""
    letters = HOMOGLYPHS[variant.name]
    match = pick(
        rng, r"\b[A-Za-z]{4,}\b", doc.paragraph(index), lambda m: any(c in letters for c in m.group())
    )
    if not match:
        return None
    word = match.group()
    positions = [i for i, c in enumerate(word) if c in letters]
    position = rng.choice(positions)
    new = word[:position] + unicodedata.lookup(letters[word[position]]) + word[position + 1 :]
    return replace_match(doc, index, match, new, variant)
