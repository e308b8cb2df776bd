"""The tables of the search index (:mod:`tui.core.search.index`) and its schema number."""

from __future__ import annotations

import re

from tui.core.search.members import MEMBERS_TABLE
from tui.core.search.releases import RELEASE_TABLE

SCHEMA = 8
"""2: which comments ask something (``is:open``), and the user's answers; 3: page lines
hold their text, indexed by an external-content table (one copy of the text, not two);
4: grounds indexed with document order; 5: the comment's date (created, else modified),
redactions not applied (``is:unapplied``), the words under them withheld from every text,
and the vocabulary of both full-text tables (for "did you mean"); 6: members per comment
(``by:``); 7: prefix indexes of four and five letters on comments (a word typed on
past three letters matched every longer word's postings, merged whole); 8: pages of 16 KiB,
and the page lines' index keeps no column sizes (a build a fifth faster)."""
FILE_NAME = "search.sqlite"
TOKENIZER = "unicode61 remove_diacritics 2"


INDEXES = """
CREATE UNIQUE INDEX IF NOT EXISTS ann_key ON ann(doc, id);
CREATE INDEX IF NOT EXISTS ann_ord ON ann(ord);
CREATE INDEX IF NOT EXISTS ann_kind ON ann(kind, ord);
CREATE INDEX IF NOT EXISTS ann_ground ON ann(ground_f, ord);
CREATE INDEX IF NOT EXISTS ann_date ON ann(date);
CREATE INDEX IF NOT EXISTS ann_page ON ann(page);
CREATE INDEX IF NOT EXISTS ann_nota ON ann(nota);
CREATE INDEX IF NOT EXISTS ann_noted ON ann(has_note) WHERE has_note = 1;
CREATE INDEX IF NOT EXISTS ann_tagged ON ann(has_tag) WHERE has_tag = 1;
CREATE INDEX IF NOT EXISTS ann_own ON ann(own) WHERE own = 1;
CREATE INDEX IF NOT EXISTS ann_reply ON ann(reply) WHERE reply = 1;
CREATE INDEX IF NOT EXISTS ann_question ON ann(question) WHERE question = 1;
CREATE INDEX IF NOT EXISTS ann_status ON ann(status) WHERE status IS NOT NULL;
CREATE INDEX IF NOT EXISTS ann_unapplied ON ann(unapplied) WHERE unapplied = 1;
"""
INDEX_NAMES = re.findall(r"EXISTS (\w+) ON", INDEXES)
BULK_FROM = 20
"""Adding this many documents at once drops the row indexes and builds them after (faster)."""

FTS_TABLES = ("ann_fts", "line_fts")
"""The full-text indexes: comments, and the lines of the page text. The lines' index keeps
no column sizes (``columnsize=0``): 630,000 rows fewer to write in a build of 1,000
documents (a sixth of the inserting process's time); the few lines a search ranks (at most
:data:`~tui.core.search.results.RANK_LIMIT`) are measured from their text instead, as fast
(keystroke p95 on page text 12.0 ms against 12.3)."""
PAGE_SIZE = 16384
"""Bytes in a page of the index file (SQLite's default: 4096), set when the file is made. A
build writes a few hundred megabytes of full-text segments and rows appended in order:
larger pages split and write less (inserting 100,000 comments and 630,000 page lines: 0.5
CPU s less), and a keystroke's search reads as fast."""
FTS_SETTINGS = {"automerge": 16, "crisismerge": 64, "pgsz": PAGE_SIZE - 84}
"""How the full-text indexes merge and store their segments. FTS5's defaults merge 4
segments at a time (``crisismerge`` 16): a build adds hundreds of thousands of rows, and
merging sixteen at a time writes each row's terms fewer times (a build of 100,000
comments: a tenth faster) while a search over the few more segments left answers as fast
(keystroke p95 6.3 ms against 6.8). A segment's leaf (``pgsz``, default 4050) fills one
page of the file, as the default does one of 4096 bytes. (A larger ``hashsize``, 32 MiB
against 1, built a million comments a tenth faster, but each keystroke then searched a
fifth slower: p95 9.4-12.6 ms against 8.5-9.7, clean builds side by side.)"""


TABLES = f"""
CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE docs(doc TEXT PRIMARY KEY, ord INTEGER, title TEXT, name TEXT, label TEXT,
    withheld INTEGER DEFAULT 0, source TEXT);
CREATE INDEX docs_title ON docs(title);
CREATE TABLE ann(
    rid INTEGER PRIMARY KEY, doc TEXT NOT NULL, id TEXT NOT NULL, kind TEXT, page INTEGER,
    line INTEGER, nota INTEGER, date TEXT, ground_f TEXT, reply INTEGER, own INTEGER,
    author TEXT, author_f TEXT, has_note INTEGER DEFAULT 0, has_tag INTEGER DEFAULT 0,
    ord INTEGER, tags TEXT DEFAULT '[]', note TEXT, status TEXT, question INTEGER DEFAULT 0,
    unapplied INTEGER DEFAULT 0);
CREATE VIRTUAL TABLE ann_fts USING fts5(
    contents, quote, passage, tags, note, author, tokenize="{TOKENIZER}", prefix='2 3 4 5');
CREATE TABLE ann_tag(rid INTEGER, tag TEXT);
CREATE INDEX ann_tag_tag ON ann_tag(tag);
CREATE INDEX ann_tag_rid ON ann_tag(rid);
CREATE TABLE line(
    rid INTEGER PRIMARY KEY, doc TEXT, page INTEGER, line INTEGER, nota INTEGER, ord INTEGER,
    text TEXT);
CREATE VIRTUAL TABLE line_fts USING fts5(
    text, content='line', content_rowid='rid', columnsize=0, tokenize="{TOKENIZER}",
    prefix='2');
CREATE VIRTUAL TABLE ann_vocab USING fts5vocab(ann_fts, 'row');
CREATE VIRTUAL TABLE line_vocab USING fts5vocab(line_fts, 'row');
{MEMBERS_TABLE}{RELEASE_TABLE}"""


