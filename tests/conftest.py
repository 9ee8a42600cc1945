from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"


def pytest_configure(config: pytest.Config) -> None:
    """A developer's own LanguageTool server must not change what the tests see."""
    os.environ.pop("MTQA_LANGUAGETOOL_URL", None)


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden",
        action="store_true",
        help="rewrite the golden files from the current output (review the diff before committing)",
    )


@pytest.fixture
def update_golden(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-golden"))


@pytest.fixture(scope="session")
def mtqa() -> list[str]:
    """The installed `mtqa` command of this interpreter's environment."""
    script = Path(sys.executable).with_name("mtqa")
    found = script if script.exists() else shutil.which("mtqa")
    if not found:
        pytest.fail("the mtqa command is not installed: run `pip install -e '.[test]'` first")
    return [str(found)]
