"""Every rule's YAML examples: each bad one is flagged by that rule, no good one is."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.helpers import CATALOGUE, example_findings
from tests.languagetool_stub import LanguageToolStub


@pytest.fixture(scope="module", autouse=True)
def languagetool() -> Iterator[LanguageToolStub]:
    """The grammar rule's examples run against the stand-in LanguageTool server."""
    with LanguageToolStub() as server, pytest.MonkeyPatch.context() as patch:
        patch.setenv("MTQA_LANGUAGETOOL_URL", server.url)
        yield server


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "bad_case" in metafunc.fixturenames:
        cases = [(r.id, e) for r in CATALOGUE.rules for e in r.bad_examples]
        ids = [f"{r.id}:bad:{i}" for r in CATALOGUE.rules for i, _ in enumerate(r.bad_examples)]
        metafunc.parametrize("bad_case", cases, ids=ids)
    if "good_case" in metafunc.fixturenames:
        cases = [(r.id, e) for r in CATALOGUE.rules for e in r.good_examples]
        ids = [f"{r.id}:good:{i}" for r in CATALOGUE.rules for i, _ in enumerate(r.good_examples)]
        metafunc.parametrize("good_case", cases, ids=ids)


def test_bad_example_is_flagged(bad_case) -> None:
    rule_id, example = bad_case
    findings = example_findings(example, rule_id)
    assert findings, f"{rule_id} did not flag: {example.text!r}"
    pinned = dict(example.pinned)
    if "count" in pinned:
        assert len(findings) == pinned.pop("count")
    actual = [{"flagged": text, "suggestion": f.suggestion, "message": f.message} for text, f in findings]
    assert any(all(a[key] == value for key, value in pinned.items()) for a in actual), actual


def test_good_example_is_not_flagged(good_case) -> None:
    rule_id, example = good_case
    assert example_findings(example, rule_id) == []
