"""A progress line on standard error for long runs, drawn only when someone is watching."""

from __future__ import annotations

import time
from typing import TextIO

DELAY = 1.0
"""Seconds before the bar appears: short runs (a pre-commit hook) never show one."""
INTERVAL = 0.1
WIDTH = 30


class ProgressBar:
    """Called with (done, total) as files finish; draws on a terminal, is silent elsewhere."""

    def __init__(self, stream: TextIO, clock=time.monotonic) -> None:
        self.stream = stream
        self.clock = clock
        self.started = clock()
        self.drawn_at: float | None = None

    def __call__(self, done: int, total: int) -> None:
        now = self.clock()
        if now - self.started < DELAY or (self.drawn_at is not None and now - self.drawn_at < INTERVAL and done < total):
            return
        filled = WIDTH * done // total
        self.stream.write(f"\r[{'#' * filled}{'.' * (WIDTH - filled)}] {done}/{total} files")
        if done == total:
            self.stream.write("\r\033[K")  # leave the line clean for what follows
        self.stream.flush()
        self.drawn_at = now


def progress_bar(stream: TextIO) -> ProgressBar | None:
    """A bar for a terminal; None when the stream is a file or a pipe (CI logs stay clean)."""
    return ProgressBar(stream) if stream.isatty() else None
