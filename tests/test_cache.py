"""The on-disk table cache: built once, read back, never a reason to fail."""

from __future__ import annotations

import pytest

from qa import cache

builds: list[tuple[str, ...]] = []


@cache.on_disk("babel")
def table(*names: str) -> dict[str, int]:
    builds.append(names)
    return {name: len(name) for name in names}


@pytest.fixture(autouse=True)
def fresh_builds():
    builds.clear()


def test_a_table_is_built_once_then_read_from_disk(tmp_path, monkeypatch):
    monkeypatch.setenv("MTQA_CACHE_DIR", str(tmp_path))
    assert table("Montag", "lundi") == {"Montag": 6, "lundi": 5}
    assert table("Montag", "lundi") == {"Montag": 6, "lundi": 5}
    assert builds == [("Montag", "lundi")]
    assert len(list(tmp_path.iterdir())) == 1


def test_other_arguments_are_another_table(tmp_path, monkeypatch):
    monkeypatch.setenv("MTQA_CACHE_DIR", str(tmp_path))
    assert table("Montag") == {"Montag": 6}
    assert table("lundi") == {"lundi": 5}
    assert builds == [("Montag",), ("lundi",)]


def test_an_empty_setting_turns_the_cache_off(tmp_path, monkeypatch):
    monkeypatch.setenv("MTQA_CACHE_DIR", "")
    table("Montag")
    table("Montag")
    assert builds == [("Montag",), ("Montag",)]


def test_a_folder_that_cannot_be_written_only_costs_the_build(tmp_path, monkeypatch):
    blocked = tmp_path / "file"
    blocked.write_text("not a folder")
    monkeypatch.setenv("MTQA_CACHE_DIR", str(blocked / "mtqa"))
    assert table("Montag") == {"Montag": 6}
    assert table("Montag") == {"Montag": 6}
    assert len(builds) == 2


def test_a_damaged_file_is_built_afresh_and_replaced(tmp_path, monkeypatch):
    monkeypatch.setenv("MTQA_CACHE_DIR", str(tmp_path))
    table("Montag")
    [stored] = tmp_path.iterdir()
    stored.write_bytes(b"\x80\x04truncated")
    assert table("Montag") == {"Montag": 6}
    assert table("Montag") == {"Montag": 6}
    assert len(builds) == 2
    assert [path.name for path in tmp_path.iterdir()] == [stored.name]  # no temporary file left behind


def test_a_table_that_cannot_be_stored_is_still_returned(tmp_path, monkeypatch):
    monkeypatch.setenv("MTQA_CACHE_DIR", str(tmp_path))

    @cache.on_disk()
    def unpicklable() -> object:
        return lambda: None

    assert callable(unpicklable())
    assert list(tmp_path.iterdir()) == []


def test_the_default_folder_follows_xdg(tmp_path, monkeypatch):
    monkeypatch.delenv("MTQA_CACHE_DIR", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert cache.cache_folder() == tmp_path / "mtqa"


@pytest.mark.parametrize("name", ["PyYAML", "babel", "mtqa", "no-such-library"])
def test_versions_are_the_ones_importlib_metadata_reports(name: str) -> None:
    from importlib import metadata

    try:
        expected = metadata.version(name)
    except metadata.PackageNotFoundError:
        expected = "-"
    assert cache._versions((name,)) == (expected,)
