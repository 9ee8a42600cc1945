"""benchmarks/scale.py and speed.py build their inputs right: varied files, planted variants, counts."""

from __future__ import annotations

from pathlib import Path

from benchmarks import scale, speed

POOL = [f"Paragraph {n} " + "word " * 60 for n in range(50)]


def test_no_two_files_are_the_same_even_after_every_paragraph_opened_one() -> None:
    files = ["\n\n".join(scale.article(POOL, index)) for index in range(200)]
    assert len(set(files)) == len(files)
    assert all(len(scale.article(POOL, index)) >= 2 for index in range(200))


def test_every_tenth_mention_of_a_person_spells_the_name_the_other_way(tmp_path: Path) -> None:
    planted = scale.write_files(tmp_path, POOL, 80, 0.1)
    texts = [p.read_text(encoding="utf-8") for p in sorted(tmp_path.iterdir())]
    assert planted == 8
    assert sum("Anthony Blinken" in t for t in texts) == 2
    assert sum("Antony Blinken" in t for t in texts) == 18
    assert texts[0].split("\n\n")[1] == "Anthony Blinken said on Monday that the talks would go on."


def test_counting_finds_a_needle_across_chunk_boundaries(tmp_path: Path) -> None:
    out = tmp_path / "out.json"
    out.write_bytes(b'x"rule": "name-variant"' * 5 + b"tail")
    assert scale.occurrences(out, scale.NEEDLE["json"], chunk=7) == 5


def test_the_seeds_stand_in_for_a_missing_corpus(tmp_path: Path) -> None:
    found, origin = scale.paragraphs(tmp_path / "no-corpus")
    assert found and "seeds" in origin and "no corpus" in origin


def test_a_sample_cut_into_files_keeps_every_paragraph(tmp_path: Path) -> None:
    sample = tmp_path / "sample.txt"
    sample.write_text("\n\n".join(POOL), encoding="utf-8")
    folder = speed.split(sample, 7, tmp_path)
    files = speed.texts(folder)
    assert len(files) == 7
    assert "\n\n".join(f.read_text(encoding="utf-8") for f in files) == sample.read_text(encoding="utf-8")
