"""A full build of the search index: in batches that commit, resumable after a kill, with the
caches decoded in a second process — and the same index as a build in one process makes.

The build process here is real: started on its own, paused after its first batch by its
progress report (no sleeping), killed with SIGKILL, and run again.
"""

from __future__ import annotations

import functools
import os
import shutil
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from helpers import withheld_in_corpus
from processes import running, wait_for

from tui.core.library.cache import ExtractionCache, cache_dir_for
from tui.core.library.library import Library
from tui.core.model import Anchor, Annotation, DocumentInfo, Extraction, Line, PageText
from tui.core.search.build import BATCH, FIRST_BATCH
from tui.core.search.index import LibraryIndex, index_path
from tui.core.search.library_search import LibrarySearch

DOCUMENTS = BATCH + 30
"""Three batches: the first is in when the build is killed, the others are not."""
WORDS = ("zweden", "noorwegen", "denemarken", "finland", "ijsland")

BUILD = """
import sys
from pathlib import Path
from tui.core.library.cache import ExtractionCache, cache_dir_for
from tui.core.library.library import Library
from tui.core.search.index import LibraryIndex, index_path
from tui.core.search.library_search import LibrarySearch

library = Library.open(Path(sys.argv[1]))
index = LibraryIndex(index_path(library.path), ExtractionCache(cache_dir_for(library.path)),
                     apart_from=int(sys.argv[2]))
search = LibrarySearch(library, index)


def progress(done, total):
    helpers = [pid for task in Path("/proc/self/task").iterdir()
               for pid in (task / "children").read_text().split()]
    print("done", done, total, *helpers, flush=True)
    sys.stdin.readline()  # paused here until told to go on (or killed)


search.sync(progress)
print("finished", flush=True)
"""


def _memo(number: int) -> Extraction:
    """A small memo of its own words: two pages, five comments, one about a Nordic land."""
    sha = f"{number:064x}"
    word = WORDS[number % len(WORDS)]
    pages = [PageText(number=1, lines=[Line(f"pagina 1 van nota {number} over {word}")]),
             PageText(number=2, lines=[Line(f"pagina 2 van nota {number}")])]
    annotations = [
        Annotation(id=f"p1-a{i}", kind="highlight", subtype="Highlight", page=1,
                   author="Nobel, J.N.J.", contents=f"opmerking {i} bij nota {number}",
                   quote=pages[0].lines[0].text,
                   anchor=Anchor(pages[0].lines[0].text, 1, 0, "line"))
        for i in range(5)
    ]
    info = DocumentInfo(path=f"/docs/{number}.pdf", sha256=sha, pages=2, title=f"Nota {number}")
    return Extraction(document=info, pages=pages, annotations=annotations)


@pytest.fixture(scope="module")
def made(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A library of :data:`DOCUMENTS` memos and a tag on the first, made once (slowly)."""
    folder = tmp_path_factory.mktemp("memos")
    with Library.open(folder / "library.json") as library:
        library.add_documents((_memo(n), f"/docs/{n}.pdf") for n in range(DOCUMENTS))
        library.tag(f"{0:064x}", "p1-a1", "follow-up")
        library.flush()
    return folder


@pytest.fixture
def library(made: Path, tmp_path: Path) -> Iterator[Library]:
    """This test's own copy of the memos' library."""
    shutil.copytree(made, tmp_path / "memos")
    with Library.open(tmp_path / "memos" / "library.json") as library:
        yield library


def _index(library: Library, apart_from: int, name: str = "") -> LibraryIndex:
    path = index_path(library.path).with_name(name) if name else index_path(library.path)
    return LibraryIndex(path, ExtractionCache(cache_dir_for(library.path)), apart_from=apart_from)


def _rows(index: LibraryIndex) -> list[tuple[object, ...]]:
    """What a user could find: every document, comment and page line with its text and
    place (not the row numbers, which differ between builds)."""
    db = index.db
    return [*db.execute("SELECT doc, ord, title FROM docs ORDER BY doc"),
            *db.execute("SELECT a.doc, a.id, a.ord, a.tags, f.contents, f.quote, f.tags "
                        "FROM ann a JOIN ann_fts f ON f.rowid = a.rid ORDER BY a.doc, a.id"),
            *db.execute("SELECT doc, page, line, ord, text FROM line ORDER BY doc, page, line")]


def _found(index: LibraryIndex, word: str) -> int:
    """How many page lines a search for ``word`` finds."""
    return int(index.db.execute("SELECT count(*) FROM line_fts WHERE line_fts MATCH ?",
                                (word,)).fetchone()[0])


def _ended(pid: int) -> bool:
    return not running(pid)


@pytest.mark.parametrize("apart_from", [1, 10_000], ids=["two processes", "one process"])
def test_a_build_killed_after_its_first_batch_continues_where_it_stopped(
    library: Library, apart_from: int
) -> None:
    build = subprocess.Popen(
        [sys.executable, "-c", BUILD, str(library.path), str(apart_from)],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    assert build.stdout is not None
    first = build.stdout.readline().split()
    assert first[:3] == ["done", str(FIRST_BATCH), str(DOCUMENTS)]
    helpers = [int(pid) for pid in first[3:]]
    assert len(helpers) == (1 if apart_from == 1 else 0)

    # Paused after the first batch: another connection finds what is in so far.
    partial = _index(library, apart_from)
    assert partial.db.execute("SELECT count(*) FROM docs").fetchone()[0] == FIRST_BATCH
    assert 0 < _found(partial, "zweden") < len(range(0, DOCUMENTS, len(WORDS)))
    partial.close()

    build.send_signal(signal.SIGKILL)
    build.wait()
    for pid in helpers:  # the decoding process notices and ends by itself
        wait_for(functools.partial(_ended, pid), f"the decoding process {pid} to end")

    resumed = _index(library, apart_from)
    search = LibrarySearch(library, resumed)
    seen: list[tuple[int, int]] = []
    search.sync(lambda done, total: seen.append((done, total)))
    assert seen[-1] == (DOCUMENTS, DOCUMENTS)
    assert seen[0][0] > FIRST_BATCH  # it went on from the first batch, not from nothing
    if apart_from != 1:
        assert resumed.reads == DOCUMENTS - FIRST_BATCH  # only the documents still missing
    assert resumed.generation == library.generation

    fresh = _index(library, 10_000, "fresh.sqlite")
    fresh.sync(LibrarySearch(library, fresh).snapshot())
    assert _rows(resumed) == _rows(fresh)
    tagged = {(h.doc, h.annotation) for h in search.search("tag:follow-up")}
    assert (f"{0:064x}", "p1-a1") in tagged  # (and on the memos the library takes for copies)
    assert tagged == {(h.doc, h.annotation) for h in LibrarySearch(library, fresh).search(
        "tag:follow-up")}
    search.close()
    fresh.close()


def test_two_processes_build_the_index_one_process_builds(library: Library) -> None:
    apart, alone = _index(library, 1), _index(library, 10_000, "alone.sqlite")
    for index in (apart, alone):
        LibrarySearch(library, index).sync()
    assert apart.reads == alone.reads == DOCUMENTS
    assert _rows(apart) == _rows(alone)
    assert _found(apart, "zweden") == len(range(0, DOCUMENTS, len(WORDS)))
    apart.close()
    alone.close()


def test_a_document_whose_cache_is_gone_is_read_again_beside_the_second_process(
    library: Library
) -> None:
    gone = f"{7:064x}"
    os.remove(ExtractionCache(cache_dir_for(library.path)).path(gone))
    index = _index(library, 1)
    LibrarySearch(library, index).sync()
    # Its file cannot be read again (/docs/7.pdf does not exist): listed, without text.
    assert index.db.execute("SELECT count(*) FROM docs").fetchone()[0] == DOCUMENTS
    assert index.db.execute("SELECT count(*) FROM ann WHERE doc = ?", (gone,)).fetchone()[0] == 0
    assert index.db.execute("SELECT count(*) FROM ann").fetchone()[0] == 5 * (DOCUMENTS - 1)
    index.close()


def test_words_under_an_unapplied_redaction_stay_withheld_in_the_second_process(
    tmp_path: Path, corpus: Path
) -> None:
    pdf, extraction, withheld, word = withheld_in_corpus(corpus)
    with Library.open(tmp_path / "library.json") as library:
        library.add_document(extraction, pdf)
        library.flush()
        index, alone = _index(library, 1), _index(library, 10_000, "alone.sqlite")
        search = LibrarySearch(library, index)
        search.sync()
        LibrarySearch(library, alone).sync()
        assert index.reads == 1
        assert index.db.execute("SELECT withheld FROM docs").fetchone()[0] == 1
        assert all(h.annotation != withheld.id for h in search.search(word, limit=50))
        hits = search.search("kind:redaction", "comments", limit=50)
        assert all(word not in h.snippet for h in hits if h.annotation == withheld.id)
        assert _rows(index) == _rows(alone)  # withheld as the one-process build withholds
        search.close()
        alone.close()
