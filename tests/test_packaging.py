"""The wheel carries the rule catalogue, and start-up stays light."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

from tests.conftest import ROOT

HEAVY = ("babel", "langdetect", "textstat", "language_tool_python", "rapidfuzz", "ftfy")


def test_wheel_ships_the_rule_catalogue_and_works_from_elsewhere(tmp_path: Path) -> None:
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation",
         "--wheel-dir", str(tmp_path / "dist"), str(ROOT)],
        check=True,
        capture_output=True,
    )
    (wheel,) = (tmp_path / "dist").glob("mtqa-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    shipped = sorted(Path(n).name for n in names if n.startswith("qa/rules/") and n.endswith(".yaml"))
    assert shipped == sorted(p.name for p in (ROOT / "rules").glob("*.yaml"))
    data_files = sorted(f"qa/rules/data/{p.name}" for p in (ROOT / "rules" / "data").glob("*.txt"))
    assert data_files == sorted(n for n in names if n.startswith("qa/rules/data/"))

    site = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(site)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    listing = subprocess.run(
        [sys.executable, "-c", f"import sys; sys.path[0] = {str(site)!r}; import qa.cli, qa; "
         "assert qa.__file__.startswith(sys.path[0]), qa.__file__; raise SystemExit(qa.cli.main(['rules']))"],
        cwd=elsewhere,
        capture_output=True,
        text=True,
        check=True,
    )
    listed = sorted(line.split()[0] for line in listing.stdout.splitlines())
    assert listed == sorted(p.stem for p in (ROOT / "rules").glob("*.yaml"))


def test_import_and_rule_listing_do_not_load_heavy_libraries() -> None:
    code = (
        "import sys, io, contextlib, qa, qa.cli\n"
        "with contextlib.redirect_stdout(io.StringIO()): qa.cli.main(['rules'])\n"
        f"print(sorted(m for m in {HEAVY!r} if m in sys.modules))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"
