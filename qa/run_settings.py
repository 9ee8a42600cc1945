"""Effective settings: the configuration file and the command line, turned into rules per file.

Precedence, lowest first: each rule's YAML, what the configuration derives from
`source-locales` and `names`, the configuration's `[rules.ID]` tables, then the
matching `[[overrides]]` in order. On the command line `--select` replaces the
configured selection, `--ignore` adds to it, and `--fail-on` and `--guess-encoding`
win over the file.
"""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

from qa.catalogue import Catalogue, CatalogueError, Rule
from qa.checks.base import OptionError, build_options
from qa.config_file import Config, ConfigError, Override, RuleSettings
from qa.globs import any_matches
from qa.loaders import LoadOptions


@dataclass(frozen=True)
class CommandLine:
    """What the command line says about the same things the configuration does; None: not given."""

    select: Sequence[str] | None = None
    ignore: Sequence[str] = ()
    fail_on: str | None = None
    guess_encoding: bool = False
    format_of: str | None = None
    source_lang: str | None = None
    target_field: str | None = None


def load_catalogue(config: Config) -> Catalogue:
    """The built-in rules plus the configuration's `rule-paths` folders."""
    from qa.catalogue import bundled_rules_folder

    try:
        return Catalogue.load([bundled_rules_folder(), *config.rule_paths])
    except CatalogueError as error:
        where = f" (rule-paths in {config.path})" if config.rule_paths else ""
        raise ConfigError(f"{error}{where}") from None


@dataclass
class Settings:
    config: Config
    catalogue: Catalogue
    rules: list[Rule]
    """The rules of a file no override touches."""
    fail_on: str
    load_options: LoadOptions
    asked_for: set[str] = field(default_factory=set)
    """Rules named in a selection, whose absence (a grammar server not set up) is worth a warning."""
    _by_overrides: dict[tuple[int, ...], tuple[Rule, ...]] = field(default_factory=dict, repr=False)

    def excluded(self, path: str) -> bool:
        """Whether a file falls under the configuration's `exclude` globs."""
        relative = self._relative(path)
        return relative is not None and any_matches(self.config.exclude, relative)

    def rules_for(self, path: str) -> tuple[Rule, ...]:
        """The rules that run on one file, with the overrides whose globs match it applied."""
        relative = self._relative(path)
        chosen = tuple(
            i
            for i, o in enumerate(self.config.overrides)
            if relative is not None and any_matches(o.paths, relative)
        )
        if chosen not in self._by_overrides:
            self._by_overrides[chosen] = tuple(self._overridden([self.config.overrides[i] for i in chosen]))
        return self._by_overrides[chosen]

    def _overridden(self, overrides: Sequence[Override]) -> list[Rule]:
        if not overrides:
            return self.rules
        ids = {rule.id for rule in self.rules}
        configured = {rule.id: rule for rule in self.rules}
        for override in overrides:
            ids = self.catalogue.chosen_ids(
                override.select, override.extend_select, override.ignore, start=ids
            )
        result = []
        for rule in self.catalogue.rules:
            if rule.id in ids:
                rule = configured.get(rule.id) or configure(rule, self.config)
                for override in overrides:
                    rule = apply_settings(rule, _settings_for(override.rules, rule), self.config)
                result.append(rule)
        return result

    def _relative(self, path: str) -> PurePosixPath | None:
        try:
            resolved = Path(path).resolve()
        except (RuntimeError, OSError):  # a link loop: place it by its name
            resolved = Path(os.path.abspath(path))
        try:
            relative = os.path.relpath(resolved, self.config.root.resolve())
        except ValueError:  # another drive on Windows
            return None
        return PurePosixPath(Path(relative).as_posix())


def resolve_settings(
    config: Config, catalogue: Catalogue, command_line: CommandLine = CommandLine()
) -> Settings:
    """Check every rule name and value in the configuration against the catalogue, and build the rules."""
    _check_names(catalogue, config)
    select = command_line.select or config.select or None
    extend_select = () if command_line.select else config.extend_select
    try:
        asked_for = catalogue.resolve([*(select or ()), *extend_select])
        chosen = catalogue.chosen_ids(select, extend_select, [*config.ignore, *command_line.ignore])
    except KeyError as error:
        raise ConfigError(f"unknown rule or group {error.args[0]!r} (see `mtqa rules`)") from None
    rules = [configure(rule, config) for rule in catalogue.rules if rule.id in chosen]
    for override in config.overrides:  # settle every override's values now, not at the first matching file
        for rule_name, rule_settings in override.rules.items():
            rule = catalogue.get(rule_name)
            if rule.is_corpus:
                raise ConfigError(
                    f"{config.where('overrides')}: rule {rule.id!r} compares files across the run; "
                    "set its options in [rules], not per path"
                )
            apply_settings(configure(rule, config), rule_settings, config)
    formats = tuple(sorted(config.formats.items()))
    load_options = LoadOptions(
        guess_encoding=command_line.guess_encoding or bool(config.guess_encoding),
        format=command_line.format_of,
        formats=formats,
        source_lang=command_line.source_lang or config.source_lang,
        target_field=command_line.target_field or config.target_field or "target",
    )
    fail_on = command_line.fail_on or config.fail_on or "error"
    return Settings(config, catalogue, rules, fail_on, load_options, asked_for)


def _check_names(catalogue: Catalogue, config: Config) -> None:
    """Every rule or group the configuration names must exist: a typo would silently do nothing."""
    named: list[tuple[str, Iterable[str], bool]] = [
        ("select", config.select or (), True),
        ("extend-select", config.extend_select, True),
        ("ignore", config.ignore, True),
        ("rules", config.rules, False),
    ]
    for i, override in enumerate(config.overrides):
        where = f"overrides[{i}]"
        named += [
            (f"{where}.select", override.select or (), True),
            (f"{where}.extend-select", override.extend_select, True),
            (f"{where}.ignore", override.ignore, True),
            (f"{where}.rules", override.rules, False),
        ]
    groups = {group for rule in catalogue.rules for group in rule.groups}
    for key, names, groups_allowed in named:
        for name in names:
            try:
                if not (groups_allowed and name in groups):
                    catalogue.get(name)
            except KeyError:
                kind = "rule or group" if groups_allowed else "rule"
                raise ConfigError(
                    f"{config.where(key)}: unknown {kind} {name!r} (see `mtqa rules`)"
                ) from None


def configure(rule: Rule, config: Config) -> Rule:
    """A rule with the configuration's derived values and its `[rules.ID]` table applied."""
    rule = apply_settings(rule, RuleSettings(options=_derived_options(rule, config)), config)
    return apply_settings(rule, _settings_for(config.rules, rule), config)


def _settings_for(tables: Mapping[str, RuleSettings], rule: Rule) -> RuleSettings:
    """A rule's table, whether the configuration names it by id or by alias."""
    for name in (rule.id, *rule.aliases):
        if name in tables:
            return tables[name]
    return RuleSettings()


def apply_settings(rule: Rule, settings: RuleSettings, config: Config) -> Rule:
    if settings.severity is None and not settings.options:
        return rule
    try:
        options = build_options(rule.kind.Options, settings.options, base=rule.options)
    except (OptionError, ValueError, TypeError) as error:
        raise ConfigError(f"{config.where('rules.' + rule.id)}: {error}") from None
    return dataclasses.replace(rule, severity=settings.severity or rule.severity, options=options)


def _derived_options(rule: Rule, config: Config) -> dict[str, Any]:
    """Options that follow from `source-locales` and `names`, for the kinds that use them."""
    derived: dict[str, Any] = {}
    if rule.check == "foreign_dates" and config.source_locales is not None:
        derived["locales"] = list(config.source_locales)
    entries = [" | ".join((preferred, *variants)) for preferred, variants in config.names.items()]
    if entries and rule.check == "preferred_names":
        derived["names"] = [*rule.options.names, *entries]
    if entries and rule.check == "name_variants":
        derived["known_variants"] = [*rule.options.known_variants, *entries]
        derived["preferred"] = [*rule.options.preferred, *config.names]
    return derived
