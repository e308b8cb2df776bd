"""Export as Markdown: per document, grouped by nota then page, for notes vaults and GitHub.

Each item is the passage as a quote block, the comment with its author and date, the tags as
``#tags`` (Obsidian's), the user's note, and a citation link ``file.pdf#page=N``; replies
stand under their comment. YAML front matter says what was exported, from where, when.
From a team library each tag names its members (``#woo (alice, bob)``), each member's note
stands under their name, and a teammate's own highlight is theirs ("bob's highlight").
Everything taken from a PDF or typed by the user is escaped (:mod:`tui.core.escape`),
so a comment cannot inject links, images or HTML. A redaction that was not applied says so;
the words under it stand as a block unless the export reveals them, and then the front
matter and the first line say that withheld words are included.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from urllib.parse import quote as url_quote

from tui.core.anchoring.withheld import NOT_APPLIED
from tui.core.escape import markdown_inline, markdown_lines
from tui.core.export.extract import KIND_LABELS
from tui.core.export.parallel import rendered
from tui.core.export.records import Export, ExportDocument, ExportItem
from tui.core.export.releases import releases_markdown
from tui.core.library.records import DocumentRecord
from tui.core.model import Annotation, Nota, Progress

_OBSIDIAN_TAG = re.compile(r"[\w/-]*[^\W\d][\w/-]*")
"""What Obsidian takes as a tag after ``#``: letters, digits, ``_``, ``-``, ``/``, not only
digits."""
REVEALED_NOTICE = ("Withheld words are included: the words under redactions that were not "
                   "applied are shown, as asked.")


def write_markdown(export: Export, progress: Progress | None = None) -> Iterator[str]:
    """The Markdown export, a chunk of text at a time."""
    yield from _front_matter(export)
    # One piece per document: a piece per line costs more in passing it on than in writing.
    yield from rendered(export, lambda document: [_document(document, export.me)], progress)
    yield from releases_markdown(export)


def _front_matter(export: Export) -> Iterator[str]:
    """YAML front matter, every value a double-quoted string (:func:`yaml_string`)."""
    yield "---\n"
    records = export.records
    if len(records) == 1:
        yield f"title: {yaml_string(records[0].label)}\n"
        yield f"source: {yaml_string(_name(records[0]))}\n"
        yield f"sha256: {yaml_string(records[0].sha256)}\n"
    else:
        yield f"title: {yaml_string('kantlijn export')}\n"
        yield "documents:\n"
        for record in records:
            yield f"  - title: {yaml_string(record.label)}\n"
            yield f"    source: {yaml_string(_name(record))}\n"
            yield f"    sha256: {yaml_string(record.sha256)}\n"
    yield f"exported: {yaml_string(export.exported_at)}\n"
    yield f"query: {yaml_string(export.query)}\n"
    if export.reveal:
        yield 'withheld_words: "included"\n'
    yield "---\n\n"
    if export.reveal:
        yield f"> **{REVEALED_NOTICE}**\n\n"


#: Characters a front-matter value never holds as they are: what YAML does not allow in a
#: document (controls, DEL, C1, surrogates, non-characters), what ends a line in YAML 1.1
#: (U+2028, U+2029), what only makes text read otherwise (bidi controls, BOM), and what a
#: Markdown renderer that does not know front matter would read as HTML, an entity or a
#: link (< > & [ ]).
_YAML_ESCAPED = re.compile(
    "[\x00-\x1f\x7f-\x9f\u200e\u200f\u2028-\u202e\u2066-\u2069\ufeff\ufffe\uffff"
    "\ud800-\udfff<>&\\[\\]\"\\\\]")
_SHORT_ESCAPES = {'"': '\\"', "\\": "\\\\", "\n": "\\n", "\t": "\\t", "\r": "\\r"}


def yaml_string(value: str) -> str:
    """``value`` as a YAML double-quoted scalar that reads back as ``value`` (a lone
    surrogate as U+FFFD), on one line, holding nothing a Markdown renderer would take for
    HTML. Only escapes YAML and JSON share are used (``\\"``, ``\\\\``, ``\\n``, ``\\t``,
    ``\\r``, ``\\uXXXX``), so a JSON parser reads the value the same way."""
    return '"' + _YAML_ESCAPED.sub(_yaml_escape, value) + '"'


def _yaml_escape(match: re.Match[str]) -> str:
    char = match.group()
    if char in _SHORT_ESCAPES:
        return _SHORT_ESCAPES[char]
    if "\ud800" <= char <= "\udfff":
        return "\\ufffd"
    return f"\\u{ord(char):04x}"


def _name(record: DocumentRecord) -> str:
    return (record.path or "").rsplit("/", 1)[-1] or record.sha256[:12]


def _document(document: ExportDocument, me: str | None = None) -> str:
    """One document's section: its items' lines gathered in one list, joined once."""
    out = [f"# {markdown_inline(document.title)}\n\n"]
    selected = {item.annotation.id for item in document.items}
    # Replies stand under their comment; a reply whose comment is not exported stands alone.
    top = [i for i in document.items if i.annotation.in_reply_to not in selected]
    extra = {item.annotation.id: item for item in document.items}
    citing = _Citing(document)
    nota: Nota | None = None
    page: int | None = None
    for item in top:
        if item.nota is not None and item.nota is not nota:
            nota, page = item.nota, None
            out.extend(_nota_heading(item.nota))
        if item.annotation.page != page:
            page = item.annotation.page
            out.append(f"### p. {page}\n\n")
        _item(out, citing, item, extra, 0, me)
    return "".join(out)


@dataclass(slots=True)
class _Citing:
    """What every item of a document cites: the document, its file's name as link text and
    target (escaped once, not once an item), and its replies."""

    document: ExportDocument
    text: str = ""
    target: str = ""

    def __post_init__(self) -> None:
        self.text, self.target = _cited(self.document.file_name)

    def citation(self, page: int) -> str:
        """The link to ``page`` of the document."""
        return f"[{self.text}, p. {page}]({self.target}#page={page})"


def _nota_heading(nota: Nota) -> Iterator[str]:
    title = nota.title.strip() or f"Nota {nota.index}"
    yield f"## {nota.index}. {markdown_inline(title)}\n\n"
    facts = [nota.date, nota.decision, nota.discussed, f"p. {nota.first_page}–{nota.last_page}"]
    yield "_" + " · ".join(markdown_inline(f) for f in facts if f) + "_\n\n"


def _item(
    out: list[str], citing: _Citing, item: ExportItem, extra: dict[str, ExportItem],
    depth: int, me: str | None = None,
) -> None:
    """Add one item (and the replies to it, indented under it) to ``out``."""
    indent = "    " * depth
    annotation = item.annotation
    passage = _passage(annotation)
    if passage and depth == 0:
        out.extend([f"{indent}> {line}\n" for line in markdown_lines(passage)])
        out.append(f"{indent}\n")
    out.append(f"{indent}{_heading(annotation, _whose(item, me))}\n")
    contents = annotation.contents or ""
    # Unless it says what the passage says (the same words, however spaced).
    if contents and contents != passage and contents.split() != (passage or "").split():
        out.extend([f"{indent}{line}  \n" for line in markdown_lines(contents)])
    if annotation.ground:
        out.append(f"{indent}Grond: {markdown_inline(annotation.ground)}  \n")
    if annotation.kind == "redaction" and annotation.applied is False:
        words = f": {markdown_inline(annotation.quote)}" if item.revealed else ""
        out.append(f"{indent}*{NOT_APPLIED[0].upper()}{NOT_APPLIED[1:]}*{words}  \n")
    if item.tags or item.note or item.writers is not None:
        out.extend(_tags_and_notes(item, indent))
    out.append(f"{indent}{citing.citation(annotation.page)}\n\n")
    for reply in citing.document.replies_to(annotation.id):
        reply_item = extra.get(reply.id, ExportItem(reply, nota=item.nota))
        _item(out, citing, reply_item, extra, depth + 1, me)


def _tags_and_notes(item: ExportItem, indent: str) -> Iterator[str]:
    """The tags and notes; from a team library each tag with its members and each note
    under its member's name."""
    writers = item.writers
    if writers is not None and writers.tags:
        yield indent + " ".join(f"{_tag(tag)} ({markdown_inline(', '.join(members))})"
                                for tag, members in writers.tags) + "  \n"
    elif item.tags:
        yield f"{indent}{' '.join(_tag(t) for t in item.tags)}  \n"
    notes = list(writers.notes) if writers is not None and writers.notes else (
        [("", item.note)] if item.note else [])
    for member, note in notes:
        lines = markdown_lines(note)
        label = f"Note ({markdown_inline(member)})" if member else "Note"
        yield f"{indent}*{label}:* {lines[0]}  \n"
        yield from (f"{indent}{line}  \n" for line in lines[1:])


def _whose(item: ExportItem, me: str | None) -> str | None:
    """Whose own annotation the item is: "" for the user's, a teammate's name, or None
    (the document's)."""
    if not item.own:
        return None
    made_by = item.writers.made_by if item.writers is not None else None
    return "" if made_by is None or made_by == me else made_by


def _passage(annotation: Annotation) -> str | None:
    """What the item is about: markup's own words; a comment's passage; a redaction's
    line (its words withheld)."""
    if annotation.is_markup or annotation.is_own:
        return annotation.quote
    if annotation.anchor is None:
        return None
    return annotation.anchor.text or None


def _heading(annotation: Annotation, whose: str | None) -> str:
    kind = KIND_LABELS.get(annotation.kind, annotation.kind)
    label = kind if whose is None else (
        f"{markdown_inline(whose)}'s {kind.lower()}" if whose else f"Your {kind.lower()}")
    parts = [f"**{label}**"]
    if annotation.author:
        parts.append(_person(annotation.author))
    if annotation.date:
        parts.append(markdown_inline(annotation.date[:16].replace("T", " ")))
    return " · ".join(parts) + "  "


def _tag(tag: str) -> str:
    """``#tag`` when Obsidian and GitHub read it whole as a tag; otherwise the tag as it is,
    quoted (a space, a dot or an accent-free rule would cut or change it)."""
    if _OBSIDIAN_TAG.fullmatch(tag):
        return f"#{tag}"
    return f"“{markdown_inline(tag)}”"


@lru_cache(maxsize=64)
def _cited(file_name: str) -> tuple[str, str]:
    """A file's name as link text and as link target (the same for all its items)."""
    return markdown_inline(file_name, link_text=True), url_quote(file_name)


_person = lru_cache(maxsize=4096)(markdown_inline)
"""An author's name, escaped once however many comments they wrote."""
