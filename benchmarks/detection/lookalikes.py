"""Legitimate English that looks like an artifact: injected into clean copy, it must not be flagged."""

from __future__ import annotations

import random

from benchmarks.detection import material
from benchmarks.detection.injection import Doc, Variant, insert_after_sentence, insert_paragraph_after
from benchmarks.detection.model import Edit
from benchmarks.detection.text import sentence_spans

# Sentences a news editor would pass; each tempts the rules named beside it.
SENTENCES: dict[str, tuple[str, tuple[str, ...]]] = {
    "had-had": (
        "By then the delegation had had enough of the delays.",
        ("duplicated-word", "repetition-loop"),
    ),
    "that-that": ("Officials said that that decision was final.", ("duplicated-word",)),
    "may-may": (
        "The rain that May may bring is welcome, farmers said.",
        ("duplicated-word", "mid-sentence-capital", "foreign-date"),
    ),
    "apostrophes": (
        "Fans of the Texas{a} team grew up on rock {a}n{a} roll in the {a}90s.",
        ("unbalanced-quote", "quote-style"),
    ),
    "number-sign": (
        "The company is the country{a}s No. 2 carmaker.",
        ("mid-sentence-capital", "lowercase-sentence-start", "number-format"),
    ),
    "brand-punctuation": (
        "The story was first reported by Yahoo! News and picked up by other sites.",
        ("foreign-punctuation", "lowercase-sentence-start", "mid-sentence-capital"),
    ),
    "brand-names": (
        "Sales of the iPhone rose, McDonald{a}s said, and eBay sellers were pleased.",
        ("run-together-word", "lowercase-sentence-start", "mixed-script"),
    ),
    "english-numbers": ("Some 1,500 people attended, and 3.5 million watched online.", ("number-format",)),
    "foreign-phrase": ("Critics called the decision a fait accompli.", ("untranslated-text",)),
    "titles": ("She told The New York Times about it on a visit to The Hague.", ("mid-sentence-capital",)),
    "initials": (
        "J. K. Rowling and U.S. officials were not available for comment.",
        ("lowercase-sentence-start", "mid-sentence-capital", "spacing"),
    ),
    "emphatic-repetition": (
        "{o}No, no, no,{c} he said when asked about a deal.",
        ("repetition-loop", "duplicated-word", "unbalanced-quote"),
    ),
}


def legitimate_sentence(doc: Doc, index: int, rng: random.Random, variant: Variant) -> list[Edit] | None:
    """A look-alike sentence after a sentence of the paragraph, in the document's own quote style."""
    template, _ = SENTENCES[variant.name]
    sentence = doc.styled(template)
    return insert_after_sentence(doc, index, rng, sentence, variant)


def english_dateline(doc: Doc, index: int, rng: random.Random, variant: Variant) -> list[Edit] | None:
    """'21 Jan 2022 12:55 GMT' under the headline: an English dateline."""
    return insert_paragraph_after(doc, 0, material.dateline(material.random_date(rng), "en"), variant)


def english_full_date(doc: Doc, index: int, rng: random.Random, variant: Variant) -> list[Edit] | None:
    when = material.random_date(rng)
    sentence = f"The next round is set for {material.full_date(when, 'en')}."
    return insert_after_sentence(doc, index, rng, sentence, variant)


def multi_paragraph_quotation(
    doc: Doc, index: int, rng: random.Random, variant: Variant
) -> list[Edit] | None:
    """Two paragraphs quoted the English way: each opens with a mark, only the last one closes."""
    if index + 1 >= len(doc.paragraphs):
        return None
    first, second = doc.paragraph(index), doc.paragraph(index + 1)
    if any(mark in first + second for mark in '"“”') or not second.rstrip().endswith("."):
        return None
    if len(sentence_spans(first)) < 2:
        return None
    opening, closing = ('"', '"') if doc.uses_straight_quotes else ("“", "”")
    first_span, second_span = doc.paragraphs[index], doc.paragraphs[index + 1]
    return [
        Edit(first_span.start, first_span.start, opening, (variant.mark(0, 1),)),
        Edit(
            second_span.start,
            second_span.end,
            opening + second + closing,
            (variant.mark(0, len(second) + 2),),
        ),
    ]
