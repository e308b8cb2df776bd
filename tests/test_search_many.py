"""Library search past its limits: more than a thousand hits, where a search lists the first
page in document order and counts "more than 1000" without reading every row, and fewer,
where it reads them all; both must give exactly what a scan of the documents gives."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tui.core.library.library import Library
from tui.core.model import Anchor, Annotation, DocumentInfo, Extraction, Line, PageText
from tui.core.search.library_search import LibrarySearch
from tui.core.search.results import COUNT_LIMIT, RANK_LIMIT

DOCUMENTS = 30
PER_DOCUMENT = 50
KINDS = ("redaction", "redaction", "redaction", "freetext")
"""Three in four comments are redactions: their grounds are more than a thousand."""


def _memo(number: int) -> Extraction:
    """A memo of five pages, fifty comments on lines of their own; every comment says
    "besluit", one in seven "uitstel"."""
    sha = f"{number:064x}"
    pages = [PageText(number=p, lines=[Line(f"regel {n} van pagina {p} in nota {number}")
                                       for n in range(10)]) for p in range(1, 6)]
    annotations = []
    for i in range(PER_DOCUMENT):
        page, line = 1 + i // 10, i % 10
        kind = KINDS[i % len(KINDS)]
        annotations.append(Annotation(
            id=f"p{page}-a{i}", kind=kind, subtype=kind.title(), page=page,  # type: ignore[arg-type]
            contents=f"besluit {'uitstel ' if i % 7 == 0 else ''}nummer {number * 100 + i}",
            created=f"2025-{1 + i % 3:02d}-{1 + i % 28:02d}T10:00:00+01:00",
            anchor=Anchor(pages[page - 1].lines[line].text, page, line, "line"),
            ground=("5.1.2a" if i % 2 else "5.2.1") if kind == "redaction" else None,
            applied=True if kind == "redaction" else None))
    info = DocumentInfo(path=f"/docs/{number}.pdf", sha256=sha, pages=5, title=f"Nota {number}")
    return Extraction(document=info, pages=pages, annotations=annotations)


MEMOS = [_memo(n) for n in range(DOCUMENTS)]
Check = Callable[[Annotation], bool]


@pytest.fixture(scope="module")
def search(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LibrarySearch]:
    folder: Path = tmp_path_factory.mktemp("many")
    with Library.open(folder / "library.json") as library:
        library.add_documents((memo, memo.document.path) for memo in MEMOS)
        library.flush()
        search = LibrarySearch(library)
        search.sync()
        yield search
        search.close()


def _scanned(check: Check) -> list[tuple[str, str]]:
    """Every comment ``check`` accepts, in document order (as the documents were added)."""
    return [(memo.document.sha256, a.id) for memo in MEMOS for a in memo.annotations
            if check(a)]


CASES: list[tuple[str, Check]] = [
    ("kind:redaction", lambda a: a.kind == "redaction"),
    ("kind:freetext", lambda a: a.kind == "freetext"),
    ("ground:5.1", lambda a: (a.ground or "").startswith("5.1")),
    ("ground:5", lambda a: a.ground is not None),
    ("page:2-3", lambda a: 2 <= a.page <= 3),
    ("besluit", lambda a: True),
    ("besl", lambda a: True),
    ("uitstel", lambda a: "uitstel" in (a.contents or "")),
    ("besluit page:2-5", lambda a: a.page >= 2),
    ("besluit kind:redaction", lambda a: a.kind == "redaction"),
    ("besluit -uitstel", lambda a: "uitstel" not in (a.contents or "")),
    ("uitstel page:1", lambda a: "uitstel" in (a.contents or "") and a.page == 1),
    ("date:2025", lambda a: True),
    ("date:2025-02", lambda a: (a.created or "").startswith("2025-02")),
    ("date:2025-02-14", lambda a: (a.created or "").startswith("2025-02-14")),
    ("besluit date:2025-03", lambda a: (a.created or "").startswith("2025-03")),
]


@pytest.mark.parametrize(("query", "check"), CASES, ids=[case[0] for case in CASES])
def test_the_first_page_and_the_count_are_what_a_scan_finds(
        search: LibrarySearch, query: str, check: Check) -> None:
    expected = _scanned(check)
    hits = [(h.doc, h.annotation) for h in search.search(query, limit=50)]
    count = search.count(query)
    assert count == min(len(expected), COUNT_LIMIT + 1)
    if len(expected) > RANK_LIMIT:  # too many to rank: document order
        assert hits == expected[:50]
    else:  # ranked: the same comments, best first
        assert len(set(hits)) == len(hits) == min(50, len(expected))
        assert set(hits) <= set(expected)


@pytest.mark.parametrize("query", ["kind:redaction", "besluit", "besluit page:2-5"])
def test_later_pages_follow_on_from_the_first(search: LibrarySearch, query: str) -> None:
    check = dict(CASES)[query]
    expected = _scanned(check)
    pages = [search.search(query, limit=50, offset=offset) for offset in (0, 50, 950, 1000)]
    assert [[(h.doc, h.annotation) for h in page] for page in pages] == [
        expected[0:50], expected[50:100], expected[950:1000], expected[1000:1050]]


def test_fields_with_fewer_hits_than_the_limit_are_listed_in_document_order(
        search: LibrarySearch) -> None:
    expected = _scanned(lambda a: a.kind == "freetext")
    assert RANK_LIMIT >= len(expected) > 50
    listed = [(h.doc, h.annotation) for h in search.search("kind:freetext", limit=500)]
    assert listed == expected


def test_a_count_follows_a_tag_added_after_it_was_asked(tmp_path: Path) -> None:
    with Library.open(tmp_path / "library.json") as library:
        library.add_documents((memo, memo.document.path) for memo in MEMOS[:3])
        library.flush()
        search = LibrarySearch(library)
        search.follow()
        search.sync()
        assert search.count("has:tag") == 0 and search.count("besluit has:tag") == 0
        assert search.search("has:tag") == []
        library.tag(MEMOS[1].document.sha256, "p2-a10", "navragen")
        library.flush()
        # (The memos differ only in their numbers: the library takes them for copies of
        # one another, whose tags are shared.)
        tagged = {(h.doc, h.annotation) for h in search.search("has:tag")}
        assert (MEMOS[1].document.sha256, "p2-a10") in tagged
        assert search.count("has:tag") == len(tagged) == search.count("besluit has:tag")
        search.close()
