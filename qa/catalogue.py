"""The rule catalogue: one YAML file per rule, validated against its check kind."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import yaml

from qa.checks import UnknownKind, is_corpus_kind, load_kind
from qa.checks.base import OptionError, build_options
from qa.findings import Severity

RULE_KEYS = frozenset("id check severity groups summary why link aliases enabled options examples".split())
REQUIRED_KEYS = ("id", "check", "severity", "summary", "why")
PINNABLE = frozenset({"flagged", "suggestion", "message", "count"})
"""What a bad example may pin: the flagged text, the suggestion, the message, how many findings."""


SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
"""libyaml's safe loader when PyYAML has it: reading the catalogue is most of a one-file run's start-up."""


class CatalogueError(Exception):
    """A rule file that cannot be used; the message names the file and the cause."""


@dataclass(frozen=True)
class BadExample:
    """Text that must produce a finding of the rule, with the finding fields it pins."""

    text: str
    pinned: Mapping[str, Any] = dataclasses.field(default_factory=dict)


@dataclass(frozen=True)
class Rule:
    id: str
    check: str
    severity: Severity
    summary: str
    why: str
    options: Any
    source: Path
    groups: tuple[str, ...] = ()
    link: str | None = None
    aliases: tuple[str, ...] = ()
    enabled: bool = True
    """False for rules that run only when selected by name (opt-in rules)."""
    bad_examples: tuple[BadExample, ...] = ()
    good_examples: tuple[str, ...] = ()
    example_options: Any = None
    """Options the examples run with, for a rule that needs set-up to find anything (a names list)."""

    @property
    def kind(self) -> Any:
        return load_kind(self.check)

    @property
    def is_corpus(self) -> bool:
        return is_corpus_kind(self.kind)

    @property
    def safe_fix(self) -> bool:
        """Whether `mtqa fix` may apply the rule's suggestions without an editor (the kind says)."""
        return getattr(self.kind, "safe_fix", False)


@dataclass(frozen=True)
class Catalogue:
    rules: tuple[Rule, ...]

    def __post_init__(self) -> None:
        seen: dict[str, Path] = {}
        for rule in self.rules:
            for name in (rule.id, *rule.aliases):
                if name in seen:
                    raise CatalogueError(f"{rule.source}: rule name {name!r} is already used by {seen[name]}")
                seen[name] = rule.source

    @classmethod
    def load(cls, folders: Iterable[Path]) -> Catalogue:
        rules = []
        for folder in folders:
            if not folder.is_dir():
                raise CatalogueError(f"{folder}: rule folder does not exist")
            rules.extend(load_rule(path) for path in sorted(folder.glob("*.yaml")))
        return cls(tuple(rules))

    def get(self, name: str) -> Rule:
        for rule in self.rules:
            if name == rule.id or name in rule.aliases:
                return rule
        raise KeyError(name)

    def resolve(self, names: Iterable[str]) -> set[str]:
        """Rule ids for names that are ids, aliases or groups; unknown names raise KeyError."""
        ids: set[str] = set()
        for name in names:
            members = [r.id for r in self.rules if name in r.groups]
            ids.update(members if members else [self.get(name).id])
        return ids

    def select(self, select: Iterable[str] = (), ignore: Iterable[str] = ()) -> list[Rule]:
        """Rules to run: enabled ones (or those named in `select`), minus those in `ignore`."""
        select, ignore = list(select), list(ignore)
        chosen = self.resolve(select) if select else {r.id for r in self.rules if r.enabled}
        chosen -= self.resolve(ignore)
        return [r for r in self.rules if r.id in chosen]


def bundled_rules_folder() -> Path:
    """The built-in pack: inside the installed package, or `rules/` beside it in a checkout."""
    package = Path(__file__).resolve().parent
    for candidate in (package / "rules", package.parent / "rules"):
        if candidate.is_dir():
            return candidate
    raise CatalogueError(f"{package}: the built-in rule folder is missing from this installation")


def load_rule(path: Path) -> Rule:
    try:
        raw = yaml.load(path.read_text(encoding="utf-8"), Loader=SAFE_LOADER)
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as error:
        reason = str(error).replace("\n", " ")
        raise CatalogueError(f"{path}: cannot read rule file: {reason}") from None
    try:
        return _build_rule(path, raw)
    except (OptionError, UnknownKind, ValueError, TypeError) as error:
        rule_id = raw.get("id") if isinstance(raw, dict) else None
        where = f"{path}: rule {rule_id!r}" if rule_id else f"{path}"
        raise CatalogueError(f"{where}: {error}") from None


def _build_rule(path: Path, raw: Any) -> Rule:
    if not isinstance(raw, dict):
        raise ValueError("a rule file must be a mapping of keys to values")
    unknown = sorted(set(raw) - RULE_KEYS)
    if unknown:
        raise ValueError(f"unknown key {unknown[0]!r} (valid keys: {', '.join(sorted(RULE_KEYS))})")
    missing = [key for key in REQUIRED_KEYS if not raw.get(key)]
    if missing:
        raise ValueError(f"missing required key {missing[0]!r}")
    if raw["id"] != path.stem:
        raise ValueError(f"id {raw['id']!r} must equal the file name {path.stem!r}")
    kind = load_kind(raw["check"])
    options = raw.get("options") or {}
    if not isinstance(options, dict):
        raise ValueError("'options' must be a mapping")
    built = build_options(kind.Options, _resolve_files(path.parent, options))
    examples = raw.get("examples") or {}
    if not isinstance(examples, dict) or set(examples) - {"bad", "good", "options"}:
        raise ValueError("'examples' is a mapping of 'bad', 'good' and 'options'")
    return Rule(
        id=raw["id"],
        check=raw["check"],
        severity=Severity.parse(raw["severity"]),
        summary=_text(raw, "summary"),
        why=_text(raw, "why"),
        options=built,
        source=path,
        groups=_strings(raw, "groups"),
        link=_link(raw),
        aliases=_strings(raw, "aliases"),
        enabled=_flag(raw, "enabled", default=True),
        bad_examples=_bad_examples(examples),
        good_examples=_strings(examples, "good"),
        example_options=build_options(kind.Options, examples["options"], base=built)
        if "options" in examples
        else None,
    )


def _resolve_files(folder: Path, options: dict[str, Any]) -> dict[str, Any]:
    """Options named `*_file` are paths relative to the rule's folder; make them absolute."""
    return {
        key: str(folder / value) if key.endswith("_file") and isinstance(value, str) else value
        for key, value in options.items()
    }


def is_web_address(link: object) -> bool:
    """Whether `link` is an http(s) address: the only kind a rule may point to, so a link in
    a report or a SARIF log can never run script (`javascript:`) or open a local file."""
    if not isinstance(link, str) or not link.isprintable() or " " in link:
        return False
    parts = urlsplit(link)
    return parts.scheme.lower() in ("http", "https") and bool(parts.netloc)


def _link(raw: Mapping[str, Any]) -> str | None:
    link = raw.get("link")
    if link is not None and not is_web_address(link):
        raise ValueError(f"'link' must be an http:// or https:// address, not {link!r:.80}")
    return link


def _text(raw: Mapping[str, Any], key: str) -> str:
    value = raw[key]
    if not isinstance(value, str):
        raise ValueError(f"{key!r} must be text")
    return " ".join(value.split())


def _strings(raw: Mapping[str, Any], key: str) -> tuple[str, ...]:
    value = raw.get(key) or []
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ValueError(f"{key!r} must be a list of strings")
    return tuple(value)


def _flag(raw: Mapping[str, Any], key: str, default: bool) -> bool:
    value = raw.get(key, default)
    if not isinstance(value, bool):
        raise ValueError(f"{key!r} must be true or false")
    return value


def _bad_examples(examples: Mapping[str, Any]) -> tuple[BadExample, ...]:
    result = []
    for entry in examples.get("bad") or []:
        if isinstance(entry, str):
            result.append(BadExample(entry))
        elif isinstance(entry, dict) and isinstance(entry.get("text"), str):
            pinned = {k: v for k, v in entry.items() if k != "text"}
            unknown = set(pinned) - PINNABLE
            if unknown:
                raise ValueError(f"bad example pins unknown field {sorted(unknown)[0]!r}")
            result.append(BadExample(entry["text"], pinned))
        else:
            raise ValueError("each bad example is a string or a mapping with 'text'")
    return tuple(result)
