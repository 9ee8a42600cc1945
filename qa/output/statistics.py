"""`mtqa check --statistics`: findings counted by rule, like `ruff check --statistics`: what to fix first."""

from __future__ import annotations

import json
from typing import TextIO

from qa.catalogue import Catalogue, Rule
from qa.findings import Results


def counts(results: Results, catalogue: Catalogue) -> list[tuple[Rule, int]]:
    """Every rule that found something and how often, most first, then by id."""
    by_count = sorted(results.count_by_rule().items(), key=lambda item: (-item[1], item[0]))
    return [(catalogue.get(rule_id), count) for rule_id, count in by_count]


def render(results: Results, catalogue: Catalogue, out: TextIO) -> None:
    """One line a rule: count, id, severity, `[*]` when its kind has a safe fix, summary."""
    rows = counts(results, catalogue)
    if not rows:
        return
    count_width = len(str(rows[0][1]))
    id_width = max(len(rule.id) for rule, _ in rows)
    for rule, count in rows:
        fix = "[*]" if rule.safe_fix else "[ ]"
        severity = rule.severity.label
        out.write(f"{count:>{count_width}}  {rule.id:<{id_width}}  {severity:<7}  {fix} {rule.summary}\n")


def render_json(results: Results, catalogue: Catalogue, out: TextIO) -> None:
    rows = counts(results, catalogue)
    listed = [{"rule": rule.id, "severity": rule.severity.label, "count": count} for rule, count in rows]
    json.dump(listed, out, ensure_ascii=False, indent=2)
    out.write("\n")
