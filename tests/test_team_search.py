"""``by:NAME`` and ``by:me``: who wrote on a comment, in a library file and a team library."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from team_fixture import Team

from tui.core.library.library import Library
from tui.core.model import Extraction
from tui.core.search.library_search import LibrarySearch
from tui.core.search.query import Field, QueryError, parse
from tui.core.team.library import TeamLibrary


def _found(library: object, query: str) -> set[str]:
    search = LibrarySearch(library)  # type: ignore[arg-type]
    try:
        search.sync()
        return {ann for _, ann in search.matching(query)}
    finally:
        search.close()


def test_by_parses_a_name_or_me() -> None:
    assert parse("by:Bob").clauses[0].terms[0].atom == Field("by", "bob")
    assert parse("-by:me").clauses[0].terms[0].negated
    with pytest.raises(QueryError, match=r"by: needs a value, e\.g\. by:me"):
        parse("by:")


def test_in_a_library_file_by_me_is_everything_the_user_wrote(
    tmp_path: Path, sample: Extraction, sample_pdf: Path
) -> None:
    first, second, third = (a.id for a in sample.annotations[:3])
    doc = sample.document.sha256
    with Library.open(tmp_path / "library.json") as library:
        library.add_document(sample, sample_pdf)
        library.tag(doc, first, "woo")
        library.set_note(doc, second, "navragen")
        own = library.add_own_annotation(doc, replace(sample.annotations[2], author="Jansen"))
        library.flush()
        assert _found(library, "by:me") == {first, second, own}
        assert _found(library, "by:jansen") == {own}
        assert third not in _found(library, "by:me")


def test_in_a_team_library_by_names_the_member(
    team: Team, sample: Extraction, sample_pdf: Path
) -> None:
    first, second, third = (a.id for a in sample.annotations[:3])
    doc = sample.document.sha256
    with TeamLibrary.open(team.uri("alice")) as alice, \
            TeamLibrary.open(team.uri("bob")) as bob:
        alice.add_document(sample, sample_pdf)
        alice.tag(doc, first, "woo")
        bob.tag(doc, first, "woo")
        bob.set_note(doc, second, "navragen")
        own = bob.add_own_annotation(doc, replace(sample.annotations[2], author=None))
        assert _found(alice, "by:alice") == {first}
        assert _found(alice, "by:bob") == {first, second, own}
        assert _found(alice, "by:me") == {first}
        assert _found(bob, "by:me") == {first, second, own}
        assert _found(bob, "by:me -by:alice") == {second, own}
        bob.set_note(doc, second, None)  # a removed note no longer counts
        assert _found(alice, "by:bob") == {first, own}
        assert third not in _found(alice, "by:bob")
