"""The data the generator hands to the scorer: edits, truth items and the written set."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

LOOKALIKE = "lookalike"


@dataclass(frozen=True)
class Mark:
    """A truth span inside an edit's replacement (offsets relative to the replacement)."""

    start: int
    end: int
    kind: str
    variant: str
    rules: tuple[str, ...]
    guards: tuple[str, ...] = ()


@dataclass(frozen=True)
class Edit:
    """Replace ``text[start:end]`` of the clean document with ``replacement``; ``marks`` say what is wrong."""

    start: int
    end: int
    replacement: str
    marks: tuple[Mark, ...]


@dataclass
class TruthItem:
    """One injected artifact (``rules`` expected) or one legitimate look-alike (``guards`` must stay quiet)."""

    kind: str
    variant: str
    rules: list[str]
    start: int
    end: int
    text: str
    guards: list[str] = field(default_factory=list)

    @property
    def is_lookalike(self) -> bool:
        return self.kind == LOOKALIKE


@dataclass
class Region:
    """Where the written file differs from its clean base: ``[old_start, old_end)`` became ``[new_start, new_end)``."""

    old_start: int
    old_end: int
    new_start: int
    new_end: int


@dataclass
class WrittenFile:
    """One file of the generated set, its clean base and what was injected into it."""

    path: str
    base: str
    role: str
    items: list[TruthItem] = field(default_factory=list)
    regions: list[Region] = field(default_factory=list)

    def to_json(self) -> dict:
        return asdict(self)
