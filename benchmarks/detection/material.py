"""Foreign words for the injections, from libraries and the corpus's own source side, never typed lists.

Month and weekday names, date patterns and number formats come from CLDR through Babel; Latin-script
foreign prose from Faker's locale word lists; Russian and Japanese sentences from the source texts
aligned with the English references.
"""

from __future__ import annotations

import datetime
import random
from dataclasses import dataclass, field

from babel.dates import format_date, format_skeleton
from babel.numbers import format_decimal, format_percent

# The source-language locales mtqa's foreign-date rule claims, plus the corpus's own source languages.
DATE_LOCALES = ("es", "fr", "de", "it", "pt", "nl", "ru", "tr", "pl")
NUMBER_LOCALES = ("de", "fr", "ru", "es", "it", "pl")
FAKER_LOCALES = ("es_ES", "fr_FR", "de_DE", "it_IT", "nl_NL", "pl_PL")


@dataclass(frozen=True)
class Segment:
    """One aligned segment: the source sentence and its professional English reference."""

    source: str
    reference: str


@dataclass
class Material:
    """Where foreign text comes from, for one run: source segments by document, and a Faker per locale."""

    segments: dict[str, list[Segment]] = field(default_factory=dict)
    _fakers: dict = field(default_factory=dict)

    def date_locale(self, rng: random.Random, pair: str) -> str:
        """Usually the pair's own source language, otherwise one the foreign-date rule claims."""
        source_language = pair.split("-")[0]
        return rng.choice([source_language, *DATE_LOCALES])

    def latin_sentence(self, rng: random.Random, words: int) -> tuple[str, str]:
        locale = rng.choice(FAKER_LOCALES)
        return self._faker(locale, rng).sentence(nb_words=words, variable_nb_words=False), locale

    def latin_paragraph(self, rng: random.Random) -> tuple[str, str]:
        locale = rng.choice(FAKER_LOCALES)
        faker = self._faker(locale, rng)
        return " ".join(faker.sentence(nb_words=rng.randint(9, 14)) for _ in range(3)), locale

    def latin_words(self, rng: random.Random, count: int) -> tuple[str, str]:
        locale = rng.choice(FAKER_LOCALES)
        return " ".join(self._faker(locale, rng).words(nb=count)), locale

    def _faker(self, locale: str, rng: random.Random):
        from faker import Faker  # imported here: only the Latin-script untranslated injections need it

        if locale not in self._fakers:
            self._fakers[locale] = Faker(locale)
        faker = self._fakers[locale]
        faker.seed_instance(rng.getrandbits(32))
        return faker


def random_date(rng: random.Random) -> datetime.datetime:
    """A 2022 date whose day is above 12, so a day-first numeric date cannot be read month-first."""
    return datetime.datetime(
        2022, rng.randint(1, 12), rng.randint(13, 28), rng.randint(0, 23), rng.randint(0, 59)
    )


def dateline(when: datetime.datetime, locale: str) -> str:
    """'21 ene 2022 12:55 GMT': a wire dateline with the source's abbreviated month."""
    day = format_date(when, "long" if locale == "ja" else "d MMM y", locale=locale)
    return f"{day} {when:%H:%M} GMT"


def day_month(when: datetime.datetime, locale: str) -> str:
    return format_skeleton("MMMMd", when, locale=locale)


def month_year(when: datetime.datetime, locale: str) -> str:
    return format_skeleton("yMMMM", when, locale=locale)


def weekday(when: datetime.datetime, locale: str) -> str:
    return format_date(when, "EEEE", locale=locale)


def full_date(when: datetime.datetime, locale: str) -> str:
    return format_date(when, "full", locale=locale)


def numeric_date(when: datetime.datetime, locale: str) -> str:
    return format_date(when, "short", locale=locale)


def localized_decimal(value: float, locale: str) -> str:
    return format_decimal(value, locale=locale)


def localized_percent(value: float, locale: str) -> str:
    """'15 %' in French, Russian or German: a (no-break) space before the sign, as CLDR writes it."""
    return format_percent(value / 100, locale=locale, decimal_quantization=False)
