"""CPU and peak memory of the .docx, HTML and Markdown loaders on hostile shapes, at N and 2N bytes.

A script, not a test: timings vary by machine, so they are reported, never asserted. Each
measurement runs `qa.loaders.load_bytes` alone in a fresh process: CPU is that process's
time.process_time() around the call, memory the growth of its peak resident size during the
call (VmHWM). `ratio` is CPU at 2N over CPU at N (2 is linear). A refused input (a zip bomb)
shows the time it took to refuse it. The whole-engine figures are benchmarks/shapes.py's.

    python benchmarks/loader_shapes.py [--size 0.5] [--shape NAME,...]

Results at 2N (2026-12-05, N = 0.5 MB, a shared 2-core machine): MB of input, CPU s, CPU s per
MB, peak MB, peak MB per MB, and CPU at 2N over CPU at N. Every shape is linear; the slowest
per MB is the worst .docx the ratio limit lets through (empty paragraphs), the largest in
memory is markdown-it's token stream for block quotes nested 49 deep.

    shape                         MB   CPU s    s/MB peak MB   MB/MB   ratio
    html-deep-div               1.00    0.86    0.86    20.7    20.7    1.99
    html-deep-unclosed-div      1.00    1.67    1.67    71.3    71.3    2.02
    html-unclosed-p             1.00    2.68    2.68    60.4    60.4    2.00
    html-unclosed-b             1.00    2.07    2.07    96.0    96.0    2.12
    html-stray-end-tags         1.00    0.62    0.62    16.0    16.0    1.96
    html-unfinished-tags        1.00    0.06    0.06    12.5    12.5    1.64
    html-unended-comments       1.00    0.39    0.39     2.9     2.9    1.98
    md-table                    0.98    2.40    2.46   148.0   151.3    2.20
    md-deep-quotes              1.00    5.91    5.91   291.2   291.2    2.03
    md-too-deep-quotes          1.00    2.43    2.43   151.2   151.2    2.11
    md-deep-lists               1.00    2.30    2.30   105.2   105.2    2.04
    docx-prose                  0.79    1.05    1.33   107.3   135.5    2.02
    docx-worst-accepted         1.09    8.10    7.45    45.5    41.9    2.01
    docx-bomb-refused           0.31    0.01    0.04     4.2    13.3    0.85
"""

from __future__ import annotations

import argparse
import base64
import io
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
import zipfile
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DOCUMENT = "word/document.xml"


def _repeat(unit: str, head: str = "", tail: str = "") -> Callable[[int], str]:
    """An HTML or Markdown shape: `unit` repeated to the size, between a head and a tail."""

    def make(size: int) -> str:
        return head + unit * (size // len(unit) + 1) + tail

    return make


def _nested(opening: str, closing: str, middle: str = "Deep text.") -> Callable[[int], str]:
    def make(size: int) -> str:
        depth = size // (len(opening) + len(closing)) + 1
        return opening * depth + middle + closing * depth

    return make


def _table(size: int) -> str:
    rows = size // len("| row 00000 | value 00000 |\n") + 1
    return "| Name | Value |\n|---|---|\n" + "".join(f"| row {i} | value {i} |\n" for i in range(rows))


def _word(xml_body: bytes) -> bytes:
    """A Word file made by python-docx, its body's paragraphs replaced by `xml_body`."""
    import docx

    buffer = io.BytesIO()
    docx.Document().save(buffer)
    source = zipfile.ZipFile(io.BytesIO(buffer.getvalue()))
    xml = source.read(DOCUMENT).replace(b"<w:sectPr", xml_body + b"<w:sectPr", 1)
    packed = io.BytesIO()
    with zipfile.ZipFile(packed, "w", zipfile.ZIP_DEFLATED) as archive:
        for name in source.namelist():
            archive.writestr(name, xml if name == DOCUMENT else source.read(name))
    return packed.getvalue()


def _word_prose(size: int) -> bytes:
    """Ordinary paragraphs, about `size` bytes of file."""
    paragraphs = [
        f"<w:p><w:r><w:t>Paragraph {i}: the minister said talks would resume on {i % 28 + 1} May.</w:t></w:r></w:p>"
        for i in range(size * 17 // 100)
    ]
    return _word("".join(paragraphs).encode())


def _word_worst_accepted(size: int) -> bytes:
    """Empty paragraphs, the XML that reads slowest per byte, packed just under the ratio limit
    by incompressible padding (a comment of random text)."""
    padding = base64.b64encode(os.urandom(size))
    return _word(b"<!--" + padding + b"-->" + b"<w:p/>" * (len(padding) * 20 // 6))


def _word_bomb(size: int) -> bytes:
    """A zip bomb: `size` bytes of file, about 200 times as much XML."""
    return _word(b"<w:p/>" * (size * 190 // 6))


SHAPES: dict[str, tuple[str, Callable[[int], str | bytes]]] = {
    "html-deep-div": ("page.html", _nested("<div>", "</div>")),
    "html-deep-unclosed-div": ("page.html", _repeat("<div>x")),
    "html-unclosed-p": ("page.html", _repeat("<p>x")),
    "html-unclosed-b": ("page.html", _repeat("<b>x")),
    "html-stray-end-tags": ("page.html", _nested("<span>", "</div>")),
    "html-unfinished-tags": ("page.html", _repeat("<a", head="<p>Text.")),
    "html-unended-comments": ("page.html", _repeat("<!--a>", head="<p>Text.")),
    "md-table": ("table.md", _table),
    "md-deep-quotes": ("quotes.md", _repeat("> " * 49 + "Quoted text.\n\n")),
    "md-too-deep-quotes": ("quotes.md", _repeat("> " * 100 + "Quoted text.\n\n")),
    "md-deep-lists": ("lists.md", _repeat("".join("  " * i + "- item\n" for i in range(24)) + "\n")),
    "docx-prose": ("story.docx", _word_prose),
    "docx-worst-accepted": ("story.docx", _word_worst_accepted),
    "docx-bomb-refused": ("bomb.docx", _word_bomb),
}


def measure_one(path: Path, name: str) -> dict[str, float | str]:
    """Run in the child process, which only reads the file and loads it."""
    from qa.errors import InputError
    from qa.loaders import load_bytes

    data = path.read_bytes()
    peak_before = _peak_kilobytes()
    started = time.process_time()
    try:
        document = load_bytes(data, name)
        outcome = f"{len(document.text):,} characters" + (", warned" if document.warnings else "")
    except InputError as error:
        outcome = f"refused: {str(error)[:60]}"
    cpu = time.process_time() - started
    grown = _peak_kilobytes() - peak_before
    return {"bytes": len(data), "cpu": cpu, "memory_mb": grown / 1024, "outcome": outcome}


def _peak_kilobytes() -> int:
    """This process's peak resident size: VmHWM, which starts anew at exec (ru_maxrss keeps the
    parent's peak from before the fork)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def measure(shape: str, size: int, folder: Path) -> dict[str, float | str]:
    """Build the input here, load it in a fresh process (its peak memory is the loader's alone)."""
    name, make = SHAPES[shape]
    made = make(size)
    path = folder / name
    path.write_bytes(made if isinstance(made, bytes) else made.encode("utf-8"))
    command = [sys.executable, __file__, "--measure-one", str(path), name]
    result = subprocess.run(command, capture_output=True, text=True, cwd=ROOT, check=True)
    return json.loads(result.stdout)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=float, default=0.5, help="N in MB (default 0.5); 2N is measured too")
    parser.add_argument("--shape", default="", help="comma-separated shape names (default: all)")
    parser.add_argument("--measure-one", nargs=2, metavar=("PATH", "NAME"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure_one:
        sys.path.insert(0, str(ROOT))
        print(json.dumps(measure_one(Path(args.measure_one[0]), args.measure_one[1])))
        return
    chosen = [name for name in args.shape.split(",") if name] or list(SHAPES)
    size = int(args.size * 1_000_000)
    print(
        f"{'shape':24} {'MB':>6} {'CPU s':>7} {'s/MB':>6} {'peak MB':>8} {'MB/MB':>6} {'ratio':>6}  outcome"
    )
    with tempfile.TemporaryDirectory() as folder:
        for shape in chosen:
            _report(shape, measure(shape, size, Path(folder)), measure(shape, 2 * size, Path(folder)))


def _report(shape: str, first: dict, second: dict) -> None:
    for result in (first, second):
        megabytes = result["bytes"] / 1_000_000
        ratio = f"{result['cpu'] / first['cpu']:.2f}" if result is second and first["cpu"] > 0.01 else ""
        print(
            f"{shape:24} {megabytes:6.2f} {result['cpu']:7.2f} {result['cpu'] / megabytes:6.2f}"
            f" {result['memory_mb']:8.1f} {result['memory_mb'] / megabytes:6.1f} {ratio:>6}  {result['outcome']}",
            flush=True,
        )


if __name__ == "__main__":
    main()
