"""Well-edited news English must come out clean: every enabled rule, no findings.

tests/data/clean_news.txt is hand-written copy full of what real news holds and
what looks like an artifact to a careless rule: multi-paragraph and nested
quotations, curly apostrophes (rock ’n’ roll, the ’90s, Texas’), datelines, dates in
many English forms, foreign names, brand casing (iPhone, eBay), abbreviations,
legitimate doubled words ("had had", "May may"), a list, a URL and an e-mail address.
A finding there is a false alarm an editor would have to dismiss.
"""

from __future__ import annotations

from pathlib import Path

from qa.findings import Finding
from tests.helpers import findings_for

CLEAN_NEWS = Path(__file__).parent / "data" / "clean_news.txt"


def _describe(findings: list[Finding]) -> str:
    return "\n".join(f"{f.rule} line {f.line}: {f.message} | {f.excerpt}" for f in findings)


def test_clean_news_has_no_findings() -> None:
    findings = findings_for(CLEAN_NEWS.read_text(encoding="utf-8"))
    assert not findings, "false alarms on clean copy:\n" + _describe(findings)


def test_clean_news_is_a_real_corpus() -> None:
    """Guards the test above against a truncated or emptied corpus, which would pass vacuously."""
    text = CLEAN_NEWS.read_text(encoding="utf-8")
    assert len(text.split()) > 2500
    assert "“" in text and "’" in text and '"' not in text
