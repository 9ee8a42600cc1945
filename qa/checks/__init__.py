"""The registry of check kinds: name -> "module:Class", imported on first use."""

from __future__ import annotations

import importlib
from functools import cache
from typing import Any

KINDS: dict[str, str] = {
    "repetition": "qa.checks.repetition:Repetition",
    "quotes": "qa.checks.quotes:Quotes",
    "foreign_dates": "qa.checks.foreign_dates:ForeignDates",
    "name_variants": "qa.checks.name_variants:NameVariants",
    "run_together": "qa.checks.run_together:RunTogether",
    "stray_capitals": "qa.checks.stray_capitals:StrayCapitals",
    "sentence_start": "qa.checks.sentence_start:SentenceStart",
    "phrases": "qa.checks.phrases:Phrases",
    "captions": "qa.checks.captions:Captions",
    "spacing": "qa.checks.spacing:Spacing",
    "foreign_punctuation": "qa.checks.foreign_punctuation:ForeignPunctuation",
    "number_formats": "qa.checks.number_formats:NumberFormats",
    "mojibake": "qa.checks.mojibake:Mojibake",
    "mixed_script": "qa.checks.mixed_script:MixedScript",
    "quote_style": "qa.checks.quote_style:QuoteStyle",
    "loops": "qa.checks.loops:Loops",
    "grammar": "qa.checks.grammar:Grammar",
    "sentence_length": "qa.checks.sentence_length:SentenceLength",
    "readability": "qa.checks.readability:Readability",
    "language": "qa.checks.language:Language",
    "preferred_names": "qa.checks.preferred_names:PreferredNames",
    "source_numbers": "qa.checks.bilingual.numbers:SourceNumbers",
    "source_dates": "qa.checks.bilingual.dates:SourceDates",
    "untranslated_segments": "qa.checks.bilingual.untranslated:UntranslatedSegments",
    "source_names": "qa.checks.bilingual.names:SourceNames",
    "inline_codes": "qa.checks.bilingual.codes:InlineCodes",
    "end_punctuation": "qa.checks.bilingual.punctuation:EndPunctuation",
    "length_ratio": "qa.checks.bilingual.length:LengthRatio",
    "consistency": "qa.checks.bilingual.consistency:Consistency",
}


class UnknownKind(KeyError):
    def __str__(self) -> str:
        return f"unknown check {self.args[0]!r} (valid checks: {', '.join(sorted(KINDS))})"


@cache
def load_kind(name: str) -> Any:
    """An instance of the kind; kinds hold no state, so one instance serves every rule."""
    try:
        target = KINDS[name]
    except KeyError:
        raise UnknownKind(name) from None
    module_name, class_name = target.split(":")
    return getattr(importlib.import_module(module_name), class_name)()


def is_corpus_kind(kind: Any) -> bool:
    return hasattr(kind, "reduce")
