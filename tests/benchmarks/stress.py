"""Stress: 200 documents imported, then 50,000 tag and note operations from two processes at
once on one library; afterwards the library must hold every operation that completed.

Run from the repository root::

    .venv/bin/python tests/benchmarks/stress.py                      # 200 documents, 50,000 ops
    .venv/bin/python tests/benchmarks/stress.py --documents 20 --operations 2000   # a try
    .venv/bin/python tests/benchmarks/stress.py --quick    # 10 documents, 1,000 ops (CI)

The documents are generated memos (one page, three highlights each) imported with
``kantlijn import``. Each of the two writers then works through its half of the operations —
adding tags (names unique to the writer) to any comment, removing tags it added, writing
notes on the comments it owns (half each, so the last note is known) — flushing every
``--flush-every`` operations and recording in its journal only what a flush completed. The
check reads the library afresh and compares it with the journals: a tag a writer added and
did not remove must be there, a removed one must not, each owned comment must carry its
writer's last note. Printed: times, operations, flushes, and the losses.

Target: 0 losses (every operation a flush completed is in the library).
"""

from __future__ import annotations

import argparse
import json
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from _search_documents import sentence, vocabulary  # noqa: E402

from tools.pdfgen.annotation import PdfAnnot  # noqa: E402
from tools.pdfgen.document import PdfBuilder  # noqa: E402
from tui.core.library.library import Library  # noqa: E402

WRITERS = 2


def _documents(folder: Path, count: int) -> list[Path]:
    """Memos of runs of the sample's own words, each its own text: memos that differ only
    in their numbers are copies of one another, which share their tags and notes."""
    words = vocabulary()
    paths = []
    for number in range(count):
        rng = random.Random(number)
        doc = PdfBuilder(title=f"Nota {number}")
        page = doc.new_page()
        phrases = [f"Passage {number}-{k}: {sentence(rng, words, 6)}." for k in range(3)]
        for k, phrase in enumerate(phrases):
            doc.text(page, 70, 760 - 20 * k, phrase)
            boxes = doc.layout.find(phrase, page=page)
            doc.annotate(PdfAnnot("Highlight", page, boxes=boxes, contents=f"Vraag {k}?",
                                  author="Nobel", name=f"n{number}-h{k}"))
        for row in range(12):
            doc.text(page, 70, 680 - 20 * row, sentence(rng, words, 10))
        paths.append(doc.write(folder / f"nota-{number:03}.pdf"))
    return paths


def _linked(library_path: Path) -> int:
    """Documents linked as copies of another: none should be (their tags would be shared)."""
    library = Library.open(library_path)
    return sum(1 for summary in library.documents()
               if len(library.copies.copies(summary.sha256)) > 1)


def _targets(library_path: Path) -> list[tuple[str, str]]:
    library = Library.open(library_path)
    targets = []
    for summary in library.documents():
        extraction = library.cache.load(summary.sha256, with_pages=False)
        assert extraction is not None, summary.sha256
        targets += [(summary.sha256, a.id) for a in extraction.annotations]
    return targets


def _work(library_path: Path, targets: list[tuple[str, str]], writer: int, count: int,
          flush_every: int, journal: Path) -> None:
    """One writer: ``count`` operations, a flush every ``flush_every``, journaled after it."""
    rng = random.Random(writer)
    owned = [t for i, t in enumerate(targets) if i % WRITERS == writer]
    library = Library.open(library_path)
    present: list[tuple[str, str, str]] = []
    batch: list[list[str]] = []
    with journal.open("w", encoding="utf-8") as log:
        for number in range(count):
            roll = rng.random()
            if roll < 0.2 and present:
                doc, ann, tag = present.pop(rng.randrange(len(present)))
                library.untag(doc, ann, tag)
                batch.append(["untag", doc, ann, tag])
            elif roll < 0.4:
                doc, ann = rng.choice(owned)
                note = f"note {writer}-{number}"
                library.set_note(doc, ann, note)
                batch.append(["note", doc, ann, note])
            else:
                doc, ann = rng.choice(targets)
                tag = f"w{writer}-{number}"
                library.tag(doc, ann, tag)
                present.append((doc, ann, tag))
                batch.append(["tag", doc, ann, tag])
            if len(batch) >= flush_every or number == count - 1:
                library.flush()
                log.writelines(json.dumps(op) + "\n" for op in batch)  # completed: journaled
                log.flush()
                batch = []


def _check(library_path: Path, journals: list[Path]) -> tuple[int, int, int]:
    """(operations journaled, tags lost or wrongly kept, notes lost) against a fresh read."""
    tags: dict[tuple[str, str], set[str]] = {}
    notes: dict[tuple[str, str], str] = {}
    done = 0
    for journal in journals:
        for line in journal.read_text(encoding="utf-8").splitlines():
            kind, doc, ann, value = json.loads(line)
            done += 1
            if kind == "tag":
                tags.setdefault((doc, ann), set()).add(value)
            elif kind == "untag":
                tags[(doc, ann)].discard(value)
            else:
                notes[(doc, ann)] = value
    library = Library.open(library_path)
    wrong_tags = sum(
        len(expected.symmetric_difference(
            t for t in library.tags_of(doc, ann) if t.startswith("w")))
        for (doc, ann), expected in tags.items()
    )
    lost_notes = sum(1 for (doc, ann), note in notes.items()
                     if library.note_of(doc, ann) != note)
    return done, wrong_tags, lost_notes


def main() -> None:
    """Import, run the writers side by side, check, print."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=200)
    parser.add_argument("--operations", type=int, default=50_000)
    parser.add_argument("--flush-every", type=int, default=100)
    parser.add_argument("--quick", action="store_true", help="10 documents, 1,000 ops (CI)")
    parser.add_argument("--worker", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--library", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--targets", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.quick:
        args.documents, args.operations = 10, 1000
    if args.worker is not None:
        targets = [tuple(t) for t in json.loads(args.targets.read_text())]
        _work(args.library, targets, args.worker, args.operations // WRITERS,
              args.flush_every, args.targets.with_name(f"journal-{args.worker}.jsonl"))
        return
    with tempfile.TemporaryDirectory() as temp:
        folder = Path(temp)
        library = folder / "library" / "library.json"
        start = time.perf_counter()
        files = _documents(folder, args.documents)
        made = time.perf_counter() - start
        start = time.perf_counter()
        subprocess.run([sys.executable, "-m", "tui", "import", "--library", str(library),
                        *map(str, files)], check=True, capture_output=True, cwd=REPO)
        imported = time.perf_counter() - start
        targets = _targets(library)
        linked = _linked(library)
        plan = folder / "targets.json"
        plan.write_text(json.dumps(targets))
        start = time.perf_counter()
        writers = [subprocess.Popen([sys.executable, __file__, "--worker", str(k), "--library",
                                     str(library), "--targets", str(plan), "--operations",
                                     str(args.operations), "--flush-every",
                                     str(args.flush_every)], cwd=REPO)
                   for k in range(WRITERS)]
        codes = [w.wait() for w in writers]
        worked = time.perf_counter() - start
        done, wrong_tags, lost_notes = _check(
            library, [folder / f"journal-{k}.jsonl" for k in range(WRITERS)])
        size = library.stat().st_size
    print(f"documents: {args.documents} generated in {made:.1f} s, imported in {imported:.1f} s "
          f"({len(targets)} comments; {linked} linked as copies, expected 0)")
    print(f"writers: {WRITERS} at once, exit codes {codes}, {worked:.1f} s, a flush every "
          f"{args.flush_every} operations; library file {size / 1e6:.1f} MB at the end")
    print(f"operations completed (journaled after a flush): {done} of {args.operations}")
    print(f"losses: {wrong_tags} tags missing or wrongly kept, {lost_notes} notes lost "
          "(target 0)")
    if any(codes):
        sys.exit("stress: a writer did not run to its end (see its output above)")


if __name__ == "__main__":
    main()
