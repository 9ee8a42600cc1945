"""Foreign dates of issue 12: weekdays before numeric dates, months alone, joined, regional, English-spelled."""

from __future__ import annotations

import functools
import random
import re

from babel.dates import format_date, format_skeleton, get_day_names, get_month_names

from benchmarks.detection import material
from benchmarks.detection.injection import Doc, Variant, insert_after_sentence, insert_paragraph_after
from benchmarks.detection.model import LOOKALIKE, Edit
from benchmarks.detection.text import sentence_spans

REGIONAL_LOCALES = ("de_AT", "ar_SY")
"""Regions whose month names differ from their language's default (Austrian "Jänner", Levantine "شباط")."""
LOWERCASE_MONTH_LOCALES = ("es", "fr", "it", "pt", "nl", "pl")
ENGLISH_SPELLING_LOCALES = ("de", "nl")


@functools.cache
def english_names() -> frozenset[str]:
    """English month and weekday names as CLDR writes them, casefolded, without a dot."""
    return frozenset(
        name.casefold()
        for names in (get_month_names, get_day_names)
        for width in ("wide", "abbreviated")
        for name in names(width, locale="en").values()
    )


def reads_as_english(date: str) -> bool:
    """'14 May 2022', '16 Apr. 2022': every name is an English one as English writes it, with no ordinal dot."""
    names = re.findall(r"[^\W\d_]+", date)
    capitalised = all(name[:1].isupper() for name in names)
    ordinal = re.search(r"[0-9]\.\s", date)
    return (
        bool(names)
        and capitalised
        and not ordinal
        and all(name.casefold() in english_names() for name in names)
    )


def insert_phrase(
    doc: Doc, index: int, rng: random.Random, variant: Variant, preposition: str, date: str
) -> list[Edit] | None:
    """' on <date>' added before the full stop of a sentence of the paragraph, the date marked."""
    paragraph = doc.paragraph(index)
    ends = [
        s.end - 1
        for s in sentence_spans(paragraph)
        if paragraph[s.end - 1] == "." and paragraph[s.end - 2].isalpha()
    ]
    if not ends:
        return None
    new = f" {preposition} {date}"
    offset = doc.paragraphs[index].start + rng.choice(ends)
    return [Edit(offset, offset, new, (variant.mark(2 + len(preposition), len(new)),))]


def weekday_numeric(doc: Doc, index: int, rng: random.Random, variant: Variant) -> list[Edit] | None:
    """'on Mercredi 14/03/2018': a weekday, capitalised as a sentence might have it, before a numeric date."""
    locale, when = rng.choice(material.DATE_LOCALES), material.random_date(rng)
    weekday = material.weekday(when, locale)
    date = f"{weekday[:1].upper()}{weekday[1:]} {material.numeric_date(when, locale)}"
    return insert_phrase(doc, index, rng, variant, "on", date)


def month_alone(doc: Doc, index: int, rng: random.Random, variant: Variant) -> list[Edit] | None:
    """'in late juni': a month with no day or year, in its stand-alone form."""
    locale, when = rng.choice(material.DATE_LOCALES), material.random_date(rng)
    month = format_date(when, "LLLL", locale=locale)
    if month.casefold() in english_names():
        return None  # 'in late november' is a lost capital, not a foreign month
    return insert_phrase(doc, index, rng, variant, f"in {rng.choice(('early', 'late'))}", month)


def joined_date(doc: Doc, index: int, rng: random.Random, variant: Variant) -> list[Edit] | None:
    """'12/octubre/2020': day, month name and year joined by slashes or hyphens."""
    locale, when = rng.choice(material.DATE_LOCALES), material.random_date(rng)
    joint = rng.choice("/-")
    date = format_date(when, f"d{joint}MMMM{joint}y", locale=locale)
    if reads_as_english(date.replace(joint, " ")):
        return None
    return insert_phrase(doc, index, rng, variant, "on", date)


def regional_date(doc: Doc, index: int, rng: random.Random, variant: Variant) -> list[Edit] | None:
    """'14. Jänner 2022', '14 شباط 2022': a region's own month names, where they differ from the language's."""
    locale, when = rng.choice(REGIONAL_LOCALES), material.random_date(rng)
    default = get_month_names("wide", locale=locale.split("_")[0])
    regional = [
        i
        for i, name in get_month_names("wide", locale=locale).items()
        if name != default[i] and " " not in name
    ]
    when = when.replace(month=rng.choice(regional))
    return insert_phrase(doc, index, rng, variant, "on", format_skeleton("yMMMMd", when, locale=locale))


def capitalised_month(doc: Doc, index: int, rng: random.Random, variant: Variant) -> list[Edit] | None:
    """'5 de Março': a day and month whose language writes months in lowercase, capitalised as in English."""
    locale, when = rng.choice(LOWERCASE_MONTH_LOCALES), material.random_date(rng)
    month = format_date(when, "MMMM", locale=locale)
    date = material.day_month(when, locale).replace(month, month[:1].upper() + month[1:])
    if reads_as_english(date):
        return None
    return insert_phrase(doc, index, rng, variant, "on", date)


def english_spelled(doc: Doc, index: int, rng: random.Random, variant: Variant) -> list[Edit] | None:
    """'Montag, 2. August 2021', 'zaterdag 6 november 2021': a full foreign date whose month is spelled as in English."""
    locale, when = rng.choice(ENGLISH_SPELLING_LOCALES), material.random_date(rng)
    english = get_month_names("wide", locale="en")
    same = [
        i
        for i, name in get_month_names("wide", locale=locale).items()
        if name.casefold() == english[i].casefold()
    ]
    date = material.full_date(when.replace(month=rng.choice(same)), locale)
    return insert_phrase(doc, index, rng, variant, "on", date)


def several_word_month(doc: Doc, index: int, rng: random.Random, variant: Variant) -> list[Edit] | None:
    """'14 كانون الثاني 2022': a Levantine Arabic month of two words."""
    when = material.random_date(rng)
    several = [i for i, name in get_month_names("wide", locale="ar_SY").items() if " " in name]
    date = format_skeleton("yMMMMd", when.replace(month=rng.choice(several)), locale="ar_SY")
    return insert_phrase(doc, index, rng, variant, "on", date)


def english_month_alone(doc: Doc, index: int, rng: random.Random, variant: Variant) -> list[Edit] | None:
    """'in late March' and 'by Sat., Jan. 21': English names in the places foreign ones are flagged."""
    when = material.random_date(rng)
    sentence = (
        f"Talks could resume in {rng.choice(('early', 'late'))} {format_date(when, 'MMMM', locale='en')}, "
        f"or by {format_date(when, 'EEE., MMM. d', locale='en')} at the latest."
    )
    return insert_after_sentence(doc, index, rng, sentence, variant)


def numbered_month(doc: Doc, index: int, rng: random.Random, variant: Variant) -> list[Edit] | None:
    """'2. November elections …': a numbered list item that starts with an English month."""
    when = material.random_date(rng)
    line = f"{rng.randint(1, 9)}. {format_date(when, 'MMMM', locale='en')} was the month the plan took shape."
    return insert_paragraph_after(doc, index, line, variant)


def short_numbers(doc: Doc, index: int, rng: random.Random, variant: Variant) -> list[Edit] | None:
    """'the 17/09 deadline', a score and a version number: day-first numbers that are no full date."""
    when = material.random_date(rng)
    sentence = (
        f"The {when:%d/%m} deadline held; the side won {when.day}-{rng.randint(0, 12)}, "
        f"and version {when.day}.{when.month:02d}.{rng.randint(1, 9)} shipped."
    )
    return insert_after_sentence(doc, index, rng, sentence, variant)


KIND = "foreign-date"
VARIANTS: list[Variant] = [
    Variant(KIND, name, (KIND,), injector)
    for name, injector in (
        ("weekday-numeric", weekday_numeric),
        ("month-alone", month_alone),
        ("joined", joined_date),
        ("regional", regional_date),
        ("capitalised", capitalised_month),
        ("english-spelled", english_spelled),
        ("several-words", several_word_month),
    )
]
LOOKALIKES: list[Variant] = [
    Variant(LOOKALIKE, name, (), injector, (KIND,))
    for name, injector in (
        ("english-month-alone", english_month_alone),
        ("numbered-month", numbered_month),
        ("short-numbers", short_numbers),
    )
]
