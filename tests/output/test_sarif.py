"""SARIF output: valid against the official OASIS schema, and locating findings exactly."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from qa.output.sarif import artifact_uri
from tests.conftest import ROOT
from tests.helpers import CATALOGUE
from tests.output.conftest import DOUBLED, HOSTILE_PATH, engine_results, run_mtqa

SCHEMA = json.loads((ROOT / "tests" / "data" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))


def assert_valid(log: dict) -> None:
    validator = jsonschema.validators.validator_for(SCHEMA)
    validator(SCHEMA).validate(log)


def test_seeds_through_the_cli_are_valid_sarif(mtqa) -> None:
    result = run_mtqa(mtqa, "--format", "sarif")
    assert result.returncode == 1
    log = json.loads(result.stdout)
    assert_valid(log)
    run = log["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    assert [r["id"] for r in rules] == [r.id for r in CATALOGUE.rules]
    assert run["invocations"][0]["executionSuccessful"] is True
    assert run["results"], "the seeds have findings"
    for found in run["results"]:
        assert rules[found["ruleIndex"]]["id"] == found["ruleId"]
        uri = found["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
        assert uri.startswith("seeds/") and uri.endswith(".txt")


def test_rule_descriptor_carries_the_catalogue_docs(render_text) -> None:
    log = json.loads(render_text("sarif", engine_results({"a.txt": DOUBLED})))
    rule = CATALOGUE.get("duplicated-word")
    (descriptor,) = [r for r in log["runs"][0]["tool"]["driver"]["rules"] if r["id"] == rule.id]
    assert descriptor["shortDescription"]["text"] == rule.summary
    assert descriptor["fullDescription"]["text"] == rule.why
    assert descriptor["help"]["text"].startswith("# duplicated-word (error)")
    assert descriptor["defaultConfiguration"]["level"] == "error"
    assert ("helpUri" in descriptor) == bool(rule.link)


def test_finding_region_and_fix_replace_exactly_the_flagged_span(render_text) -> None:
    text = "Él dijo: é\nThe minister said there can be no No bargaining.\n"
    log = json.loads(render_text("sarif", engine_results({"dir/a b.txt": text})))
    assert_valid(log)
    (found,) = log["runs"][0]["results"]
    assert log["runs"][0]["columnKind"] == "unicodeCodePoints"
    location = found["locations"][0]["physicalLocation"]
    assert location["artifactLocation"]["uri"] == "dir/a%20b.txt"
    region = location["region"]
    assert (region["startLine"], region["startColumn"], region["endLine"], region["endColumn"]) == (
        2,
        32,
        2,
        37,
    )
    assert text[region["charOffset"] : region["charOffset"] + region["charLength"]] == "no No"
    assert "no No" in location["contextRegion"]["snippet"]["text"]
    (replacement,) = found["fixes"][0]["artifactChanges"][0]["replacements"]
    assert replacement["deletedRegion"] == {"charOffset": region["charOffset"], "charLength": 5}
    assert replacement["insertedContent"]["text"] == "no"


def test_hostile_names_and_input_errors(render_text, hostile_results) -> None:
    log = json.loads(render_text("sarif", hostile_results))
    assert_valid(log)
    run = log["runs"][0]
    (found,) = run["results"]
    assert found["message"]["text"] == "Duplicated word: 'no No'"
    assert found["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == artifact_uri(HOSTILE_PATH)
    invocation = run["invocations"][0]
    assert invocation["executionSuccessful"] is False
    notes = invocation["toolExecutionNotifications"]
    assert [n["level"] for n in notes] == ["error", "error"]
    assert notes[0]["message"]["text"].startswith("cannot decode")
    assert notes[0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "bad%2C%20file%3A1.txt"
    assert "locations" not in notes[1]


@pytest.mark.parametrize(
    ("path", "uri"),
    [
        ("seeds/a.txt", "seeds/a.txt"),
        ("seeds\\a.txt", "seeds/a.txt"),
        ("50% <b>&c\n.txt", "50%25%20%3Cb%3E%26c%0A.txt"),
        ("a:b.txt", "a%3Ab.txt"),
        ("/tmp/a b.txt", "file:///tmp/a%20b.txt"),
        ("C:\\news\\a.txt", "file:///C:/news/a.txt"),
    ],
)
def test_artifact_uri(path: str, uri: str) -> None:
    assert artifact_uri(path) == uri


def test_output_file(mtqa, tmp_path: Path) -> None:
    target = tmp_path / "out.sarif"
    result = run_mtqa(mtqa, "--format", "sarif", "--output", str(target))
    assert result.returncode == 1 and result.stdout == b""
    assert_valid(json.loads(target.read_text(encoding="utf-8")))
