"""Page furniture and captions (issue 12): labels at the top of an article and more prompts, and
one-line paragraphs that are correct English and tempt caption-leftover or boilerplate. Also the
source language's quotation marks left unbalanced in English copy, and a title quoted inside a
straight quotation, which is correct."""

from __future__ import annotations

import random
import re

from benchmarks.detection.inject_foreign import PAIRED_MARKS
from benchmarks.detection.injection import (
    Doc,
    Variant,
    insert_after_sentence,
    insert_paragraph_after,
    quote_pairs,
    replace_match,
)
from benchmarks.detection.model import Edit
from benchmarks.detection.text import sentence_spans

TOP_LABELS = ["Top Stories", "WATCH LIVE", "Breaking News", "Live updates"]
PAGE_PROMPTS = [
    "Comments are disabled for this article.",
    "Related articles",
    "Sign up for our newsletter",
    "Top Stories",
    "WATCH LIVE",
]
FURNITURE_WORDS_IN_PROSE = [
    "Related articles appeared in three other newspapers the same week.",
    "Live updates were posted on the ministry{a}s website throughout the day.",
    "Comments are disabled for this article on the agency{a}s page, its editor said.",
]
PERSON = r"[A-Z][a-z]+ [A-Z][a-z]+"
APPOSITIVE_SENTENCE = re.compile(rf"{PERSON}, [^,.]{{4,60}}, [a-z]+ ")
"""A sentence that opens with a person and their role, then its verb: 'Ivan Petrov, the mayor, said …'."""


def page_label_at_top(doc: Doc, index: int, rng: random.Random, variant: Variant) -> list[Edit] | None:
    """A label of the web page left above the headline."""
    label = rng.choice(TOP_LABELS)
    return [Edit(0, 0, label + "\n\n", (variant.mark(0, len(label)),))]


def page_prompt(doc: Doc, index: int, rng: random.Random, variant: Variant) -> list[Edit] | None:
    """A comment notice, link heading or sign-up prompt on a line of its own between paragraphs."""
    return insert_paragraph_after(doc, index, rng.choice(PAGE_PROMPTS), variant)


def sentence_as_paragraph(doc: Doc, index: int, rng: random.Random, variant: Variant) -> list[Edit] | None:
    """A sentence with a person, their role and a verb set as a paragraph of its own: prose, no caption."""
    paragraph = doc.paragraph(index)
    spans = [s for s in sentence_spans(paragraph)[1:] if APPOSITIVE_SENTENCE.match(paragraph, s.start)]
    if not spans:
        return None
    span = rng.choice(spans)
    base = doc.paragraphs[index].start
    sentence = paragraph[span.start : span.end]
    gap_start = base + len(paragraph[: span.start].rstrip())
    return [Edit(gap_start, base + span.end, "\n\n" + sentence, (variant.mark(2, 2 + len(sentence)),))]


def byline(doc: Doc, index: int, rng: random.Random, variant: Variant) -> list[Edit] | None:
    """'By First Last' under the headline (offered paragraph 1, which injectors reach), with a name the article holds."""
    names = sorted(set(re.findall(rf"(?<=[a-z,] )({PERSON})\b", doc.text)))
    if index != 1 or not names:
        return None
    return insert_paragraph_after(doc, 0, f"By {rng.choice(names)}", variant)


def furniture_words_in_prose(doc: Doc, index: int, rng: random.Random, variant: Variant) -> list[Edit] | None:
    """A sentence that uses the words of page furniture as prose."""
    apostrophe = "'" if doc.uses_straight_apostrophes else "’"
    sentence = rng.choice(FURNITURE_WORDS_IN_PROSE).format(a=apostrophe)
    return insert_after_sentence(doc, index, rng, sentence, variant)


GUILLEMETS = PAIRED_MARKS["guillemets"]
LOW_OPENING = PAIRED_MARKS["low-quotes"][0]
FOREIGN_QUOTATIONS = {
    "unclosed-guillemet": lambda inner, straight: GUILLEMETS[0] + inner,
    "guillemet-no-opener": lambda inner, straight: inner + GUILLEMETS[1],
    "low-quote-mixed": lambda inner, straight: LOW_OPENING + inner + straight,
}
"""A quotation of the copy rewritten the way MT keeps the source's marks: «… with its closing mark lost, …» with
its opening mark lost, „…" closed with a straight mark in straight-quote copy. The marks are the benchmark's foreign ones."""
TITLE_INSIDE = re.compile(r"(?<=[a-z] )[A-Z][a-z]{2,}(?: [A-Z][a-z]{2,})?(?= [a-z])")


def foreign_quotation(doc: Doc, index: int, rng: random.Random, variant: Variant) -> list[Edit] | None:
    """An existing quotation in foreign marks, one of them lost or English; the truth is the mark left wrong."""
    pairs = quote_pairs(doc.paragraph(index))
    if not pairs or variant.name == "low-quote-mixed" and not doc.uses_straight_quotes:
        return None  # „…” is Polish, a foreign pair and no slip of pairing
    if variant.name == "guillemet-no-opener":
        pairs = [p for p in pairs if p.group()[1:2].islower()]  # a lost opener before "So many" leaves a
        if not pairs:  # stray capital too, a second finding on one slip that the truth cannot place
            return None
    match = rng.choice(pairs)
    new = FOREIGN_QUOTATIONS[variant.name](match.group()[1:-1], '"')
    mark = (len(new) - 1, len(new)) if variant.name == "guillemet-no-opener" else (0, 1)
    return replace_match(doc, index, match, new, variant, mark=mark)


def title_in_straight_quotation(
    doc: Doc, index: int, rng: random.Random, variant: Variant
) -> list[Edit] | None:
    """A name inside a straight quotation quoted as a title: '"We discussed the "Normandy format" there," he said'."""
    if not doc.uses_straight_quotes:
        return None
    pairs = [(m, t) for m in quote_pairs(doc.paragraph(index)) for t in TITLE_INSIDE.finditer(m.group())]
    if not pairs:
        return None
    quotation, title = rng.choice(pairs)
    quoted = quotation.group()
    new = f'{quoted[: title.start()]}"{title.group()}"{quoted[title.end() :]}'
    return replace_match(doc, index, quotation, new, variant)


VARIANTS: list[Variant] = [
    Variant("boilerplate", "top-of-page", ("boilerplate",), page_label_at_top),
    Variant("boilerplate", "page-prompt", ("boilerplate",), page_prompt),
    *(
        Variant("unbalanced-quote", name, ("unbalanced-quote",), foreign_quotation)
        for name in FOREIGN_QUOTATIONS
    ),
]
LOOKALIKES: list[Variant] = [
    Variant("lookalike", "sentence-paragraph", (), sentence_as_paragraph, ("caption-leftover",)),
    Variant("lookalike", "byline", (), byline, ("caption-leftover", "boilerplate")),
    Variant("lookalike", "furniture-words", (), furniture_words_in_prose, ("boilerplate",)),
    Variant("lookalike", "title-in-quotation", (), title_in_straight_quotation, ("unbalanced-quote",)),
]
