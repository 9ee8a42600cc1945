"""Which findings on the human references have no verdict in REVIEW.md yet?

Every warning and error mtqa reports on the professional translations must be read and
given a verdict (a real slip, or a false alarm to fix). This lists those whose
`file:line:column` REVIEW.md does not name, and the verdicts that no longer match a
finding, so a rule change cannot add or move a finding there unnoticed.

    python -m benchmarks.detection.review [--corpus ../shared/corpus]

Exit status 0 when every warning and error has a verdict, 1 otherwise, 2 without the corpus.
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
from pathlib import Path

from benchmarks.detection.corpus import DEFAULT_CORPUS, ROOT, require
from benchmarks.detection.mtqa_run import BLOCKING

REVIEW = Path(__file__).with_name("REVIEW.md")
VERDICT_ROW = re.compile(r"^\| ((?:ja|ru)-en/[^ |]+:\d+:\d+) \| ([a-z-]+) \|", re.MULTILINE)


def reviewed() -> set[tuple[str, str]]:
    """(file:line:column, rule) of every verdict row in REVIEW.md."""
    return set(VERDICT_ROW.findall(REVIEW.read_text(encoding="utf-8")))


def findings(corpus: Path) -> dict[tuple[str, str], tuple[str, str]]:
    """(file:line:column, rule) -> (severity, excerpt), for each finding on the human references."""
    human = corpus / "human"
    output = subprocess.run(
        [sys.executable, "-m", "qa", "check", str(human), "--format", "json", "--no-config"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    ).stdout
    found = {}
    for file in json.loads(output)["files"]:
        name = Path(file["path"]).relative_to(human).as_posix()
        for finding in file["findings"]:
            place = f"{name}:{finding['line']}:{finding['column']}"
            found[place, finding["rule"]] = (finding["severity"], finding["excerpt"])
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    corpus = require(parser.parse_args(argv).corpus)
    found, verdicts = findings(corpus), reviewed()
    blocking = {key for key, (severity, _) in found.items() if severity in BLOCKING}
    missing = sorted(blocking - verdicts)
    for place, rule in missing:
        print(f"no verdict: {place} {rule}: {found[place, rule][1][:80]!r}")
    for place, rule in sorted(verdicts - set(found)):
        print(f"a verdict for a finding that moved or is gone: {place} {rule}")
    print(f"{len(blocking)} warnings and errors on the human references, {len(missing)} without a verdict")
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main())
