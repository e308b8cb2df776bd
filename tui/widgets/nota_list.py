"""The list of nota's in a document (title, date, decision kind, number of comments)."""

from __future__ import annotations

from rich.text import Text
from textual.reactive import var
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from tui.core.anchoring.threads import comment_threads
from tui.core.model import Extraction, Nota
from tui.core.text import clean_line, counted
from tui.reading.position import ReadingPosition

MIN_TERMINAL_WIDTH = 120
"""Below this many terminal columns the nota list starts hidden."""


def nota_label(extraction: Extraction, nota: Nota) -> Text:
    """Two literal lines: the title, then date · decision · comment count."""
    title = clean_line(nota.title).strip() or f"Nota {nota.index}"
    facts = [clean_line(x) for x in (nota.date, nota.decision) if x]
    count = len(comment_threads(extraction, nota))
    facts.append(counted(count, "comment"))
    facts.append(f"p. {nota.first_page}–{nota.last_page}")
    numbered = title if title.startswith(f"{nota.index}.") else f"{nota.index}. {title}"
    label = Text(numbered + "\n", style="bold", no_wrap=False)
    label.append(" · ".join(facts), style="dim")
    return label


class NotaList(OptionList):
    """The nota's of the document; choosing one jumps the text to its first page.

    Bound to the reader's position, it keeps its mark on the nota being read, so Tab into
    the list starts there.
    """

    position: var[ReadingPosition | None] = var(None)

    def __init__(self, **kwargs: object) -> None:
        """An empty list (shown by :meth:`show`)."""
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self._wide = True

    def fit(self, columns: int, first: bool = False) -> None:
        """Show the list in a terminal ``columns`` wide, hide it when narrower than
        :data:`MIN_TERMINAL_WIDTH`, so it never squeezes the text into broken lines. Only
        crossing that width (or the ``first`` fit) shows or hides it: ``o`` still toggles."""
        wide = columns >= MIN_TERMINAL_WIDTH
        if first or wide != self._wide:
            self._wide = wide
            self.display = wide

    def watch_position(self, position: ReadingPosition | None) -> None:
        """Mark the nota the reader is in."""
        nota = position.nota if position is not None else None
        if nota is not None and self.highlighted != nota:
            self.highlighted = nota

    def show(self, extraction: Extraction) -> None:
        """List ``extraction``'s nota's (or one entry for the whole document)."""
        highlighted = self.highlighted
        self.clear_options()
        if not extraction.notas:
            title = clean_line(extraction.document.title or "Document")
            self.add_option(Option(Text(title, style="bold"), id="nota-0", disabled=True))
            return
        self.add_options(
            Option(nota_label(extraction, n), id=f"nota-{n.index}") for n in extraction.notas
        )
        if highlighted is not None and highlighted < len(extraction.notas):
            self.highlighted = highlighted
