"""The configuration file: `.mtqa.toml`, or `[tool.mtqa]` in `pyproject.toml`, found by walking up.

Reading is strict, like the rule catalogue: an unknown key, a value of the wrong type
or a rule name the catalogue does not know is a ConfigError naming the file and the
key, never a silent default. What the file says is turned into rules by qa.run_settings.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from qa.errors import InputError, UsageError
from qa.findings import Severity

CONFIG_FILES = (".mtqa.toml", "pyproject.toml")
"""Looked for in this order in each folder, from the working directory up to the root."""
FAIL_ON = ("error", "warning", "info", "never")

TOP_KEYS = frozenset(
    "select extend-select ignore fail-on exclude rule-paths source-locales names names-file guess-encoding formats"
    " source-lang target-field rules overrides per-file-ignores".split()
)
OVERRIDE_KEYS = frozenset("paths select extend-select ignore rules".split())


class ConfigError(UsageError):
    """A configuration that cannot be used; the message names the file, the key and the cause."""


@dataclass(frozen=True)
class RuleSettings:
    """One rule's table: a severity and option values, both optional."""

    severity: Severity | None = None
    options: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Override:
    """Settings for the files matching `paths` (globs relative to the config file's folder)."""

    paths: tuple[str, ...]
    select: tuple[str, ...] | None = None
    extend_select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    rules: Mapping[str, RuleSettings] = field(default_factory=dict)


@dataclass(frozen=True)
class Config:
    """What a configuration file says, unvalidated against the catalogue (see qa.run_settings)."""

    path: Path | None = None
    """The file it came from; None when no file was found (all defaults)."""
    root: Path = field(default_factory=Path.cwd)
    """The folder relative paths and globs in the file are taken from."""
    key_prefix: str = ""
    """How keys are spelled in the file: "tool.mtqa." in pyproject.toml."""
    select: tuple[str, ...] | None = None
    extend_select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    fail_on: str | None = None
    exclude: tuple[str, ...] = ()
    rule_paths: tuple[Path, ...] = ()
    source_locales: tuple[str, ...] | None = None
    names: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    """Preferred spelling -> its variants."""
    guess_encoding: bool | None = None
    formats: Mapping[str, str] = field(default_factory=dict)
    """File name ending -> input format name."""
    source_lang: str | None = None
    """The source language of bilingual files that do not say it (`--source-lang` wins)."""
    target_field: str | None = None
    """The field of JSON Lines records holding the translation (`--target-field` wins)."""
    rules: Mapping[str, RuleSettings] = field(default_factory=dict)
    overrides: tuple[Override, ...] = ()

    @property
    def label(self) -> str:
        return str(self.path) if self.path else "(no configuration file)"

    def where(self, key: str) -> str:
        """A key as an error message names it: the file, then the key as written there."""
        return f"{self.label}: {self.key_prefix}{key}"


def find_config(start: Path) -> Path | None:
    """The nearest `.mtqa.toml`, or `pyproject.toml` with a `[tool.mtqa]` table, from `start` up."""
    for folder in (start, *start.parents):
        for name in CONFIG_FILES:
            candidate = folder / name
            if candidate.is_file() and (name != "pyproject.toml" or _has_mtqa_table(candidate)):
                return candidate
    return None


def _has_mtqa_table(pyproject: Path) -> bool:
    try:
        return "mtqa" in _read_toml(pyproject).get("tool", {})
    except ConfigError:
        # Someone else's broken pyproject.toml is not ours to report; one that meant to configure
        # mtqa is (load_config reads it again and says why), or its settings would silently not apply.
        from qa.loaders import read_regular_file

        try:
            return b"tool.mtqa" in read_regular_file(pyproject)
        except InputError:
            return False


def load_config(explicit: str | None = None, start: Path | None = None) -> Config:
    """The configuration named by `--config`, else the one found from `start` (the working directory)."""
    start = (start or Path.cwd()).resolve()
    if explicit:
        path = Path(explicit)
        if not path.exists():
            raise ConfigError(f"{explicit}: configuration file does not exist")
    else:
        path = find_config(start)
        if path is None:
            return Config(root=start)
    data = _read_toml(path)
    if path.name == "pyproject.toml" or "mtqa" in data.get("tool", {}):
        return parse_config(data.get("tool", {}).get("mtqa", {}), path, "tool.mtqa.")
    return parse_config(data, path)


def _read_toml(path: Path) -> dict[str, Any]:
    import tomllib  # imported only when there is a file to read

    from qa.loaders import read_utf8_file

    try:
        return tomllib.loads(read_utf8_file(path))
    except InputError as error:
        raise ConfigError(f"{path}: cannot read the configuration: {error}") from None
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(f"{path}: not valid TOML: {error}") from None
    except RecursionError:
        raise ConfigError(f"{path}: not valid TOML: nested too deeply") from None


def parse_config(data: Mapping[str, Any], path: Path, prefix: str = "") -> Config:
    """Check every key and value of a configuration table; ConfigError on the first problem."""
    reader = _Reader(path, prefix)
    reader.known_keys(data, TOP_KEYS, "")
    root = path.resolve().parent
    overrides = [
        _override(reader, entry, f"overrides[{i}]")
        for i, entry in enumerate(reader.tables(data, "overrides"))
    ]
    for pattern, names in reader.mapping(data, "per-file-ignores").items():
        overrides.append(
            Override(paths=(pattern,), ignore=reader.strings(names, f"per-file-ignores.{pattern}"))
        )
    return Config(
        path=path,
        root=root,
        key_prefix=prefix,
        select=reader.optional_strings(data, "select"),
        extend_select=reader.optional_strings(data, "extend-select") or (),
        ignore=reader.optional_strings(data, "ignore") or (),
        fail_on=reader.choice(data, "fail-on", FAIL_ON),
        exclude=reader.optional_strings(data, "exclude") or (),
        rule_paths=tuple(root / p for p in reader.optional_strings(data, "rule-paths") or ()),
        source_locales=_locales(reader, data),
        names=_names(reader, data, root),
        guess_encoding=reader.flag(data, "guess-encoding"),
        formats=_formats(reader, data),
        source_lang=_language(reader, data),
        target_field=reader.text(data, "target-field"),
        rules=_rule_tables(reader, reader.mapping(data, "rules"), "rules", root),
        overrides=tuple(overrides),
    )


def _override(reader: _Reader, entry: Mapping[str, Any], where: str) -> Override:
    reader.known_keys(entry, OVERRIDE_KEYS, where)
    paths = reader.optional_strings(entry, "paths", where)
    if not paths:
        raise reader.error(f"{where}.paths", "an override needs a non-empty list of globs in 'paths'")
    return Override(
        paths=paths,
        select=reader.optional_strings(entry, "select", where),
        extend_select=reader.optional_strings(entry, "extend-select", where) or (),
        ignore=reader.optional_strings(entry, "ignore", where) or (),
        rules=_rule_tables(
            reader, reader.mapping(entry, "rules", where), f"{where}.rules", reader.path.resolve().parent
        ),
    )


def _rule_tables(
    reader: _Reader, tables: Mapping[str, Any], where: str, root: Path
) -> dict[str, RuleSettings]:
    settings = {}
    for rule_name, table in tables.items():
        key = f"{where}.{rule_name}"
        if not isinstance(table, Mapping):
            raise reader.error(key, "must be a table of 'severity' and option values")
        options = {k: v for k, v in table.items() if k != "severity"}
        severity = None
        if "severity" in table:
            try:
                severity = Severity.parse(str(table["severity"]))
            except ValueError as error:
                raise reader.error(f"{key}.severity", str(error)) from None
        settings[rule_name] = RuleSettings(severity, _resolve_files(root, options))
    return settings


def _resolve_files(root: Path, options: Mapping[str, Any]) -> dict[str, Any]:
    """Options named `*_file` are paths relative to the configuration file's folder."""
    return {k: str(root / v) if k.endswith("_file") and isinstance(v, str) else v for k, v in options.items()}


def _names(reader: _Reader, data: Mapping[str, Any], root: Path) -> dict[str, tuple[str, ...]]:
    """`[names]` and the entries of `names-file`, each spelling listed once across both."""
    entries = [
        (f"names.{house}", house, reader.strings(variants, f"names.{house}"))
        for house, variants in reader.mapping(data, "names").items()
    ]
    names_file = reader.optional_path(data, "names-file", root)
    if names_file is not None:
        entries += _names_file_entries(reader, names_file)
    names: dict[str, tuple[str, ...]] = {}
    listed: dict[str, str] = {}
    for where, preferred, spellings in entries:
        if not spellings:
            raise reader.error(where, "list at least one variant spelling")
        if "|" in preferred or any("|" in s for s in spellings):
            raise reader.error(where, "a spelling may not contain '|'")
        for spelling in (preferred, *spellings):
            if spelling in listed:
                raise reader.error(where, f"{spelling!r} is already listed, with {listed[spelling]!r}")
            listed[spelling] = preferred
        names[preferred] = spellings
    return names


def _names_file_entries(reader: _Reader, path: Path) -> list[tuple[str, str, tuple[str, ...]]]:
    """A house list kept apart: `Kyiv | Kiev | Kyev`, one name a line, `#` comments."""
    from qa.loaders import read_utf8_file

    try:
        lines = read_utf8_file(path).splitlines()
    except InputError as error:
        raise reader.error("names-file", f"cannot read {path}: {error}") from None
    entries = []
    for number, line in enumerate(lines, start=1):
        if line.strip() and not line.lstrip().startswith("#"):
            house, *variants = (part.strip() for part in line.split("|"))
            entries.append((f"names-file ({path}, line {number})", house, tuple(v for v in variants if v)))
    return entries


def _locales(reader: _Reader, data: Mapping[str, Any]) -> tuple[str, ...] | None:
    """Source languages as CLDR codes, checked here so an error names this file, not a rule's."""
    locales = reader.optional_strings(data, "source-locales")
    for code in locales or ():
        from babel import Locale, UnknownLocaleError

        try:
            Locale.parse(code.replace("-", "_"))
        except (UnknownLocaleError, ValueError):
            raise reader.error("source-locales", f"{code!r} is not a locale code Babel knows") from None
    return locales


def _language(reader: _Reader, data: Mapping[str, Any]) -> str | None:
    from qa.bilingual import LANGUAGE_TAG

    value = reader.text(data, "source-lang")
    if value is not None and not LANGUAGE_TAG.fullmatch(value):
        raise reader.error("source-lang", f"must be a language tag such as ru or es-ES, not {value!r}")
    return value


def _formats(reader: _Reader, data: Mapping[str, Any]) -> dict[str, str]:
    from qa.loaders import FORMATS

    formats = {}
    for ending, name in reader.mapping(data, "formats").items():
        if not ending.startswith(".") or len(ending) < 2:
            raise reader.error(f"formats.{ending}", "keys are file name endings such as '.mdx'")
        if name not in FORMATS:
            raise reader.error(
                f"formats.{ending}", f"unknown format {name!r} (valid: {', '.join(sorted(FORMATS))})"
            )
        formats[ending.lower()] = name
    return formats


@dataclass(frozen=True)
class _Reader:
    """Typed access to a TOML table, with errors that name the file and the full key."""

    path: Path
    prefix: str

    def error(self, key: str, cause: str) -> ConfigError:
        return ConfigError(f"{self.path}: {self.prefix}{key}: {cause}")

    def known_keys(self, table: Mapping[str, Any], valid: frozenset[str], where: str) -> None:
        unknown = sorted(set(table) - valid)
        if unknown:
            key = f"{where}.{unknown[0]}" if where else unknown[0]
            raise self.error(key, f"unknown key (valid keys: {', '.join(sorted(valid))})")

    def strings(self, value: Any, key: str) -> tuple[str, ...]:
        if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
            raise self.error(key, f"must be a list of strings, not {value!r}")
        return tuple(v.strip() for v in value)

    def optional_strings(self, table: Mapping[str, Any], key: str, where: str = "") -> tuple[str, ...] | None:
        return self.strings(table[key], _join(where, key)) if key in table else None

    def optional_path(self, table: Mapping[str, Any], key: str, root: Path) -> Path | None:
        value = table.get(key)
        if value is not None and (not isinstance(value, str) or not value.strip()):
            raise self.error(key, f"must be a path, not {value!r}")
        return root / value if value else None

    def text(self, table: Mapping[str, Any], key: str) -> str | None:
        value = table.get(key)
        if value is not None and (not isinstance(value, str) or not value.strip()):
            raise self.error(key, f"must be a non-empty string, not {value!r}")
        return value

    def choice(self, table: Mapping[str, Any], key: str, valid: tuple[str, ...]) -> str | None:
        value = table.get(key)
        if value is not None and value not in valid:
            raise self.error(key, f"must be one of {', '.join(valid)}, not {value!r}")
        return value

    def flag(self, table: Mapping[str, Any], key: str) -> bool | None:
        value = table.get(key)
        if value is not None and not isinstance(value, bool):
            raise self.error(key, f"must be true or false, not {value!r}")
        return value

    def mapping(self, table: Mapping[str, Any], key: str, where: str = "") -> Mapping[str, Any]:
        value = table.get(key, {})
        if not isinstance(value, Mapping):
            raise self.error(_join(where, key), f"must be a table, not {value!r}")
        return value

    def tables(self, table: Mapping[str, Any], key: str) -> list[Mapping[str, Any]]:
        value = table.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, Mapping) for v in value):
            raise self.error(key, "must be an array of tables ([[overrides]])")
        return value


def _join(where: str, key: str) -> str:
    return f"{where}.{key}" if where else key
