"""The progress bar: quiet for short runs and pipes, clean when it ends."""

from __future__ import annotations

import io

from qa.progress import ProgressBar, progress_bar


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def test_short_runs_draw_nothing() -> None:
    out, clock = io.StringIO(), Clock()
    bar = ProgressBar(out, clock)
    for done in range(1, 11):
        clock.now = done * 0.05
        bar(done, 10)
    assert out.getvalue() == ""


def test_long_runs_draw_and_clear_the_line() -> None:
    out, clock = io.StringIO(), Clock()
    bar = ProgressBar(out, clock)
    clock.now = 2.0
    bar(5, 10)
    clock.now = 2.01
    bar(6, 10)  # too soon after the last drawing
    clock.now = 2.5
    bar(10, 10)
    text = out.getvalue()
    assert "5/10 files" in text and "6/10" not in text and "10/10 files" in text
    assert text.endswith("\r\033[K")


def test_no_bar_when_not_a_terminal() -> None:
    assert progress_bar(io.StringIO()) is None
