"""JSON Lines of segments: one object a line, with a `source` and a translation field.

The translation is `target` unless `--target-field` names another (a dotted path walks into
objects: `mt.Online-B`), so one file of aligned references and system outputs can be checked
output by output. A record may name its segment (`id`) and languages (`source_lang`,
`target_lang`), and the paragraph it belongs to (`doc` and `para`, as the WMT corpora do):
records of the same paragraph are laid out as its sentences, else each is a paragraph. The
standard library's JSON scanner finds each string in its line, and each escape (`\\n`,
`\\u00e9`, a surrogate pair) keeps the span of the file it stands for.
"""

from __future__ import annotations

import json
import re
from typing import TYPE_CHECKING, Any

from qa.document import Document
from qa.errors import InputError
from qa.loaders.decoding import decode
from qa.loaders.segments import SegmentLayout

if TYPE_CHECKING:
    from qa.loaders import LoadOptions

ESCAPE_OR_RUN = re.compile(
    r"\\u[dD][89abAB][0-9a-fA-F]{2}\\u[dD][c-fC-F][0-9a-fA-F]{2}|\\u[0-9a-fA-F]{4}|\\.|[^\\]+"
)
"""A JSON string's pieces: a surrogate pair, one escape, or a run of plain characters."""
LINE = re.compile(r"[^\n]*\n?")
DECODER = json.JSONDecoder()
WHITE = re.compile(r"[ \t\r]*")


def load(data: bytes, display: str, options: LoadOptions) -> Document:
    decoded = decode(data, options.guess_encoding)
    layout = SegmentLayout(decoded.text)
    languages: dict[str, str] = {}
    path = options.target_field.split(".")
    paragraph: tuple[Any, Any] | None = None
    for number, line in enumerate(LINE.finditer(decoded.text), start=1):
        if not line.group().strip():
            continue
        try:
            paragraph = _read_record(layout, decoded.text, line, number, path, languages, paragraph)
        except json.JSONDecodeError as error:  # its own text names the whole file's line: say it once
            raise InputError(
                f"line {number}, column {error.colno}: {error.msg.removesuffix(' at')}"
            ) from None
        except ValueError as error:
            raise InputError(f"line {number}: {error}") from None
    if not layout.segments:
        raise InputError("no JSON Lines records")
    warnings = (f"{display}: {decoded.warning}",) if decoded.warning else ()
    source_lang = options.source_lang or languages.get("source_lang")
    target_lang = languages.get("target_lang")
    return layout.document(display, source_lang, target_lang, warnings, decoded.encoding, _json_escaped)


def _json_escaped(text: str) -> str:
    """Text as it stands inside a JSON string of the file (non-ASCII kept as it is)."""
    return json.dumps(text, ensure_ascii=False)[1:-1]


def _read_record(
    layout: SegmentLayout,
    text: str,
    line: re.Match[str],
    number: int,
    path: list[str],
    languages: dict[str, str],
    previous: tuple[Any, Any] | None,
) -> tuple[Any, Any] | None:
    """Lay out one record's target; the paragraph it belongs to, if it says."""
    members = _object_members(text, line.start(), line.end())
    record = {key: value for key, (value, _span) in members.items() if not isinstance(value, tuple)}
    source = members.get("source")
    if source is None or not isinstance(source[0], str):
        raise ValueError("a record needs a 'source' string")
    target = _field(members, path)
    if target is None:
        raise ValueError(f"a record needs a {'.'.join(path)!r} string")
    for key in ("source_lang", "target_lang"):
        if isinstance(record.get(key), str):
            languages.setdefault(key, record[key])
    segment_id = record.get("id")
    paragraph = (record["doc"], record["para"]) if "doc" in record and "para" in record else None
    layout.begin(same_paragraph=None if paragraph is None else paragraph == previous)
    _take_string(layout, text, *target[1])
    layout.end(str(segment_id) if isinstance(segment_id, (str, int)) else str(number), source[0])
    return paragraph


Member = tuple[Any, tuple[int, int]]
"""A member's value and the span of its JSON token in the file; an object's value is its members."""


def _object_members(text: str, start: int, end: int) -> dict[str, Member]:
    """The members of the object at text[start:end] (its own line), each with its token's span."""
    index = _skip(text, start)
    if text[index : index + 1] != "{":
        raise ValueError("not a JSON object")
    members, index = _members(text, index + 1)
    if text[index:end].strip():
        raise ValueError("text after the object")
    return members


def _members(text: str, index: int) -> tuple[dict[str, Member], int]:
    """An object's members from just after its `{`, and the index after its `}`."""
    members: dict[str, Member] = {}
    index = _skip(text, index)
    if text.startswith("}", index):
        return members, index + 1
    while True:
        if not text.startswith('"', index):
            raise ValueError(f"expected a member name at column {index + 1}")
        key, index = json.decoder.scanstring(text, index + 1)
        index = _skip(text, index)
        if not text.startswith(":", index):
            raise ValueError(f"expected ':' after {key!r}")
        index = _skip(text, index + 1)
        value_start = index
        if text.startswith("{", index):
            value, index = _members(text, index + 1)
            members[key] = (tuple(value.items()), (value_start, index))  # nested: its members
        else:
            plain, index = DECODER.raw_decode(text, index)
            members[key] = (plain, (value_start, index))
        index = _skip(text, index)
        if text.startswith("}", index):
            return members, index + 1
        if not text.startswith(",", index):
            raise ValueError(f"expected ',' or '}}' at column {index + 1}")
        index = _skip(text, index + 1)


def _skip(text: str, index: int) -> int:
    return WHITE.match(text, index).end()


def _field(members: dict[str, Member], path: list[str]) -> Member | None:
    """The string member at a dotted path, or None."""
    found = members.get(path[0])
    if found is None:
        return None
    if len(path) > 1:
        value = found[0]
        return _field(dict(value), path[1:]) if isinstance(value, tuple) else None
    return found if isinstance(found[0], str) else None


def _take_string(layout: SegmentLayout, text: str, start: int, end: int) -> None:
    """The JSON string token text[start:end] into the prose, each escape with its own span."""
    index = start + 1  # after the opening quote
    for piece in ESCAPE_OR_RUN.finditer(text, index, end - 1):
        raw = piece.group()
        if raw.startswith("\\"):
            layout.prose.take_as(json.loads(f'"{raw}"'), piece.start(), piece.end())
        else:
            layout.prose.take(piece.start(), piece.end())
