"""Hostile input cannot turn mtqa's output against its reader (issue 13, writes and links).

A link left in the report folder, a rule's `javascript:` link, terminal escapes and
control characters in documents and file names, and `mtqa fix` on hard-linked,
read-only or foreign-owned files: each reproducer runs through the command line where
that is where the harm would be done.
"""

from __future__ import annotations

import json
import os
import signal
import stat
import subprocess
import sys
import xml.etree.ElementTree as ET
from dataclasses import replace
from html.parser import HTMLParser
from pathlib import Path

import pytest

from qa.catalogue import Catalogue, is_web_address
from qa.engine import Source, run
from qa.fix import TEMPORARY_SUFFIX, unified_diff, write_atomically
from qa.output.sarif import to_sarif
from qa.output.text import visible
from qa.report.html import file_page
from qa.report.naming import report_names
from tests.helpers import CATALOGUE
from tests.test_cli import run as run_mtqa

DOUBLED = "The minister said there can be no No bargaining.\n"
TERMINAL = "\x1b[2J\x1b]0;pwned\x07\x9b31m"
"""Clear the screen, set the window title, a C1 CSI: what a document or a name could send a terminal."""
HOSTILE_TEXT = f"The the {TERMINAL} \u202egnp.exe\u202c \x01 and there can be no No deal.\n"
HOSTILE_NAME = "news\x1b[31m\u202e.txt"


@pytest.fixture
def hostile(tmp_path: Path) -> Path:
    """A folder with a hostile document under a hostile name, and a plain one."""
    (tmp_path / HOSTILE_NAME).write_text(HOSTILE_TEXT, encoding="utf-8")
    (tmp_path / "plain.txt").write_text(DOUBLED, encoding="utf-8")
    return tmp_path


def check(mtqa: list[str], folder: Path, *args: str) -> subprocess.CompletedProcess[bytes]:
    return run_mtqa(mtqa, "check", ".", "--no-config", *args, cwd=folder)


# Text and GitHub annotations: nothing a terminal would act on.


def test_visible_escapes_controls_bidi_overrides_and_undecodable_bytes() -> None:
    assert visible("a\x1b[2J\x01\n\t\x7f\x9b") == "a\\x1b[2J\\x01\\x0a\\x09\\x7f\\x9b"
    assert visible("\u202egnp\u202c \u2066x\u2069") == "<U+202E>gnp<U+202C> <U+2066>x<U+2069>"
    assert visible("\udcff.txt \ufffe") == "\\xff.txt <U+FFFE>"
    assert visible("Zürich “quoted” 😀 שלום") == "Zürich “quoted” 😀 שלום"


@pytest.mark.parametrize("output_format", ["text", "github"])
def test_no_terminal_escape_reaches_standard_output(mtqa, hostile: Path, output_format: str) -> None:
    result = check(mtqa, hostile, "--format", output_format)
    assert result.returncode == 1, result.stderr
    shown = result.stdout.decode("utf-8")
    assert not any(char in shown for char in "\x1b\x07\x01\x9b\u202e\u202c")
    assert "news\\x1b[31m<U+202E>.txt" in shown
    if output_format == "text":  # annotations have no excerpt
        assert "\\x1b[2J\\x1b]0;pwned\\x07\\x9b31m" in shown
    assert "plain.txt" in shown  # the other file's findings are all there
    if output_format == "github":
        assert all(line.startswith("::") for line in shown.splitlines())


def test_an_undecodable_file_name_is_shown_as_its_byte(mtqa, tmp_path: Path) -> None:
    (tmp_path / os.fsdecode(b"caf\xe9.txt")).write_text(DOUBLED, encoding="utf-8")
    result = check(mtqa, tmp_path)
    assert result.stdout.decode("utf-8").startswith("caf\\xe9.txt:1:32: error duplicated-word")
    sarif = json.loads(check(mtqa, tmp_path, "--format", "sarif").stdout)
    (finding,) = sarif["runs"][0]["results"]
    assert finding["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "caf%E9.txt"


# JUnit, SARIF and JSON stay well-formed.


def test_junit_is_well_formed_xml_with_control_characters(mtqa, hostile: Path) -> None:
    result = check(mtqa, hostile, "--format", "junit")
    root = ET.fromstring(result.stdout)
    suites = {suite.get("name"): suite for suite in root.findall("testsuite")}
    assert set(suites) == {"news\\x1b[31m<U+202E>.txt", "plain.txt"}
    texts = [failure.text for failure in root.iter("failure")]
    assert any("\\x01 and there can be no No deal" in text for text in texts)


def test_json_and_sarif_parse_with_control_characters_and_keep_the_text_exact(mtqa, hostile: Path) -> None:
    files = json.loads(check(mtqa, hostile, "--format", "json").stdout)["files"]
    assert HOSTILE_NAME in {file["path"] for file in files}
    assert any(TERMINAL in f["excerpt"] for file in files for f in file["findings"])
    sarif = json.loads(check(mtqa, hostile, "--format", "sarif").stdout)
    snippets = [
        r["locations"][0]["physicalLocation"]["contextRegion"]["snippet"]["text"]
        for r in sarif["runs"][0]["results"]
    ]
    assert any(TERMINAL in snippet for snippet in snippets)


# The HTML report: a page cannot be written through a link, nor made to run anything.


def test_report_replaces_links_in_its_folder_and_leaves_their_targets_alone(mtqa, hostile: Path) -> None:
    outside = hostile.parent / f"{hostile.name}-outside"
    outside.mkdir()
    (outside / "secret.txt").write_text("secret\n")
    (outside / "hard.txt").write_text("hard\n")
    inputs = [HOSTILE_NAME, "plain.txt"]
    for command in (["report", *inputs, "--output-dir", "rep"], ["check", *inputs, "--report", "rep"]):
        report = hostile / "rep"
        report.mkdir(exist_ok=True)
        for page in report.iterdir():
            page.unlink()
        (report / "index.html").symlink_to(outside / "secret.txt")
        (report / "plain.txt.html").hardlink_to(outside / "hard.txt")
        (report / "dangling.html").symlink_to(outside / "nowhere.html")
        result = run_mtqa(mtqa, *command, "--no-config", cwd=hostile)
        assert result.returncode == 1, result.stderr
        assert (outside / "secret.txt").read_text() == "secret\n"
        assert (outside / "hard.txt").read_text() == "hard\n"
        assert sorted(p.name for p in outside.iterdir()) == ["hard.txt", "secret.txt"]
        for page in ("index.html", "plain.txt.html"):
            written = report / page
            assert not written.is_symlink() and written.stat().st_nlink == 1
            assert written.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


class Tags(HTMLParser):
    """The tags and attribute names of a page: its structure, without its text."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, tuple[str, ...]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, tuple(name for name, _ in attrs)))


def page_for(text: str, name: str, catalogue: Catalogue = CATALOGUE) -> str:
    source = Source(name, data=text.encode("utf-8"))
    result = run([source], catalogue.select(["duplicated-word"])).files[0]
    return file_page(source.load(), result, catalogue, {name: "page.html"})


def structure(page: str) -> list[tuple[str, tuple[str, ...]]]:
    parser = Tags()
    parser.feed(page)
    return parser.tags


def test_report_shows_control_characters_as_escapes_and_keeps_its_structure() -> None:
    hostile = page_for(HOSTILE_TEXT + "</div><script>alert(1)</script>\x7f\n", HOSTILE_NAME + "\udcff")
    tame_text = HOSTILE_TEXT.replace(TERMINAL, "terminal").translate({0x202E: "x", 0x202C: "x", 0x01: "x"})
    tame = page_for(tame_text + "x\n", "tame.txt")
    assert structure(hostile) == structure(tame)
    assert not any(char in hostile for char in "\x01\x07\x1b\x7f\x9b\u202e\u202c\udcff")
    assert "\\x1b[2J" in hostile and "&lt;U+202E&gt;gnp.exe" in hostile and "news\\x1b[31m" in hostile


# A rule's link: http(s) only.


@pytest.mark.parametrize(
    ("link", "web"),
    [
        ("https://example.org/style#dates", True),
        ("HTTP://example.org", True),
        ("javascript:alert(1)", False),
        (" javascript:alert(1)", False),
        ("java\nscript:alert(1)", False),
        ("data:text/html,<script>alert(1)</script>", False),
        ("file:///etc/passwd", False),
        ("//example.org", False),
        ("https:example.org", False),
        ("https://exa mple.org", False),
        ("https://example.org/\u202e", False),
        (None, False),
    ],
)
def test_only_http_addresses_are_web_addresses(link: str | None, web: bool) -> None:
    assert is_web_address(link) is web


def test_a_rule_with_a_script_link_is_refused_when_the_catalogue_loads(mtqa, tmp_path: Path) -> None:
    house = tmp_path / "house"
    house.mkdir()
    rule = (CATALOGUE.get("long-sentence").source).read_text(encoding="utf-8")
    (house / "long2.yaml").write_text(
        rule.replace("id: long-sentence", "id: long2") + 'link: "javascript:alert(1)"\n', encoding="utf-8"
    )
    (tmp_path / ".mtqa.toml").write_text("rule-paths = ['house']\n", encoding="utf-8")
    (tmp_path / "a.txt").write_text(DOUBLED, encoding="utf-8")
    result = run_mtqa(mtqa, "check", "a.txt", cwd=tmp_path)
    assert result.returncode == 2
    (line,) = result.stderr.decode().splitlines()
    assert line.startswith(f"mtqa: error: {house / 'long2.yaml'}: rule 'long2': 'link' must be an http")
    assert "javascript:alert(1)" in line


def test_a_script_link_is_never_emitted_by_the_report_or_sarif() -> None:
    rule = replace(CATALOGUE.get("duplicated-word"), link="javascript:alert(1)")
    catalogue = Catalogue((rule,))
    assert "javascript:" not in page_for(DOUBLED, "a.txt", catalogue)
    results = run([Source("a.txt", data=DOUBLED.encode())], [rule])
    assert "helpUri" not in to_sarif(results, catalogue)["runs"][0]["tool"]["driver"]["rules"][0]


# `mtqa fix`: the same file afterwards, nothing else written, nothing left behind.


FIXED = DOUBLED.replace("no No", "no")


def test_fix_keeps_hard_links_and_the_mode(mtqa, tmp_path: Path) -> None:
    story, other_name = tmp_path / "story.txt", tmp_path / "other-name.txt"
    story.write_text(DOUBLED)
    story.chmod(0o640)
    other_name.hardlink_to(story)
    inode = story.stat().st_ino
    result = run_mtqa(mtqa, "fix", "story.txt", "--no-config", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert story.read_text() == other_name.read_text() == FIXED
    assert story.stat().st_ino == other_name.stat().st_ino == inode
    assert stat.S_IMODE(story.stat().st_mode) == 0o640
    assert sorted(p.name for p in tmp_path.iterdir()) == ["other-name.txt", "story.txt"]


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="only root can give a file away")
def test_fix_run_as_root_keeps_the_owner(mtqa, tmp_path: Path) -> None:
    story = tmp_path / "story.txt"
    story.write_text(DOUBLED)
    os.chown(story, 4321, 4321)
    story.chmod(0o664)
    assert run_mtqa(mtqa, "fix", "story.txt", "--no-config", cwd=tmp_path).returncode == 0
    status = story.stat()
    assert (status.st_uid, status.st_gid, stat.S_IMODE(status.st_mode)) == (4321, 4321, 0o664)
    assert story.read_text() == FIXED


def test_fix_refuses_a_read_only_file_in_one_line_and_fixes_the_others(mtqa, tmp_path: Path) -> None:
    (tmp_path / "locked.txt").write_text(DOUBLED)
    (tmp_path / "locked.txt").chmod(0o444)
    (tmp_path / "open.txt").write_text(DOUBLED)
    result = run_mtqa(mtqa, "fix", ".", "--no-config", cwd=tmp_path)
    assert result.returncode == 2
    errors = [line for line in result.stderr.decode().splitlines() if line.startswith("mtqa: error:")]
    assert errors == [
        "mtqa: error: locked.txt: cannot write: the file is read-only (mtqa fix --force rewrites it)"
    ]
    assert (tmp_path / "locked.txt").read_text() == DOUBLED
    assert (tmp_path / "open.txt").read_text() == FIXED
    forced = run_mtqa(mtqa, "fix", "locked.txt", "--force", "--no-config", cwd=tmp_path)
    assert forced.returncode == 0 and (tmp_path / "locked.txt").read_text() == FIXED


def test_force_rewrites_a_read_only_file_and_keeps_it_read_only(tmp_path: Path) -> None:
    locked = tmp_path / "locked.txt"
    locked.write_text(DOUBLED)
    locked.chmod(0o444)
    with pytest.raises(PermissionError):
        write_atomically(locked, FIXED.encode())
    write_atomically(locked, FIXED.encode(), force=True)
    assert locked.read_text() == FIXED and stat.S_IMODE(locked.stat().st_mode) == 0o444


@pytest.mark.parametrize("failing", ["fsync", "replace", "chmod"])
def test_a_failed_write_leaves_the_file_whole_and_no_temporary_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, failing: str
) -> None:
    story = tmp_path / "story.txt"
    story.write_text(DOUBLED)

    def fail(*args: object, **kwargs: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, failing, fail)
    with pytest.raises(OSError, match="No space left"):
        write_atomically(story, FIXED.encode())
    monkeypatch.undo()
    assert story.read_text() == DOUBLED
    assert [p.name for p in tmp_path.iterdir()] == ["story.txt"]


def test_sigterm_during_a_write_waits_until_the_file_is_whole(tmp_path: Path) -> None:
    """The signal arrives between writing the temporary file and putting it in place."""
    story = tmp_path / "story.txt"
    story.write_text(DOUBLED)
    script = (
        "import os, signal, sys\n"
        "from pathlib import Path\n"
        "from qa.fix import write_atomically\n"
        "real_fsync = os.fsync\n"
        "def fsync(fd):\n"
        "    os.kill(os.getpid(), signal.SIGTERM)\n"
        "    real_fsync(fd)\n"
        "os.fsync = fsync\n"
        f"write_atomically(Path(sys.argv[1]), {FIXED.encode()!r})\n"
        "print('not reached: SIGTERM ends the process once the write is done')\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script, str(story)], capture_output=True, timeout=60, check=False
    )
    assert result.returncode == -signal.SIGTERM and result.stdout == b""
    assert story.read_text() == FIXED
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(TEMPORARY_SUFFIX)]


def test_diff_headers_show_control_characters_in_the_name_as_escapes() -> None:
    diff = unified_diff("story\n+++ b/other.txt\x1b[2J.txt", DOUBLED, FIXED)
    assert diff.splitlines()[:2] == [
        "--- a/story\\x0a+++ b/other.txt\\x1b[2J.txt",
        "+++ b/story\\x0a+++ b/other.txt\\x1b[2J.txt",
    ]


def test_report_names_of_undecodable_file_names_stay_distinct() -> None:
    names = report_names([os.fsdecode(b"\xff.txt"), os.fsdecode(b"\xfe.txt")])
    assert len(set(names.values())) == 2
    assert all(name.isascii() and name.isprintable() for name in names.values())


def test_sarif_stays_utf8_when_an_undecodable_file_name_is_in_a_message(mtqa, tmp_path: Path) -> None:
    missing = os.fsdecode(b"caf\xe9.txt")
    result = run_mtqa(mtqa, "check", missing, "--no-config", "--format", "sarif", cwd=tmp_path)
    assert result.returncode == 2
    sarif = json.loads(result.stdout.decode("utf-8"))
    (notification,) = sarif["runs"][0]["invocations"][0]["toolExecutionNotifications"]
    assert notification["message"]["text"].startswith(f"{missing}: ")


def test_json_output_is_utf8_whatever_a_file_name_holds(tmp_path):
    """A file name that is not UTF-8 reads back as the same path; the output stays UTF-8."""
    name = os.path.join(os.fsencode(tmp_path), b"caf\xe9.txt")
    Path(os.fsdecode(name)).write_text("There can be no No bargaining.\n", encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "qa", "check", str(tmp_path), "--format", "json"],
        capture_output=True,
        timeout=60,
    )
    [checked] = json.loads(done.stdout.decode("utf-8"))["files"]
    assert os.fsencode(checked["path"]) == name
