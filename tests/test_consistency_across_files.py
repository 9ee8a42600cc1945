"""inconsistent-translation across the files of a run: related files, the capped shape, worker processes."""

from __future__ import annotations

import random
import time

from qa.checks.bilingual.consistency import Consistency, ConsistencyOptions
from qa.engine import Source, run
from qa.findings import RELATED_SHOWN
from qa.loaders import LoadOptions, load_bytes
from tests.checks.test_inconsistent_translation import RULE, SAID, SAID_EN, SAID_OTHER, check, jsonl
from tests.helpers import CATALOGUE

WEATHER = ("Погода была хорошей весь день.", "The weather was fine all day.")
DISCLAIMER = "Мнение автора может не совпадать с позицией редакции."
DISCLAIMER_EN = "The author's opinion may not coincide with the editorial position."
DISCLAIMER_OTHER = "The views of the author may differ from those of the editors."


def test_a_translation_that_differs_from_another_file_names_it() -> None:
    (finding,) = check([WEATHER, (SAID, SAID_EN)], [(SAID, SAID_OTHER)])
    assert (finding.path, finding.segment.id) == ("b.jsonl", "1")
    assert (
        finding.message
        == f"This source is translated as '{SAID_EN}' in segment 2 of a.jsonl; use one translation."
    )
    assert finding.related == ("a.jsonl",) and finding.related_count == 1
    assert finding.related_key and SAID_EN[:20] in finding.related_key


def test_a_file_holding_both_translations_is_not_counted_among_the_others() -> None:
    found = check([(SAID, SAID_EN), (SAID, SAID_OTHER)], [(SAID, SAID_EN)])
    (finding,) = found
    assert (finding.path, finding.segment.id) == ("a.jsonl", "2")
    assert "in segment 1 and 1 other segment;" in finding.message
    assert finding.related == ("b.jsonl",) and finding.related_count == 1


def test_a_pasted_translation_is_found_across_files() -> None:
    other = "Министр сообщил, что встреча состоится в пятницу утром."
    (finding,) = check([(SAID, SAID_EN)], [WEATHER], [(other, SAID_EN)])
    assert (finding.path, finding.segment.id) == ("c.jsonl", "1")
    assert (
        "another source, 'Президент заявил" in finding.message
        and "in segment 1 of a.jsonl" in finding.message
    )


def test_boilerplate_in_every_file_gives_one_finding_a_minor_file_and_a_capped_list() -> None:
    files = [[WEATHER, (DISCLAIMER, DISCLAIMER_OTHER if i % 10 == 0 else DISCLAIMER_EN)] for i in range(60)]
    found = check(*files)
    assert len(found) == 6
    for finding in found:
        assert finding.segment.id == "2"
        assert len(finding.related) == RELATED_SHOWN and finding.related_count == 54
        assert finding.path not in finding.related
        assert "and 53 other segments;" in finding.message


def test_worker_processes_find_what_one_process_finds() -> None:
    other = "Министр сообщил, что встреча состоится в пятницу утром."
    files = [
        [(SAID, SAID_EN), WEATHER, (DISCLAIMER, DISCLAIMER_EN)],
        [(SAID, SAID_OTHER), (DISCLAIMER, DISCLAIMER_EN)],
        [(other, SAID_EN), (DISCLAIMER, DISCLAIMER_OTHER)],
        [(SAID, SAID_EN), (DISCLAIMER, DISCLAIMER_OTHER), (DISCLAIMER, DISCLAIMER_OTHER)],
    ]
    one, two = check(*files), check(*files, jobs=2)
    assert [(f.path, f.segment.id) for f in one] == [
        ("a.jsonl", "3"),
        ("b.jsonl", "1"),
        ("b.jsonl", "2"),
        ("c.jsonl", "1"),
    ]
    assert [f.to_dict() | {"path": f.path} for f in one] == [f.to_dict() | {"path": f.path} for f in two]


def test_the_order_files_come_in_does_not_change_the_findings() -> None:
    files = {
        name: Consistency().facts(load_bytes(jsonl(pairs), name, LoadOptions()), ConsistencyOptions())
        for name, pairs in [
            ("x.jsonl", [(SAID, SAID_OTHER)]),
            ("a.jsonl", [(SAID, SAID_EN)]),
            ("m.jsonl", [(SAID, SAID_OTHER)]),
            ("b.jsonl", [(SAID, SAID_EN)]),
        ]
    }
    shuffled = dict(random.Random(17).sample(list(files.items()), len(files)))
    options = ConsistencyOptions()
    assert list(Consistency().reduce(files, options)) == list(Consistency().reduce(shuffled, options))


def test_the_reduction_grows_with_the_segments_not_their_square() -> None:
    """The same 100 sources in every file, every third file translating them otherwise: each source
    repeats in every file (boilerplate), and the work and the findings grow with the files."""
    options = ConsistencyOptions()

    def facts_of(variant: str) -> tuple:
        pairs = [
            (f"Источник номер {i} о погоде.", f"{variant} number {i} about the weather.") for i in range(100)
        ]
        return Consistency().facts(load_bytes(jsonl(pairs), "seed.jsonl", LoadOptions()), options)

    usual, other = facts_of("Report"), facts_of("Note")

    def timed(files: int) -> tuple[float, int]:
        facts_by_path = {f"f{i:05d}.jsonl": other if i % 3 == 0 else usual for i in range(files)}
        began = time.perf_counter()
        found = list(Consistency().reduce(facts_by_path, options))
        return time.perf_counter() - began, len(found)

    (small, small_found), (large, large_found) = timed(250), timed(1000)
    assert (small_found, large_found) == (84 * 100, 334 * 100)
    assert large < 8 * small + 0.5, (small, large)


def test_the_rule_is_a_corpus_rule_of_the_bilingual_group() -> None:
    rule = CATALOGUE.get(RULE)
    assert rule.is_corpus and "bilingual" in rule.groups
    results = run([Source("a.txt", data=b"The weather was fine all day.\n")], [rule])
    assert results.findings == []
