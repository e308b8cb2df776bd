"""Two linked copies side by side: what changed in their text, and the comments each has.

The comments are paired at once (:func:`tui.core.copies.compare.compare_comments`, done by
the caller); the text of two long documents takes a while to compare, so it is compared in
a worker and shown when it comes ("comparing the text…" until then).
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.message import Message
from textual.widgets import Static

from tui.core.copies.book import Orphan
from tui.core.copies.compare import CopyComparison, TextChange, text_changes
from tui.core.model import Annotation, Extraction
from tui.core.text import clean_line, clean_text, shorten
from tui.dialogs.base import Dialog


@dataclass
class TextCompared(Message):
    """The worker compared the text of the two copies."""

    changes: list[TextChange]


def comment_line(annotation: Annotation, other: Annotation | None = None) -> str:
    """One comment on one line: page (and its page in the other copy), kind, author, text."""
    where = f"p.{annotation.page}" + (f" → p.{other.page}" if other is not None else "")
    author = clean_line(annotation.author or "").strip() or "anonymous"
    anchor = annotation.anchor.text if annotation.anchor else ""
    what = clean_line(annotation.contents or annotation.quote or anchor or "").strip()
    return f"  {where:<14} {annotation.kind:<10} {shorten(author, 20)}: {shorten(what, 70)}"


def orphan_line(orphan: Orphan) -> str:
    """What the user wrote that has no place on the other side, with its old passage."""
    quote = f"“{shorten(clean_line(orphan.quote), 60)}”" if orphan.quote else "(no passage)"
    what = " ".join(f"#{clean_line(t)}" for t in orphan.tags)
    if orphan.note:
        what += f" note: {shorten(clean_line(orphan.note), 50)}"
    return f"  p.{orphan.page or '?'}  {quote}  {what.strip()}"


class CopyCompareDialog(Dialog):
    """Two copies of one release compared; escape closes."""

    def __init__(self, title: str, comparison: CopyComparison, left: Extraction,
                 right: Extraction) -> None:
        """Show ``comparison`` of the release ``title``; compare the text of ``left`` and
        ``right`` (its two copies) in a worker."""
        super().__init__()
        self.title_text = title
        self.comparison = comparison
        self._texts = (left, right)
        self.changes: list[TextChange] | None = None
        """The text's changes, once compared."""

    def compose(self) -> ComposeResult:
        """Title, the text's changes, the comments of each side."""
        c = self.comparison
        with Vertical(classes="dialog dialog-compare"):
            yield Static(Text(f"{c.left.form} ↔ {c.right.form}: {clean_line(self.title_text)}"),
                         classes="dialog-title")
            with VerticalScroll(id="compare-list"):
                yield Static(Text("Comparing the text…"), id="compare-text",
                             classes="compare-block")
                yield Static(self._comments(), id="compare-comments", classes="compare-block")
            yield Static(Text("esc closes"), classes="dialog-hint")

    def on_mount(self) -> None:
        """Compare the text in the background."""
        self._compare(*self._texts)

    @work(thread=True, exclusive=True, group="compare-copies",
          description="compare copies")
    def _compare(self, left: Extraction, right: Extraction) -> None:
        self.post_message(TextCompared(text_changes(left, right)))

    @on(TextCompared)
    def _compared(self, message: TextCompared) -> None:
        self.changes = message.changes
        self.query_one("#compare-text", Static).update(self._text(message.changes))

    def _text(self, changes: list[TextChange]) -> Text:
        c = self.comparison
        if not changes:
            return Text("The text is the same in both copies.", style="bold")
        text = Text(f"The text: {len(changes)} change{'s' if len(changes) != 1 else ''}\n",
                    style="bold")
        for change in changes:
            pages = [f"{c.left.form} p.{p.page}" for p in change.left[:1]]
            pages += [f"{c.right.form} p.{p.page}" for p in change.right[:1]]
            text.append(f"{change.change} ({', '.join(pages)})\n", style="bold")
            for paragraph in change.left:
                text.append(f"− {clean_text(paragraph.text)}\n", style="red")
            for paragraph in change.right:
                text.append(f"+ {clean_text(paragraph.text)}\n", style="green")
        return text

    def _comments(self) -> Text:
        c = self.comparison
        left, right = c.left.form, c.right.form
        text = Text(f"Comments: {len(c.matched)} in both, {len(c.only_left)} only in "
                    f"{left}, {len(c.only_right)} only in {right}, {len(c.orphaned)} "
                    "orphaned\n", style="bold")
        sections: list[tuple[str, list[str]]] = [
            ("Orphaned: your tags and notes whose passage is gone from the other copy",
             [orphan_line(o) for o in c.orphaned]),
            (f"Only in {left}", [comment_line(a) for a in c.only_left]),
            (f"Only in {right}", [comment_line(a) for a in c.only_right]),
            (f"In both ({left} → {right})", [comment_line(a, b) for a, b in c.matched]),
        ]
        for heading, lines in sections:
            if lines:
                text.append(f"\n{heading}\n", style="bold")
                text.append("\n".join(lines) + "\n")
        return text
