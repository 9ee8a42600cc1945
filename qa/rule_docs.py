"""A rule's documentation assembled from its YAML fields and its kind's options (`mtqa explain`),
and the catalogue as a table (`mtqa rules`)."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable

from qa.catalogue import Catalogue, Example, Rule

FIX_LINES = {
    "always": "A suggestion is always offered.",
    "sometimes": "A suggestion is offered when a safe replacement is known.",
    "never": "No suggestion is offered: the fix needs an editor's judgement.",
}


FIX_LEGEND = """\
The fix column:
  auto    every finding carries a suggestion, and `mtqa fix` applies it
  fix     every finding carries a suggestion, for an editor to accept
  (auto)  as auto, for the findings where a safe replacement is known
  (fix)   as fix, for the findings where a replacement is known
  blank   no suggestion: the fix needs an editor's judgement
"""
"""What fix_marker's words mean: after `mtqa rules` (on stderr, so stdout stays one line a rule)
and in `mtqa rules --help`."""


def rules_table(catalogue: Catalogue) -> str:
    """One line a rule: id, severity, fix marker (FIX_LEGEND says what it means), summary."""
    width = max(len(rule.id) for rule in catalogue.rules)
    lines = []
    for rule in catalogue.rules:
        state = "" if rule.enabled else " (off by default)"
        marker = fix_marker(rule)
        lines.append(f"{rule.id:<{width}}  {rule.severity.label:<7}  {marker:<6}  {rule.summary}{state}\n")
    return "".join(lines)


def fix_marker(rule: Rule) -> str:
    """`fix` when a suggestion is offered, `auto` when `mtqa fix` applies it; bracketed: only sometimes."""
    marker = "auto" if rule.safe_fix else "fix"
    return {"always": marker, "sometimes": f"({marker})"}.get(rule.kind.fixable, "")


def explain(rule: Rule) -> str:
    lines = [f"# {rule.id} ({rule.severity.label})", ""]
    applied = " `mtqa fix` applies it." if rule.safe_fix else ""
    lines.append(f"Check: {rule.check}. {FIX_LINES[rule.kind.fixable]}{applied}")
    if not rule.enabled:
        lines.append("Off by default: select it by name to run it.")
    if rule.aliases:
        lines.append(f"Also known as: {', '.join(rule.aliases)}.")
    lines += ["", rule.summary, "", "## Why", "", rule.why]
    if rule.bad_examples:
        lines += ["", "## Example", "", *_examples(map(_shown, rule.bad_examples))]
    if rule.good_examples:
        lines += ["", "## Use instead", "", *_examples(map(_shown, rule.good_examples))]
    lines += ["", "## Options", ""] + _options(rule)
    if rule.link:
        lines += ["", f"More: {rule.link}"]
    return "\n".join(lines) + "\n"


def _options(rule: Rule) -> list[str]:
    lines = []
    for field in dataclasses.fields(rule.options):
        value = getattr(rule.options, field.name)
        shown = list(value) if isinstance(value, tuple) else value
        doc = field.metadata.get("doc", "")
        lines.append(f"- {field.name} = {shown!r}: {doc}" if doc else f"- {field.name} = {shown!r}")
    return lines or ["This rule has no options."]


def _shown(example: Example) -> str:
    """An example as a reader takes it in: a bilingual one as each segment's source, then its translation."""
    return "\n".join(f"{source} → {target}" for source, target in example.segments) or example.text


def _examples(texts: Iterable[str]) -> list[str]:
    """Each example as a list item, its lines as written: "the\\nthe" shows on two lines, and
    a paragraph break inside an example as an empty line, so the dash alone starts an example."""
    lines = []
    for text in texts:
        first, *rest = text.rstrip("\r\n").splitlines() or [""]
        lines += [f"  - {first}", *(f"    {line}" if line.strip() else "" for line in rest)]
    return lines
