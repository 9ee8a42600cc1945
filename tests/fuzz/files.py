"""Every loader's strategy of hostile files, by format name: the monolingual formats and the translation files."""

from __future__ import annotations

from hypothesis import strategies as st

from tests.fuzz.bilingual_strategies import BILINGUAL_FILES
from tests.fuzz.strategies import html_bytes, markdown_bytes, text_bytes, word_bytes

FILES: dict[str, st.SearchStrategy[tuple[str, bytes]]] = {
    "txt": text_bytes().map(lambda data: ("fuzz.txt", data)),
    "md": markdown_bytes().map(lambda data: ("fuzz.md", data)),
    "html": html_bytes().map(lambda data: ("fuzz.html", data)),
    "docx": word_bytes().map(lambda data: ("fuzz.docx", data)),
    **BILINGUAL_FILES,
}
"""A strategy of (file name, contents) for each loader."""


def any_file() -> st.SearchStrategy[tuple[str, bytes]]:
    return st.one_of(*FILES.values())
