"""Number formats of the source locale that issue 12 adds, and the English numbers that look like them."""

from __future__ import annotations

import random
from decimal import Decimal

from babel.numbers import get_group_symbol

from benchmarks.detection import material
from benchmarks.detection.injection import Doc, Variant, insert_after_sentence, pick, replace_match
from benchmarks.detection.model import LOOKALIKE, Edit

ENGLISH_THOUSANDS = r"(?<![\d.,])(\d{1,3}(?:,\d{3})+)(?![\d,]|\.\d)"
UNCOUNTED_THOUSANDS = ENGLISH_THOUSANDS + r"(?=[.,;)]| (?:were|was|are|have|had|in|of|on|and|from|by)\b)"
"""Thousands that no noun follows: '2,350 were counted', 'a total of 120,000.'"""
SPACE_LOCALES = ("fr", "ru")
"""CLDR groups thousands with a narrow no-break space (fr) or a no-break space (ru)."""


def plain_space_thousands(doc: Doc, index: int, rng: random.Random, variant: Variant) -> list[Edit] | None:
    """'75 000' with a plain space: the CLDR group mark typed as the space key gives it."""
    match = pick(rng, ENGLISH_THOUSANDS, doc.paragraph(index))
    if not match:
        return None
    locale = rng.choice(SPACE_LOCALES)
    written = material.localized_decimal(Decimal(match.group(1).replace(",", "")), locale)
    return replace_match(doc, index, match, written.replace(get_group_symbol(locale), " "), variant, 1)


def uncounted_dot_thousands(doc: Doc, index: int, rng: random.Random, variant: Variant) -> list[Edit] | None:
    """'2.350 were counted', 'a total of 120.000.': dot thousands with no noun after them."""
    match = pick(rng, UNCOUNTED_THOUSANDS, doc.paragraph(index))
    if not match:
        return None
    written = material.localized_decimal(
        Decimal(match.group(1).replace(",", "")), rng.choice(("de", "es", "it"))
    )
    return replace_match(doc, index, match, written, variant, 1)


def plain_space_percent(doc: Doc, index: int, rng: random.Random, variant: Variant) -> list[Edit] | None:
    """'15 %' typed with a plain space, as French and Russian copy sets it."""
    match = pick(rng, r"(?<![\d.,])(\d+(?:\.\d+)?)(?:%| percent| per cent)", doc.paragraph(index))
    if not match:
        return None
    written = material.localized_percent(Decimal(match.group(1)), rng.choice(("fr", "ru")))
    return replace_match(doc, index, match, written.replace("\u00a0", " ").replace("\u202f", " "), variant)


ENGLISH_LOOKALIKES = {
    "number-lists": "Questions 1,2 and 3 were answered, and the vectors [1,2] and (3,4) were plotted.",
    "number-identifiers": "Version 2.0.1 of the app, flight No. 2.350 and section 3.000 of the code were cited.",
    "number-decimals": "The $1.125 billion bond paid a 4.250% coupon; readings were 1.000, 2.125 and 3.250.",
    "number-versions-and-times": "The server 192.168.100.200 went down at 12.30 after the 2.0.1 update, and 1,2-dichloroethane leaked.",
}


def english_number_sentence(doc: Doc, index: int, rng: random.Random, variant: Variant) -> list[Edit] | None:
    """A sentence of correct English numbers that tempt number-format."""
    return insert_after_sentence(doc, index, rng, ENGLISH_LOOKALIKES[variant.name], variant)


VARIANTS: list[Variant] = [
    Variant("number-format", "space-thousands-plain", ("number-format",), plain_space_thousands),
    Variant("number-format", "dot-thousands-uncounted", ("number-format",), uncounted_dot_thousands),
    Variant("number-format", "percent-plain-space", ("number-format", "spacing"), plain_space_percent),
]
LOOKALIKES: list[Variant] = [
    Variant(LOOKALIKE, name, (), english_number_sentence, ("number-format",)) for name in ENGLISH_LOOKALIKES
]
