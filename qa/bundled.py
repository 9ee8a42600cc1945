"""Where the built-in rule pack is installed, in a module of its own that imports nothing of mtqa.

The catalogue loads the pack's rules and the check kinds read its data lists
(`rules/data/`); both find it here, so the kinds need not import the catalogue,
which imports them.
"""

from __future__ import annotations

from pathlib import Path


def rules_folder() -> Path:
    """The built-in pack: inside the installed package, or `rules/` beside it in a checkout."""
    package = Path(__file__).resolve().parent
    for candidate in (package / "rules", package.parent / "rules"):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"{package}: the built-in rule folder is missing from this installation")
