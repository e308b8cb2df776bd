"""Reply threads and grouped edits, checked against replies_expected.json."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from helpers import read_pdf_annotations

from tui.core.model import Annotation


def facts(corpus: Path) -> dict[str, Any]:
    """The reply facts shipped with the corpus."""
    data: dict[str, Any] = json.loads(
        (corpus / "replies_expected.json").read_text(encoding="utf-8")
    )
    return data


def by_contents(annotations: list[Annotation], contents: str) -> Annotation:
    """The one annotation whose contents are ``contents``."""
    (found,) = [a for a in annotations if a.contents == contents]
    return found


def test_pdfpig_reply_without_rt_is_a_reply(corpus: Path) -> None:
    observed = facts(corpus)["pdfpig/annotation-comments.pdf"]["observed"]
    parent_fact, reply_fact = observed
    annotations, _ = read_pdf_annotations(corpus / "pdfpig" / "annotation-comments.pdf")
    parent = by_contents(annotations, parent_fact["contents"])
    reply = by_contents(annotations, reply_fact["contents"])
    assert (reply.contents, parent.contents) == ("well yes", "strange comment")
    assert reply.in_reply_to == parent.id == parent_fact["NM"]
    assert reply.group_with is None and parent.in_reply_to is None


def test_qna_text_reply_to_highlight(corpus: Path) -> None:
    documented = facts(corpus)["qna/test_annot_0.pdf"]["documented_upstream"]
    annotations, _ = read_pdf_annotations(corpus / "qna" / "test_annot_0.pdf")
    highlight = by_contents(annotations, documented[0]["contents"])
    reply = by_contents(annotations, documented[1]["contents"])
    assert (highlight.subtype, reply.subtype) == ("Highlight", "Text")
    assert reply.in_reply_to == highlight.id
    assert highlight.in_reply_to is None


def test_grouped_edits_are_not_replies(corpus: Path) -> None:
    files = facts(corpus)["group_not_reply"]["files"]
    assert set(files) == {"pdfannots/caret.pdf", "pdfjs/issue13447.pdf"}
    for name in files:
        annotations, _ = read_pdf_annotations(corpus / name)
        ids = {a.id: a for a in annotations}
        grouped = [a for a in annotations if a.group_with]
        assert [a.subtype for a in grouped] == ["StrikeOut"], name
        assert ids[grouped[0].group_with or ""].subtype == "Caret", name
        assert all(a.in_reply_to is None for a in annotations), name
    caret, _ = read_pdf_annotations(corpus / "pdfannots" / "caret.pdf")
    (strike,) = [a for a in caret if a.group_with]
    assert by_contents(caret, "Google Chrome").id == strike.group_with


def test_files_without_irt_have_no_threads(corpus: Path) -> None:
    for name in ("pdfannots/pr24.pdf", "pdfjs/pr12564.pdf", "pdfjs/comments.pdf"):
        annotations, _ = read_pdf_annotations(corpus / name)
        assert all(a.in_reply_to is None and a.group_with is None for a in annotations)
