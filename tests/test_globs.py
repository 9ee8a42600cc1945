"""gitignore-style globs for `exclude` and `overrides.paths`."""

from __future__ import annotations

from pathlib import PurePosixPath

import pytest

from qa.globs import matches


@pytest.mark.parametrize(
    "pattern, path, expected",
    [
        ("drafts", "drafts/a.md", True),
        ("drafts", "news/drafts/a.md", True),  # no slash: a name at any depth
        ("drafts/", "drafts/x/a.md", True),
        ("drafts", "drafts.md", False),
        ("*.min.html", "site/js/page.min.html", True),
        ("*.md", "a/b/c.md", True),
        ("news/*.md", "news/a.md", True),
        ("news/*.md", "news/x/a.md", False),  # `*` stays in one folder
        ("news/*.md", "other/news/a.md", False),  # a slash anchors the pattern at the config's folder
        ("/news/*.md", "news/a.md", True),
        ("news/**", "news/x/y/a.md", True),
        ("news/**/a.md", "news/a.md", True),
        ("news/**/a.md", "news/x/y/a.md", True),
        ("**/press/*.txt", "a/b/press/x.txt", True),
        ("**/press/*.txt", "press/x.txt", True),
        ("story-?.txt", "story-1.txt", True),
        ("story-?.txt", "story-10.txt", False),
        ("story-[0-9].txt", "story-7.txt", True),
        ("story-[!0-9].txt", "story-7.txt", False),
        ("story-[!0-9].txt", "story-x.txt", True),
        ("a+b(1).txt", "a+b(1).txt", True),  # regex characters are literal
        ("*", "anything/at/all.txt", True),
    ],
)
def test_matches(pattern: str, path: str, expected: bool) -> None:
    assert matches(pattern, PurePosixPath(path)) is expected
