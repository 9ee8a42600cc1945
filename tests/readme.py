"""The README's examples, so tests can run exactly what a reader copies."""

from __future__ import annotations

import re
from pathlib import Path

README = Path(__file__).resolve().parent.parent / "README.md"
FENCE = re.compile(r"^```(\w*)\n(.*?)^```", re.DOTALL | re.MULTILINE)


def section(heading: str) -> str:
    """The text under a `## heading` (or `### heading`) up to the next heading of that level or above."""
    text = README.read_text(encoding="utf-8")
    match = re.search(rf"^(#+) {re.escape(heading)}\n", text, re.MULTILINE)
    if match is None:
        raise LookupError(f"README has no section {heading!r}")
    level = len(match.group(1))
    rest = text[match.end():]
    end = re.search(rf"^#{{1,{level}}} ", rest, re.MULTILINE)
    return rest[: end.start()] if end else rest


def code_blocks(heading: str, language: str) -> list[str]:
    """The fenced blocks of one language (```toml, ```yaml, ```sh …) in a README section."""
    blocks = [body for lang, body in FENCE.findall(section(heading)) if lang == language]
    if not blocks:
        raise LookupError(f"README section {heading!r} has no ```{language} block")
    return blocks
