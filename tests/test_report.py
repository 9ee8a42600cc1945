"""The report command and the pages' content (the browser behaviour is in tests/browser/)."""

from __future__ import annotations

import os
import re
from html import unescape
import subprocess
from pathlib import Path

import pytest

from tests.conftest import SEEDS

HOSTILE = (
    "<script>window.__pwned=1</script> and </textarea> and &lt;b&gt; <!-- c --> "
    "שלום مرحبا 😀 there can be no No bargaining.\n"
)


def report(mtqa: list[str], cwd: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([*mtqa, "report", *args], cwd=cwd, capture_output=True, text=True, check=False)


def test_report_writes_a_page_per_file_and_an_index(mtqa, tmp_path: Path) -> None:
    result = report(mtqa, tmp_path, str(SEEDS), "--output-dir", "out")
    assert result.returncode == 1, result.stderr
    assert result.stdout.strip() == "Wrote 2 pages and the index: out/index.html"
    names = sorted(p.name for p in (tmp_path / "out").iterdir())
    assert names == sorted(["index.html", *(f"{str(SEEDS).strip('/').replace('/', '_')}_{p.name}.html"
                                            for p in SEEDS.glob("*.txt"))])


def test_default_folder_is_reports(mtqa, tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Fine text.\n", encoding="utf-8")
    assert report(mtqa, tmp_path, "a.txt").returncode == 0
    assert (tmp_path / "reports" / "index.html").is_file()
    assert (tmp_path / "reports" / "a.txt.html").is_file()


def test_check_with_report_keeps_stdout_for_findings(mtqa, tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("There can be no No bargaining.\n", encoding="utf-8")
    result = subprocess.run([*mtqa, "check", "a.txt", "--format", "json", "--report", "r"], cwd=tmp_path,
                            capture_output=True, text=True, check=False)
    assert result.stdout.startswith("{") and "Wrote 1 page" in result.stderr
    assert (tmp_path / "r" / "a.txt.html").is_file()


def test_pages_are_self_contained_and_escaped(mtqa, tmp_path: Path) -> None:
    (tmp_path / "hostile.txt").write_text(HOSTILE, encoding="utf-8")
    report(mtqa, tmp_path, "hostile.txt")
    for page in (tmp_path / "reports").glob("*.html"):
        html = page.read_text(encoding="utf-8")
        assert "<script>window.__pwned" not in html
        assert "&lt;script&gt;window.__pwned=1&lt;/script&gt;" in html or page.name == "index.html"
        assert not re.search(r"""(src|href)=["']?(https?:|//)""", html), "no external resources"
        assert re.search(r"<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none';",
                         unescape(html))
        assert html.count("<script>") <= 1


def test_input_errors_are_listed_in_the_index(mtqa, tmp_path: Path) -> None:
    (tmp_path / "ok.txt").write_text("Fine text.\n", encoding="utf-8")
    (tmp_path / "bad.txt").write_bytes(b"\xff\xfe\xfa")
    result = report(mtqa, tmp_path, "ok.txt", "bad.txt")
    assert result.returncode == 2
    index = (tmp_path / "reports" / "index.html").read_text(encoding="utf-8")
    assert "bad.txt" in index and "Not checked:" in index
    assert not (tmp_path / "reports" / "bad.txt.html").exists()


def test_unwritable_output_folder_is_a_clear_error(mtqa, tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Fine text.\n", encoding="utf-8")
    (tmp_path / "taken").write_text("a file, not a folder", encoding="utf-8")
    result = report(mtqa, tmp_path, "a.txt", "--output-dir", "taken")
    assert result.returncode == 2
    assert result.stderr.startswith("mtqa: error: taken: cannot write the report:")
    assert result.stderr.count("\n") == 1


@pytest.mark.parametrize("count", [1, 3])
def test_one_mark_per_finding(mtqa, tmp_path: Path, count: int) -> None:
    (tmp_path / "a.txt").write_text("There can be no No bargaining, and that We agree. " * count + "\n", encoding="utf-8")
    report(mtqa, tmp_path, "a.txt", "--select", "duplicated-word,mid-sentence-capital")
    html = (tmp_path / "reports" / "a.txt.html").read_text(encoding="utf-8")
    assert html.count('<mark class="hl ') == 2 * count
    assert html.count('<li class="finding ') == 2 * count


def test_open_hands_the_index_to_the_browser(mtqa, tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Fine text.\n", encoding="utf-8")
    opener = tmp_path / "fake-browser"
    opener.write_text(f"#!/bin/sh\necho \"$1\" > {tmp_path / 'opened'}\n", encoding="utf-8")
    opener.chmod(0o755)
    env = {**os.environ, "BROWSER": str(opener)}
    subprocess.run([*mtqa, "report", "a.txt", "--open"], cwd=tmp_path, env=env, check=False, timeout=60)
    assert (tmp_path / "opened").read_text().strip() == (tmp_path / "reports" / "index.html").as_uri()
