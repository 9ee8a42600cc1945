"""Every loader, on generated and mutated files: a Document, or an InputError of one line; nothing else."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from qa.loaders import LoadOptions
from tests.fuzz.files import FILES
from tests.fuzz.properties import loaded


@pytest.mark.parametrize("format_name", sorted(FILES))
@given(data=st.data())
def test_a_loader_returns_a_document_or_refuses_the_file(format_name: str, data: st.DataObject) -> None:
    name, contents = data.draw(FILES[format_name])
    loaded(name, contents)


@given(st.one_of(FILES["txt"], FILES["md"], FILES["html"]))
def test_a_legacy_encoding_is_guessed_or_the_file_refused(file: tuple[str, bytes]) -> None:
    """`--guess-encoding` reads what is not Unicode through charset-normalizer: another way in."""
    loaded(*file, LoadOptions(guess_encoding=True))
