""""Did you mean …?": a search word with no hits, corrected from the index's own vocabulary.

The index's full-text tables keep every word they hold (read through ``fts5vocab``), so a
typo is corrected towards words that are really in the library — a name, a Dutch word, a
ground — not towards a dictionary. A word counts as unknown when no indexed word is it (or,
for the word being typed, starts with it); its suggestion is the indexed word the fewest
edits away (an edit: a letter added, dropped, changed, or two neighbours swapped), at most
one edit for words of up to four letters and two for longer ones; among equals one that
starts alike and is as long, then the most widely used. The words weighed are those that
start with the word's first or second letter: the vocabulary reads such a range at once,
where a pass over all of it would read the whole index (a second in a large library).
"""

from __future__ import annotations

import re
import sqlite3

from tui.core.search.compile import MIN_PREFIX, PAST_PREFIX, Scope
from tui.core.search.query import Query, Words, fold

_WORD = re.compile(r"\w+", re.UNICODE)
MIN_LENGTH = 3
"""Shorter words are not corrected: one edit away from them is half the vocabulary."""


def suggest(db: sqlite3.Connection, query: Query, scope: Scope | str) -> str | None:
    """``query`` with each unknown word replaced by its nearest indexed word, or None when
    no word is unknown or none is near."""
    tables = _vocabularies(scope)
    text = query.source
    changed = False
    for words in _plain_words(query):
        word = fold(words.text)
        if len(word) < MIN_LENGTH or _known(db, tables, word, words.prefix):
            continue
        nearest = _nearest(db, tables, word)
        if nearest is not None:
            text = _replace(text, words.text, nearest)
            changed = True
    return text.strip() if changed else None


def _vocabularies(scope: Scope | str) -> tuple[str, ...]:
    if scope == "comments":
        return ("ann_vocab",)
    if scope == "text":
        return ("line_vocab",)
    return ("ann_vocab", "line_vocab")


def _plain_words(query: Query) -> list[Words]:
    """The single words the query looks for (not phrases, not excluded)."""
    return [
        term.atom for clause in query.clauses for term in clause.terms
        if isinstance(term.atom, Words) and not term.negated and not term.atom.phrase
        and len(_WORD.findall(term.atom.text)) == 1
    ]


def _known(db: sqlite3.Connection, tables: tuple[str, ...], word: str, prefix: bool) -> bool:
    token = _WORD.findall(word)[0]
    for table in tables:
        if prefix and len(token) >= MIN_PREFIX:
            sql = f"SELECT 1 FROM {table} WHERE term >= ? AND term < ? LIMIT 1"
            params: tuple[str, ...] = (token, token + PAST_PREFIX)
        else:
            sql, params = f"SELECT 1 FROM {table} WHERE term = ?", (token,)
        if db.execute(sql, params).fetchone() is not None:
            return True
    return False


def _nearest(db: sqlite3.Connection, tables: tuple[str, ...], word: str) -> str | None:
    token = _WORD.findall(word)[0]
    limit = 1 if len(token) <= 4 else 2
    found: dict[str, int] = {}
    for table in tables:
        # Words that start with the word's first or second letter (a swap of the first two,
        # or a letter typed before the word): ranges the vocabulary reads without a scan of
        # the whole index, which costs a second in a large library.
        for first in dict.fromkeys(token[:2]):
            sql = f"SELECT term, doc FROM {table} WHERE term >= ? AND term < ?"
            for term, documents in db.execute(sql, (first, first + PAST_PREFIX)):
                if abs(len(term) - len(token)) <= limit:
                    found[term] = found.get(term, 0) + int(documents)
    best: tuple[int, bool, int, int, str] | None = None
    for term, documents in found.items():
        distance = edits(token, term, limit)
        # Fewest edits; then a word that starts alike and is as long; then the most used.
        key = (distance, term[:1] != token[:1], abs(len(term) - len(token)), -documents, term)
        if distance <= limit and (best is None or key < best):
            best = key
    return best[-1] if best else None


def edits(a: str, b: str, limit: int) -> int:
    """The edits from ``a`` to ``b`` (inserted, deleted, changed letters and swapped
    neighbours), or ``limit + 1`` as soon as it is certain to be more than ``limit``."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    before: list[int] | None = None
    previous = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        current = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cost = 0 if a[i - 1] == b[j - 1] else 1
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if (before is not None and i > 1 and j > 1 and a[i - 1] == b[j - 2]
                    and a[i - 2] == b[j - 1]):
                current[j] = min(current[j], before[j - 2] + 1)
        if min(current) > limit:
            return limit + 1
        before, previous = previous, current
    return previous[-1]


def _replace(text: str, old: str, new: str) -> str:
    """``text`` with the word ``old`` (as typed) replaced by ``new``, once."""
    pattern = re.compile(rf"(?<![\w:-]){re.escape(old)}(?!\w)")
    return pattern.sub(new, text, count=1)
