"""XLIFF 1.2 and 2.0: each translatable segment's target a paragraph of the prose, its source beside it.

XLIFF 1.2 (and the 1.0 and 1.1 it extends; SDL's .sdlxliff, memoQ's .mqxliff): <file
source-language target-language>, then <trans-unit id> with <source>, an optional <target
state>, and, when a tool has split the unit into sentences, a <seg-source> whose
<mrk mtype="seg" mid> marks are segments of their own ("unit-id/mid"), matched by mid in the
target. A segment's state: SDL's conf of its mark, else its target's state, else memoQ's
mq:status of its unit. XLIFF 2.0: languages on <xliff srcLang trgLang>, <unit id> holding <segment id state>s
(a unit of several is named "unit-id/segment-id"); <ignorable> text between segments is
not a segment. Units marked translate="no", <alt-trans> proposals and notes are left out.

Inline codes (1.2 <g>, <x/>, <bx/>, <ex/>, <ph>, <bpt>, <ept>, <it>; 2.0 <pc>, <ph/>, <sc/>,
<ec/>) are noted with their place on both sides, so that a rule can compare them; the native
code inside <ph>, <bpt>, <ept>, <it> is not prose, while the text inside <g>, <pc> and <mrk> is.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from qa.errors import InputError
from qa.loaders.xml_segments import (
    CODE,
    IGNORED,
    PAIRED,
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

XLIFF_2_NAMESPACE = "urn:oasis:names:tc:xliff:document:2."
XLIFF_1_MARKUP = InlineMarkup(
    kinds={"g": PAIRED, "x": CODE, "bx": CODE, "ex": CODE, "ph": CODE, "bpt": CODE, "ept": CODE, "it": CODE},
    id_attributes=("id",),
)
XLIFF_2_MARKUP = InlineMarkup(
    kinds={"pc": PAIRED, "ph": CODE, "sc": CODE, "ec": CODE},
    id_attributes=("id", "startRef"),
    text_attributes=("disp", "equiv", "dispStart", "equivStart"),
    data_attributes=("dataRef", "dataRefStart"),
)
SDL = "http://sdl.com/FileTypes/SdlXliff/1.0"
SDL_SEGMENTS, SDL_SEGMENT = f"{SDL} seg-defs", f"{SDL} seg"
"""SDL Trados's <sdl:seg-defs> in a unit: a <sdl:seg id conf> per segment mark, its confirmation level."""
MEMOQ_STATUS = "MQXliff status"
"""memoQ's mq:status on a unit ("ManuallyConfirmed"), as expat names the attribute."""
STRUCTURE = frozenset({"xliff", "file", "body", "group"})
"""Elements around units, read through; any other element outside a unit is skipped (<header>)."""
UNIT_TEXT = frozenset({"source", "seg-source", "target"})


def load(data: bytes, display: str, options: LoadOptions) -> Document:
    return read(data, display, options, _reader)


def _reader(namespace: str, name: str, attributes: Attributes) -> Xliff1 | Xliff2:
    if name != "xliff":
        raise InputError(f"not XLIFF: the root element is <{name}>, not <xliff>")
    if namespace.startswith(XLIFF_2_NAMESPACE) or attributes.get("version", "").startswith("2"):
        return Xliff2(attributes)
    return Xliff1()


@dataclass
class Unit1:
    id: str
    parts: dict[str, Content] = field(default_factory=dict)
    """Its <source>, <seg-source> and <target>, by element name."""
    state: str | None = None
    confirmations: dict[str, str] = field(default_factory=dict)
    """The state of each segment mark, by mid, where a tool says it elsewhere (SDL's conf)."""

    def pairs(self) -> list[Pair]:
        """Its segments: one per segment mark when source and target are marked, else the unit."""
        source, marked, target = (self.parts.get(name) for name in ("source", "seg-source", "target"))
        if marked is not None and marked.marks and (target is None or target.marks):
            targets = target.marks if target is not None else {}
            return [
                Pair(
                    f"{self.id}/{mid}",
                    side,
                    targets.get(mid),
                    self.confirmations.get(mid, self.state),
                    continues=number > 1,
                )
                for number, (mid, side) in enumerate(marked.marks.items(), start=1)
            ]
        return [Pair(self.id, source.side if source else Side(), target.side if target else None, self.state)]

    def leaves_text_unmarked(self) -> bool:
        """Whether its target, read as segment marks, has words outside them, which no segment holds."""
        marked, target = self.parts.get("seg-source"), self.parts.get("target")
        if marked is None or not marked.marks or target is None or not target.marks:
            return False
        inside = sum(len("".join(side.text.split())) for side in target.marks.values())
        return len("".join(target.side.text.split())) > inside


class Xliff1:
    """XLIFF 1.0 to 1.2: <file>s of <trans-unit>s, which <group>s may hold."""

    def __init__(self) -> None:
        self.found = Translation()
        self._unit: Unit1 | None = None
        self._number = 0
        self._languages: dict[tuple[str | None, str | None], None] = {}
        """The (source, target) languages of each <file>, in order, once each."""

    def start(self, name: str, attributes: Attributes, line: int) -> Content | Ignored | None:
        if attributes.get("translate") == "no":
            return IGNORED
        unit = self._unit
        if unit is not None:
            if name == SDL_SEGMENT and attributes.get("conf"):
                unit.confirmations[attributes.get("id", "")] = attributes["conf"]
            if name not in UNIT_TEXT:
                return None if name == SDL_SEGMENTS else IGNORED  # <alt-trans>, <note>, a tool's own
            if name == "target":
                unit.state = attributes.get("state", unit.state)
            return Content(XLIFF_1_MARKUP, line, segment_marks=name != "source")
        if name == "trans-unit":
            self._number += 1
            self._unit = Unit1(attributes.get("id") or str(self._number), state=attributes.get(MEMOQ_STATUS))
        elif name == "file":
            self._languages.setdefault((attributes.get("source-language"), attributes.get("target-language")))
        elif name not in STRUCTURE:
            return IGNORED
        return None

    def end(self, name: str, captured: Content | Ignored | None) -> None:
        if self._unit is None:
            return
        if isinstance(captured, Content) and name in UNIT_TEXT:
            self._unit.parts[name] = captured
        elif name == "trans-unit":
            self.found.pairs.extend(self._unit.pairs())
            if self._unit.leaves_text_unmarked():
                self.found.warnings.append(
                    f"unit {self._unit.id}: target text outside its segment marks is not checked"
                )
            self._unit = None

    def translation(self) -> Translation:
        """What the file holds, in the languages of its first <file>, with a warning if others differ."""
        first, *others = self._languages or [(None, None)]
        self.found.source_lang, self.found.target_lang = first
        if others:
            named = ", ".join(f"{source} to {target}" for source, target in self._languages)
            self.found.warnings.append(f"its files name different languages ({named}): read as the first")
        return self.found


@dataclass
class Unit2:
    id: str
    data: dict[str, str] = field(default_factory=dict)
    """Its <originalData>: native code by id, which inline codes name by dataRef."""
    segments: list[tuple[str, Side | None, Side | None, str | None]] = field(default_factory=list)
    """(segment id, source, target, state) of each <segment>."""

    def pairs(self) -> list[Pair]:
        """One per segment, named by the unit alone when it has one segment."""
        if len(self.segments) == 1:
            _segment_id, source, target, state = self.segments[0]
            return [Pair(self.id, source or Side(), target, state)]
        return [
            Pair(f"{self.id}/{segment_id or number}", source or Side(), target, state, continues=number > 1)
            for number, (segment_id, source, target, state) in enumerate(self.segments, start=1)
        ]


class Xliff2:
    """XLIFF 2.0: <file>s of <unit>s of <segment>s, which <group>s may hold."""

    def __init__(self, root: Attributes) -> None:
        self.found = Translation(source_lang=root.get("srcLang"), target_lang=root.get("trgLang"))
        self._unit: Unit2 | None = None
        self._segment: tuple[str, str | None, dict[str, Side]] | None = None
        """The segment being read: its id, its state, its source and target by element name."""
        self._data_id = ""
        self._number = 0

    def start(self, name: str, attributes: Attributes, line: int) -> Content | Ignored | None:
        if attributes.get("translate") == "no":
            return IGNORED
        unit = self._unit
        if unit is None:
            if name == "unit":
                self._number += 1
                self._unit = Unit2(attributes.get("id") or str(self._number))
                return None
            return None if name in STRUCTURE else IGNORED
        if name == "segment":
            self._segment = (attributes.get("id", ""), attributes.get("state"), {})
        elif name in ("source", "target") and self._segment is not None:
            return Content(XLIFF_2_MARKUP, line, data=unit.data)
        elif name == "data":
            self._data_id = attributes.get("id", "")
            return Content(XLIFF_2_MARKUP, line)
        elif name != "originalData":
            return IGNORED  # <ignorable>, <notes>, a module's elements
        return None

    def end(self, name: str, captured: Content | Ignored | None) -> None:
        unit = self._unit
        if unit is None:
            return
        if isinstance(captured, Content):
            if name == "data":
                unit.data[self._data_id] = captured.side.text
            elif self._segment is not None:
                self._segment[2][name] = captured.side
        elif name == "segment" and self._segment is not None:
            segment_id, state, sides = self._segment
            unit.segments.append((segment_id, sides.get("source"), sides.get("target"), state))
            self._segment = None
        elif name == "unit":
            self.found.pairs.extend(unit.pairs())
            self._unit = None

    def translation(self) -> Translation:
        return self.found
