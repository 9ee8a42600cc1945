"""Hostile and broken input through the command line (issue 13): one bad file costs only itself.

Each case runs `python -m qa check` as a subprocess, with a timeout so that a regression that
blocks (a FIFO read, a parent waiting on workers) fails instead of hanging CI: exit status 2,
exactly one error line naming the bad input, and the good file's findings still in the output.
"""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

DOUBLED = "The minister said there can be no No bargaining.\n"
TIMEOUT = 60
SELECT = ("--select", "duplicated-word")

pytestmark = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs and signals as on POSIX")


def mtqa(*args: str | Path, cwd: Path, stdin: bytes | None = None, env: dict[str, str] | None = None):
    return subprocess.run(
        [sys.executable, "-m", "qa", *map(str, args)],
        cwd=cwd,
        input=stdin,
        capture_output=True,
        timeout=TIMEOUT,
        check=False,
        env=env,
    )


def error_lines(result: subprocess.CompletedProcess) -> list[str]:
    return [line for line in result.stderr.decode().splitlines() if line.startswith("mtqa: error:")]


def assert_one_error(result: subprocess.CompletedProcess, name: str, cause: str) -> str:
    """Exit 2 and a single error line naming `name` and its cause, with no traceback."""
    assert result.returncode == 2, result.stderr.decode()
    assert "Traceback" not in result.stderr.decode()
    (line,) = error_lines(result)
    assert name in line and cause in line, line
    return line


def flagged_paths(result: subprocess.CompletedProcess) -> list[str]:
    return [entry["path"] for entry in json.loads(result.stdout)["files"] if entry["findings"]]


@pytest.fixture
def story(tmp_path: Path) -> Path:
    (tmp_path / "good.txt").write_text(DOUBLED, encoding="utf-8")
    return tmp_path


# One file's failure, whatever the exception, in every output format and under --jobs 2

CRASHING_HOOKS = '''
import qa.loaders.txt as txt

class Unpicklable(Exception):
    """Carries a lambda: it cannot cross a process boundary as it is."""

    def __init__(self):
        super().__init__("inflating the stream failed\\nat byte 3")
        self.callback = lambda: None

real_load = txt.load

def load(data, display, options):
    if b"LOADER-CRASH" in data:
        raise Unpicklable()
    return real_load(data, display, options)

txt.load = load

from qa.checks import repetition

real_check = repetition.Repetition.check

def check(self, doc, options):
    if "RULE-CRASH" in doc.text:
        raise Unpicklable()
    return real_check(self, doc, options)

repetition.Repetition.check = check
'''


@pytest.fixture
def crashing(story: Path) -> dict[str, str]:
    """An environment whose text loader raises an unexpected, unpicklable exception on `LOADER-CRASH`,
    and the repetition rules on `RULE-CRASH`."""
    hooks = story / "hooks"
    hooks.mkdir()
    (hooks / "sitecustomize.py").write_text(CRASHING_HOOKS, encoding="utf-8")
    for number in range(10):  # enough files that --jobs 2 starts worker processes
        (story / f"more-{number}.txt").write_text(DOUBLED, encoding="utf-8")
    (story / "crash.txt").write_text("LOADER-CRASH\n", encoding="utf-8")
    return {
        **os.environ,
        "PYTHONPATH": os.pathsep.join(filter(None, [str(hooks), os.environ.get("PYTHONPATH")])),
    }


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_any_exception_while_reading_is_that_files_one_error(
    story: Path, crashing: dict[str, str], jobs: str
) -> None:
    result = mtqa("check", ".", *SELECT, "--format", "json", "--jobs", jobs, cwd=story, env=crashing)
    line = assert_one_error(
        result, "crash.txt", "cannot read: Unpicklable: inflating the stream failed at byte 3"
    )
    assert line == "mtqa: error: crash.txt: cannot read: Unpicklable: inflating the stream failed at byte 3"
    assert "good.txt" in flagged_paths(result)
    errors = json.loads(result.stdout)["errors"]
    assert [error["path"] for error in errors] == ["crash.txt"]


@pytest.mark.parametrize("output", ["text", "json", "sarif"])
def test_jobs_1_and_2_agree_when_a_loader_crashes(story: Path, crashing: dict[str, str], output: str) -> None:
    one, two = (
        mtqa("check", ".", *SELECT, "--format", output, "--jobs", jobs, cwd=story, env=crashing)
        for jobs in "12"
    )
    assert one.returncode == two.returncode == 2
    assert one.stdout == two.stdout
    assert error_lines(one) == error_lines(two)
    assert b"good.txt" in one.stdout


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_rule_that_crashes_stays_a_bug_report_for_that_file(
    story: Path, crashing: dict[str, str], jobs: str
) -> None:
    (story / "crash.txt").write_text("RULE-CRASH\n", encoding="utf-8")
    result = mtqa("check", ".", *SELECT, "--format", "json", "--jobs", jobs, cwd=story, env=crashing)
    line = assert_one_error(result, "crash.txt", "rule 'duplicated-word' failed (Unpicklable: inflating")
    assert line.endswith("please report this as a bug")
    assert "good.txt" in flagged_paths(result)


# Folders: only regular files are read; anything else is skipped with a warning


@pytest.fixture
def hostile_folder(story: Path) -> Path:
    os.mkfifo(story / "fifo.txt")
    (story / "loop.txt").symlink_to("loop.txt")
    (story / "ping.txt").symlink_to("pong.txt")
    (story / "pong.txt").symlink_to("ping.txt")
    (story / "dangling.md").symlink_to("nowhere.md")
    (story / "parent").symlink_to(".")  # a loop through a folder link: not followed
    server = socket.socket(socket.AF_UNIX)
    try:
        server.bind(str(story / "socket.txt"))
    except OSError:  # a path too long for a socket address
        pass
    server.close()
    (story / ".mtqa.toml").write_text('exclude = ["drafts"]\n', encoding="utf-8")  # globs resolve paths
    return story


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_special_files_in_a_folder_are_skipped_with_a_warning(hostile_folder: Path, jobs: str) -> None:
    for number in range(10):
        (hostile_folder / f"more-{number}.txt").write_text(DOUBLED, encoding="utf-8")
    result = mtqa("check", ".", *SELECT, "--format", "json", "--jobs", jobs, cwd=hostile_folder)
    assert result.returncode == 1, result.stderr.decode()
    assert error_lines(result) == []
    warnings = json.loads(result.stdout)["warnings"]
    for name in ("fifo.txt", "loop.txt", "ping.txt", "pong.txt", "dangling.md"):
        assert any(warning.startswith(f"{name}: skipped: ") for warning in warnings), (name, warnings)
    assert "fifo.txt: skipped: a named pipe (FIFO), not a regular file" in warnings
    assert "loop.txt: skipped: symbolic link loop" in warnings
    assert "dangling.md: skipped: symbolic link to a file that does not exist" in warnings
    assert "good.txt" in flagged_paths(result)
    assert "mtqa: warning: fifo.txt: skipped" in result.stderr.decode()


@pytest.mark.parametrize(
    ("name", "make", "cause"),
    [
        ("fifo.txt", lambda path: os.mkfifo(path), "a named pipe (FIFO), not a regular file"),
        ("loop.txt", lambda path: path.symlink_to(path.name), "symbolic link loop"),
        (
            "dangling.txt",
            lambda path: path.symlink_to("nowhere"),
            "symbolic link to a file that does not exist",
        ),
        ("zero.txt", lambda path: path.symlink_to("/dev/zero"), "a character device, not a regular file"),
    ],
)
def test_a_special_file_named_on_the_command_line_is_its_one_error(
    story: Path, name: str, make, cause: str
) -> None:
    make(story / name)
    result = mtqa("check", name, "good.txt", *SELECT, "--format", "json", cwd=story)
    assert_one_error(result, name, cause)
    assert flagged_paths(result) == ["good.txt"]


def test_a_device_named_on_the_command_line_is_its_one_error(story: Path) -> None:
    result = mtqa("check", "/dev/zero", "good.txt", *SELECT, "--format", "json", cwd=story)
    assert_one_error(result, "/dev/zero", "a character device, not a regular file")
    assert flagged_paths(result) == ["good.txt"]


# Caps count the bytes read, whatever the file claims


def test_a_file_over_the_cap_is_its_one_error(story: Path) -> None:
    from qa.loaders import MAX_BYTES

    with open(story / "huge.txt", "wb") as huge:
        huge.truncate(MAX_BYTES + 1)  # sparse: costs no disk
    result = mtqa("check", "huge.txt", "good.txt", *SELECT, "--format", "json", cwd=story)
    assert_one_error(result, "huge.txt", "too large")
    assert flagged_paths(result) == ["good.txt"]


def test_standard_input_over_the_cap_is_one_error(story: Path) -> None:
    from qa.loaders import MAX_BYTES

    result = mtqa(
        "check", "-", "good.txt", *SELECT, "--format", "json", cwd=story, stdin=b"a " * (MAX_BYTES // 2 + 1)
    )
    assert_one_error(result, "<stdin>", "too large")
    assert flagged_paths(result) == ["good.txt"]


# Files named by the configuration: what is wrong, never what is in them

SECRET = "root:SECRET-LINE:0:0:root:/root:/bin/bash"


@pytest.fixture
def lists(story: Path) -> Path:
    os.mkfifo(story / "fifo.list")
    (story / "secret.list").write_text(f"{SECRET}\n", encoding="utf-8")
    (story / "latin1.list").write_bytes("caf\xe9\n".encode("latin-1"))
    with open(story / "huge.list", "wb") as huge:
        huge.truncate(64 * 1024 * 1024)
    return story


@pytest.mark.parametrize(
    ("value", "cause"),
    [
        ("fifo.list", "a named pipe (FIFO), not a regular file"),
        ("/dev/zero", "a character device, not a regular file"),
        ("huge.list", "too large"),
        ("latin1.list", "not UTF-8 text (byte 0xe9 at offset 3)"),
        ("missing.list", "no such file"),
    ],
)
@pytest.mark.parametrize(
    ("key", "table"),
    [("dot_suffixes_file", "[rules.spacing]"), ("extra_phrases_file", "[rules.boilerplate]")],
)
def test_a_list_file_that_cannot_be_used_is_one_configuration_error(
    lists: Path, key: str, table: str, value: str, cause: str
) -> None:
    (lists / ".mtqa.toml").write_text(f'{table}\n{key} = "{value}"\n', encoding="utf-8")
    assert_one_error(mtqa("check", "good.txt", cwd=lists), key, cause)


@pytest.mark.parametrize(
    ("value", "cause"),
    [
        ("fifo.list", "a named pipe (FIFO), not a regular file"),
        ("/dev/zero", "a character device, not a regular file"),
        ("huge.list", "too large"),
        ("latin1.list", "not UTF-8 text"),
    ],
)
def test_a_names_file_that_cannot_be_used_is_one_configuration_error(
    lists: Path, value: str, cause: str
) -> None:
    (lists / ".mtqa.toml").write_text(f'names-file = "{value}"\n', encoding="utf-8")
    assert_one_error(mtqa("check", "good.txt", cwd=lists), "names-file", cause)


@pytest.mark.parametrize(
    "setting",
    [
        'names-file = "secret.list"',
        "[rules.spacing]\ndot_suffixes_file = 'secret.list'",
        "[rules.boilerplate]\nextra_phrases_file = 'secret.list'",
    ],
)
def test_an_error_about_a_configured_file_never_shows_its_content(lists: Path, setting: str) -> None:
    (lists / ".mtqa.toml").write_text(f"{setting}\n", encoding="utf-8")
    result = mtqa("check", "good.txt", "--select", "spacing,boilerplate,preferred-name", cwd=lists)
    assert "SECRET-LINE" not in result.stderr.decode() + result.stdout.decode()


def test_a_configuration_that_is_not_a_regular_file_is_one_error(story: Path) -> None:
    os.mkfifo(story / "fifo.toml")
    assert_one_error(
        mtqa("check", "good.txt", "--config", "fifo.toml", cwd=story), "fifo.toml", "not a regular file"
    )


# Baselines


@pytest.mark.parametrize(
    ("content", "cause"),
    [
        ("[" * 100_000, "not a baseline file: JSON nested too deeply"),
        ('{"version": 1, "findings": ' + "[" * 100_000 + "]" * 100_000 + "}", "JSON nested too deeply"),
        ("[]", "not a baseline file: expected an object"),
        ('{"version": 1, "findings": {"path": "good.txt"}}', "not a baseline file: expected an object"),
        ('{"version": 1, "findings": [["good.txt"]]}', 'finding 1 needs "path", "rule" and "fingerprint"'),
        ('{"version": 1, "findings": [{"path": 1, "rule": [], "fingerprint": {}}]}', "finding 1 needs"),
    ],
)
def test_a_broken_baseline_is_one_error(story: Path, content: str, cause: str) -> None:
    (story / "base.json").write_text(content, encoding="utf-8")
    assert_one_error(mtqa("check", "good.txt", "--baseline", "base.json", cwd=story), "base.json", cause)


def test_a_baseline_that_is_a_fifo_is_one_error(story: Path) -> None:
    os.mkfifo(story / "base.json")
    assert_one_error(
        mtqa("check", "good.txt", "--baseline", "base.json", cwd=story), "base.json", "not a regular file"
    )


# UTF-16 without a byte-order mark


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_without_a_byte_order_mark_is_read(story: Path, codec: str) -> None:
    (story / "wide.txt").write_bytes("Tokyo said there there was no deal.\n".encode(codec))
    result = mtqa("check", "wide.txt", "good.txt", *SELECT, "--format", "json", cwd=story)
    assert result.returncode == 1, result.stderr.decode()
    assert sorted(flagged_paths(result)) == ["good.txt", "wide.txt"]


def test_broken_utf16_without_a_byte_order_mark_says_so(story: Path) -> None:
    (story / "wide.txt").write_bytes("Tokyo said no.\n".encode("utf-16-le") + b"\x00\xd8")  # a lone surrogate
    result = mtqa("check", "wide.txt", "good.txt", *SELECT, "--format", "json", cwd=story)
    assert_one_error(result, "wide.txt", "looks like UTF-16 without a byte-order mark")
    assert flagged_paths(result) == ["good.txt"]


# Workers end with their parent


def test_workers_exit_when_the_parent_is_killed(tmp_path: Path) -> None:
    psutil = pytest.importorskip("psutil")
    paragraph = "The minister said there can be no No bargaining, and that We agree. " * 20 + "\n\n"
    for number in range(40):
        (tmp_path / f"story-{number}.txt").write_text(paragraph * 300, encoding="utf-8")
    parent = subprocess.Popen(
        [sys.executable, "-m", "qa", "check", ".", "--jobs", "2", "--quiet"],
        cwd=tmp_path,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        workers = _wait_for_children(psutil.Process(parent.pid), count=2)
        parent.send_signal(signal.SIGKILL)
        parent.wait(timeout=TIMEOUT)
        _gone, alive = psutil.wait_procs(workers, timeout=10)
        for worker in alive:
            worker.kill()
        assert alive == [], "workers outlived their parent"
    finally:
        parent.kill()


def _wait_for_children(process, count: int) -> list:
    deadline = time.monotonic() + TIMEOUT
    while time.monotonic() < deadline:
        children = process.children()
        if len(children) >= count:
            return children
        if process.status() == "zombie":
            break
        time.sleep(0.05)
    pytest.fail("the run started no worker processes")


def test_config_places_a_link_loop_by_its_name(tmp_path: Path) -> None:
    """`mtqa config PATH` shows a path's rules; a link loop has no target but still has a name."""
    (tmp_path / "loop.txt").symlink_to("loop.txt")
    done = mtqa("config", "loop.txt", cwd=tmp_path)
    assert done.returncode == 0 and b"Traceback" not in done.stderr
