"""The readability figures of a file as the report shows them: a plain name and what it means.

The metrics a run computed are shown whichever of them are there (an older run, or a
text without words, has fewer): a figure is shown when its key is present, never required.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

from qa.metrics import reading_ease_label


@dataclass(frozen=True)
class Figure:
    key: str
    label: str
    hint: str
    shown: Callable[[float], str]


def _one_decimal(value: float) -> str:
    return f"{value:.1f}"


def _ease(value: float) -> str:
    return f"{value:.0f} ({reading_ease_label(value)})"


def _duration(seconds: float) -> str:
    minutes, rest = divmod(round(seconds), 60)
    if not minutes:
        return f"{rest} s"
    return f"{minutes} min {rest} s" if rest else f"{minutes} min"


FIGURES = (
    Figure(
        "flesch_reading_ease",
        "Reading ease",
        "Flesch, 0 to 100: higher is easier; news aims at 60 or more.",
        _ease,
    ),
    Figure(
        "flesch_kincaid_grade", "Grade level", "Flesch–Kincaid: years of school a reader needs.", _one_decimal
    ),
    Figure(
        "gunning_fog", "Fog index", "Gunning: years of school to follow it at first reading.", _one_decimal
    ),
    Figure(
        "smog_index",
        "SMOG grade",
        "Years of school, from the words of three syllables or more.",
        _one_decimal,
    ),
    Figure(
        "coleman_liau_index",
        "Coleman–Liau grade",
        "Years of school, from letters a word and words a sentence.",
        _one_decimal,
    ),
    Figure(
        "dale_chall_score",
        "Dale–Chall score",
        "Hard words and long sentences: under 6 is easy, 9 or more is for graduates.",
        _one_decimal,
    ),
    Figure(
        "avg_sentence_length",
        "Words a sentence",
        "On average; above 20 or so, sentences get hard to follow.",
        _one_decimal,
    ),
    Figure("reading_time_seconds", "Reading time", "For an average adult reader.", _duration),
)


BY_KEY = {figure.key: figure for figure in FIGURES}


def shown_figures(metrics: Mapping[str, float]) -> list[dict[str, str]]:
    """Each figure present in `metrics`, in FIGURES' order: its label, value as shown, and hint."""
    return [
        {"key": f.key, "label": f.label, "value": value, "hint": f.hint}
        for f in FIGURES
        if (value := figure(metrics, f.key)) is not None
    ]


def figure(metrics: Mapping[str, float], key: str) -> str | None:
    """One figure as shown, or None when the run did not compute it."""
    value = metrics.get(key)
    return BY_KEY[key].shown(value) if isinstance(value, (int, float)) else None
