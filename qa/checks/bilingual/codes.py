"""code-mismatch: placeholders, tags and inline codes that differ between a source and its translation.

A lost "%s" crashes the program that fills it in, a "{0}" turned into "{1}" shows the wrong value,
a dropped "</b>" bolds the rest of the page, and an XLIFF <x id="1"/> missing from a target fails
the merge back into the document. Codes are read from the text of both sides (printf %s %1$s
%(name)s and Qt %1; braces {0} {name} {0:N2}, ICU {count, plural, ...}; $1 ${name} $name;
Ruby %{name}; {{mustache}}; HTML and XML tags) and from the segment's inline codes
(qa.bilingual.InlineCode, by id), and compared as multisets: codes may move, as word order
differs between languages, except unnumbered printf conversions, which take their arguments in
order. A named or numbered placeholder may be used once or several times ("%(field)s ...
%(field)s"): it is compared by presence. A code changed in the translation ({0} for {1}) is one
finding, with the source's code as the suggestion when one swap fixes it. An &amp;, &lt; or &gt;
of the source that the translation writes as its bare character ("&", "<") is reported, with the
entity as the suggestion: in markup it would be read as code. Other entities are characters
like any (&nbsp; and &laquo; follow the target's typography, &euro; may be written €).

What stays prose: a percent sign after a number ("50 %", "50% of", "a 5%-owned"), a brace that
holds words ("{see below}", "{x, y}") or closes nothing, "<" as less-than ("a < b", "<3"),
guillemets and their ASCII stand-in "<<quoted>>"; ICU plural and select bodies, which are text
(their selectors change with the language's plural forms, so a code inside them counts once,
however many bodies repeat it); tag attributes that are text (alt, title:
`translatable_attributes`). A translation may hold a placeholder of a kind its source has none
of: gettext's plural forms need the count where the English singular has none ("an hour ago":
"%(count)s час назад"), and so do languages of one plural form; likewise a tag-like "<Name>" in
the translation of a source without tags is markup only when it is an HTML element (a Japanese
〈とらや〉 is written "<Toraya>"). "$5" is money as often as a placeholder: $-codes count only when
both sides have some.
"""

from __future__ import annotations

import html
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from typing import ClassVar

from qa.bilingual import InlineCode, Segment
from qa.checks.base import data_file, option, word_list
from qa.checks.bilingual import translated_segments
from qa.document import Document
from qa.findings import Match


@dataclass(frozen=True, slots=True)
class Code:
    """A placeholder, tag, entity or inline code as it stands in one side's text."""

    key: str
    """What must be the same on both sides: the code with its spacing and translatable parts left out."""
    family: str
    """printf, brace, dollar, template, ruby, mustache, tag, entity or inline: codes changed within a family pair up."""
    text: str
    start: int
    end: int
    ordered: bool = False
    """An unnumbered printf conversion: its place among the others says which argument it takes."""
    repeatable: bool = False
    """A placeholder by name or number: the translation may use it more or fewer times than the source."""


PRINTF = (
    r"%(?:\((?P<pname>\w+)\)|(?P<pos>\d+)\$)?[-+0#']*(?:\d+|\*)?(?:\.(?:\d+|\*))?"
    r"(?:hh|h|ll|l|L|q|j|z|t)?[diouxXeEfFgGaAcspn@](?![A-Za-z])"
)
TOKEN = re.compile(
    r"(?P<escaped>%%)"
    r"|(?P<mustache>\{\{\{?\s*[#/^&>!]?\s*[\w.-]+\s*\}?\}\})"
    r"|(?P<ruby>%\{[\w.]+\})"
    r"|(?P<template>\$\{[\w.]+\})"
    r"|(?P<brace>\{)"
    rf"|(?P<printf>{PRINTF})"
    r"|(?P<qt>(?<![\w%])%\d{1,2}(?![\w$]))"
    r"|(?P<dollar>(?<![\w$])\$(?:\d{1,2}(?!\d|[.,]\d)|[A-Za-z_]\w*)\b)"
    r"|(?P<tag>(?<!<)</?[A-Za-z][\w.:-]*(?:\s+[\w:.-]+\s*=\s*(?:\"[^\"<>]*\"|'[^'<>]*'|[^\s\"'<>=`]+))*\s*/?>(?!>))"
    r"|(?P<entity>&(?:[A-Za-z][A-Za-z0-9]{1,31}|#\d{1,7}|#[xX][0-9A-Fa-f]{1,6});)"
)
SIMPLE_BRACE = re.compile(
    r"\s*(?:[A-Za-z_][\w.]*|\d+)?\s*(?:(?:,\s*-?\d+)?(?::[^{}]*)?|![rsa]|,\s*(?:number|date|time|spellout|ordinal|duration)(?:\s*,[^{}]*)?)\s*"
)
"""Inside {…}: Python, .NET and ICU simple arguments ({}, {0}, {name}, {0,-10:N2}, {x!r}, {d, date, short})."""
ICU_HEAD = re.compile(r"\s*([A-Za-z_]\w*|\d+)\s*,\s*(plural|select|selectordinal)\s*,(?:\s*offset:\s*\d+)?")
ICU_SELECTOR = re.compile(r"\s*(=\d+|[\w-]+)\s*(?=\{)")
WHITE = re.compile(r"\s*")
ICU_DEPTH = 8
"""ICU arguments nested deeper than this are read as text: messages nest two or three."""
ATTRIBUTE = re.compile(r"([\w:.-]+)\s*=\s*(?:\"([^\"]*)\"|'([^']*)'|([^\s>]+?)(?=\s|/?>))")
TAG_NAME = re.compile(r"</?([A-Za-z][\w.:-]*)")
VOID_ELEMENTS = frozenset(
    ["area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"]
)
"""HTML elements that never hold content: <br>, <br/> and <br /> are one tag."""
MARKUP_CHARACTERS = frozenset("&<>")
"""What an entity must stay an entity for: written as itself, it is markup."""
DOLLAR, TAG, ENTITY, INLINE = "dollar", "tag", "entity", "inline"


@dataclass(frozen=True, kw_only=True)
class InlineCodesOptions:
    translatable_attributes: tuple[str, ...] = option(
        ("alt", "aria-label", "label", "placeholder", "summary", "title"),
        "Tag attributes whose values are text to translate, so they may differ ('title', 'alt').",
    )


class InlineCodes:
    """Placeholders, tags, entities and inline codes the translation lost, added, changed or reordered."""

    name: ClassVar[str] = "inline_codes"
    Options: ClassVar[type] = InlineCodesOptions
    fixable: ClassVar[str] = "sometimes"
    any_target_language: ClassVar[bool] = True
    """A placeholder or a tag is code in a translation into any language."""

    def check(self, doc: Document, options: InlineCodesOptions) -> Iterator[Match]:
        translatable = frozenset(a.lower() for a in options.translatable_attributes)
        for segment in translated_segments(doc):
            source = [*codes_in(segment.source, translatable), *inline(segment.source_codes)]
            target = [*codes_in(segment.target, translatable), *inline(segment.target_codes)]
            yield from compare(segment, source, target)


def compare(segment: Segment, source: list[Code], target: list[Code]) -> Iterator[Match]:
    yield from unescaped(segment, source, target)
    source, target = comparable(source, target)
    missing, extra = unmatched(source, target), unmatched(target, source)
    by_family: dict[str, tuple[list[Code], list[Code]]] = defaultdict(lambda: ([], []))
    for code in missing:
        by_family[code.family][0].append(code)
    for code in extra:
        by_family[code.family][1].append(code)
    for lost, added in by_family.values():
        one_swap = len(lost) == len(added) == 1
        for was, now in zip(lost, added):
            yield at(
                segment, now, f"'{now.text}' stands where the source has '{was.text}'.", was,
                was.text if one_swap else None,
            )  # fmt: skip
        for was in lost[len(added) :]:
            yield Match(
                segment.start, segment.end, f"'{was.text}' of the source is missing from the translation.",
                source_span=(was.start, was.end),
            )  # fmt: skip
        for now in added[len(lost) :]:
            yield at(segment, now, f"'{now.text}' is not in the source.")
    if not missing and not extra:
        yield from reordered(segment, source, target)


def at(
    segment: Segment, code: Code, message: str, was: Code | None = None, suggestion: str | None = None
) -> Match:
    source_span = (was.start, was.end) if was else None
    return Match(
        segment.start + code.start, segment.start + code.end, message, suggestion, source_span=source_span
    )


def reordered(segment: Segment, source: list[Code], target: list[Code]) -> Iterator[Match]:
    """The first unnumbered printf conversion out of the source's order: it takes another argument."""
    in_source = [c for c in source if c.ordered]
    in_target = [c for c in target if c.ordered]
    for was, now in zip(in_source, in_target):
        if was.key != now.key:
            yield at(
                segment, now,
                f"'{now.text}' stands where the source has '{was.text}': unnumbered conversions take their "
                "arguments in order; keep the source's order or number them ('%1$s').",
                was,
            )  # fmt: skip
            return


def unmatched(codes: list[Code], others: list[Code]) -> list[Code]:
    """The codes of one side beyond what the other side has of the same key: of each key, the last ones
    (none of a repeatable placeholder the other side has at all)."""
    available = Counter(c.key for c in others)
    left = []
    for code in codes:
        if not available[code.key]:
            left.append(code)
        elif not code.repeatable:
            available[code.key] -= 1
    return left


def comparable(source: list[Code], target: list[Code]) -> tuple[list[Code], list[Code]]:
    """Both sides without what may differ: entities (characters, see `unescaped`); $-codes unless both
    sides have some (else they are money); placeholders of a kind the source has none of (a plural
    form's count); tags in the translation of a source without any, unless they are HTML."""
    source = [c for c in source if c.family != ENTITY]
    target = [c for c in target if c.family != ENTITY]
    if not any(c.family == DOLLAR for c in source) or not any(c.family == DOLLAR for c in target):
        source = [c for c in source if c.family != DOLLAR]
    families = {c.family for c in source}
    return source, [c for c in target if c.family in families or added_markup(c)]


def added_markup(code: Code) -> bool:
    """A code that is never needed where the source has none of its kind: an inline code, an HTML tag."""
    return code.family == INLINE or (code.family == TAG and tag_name(code.text) in html_elements())


@cache
def html_elements() -> frozenset[str]:
    return frozenset(word_list(data_file("bilingual-html-elements.txt")))


def unescaped(segment: Segment, source: list[Code], target: list[Code]) -> Iterator[Match]:
    """Each "&", "<" or ">" the translation writes bare where its source only ever escapes it."""
    escapes = {c.key[1:]: c for c in source if c.family == ENTITY and c.key[1:] in MARKUP_CHARACTERS}
    if not escapes:
        return
    for char in list(escapes):
        if bare(segment.source, char, source):
            del escapes[char]
    for char, escape in escapes.items():
        for offset in bare(segment.target, char, target):
            yield Match(
                segment.start + offset, segment.start + offset + 1,
                f"'{char}' stands bare where the source escapes it as '{escape.text}': in markup it reads as code.",
                escape.text, source_span=(escape.start, escape.end),
            )  # fmt: skip


def bare(text: str, char: str, codes: list[Code]) -> list[int]:
    """Where `char` stands in `text` outside its codes (not as the "<" of a tag or the "&" of an entity)."""
    inside = {i for code in codes if code.family in (TAG, ENTITY) for i in range(code.start, code.end)}
    return [i for i, c in enumerate(text) if c == char and i not in inside]


def inline(codes: Iterable[InlineCode]) -> Iterator[Code]:
    for code in codes:
        yield Code(code.id, INLINE, code.text, code.offset, code.offset)


MARKUP_FAMILIES = frozenset({"printf", "brace", "mustache", "ruby", "template"})
"""Codes that are never words: other rules leave what they hold alone (a dollar may be money)."""


def markup_spans(text: str) -> list[tuple[int, int]]:
    """Where `text` holds placeholders or HTML tags rather than words: the quotes of <a href="x">
    are no quotation, the 0 of {0} no number, the name of {{name}} no name. An ICU argument is
    code to its closing brace: its selectors ("one {…}", "other {…}") are keywords, not words.
    Sorted, none inside another."""
    spans: list[tuple[int, int]] = []
    partner = partners(text)
    for code in codes_in(text, frozenset(), partner):
        if code.family == "brace" and code.start in partner and ICU_HEAD.match(text, code.start + 1):
            spans.append((code.start, partner[code.start] + 1))
        elif code.family in MARKUP_FAMILIES or (
            code.family == TAG and tag_name(code.text) in html_elements()
        ):
            spans.append((code.start, code.end))
    return _outermost(sorted(spans))


def _outermost(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Sorted spans less those that lie inside an earlier one (a placeholder inside an ICU argument)."""
    kept: list[tuple[int, int]] = []
    for start, end in spans:
        if kept and start < kept[-1][1]:
            kept[-1] = (kept[-1][0], max(end, kept[-1][1]))
        else:
            kept.append((start, end))
    return kept


def codes_in(text: str, translatable: frozenset[str], partner: dict[int, int] | None = None) -> list[Code]:
    """The codes of one side's text, in order; `partner`: its `partners`, when the caller has them."""
    found: list[Code] = []
    Reader(text, partners(text) if partner is None else partner, translatable).scan(0, len(text), found)
    return found


@dataclass(frozen=True, slots=True)
class Reader:
    """Reads the codes of one side's text, with its braces paired beforehand."""

    text: str
    partner: dict[int, int]
    translatable: frozenset[str]

    def scan(self, start: int, end: int, found: list[Code], depth: int = 0) -> None:
        """Append the codes of text[start:end] to `found`, in order; `depth`: ICU arguments it stands in."""
        position = start
        while (match := TOKEN.search(self.text, position, end)) is not None:
            kind = match.lastgroup
            position = match.end()
            if kind == "brace":
                position = self.brace(match.start(), end, found, depth)
            elif kind == "printf":
                named = match.group("pname") is not None or match.group("pos") is not None
                found.append(
                    Code(match.group(), "printf", match.group(), match.start(), position, not named, named)
                )
            elif kind == "qt":
                found.append(
                    Code(match.group(), "printf", match.group(), match.start(), position, repeatable=True)
                )
            elif kind == "tag":
                key = tag_key(match.group(), self.translatable)
                found.append(Code(key, TAG, match.group(), match.start(), position))
            elif kind == "entity":
                code = entity(match)
                if code is not None:
                    found.append(code)
            elif kind != "escaped":
                key = squeezed(match.group())
                found.append(Code(key, kind, match.group(), match.start(), position, repeatable=True))

    def brace(self, start: int, end: int, found: list[Code], depth: int) -> int:
        """Read the brace at `start` as an argument when it is one; return where scanning goes on."""
        text, close = self.text, self.partner.get(start)
        if close is None or close >= end:
            return start + 1
        if text.find("{", start + 1, close) < 0:  # stops at the first nested brace: linear overall
            if SIMPLE_BRACE.fullmatch(text, start + 1, close):
                written, key = text[start : close + 1], squeezed(text[start : close + 1])
                found.append(Code(key, "brace", written, start, close + 1, repeatable=key != "{}"))
                return close + 1
            return start + 1
        head = ICU_HEAD.match(text, start + 1, close) if depth < ICU_DEPTH else None
        bodies = icu_bodies(text, head.end(), close, self.partner) if head else None
        if head is None or bodies is None:
            return start + 1  # prose that happens to hold braces
        key = f"{{{head.group(1)},{head.group(2)}}}"
        found.append(Code(key, "brace", text[start : head.end()], start, head.end(), repeatable=True))
        inside: list[Code] = []
        for body_start, body_end in bodies:
            self.scan(body_start, body_end, inside, depth + 1)
        first: dict[str, Code] = {}
        for code in inside:  # once each, where it first stands: plural forms differ in number by language
            first.setdefault(code.key, code)
        found.extend(first.values())
        return close + 1


def icu_bodies(text: str, position: int, close: int, partner: dict[int, int]) -> list[tuple[int, int]] | None:
    """The spans inside the braces of an ICU argument's `selector {body}` pairs, None when they are not such pairs."""
    bodies = []
    while WHITE.match(text, position, close).end() < close:  # type: ignore[union-attr]  # \s* always matches
        selector = ICU_SELECTOR.match(text, position, close)
        body_start = selector.end() if selector else -1
        body_end = partner.get(body_start, close + 1)
        if body_end > close:
            return None
        bodies.append((body_start + 1, body_end))
        position = body_end + 1
    return bodies


def partners(text: str) -> dict[int, int]:
    """Each "{" that a "}" closes -> that "}", braces nested; found in one pass."""
    if "{" not in text:
        return {}
    opened: list[int] = []
    pairs = {}
    for index, char in enumerate(text):
        if char == "{":
            opened.append(index)
        elif char == "}" and opened:
            pairs[opened.pop()] = index
    return pairs


def tag_key(tag: str, translatable: frozenset[str]) -> str:
    """The tag's name and the values of its attributes that must stay (href, src, id), in order of name,
    and whether it closes itself (in XML, not for an HTML void element)."""
    name = tag_name(tag).lower()
    closing = "/" if tag.startswith("</") else ""
    empty = "/" if tag.rstrip(">").rstrip().endswith("/") and name not in VOID_ELEMENTS else ""
    kept = sorted(
        (attribute.lower(), next((v for v in values if v), ""))
        for attribute, *values in ATTRIBUTE.findall(tag[len(name) + 1 + len(closing) :])
        if attribute.lower() not in translatable
    )
    attributes = "".join(f' {attribute}="{value}"' for attribute, value in kept)
    return f"<{closing}{name}{attributes}{empty}>"


def tag_name(tag: str) -> str:
    return TAG_NAME.match(tag).group(1)  # type: ignore[union-attr]  # TOKEN matched a tag


def entity(match: re.Match[str]) -> Code | None:
    """A known entity, keyed by the character it stands for."""
    char = html.unescape(match.group())
    if len(char) != 1 or char == match.group():
        return None
    return Code("&" + char, ENTITY, match.group(), match.start(), match.end())


def squeezed(code: str) -> str:
    """A code without its white space: "{ name }" and "{name}" are one code."""
    return "".join(code.split())
