"""`mtqa config`: the effective settings as TOML, so what is printed can be pasted back."""

from __future__ import annotations

import dataclasses
import json
import re
from collections.abc import Mapping
from typing import Any

from qa.catalogue import Rule
from qa.run_settings import Settings

BARE_KEY = re.compile(r"[A-Za-z0-9_-]+\Z")


def render(settings: Settings, path: str | None = None) -> str:
    config = settings.config
    source = f"from {config.path}" if config.path else "no configuration file found: built-in defaults"
    lines = [f"# mtqa configuration, {source}"]
    if path:
        lines.append(f"# for {path}" + (" (excluded: not checked)" if settings.excluded(path) else ""))
    top = {
        "fail-on": settings.fail_on,
        "guess-encoding": settings.load_options.guess_encoding,
        "exclude": list(config.exclude),
        "rule-paths": [str(p) for p in config.rule_paths],
        "formats": dict(settings.load_options.formats),
        "source-lang": settings.load_options.source_lang,
        "target-field": settings.load_options.target_field,
    }
    lines += [
        f"{key} = {toml_value(value)}" if value is not None else f"# {key}: not set (each file says)"
        for key, value in top.items()
    ]
    if config.names:
        lines += ["", "[names]"] + [f"{_key(house)} = {toml_value(list(v))}" for house, v in config.names.items()]
    rules = settings.rules_for(path) if path else settings.rules
    idle = {rule.id: why for rule in rules if (why := needs_setup(rule))}
    selected = {rule.id for rule in rules}
    off = {
        rule.id: idle.get(rule.id) or ("not selected" if rule.enabled else "off by default: select by name")
        for rule in settings.catalogue.rules
        if rule.id not in selected or rule.id in idle
    }
    lines += ["", f"# {len(selected) - len(idle)} of {len(settings.catalogue.rules)} rules run"]
    if off:
        lines.append(f"# not running: {', '.join(off)}")
        lines += [f"#   {rule_id}: {why}" for rule_id, why in off.items()]
    for rule in rules:
        lines += ["", f"[rules.{rule.id}]", *_rule_lines(rule)]
    return "\n".join(lines) + "\n"


def needs_setup(rule: Rule) -> str | None:
    """Why a selected rule will not run although nothing is wrong, as a run says it: a grammar rule
    with no LanguageTool server named. Decided from the options alone, without reaching a server."""
    if rule.check != "grammar":
        return None
    from qa.checks.grammar import not_configured

    return not_configured(rule.options)


def _rule_lines(rule: Rule) -> list[str]:
    lines = [f"severity = {toml_value(rule.severity.label)}"]
    for field in dataclasses.fields(rule.options):
        value = getattr(rule.options, field.name)
        lines.append(f"# {field.name}: not set" if value is None else f"{field.name} = {toml_value(value)}")
    return lines


def toml_value(value: Any) -> str:
    """A TOML literal for the values options and settings hold (no None: TOML has no null)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)  # a JSON string is a TOML basic string
    if isinstance(value, Mapping):
        return "{ " + ", ".join(f"{_key(k)} = {toml_value(v)}" for k, v in value.items()) + " }" if value else "{}"
    return "[" + ", ".join(toml_value(item) for item in value) + "]"


def _key(key: str) -> str:
    return key if BARE_KEY.match(key) else json.dumps(key, ensure_ascii=False)
