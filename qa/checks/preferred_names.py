"""A spelling the house names list replaces ("Kiev" -> "Kyiv"), even where it is the only one.

`name-variant` finds a name spelled two ways in the run, but a file that spells a
name one wrong way throughout gives it nothing to compare. An editor's list of
preferred spellings settles those: every listed variant is flagged wherever it
stands as a whole word (or run of words) written as listed or in capitals, so
"Kiev" and "KIEV" are flagged and "Kievan Rus" or a lower-case "kiev" is not.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import ClassVar

from qa.checks.base import option
from qa.document import Document
from qa.findings import Match


@dataclass(frozen=True, kw_only=True)
class PreferredNamesOptions:
    names: tuple[str, ...] = option(
        (), 'The preferred spelling, then its variants: "Kyiv | Kiev", "Antony Blinken | Anthony Blinken".'
    )
    allow: tuple[str, ...] = option(
        (), 'Phrases in which a variant stays, such as fixed names: "chicken Kiev", "Dynamo Kiev".'
    )

    def __post_init__(self) -> None:
        for entry in self.names:
            if len(spellings(entry)) < 2:
                raise ValueError(f"{entry!r} must give the preferred spelling, '|', then one or more variants")


def spellings(entry: str) -> list[str]:
    return [" ".join(part.split()) for part in entry.split("|") if part.strip()]


@dataclass(frozen=True)
class _Lookup:
    pattern: re.Pattern[str]
    """Any variant, as a whole word or run of words."""
    preferred: dict[str, str]
    """Variant -> preferred spelling."""
    allowed: re.Pattern[str] | None


@lru_cache(maxsize=16)
def _lookup(options: PreferredNamesOptions) -> _Lookup:
    preferred = {}
    for entry in options.names:
        house, *variants = spellings(entry)
        for variant in variants:
            preferred[variant] = house
            preferred.setdefault(variant.upper(), house.upper())  # a headline in capitals: "KIEV"
    return _Lookup(_any_of(preferred), preferred, _any_of(options.allow) if options.allow else None)


def _any_of(phrases: Iterable[str]) -> re.Pattern[str]:
    """Whole words only; the spaces inside a phrase match any run of white space (a line break)."""
    longest_first = sorted(phrases, key=len, reverse=True)
    alternatives = "|".join(r"\s+".join(map(re.escape, phrase.split())) for phrase in longest_first)
    return re.compile(rf"(?<![\w-])(?:{alternatives})(?![\w-])")


class PreferredNames:
    """Each occurrence of a listed variant, with the preferred spelling as its suggestion."""

    name: ClassVar[str] = "preferred_names"
    Options: ClassVar[type] = PreferredNamesOptions
    fixable: ClassVar[str] = "always"

    def check(self, doc: Document, options: PreferredNamesOptions) -> Iterator[Match]:
        if not options.names:
            return
        lookup = _lookup(options)
        allowed = [m.span() for m in lookup.allowed.finditer(doc.text)] if lookup.allowed else []
        for found in lookup.pattern.finditer(doc.text):
            if any(start <= found.start() and found.end() <= end for start, end in allowed):
                continue
            variant = " ".join(found.group().split())
            house = lookup.preferred[variant]
            message = f"'{variant}' is spelled '{house}' in this copy (the names list)."
            yield Match(found.start(), found.end(), message, house)
