"""Copy fingerprints are made where a document is read, never on the app's UI thread.

A long document's fingerprint takes about a second per thousand pages; made while the reader
adds the document to the library, it froze the keys. The reading thread (the app) or the
process that reads it (an import) makes it, and adding it only looks it up; what it finds is
the fingerprint the document's text gives, cut in parts or not.
"""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from pdf_fixtures import make_pdf
from reader_fixture import settle, until

import tui.core.copies.prepared as prepared
import tui.services.loader as loader
from tests.conftest import REPO
from tui.app import make_app
from tui.core.copies.fingerprint import minhash, text_shingles
from tui.core.document import load
from tui.core.library import prepare as preparing
from tui.core.library.cache import encode
from tui.core.library.library import Library
from tui.screens.help import HelpScreen
from tui.screens.reader import ReaderScreen

SIZE = (160, 48)
SAMPLES = sorted((REPO / "sample_docs").glob("*.pdf"))


def _long_pdf(path: Path, pages: int) -> Path:
    return make_pdf(path, [[f"Pagina {n}, regel {i} over de actieagenda en de planning."
                            for i in range(30)] for n in range(1, pages + 1)])


async def test_the_reader_answers_keys_while_a_long_document_is_added(
    library: Library, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pdf = _long_pdf(tmp_path / "lang.pdf", 60)
    making, go_on = threading.Event(), threading.Event()
    threads: list[str] = []
    """The threads that made a fingerprint of the long document."""
    real_prepare, real_shingles = prepared.prepare, prepared.text_shingles

    def held(extraction: object) -> object:
        making.set()  # the whole document is read; its fingerprint is being made
        go_on.wait(120)
        return real_prepare(extraction)  # type: ignore[arg-type]

    def shingles(extraction: object) -> set[int]:
        if extraction.document.path == str(pdf):  # type: ignore[attr-defined]
            threads.append(threading.current_thread().name)
        return real_shingles(extraction)  # type: ignore[arg-type]

    monkeypatch.setattr(loader, "prepare_fingerprint", held)
    monkeypatch.setattr(prepared, "text_shingles", shingles)
    app = make_app(library)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("o", *str(pdf), "enter")
        await until(pilot, making.is_set, "the fingerprint to be made")
        reader = app.screen
        assert isinstance(reader, ReaderScreen) and not reader.complete
        await pilot.press("question_mark")
        await until(pilot, lambda: isinstance(app.screen, HelpScreen), "the help screen")
        assert not reader.complete  # answered while the document is still being added
        go_on.set()
        await pilot.press("escape")
        await until(pilot, lambda: reader.complete, "the document added")
        await settle(pilot)
    assert len(threads) == 1 and threads[0] != threading.main_thread().name
    sha = load(pdf).document.sha256
    assert library.copies.fingerprints.all()[sha] == minhash(text_shingles(load(pdf)))


@pytest.mark.parametrize("part_pages", [1, 7])
def test_a_document_prepared_in_parts_caches_and_fingerprints_as_in_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, part_pages: int
) -> None:
    monkeypatch.setattr(preparing, "PARALLEL_FROM_PAGES", 1)
    monkeypatch.setattr(preparing, "PART_PAGES", part_pages)
    short = make_pdf(tmp_path / "kort.pdf", [["Twee woorden."], [], ["En nog drie hier."]])
    for pdf in [*SAMPLES, _long_pdf(tmp_path / "lang.pdf", 30), short]:
        extraction = load(pdf)
        made = preparing.prepare(extraction, workers=2)
        assert made.encoded == encode(extraction), pdf.name
        assert made.fingerprint == minhash(text_shingles(extraction)), pdf.name
