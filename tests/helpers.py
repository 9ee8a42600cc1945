"""Running rules on literal text through the real engine."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from qa.catalogue import Catalogue, Example, Rule, bundled_rules_folder
from qa.engine import Source, run
from qa.findings import Finding

CATALOGUE = Catalogue.load([bundled_rules_folder()])


def findings_for(texts: str | Sequence[str], *rule_ids: str, examples: bool = False) -> list[Finding]:
    """Findings of the named rules (all enabled rules if none) on one text or several files.

    With `examples`, rules run with the options their YAML examples are written for.
    """
    texts = [texts] if isinstance(texts, str) else list(texts)
    rules: list[Rule] = CATALOGUE.select(rule_ids)
    if examples:
        rules = [replace(r, options=r.example_options) if r.example_options else r for r in rules]
    sources = [Source(f"example-{i}.txt", data=text.encode("utf-8")) for i, text in enumerate(texts)]
    return run(sources, rules).findings


def flagged(texts: str | Sequence[str], rule_id: str) -> list[str]:
    """The flagged text of each finding of one rule."""
    texts = [texts] if isinstance(texts, str) else list(texts)
    by_path = {f"example-{i}.txt": text for i, text in enumerate(texts)}
    return [by_path[f.path][f.start : f.end] for f in findings_for(texts, rule_id)]


def example_findings(example: Example, rule_id: str) -> list[tuple[str, Finding]]:
    """A rule's findings on one of its examples (run with its example options), each with the text
    it flags: of the example's text, or of its segment's target when the example is bilingual."""
    rule = CATALOGUE.get(rule_id)
    if rule.example_options:
        rule = replace(rule, options=rule.example_options)
    name, data = example.as_file("example")
    found = run([Source(name, data=data)], [rule])
    assert not found.input_errors, found.input_errors
    return [(_flagged_text(example, f), f) for f in found.findings]


def _flagged_text(example: Example, finding: Finding) -> str:
    if finding.segment is None:
        return example.text[finding.start : finding.end]
    _source, target = example.segments[int(finding.segment.id) - 1]  # JSON Lines: a segment's id is its line
    return target[finding.segment.start : finding.segment.end]


def file_place(text: str, index: int) -> tuple[int, int]:
    """1-based line and column of text[index], counted here from the file's own line breaks: the
    loader tests' expectation, computed apart from the Document's own arithmetic."""
    return text.count("\n", 0, index) + 1, index - (text.rfind("\n", 0, index) + 1) + 1
