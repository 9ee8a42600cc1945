"""The catalogue of injections: every artifact kind mtqa claims, several variants each, and the look-alikes."""

from __future__ import annotations

from benchmarks.detection import (
    inject_dates,
    inject_furniture,
    inject_joins,
    inject_names,
    inject_numbers,
    inject_untranslated,
    lookalikes,
)
from benchmarks.detection import inject_foreign as foreign
from benchmarks.detection import inject_structure as structure
from benchmarks.detection import inject_words as words
from benchmarks.detection.injection import Variant
from benchmarks.detection.model import LOOKALIKE


def _variants(kind: str, injector, names: list[str], rules: tuple[str, ...] = ()) -> list[Variant]:
    return [Variant(kind, name, rules or (kind,), injector) for name in names]


ARTIFACTS: list[Variant] = [
    *_variants("duplicated-word", words.doubled_word, ["exact", "case-change", "line-break"]),
    Variant("duplicated-word", "sentence-initial", ("duplicated-word",), words.doubled_sentence_start),
    Variant(
        "duplicated-word", "doubled-phrase", ("duplicated-word", "repetition-loop"), words.repeated_phrase
    ),
    *_variants("repetition-loop", words.repeated_phrase, ["phrase-x3", "long-phrase-x2"]),
    Variant("repetition-loop", "word-x3", ("repetition-loop", "duplicated-word"), words.repeated_phrase),
    Variant("repetition-loop", "sentence-x2", ("repetition-loop",), words.repeated_sentence),
    Variant("foreign-date", "dateline", ("foreign-date",), foreign.foreign_dateline),
    *_variants("foreign-date", foreign.foreign_date_in_sentence, list(foreign.DATE_FORMS)),
    *_variants("unbalanced-quote", structure.broken_quote_pair, ["lost-close", "wrong-orientation"]),
    Variant(
        "unbalanced-quote",
        "mixed-straight-curly",
        ("unbalanced-quote", "quote-style"),
        structure.broken_quote_pair,
    ),
    Variant("unbalanced-quote", "opened-never-closed", ("unbalanced-quote",), structure.opened_never_closed),
    Variant("unbalanced-quote", "stray-close", ("unbalanced-quote",), structure.stray_close),
    Variant("name-variant", "in-file", ("name-variant",), structure.name_variant_in_file),
    Variant("name-variant", "across-files", ("name-variant",), structure.name_variant_across_files),
    *_variants("untranslated-text", foreign.source_paragraph, ["source-paragraph"]),
    *_variants("untranslated-text", foreign.source_sentence, ["source-sentence"]),
    *_variants("untranslated-text", foreign.source_fragment, ["source-fragment"]),
    *_variants("untranslated-text", foreign.latin_paragraph, ["latin-paragraph"]),
    *_variants("untranslated-text", foreign.latin_sentence, ["latin-sentence"]),
    *_variants("untranslated-text", foreign.latin_fragment, ["latin-fragment"]),
    *_variants("run-together-word", words.run_together, list(words.RUN_TOGETHER)),
    Variant("run-together-word", "lost-quote-close", ("run-together-word",), words.run_together_lost_quote),
    *_variants("spacing", words.spacing, list(words.SPACING)),
    Variant(
        "spacing",
        "no-space-after-full-stop",
        ("spacing", "run-together-word"),
        words.no_space_after_full_stop,
    ),
    *_variants("number-format", foreign.foreign_number, list(foreign.ENGLISH_NUMBERS)),
    Variant("number-format", "percent-space", ("number-format", "spacing"), foreign.foreign_percent),
    *_variants(
        "boilerplate",
        structure.boilerplate_line,
        ["label", "share-prompt", "photo-credit", "read-more", "copyright"],
    ),
    *_variants("caption-leftover", structure.caption_line, ["name-role", "no-full-stop", "with-credit"]),
    Variant(
        "lowercase-sentence-start", "stray-full-stop", ("lowercase-sentence-start",), words.stray_full_stop
    ),
    Variant("lowercase-sentence-start", "lost-capital", ("lowercase-sentence-start",), words.lost_capital),
    Variant("mid-sentence-capital", "function-word", ("mid-sentence-capital",), words.capital_function_word),
    Variant("mid-sentence-capital", "comma-join", ("mid-sentence-capital",), words.comma_joined_sentences),
    *_variants("mojibake", foreign.mojibake, list(foreign.MOJIBAKE_TARGETS)),
    Variant("mojibake", "quotes", ("mojibake",), foreign.mojibake_quotes),
    Variant("mojibake", "byte-order-mark", ("mojibake",), foreign.byte_order_mark),
    *_variants("mixed-script", foreign.homoglyph, list(foreign.HOMOGLYPHS)),
    *_variants("foreign-punctuation", foreign.foreign_quote_pair, list(foreign.PAIRED_MARKS)),
    *_variants("foreign-punctuation", foreign.fullwidth_mark, list(foreign.FULLWIDTH)),
    *_variants("translationese", structure.translationese, ["epithet", "stock-opener", "both-the-two"]),
]

LOOKALIKES: list[Variant] = [
    *[
        Variant(LOOKALIKE, name, (), lookalikes.legitimate_sentence, guards)
        for name, (_, guards) in lookalikes.SENTENCES.items()
    ],
    Variant(LOOKALIKE, "english-dateline", (), lookalikes.english_dateline, ("foreign-date",)),
    Variant(LOOKALIKE, "english-full-date", (), lookalikes.english_full_date, ("foreign-date",)),
    Variant(
        LOOKALIKE,
        "multi-paragraph-quotation",
        (),
        lookalikes.multi_paragraph_quotation,
        ("unbalanced-quote",),
    ),
]

KIND_MODULES = (
    inject_dates,
    inject_numbers,
    inject_joins,
    inject_untranslated,
    inject_names,
    inject_furniture,
)
"""Modules that declare their own VARIANTS and LOOKALIKES, one per family of rules."""
ARTIFACTS += [variant for module in KIND_MODULES for variant in module.VARIANTS]
LOOKALIKES += [variant for module in KIND_MODULES for variant in module.LOOKALIKES]
