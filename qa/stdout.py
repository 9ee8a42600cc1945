"""Standard output whose reader may go away early (`mtqa check … | head`): not an error of ours."""

from __future__ import annotations

import os
import sys


def silence_stdout() -> None:
    """Point stdout at /dev/null so the interpreter's final flush raises no second error."""
    os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
