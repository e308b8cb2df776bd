"""The list of nota's in a document (title, date, decision kind, number of comments)."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from tui.core.anchoring.threads import comment_threads
from tui.core.model import Extraction, Nota
from tui.core.text import clean_line, counted


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
    """The nota's of the document; choosing one jumps the text to its first page."""

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
