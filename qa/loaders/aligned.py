"""Line-aligned plain-text pairs: line N of the target file translates line N of the source file.

Many machine-translation corpora come this way (one sentence or paragraph a line, a file per
language). The target file is the document: each of its lines a segment, named by its line
number, its source the same line of the source file. A line blank on both sides is no
segment; a line blank on one side only is (an untranslated line, or a translation of nothing).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from qa.document import LINE_BREAK, Document
from qa.errors import InputError
from qa.loaders.decoding import decode
from qa.loaders.segments import SegmentLayout

if TYPE_CHECKING:
    from qa.loaders import LoadOptions


def load_pair(
    source_data: bytes, target_data: bytes, display: str, source_display: str, options: LoadOptions
) -> Document:
    """The target file `display` as a document of segments, each beside its line of `source_display`."""
    try:
        source = decode(source_data, options.guess_encoding)
    except InputError as error:
        raise InputError(f"its source {source_display}: {error}") from None
    target = decode(target_data, options.guess_encoding)
    source_lines = _lines(source.text)
    target_lines = _lines(target.text)
    if len(source_lines) != len(target_lines):
        count = len(source_lines)
        raise InputError(f"source has {count} line{'s' * (count != 1)}, target {len(target_lines)}")
    layout = SegmentLayout(target.text)
    for number, (source_line, (start, end)) in enumerate(zip(source_lines, target_lines), start=1):
        source_text = source.text[slice(*source_line)]
        if source_text.strip() or target.text[start:end].strip():
            layout.begin()
            layout.prose.take(start, end)
            layout.end(str(number), source_text, source_line=number)
    if not layout.segments:
        raise InputError("no lines to check")
    warnings = tuple(
        f"{name}: {decoded.warning}"
        for name, decoded in ((source_display, source), (display, target))
        if decoded.warning
    )
    return layout.document(display, options.source_lang, None, warnings, target.encoding)


def _lines(text: str) -> list[tuple[int, int]]:
    """The span of each line's text; a final line break ends the last line, it opens no other."""
    spans = []
    start = 0
    for found in LINE_BREAK.finditer(text):
        spans.append((start, found.start()))
        start = found.end()
    if start < len(text):
        spans.append((start, len(text)))
    return spans
