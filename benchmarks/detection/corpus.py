"""Reading the WMT22 corpus in ../shared/corpus: clean references, aligned source segments, MT outputs."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from benchmarks.detection.material import Segment

ROOT = Path(__file__).resolve().parents[2]
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus"


class CorpusMissing(Exception):
    """The corpus is research data kept outside the repository; without it there is nothing to measure."""


@dataclass(frozen=True)
class BaseDocument:
    """One clean English reference: ``name`` is 'pair/docid', the key the scorer matches findings by."""

    pair: str
    docid: str
    text: str

    @property
    def name(self) -> str:
        return f"{self.pair}/{self.docid}"


def require(corpus: Path) -> Path:
    if not (corpus / "human").is_dir():
        raise CorpusMissing(
            f"no corpus at {corpus} (expected {corpus / 'human'}/<pair>/*.txt); pass --corpus PATH"
        )
    return corpus


def human_documents(corpus: Path) -> list[BaseDocument]:
    return [
        BaseDocument(path.parent.name, path.stem, path.read_text(encoding="utf-8"))
        for path in sorted((require(corpus) / "human").glob("*/*.txt"))
    ]


def aligned_segments(corpus: Path) -> dict[str, list[Segment]]:
    """Source and reference of every segment, by 'pair/docid'; empty when aligned/ is absent."""
    segments: dict[str, list[Segment]] = {}
    for path in sorted((corpus / "aligned").glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            record = json.loads(line)
            segments.setdefault(f"{path.stem}/{record['doc']}", []).append(
                Segment(record["source"], record["reference"])
            )
    return segments


def mt_systems(corpus: Path) -> list[tuple[str, str, Path]]:
    """(pair, system, folder) of every MT system's output."""
    return [
        (folder.parent.name, folder.name, folder)
        for folder in sorted((corpus / "mt").glob("*/*"))
        if folder.is_dir()
    ]


def document_key(path: str) -> str:
    """'pair/docid' of a corpus file path ('…/human/ru-en/aif.49918.txt')."""
    parts = Path(path).parts
    return f"{parts[-2]}/{Path(parts[-1]).stem}"
