"""Check that extraction output stays byte for byte the same across a change.

Run from the repository root, once before the change and once after::

    .venv/bin/python -m tools.extract_identity record /tmp/before
    ... change the code ...
    .venv/bin/python -m tools.extract_identity record /tmp/after
    .venv/bin/python -m tools.extract_identity compare /tmp/before /tmp/after

For every PDF under ``sample_docs/`` and ``../shared/corpus`` (or the folders given with
``--folder``) it keeps two things: what ``kantlijn extract --pages --ocr never`` prints (its
JSON, its warnings and its exit code, run as a user runs it, in a process of its own) and,
finer than that JSON, every page's lines as :func:`extract_page_text` returns them — each
glyph's character and box, each line's column and box, the filled boxes and the warnings.
``compare`` lists every file whose output differs and exits 1 if any does.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
FOLDERS = (REPO / "sample_docs", REPO.parent / "shared" / "corpus")


def pdfs(folders: list[Path]) -> list[Path]:
    """Every PDF under ``folders``, in a stable order."""
    return sorted(p for folder in folders for p in folder.rglob("*") if p.suffix.lower() == ".pdf")


def cli_output(pdf: Path) -> dict[str, Any]:
    """What ``kantlijn extract --pages --ocr never FILE`` prints, with a library of its own."""
    with tempfile.TemporaryDirectory() as home:
        env = {**os.environ, "XDG_DATA_HOME": home, "XDG_CONFIG_HOME": home,
               "KANTLIJN_PASSWORD": ""}
        done = subprocess.run(
            [sys.executable, "-m", "tui", "extract", "--pages", "--ocr", "never",
             "--library", str(Path(home) / "library.json"), str(pdf)],
            capture_output=True, cwd=REPO, env=env, stdin=subprocess.DEVNULL, timeout=600)
    return {"rc": done.returncode, "stdout": done.stdout.decode("utf-8", "replace"),
            "stderr": done.stderr.decode("utf-8", "replace").replace(home, "HOME")}


def page_glyphs(pdf: Path) -> list[Any]:
    """Every page's lines, glyph boxes, fills and warnings as the content walk gives them."""
    from tui.core.pdf.content_walk import extract_page_text
    from tui.core.pdf.opening import open_pdf, page_count
    from tui.core.pdf.reuse import ReadCache

    try:
        reader = open_pdf(pdf)
        count = page_count(reader)
    except Exception as exc:  # encrypted, broken: the CLI output says how
        return [f"cannot open: {type(exc).__name__}"]
    cache = ReadCache()
    pages: list[Any] = []
    for index in range(count):
        warnings: list[str] = []
        fills: list[Any] = []
        try:
            text = extract_page_text(reader, index, cache, warnings, fills)
        except Exception as exc:
            pages.append(f"page {index + 1} failed: {type(exc).__name__}: {exc}")
            continue
        pages.append({
            "size": [text.width, text.height],
            "lines": [[line.text, line.column, list(line.box or ()),
                       [[g.char, g.x0, g.y0, g.x1, g.y1] for g in line.glyphs]]
                      for line in text.lines],
            "fills": [repr(f) for f in fills],
            "warnings": warnings,
        })
    return pages


def record(out: Path, folders: list[Path]) -> None:
    """Write one JSON file per PDF into ``out``."""
    out.mkdir(parents=True, exist_ok=True)
    files = pdfs(folders)
    with ThreadPoolExecutor(max_workers=2) as pool:
        cli = dict(zip(files, pool.map(cli_output, files), strict=True))
    for pdf in files:
        name = hashlib.sha1(str(pdf.resolve()).encode()).hexdigest()[:16]
        body = {"file": str(pdf), "cli": cli[pdf], "pages": page_glyphs(pdf)}
        (out / f"{name}.json").write_text(json.dumps(body, ensure_ascii=False, sort_keys=True))
    print(f"recorded {len(files)} PDFs into {out}")


def compare(before: Path, after: Path) -> int:
    """Print each file whose output differs; 1 when any does (or one is missing)."""
    names = sorted({p.name for p in before.glob("*.json")} | {p.name for p in after.glob("*.json")})
    differ = 0
    for name in names:
        a, b = before / name, after / name
        if not a.exists() or not b.exists():
            print(f"missing on one side: {name}")
            differ += 1
            continue
        left, right = json.loads(a.read_text()), json.loads(b.read_text())
        parts = [k for k in ("cli", "pages") if left[k] != right[k]]
        if parts:
            differ += 1
            print(f"DIFFERS ({', '.join(parts)}): {left['file']}")
    print(f"{len(names) - differ} of {len(names)} PDFs identical")
    return 1 if differ else 0


def main() -> int:
    """Record or compare; see the module docstring."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    rec = sub.add_parser("record")
    rec.add_argument("out", type=Path)
    rec.add_argument("--folder", type=Path, action="append")
    cmp = sub.add_parser("compare")
    cmp.add_argument("before", type=Path)
    cmp.add_argument("after", type=Path)
    args = parser.parse_args()
    if args.command == "record":
        record(args.out, args.folder or list(FOLDERS))
        return 0
    return compare(args.before, args.after)


if __name__ == "__main__":
    sys.exit(main())
