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

from tui.core.escape import csv_cell, markdown_inline
from tui.core.release.model import Release
from tui.core.release.report import entries, overview, release_dict


def release_json(release: Release) -> str:
    """``{"release": {...}}`` (README, "The dossier of a release")."""
    return json.dumps({"release": release_dict(release)}, ensure_ascii=False, indent=2) + "\n"


def release_markdown(release: Release) -> str:
    """The release as a Markdown report."""
    return "".join(_markdown(release))


def _markdown(release: Release) -> Iterator[str]:
    counts = overview(release)
    yield f"# Release: {markdown_inline(release.title)}\n\n## Overview\n\n"
    listed = sum(counts["documents_by_judgement"].values())
    yield (f"{listed} documents in the inventory, {len(release.documents)} in the release, "
           f"{len(release.findings)} findings.\n\n")
    for title, key in (("Documents by judgement", "documents_by_judgement"),
                       ("Redactions by ground", "redactions_by_ground"),
                       ("Findings by kind", "findings_by_kind")):
        yield f"**{title}**\n\n"
        values = counts[key]
        most = max(values.values(), default=0)
        for name, count in values.items():
            bar = "█" * max(1, round(20 * count / most)) if most else ""
            yield f"- `{name}` {bar} {count}\n"
        if not values:
            yield "- none\n"
        yield "\n"
    yield "## Findings\n\n"
    for f in release.findings:
        page = f" · p. {f.page}" if f.page else ""
        docnr = markdown_inline(f.docnr or "")
        yield f"- **{f.kind}** · {docnr}{page} · {markdown_inline(f.text)}\n"
    if not release.findings:
        yield "None.\n"
    yield ("\n## Inventory\n\n| ID | name | date | judgement | grounds (inventory) | "
           "grounds found | pages | findings |\n|---|---|---|---|---|---|---|---|\n")
    for e in sorted(entries(release), key=lambda e: not e.findings):
        data = e.to_dict()
        grounds = ", ".join(data["grounds_inventory"] + data["reasons_inventory"])
        pages = data["pages"] if data["in_release"] else "—"
        yield (f"| {markdown_inline(e.docnr)} | {markdown_inline(data['name'])} | "
               f"{markdown_inline(data['date'] or '')} | "
               f"{markdown_inline(data['judgement'] or '')} | {markdown_inline(grounds)} | "
               f"{', '.join(data['grounds_found'])} | {pages} | {len(e.findings)} |\n")
    for warning in release.warnings:
        yield f"\n> warning: {markdown_inline(warning)}\n"


def release_csv(release: Release) -> str:
    """The release as one CSV table: a row per document, then a row per finding."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(["section", "docnr", "name", "date", "judgement", "grounds_inventory",
                     "grounds_found", "pages", "kind", "page", "text"])
    for e in entries(release):
        d = e.to_dict()
        writer.writerow([csv_cell(v) for v in (
            "document", e.docnr, d["name"], d["date"], d["judgement"],
            "; ".join(d["grounds_inventory"] + d["reasons_inventory"]),
            "; ".join(d["grounds_found"]), d["pages"], "", "", "")])
    for f in release.findings:
        writer.writerow([csv_cell(v) for v in (
            "finding", f.docnr, "", "", "", "", "", "", f.kind, f.page, f.text)])
    return out.getvalue()


RENDERERS = {"md": release_markdown, "json": release_json, "csv": release_csv}
"""Format name -> renderer, as ``--format`` names them."""
