"""The README's examples, so tests can run exactly what a reader copies."""

from __future__ import annotations

import re
from pathlib import Path

README = Path(__file__).resolve().parent.parent / "README.md"
FENCE = re.compile(r"^```(\w*)\n(.*?)^```", re.DOTALL | re.MULTILINE)


def section(heading: str) -> str:
    """The text under a `## heading` (or `### heading`) up to the next heading of that level or above.

    Lines inside fenced blocks are never headings (a TOML or shell comment starts with `#`).
    """
    lines = README.read_text(encoding="utf-8").splitlines(keepends=True)
    found, level, fenced, body = False, 0, False, []
    for line in lines:
        if line.startswith("```"):
            fenced = not fenced
        heading_level = len(line) - len(line.lstrip("#")) if not fenced and re.match(r"#+ ", line) else 0
        if found and heading_level and heading_level <= level:
            break
        if found:
            body.append(line)
        elif heading_level and line[heading_level:].strip() == heading:
            found, level = True, heading_level
    if not found:
        raise LookupError(f"README has no section {heading!r}")
    return "".join(body)


def code_blocks(heading: str, language: str) -> list[str]:
    """The fenced blocks of one language (```toml, ```yaml, ```sh …) in a README section."""
    blocks = [body for lang, body in FENCE.findall(section(heading)) if lang == language]
    if not blocks:
        raise LookupError(f"README section {heading!r} has no ```{language} block")
    return blocks
