"""Golden findings of every default rule on every rule's examples: a speed change finds the same.

Each rule's bad and good examples make one file; every default rule runs over all of them, so
the golden pins each rule on text written for the others too — offsets, messages, suggestions.
It is the repository's own golden corpus (the WMT22 one, outside it, is benchmarks/compare.py's).
"""

from __future__ import annotations

from pathlib import Path

from qa.engine import Source, run
from tests.helpers import CATALOGUE

GOLDEN = Path(__file__).parent / "golden" / "examples.txt"


def example_files() -> list[Source]:
    """One file a rule: its bad examples then its good ones, a paragraph each (a bilingual rule's:
    a JSON Lines file of its segments for each source language, as a translation file has one)."""
    files: dict[str, list[bytes]] = {}
    for rule in CATALOGUE.rules:
        for example in [*rule.bad_examples, *rule.good_examples]:
            name, data = example.as_file(
                rule.id if example.source is None else f"{rule.id}.{example.source_lang}"
            )
            files.setdefault(name, []).append(data)
    return [
        Source(name, data=(b"" if name.endswith(".jsonl") else b"\n\n").join(parts))
        for name, parts in files.items()
    ]


def golden_lines() -> list[str]:
    """A finding a line, readable in a diff: where, which rule, the text flagged, the suggestion, the message."""
    sources = example_files()
    texts = {source.display: source.data.decode("utf-8") for source in sources}
    results = run(sources, CATALOGUE.select())
    assert not results.input_errors, results.input_errors
    return [
        f"{f.path}:{f.line}:{f.column} {f.rule} {texts[f.path][f.start : f.end]!r} -> {f.suggestion!r}: {f.message}"
        for f in results.findings
    ]


def test_every_default_rule_finds_on_the_examples_what_it_found_before(update_golden: bool) -> None:
    lines = golden_lines()
    if update_golden:
        GOLDEN.write_text("\n".join(lines) + "\n", encoding="utf-8")
    expected = GOLDEN.read_text(encoding="utf-8").splitlines()
    assert lines == expected, "findings changed: review, then regenerate with --update-golden"
