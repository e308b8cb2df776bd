"""The dossier as JSON, Markdown or CSV (``kantlijn dossier FILE --format …``).

Markdown and CSV go through the export machinery's escaping (:mod:`tui.core.escape`),
so nothing from the document becomes markup or a spreadsheet formula.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator

from tui.core.anchoring.questions import OPEN
from tui.core.dossier.build import Dossier
from tui.core.dossier.woo import WORDING, article
from tui.core.escape import csv_cell, markdown_inline
from tui.core.text import counted

UNSTATED = "not stated"
"""The grounds table's row for redactions whose ground nobody stated."""


def dossier_json(dossier: Dossier) -> str:
    """The dossier as one JSON object."""
    return json.dumps(dossier.to_dict(), ensure_ascii=False, indent=2) + "\n"


def dossier_markdown(dossier: Dossier) -> str:
    """The dossier as a Markdown report."""
    return "".join(_markdown(dossier))


def _markdown(d: Dossier) -> Iterator[str]:
    title = d.document.title or d.document.path
    yield f"# Dossier: {markdown_inline(title)}\n\n"
    if d.revealed:
        yield ("> **Withheld words are included**: the words under redactions that were not "
               "applied are shown, as asked.\n\n")
    yield "## Nota's\n\n"
    yield "| # | date | title | decision | discussed | comments | redactions |\n"
    yield "|---|---|---|---|---|---|---|\n"
    for n in d.notas:
        comments = ", ".join(f"{markdown_inline(a, cell=True)} {c}"
                             for a, c in n.comments_by_author.items())
        version = f" (version of {', '.join(map(str, n.versions))})" if n.versions else ""
        yield (f"| {n.index} | {n.date or ''} | {markdown_inline(n.title, cell=True)}"
               f"{version} | {markdown_inline(n.decision, cell=True)} | "
               f"{markdown_inline(n.discussed, cell=True)} | {comments} | {n.redactions} |\n")
    yield "\n## Redactions per ground\n\n| ground | article | count |\n|---|---|---|\n"
    for code, count in d.grounds.items():
        wording = markdown_inline(WORDING[code], cell=True)
        yield f"| {code} | {article(code)}: {wording} | {count} |\n"
    if d.unstated:
        yield f"| {UNSTATED} | — | {len(d.unstated)} |\n"
    yield (f"\n{counted(len(d.redactions), 'redaction')}; {len(d.unstated)} without a stated "
           f"ground; {len(d.unapplied)} not applied (the words are still in the file).\n\n")
    yield "## The reviewer's questions\n\n"
    open_count = sum(q.status == OPEN for q in d.questions)
    yield f"{counted(open_count, 'open question')} of {len(d.questions)}.\n\n"
    for q in d.questions:
        by = f" ({markdown_inline(q.marked_by)})" if q.marked_by else ""
        yield f"- **{q.status}**{by} · p. {q.page} · {markdown_inline(q.contents)}\n"
        if q.answer:
            yield f"  *Answer:* {markdown_inline(q.answer)}\n"
        if q.anchor:
            yield f"  > {markdown_inline(q.anchor, line_start=True)}\n"
    yield "\n## Timeline\n\n"
    for e in d.timeline:
        yield f"- {e.date[:16].replace('T', ' ')} · {markdown_inline(e.text)}\n"


def dossier_csv(dossier: Dossier) -> str:
    """The dossier as one CSV table: a row per nota, redaction, question and event."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    team = [""] if dossier.team else []  # a team library's: whose mark, on a question
    writer.writerow(["section", "date", "nota", "page", "what", "ground", "text", "status",
                     "answer", "passage", *(["member"] if dossier.team else [])])
    for n in dossier.notas:
        writer.writerow(_cells("nota", n.date, n.index, n.first_page, n.decision, "",
                               n.title, n.discussed, "", "", *team))
    for r in dossier.redactions:
        applied = "" if r.applied is None else ("applied" if r.applied else "not applied")
        writer.writerow(_cells("redaction", "", r.nota, r.page, "redaction",
                               r.ground or UNSTATED, r.stated_by, applied, "", "", *team))
    for q in dossier.questions:
        member = [q.marked_by or ""] if dossier.team else []
        writer.writerow(_cells("question", q.date, q.nota, q.page, q.author, "",
                               q.contents, q.status, q.answer, q.anchor, *member))
    for e in dossier.timeline:
        writer.writerow(_cells("event", e.date, e.nota, e.page, e.kind, "", e.text, "", "",
                               "", *team))
    return out.getvalue()


def _cells(*values: object) -> list[str]:
    return [csv_cell(v) for v in values]
