"""preferred-name, and how name-variant follows the same house list."""

from __future__ import annotations

from dataclasses import replace

from qa.engine import Source, run
from tests.helpers import CATALOGUE

NAMES = ("Kyiv | Kiev", "Antony Blinken | Anthony Blinken")


def rules(*ids: str, names=NAMES):
    chosen = []
    for rule in CATALOGUE.select(ids):
        if rule.id == "preferred-name":
            rule = replace(rule, options=replace(rule.options, names=names))
        if rule.id == "name-variant":
            house = tuple(entry.split(" | ")[0] for entry in names)
            rule = replace(rule, options=replace(rule.options, known_variants=names, preferred=house))
        chosen.append(rule)
    return chosen


def findings(texts, *ids):
    sources = [Source(f"{i}.txt", data=text.encode()) for i, text in enumerate(texts)]
    return [(f.path, f.rule, texts[int(f.path[0])][f.start : f.end], f.suggestion) for f in run(sources, rules(*ids)).findings]


def test_a_variant_is_flagged_even_when_it_is_the_only_spelling() -> None:
    assert findings(["Shelling hit Kiev again. Kiev said so."], "preferred-name") == [
        ("0.txt", "preferred-name", "Kiev", "Kyiv"),
        ("0.txt", "preferred-name", "Kiev", "Kyiv"),
    ]


def test_no_names_no_findings() -> None:
    sources = [Source("a.txt", data=b"Shelling hit Kiev again.")]
    assert run(sources, CATALOGUE.select(["preferred-name"])).findings == []


def test_name_variant_never_flags_the_house_spelling_even_in_the_minority() -> None:
    texts = ["Kiev said Kiev and Kiev again on Monday.", "Officials in Kyiv said on Tuesday."]
    found = findings(texts, "name-variant")
    assert {(path, text, suggestion) for path, _rule, text, suggestion in found} == {("0.txt", "Kiev", "Kyiv")}


def test_one_finding_per_span_when_both_rules_run() -> None:
    texts = ["Kiev said on Monday.", "Officials in Kyiv said on Tuesday."]
    assert findings(texts, "name-variant", "preferred-name") == [("0.txt", "preferred-name", "Kiev", "Kyiv")]


def test_two_word_house_name_suggested_in_name_variant() -> None:
    texts = ["Anthony Blinken met Lavrov. Anthony Blinken left.", "Antony Blinken spoke."]
    found = findings(texts, "name-variant")
    assert [(text, suggestion) for _p, _r, text, suggestion in found] == [("Anthony", "Antony"), ("Anthony", "Antony")]
