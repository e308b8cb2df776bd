"""The query language: every operator and field parses, malformed queries say what is wrong."""

from __future__ import annotations

import pytest

from tui.core.search.query import Field, QueryError, Words, fold, parse


def test_words_must_all_match_and_the_last_one_typed_is_a_prefix() -> None:
    query = parse("zweden uitreis")
    assert [c.terms[0].atom for c in query.clauses] == [
        Words("zweden"), Words("uitreis", prefix=True)
    ]
    assert not parse("zweden uitreis ").clauses[-1].terms[0].atom.prefix  # type: ignore[union-attr]


def test_phrases_exclusions_and_or() -> None:
    query = parse('"eerste versie" -concept welke OR waarom')
    phrase, excluded, either = query.clauses
    assert phrase.terms[0].atom == Words("eerste versie", phrase=True)
    assert excluded.terms[0].negated and excluded.terms[0].atom == Words("concept")
    assert [t.atom.text for t in either.terms] == ["welke", "waarom"]  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("tag:Follow-Up", Field("tag", "follow-up", prefix=True)),
        ("author:Nobel", Field("author", "nobel", prefix=False)),
        ("kind:redact", Field("kind", "redaction")),
        ("page:2-5", Field("page", "2-5", low=2, high=5)),
        ("page:3", Field("page", "3", low=3, high=3)),
        ("nota:3", Field("nota", "3", low=3, high=3)),
        ("date:2025-02", Field("date", "2025-02")),
        ("after:2025-01-31", Field("after", "2025-01-31")),
        ("before:2025", Field("before", "2025")),
        ("ground:5.1.2A", Field("ground", "5.1.2a", prefix=True)),
        ("has:note", Field("has", "note")),
        ("is:reply", Field("is", "reply")),
        ("is:mine", Field("is", "mine")),
        ('doc:"actieagenda integratie"', Field("doc", "actieagenda integratie")),
    ],
)
def test_fields(text: str, expected: Field) -> None:
    atom = parse(text + " ").clauses[0].terms[0].atom
    if isinstance(atom, Field) and expected.prefix is False and atom.prefix:
        pytest.fail("a value followed by a space is not a prefix")
    last = parse(text).clauses[0].terms[0].atom
    assert last == expected or atom == expected


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ('welke "open', "quote is not closed"),
        ("colour:red", "unknown field colour:"),
        ("page:five", "page: takes a page or a range"),
        ("page:5-2", "runs backwards"),
        ("date:feb", "takes a date"),
        ("kind:sticker", "kind: is one of"),
        ("has:colour", "has: is note or tag"),
        ("is:done", "is: is one of"),
        ("tag:", "tag: needs a value"),
        ("OR welke", "OR needs a term on both sides"),
        ("welke OR", "OR needs a term on both sides"),
        ('""', "an empty phrase"),
    ],
)
def test_malformed_queries_say_what_to_change(text: str, says: str) -> None:
    with pytest.raises(QueryError, match=says):
        parse(text)


def test_folding_ignores_case_and_accents() -> None:
    assert fold("Beïnvloeding") == fold("beinvloeding") == "beinvloeding"
    assert fold("Financiële") == "financiele"


def test_an_empty_query_matches_everything() -> None:
    assert parse("").is_empty and parse("   ").is_empty
