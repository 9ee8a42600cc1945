"""`mtqa fix`: the edits of one file (qa.fix), and the command run as a user would."""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from qa.engine import Source, run
from qa.findings import Finding, Severity
from qa.fix import Edit, Fixer, apply, encode_back, is_plain, plan, unified_diff, write_atomically
from qa.loaders import LoadOptions, load_bytes
from qa.loaders.decoding import Encoding
from tests.conftest import SEEDS
from tests.helpers import CATALOGUE
from tests.loaders.test_docx import word_file
from tests.readme import code_blocks
from tests.test_cli import run as run_mtqa

SAFE = {rule.id for rule in CATALOGUE.rules if rule.safe_fix}
DATE_SEED = "000_4ba9a3a3582aff3b.txt"
"""Has "21 ene 2022"."""
DOUBLED_SEED = "002_fccc3799612edf3c.txt"
"""Has "There can be no No bargaining"."""


def fixed(texts: dict[str, str | bytes], *rule_ids: str) -> tuple[Fixer, dict[str, bytes]]:
    """Fix in-memory files (name -> text) with the named rules; the fixer and each file's bytes after."""
    rules = CATALOGUE.select(rule_ids)
    sources = [Source(name, data=t.encode("utf-8") if isinstance(t, str) else t) for name, t in texts.items()]
    fixer = Fixer(sources, SAFE, lambda again: run(again, rules))
    fixer.run(run(sources, rules))
    return fixer, {
        s.display: fixer.fixed[s.display].data if s.display in fixer.fixed else s.data for s in sources
    }


def finding(start: int, end: int, suggestion: str | None, rule: str = "duplicated-word") -> Finding:
    return Finding(
        "story.txt", start, end, rule, Severity.ERROR, "message", 1, start + 1, 1, end + 1, "", suggestion
    )


def document(text: str, name: str = "story.txt"):
    return load_bytes(text.encode("utf-8"), name, LoadOptions())


@pytest.mark.parametrize(
    ("rule", "before", "after"),
    [
        ("duplicated-word", "There can be no No bargaining.\n", "There can be no bargaining.\n"),
        ("foreign-date", "21 ene 2022 12:55 GMT\n", "21 Jan 2022 12:55 GMT\n"),
        ("mojibake", "It is in ZÃ¼rich, itâ€™s said.\n", "It is in Zürich, it’s said.\n"),
        (
            "spacing",
            "The talks ,and more. They left.Geneva.this Friday.\n",
            "The talks, and more. They left. Geneva. this Friday.\n",
        ),
        (
            "foreign-punctuation",
            "«Hola», he said in Beijing，the capital.\n",
            "“Hola”, he said in Beijing, the capital.\n",
        ),
    ],
)
def test_each_safe_rule_is_fixed(rule: str, before: str, after: str) -> None:
    _, data = fixed({"story.txt": before}, rule)
    assert data["story.txt"].decode("utf-8") == after


def test_rules_that_are_not_safe_are_left_alone() -> None:
    text = "in Geneva. this Friday, the concerns that We feel it.\n"
    fixer, data = fixed({"story.txt": text}, "lowercase-sentence-start", "mid-sentence-capital")
    assert data["story.txt"] == text.encode("utf-8") and not fixer.changed
    assert fixer.left == Counter({"not safe to fix": 2})


def test_apply_replaces_each_span() -> None:
    assert apply("no No deal  here", [Edit(0, 5, "no"), Edit(10, 12, " ")]) == "no deal here"
    assert apply("Geneva.this", [Edit(6, 7, ". ")]) == "Geneva. this"
    assert apply("text", []) == "text"


def test_overlapping_edits_keep_the_first_and_a_fix_reaches_a_fixed_point() -> None:
    doc = document("no  No deal")
    findings = [finding(0, 6, "no"), finding(2, 4, " ", rule="spacing"), finding(2, 4, " ", rule="spacing")]
    assert plan(findings, doc, SAFE).edits == (Edit(0, 6, "no"),)
    insertions = [finding(3, 3, "a"), finding(3, 3, "b"), finding(3, 5, "c"), finding(5, 5, "d")]
    assert plan(insertions, doc, SAFE).edits == (Edit(3, 3, "a"), Edit(5, 5, "d"))
    _, data = fixed({"story.txt": "There can be no  No bargaining ,and the  the talks.\n"})
    once = data["story.txt"]
    assert once == b"There can be no bargaining, and the talks.\n"
    _, again = fixed({"story.txt": once})
    assert again["story.txt"] == once


def test_only_safe_findings_with_a_suggestion_are_planned() -> None:
    doc = document("no No deal in ZÃ¼rich")
    findings = [finding(0, 5, "no", rule="mid-sentence-capital"), finding(14, 21, None, rule="mojibake")]
    assert plan(findings, doc, SAFE).edits == ()


@pytest.mark.parametrize(
    ("name", "text", "plain", "markup"),
    [
        ("story.md", "There can be no No deal, no **No** deal.\n", "no No", "no **No"),
        (
            "story.html",
            "<p>There can be no No deal, no <strong>No</strong> deal.</p>",
            "no No",
            "no <strong>No",
        ),
        ("story.html", "<p>The talks &amp; the the deal, said &#34;no&#34; no.</p>", "the the", "no&#34; no"),
    ],
)
def test_a_span_holding_markup_is_not_plain(name: str, text: str, plain: str, markup: str) -> None:
    doc = document(text, name)
    start, markup_start = text.index(plain), text.index(markup)
    assert is_plain(doc, start, start + len(plain))
    assert not is_plain(doc, markup_start, markup_start + len(markup))


@pytest.mark.parametrize(
    ("name", "before", "after"),
    [
        (
            "story.md",
            "# Talks\n\n> There can be no No deal, no **No** deal\n> on 21 ene 2022.\n\n`no No` stays.\n",
            "# Talks\n\n> There can be no deal, no **No** deal\n> on 21 Jan 2022.\n\n`no No` stays.\n",
        ),
        (
            "story.html",
            "<h1>Talks</h1>\n<p class=x>There can be no No deal, no <b>No</b> deal &amp; the talks.Geneva.</p>",
            "<h1>Talks</h1>\n<p class=x>There can be no deal, no <b>No</b> deal &amp; the talks. Geneva.</p>",
        ),
    ],
)
def test_plain_fixes_in_markup_are_made_at_their_place_in_the_source(
    name: str, before: str, after: str
) -> None:
    fixer, data = fixed({name: before})
    assert data[name].decode("utf-8") == after
    assert fixer.left["in markup"] == 1


def test_the_encoding_must_give_back_the_same_bytes() -> None:
    assert encode_back(
        Encoding("utf-16-le", b"\xff\xfe"), "a\r\nb", "\ufeffa\r\nb".encode("utf-16-le"), "c"
    ) == ("\ufeffc".encode("utf-16-le"))
    with pytest.raises(ValueError, match="does not encode back"):
        encode_back(Encoding(), "a", b"b", "c")
    with pytest.raises(ValueError):
        encode_back(Encoding("latin-1"), "café", "café".encode("latin-1"), "“café”")


def test_a_fix_the_encoding_cannot_hold_is_not_written() -> None:
    page = '<meta charset="iso-8859-15"><p>«Le café», he said in Genève.</p>'.encode("iso-8859-15")
    fixer, data = fixed({"story.html": page}, "foreign-punctuation")
    assert not fixer.changed and data["story.html"] == page
    assert fixer.left == Counter({"not written": 2})
    assert fixer.errors == [f"story.html: cannot fix: {fixer.refused['story.html']}"]
    assert "codec can't encode" in fixer.refused["story.html"]


def test_word_files_are_fixed_nowhere_and_noted_once() -> None:
    fixer, _ = fixed(
        {"story.docx": word_file("There can be no No deal.", "And the the talks.")}, "duplicated-word"
    )
    assert not fixer.changed
    assert fixer.left == Counter({"in Word files": 2})
    assert fixer.notes == ["story.docx: Word files are not written (2 findings to fix in Word)"]


def test_unified_diff_keeps_line_endings_and_marks_a_missing_last_one() -> None:
    assert unified_diff("story.txt", "one\r\nno No\r\nthree", "one\r\nno\r\nthree!") == (
        "--- a/story.txt\n"
        "+++ b/story.txt\n"
        "@@ -1,3 +1,3 @@\n"
        " one\r\n"
        "-no No\r\n"
        "-three\n\\ No newline at end of file\n"
        "+no\r\n"
        "+three!\n\\ No newline at end of file\n"
    )
    assert unified_diff("story.txt", "same\n", "same\n") == ""


def test_write_atomically_keeps_the_mode_and_leaves_no_temporary_file(tmp_path: Path) -> None:
    path = tmp_path / "story.txt"
    path.write_bytes(b"no No\n")
    path.chmod(0o640)
    link = tmp_path / "link.txt"
    link.symlink_to(path)
    write_atomically(link, b"no\n")
    assert path.read_bytes() == b"no\n" and link.is_symlink()
    assert stat.S_IMODE(path.stat().st_mode) == 0o640
    assert sorted(p.name for p in tmp_path.iterdir()) == ["link.txt", "story.txt"]


# The command, through a subprocess.


@pytest.fixture
def seeds(tmp_path: Path) -> Path:
    """Copies of the seeds: a fix must never write under seeds/."""
    for seed in SEEDS.glob("*.txt"):
        shutil.copy(seed, tmp_path / seed.name)
    return tmp_path


def snapshot(folder: Path) -> dict[str, tuple[bytes, int]]:
    return {p.name: (p.read_bytes(), p.stat().st_mtime_ns) for p in sorted(folder.iterdir())}


def test_fix_writes_the_seeds_and_a_second_run_changes_nothing(mtqa, seeds: Path) -> None:
    result = run_mtqa(mtqa, "fix", ".", cwd=seeds)
    assert result.returncode == 1  # an unbalanced quotation is left: not safe to fix
    assert result.stderr.decode().startswith("Fixed 2 issues in 2 files (")
    assert b"21 Jan 2022 12:55 GMT" in (seeds / DATE_SEED).read_bytes()
    assert b"There can be no bargaining" in (seeds / DOUBLED_SEED).read_bytes()
    left = result.stdout.decode()  # what is left is listed as `check` lists it
    assert f"{DATE_SEED}:" in left and " unbalanced-quote " in left and " duplicated-word " not in left
    before = snapshot(seeds)
    again = run_mtqa(mtqa, "fix", ".", cwd=seeds)
    assert snapshot(seeds) == before
    assert again.stderr.decode().startswith("Fixed 0 issues in 0 files (")
    assert run_mtqa(mtqa, "fix", "--diff", ".", cwd=seeds).returncode == 0


def test_diff_prints_the_change_and_writes_nothing(mtqa, seeds: Path) -> None:
    before = snapshot(seeds)
    result = run_mtqa(mtqa, "fix", "--diff", DATE_SEED, cwd=seeds)
    assert result.returncode == 1
    assert result.stdout.decode() == (
        f"--- a/{DATE_SEED}\n"
        f"+++ b/{DATE_SEED}\n"
        "@@ -1,7 +1,7 @@\n"
        " Blinken: US agrees to work with allies to address Russia’s security concerns\n"
        " \n"
        " \n"
        "-21 ene 2022 12:55 GMT\n"
        "+21 Jan 2022 12:55 GMT\n"
        " \n"
        " Washington will submit its own security concerns in writing next week.\n"
        " \n"
    )
    assert result.stderr.decode().startswith("Would fix 1 issue in 1 file (")
    assert snapshot(seeds) == before


def test_select_fixes_only_that_rule_and_notes_the_unsafe_ones(mtqa, seeds: Path) -> None:
    result = run_mtqa(mtqa, "fix", ".", "--select", "foreign-date", cwd=seeds)
    assert result.returncode == 0
    assert result.stderr == b"Fixed 1 issue in 1 file.\n"
    assert b"21 Jan 2022" in (seeds / DATE_SEED).read_bytes()
    assert b"no No bargaining" in (seeds / DOUBLED_SEED).read_bytes()
    unsafe = run_mtqa(mtqa, "fix", DOUBLED_SEED, "--select", "duplicated-word,unbalanced-quote", cwd=seeds)
    assert (
        unsafe.stderr.decode().splitlines()[0]
        == "mtqa: note: not safe to fix, only checked: unbalanced-quote"
    )


@pytest.mark.parametrize(
    "encode",
    [
        lambda text: text.replace("\n", "\r\n").encode("utf-8"),
        lambda text: text.replace("\n", "\r").encode("utf-8"),
        lambda text: b"\xef\xbb\xbf" + text.encode("utf-8"),
        lambda text: "\ufeff".encode("utf-16-le") + text.replace("\n", "\r\n").encode("utf-16-le"),
        lambda text: "\ufeff".encode("utf-32-be") + text.encode("utf-32-be"),
    ],
    ids=["crlf", "cr", "utf-8 bom", "utf-16-le crlf", "utf-32-be"],
)
def test_encoding_bom_and_line_endings_are_kept(mtqa, tmp_path: Path, encode) -> None:
    before = "Talks\n\nThere can be no No deal on 21 ene 2022.\n\nThe end.\n"
    after = "Talks\n\nThere can be no deal on 21 Jan 2022.\n\nThe end.\n"
    (tmp_path / "story.txt").write_bytes(encode(before))
    assert run_mtqa(mtqa, "fix", "story.txt", cwd=tmp_path).returncode == 0
    assert (tmp_path / "story.txt").read_bytes() == encode(after)


def test_a_guessed_legacy_encoding_is_kept(mtqa, tmp_path: Path) -> None:
    before = "Le ministre a dit à Genève: there can be no No deal, a déjà vu for the café crème.\n"
    (tmp_path / "story.txt").write_bytes(before.encode("cp1252"))
    assert run_mtqa(mtqa, "fix", "story.txt", cwd=tmp_path).returncode == 2  # refused without the option
    result = run_mtqa(
        mtqa, "fix", "story.txt", "--guess-encoding", "--select", "duplicated-word", cwd=tmp_path
    )
    assert result.returncode == 0
    assert (tmp_path / "story.txt").read_bytes() == before.replace("no No", "no").encode("cp1252")


def test_only_fixed_files_are_touched_and_keep_their_mode(mtqa, tmp_path: Path) -> None:
    (tmp_path / "clean.txt").write_text("The minister said there can be no bargaining.\n")
    (tmp_path / "doubled.txt").write_text("The minister said there can be no No bargaining.\n")
    (tmp_path / "doubled.txt").chmod(0o600)
    old = 1_000_000_000_000_000_000
    for path in tmp_path.iterdir():
        os.utime(path, ns=(old, old))
    assert run_mtqa(mtqa, "fix", ".", cwd=tmp_path).returncode == 0
    assert (tmp_path / "clean.txt").stat().st_mtime_ns == old
    assert (tmp_path / "doubled.txt").stat().st_mtime_ns != old
    assert stat.S_IMODE((tmp_path / "doubled.txt").stat().st_mode) == 0o600
    assert sorted(p.name for p in tmp_path.iterdir()) == ["clean.txt", "doubled.txt"]


def test_markup_fixes_are_made_in_plain_text_only(mtqa, tmp_path: Path) -> None:
    (tmp_path / "story.md").write_text("There can be no No deal.\n\nThere can be no **No** deal.\n")
    (tmp_path / "story.html").write_text("<p>There can be no <strong>No</strong> deal, the the end.</p>\n")
    result = run_mtqa(mtqa, "fix", ".", "--select", "duplicated-word", cwd=tmp_path)
    assert result.stderr.decode() == "Fixed 2 issues in 2 files (2 left: 2 in markup).\n"
    assert (tmp_path / "story.md").read_text() == "There can be no deal.\n\nThere can be no **No** deal.\n"
    assert (
        tmp_path / "story.html"
    ).read_text() == "<p>There can be no <strong>No</strong> deal, the end.</p>\n"


def test_word_files_are_not_written(mtqa, tmp_path: Path) -> None:
    data = word_file("There can be no No deal.")
    (tmp_path / "story.docx").write_bytes(data)
    result = run_mtqa(mtqa, "fix", "story.docx", "--select", "duplicated-word", cwd=tmp_path)
    assert (tmp_path / "story.docx").read_bytes() == data
    assert result.stderr.decode() == (
        "mtqa: note: story.docx: Word files are not written (1 finding to fix in Word)\n"
        "Fixed 0 issues in 0 files (1 left: 1 in Word files).\n"
    )


def test_standard_input_is_fixed_to_standard_output(mtqa) -> None:
    result = run_mtqa(mtqa, "fix", "-", stdin=b"There can be no No deal.\r\n")
    assert (result.returncode, result.stdout) == (0, b"There can be no deal.\r\n")
    clean = run_mtqa(mtqa, "fix", "-", stdin=b"There can be no deal.")
    assert (clean.returncode, clean.stdout) == (0, b"There can be no deal.")


def test_an_input_error_is_one_line_and_the_other_files_are_fixed(mtqa, tmp_path: Path) -> None:
    (tmp_path / "doubled.txt").write_text("There can be no No deal.\n")
    (tmp_path / "empty.txt").write_text("")
    result = run_mtqa(mtqa, "fix", ".", "missing.txt", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.decode().splitlines() == [
        "Fixed 1 issue in 1 file.",
        "mtqa: error: empty.txt: file is empty",
        "mtqa: error: missing.txt: no such file or directory",
    ]
    assert (tmp_path / "doubled.txt").read_text() == "There can be no deal.\n"


def test_the_readme_example(tmp_path: Path) -> None:
    shutil.copytree(SEEDS, tmp_path / "seeds")
    (example,) = code_blocks("Fixes", "sh")
    (shown,) = code_blocks("Fixes", "")
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}"}
    result = subprocess.run(
        ["bash", "-c", example], cwd=tmp_path, env=env, capture_output=True, timeout=120, check=False
    )
    assert [line.rstrip() for line in result.stdout.decode().splitlines()] == [
        line.rstrip() for line in shown.splitlines()
    ]
    assert result.stderr.decode().splitlines()[-1] == example.splitlines()[-1].split("# ")[1]
    assert b"21 Jan 2022" in (tmp_path / "story.txt").read_bytes()
    assert (tmp_path / "left.txt").read_text(encoding="utf-8").count("story.txt:") == 6
