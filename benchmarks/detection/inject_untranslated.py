"""Untranslated text beyond the source languages of the corpus, and its legitimate look-alikes.

Foreign words come from CLDR through Babel (territory names in each locale's own script, joined
by its own list pattern) and from Faker's Japanese and Russian providers; the loanwords of the
look-alike sentence are English.
"""

from __future__ import annotations

import random

from babel import Locale
from babel.lists import format_list

from benchmarks.detection.injection import Doc, Variant, insert_after_sentence, pick, replace_match
from benchmarks.detection.model import LOOKALIKE, Edit

SCRIPT_LOCALES = ("ar", "ko", "th", "hi", "km", "zh", "am", "my", "lo", "kk")
"""Arabic, Hangul, Thai, Devanagari, Khmer, Chinese and Ethiopic, Burmese, Lao and Kazakh Cyrillic, the
last four languages langdetect has no profile for."""
TERRITORIES = ("DE", "FR", "JP", "CN", "US", "GB", "RU", "UA", "IN", "BR", "EG", "KE")


def script_phrase(doc: Doc, index: int, rng: random.Random, variant: Variant) -> list[Edit] | None:
    """A list of places left in the source script inside an English sentence: '… in 독일, 프랑스 및 일본 …'."""
    match = pick(rng, r"(?<=[a-z] )([a-z]{3,})(?= [a-z])", doc.paragraph(index))
    if not match:
        return None
    locale = rng.choice(SCRIPT_LOCALES)
    names = Locale.parse(locale).territories
    phrase = format_list([names[code] for code in rng.sample(TERRITORIES, 3)], locale=locale)
    new = f"{match.group(1)} {phrase}"
    return replace_match(doc, index, match, new, variant, 1, mark=(len(new) - len(phrase), len(new)))


def _faker(locale: str, rng: random.Random):
    from faker import Faker  # imported here, as in material.py: only these injections need it

    faker = Faker(locale)
    faker.seed_instance(rng.getrandbits(32))
    return faker


def romanised_name(doc: Doc, index: int, rng: random.Random, variant: Variant) -> list[Edit] | None:
    """'Takahashi Ryosuke (高橋亮介)': a Japanese name in its own script after its romanisation."""
    faker = _faker("ja_JP", rng)
    (last, _, last_roman), (first, _, first_roman) = faker.last_name_pair(), faker.first_name_pair()
    sentence = f"The shop is run by {last_roman} {first_roman} ({last}{first}), a local chef."
    return insert_after_sentence(doc, index, rng, sentence, variant)


def russian_title(doc: Doc, index: int, rng: random.Random, variant: Variant) -> list[Edit] | None:
    """A Russian title after its English rendering, as a translator glosses a book or a show.

    In the English copy's own quotation marks: « » would be foreign-punctuation's to report.
    """
    title = _faker("ru_RU", rng).catch_phrase()
    sentence = doc.styled("Her latest book, The Interface ({o}" + title + "{c}), came out last year.")
    return insert_after_sentence(doc, index, rng, sentence, variant)


LOANWORDS = (
    "Critics called the coup d{a}état a fait accompli, and the offer, per se, was bona fide Realpolitik.",
    "Protesters chanted {o}No pasarán{c} outside the building.",
)


def loanwords(doc: Doc, index: int, rng: random.Random, variant: Variant) -> list[Edit] | None:
    """Loanwords and a quoted foreign slogan, in the document's own quote style."""
    return insert_after_sentence(doc, index, rng, doc.styled(rng.choice(LOANWORDS)), variant)


GUARDS = ("untranslated-text",)
VARIANTS: list[Variant] = [
    Variant("untranslated-text", "script-phrase", ("untranslated-text",), script_phrase)
]
LOOKALIKES: list[Variant] = [
    Variant(LOOKALIKE, "romanised-name", (), romanised_name, GUARDS),
    Variant(LOOKALIKE, "russian-title", (), russian_title, GUARDS),
    Variant(LOOKALIKE, "loanwords", (), loanwords, GUARDS),
]
