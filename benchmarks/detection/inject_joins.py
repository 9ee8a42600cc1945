"""Joins and lost capitals of issue 12: a preposition run into a pronoun, a lost stop before a common word, a paragraph in lowercase.

The words are the document's own: "to him" becomes "tohim", "vegetables. Husband" becomes
"vegetablesHusband" only where the capitalised word is a common English word (the document also
writes it in lowercase), so no name or brand can give the join away.
"""

from __future__ import annotations

import random
import re

from benchmarks.detection.injection import Doc, Variant, insert_after_sentence, pick, replace_match
from benchmarks.detection.model import LOOKALIKE, Edit

PREPOSITION_PRONOUN = r"(?<=[a-z] )(to|for|with|from|by|of|on|at|in) (him|her|them|his|their|its|this)\b"
LOST_STOP_BEFORE_WORD = r"\b([a-z]{4,})[.,] ([A-Z][a-z]{2,})\b"
PARAGRAPH_OPENER = re.compile(r"[A-Z][a-z]+\b")


def preposition_pronoun(doc: Doc, index: int, rng: random.Random, variant: Variant) -> list[Edit] | None:
    """'tohim', 'fortheir': a preposition joined to the pronoun after it, unless that makes a word ('onus')."""
    from qa.checks.run_together import english_lexicon

    paragraph = doc.paragraph(index)
    match = pick(
        rng, PREPOSITION_PRONOUN, paragraph, lambda m: m.group(1) + m.group(2) not in english_lexicon()
    )
    return replace_match(doc, index, match, match.group(1) + match.group(2), variant) if match else None


def lost_stop_before_common_word(
    doc: Doc, index: int, rng: random.Random, variant: Variant
) -> list[Edit] | None:
    """'vegetablesHusband': a full stop or comma and its space lost before a common word that opens a sentence."""
    from qa.checks.run_together import english_lexicon

    paragraph = doc.paragraph(index)
    match = pick(
        rng,
        LOST_STOP_BEFORE_WORD,
        paragraph,
        lambda m: (
            m.group(2).lower() in doc.lowercase_words
            and (m.group(1) + m.group(2)).lower() not in english_lexicon()
        ),  # "thereFor" reads as "therefor"
    )
    return replace_match(doc, index, match, match.group(1) + match.group(2), variant) if match else None


def lowercase_paragraph(doc: Doc, index: int, rng: random.Random, variant: Variant) -> list[Edit] | None:
    """A paragraph after one that ended a sentence starts in lowercase: 'It ended.\\n\\nthe two sides …'."""
    if index == 0 or not _ends_prose_sentence(doc.paragraph(index - 1)):
        return None
    opener = PARAGRAPH_OPENER.match(doc.paragraph(index))
    if not opener or opener.group().lower() not in doc.lowercase_words:
        return None
    start = doc.paragraphs[index].start
    word = opener.group()
    return [Edit(start, start + len(word), word.lower(), (variant.mark(0, len(word)),))]


def _ends_prose_sentence(paragraph: str) -> bool:
    """Ends with a full stop and leaves no quotation open: the next paragraph must open a sentence."""
    closed = paragraph.count('"') % 2 == 0 and paragraph.count("“") == paragraph.count("”")
    return paragraph.rstrip().endswith(".") and closed


LEXICON_LOOKALIKES: dict[str, str] = {
    "split-words": "The therapist said it was notable that, together with another aide, he cannot understand it.",
    "brands": "OpenAI, DeepMind and JPMorgan staff use WhatsApp, LinkedIn and YouTube on a MacBook or PlayStation.",
}
"""Correct English a segmenter could split ('the rapist') and brands of two English words."""


def lexicon_lookalike(doc: Doc, index: int, rng: random.Random, variant: Variant) -> list[Edit] | None:
    return insert_after_sentence(doc, index, rng, LEXICON_LOOKALIKES[variant.name], variant)


VARIANTS: list[Variant] = [
    Variant("run-together-word", "preposition-pronoun", ("run-together-word",), preposition_pronoun),
    Variant(
        "run-together-word", "lost-stop-common-word", ("run-together-word",), lost_stop_before_common_word
    ),
    Variant(
        "lowercase-sentence-start", "paragraph-start", ("lowercase-sentence-start",), lowercase_paragraph
    ),
]
LOOKALIKES: list[Variant] = [
    Variant(LOOKALIKE, name, (), lexicon_lookalike, ("run-together-word", "lowercase-sentence-start"))
    for name in LEXICON_LOOKALIKES
]
