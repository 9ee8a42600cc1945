"""The whole engine with the default rules: a result per file, findings in place, outputs that parse."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.fuzz.files import FILES, any_file
from tests.fuzz.properties import check_files


@pytest.mark.parametrize("format_name", sorted(FILES))
@given(data=st.data())
def test_one_file_of_each_format(format_name: str, data: st.DataObject) -> None:
    check_files([data.draw(FILES[format_name])])


@given(st.lists(any_file(), min_size=2, max_size=5))
def test_one_bad_file_costs_no_other_its_results(files: list[tuple[str, bytes]]) -> None:
    check_files([(f"{i}-{name}", contents) for i, (name, contents) in enumerate(files)])
