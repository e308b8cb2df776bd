"""Reading the lines of a cache file (:mod:`tui.core.library.cache`) back into an extraction,
doing only the work the caller needs.

A search index build or an export reads every document's cache: a million comments and
hundreds of thousands of page lines. Parsing each page's JSON whole, then building a dict
per comment and a dataclass from it by keyword, was most of their time. So:

* a comment is built from its record positionally when the record holds exactly the keys
  :func:`~tui.core.model_records.annotation_record` writes, in its order (every cache this
  kantlijn writes); anything else goes the checked way (:func:`annotation_from_dict`);
* with ``"text"`` only the text of each page line is taken from the page, by the C string
  scanner, without parsing the glyphs, boxes and the rest;
* without pages, the page is not read at all.

The result is the same extraction the plain path makes (a test holds the two equal).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from json.decoder import scanstring  # type: ignore[attr-defined]
from typing import Any

from tui.core.collector import collector_paused
from tui.core.model import (
    Anchor,
    Annotation,
    DocumentInfo,
    Extraction,
    Line,
    Nota,
    PageText,
    Span,
    anchor_from_dict,
    annotation_from_dict,
    page_from_dict,
)

_COMMENTS_KEY = ',"annotations":['
"""Where a page line's comments start, as :func:`~tui.core.library.cache._dumps` writes it
(no spaces, the page first). A page holds no such key, and no JSON string can hold it (a
quote inside a string is always escaped)."""
_PAGE_START = '{"page":{"number":'
_LINE_START = '{"text":"'
"""Where the text of each line of a page starts. Each line record starts so (``text`` is
its first key), and nothing else inside a page does: a glyph starts with ``char``, and a
quote inside a string is always escaped."""
_ANNOTATION_KEYS = tuple(Annotation.__dataclass_fields__)
_ANCHOR_KEYS = ("text", "page", "line", "via", "annotation", "spans")
_BROKEN = (KeyError, TypeError, ValueError, IndexError, AttributeError, UnicodeDecodeError,
           RecursionError)


def decode(head: dict[str, Any], body: bytes, with_pages: bool | str = True
           ) -> Extraction | None:
    """The extraction from a cache file's head and the rest of the file (None when
    broken); ``with_pages`` as :meth:`~tui.core.library.cache.ExtractionCache.load` takes
    it."""
    with collector_paused():  # a few hundred thousand objects, none of them cyclic
        try:
            return _decode(head, body, with_pages)
        except _BROKEN:
            return None


def _decode(head: dict[str, Any], body: bytes, with_pages: bool | str) -> Extraction | None:
    records: list[Any] = [None] * int(head["annotation_count"])
    pages: list[PageText] = []
    if _line_count(body) != len(head["line_bytes"]):
        return None
    for line in _lines_of(body):
        page, comments = _line(line, with_pages)
        if page is not None:
            pages.append(page)
        for index, value in comments:
            records[index] = value
    if any(record is None for record in records):
        return None
    data = head["extraction"]
    return Extraction(
        document=DocumentInfo(**data["document"]),
        pages=pages,
        notas=[Nota(**n) for n in data.get("notas", [])],
        annotations=[annotation(record) for record in records],
        warnings=list(data.get("warnings", [])),
        summary_pages=[page_from_dict(p) for p in data.get("summary_pages", [])],
        ocr_skipped=list(head.get("ocr_skipped", [])),
    )


def _line_count(body: bytes) -> int:
    """How many lines ``body`` holds (a last one may lack its line break)."""
    return body.count(b"\n") + (1 if body and not body.endswith(b"\n") else 0)


def _lines_of(body: bytes) -> Iterator[bytes]:
    """The lines of ``body`` one at a time: a list of them all would hold a second copy of a
    file that is 66 MB for a document of 10,000 pages."""
    start, size = 0, len(body)
    while start < size:
        end = body.find(b"\n", start)
        if end < 0:
            end = size
        yield body[start:end]
        start = end + 1


def _line(line: bytes, with_pages: bool | str) -> tuple[PageText | None, list[Any]]:
    """One line of the file: its page (as asked for) and its comments' records."""
    text = line.decode("utf-8")
    at = text.find(_COMMENTS_KEY)
    if at < 0 or not text.startswith(_PAGE_START):  # the last line (comments on no page)
        data = json.loads(text)
        page = data.get("page")
        return (None if page is None or with_pages is False else _page(page, with_pages),
                data["annotations"])
    comments = json.loads("{" + text[at + 1:])["annotations"]
    if with_pages is False:
        return None, comments
    if with_pages == "text":
        return _text_only(text, at), comments
    return page_from_dict(json.loads(text[8:at])), comments


def _page(data: dict[str, Any], with_pages: bool | str) -> PageText:
    if with_pages == "text":
        return PageText(number=data["number"], lines=[Line(x["text"]) for x in data["lines"]])
    return page_from_dict(data)


def _text_only(text: str, end: int) -> PageText:
    """The page of a page line, its lines' text only, found up to ``end`` (where its
    comments start).

    Splitting at :data:`_LINE_START` finds every line at the speed of a string search (a
    regular expression took three times as long); up to the next quote is a line's text,
    unless an escape comes first (then it is decoded as JSON)."""
    number_end = text.index(",", len(_PAGE_START))
    number = int(text[len(_PAGE_START):number_end])
    region = text[number_end:end]
    pieces = region.split(_LINE_START)[1:]
    texts = [piece[:piece.index('"')] for piece in pieces]  # ValueError: cut short
    if "\\" in region:  # an escape somewhere in the page: the texts holding one decoded
        texts = [raw if "\\" not in raw else scanstring(piece, 0)[0]
                 for raw, piece in zip(texts, pieces, strict=True)]
    return PageText(number=number, lines=list(map(Line, texts)))


def annotation(data: dict[str, Any]) -> Annotation:
    """An annotation from its record, as :func:`annotation_from_dict` builds it; quicker
    when the record holds the keys the cache writes, in that order.

    Raises:
        KeyError, TypeError, ValueError: a record that is not an annotation.
    """
    if tuple(data) != _ANNOTATION_KEYS:
        return annotation_from_dict(data)
    (id_, kind, subtype, page, rect, quads, color, author, subject, created, modified,
     contents, quote, spans, anchor, in_reply_to, group_with, nota, ground, applied, ink,
     confidence) = data.values()
    if rect is not None:
        x0, y0, x1, y1 = rect
        rect = (float(x0), float(y0), float(x1), float(y1))
    return Annotation(
        id_, kind, subtype, page, rect, [tuple(q) for q in quads] if quads else [], color,
        author, subject, created, modified, contents, quote,
        [Span(**s) for s in spans] if spans else [],
        _anchor(anchor) if anchor else None, in_reply_to, group_with, nota, ground, applied,
        [[(float(x), float(y)) for x, y in stroke] for stroke in ink] if ink else [],
        confidence)


def _anchor(data: dict[str, Any]) -> Anchor:
    if tuple(data) != _ANCHOR_KEYS:
        return anchor_from_dict(data)
    text, page, line, via, made_by, spans = data.values()
    return Anchor(text, page, line, via, made_by,
                  [Span(**s) for s in spans] if spans else [])
