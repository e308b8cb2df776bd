"""A large export is read and written by worker processes (on the command line) and comes
out byte for byte as one process writes it, in every format; a document whose cache is
damaged is still read again from its file by the exporting process, and one that cannot be
read is named, as always (issue 24: export on every core)."""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from tui.core.document import load
from tui.core.library.cache import cache_dir_for
from tui.core.library.library import Library

HERE = Path(__file__).resolve().parent
SAMPLE = HERE.parent / "sample_docs" / "nota-actieagenda-integratie.pdf"
DOCUMENTS = 12
TEXT_FORMATS = ("md", "csv", "json", "jsonld")


def _library(folder: Path) -> Path:
    """A library of ``DOCUMENTS`` versions of the sample (each its own hash and file), with
    tags and notes on some comments."""
    sample = load(SAMPLE)
    path = folder / "library.json"
    library = Library.open(path)
    for n in range(DOCUMENTS):
        pdf = folder / f"nota-{n:02}.pdf"
        pdf.write_bytes(SAMPLE.read_bytes() + b"%% versie %d\n" % n)  # a hash of its own
        sha = hashlib.sha256(pdf.read_bytes()).hexdigest()
        version = dataclasses.replace(
            sample, document=dataclasses.replace(sample.document, sha256=sha, path=str(pdf)))
        library.add_document(version, pdf)
        first = version.annotations[n % len(version.annotations)].id
        library.tag(sha, first, f"versie-{n}")
        library.set_note(sha, first, f"Notitie bij versie {n}")
    library.flush()
    return path


def _export(library: Path, mode: str, out: Path) -> dict[str, Any]:
    done = subprocess.run(
        [sys.executable, str(HERE / "export_parallel_child.py"), str(library), mode, str(out)],
        capture_output=True, text=True, check=False, timeout=600,
        env={**os.environ, "PYTHONPATH": str(HERE.parent)},
    )
    assert done.returncode == 0, done.stderr[-2000:]
    seen: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return seen


@pytest.mark.skipif(not hasattr(os, "fork"), reason="workers are forked")
def test_workers_write_what_one_process_writes(tmp_path: Path) -> None:
    library = _library(tmp_path)
    one = _export(library, "one", tmp_path / "one")
    many = _export(library, "workers", tmp_path / "many")
    assert one["readers"] == 0  # read in the exporting process, no worker
    assert many["readers"] >= 1 and not many["self_read"]
    assert many["said"] == one["said"]
    assert one["said"]["csv"][0] == DOCUMENTS
    for fmt in TEXT_FORMATS:
        written = (tmp_path / f"many.{fmt}").read_bytes()
        assert written == (tmp_path / f"one.{fmt}").read_bytes(), fmt
        assert b"Notitie bij versie 11" in written and b"versie-7" in written


@pytest.mark.skipif(not hasattr(os, "fork"), reason="workers are forked")
def test_a_damaged_cache_is_read_again_and_a_lost_document_named(tmp_path: Path) -> None:
    library = _library(tmp_path)
    cache = cache_dir_for(library) / "cache"
    for n in (3, 8):
        sha = hashlib.sha256((tmp_path / f"nota-{n:02}.pdf").read_bytes()).hexdigest()
        damaged = cache / f"{sha}.jsonl"
        damaged.write_bytes(damaged.read_bytes()[:200])
    (tmp_path / "nota-08.pdf").unlink()  # its cache damaged and its file gone: unreadable

    many = _export(library, "workers", tmp_path / "many")
    said = many["said"]["md"]
    assert said.startswith("could not include 1 document ("), said
    assert said.endswith(f"the rest was written to {tmp_path / 'many.md'}")
    written = (tmp_path / "many.md").read_text()
    assert "[nota-03.pdf, p. 1]" in written  # read again from its file
    assert "[nota-08.pdf, p. 1]" not in written
    assert many["said"]["csv"] == said.replace("many.md", "many.csv")
    # The exporting process moved the damaged caches aside, once each; the workers left them.
    aside = sorted(p.name for p in cache.iterdir() if not p.name.endswith(".jsonl"))
    assert len(aside) == 2, aside
