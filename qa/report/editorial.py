"""A rule's explanation as an editor reads it in the report: code spans set as code, no source paths.

The YAML's `why` serves `mtqa explain` too, where a developer may want to know that a
list's format is described in `qa/checks/phrases.py`. In the report such references are
noise: a parenthesis naming a module or a Python file is left out, and so is a sentence
that still names one. Text between backticks becomes <code>; everything is escaped.
"""

from __future__ import annotations

import re

from markupsafe import Markup, escape

DEVELOPER_REFERENCE = re.compile(r"\bqa[./]\w|[\w/-]\.py\b|\btools/\w")
"""A module path ("qa.dedupe", "qa/checks/x.py") or a developer's script ("tools/x.py")."""
PARENTHESIS = re.compile(r"\s*\([^()]*\)")
SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[\"“(A-Z])")
CODE = re.compile(r"`([^`]+)`")


def for_editors(text: str) -> Markup:
    """`text` as HTML without developer references, its `code` spans as <code> elements."""
    text = PARENTHESIS.sub(lambda found: "" if DEVELOPER_REFERENCE.search(found[0]) else found[0], text)
    kept = [sentence for sentence in SENTENCE_END.split(text) if not DEVELOPER_REFERENCE.search(sentence)]
    return with_code(" ".join(kept))


def with_code(text: str) -> Markup:
    """Escaped text whose backtick spans are <code>; an unpaired backtick stays as written."""
    html, end = [], 0
    for found in CODE.finditer(text):
        html.append(escape(text[end : found.start()]))
        html.append(Markup("<code>{}</code>").format(found[1]))
        end = found.end()
    html.append(escape(text[end:]))
    return Markup("").join(html)
