"""JSON Lines in parts (`--format jsonl --output DIR/`): a folder of files no larger than a
reader or a bucket wants, each holding at most `files_per_part` file records.

The parts cut the one stream between records and nothing else: read in name order
(`cat DIR/part-*.jsonl`) they are the single file `--output FILE` would have written. The
records that come once every file is checked (corpus, cross_file, summary) go to the last part.
"""

from __future__ import annotations

from pathlib import Path
from typing import Self, TextIO

PART_NAME = "part-{:05d}.jsonl"
PART_GLOB = "part-*.jsonl"


class PartFiles:
    """A text stream that JsonLines writes to, opening the next part before a file record when
    the current one has its share of them; a part is closed as the next opens."""

    def __init__(self, folder: Path, files_per_part: int) -> None:
        if files_per_part < 1:
            raise ValueError("files_per_part must be at least 1")
        folder.mkdir(parents=True, exist_ok=True)
        if any(folder.glob(PART_GLOB)):
            raise FileExistsError(f"{folder} holds the parts of an earlier run: empty it first")
        self.folder = folder
        self.files_per_part = files_per_part
        self.parts = 0
        self._files_in_part = 0
        self._out: TextIO | None = None

    def before_file(self) -> None:
        """A file record comes next: in this part, or, when it is full, in a new one."""
        if self._out is None or self._files_in_part == self.files_per_part:
            self._next_part()
        self._files_in_part += 1

    def write(self, text: str) -> int:
        if self._out is None:
            self._next_part()
        return self._out.write(text)  # type: ignore[union-attr]

    def flush(self) -> None:
        if self._out is not None:
            self._out.flush()

    def close(self) -> None:
        if self._out is not None:
            self._out.close()
            self._out = None

    def _next_part(self) -> None:
        self.close()
        self.parts += 1
        self._files_in_part = 0
        self._out = (self.folder / PART_NAME.format(self.parts)).open("w", encoding="utf-8")

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exception: object) -> None:
        self.close()
