"""The contract between the engine and check kinds, and option validation.

A document kind has `check(doc, options) -> Iterator[Match]`. A corpus kind has
`facts(doc, options) -> Facts` (small and picklable, emitted per file) and
`reduce(facts_by_path, options) -> Iterator[tuple[path, Match]]`, run once over
all files. Both declare `name`, an `Options` dataclass and `fixable`. A kind may
add `prepare(options)`, run once per run before any file: it loads heavy data and
raises ValueError for option values only that data can judge (an unknown locale).
A kind whose suggestions are right without an editor's judgement sets
`safe_fix = True`: `mtqa fix` applies only those. A kind whose finding explains
everything in its span (mojibake, untranslated text) sets `covers = True`; a kind
whose findings echo particular other kinds' on the same text names them in
`yields_to`; a kind whose finding says all that another kind's inside it says, and
more, names that kind in `supersedes`; a kind that reports a repeat and suggests deleting
its second copy sets `repeats = True`, and other findings inside that copy go with it.
`qa.dedupe` drops such echoes. Kinds judge English copy; one that reads translations into any
language (placeholders, consistency) sets `any_target_language = True`, and only such kinds run
on a translation file whose target language is another (qa.engine).
"""

from __future__ import annotations

import dataclasses
import os
import types
import typing
from collections.abc import Iterator, Mapping
from functools import cache
from typing import Any, ClassVar, Protocol, runtime_checkable

from qa import bundled
from qa.document import Document
from qa.errors import InputError
from qa.findings import Match
from qa.loaders import read_utf8_file


@dataclasses.dataclass(frozen=True, kw_only=True)
class NoOptions:
    """For kinds that take no options."""


@runtime_checkable
class DocumentKind(Protocol):
    name: ClassVar[str]
    Options: ClassVar[type]
    fixable: ClassVar[str]

    def check(self, doc: Document, options: Any) -> Iterator[Match]: ...


@runtime_checkable
class CorpusKind(Protocol):
    name: ClassVar[str]
    Options: ClassVar[type]
    fixable: ClassVar[str]

    def facts(self, doc: Document, options: Any) -> Any: ...

    def reduce(self, facts_by_path: Mapping[str, Any], options: Any) -> Iterator[tuple[str, Match]]: ...


def option(default: Any, doc: str) -> Any:
    """A dataclass field for a kind's Options, with the one-line doc `mtqa explain` shows."""
    if isinstance(default, (list, dict, set)):
        raise TypeError("use a tuple or a frozen mapping for option defaults")
    return dataclasses.field(default=default, metadata={"doc": doc})


def require_at_least(options: Any, **minimums: float) -> None:
    """For an Options' `__post_init__`: a ValueError naming the first option below its minimum."""
    for name, least in minimums.items():
        value = getattr(options, name)
        if value < least:
            raise ValueError(f"option {name!r} must be at least {least}, not {value!r}")


def require_between(options: Any, low: float, high: float, *names: str) -> None:
    """For an Options' `__post_init__`: a ValueError naming the first option outside `low`-`high`
    (a share or a probability, 0-1; a rapidfuzz score, 0-100)."""
    for name in names:
        value = getattr(options, name)
        if not low <= value <= high:
            raise ValueError(f"option {name!r} must be between {low} and {high}, not {value}")


class OptionError(ValueError):
    """Raised with a message naming the offending key; the catalogue adds file and rule."""


def build_options(options_type: type, raw: Mapping[str, Any] | None, base: Any = None) -> Any:
    """Validate `raw` against the Options dataclass, over `base` (defaults when None).

    Lists become tuples, so options stay hashable and immutable; every other value
    must already have the declared type. Unknown keys are errors, never ignored.
    """
    raw = dict(raw or {})
    fields = {f.name: f for f in dataclasses.fields(options_type)}
    hints = typing.get_type_hints(options_type)
    unknown = sorted(set(raw) - set(fields))
    if unknown:
        valid = ", ".join(sorted(fields)) or "none"
        raise OptionError(f"unknown option {unknown[0]!r} (valid options: {valid})")
    values = {}
    for key, value in raw.items():
        values[key] = _coerce(key, value, hints[key])
        if key.endswith("_file") and value is not None:
            _require_list_file(key, value)
    if base is not None:
        return dataclasses.replace(base, **values)
    return options_type(**values)


def _require_list_file(key: str, path: str) -> None:
    """Read a `*_file` option's list once when the options are read, so that a file that cannot
    be used (a FIFO, a device, too large, not UTF-8) is a configuration error naming the option."""
    if not os.path.lexists(path):
        raise OptionError(f"option {key!r}: no such file {path!r}")
    try:
        read_list_file(path)
    except ValueError as error:
        raise OptionError(f"option {key!r}: {error}") from None


def _coerce(key: str, value: Any, expected: Any) -> Any:
    origin = typing.get_origin(expected)
    if origin in (types.UnionType, typing.Union):
        errors = []
        for alternative in typing.get_args(expected):
            try:
                return _coerce(key, value, alternative)
            except OptionError as error:
                errors.append(error)
        raise errors[0]
    if expected is type(None):
        if value is None:
            return None
        raise OptionError(f"option {key!r} must be null, not {value!r}")
    if origin is tuple:
        if not isinstance(value, (list, tuple)):
            raise OptionError(f"option {key!r} must be a list, not {value!r}")
        (item_type, _ellipsis) = typing.get_args(expected)
        return tuple(_coerce(key, item, item_type) for item in value)
    if origin is dict or expected is dict:
        if not isinstance(value, Mapping):
            raise OptionError(f"option {key!r} must be a mapping, not {value!r}")
        key_type, value_type = typing.get_args(expected) or (str, str)
        return types.MappingProxyType(
            {_coerce(key, k, key_type): _coerce(key, v, value_type) for k, v in value.items()}
        )
    if expected is float and isinstance(value, int) and not isinstance(value, bool):
        return float(value)
    if expected is int and isinstance(value, bool) or not isinstance(value, expected):
        raise OptionError(f"option {key!r} must be {expected.__name__}, not {value!r}")
    return value


@cache
def word_list(path: str) -> tuple[str, ...]:
    """The entries of a data list, read once per path: one a line, blank and `#` lines skipped."""
    lines = read_list_file(path).splitlines()
    return tuple(line.strip() for line in lines if line.strip() and not line.lstrip().startswith("#"))


def read_list_file(path: str) -> str:
    """The text of a list a `*_file` option names; ValueError says what is wrong with it.

    The message names the file and the fault (missing, not a regular file, too large,
    not UTF-8), never its content: a configuration may point anywhere (`/etc/passwd`).
    """
    try:
        return read_utf8_file(path)
    except InputError as error:
        raise ValueError(f"{path}: cannot read the list: {error}") from None


def data_file(name: str) -> str:
    """The path of a built-in data list, for `*_file` options left at None."""
    return str(bundled.rules_folder() / "data" / name)
