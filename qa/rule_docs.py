"""A rule's documentation assembled from its YAML fields and its kind's options (`mtqa explain`)."""

from __future__ import annotations

import dataclasses

from qa.catalogue import Rule

FIX_LINES = {
    "always": "A suggestion is always offered.",
    "sometimes": "A suggestion is offered when a safe replacement is known.",
    "never": "No suggestion is offered: the fix needs an editor's judgement.",
}


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
        lines += ["", "## Example", ""] + [f"    {_one_line(e.text)}" for e in rule.bad_examples]
    if rule.good_examples:
        lines += ["", "## Use instead", ""] + [f"    {_one_line(text)}" for text in rule.good_examples]
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


def _one_line(text: str) -> str:
    """Examples may span lines ("the\\nthe"); show the breaks instead of breaking the layout."""
    return text.replace("\r", "\\r").replace("\n", "\\n")
