"""Cross-file findings at scale: a finding names a few other files, the run's table names them all.

A name-variant finding used to list every file with the other spelling, so a run's JSON, SARIF
and report grew with the square of its files. These tests pin the capped shape and its linearity.
"""

from __future__ import annotations

import json
from dataclasses import replace

from qa.engine import Source, run
from qa.errors import InputError
from qa.findings import RELATED_SHOWN
from qa.output import json as json_output
from qa.output import sarif
from qa.report import write_reports
from tests.helpers import CATALOGUE

MAJOR = "Antony Blinken met Dmytro Kuleba in Kyiv on Friday, and Blinken said the talks went well.\n"
MINOR = "Anthony Blinken met Dmytro Kuleba in Kyiv on Friday, and Blinken said the talks went well.\n"


def variant_run(files: int, minor_every: int = 10):
    """`files` files that spell one name the usual way, and every `minor_every`-th the other way."""
    sources = [
        Source(f"article-{i:05d}.txt", data=(MINOR if i % minor_every == 0 else MAJOR).encode())
        for i in range(files)
    ]
    return run(sources, CATALOGUE.select(["name-variant"]))


def test_a_finding_names_a_few_other_files_and_counts_them_all() -> None:
    results = variant_run(60)
    findings = results.findings
    assert [f.path for f in findings] == [f"article-{i:05d}.txt" for i in range(0, 60, 10)]
    for finding in findings:
        assert len(finding.related) == RELATED_SHOWN
        assert finding.related_count == 54
        assert finding.related_key == "Antony Blinken"
        assert finding.path not in finding.related
    table = results.cross_file["name-variant"]["Antony Blinken"]
    assert len(table) == 54 and "article-00001.txt" in table and "article-00000.txt" not in table


def test_a_file_holding_both_spellings_is_not_counted_among_the_others() -> None:
    both = MAJOR + MINOR + MAJOR
    results = run(
        [Source("both.txt", data=both.encode()), Source("other.txt", data=MAJOR.encode())],
        CATALOGUE.select(["name-variant"]),
    )
    (finding,) = results.findings
    assert finding.path == "both.txt"
    assert finding.related == ("other.txt",) and finding.related_count == 1


def test_json_lists_each_file_of_the_table_once_and_its_size_grows_with_the_files() -> None:
    small, large = (json_output.dumps(json_output.to_dict(variant_run(n))) for n in (100, 200))
    assert 1.7 < len(large) / len(small) < 2.3, "JSON per file must stay flat"
    document = json.loads(large)
    assert document["cross_file"]["name-variant"]["Antony Blinken"][0] == "article-00001.txt"
    finding = document["files"][0]["findings"][0]
    assert finding["related_count"] == 180 and len(finding["related"]) == RELATED_SHOWN
    assert finding["related_key"] == "Antony Blinken"


def test_the_table_keeps_only_rows_that_findings_left_name() -> None:
    results = variant_run(20)
    assert json_output.to_dict(results)["cross_file"] == {
        "name-variant": {"Antony Blinken": [f"article-{i:05d}.txt" for i in range(20) if i % 10]}
    }
    without = replace(results, files=tuple(replace(r, findings=()) for r in results.files))
    assert json_output.to_dict(without)["cross_file"] == {}


def test_sarif_caps_related_locations_and_carries_the_table_once() -> None:
    document = sarif.to_sarif(variant_run(60), CATALOGUE)
    (run_,) = document["runs"]
    assert len(run_["properties"]["cross_file"]["name-variant"]["Antony Blinken"]) == 54
    for result in run_["results"]:
        assert len(result["relatedLocations"]) == RELATED_SHOWN
        assert result["properties"] == {"related_count": 54, "related_key": "Antony Blinken"}



def test_the_report_links_a_few_other_files_and_counts_the_rest(tmp_path) -> None:
    sources = [
        Source(f"article-{i:05d}.txt", data=(MINOR if i % 10 == 0 else MAJOR).encode()) for i in range(60)
    ]
    rules = CATALOGUE.select(["name-variant"])
    written = write_reports(run(sources, rules), sources, rules, CATALOGUE, tmp_path)
    page = written.pages["article-00010.txt"].read_text(encoding="utf-8")
    assert page.count('class="related"') == RELATED_SHOWN
    assert '<span class="more">49 more files</span>' in page
    index = written.index.read_text(encoding="utf-8")
    assert index.count('<span class="more">49 more files</span>') == 6


class _ReadOnce(Source):
    """A file that changes after it is checked: the second read fails."""

    def load(self):
        if getattr(self, "_read", False):
            raise InputError("no such file or directory")
        object.__setattr__(self, "_read", True)
        return super().load()


def test_corpus_findings_are_placed_by_reading_the_file_again_and_a_failure_is_that_files_problem() -> None:
    sources = [_ReadOnce("gone.txt", data=MINOR.encode()), Source("kept.txt", data=(MAJOR * 3).encode())]
    results = run(sources, CATALOGUE.select(["name-variant"]))
    gone = results.files[0]
    assert gone.findings == ()
    assert gone.rule_errors == (
        "could not read the file again to place its name-variant findings (no such file or directory)",
    )
    assert results.input_errors == [f"gone.txt: {gone.rule_errors[0]}"]


def test_a_placed_finding_has_its_line_column_and_excerpt() -> None:
    text = "Officials met on Friday.\n\n" + MINOR
    results = run(
        [Source("a.txt", data=text.encode()), Source("b.txt", data=(MAJOR * 3).encode())],
        CATALOGUE.select(["name-variant"]),
    )
    (finding,) = results.findings
    assert (finding.line, finding.column, finding.end_column) == (3, 1, 8)
    assert text[finding.start : finding.end] == "Anthony" and "Anthony Blinken met" in finding.excerpt
