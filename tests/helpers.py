"""Running rules on literal text through the real engine."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from qa.catalogue import Catalogue, Rule, bundled_rules_folder
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
