"""Artifacts of words and spaces: doubled words, loops, run-together words, spacing, capitals."""

from __future__ import annotations

import random
import re

from benchmarks.detection.injection import Doc, Variant, mid_sentence_sentences, pick, replace_match
from benchmarks.detection.model import Edit
from benchmarks.detection.text import sentence_spans

MID_WORD = r"(?<=[a-z,] )([a-z]{2,})(?= [a-z])"
MID_PHRASE = r"(?<=[a-z,] )([a-z]{2,} [a-z]{2,})(?= [a-z])"
LONG_PHRASE = r"(?<=[a-z,] )((?:[a-z]+ ){4}[a-z]+)(?= )"
CORRECT_DOUBLES = {"had", "that"}
QUOTE_MARKS = frozenset('"“”‘’«»„')


def doubled_word(doc: Doc, index: int, rng: random.Random, variant: Variant) -> list[Edit] | None:
    """'the the' (exact), 'no No' (case change) or 'the\\nthe' (across a line break)."""
    match = pick(rng, MID_WORD, doc.paragraph(index), lambda m: m.group(1) not in CORRECT_DOUBLES)
    if not match:
        return None
    word = match.group(1)
    second = {"exact": word, "case-change": word.capitalize(), "line-break": word}[variant.name]
    separator = "\n" if variant.name == "line-break" else " "
    return replace_match(doc, index, match, f"{word}{separator}{second}", variant, 1)


def doubled_sentence_start(doc: Doc, index: int, rng: random.Random, variant: Variant) -> list[Edit] | None:
    """'The the ministers met': the capital copy opens the sentence."""
    paragraph = doc.paragraph(index)
    match = pick(
        rng,
        r"(?:^|(?<=[.!?] ))([A-Z][a-z]+)(?= [a-z])",
        paragraph,
        lambda m: m.group(1).lower() in doc.lowercase_words and m.group(1).lower() not in CORRECT_DOUBLES,
    )
    if not match:
        return None
    return replace_match(doc, index, match, f"{match.group(1)} {match.group(1).lower()}", variant, 1)


def repeated_phrase(doc: Doc, index: int, rng: random.Random, variant: Variant) -> list[Edit] | None:
    """A phrase written again: twice ('said that said that'), three times, or a five-word phrase twice."""
    pattern, times = {
        "doubled-phrase": (MID_PHRASE, 2),
        "phrase-x3": (MID_PHRASE, 3),
        "word-x3": (r"(?<=[a-z] )([a-z]{4,})(?= [a-z])", 3),
        "long-phrase-x2": (LONG_PHRASE, 2),
    }[variant.name]
    match = pick(rng, pattern, doc.paragraph(index))
    if not match:
        return None
    return replace_match(doc, index, match, " ".join([match.group(1)] * times), variant, 1)


def repeated_sentence(doc: Doc, index: int, rng: random.Random, variant: Variant) -> list[Edit] | None:
    """A whole sentence written twice back to back."""
    paragraph = doc.paragraph(index)
    spans = [
        s
        for s in sentence_spans(paragraph)
        if len(paragraph[s.start : s.end].split()) >= 6
        and not QUOTE_MARKS.intersection(paragraph[s.start : s.end])
    ]  # a sentence holding quotation marks would copy the paragraph's own quote slips too
    if not spans:
        return None
    span = rng.choice(spans)
    sentence = paragraph[span.start : span.end]
    offset = doc.paragraphs[index].start + span.start
    return [
        Edit(
            offset,
            offset + len(sentence),
            f"{sentence} {sentence}",
            (variant.mark(0, 2 * len(sentence) + 1),),
        )
    ]


RUN_TOGETHER = {
    "lost-comma": r"\b([A-Za-z][a-z]{2,}), ([A-Z][a-z]{2,})\b",
    "lost-full-stop": r"\b([a-z]{3,})\. ([A-Z][a-z]{2,})\b",
    "glue-word": r"(?<=[a-z] )(to|the|of|in|from|for|with) ([A-Z][a-z]{2,})\b",
    "lowercase-join": r"(?<=[a-z] )(of|in|to|on|at|for) (the|a)\b",
}


def run_together(doc: Doc, index: int, rng: random.Random, variant: Variant) -> list[Edit] | None:
    """Two words joined where ', ', '. ' or a space was lost: 'UkraineBlinken', 'GenevaThe', 'toGeneva', 'ofthe'."""
    match = pick(rng, RUN_TOGETHER[variant.name], doc.paragraph(index))
    if not match:
        return None
    return replace_match(doc, index, match, match.group(1) + match.group(2), variant)


def run_together_lost_quote(doc: Doc, index: int, rng: random.Random, variant: Variant) -> list[Edit] | None:
    """'invades UkraineBlinken stressed': the closing mark, its punctuation and the space are lost together.

    Two truths: the joined word, and the quotation that is now never closed.
    """
    paragraph = doc.paragraph(index)
    closing = pick(
        rng,
        r"\b([a-z]{3,})[,.]?[\"”] ([A-Z][a-z]{2,})\b",
        paragraph,
        lambda m: paragraph.count('"', 0, m.start()) % 2 == 1 or "“" in paragraph[: m.start()],
    )
    if not closing:
        return None
    opener = max(paragraph.rfind('"', 0, closing.start()), paragraph.rfind("“", 0, closing.start()))
    joined = closing.group(1) + closing.group(2)
    new = paragraph[opener : closing.start()] + joined
    base = doc.paragraphs[index].start
    marks = (variant.mark(len(new) - len(joined), len(new)), LOST_QUOTE.mark(0, len(new)))
    return [Edit(base + opener, base + closing.end(), new, marks)]


LOST_QUOTE = Variant(
    "unbalanced-quote", "lost-with-run-together", ("unbalanced-quote",), run_together_lost_quote
)
"""The second truth of run_together_lost_quote: the quotation it leaves open."""


SPACING = {
    "double-space": (r"(?<=[a-z])( )(?=[a-z])", "  "),
    "no-space-after-comma": (r"(?<=[a-z])(, )(?=[a-z])", ","),
    "space-before-comma": (r"(?<=[a-z])(,)(?= )", " ,"),
    "space-before-full-stop": (r"(?<=[a-z])(\.)(?= [A-Z]|$)", " ."),
}


def spacing(doc: Doc, index: int, rng: random.Random, variant: Variant) -> list[Edit] | None:
    """A space doubled, lost after a comma, or put before a comma or full stop."""
    pattern, new = SPACING[variant.name]
    match = pick(rng, pattern, doc.paragraph(index))
    return replace_match(doc, index, match, new, variant, 1) if match else None


def no_space_after_full_stop(doc: Doc, index: int, rng: random.Random, variant: Variant) -> list[Edit] | None:
    """'door.We': one problem that spacing or run-together-word may report."""
    match = pick(rng, RUN_TOGETHER["lost-full-stop"], doc.paragraph(index))
    return replace_match(doc, index, match, f"{match.group(1)}.{match.group(2)}", variant) if match else None


def stray_full_stop(doc: Doc, index: int, rng: random.Random, variant: Variant) -> list[Edit] | None:
    """'in the Swiss city of Geneva. this Friday': a full stop lands inside a sentence."""
    paragraph = doc.paragraph(index)
    match = pick(
        rng,
        r"(?<=[a-z]{3}) ([a-z]{2,})(?= [a-z]+ [a-z]+)",
        paragraph,
        lambda m: len(re.split(r"[.!?] ", paragraph[: m.start()])[-1].split()) >= 4,
    )
    if not match:
        return None
    new = f". {match.group(1)}"
    return replace_match(doc, index, match, new, variant)


def lost_capital(doc: Doc, index: int, rng: random.Random, variant: Variant) -> list[Edit] | None:
    """A sentence after a full stop starts in lowercase: 'The talks ended. the two sides …'."""
    spans = mid_sentence_sentences(doc, index)
    if not spans:
        return None
    span = rng.choice(spans)
    paragraph = doc.paragraph(index)
    word = re.match(r"[A-Z][a-z]+", paragraph[span.start :]).group()
    offset = doc.paragraphs[index].start + span.start
    return [Edit(offset, offset + len(word), word.lower(), (variant.mark(0, len(word)),))]


def capital_function_word(doc: Doc, index: int, rng: random.Random, variant: Variant) -> list[Edit] | None:
    """'the concerns that We feel it': a word that opens sentences elsewhere keeps its capital mid-sentence."""
    # Short words that both open sentences and recur in lowercase are function words: 'we', 'the', 'this'.
    openers = {
        m.group(1).lower() for m in re.finditer(r"(?:^|[.!?] )([A-Z][a-z]{0,3}) ", doc.text, re.MULTILINE)
    }
    recurring = {w for w in openers if len(re.findall(rf"\b{w}\b", doc.text)) >= 3}
    match = pick(
        rng, r"(?<=[a-z] )([a-z]{1,4})(?= [a-z])", doc.paragraph(index), lambda m: m.group(1) in recurring
    )
    return replace_match(doc, index, match, match.group(1).capitalize(), variant, 1) if match else None


NAME_WITH_THE = re.compile(
    r"The (?:Daily|Times|Guardian|New York|Washington|Wall Street|Economist|Moscow|Japan|Hague|Independent"
    r"|Telegraph|Sun|Mirror|Financial|Korea|Insider|Bell)\b"
)
"""Names that take a capital "The": a sentence they open, joined by a comma, may be correct English."""


def comma_joined_sentences(doc: Doc, index: int, rng: random.Random, variant: Variant) -> list[Edit] | None:
    """Two sentences joined with a comma, the second keeping its capital: 'the talks ended, The sides …'."""
    spans = mid_sentence_sentences(doc, index)
    paragraph = doc.paragraph(index)
    spans = [
        s
        for s in spans
        if paragraph[: s.start].rstrip().endswith(".") and not NAME_WITH_THE.match(paragraph, s.start)
    ]  # "…cancer, The Daily Express warned" is correct English: a name, and a reporting clause
    if not spans:
        return None
    span = rng.choice(spans)
    stop = paragraph.rindex(".", 0, span.start)
    word = re.match(r"[A-Z][a-z]+", paragraph[span.start :]).group()
    base = doc.paragraphs[index].start
    new = ", " + word
    return [Edit(base + stop, base + span.start + len(word), new, (variant.mark(2, len(new)),))]
