"""Lints the built-in catalogue, and checks that broken rule files are clear errors."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from qa import catalogue as catalogue_module
from qa.catalogue import Catalogue, CatalogueError, Declared, bundled_rules_folder, load_rule
from qa.checks import KINDS
from qa.engine import Source, run
from tests.helpers import CATALOGUE

RULES_FOLDER = bundled_rules_folder()


@pytest.fixture(autouse=True)
def own_cache(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A table cache per test: what another test or run validated must not hide an error here."""
    folder = tmp_path_factory.mktemp("cache")
    monkeypatch.setenv("MTQA_CACHE_DIR", str(folder))
    return folder


@pytest.mark.parametrize("rule", CATALOGUE.rules, ids=lambda r: r.id)
def test_rule_is_documented_and_has_examples(rule) -> None:
    assert rule.summary.endswith(".") and "\n" not in rule.summary
    assert len(rule.why) > 40
    assert len(rule.bad_examples) >= 5 and len(rule.good_examples) >= 5, "five bad and five hard good examples"
    assert rule.kind.fixable in ("always", "sometimes", "never")


def test_every_kind_is_used_by_a_rule() -> None:
    used = {rule.check for rule in CATALOGUE.rules}
    assert used == set(KINDS)


@pytest.mark.parametrize("path", sorted((RULES_FOLDER / "data").glob("*.txt")), ids=lambda p: p.name)
def test_data_lists_are_sorted_unique_and_without_blank_lines(path: Path) -> None:
    lines = path.read_text(encoding="utf-8").splitlines()
    entries = [line for line in lines if not line.startswith("#")]
    assert all(line.strip() == line and line for line in entries), "blank or padded line"
    assert entries == sorted(set(entries), key=entries.index), "duplicate entry"
    assert entries == sorted(entries, key=str.casefold), "not sorted (case-insensitive)"


def write_rule(folder: Path, name: str, body: str) -> Path:
    path = folder / f"{name}.yaml"
    path.write_text(body, encoding="utf-8")
    return path


GOOD_BODY = """id: {id}
check: repetition
severity: error
summary: Doubled words.
why: Because doubled words are an artifact of translation and hurried editing.
"""
GOOD_EXAMPLE = GOOD_BODY + "examples:\n  good:\n    - "


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (GOOD_BODY.replace("repetition", "no_such_kind"), "unknown check 'no_such_kind' (valid checks:"),
        (GOOD_BODY.replace("severity: error", "severity: fatal"), "unknown severity 'fatal'"),
        (GOOD_BODY + "options:\n  ignore_cases: true\n", "unknown option 'ignore_cases'"),
        (GOOD_BODY + "options:\n  ignore_case: 'yes'\n", "option 'ignore_case' must be bool"),
        (GOOD_BODY + "options:\n  allow: had had\n", "option 'allow' must be a list"),
        (GOOD_BODY + "colour: red\n", "unknown key 'colour'"),
        (GOOD_BODY.replace("summary: Doubled words.\n", ""), "missing required key 'summary'"),
        (GOOD_BODY + "examples:\n  bad:\n    - {text: x, where: 1}\n", "pins unknown field 'where'"),
        (GOOD_EXAMPLE + "{text: x, before: [{source: y, text: z}]}\n", "needs a 'source'"),
        (GOOD_EXAMPLE + "{text: x, source: y, before: [{source: y}]}\n", "'before' is a list"),
        (GOOD_EXAMPLE + "{text: x, source: y, before: {source: y, text: z}}\n", "'before' is a list"),
        ("id: [unclosed\n", "cannot read rule file"),
        ("- just\n- a list\n", "must be a mapping"),
    ],
)
def test_broken_rule_file_is_an_error_naming_file_and_cause(tmp_path: Path, body: str, expected: str) -> None:
    path = write_rule(tmp_path, "my-rule", body.replace("{id}", "my-rule"))
    with pytest.raises(CatalogueError) as raised:
        load_rule(path)
    assert str(path) in str(raised.value)
    assert expected in str(raised.value)
    assert "\n" not in str(raised.value)


def test_id_must_equal_file_stem(tmp_path: Path) -> None:
    path = write_rule(tmp_path, "other-name", GOOD_BODY.format(id="my-rule"))
    with pytest.raises(CatalogueError, match="must equal the file name"):
        load_rule(path)


def test_duplicate_ids_across_folders_are_an_error(tmp_path: Path) -> None:
    write_rule(tmp_path, "duplicated-word", GOOD_BODY.format(id="duplicated-word"))
    with pytest.raises(CatalogueError, match="already used"):
        Catalogue.load([RULES_FOLDER, tmp_path])


def test_select_resolves_groups_and_aliases(tmp_path: Path) -> None:
    write_rule(tmp_path, "my-rule", GOOD_BODY.format(id="my-rule") + "aliases: [old-name]\ngroups: [house]\n")
    catalogue = Catalogue.load([tmp_path])
    assert [r.id for r in catalogue.select(["old-name"])] == ["my-rule"]
    assert [r.id for r in catalogue.select(["house"])] == ["my-rule"]
    assert catalogue.select(["house"], ["my-rule"]) == []
    with pytest.raises(KeyError):
        catalogue.select(["nope"])


def test_opt_in_rules_run_only_when_selected(tmp_path: Path) -> None:
    write_rule(tmp_path, "my-rule", GOOD_BODY.format(id="my-rule") + "enabled: false\n")
    catalogue = Catalogue.load([tmp_path])
    assert catalogue.select() == []
    assert [r.id for r in catalogue.select(["my-rule"])] == ["my-rule"]


def test_chosen_ids_select_replaces_the_start_extend_adds_ignore_takes_away(tmp_path: Path) -> None:
    extras = {"a": "groups: [house]\n", "b": "groups: [house]\n", "c": "", "d": "enabled: false\n"}
    for rule_id, extra in extras.items():
        write_rule(tmp_path, rule_id, GOOD_BODY.format(id=rule_id) + extra)
    catalogue = Catalogue.load([tmp_path])
    assert catalogue.chosen_ids() == {"a", "b", "c"}  # the enabled rules
    assert catalogue.chosen_ids(["house"], extend_select=["d"], ignore=["b"]) == {"a", "d"}
    assert catalogue.chosen_ids(None, ["d"], ["house"]) == {"c", "d"}
    assert catalogue.chosen_ids(start={"c"}, ignore=["c"]) == set()
    assert catalogue.chosen_ids([], start={"c"}) == set()  # an empty select is a selection of nothing
    assert catalogue.chosen_ids(None, ["a"], start={"d"}) == {"a", "d"}
    with pytest.raises(KeyError, match="nope"):
        catalogue.chosen_ids(ignore=["nope"])


def test_readme_lists_every_rule() -> None:
    from tests.conftest import ROOT

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    missing = [rule.id for rule in CATALOGUE.rules if f"| `{rule.id}` |" not in readme]
    assert not missing, f"add these rules to the README's rule table: {missing}"


def rewrite(path: Path, text: str) -> None:
    """New content with a new modification time, even within the file system's clock tick."""
    before = path.stat().st_mtime_ns
    path.write_text(text, encoding="utf-8")
    os.utime(path, ns=(before + 1_000_000_000, before + 1_000_000_000))


def test_a_validated_folder_is_read_back_without_yaml_and_builds_options_when_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_rule(tmp_path, "my-rule", GOOD_BODY.format(id="my-rule") + "options:\n  allow: [had had]\n")
    first = Catalogue.load([tmp_path])

    def no_yaml(path: Path) -> None:
        raise AssertionError(f"{path} parsed again")

    monkeypatch.setattr(catalogue_module, "_rule_file", no_yaml)
    [rule] = Catalogue.load([tmp_path]).rules
    assert isinstance(vars(rule)["options"], Declared)
    assert rule.options.allow == ("had had",)
    assert rule == first.rules[0]


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        ("rule", "unknown option 'allw'"),
        ("list", "cannot read the list"),
    ],
)
def test_a_changed_rule_file_or_list_is_validated_again(tmp_path: Path, change: str, expected: str) -> None:
    body = GOOD_BODY.format(id="my-rule") + "options:\n  reduplications_file: list.txt\n"
    rule = write_rule(tmp_path, "my-rule", body)
    listed = tmp_path / "list.txt"
    listed.write_text("bye bye\n", encoding="utf-8")
    Catalogue.load([tmp_path])
    if change == "rule":
        rewrite(rule, body + "  allw: [had had]\n")
    else:
        listed.write_bytes(b"caf\xe9 caf\xe9\n")  # not UTF-8
    with pytest.raises(CatalogueError, match=expected):
        Catalogue.load([tmp_path])


def test_a_rule_file_added_or_removed_is_seen(tmp_path: Path) -> None:
    write_rule(tmp_path, "my-rule", GOOD_BODY.format(id="my-rule"))
    Catalogue.load([tmp_path])
    write_rule(tmp_path, "other-rule", GOOD_BODY.format(id="other-rule"))
    assert [rule.id for rule in Catalogue.load([tmp_path]).rules] == ["my-rule", "other-rule"]
    (tmp_path / "my-rule.yaml").unlink()
    assert [rule.id for rule in Catalogue.load([tmp_path]).rules] == ["other-rule"]


def test_rules_that_do_not_run_build_no_options() -> None:
    Catalogue.load([RULES_FOLDER])
    catalogue = Catalogue.load([RULES_FOLDER])
    [spacing] = catalogue.select(["spacing"])
    run([Source("a.txt", data=b"Two  spaces.")], [spacing])
    built = [rule.id for rule in catalogue.rules if not isinstance(vars(rule)["options"], Declared)]
    assert built == ["spacing"]


def test_a_one_rule_run_imports_that_rule_s_check_alone(own_cache: Path, tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Two  spaces.\n", encoding="utf-8")
    script = (
        "import sys; from qa.checks import KINDS; from qa.cli import main;"
        "main(['check', 'a.txt', '--select', 'spacing', '--no-config']);"
        "print(sorted(kind for kind, where in KINDS.items() if where.split(':')[0] in sys.modules))"
    )
    environment = {**os.environ, "MTQA_CACHE_DIR": str(own_cache)}
    outputs = [
        subprocess.run(
            [sys.executable, "-c", script],
            cwd=tmp_path,
            env=environment,
            capture_output=True,
            text=True,
            check=False,
        ).stdout.splitlines()[-1]
        for _ in range(2)  # the first run validates the catalogue, importing every check
    ]
    assert outputs[1] == "['spacing']"
