"""Artifacts of structure and naming: quotation marks, name spellings, page furniture, captions, calques."""

from __future__ import annotations

import random
import re

from benchmarks.detection import inject_names
from benchmarks.detection.injection import (
    Doc,
    Variant,
    insert_paragraph_after,
    mid_sentence_sentences,
    pick,
    quote_pairs,
    replace_match,
)
from benchmarks.detection.model import Edit
from benchmarks.detection.text import sentence_spans
from qa.segment import CONTINUATION_WORDS, SENTENCE_OPENERS

QUOTE_REWRITES = {
    "lost-close": lambda inner, straight: ('"' if straight else "“") + inner,
    "wrong-orientation": lambda inner, straight: "“" + inner + "“",
    "mixed-straight-curly": lambda inner, straight: "“" + inner + '"',
}


def broken_quote_pair(doc: Doc, index: int, rng: random.Random, variant: Variant) -> list[Edit] | None:
    """An existing quotation whose closing mark is lost, turned the wrong way, or straight after a curly opener."""
    pairs = quote_pairs(doc.paragraph(index))
    if not pairs or variant.name == "wrong-orientation" and doc.uses_straight_quotes:
        return None  # straight marks have no orientation: only curly copy can turn one the wrong way
    if variant.name == "lost-close" and _next_paragraph_opens_quotation(doc, index):
        return None  # the open quotation would read as one continued into the next paragraph: no artifact
    match = rng.choice(pairs)
    return replace_match(
        doc,
        index,
        match,
        QUOTE_REWRITES[variant.name](match.group()[1:-1], doc.uses_straight_quotes),
        variant,
    )


def opened_never_closed(doc: Doc, index: int, rng: random.Random, variant: Variant) -> list[Edit] | None:
    """An opening mark before a sentence in the middle of a paragraph, with no closing mark anywhere."""
    paragraph = doc.paragraph(index)
    spans = sentence_spans(paragraph)[:-1]
    if '"' in paragraph or "“" in paragraph or not spans or _next_paragraph_has_quotes(doc, index):
        return None  # a mark in the next paragraph could close the quotation, or continue it
    span = rng.choice(spans)
    opening = '"' if doc.uses_straight_quotes else "“"
    offset = doc.paragraphs[index].start + span.start
    sentence = paragraph[span.start : span.end]
    return [Edit(offset, offset + len(sentence), opening + sentence, (variant.mark(0, len(sentence) + 1),))]


def _next_paragraph(doc: Doc, index: int) -> str:
    return doc.paragraph(index + 1) if index + 1 < len(doc.paragraphs) else ""


def _next_paragraph_opens_quotation(doc: Doc, index: int) -> bool:
    return _next_paragraph(doc, index).startswith(('"', "“"))


def _next_paragraph_has_quotes(doc: Doc, index: int) -> bool:
    return any(mark in _next_paragraph(doc, index) for mark in '"“”')


def stray_close(doc: Doc, index: int, rng: random.Random, variant: Variant) -> list[Edit] | None:
    """A closing mark after a word, with no quotation open: 'it was not so” and left'."""
    paragraph = doc.paragraph(index)
    if '"' in paragraph or "“" in paragraph:
        return None
    match = pick(rng, r"(?<=[a-z] )([a-z]{3,})(?= [a-z])", paragraph)
    if not match:
        return None
    closing = '"' if doc.uses_straight_quotes else "”"
    new = match.group(1) + closing
    return replace_match(doc, index, match, new, variant, 1, mark=(len(new) - 1, len(new)))


name_variant_in_file = inject_names.in_file  # realistic romanisations live with the other name variants
name_variant_across_files = inject_names.across_files


FURNITURE = {
    "label": ["Advertisement", "ADVERTISEMENT", "Breaking News", "Live updates"],
    "share-prompt": [
        "Share this article",
        "Follow us on Telegram",
        "Subscribe to our newsletter",
        "Share on Facebook Share on Twitter",
    ],
    "photo-credit": ["Photo: Reuters", "Photo: TASS", "Photo: Kyodo News", "Photo: AFP/Getty Images"],
}


def boilerplate_line(doc: Doc, index: int, rng: random.Random, variant: Variant) -> list[Edit] | None:
    """Web-page furniture on a line of its own between paragraphs."""
    if variant.name == "read-more":
        if not doc.other_headlines:
            return None
        line = f"Read more: {rng.choice(doc.other_headlines)}"
    elif variant.name == "copyright":
        publisher = doc.name.split("/")[-1].rsplit(".", 1)[0].replace("-ja", "").title()
        line = f"© 2022 {publisher}. All rights reserved."
    else:
        line = rng.choice(FURNITURE[variant.name])
    return insert_paragraph_after(doc, index, line, variant)


# Words that open a clause after the comma, not a role: "Chojin Olympics, which began …".
CLAUSE_OPENERS = {
    "which",
    "who",
    "whose",
    "where",
    "when",
    "that",
    "and",
    "but",
    "as",
    "if",
    "so",
    "said",
    "says",
}
APPOSITIVE = re.compile(r"\b([A-Z][a-z]+ [A-Z][a-z]+), (?:the |a )?([a-z][^,.;:\"“”()]{5,60}?)[,.]")


def _named_alone(text: str, name: str) -> bool:
    """The article also calls the person by the last name alone ("Dr. Tokarev"): a person, not "United States"."""
    first, last = name.split()
    return re.search(rf"(?<!{first} )\b{last}\b", text) is not None


def caption_line(doc: Doc, index: int, rng: random.Random, variant: Variant) -> list[Edit] | None:
    """'Name, role.' left between paragraphs, built from an appositive the article itself writes."""
    if index < 2 or index >= len(doc.paragraphs) - 1:
        return None
    appositives = [
        m
        for m in APPOSITIVE.finditer(doc.text)
        if 2 <= len(m.group(2).split()) <= 7
        and m.group(2).split()[0] not in CLAUSE_OPENERS
        and m.group(1).split()[0] not in SENTENCE_OPENERS  # "In Spain, from the start" is no name
        and not m.group(2).split()[0].endswith(("ed", "ing"))  # "Anna Bogolepova, talked about …" is a clause
        and m.group(2).split()[0] not in CONTINUATION_WORDS  # "Ivan Startsev, for a short time" is no role
        and _named_alone(doc.text, m.group(1))
    ]
    if not appositives:
        return None
    match = rng.choice(appositives)
    role = match.group(2)[0].upper() + match.group(2)[1:]
    ending = {"name-role": ".", "no-full-stop": "", "with-credit": ". Photo: Reuters"}[variant.name]
    return insert_paragraph_after(doc, index, f"{match.group(1)}, {role}{ending}", variant)


EPITHETS = {
    "Russia": ["the Eurasian country", "the Eurasian giant"],
    "Japan": ["the Asian country", "the Land of the Rising Sun"],
    "China": ["the Asian giant"],
    "Ukraine": ["the Slavic country"],
    "the United States": ["the North American country"],
}


def translationese(doc: Doc, index: int, rng: random.Random, variant: Variant) -> list[Edit] | None:
    """A calque an editor would not write: an epithet for a country, a stock opener, 'both the two'."""
    paragraph = doc.paragraph(index)
    if variant.name == "epithet":
        # not after "the" nor inside a longer name ("the Russia 1 channel", "Russia Today")
        match = pick(rng, r"(?<=[a-z] )(?<!the )(" + "|".join(EPITHETS) + r")\b(?!['’]| [A-Z0-9])", paragraph)
        return (
            replace_match(doc, index, match, rng.choice(EPITHETS[match.group(1)]), variant, 1)
            if match
            else None
        )
    if variant.name == "both-the-two":
        match = pick(rng, r"(?<=[a-z] )(the two)\b", paragraph)
        return replace_match(doc, index, match, "both the two", variant, 1, mark=(0, 12)) if match else None
    spans = mid_sentence_sentences(doc, index)
    if not spans:
        return None
    span = rng.choice(spans)
    opener = rng.choice(["It is worth mentioning that", "It should be noted that"])
    offset = doc.paragraphs[index].start + span.start
    first = paragraph[span.start]
    new = f"{opener} {first.lower()}"
    return [Edit(offset, offset + 1, new, (variant.mark(0, len(opener)),))]
