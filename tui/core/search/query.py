"""The query language of library search, export and the dossier: one parser for all of them.

A query is terms separated by spaces; every term must match (AND), and ``OR`` between two
terms lets either match. A term is a word, a ``"quoted phrase"`` or ``field:value``;
``-`` before a term excludes what it matches. Words and phrases ignore case and accents.
While typing, the last word (no space after it yet) matches as a prefix.

Fields: ``tag:`` ``author:`` ``kind:`` ``page:3`` / ``page:2-5`` ``nota:`` ``doc:``
``date:2025-02`` ``after:`` ``before:`` ``ground:5.1.2a`` ``has:note|tag``
``is:reply|mine|open|answered|unapplied`` ``by:NAME|me`` (who wrote on it); in a Woo
release ``release:`` (its title), ``docnr:`` and ``judgement:openbaar`` (its inventory's).
A malformed query raises :class:`QueryError` with a message a user can act on.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

KINDS = frozenset({
    "highlight", "underline", "strikeout", "squiggly", "freetext", "note", "caret", "ink",
    "redaction", "stamp", "shape", "attachment",
})
KIND_ALIASES = {"redact": "redaction", "sticky": "note", "text": "note", "comment": "note"}
HAS_VALUES = frozenset({"note", "tag"})
IS_VALUES = frozenset({"reply", "mine", "open", "answered", "unapplied"})
FIELDS = (
    "tag", "author", "kind", "page", "nota", "doc", "date", "after", "before", "ground", "has",
    "is", "by", "release", "docnr", "judgement",
)
SYNTAX_HINT = (
    'words  "a phrase"  -not  a OR b  tag: author: kind: page:2-5 nota: doc: date:2025-02 '
    "after: before: ground: has:note|tag is:reply|mine|open|answered|unapplied by:NAME|me "
    "release: docnr: judgement:"
)
"""One line that reminds the user of the syntax (the search screen shows it)."""

_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
_PAGES = re.compile(r"^(\d+)(?:-(\d+))?$")
_FIELD = re.compile(r"^([A-Za-z]+):(.*)$", re.S)


class QueryError(ValueError):
    """A query that cannot be understood; the message says what to change."""


def fold(text: str) -> str:
    """Lower case without accents: how tags, authors and names are compared."""
    if text.isascii():  # no accents to take off, and casefold is lower there
        return text.lower()
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


@dataclass(frozen=True, slots=True)
class Words:
    """Text to find: one word, or a phrase of several; ``prefix`` on the last one."""

    text: str
    phrase: bool = False
    prefix: bool = False


@dataclass(frozen=True, slots=True)
class Field:
    """A ``name:value`` condition; ``value`` is folded, ``low``/``high`` for page ranges."""

    name: str
    value: str
    prefix: bool = False
    low: int = 0
    high: int = 0


@dataclass(frozen=True, slots=True)
class Term:
    """A word, phrase or field, possibly excluded."""

    atom: Words | Field
    negated: bool = False


@dataclass(frozen=True, slots=True)
class Clause:
    """Terms joined by OR: the clause matches when any term does."""

    terms: tuple[Term, ...]


@dataclass(frozen=True, slots=True)
class Query:
    """Clauses joined by AND; an empty query matches everything."""

    clauses: tuple[Clause, ...] = ()
    source: str = ""

    @property
    def is_empty(self) -> bool:
        """True when nothing was asked."""
        return not self.clauses

    def words(self) -> list[tuple[str, bool]]:
        """Every word or phrase the query looks for (not excluded), with whether it is a
        prefix: for marking snippets."""
        return [
            (term.atom.text, term.atom.prefix)
            for clause in self.clauses
            for term in clause.terms
            if isinstance(term.atom, Words) and not term.negated
        ]


def parse(text: str) -> Query:
    """Parse ``text`` into a :class:`Query`.

    Raises:
        QueryError: an open quote, an unknown field, a bad value, a dangling ``OR``.
    """
    tokens = _tokens(text)
    typing_last = bool(text) and not text[-1].isspace() and not text.rstrip().endswith('"')
    clauses: list[list[Term]] = []
    joining = False
    for index, (raw, quoted) in enumerate(tokens):
        if raw == "OR" and not quoted:
            if not clauses or joining:
                raise QueryError("OR needs a term on both sides")
            joining = True
            continue
        last = typing_last and index == len(tokens) - 1
        term = _term(raw, quoted, last)
        if joining:
            clauses[-1].append(term)
            joining = False
        else:
            clauses.append([term])
    if joining:
        raise QueryError("OR needs a term on both sides")
    return Query(tuple(Clause(tuple(c)) for c in clauses), text)


def _tokens(text: str) -> list[tuple[str, bool]]:
    """Split on spaces, keeping quoted parts whole; ``(token, has a quoted part)``."""
    tokens: list[tuple[str, bool]] = []
    current: list[str] = []
    quoted = in_quote = False
    for char in text:
        if char == '"':
            in_quote = not in_quote
            quoted = True
            current.append(char)
        elif char.isspace() and not in_quote:
            if current:
                tokens.append(("".join(current), quoted))
            current, quoted = [], False
        else:
            current.append(char)
    if in_quote:
        raise QueryError('a quote is not closed: add the closing "')
    if current:
        tokens.append(("".join(current), quoted))
    return tokens


def _term(raw: str, quoted: bool, last: bool) -> Term:
    negated = raw.startswith("-") and len(raw) > 1
    body = raw[1:] if negated else raw
    field = _FIELD.match(body)
    if field and not body.startswith('"'):
        return Term(_field(field.group(1).lower(), _unquote(field.group(2)), last), negated)
    if quoted:
        phrase = _unquote(body).strip()
        if not phrase:
            raise QueryError('an empty phrase: put words between the quotes')
        return Term(Words(phrase, phrase=True), negated)
    return Term(Words(body, prefix=last and not negated), negated)


def _unquote(value: str) -> str:
    return value[1:-1] if len(value) >= 2 and value[0] == value[-1] == '"' else value


def _field(name: str, value: str, last: bool) -> Field:
    if name not in FIELDS:
        raise QueryError(f"unknown field {name}: (fields: {', '.join(f + ':' for f in FIELDS)})")
    value = value.strip()
    if not value:
        raise QueryError(f"{name}: needs a value, e.g. {_example(name)}")
    folded = fold(value)
    if name == "page":
        return _pages(value)
    if name == "nota":
        if not value.isdigit():
            raise QueryError(f"nota: takes a number, e.g. nota:3 (not {value!r})")
        return Field(name, value, low=int(value), high=int(value))
    if name in {"date", "after", "before"} and not _DATE.match(value):
        raise QueryError(f"{name}: takes a date as 2025, 2025-02 or 2025-02-07 (not {value!r})")
    if name == "kind":
        folded = KIND_ALIASES.get(folded, folded)
        if folded not in KINDS:
            raise QueryError(f"kind: is one of {', '.join(sorted(KINDS))} (not {value!r})")
    if name == "has" and folded not in HAS_VALUES:
        raise QueryError(f"has: is note or tag (not {value!r})")
    if name == "is" and folded not in IS_VALUES:
        raise QueryError(f"is: is one of {', '.join(sorted(IS_VALUES))} (not {value!r})")
    return Field(name, folded, prefix=last and name in {"tag", "author", "doc", "ground"})


def _pages(value: str) -> Field:
    match = _PAGES.match(value)
    if match is None:
        raise QueryError(f"page: takes a page or a range, e.g. page:3 or page:2-5 (not {value!r})")
    low = int(match.group(1))
    high = int(match.group(2)) if match.group(2) else low
    if high < low:
        raise QueryError(f"page:{value}: the range runs backwards")
    return Field("page", value, low=low, high=high)


def _example(name: str) -> str:
    examples = {
        "tag": "tag:follow-up", "author": "author:nobel", "kind": "kind:freetext",
        "page": "page:2-5", "nota": "nota:3", "doc": "doc:actieagenda", "date": "date:2025-02",
        "after": "after:2025-01", "before": "before:2025-03", "ground": "ground:5.1.2a",
        "has": "has:note", "is": "is:reply", "by": "by:me", "release": "release:woo-besluit",
        "docnr": "docnr:1001", "judgement": "judgement:openbaar",
    }
    return examples[name]
