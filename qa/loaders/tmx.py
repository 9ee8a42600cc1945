"""TMX (1.4, and the 1.1 to 1.3 it extends): each translation unit's target a paragraph of the prose.

A <tu> holds one <tuv> per language, each with its text in <seg>. The source is the <tuv> in
the header's srclang (or --source-lang, which overrides it); srclang="*all*" means any
language may be the source, and it is then the first <tuv> of each unit. The target is the
other language; a memory of several target languages is checked in the one most units hold,
with a warning naming the others. A segment is named by the unit's tuid, else by its number.

Inline codes <bpt>, <ept>, <ph>, <it> (and 1.1's <ut>) hold native code, not prose, and are
noted on both sides; the text of <hi> is prose.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from qa.bilingual import primary_language
from qa.errors import InputError
from qa.loaders.xml_segments import (
    CODE,
    IGNORED,
    XML_LANG,
    Attributes,
    Content,
    Ignored,
    InlineMarkup,
    Pair,
    Side,
    Translation,
    read,
)

if TYPE_CHECKING:
    from qa.document import Document
    from qa.loaders import LoadOptions

TMX_MARKUP = InlineMarkup(
    kinds={"bpt": CODE, "ept": CODE, "ph": CODE, "it": CODE, "ut": CODE},
    id_attributes=("i", "x"),
)
ANY_SOURCE = "*all*"


def load(data: bytes, display: str, options: LoadOptions) -> Document:
    return read(data, display, options, lambda _namespace, name, _attributes: Tmx(name, options.source_lang))


@dataclass
class Unit:
    id: str
    variants: list[tuple[str, Side]] = field(default_factory=list)
    """(language, text) of each <tuv>, in file order."""

    def side(self, language: str) -> Side | None:
        """The variant in a language: the same tag, else the same primary language ("en" for "en-GB")."""
        wanted = language.lower()
        for tag, side in self.variants:
            if tag.lower() == wanted:
                return side
        primary = primary_language(language)
        return next((side for tag, side in self.variants if primary_language(tag) == primary), None)


class Tmx:
    def __init__(self, root: str, source_lang: str | None) -> None:
        if root != "tmx":
            raise InputError(f"not TMX: the root element is <{root}>, not <tmx>")
        self._source_lang = source_lang
        self._units: list[Unit] = []
        self._unit: Unit | None = None
        self._language = ""

    def start(self, name: str, attributes: Attributes, line: int) -> Content | Ignored | None:
        if self._unit is None:
            if name == "tu":
                self._unit = Unit(attributes.get("tuid") or str(len(self._units) + 1))
            elif name == "header":
                self._source_lang = self._source_lang or attributes.get("srclang")
                return IGNORED
            elif name not in ("tmx", "body"):
                return IGNORED
            return None
        if name == "tuv":
            self._language = attributes.get(XML_LANG) or attributes.get("lang", "")
            return None
        return Content(TMX_MARKUP, line) if name == "seg" else IGNORED  # <prop>, <note>

    def end(self, name: str, captured: Content | Ignored | None) -> None:
        if self._unit is None:
            return
        if isinstance(captured, Content):
            self._unit.variants.append((self._language, captured.side))
        elif name == "tu":
            self._units.append(self._unit)
            self._unit = None

    def translation(self) -> Translation:
        """Each unit's source beside its variant in the target language most units hold."""
        source_lang = self._source_lang if self._source_lang != ANY_SOURCE else None
        sources = [self._source(unit, source_lang) for unit in self._units]
        spelled: dict[str, str] = {}  # a language as the file first writes it, by its lower case
        languages = Counter(
            spelled.setdefault(tag.lower(), tag)
            for unit, source in zip(self._units, sources)
            for tag in {language: None for language, side in unit.variants if side is not source}
        )
        found = Translation(source_lang=source_lang)
        if languages:
            found.target_lang = target_lang = languages.most_common(1)[0][0]
            if len(languages) > 1:
                others = ", ".join(sorted(set(languages) - {target_lang}))
                found.warnings.append(
                    f"{len(languages)} target languages: checked {target_lang}, the one most units hold "
                    f"(not {others})"
                )
        for unit, source in zip(self._units, sources):
            target = unit.side(found.target_lang) if found.target_lang else None
            found.pairs.append(Pair(unit.id, source or Side(), target if target is not source else None))
        if source_lang is None and self._units and self._units[0].variants:
            found.source_lang = self._units[0].variants[0][0]
        return found

    @staticmethod
    def _source(unit: Unit, language: str | None) -> Side | None:
        if language is None:
            return unit.variants[0][1] if unit.variants else None
        return unit.side(language)
