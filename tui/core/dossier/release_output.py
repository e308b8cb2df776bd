"""The dossier of a release as JSON, Markdown or CSV (``kantlijn dossier FOLDER|PDF``).

An overview first (documents by judgement, redactions by ground, findings by kind), then the
findings, then the inventory with what was found beside each row. Markdown and CSV go through
the export machinery's escaping, so nothing from a document or a spreadsheet becomes markup
or a formula.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from typing import Any

from tui.core.escape import csv_cell, markdown_inline
from tui.core.release.model import Release
from tui.core.release.report import release_dict


def release_json(release: Release) -> str:
    """``{"release": {...}}`` (README, "The dossier of a release")."""
    return json.dumps({"release": release_dict(release)}, ensure_ascii=False, indent=2) + "\n"


def release_markdown(release: Release) -> str:
    """The release as a Markdown report."""
    return "".join(report_markdown(release_dict(release)))


def report_markdown(report: dict[str, Any], level: int = 1) -> Iterator[str]:
    """A release's report (:func:`~tui.core.release.report.release_dict`, as the library
    keeps it) as Markdown, its title a heading of ``level`` (the export nests it)."""
    top, sub = "#" * level, "#" * (level + 1)
    counts = report.get("overview", {})
    documents = report.get("documents", [])
    findings = report.get("findings", [])
    yield f"{top} Release: {markdown_inline(str(report.get('title', '')))}\n\n{sub} Overview\n\n"
    listed = sum(counts.get("documents_by_judgement", {}).values())
    present = sum(1 for d in documents if d.get("in_release"))
    yield (f"{listed} documents in the inventory, {present} in the release, "
           f"{len(findings)} findings.\n\n")
    for title, key in (("Documents by judgement", "documents_by_judgement"),
                       ("Redactions by ground", "redactions_by_ground"),
                       ("Findings by kind", "findings_by_kind")):
        yield f"**{title}**\n\n"
        values = counts.get(key, {})
        most = max(values.values(), default=0)
        for name, count in values.items():
            bar = "█" * max(1, round(20 * count / most)) if most else ""
            yield f"- `{name}` {bar} {count}\n"
        if not values:
            yield "- none\n"
        yield "\n"
    yield f"{sub} Findings\n\n"
    for f in findings:
        page = f" · p. {f['page']}" if f.get("page") else ""
        docnr = markdown_inline(f.get("docnr") or "")
        yield f"- **{f['kind']}** · {docnr}{page} · {markdown_inline(f.get('text', ''))}\n"
    if not findings:
        yield "None.\n"
    yield (f"\n{sub} Inventory\n\n| ID | name | date | judgement | grounds (inventory) | "
           "grounds found | pages | findings |\n|---|---|---|---|---|---|---|---|\n")
    for d in sorted(documents, key=lambda d: not d.get("findings")):
        grounds = ", ".join(d.get("grounds_inventory", []) + d.get("reasons_inventory", []))
        pages = d.get("pages", 0) if d.get("in_release") else "—"
        yield (f"| {markdown_inline(d['docnr'], cell=True)} | "
               f"{markdown_inline(d.get('name', ''), cell=True)} | "
               f"{markdown_inline(d.get('date') or '', cell=True)} | "
               f"{markdown_inline(d.get('judgement') or '', cell=True)} | "
               f"{markdown_inline(grounds, cell=True)} | "
               f"{', '.join(d.get('grounds_found', []))} | {pages} | "
               f"{len(d.get('findings', []))} |\n")
    for warning in report.get("warnings", []):
        yield f"\n> warning: {markdown_inline(warning)}\n"


def release_csv(release: Release) -> str:
    """The release as one CSV table: a row per document, then a row per finding."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(["section", "docnr", "name", "date", "judgement", "grounds_inventory",
                     "grounds_found", "pages", "kind", "page", "text"])
    for row in report_rows(release_dict(release)):
        writer.writerow([csv_cell(v) for v in row])
    return out.getvalue()


def report_rows(report: dict[str, Any]) -> Iterator[list[object]]:
    """A release's report as rows: ``section`` (``document``, ``finding``), docnr, name,
    date, judgement, grounds listed, grounds found, pages, kind, page, text."""
    for d in report.get("documents", []):
        yield ["document", d["docnr"], d.get("name", ""), d.get("date"), d.get("judgement"),
               "; ".join(d.get("grounds_inventory", []) + d.get("reasons_inventory", [])),
               "; ".join(d.get("grounds_found", [])), d.get("pages", 0), "", "", ""]
    for f in report.get("findings", []):
        yield ["finding", f.get("docnr"), "", "", "", "", "", "", f["kind"], f.get("page"),
               f.get("text", "")]


RENDERERS = {"md": release_markdown, "json": release_json, "csv": release_csv}
"""Format name -> renderer, as ``--format`` names them."""
