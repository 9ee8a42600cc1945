"""The injection generator: clean references in, injected documents, untouched controls and truth.json out.

python -m benchmarks.detection.generate --out DIR [--corpus PATH] [--seed N] [--rounds N] [--controls N]
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
from collections import Counter
from pathlib import Path

from benchmarks.detection import corpus as corpus_files
from benchmarks.detection.injection import Doc, Variant
from benchmarks.detection.material import Material
from benchmarks.detection.model import Edit, WrittenFile
from benchmarks.detection.text import apply_edits
from benchmarks.detection.variants import ARTIFACTS, LOOKALIKES

TRUTH_FILE = "truth.json"


def headline(text: str) -> str | None:
    """The first paragraph when it reads as a headline: short, no sentence-final punctuation."""
    first = text.strip().split("\n\n", 1)[0].strip()
    return first if len(first.split()) <= 20 and not re.search(r"[.!?]$", first) else None


def build_docs(documents: list[corpus_files.BaseDocument], segments: dict, material: Material) -> list[Doc]:
    headlines = sorted((d.name, h) for d in documents if (h := headline(d.text)))
    return [
        Doc(
            d.name,
            d.pair,
            d.text,
            material,
            segments.get(d.name, []),
            [h for name, h in headlines if name != d.name],
        )
        for d in documents
    ]


def place(variant: Variant, doc: Doc, rng: random.Random, blocked: set[int]) -> list[Edit] | None:
    """Try the variant on the document's body paragraphs in random order; keep injections apart."""
    indices = list(range(1, len(doc.paragraphs)))
    rng.shuffle(indices)
    for index in indices:
        if index in blocked:
            continue
        edits = variant.inject(doc, index, rng, variant)
        if not edits:
            continue
        touched = {doc.paragraph_of(offset) for edit in edits for offset in (edit.start, edit.end)}
        if touched & blocked:
            continue
        blocked.update(t + step for t in touched for step in (-1, 0, 1))
        return edits
    return None


def inject(doc: Doc, rng: random.Random, counts: Counter, artifacts: int, lookalikes: int) -> list[Edit]:
    """A few artifacts and look-alikes, spread over separate paragraphs, least-used variants first."""
    edits: list[Edit] = []
    blocked: set[int] = set()
    for pool, wanted in ((ARTIFACTS, artifacts), (LOOKALIKES, lookalikes)):
        placed = 0
        for variant in sorted(pool, key=lambda v: (counts[v.kind, v.name], rng.random())):
            if placed == wanted:
                break
            if found := place(variant, doc, rng, blocked):
                edits.extend(found)
                counts[variant.kind, variant.name] += 1
                placed += 1
    return edits


def generate(
    docs: list[Doc], seed: int, rounds: int = 3, controls: int = 20, artifacts: int = 2, lookalikes: int = 1
) -> list[tuple[WrittenFile, str]]:
    """Every document injected ``rounds`` times (the copies give names a spelling to differ from),
    plus ``controls`` documents copied untouched. Deterministic for a seed."""
    rng = random.Random(seed)
    written: list[tuple[WrittenFile, str]] = []
    for doc in sorted(rng.sample(docs, min(controls, len(docs))), key=lambda d: d.name):
        written.append(
            (WrittenFile(f"control__{doc.pair}__{doc.name.split('/')[1]}.txt", doc.name, "control"), doc.text)
        )
    counts: Counter = Counter()
    for round_number in range(1, rounds + 1):
        for doc in docs:
            doc_rng = random.Random(f"{seed}/{round_number}/{doc.name}")
            text, items, regions = apply_edits(doc.text, inject(doc, doc_rng, counts, artifacts, lookalikes))
            path = f"{doc.pair}__{doc.name.split('/')[1]}__r{round_number}.txt"
            written.append((WrittenFile(path, doc.name, "injected", items, regions), text))
    return written


def write_set(folder: Path, written: list[tuple[WrittenFile, str]], seed: int) -> Path:
    """The documents as UTF-8 files and truth.json beside them; returns the truth file."""
    folder.mkdir(parents=True, exist_ok=True)
    for file, text in written:
        (folder / file.path).write_text(text, encoding="utf-8", newline="\n")
    truth = folder / TRUTH_FILE
    truth.write_text(
        json.dumps({"seed": seed, "files": [f.to_json() for f, _ in written]}, ensure_ascii=False, indent=1),
        encoding="utf-8",
    )
    return truth


def generate_from_corpus(
    corpus: Path, folder: Path, seed: int, rounds: int, controls: int
) -> list[WrittenFile]:
    documents = corpus_files.human_documents(corpus)
    docs = build_docs(documents, corpus_files.aligned_segments(corpus), Material())
    written = generate(docs, seed, rounds, controls)
    write_set(folder, written, seed)
    return [file for file, _ in written]


def add_generation_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--corpus",
        type=Path,
        default=corpus_files.DEFAULT_CORPUS,
        help="the WMT22 corpus folder (default ../shared/corpus)",
    )
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--rounds", type=int, default=3, help="injected copies of every document (default 3)")
    parser.add_argument(
        "--controls", type=int, default=20, help="documents also written untouched (default 20)"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.detection.generate", description=__doc__)
    add_generation_arguments(parser)
    parser.add_argument("--out", type=Path, required=True, help="folder for the documents and truth.json")
    args = parser.parse_args(argv)
    try:
        files = generate_from_corpus(args.corpus, args.out, args.seed, args.rounds, args.controls)
    except corpus_files.CorpusMissing as error:
        print(f"benchmarks.detection: {error}", file=sys.stderr)
        return 2
    items = sum(len(f.items) for f in files)
    print(f"wrote {len(files)} documents and {items} truth items to {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
