"""The description of one annotation to write, shared by the builder and the serialiser."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from tools.pdfgen.layout import Box, Colour


@dataclass
class PdfAnnot:
    """One annotation to write.

    ``boxes`` (from :meth:`Layout.find`) give /QuadPoints for markup and redactions and
    default the /Rect to their union. ``reply_to`` names the /NM of the annotation this
    one answers (written as /IRT); ``reply_type`` ``"Group"`` writes /RT /Group.
    """

    subtype: str
    page: int
    rect: tuple[float, float, float, float] | None = None
    boxes: list[Box] = field(default_factory=list)
    contents: str | None = None
    author: str | None = None
    subject: str | None = None
    date: str | datetime | None = None
    creation_date: bool = True
    """Write ``date`` as /CreationDate as well as /M (many writers set only /M)."""
    color: Colour | None = None
    name: str | None = None
    """/NM; given a stable default from its position in the document when None."""
    icon: str | None = None
    """/Name of a sticky note (``Comment``, ``Note``, ...)."""
    popup: bool = False
    reply_to: str | None = None
    reply_type: str | None = None
    overlay_text: str | None = None
    ink: list[list[tuple[float, float]]] = field(default_factory=list)
    default_appearance: str = "0 0 0 rg /Helv 9 Tf"
    intent: str | None = None
    """/IT, e.g. ``FreeTextTypewriter`` for Acrobat's "Add text" tool."""
    interior: Colour | None = None
