"""Render an extraction as JSON or Markdown.

The Markdown form reads like a reviewer's comment summary done right: per nota, each comment
with the passage it is about, replies indented under their parent.
"""

from __future__ import annotations

from collections.abc import Iterator

from tui.core.anchoring.threads import build_threads
from tui.core.json_text import extraction_json
from tui.core.model import Annotation, Extraction, Nota

KIND_LABELS: dict[str, str] = {
    "highlight": "Highlight",
    "underline": "Underline",
    "strikeout": "Strikeout",
    "squiggly": "Squiggly",
    "freetext": "FreeText",
    "note": "Note",
    "caret": "Caret",
    "ink": "Ink",
    "redaction": "Redaction",
    "stamp": "Stamp",
    "shape": "Shape",
    "attachment": "Attachment",
}


def to_json(extraction: Extraction, *, include_pages: bool = False) -> str:
    """The documented JSON form (README, "JSON schema"), pretty-printed (what
    ``json.dumps(extraction.to_dict(...), indent=2)`` gives, written a record at a time)."""
    return "".join(extraction_json(extraction, include_pages=include_pages))


def to_markdown(extraction: Extraction) -> str:
    """A Markdown comment summary grouped by nota, replies under their parent."""
    return "\n".join(_markdown_lines(extraction)) + "\n"


def _markdown_lines(extraction: Extraction) -> Iterator[str]:
    doc = extraction.document
    yield f"# {_escape(doc.title or doc.path)}"
    yield ""
    replies = _replies_by_parent(extraction.annotations)
    # A highlight without text that a comment stands beside is that comment's passage (as in
    # the reader): listed apart it would only repeat the passage.
    passages = {t.marked.id for t in build_threads(extraction) if t.marked is not None}
    top = [a for a in extraction.annotations if a.in_reply_to is None and a.id not in passages]
    notas = extraction.notas or [Nota(index=0, title="", first_page=1, last_page=doc.pages)]
    for nota in notas:
        members = [a for a in top if not extraction.notas or nota.holds(a)]
        if extraction.notas:
            yield f"## {_escape(nota.title)}"
            yield ""
            yield from _nota_facts(nota)
        if not members:
            yield "_No comments._"
            yield ""
        quoted: set[str] = set()
        for annotation in members:
            yield from _annotation_lines(annotation, replies, depth=0, quoted=quoted)


def _nota_facts(nota: Nota) -> Iterator[str]:
    facts = [
        ("Aan", nota.addressee),
        ("Datum", nota.date),
        ("Onze referentie", nota.reference),
        ("Soort", nota.decision),
        ("Besproken", nota.discussed),
    ]
    shown = [f"{label}: {_escape(value)}" for label, value in facts if value]
    pages = f"pages {nota.first_page}–{nota.last_page}"
    yield "_" + " · ".join([*shown, pages]) + "_"
    yield ""


def _replies_by_parent(annotations: list[Annotation]) -> dict[str, list[Annotation]]:
    replies: dict[str, list[Annotation]] = {}
    for annotation in annotations:
        if annotation.in_reply_to is not None:
            replies.setdefault(annotation.in_reply_to, []).append(annotation)
    return replies


def _annotation_lines(
    annotation: Annotation, replies: dict[str, list[Annotation]], depth: int,
    quoted: set[str] | None = None,
) -> Iterator[str]:
    """One comment with its passage (once: ``quoted`` holds the highlights already quoted)
    and its replies under it."""
    quoted = set() if quoted is None else quoted
    indent = "  " * depth
    yield f"{indent}- {_heading(annotation)}"
    passage = annotation.quote if annotation.is_markup else _anchor_text(annotation)
    key = annotation.id if annotation.is_markup else (
        annotation.anchor.annotation if annotation.anchor else None
    )
    if passage and (key is None or key not in quoted):
        yield f"{indent}  > {_escape(passage)}"
    if key is not None:
        quoted.add(key)
    if annotation.contents and not _repeats(annotation.contents, passage):
        for line in annotation.contents.splitlines() or [""]:
            yield f"{indent}  {_escape(line)}"
    if annotation.ground:
        yield f"{indent}  Grond: {_escape(annotation.ground)}"
    for reply in replies.get(annotation.id, []):
        yield from _annotation_lines(reply, replies, depth + 1, quoted)
    if depth == 0:
        yield ""


def _repeats(contents: str, passage: str | None) -> bool:
    """True when a highlight's contents only repeat its passage (Acrobat copies the text
    under a highlight into it): the text is shown once."""
    return passage is not None and " ".join(contents.split()) == " ".join(passage.split())


def _heading(annotation: Annotation) -> str:
    parts = [f"**{KIND_LABELS.get(annotation.kind, annotation.kind)}**", f"p. {annotation.page}"]
    if annotation.author:
        parts.append(_escape(annotation.author))
    if annotation.date:
        parts.append(annotation.date)
    parts.append(f"`{annotation.id}`")
    return " · ".join(parts)


def _anchor_text(annotation: Annotation) -> str | None:
    if annotation.anchor is None or annotation.kind == "redaction":
        return None
    return annotation.anchor.text or None


def _escape(text: str) -> str:
    """Keep document text from turning into Markdown structure."""
    escaped = text.replace("\\", "\\\\")
    for char in "*_`[]<>#|":
        escaped = escaped.replace(char, "\\" + char)
    return escaped.replace("\n", " ")
