"""The rule catalogue: one YAML file per rule, validated against its check kind.

A folder's files are parsed and validated once, then kept in the cache (qa.cache) with the
modification time and size of everything the validation read: the rule files, mtqa's own
code and the lists their `*_file` options name, as Python keeps its bytecode. While none of
them changes, a run takes the rules from there without reading YAML, and a rule builds its
options, importing its check, only when it is used: a rule that is not selected costs nothing.
"""

from __future__ import annotations

import dataclasses
import json
import os
from collections.abc import Iterable, Iterator, Mapping
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NamedTuple
from urllib.parse import urlsplit

from qa import bundled, cache
from qa.checks import UnknownKind, is_corpus_kind, load_kind
from qa.checks.base import OptionError, build_options
from qa.findings import Severity

RULE_KEYS = frozenset("id check severity groups summary why link aliases enabled options examples".split())
REQUIRED_KEYS = ("id", "check", "severity", "summary", "why")
PINNABLE = frozenset({"flagged", "suggestion", "message", "count"})
"""What a bad example may pin: the flagged text, the suggestion, the message, how many findings."""
BILINGUAL_KEYS = frozenset({"source", "source_lang", "before"})
"""What makes an example a segment of a translation file: the source beside `text`, its language,
and the segments `before` it in its file, for a rule that compares segments."""


class CatalogueError(Exception):
    """A rule file that cannot be used; the message names the file and the cause."""


@dataclass(frozen=True)
class Example:
    """Text a rule is shown on: a bad one must produce a finding (with the fields it pins), a good
    one none. With a `source`, `text` is its translation, one segment of a bilingual file, after
    the segments `before` it (a rule that compares segments needs more than one)."""

    text: str
    pinned: Mapping[str, Any] = dataclasses.field(default_factory=dict)
    source: str | None = None
    source_lang: str | None = None
    before: tuple[tuple[str, str], ...] = ()
    """(source, translation) of the segments before this one in its file."""

    @property
    def segments(self) -> tuple[tuple[str, str], ...]:
        """A bilingual example's (source, translation) pairs in file order; none for plain text."""
        return () if self.source is None else (*self.before, (self.source, self.text))

    def as_file(self, stem: str) -> tuple[str, bytes]:
        """The example as an input file: plain text, or JSON Lines, one record a segment."""
        if self.source is None:
            return f"{stem}.txt", self.text.encode("utf-8")
        records = [{"source": s, "target": t, "source_lang": self.source_lang} for s, t in self.segments]
        return f"{stem}.jsonl", b"".join(
            json.dumps(r, ensure_ascii=False).encode("utf-8") + b"\n" for r in records
        )


class Declared(NamedTuple):  # not a dataclass: a sixth of the cost to define, at every start-up
    """Options as a rule file that passed validation declares them; built when first read."""

    raw: Mapping[str, Any]
    over_options: bool = False
    """Built over the rule's options, as its examples' options are; else over the defaults."""

    def build(self, rule: Rule) -> Any:
        return build_options(rule.kind.Options, self.raw, base=rule.options if self.over_options else None)


class _BuiltWhenRead:
    """A Rule field that may hold Declared options until it is first read, then the built ones."""

    def __init__(self, default: Any = dataclasses.MISSING) -> None:
        self.default = default

    def __set_name__(self, owner: type, name: str) -> None:
        self.name = name

    def __get__(self, rule: Rule | None, owner: type | None = None) -> Any:
        if rule is None:  # the dataclass asking for the field's default (MISSING: none)
            return self.default
        value = rule.__dict__[self.name]
        if isinstance(value, Declared):
            value = rule.__dict__[self.name] = value.build(rule)
        return value

    def __set__(self, rule: Rule, value: Any) -> None:
        rule.__dict__[self.name] = value


@dataclass(frozen=True)
class Rule:
    id: str
    check: str
    severity: Severity
    summary: str
    why: str
    options: Any = _BuiltWhenRead()
    source: Path
    groups: tuple[str, ...] = ()
    link: str | None = None
    aliases: tuple[str, ...] = ()
    enabled: bool = True
    """False for rules that run only when selected by name (opt-in rules)."""
    bad_examples: tuple[Example, ...] = ()
    good_examples: tuple[Example, ...] = ()
    example_options: Any = _BuiltWhenRead(None)
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
            rules.extend(_folder_rules(folder))
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
        chosen = self.chosen_ids(list(select) or None, ignore=ignore)
        return [r for r in self.rules if r.id in chosen]

    def chosen_ids(
        self,
        select: Iterable[str] | None = None,
        extend_select: Iterable[str] = (),
        ignore: Iterable[str] = (),
        start: AbstractSet[str] | None = None,
    ) -> set[str]:
        """The ids a selection leaves: `select` replaces `start` (default: the enabled rules),
        `extend_select` adds to it, `ignore` takes away; names are resolved as `resolve` does.

        The one place a selection is worked out: `Catalogue.select`, the configuration with the
        command line, and each per-path override (whose `start` is the selection before it).
        """
        if select is not None:
            chosen = self.resolve(select)
        elif start is not None:
            chosen = set(start)
        else:
            chosen = {r.id for r in self.rules if r.enabled}
        return (chosen | self.resolve(extend_select)) - self.resolve(ignore)


def bundled_rules_folder() -> Path:
    """The built-in pack (qa.bundled), or a CatalogueError saying the installation lacks it."""
    try:
        return bundled.rules_folder()
    except FileNotFoundError as error:
        raise CatalogueError(str(error)) from None


CACHE_FORMAT = 2
"""Bump when what the cache keeps of a folder changes."""


class _Validated(NamedTuple):
    """A folder's rule files as parsed, and the stamps of everything their validation read."""

    raw: tuple[tuple[str, Any], ...]
    """(file name, parsed content) in name order."""
    stamps: tuple[tuple[str, tuple[int, ...] | None], ...]


def _folder_rules(folder: Path) -> list[Rule]:
    """The folder's rules: from the cache while nothing their validation read has changed."""
    paths = sorted(folder.glob("*.yaml"))
    entry = f"qa.catalogue-{cache.key(CACHE_FORMAT, os.path.abspath(folder), libraries=('PyYAML',))}"
    known = cache.read(entry)
    if (
        isinstance(known, _Validated)
        and [name for name, _ in known.raw] == [path.name for path in paths]
        and known.stamps == _stamps(folder, known.raw)
    ):
        return [_rule(folder / name, raw, validated=True) for name, raw in known.raw]
    rules, raw = [], []
    for path in paths:
        raw.append((path.name, _rule_file(path)))
        rules.append(_rule(path, raw[-1][1]))
    cache.write(entry, _Validated(tuple(raw), _stamps(folder, raw)))
    return rules


def _stamps(folder: Path, raw: Iterable[tuple[str, Any]]) -> tuple[tuple[str, tuple[int, ...] | None], ...]:
    """Modification time, size and inode of each file a validation reads: rule files, mtqa's code
    (an Options class, a validator) and the `*_file` lists the options name."""
    files = [
        *(str(folder / name) for name, _ in raw),
        *_code_files(),
        *(path for _, content in raw for path in _listed_files(folder, content)),
    ]
    return tuple((path, _stamp(path)) for path in files)


def _stamp(path: str) -> tuple[int, ...] | None:
    try:
        found = os.stat(path)
    except (OSError, ValueError):
        return None
    return (found.st_mtime_ns, found.st_size, found.st_ino)


def _code_files() -> list[str]:
    package = os.path.dirname(os.path.abspath(__file__))
    return sorted(
        os.path.join(root, name)
        for root, _, names in os.walk(package)
        for name in names
        if name.endswith(".py")
    )


def _listed_files(folder: Path, content: Any) -> Iterator[str]:
    """The paths build_options reads for a rule file's `*_file` options and its examples' options."""
    if not isinstance(content, dict):
        return
    options = content.get("options")
    if isinstance(options, dict):
        yield from (value for key, value in _resolve_files(folder, options).items() if _is_listed(key, value))
    examples = content.get("examples")
    if isinstance(examples, dict) and isinstance(examples.get("options"), dict):
        yield from (value for key, value in examples["options"].items() if _is_listed(key, value))


def _is_listed(key: str, value: Any) -> bool:
    return key.endswith("_file") and isinstance(value, str)


def load_rule(path: Path) -> Rule:
    return _rule(path, _rule_file(path))


def _rule_file(path: Path) -> Any:
    """The parsed content of a rule file."""
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml's, when PyYAML has it
    try:
        return yaml.load(path.read_text(encoding="utf-8"), Loader=loader)
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as error:
        reason = str(error).replace("\n", " ")
        raise CatalogueError(f"{path}: cannot read rule file: {reason}") from None


def _rule(path: Path, raw: Any, validated: bool = False) -> Rule:
    """The rule of a parsed file; `validated`: the file passed before, its options wait to be read."""
    try:
        return _build_rule(path, raw, validated)
    except (OptionError, UnknownKind, ValueError, TypeError) as error:
        rule_id = raw.get("id") if isinstance(raw, dict) else None
        where = f"{path}: rule {rule_id!r}" if rule_id else f"{path}"
        raise CatalogueError(f"{where}: {error}") from None


def _build_rule(path: Path, raw: Any, validated: bool) -> Rule:
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
    kind = None if validated else load_kind(raw["check"])
    options = raw.get("options") or {}
    if not isinstance(options, dict):
        raise ValueError("'options' must be a mapping")
    declared = _resolve_files(path.parent, options)
    built = Declared(declared) if validated else build_options(kind.Options, declared)
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
        bad_examples=_examples(examples, "bad", PINNABLE),
        good_examples=_examples(examples, "good", frozenset()),
        example_options=_example_options(kind, examples, built),
    )


def _example_options(kind: Any, examples: Mapping[str, Any], built: Any) -> Any:
    """None without example options; Declared ones when `kind` is None (the file passed before)."""
    if "options" not in examples:
        return None
    if kind is None:
        return Declared(examples["options"], over_options=True)
    return build_options(kind.Options, examples["options"], base=built)


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


def _segments_before(entry: Mapping[str, Any], key: str) -> tuple[tuple[str, str], ...]:
    """A bilingual example's `before`: a list of mappings of a `source` and its `text`."""
    before = entry.get("before") or []
    if before and entry.get("source") is None:
        raise ValueError(f"{key} example's 'before' needs a 'source' beside its 'text'")
    if not isinstance(before, list) or not all(map(_is_segment, before)):
        raise ValueError(f"{key} example's 'before' is a list of mappings of a 'source' and a 'text'")
    return tuple((segment["source"], segment["text"]) for segment in before)


def _is_segment(value: Any) -> bool:
    """A mapping of a `source` string and a `text` string: one segment of a bilingual example."""
    return isinstance(value, dict) and set(value) == {"source", "text"} and all(map(_is_text, value.values()))


def _is_text(value: Any) -> bool:
    return isinstance(value, str)


def _examples(examples: Mapping[str, Any], key: str, pinnable: frozenset[str]) -> tuple[Example, ...]:
    """A rule file's bad or good examples: strings, or mappings with `text` (and, for a bad one,
    the fields it pins; for a segment of a bilingual file, its `source` and `source_lang`)."""
    result = []
    for entry in examples.get(key) or []:
        if isinstance(entry, str):
            result.append(Example(entry))
        elif isinstance(entry, dict) and isinstance(entry.get("text"), str):
            pinned = {k: v for k, v in entry.items() if k not in BILINGUAL_KEYS | {"text"}}
            unknown = set(pinned) - pinnable
            if unknown:
                verb = "pins" if pinnable else "has"
                raise ValueError(f"{key} example {verb} unknown field {min(unknown)!r}")
            source, source_lang = entry.get("source"), entry.get("source_lang")
            if not isinstance(source, (str, type(None))) or not isinstance(source_lang, (str, type(None))):
                raise ValueError(f"{key} example's 'source' and 'source_lang' are strings")
            result.append(Example(entry["text"], pinned, source, source_lang, _segments_before(entry, key)))
        else:
            raise ValueError(f"each {key} example is a string or a mapping with 'text'")
    return tuple(result)
