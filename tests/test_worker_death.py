"""A worker process that dies on a file (killed: out of memory) costs that file, never the run."""

from __future__ import annotations

import os
import sys

import pytest

from qa.checks import spacing
from qa.engine import Source, run
from tests.helpers import CATALOGUE

pytestmark = pytest.mark.skipif(sys.platform != "linux", reason="workers inherit the patched rule by fork")

FINE = "There can be no No bargaining in this area.\n"


def test_the_file_a_worker_dies_on_is_an_error_and_every_other_file_is_checked(monkeypatch) -> None:
    real_check = spacing.Spacing.check

    def dies_on_poison(self, doc, options):
        if "POISON" in doc.text:
            os._exit(1)  # as the kernel's out-of-memory killer would end it
        return real_check(self, doc, options)

    monkeypatch.setattr(spacing.Spacing, "check", dies_on_poison)
    texts = [FINE] * 20
    texts[7] = "POISON " + FINE
    sources = [Source(f"f{i:02d}.txt", data=text.encode()) for i, text in enumerate(texts)]
    rules = CATALOGUE.select(["spacing", "duplicated-word"])
    results = run(sources, rules, jobs=2)
    assert [r.path for r in results.files] == [s.display for s in sources]
    poisoned = results.files[7]
    assert poisoned.error == "cannot check: the worker process checking it died (out of memory?)"
    others = [r for i, r in enumerate(results.files) if i != 7]
    assert all(r.error is None and [f.rule for f in r.findings] == ["duplicated-word"] for r in others)
