"""The Woo releases in an export: each format adds the inventory and findings of every
release a selected document belongs to, after the documents.

JSON: ``"releases": [...]``, each as ``kantlijn dossier --format json`` prints a release;
Markdown: the release's report (overview, findings, inventory); CSV: a row per inventory
document (``kind`` ``release-document``) and per finding (``release-finding``); JSON-LD:
each finding as an ``assessing`` annotation on its document's page.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from tui.core.dossier.release_output import report_markdown
from tui.core.escape import plain
from tui.core.export.records import Export
from tui.core.release.model import docnr_key
from tui.core.release.store import StoredRelease


def releases_json(export: Export) -> list[dict[str, Any]]:
    """The releases' reports."""
    return [release.report for release in export.releases]


def releases_markdown(export: Export) -> Iterator[str]:
    """Each release's report, its title a first-level heading like a document's."""
    for release in export.releases:
        yield from report_markdown(release.report, level=1)
        yield "\n"


def releases_rows(export: Export) -> Iterator[list[object]]:
    """Rows in the CSV export's columns: ``document`` is the release's title, ``nota`` the
    document number, ``nota_title`` its name; a document's ``ground`` the grounds its row
    lists and ``passage`` those found, ``contents`` its judgement; a finding's ``contents``
    its sentence and ``id`` its kind."""
    for release in export.releases:
        title = release.report.get("title", release.title)
        for d in release.report.get("documents", []):
            listed = "; ".join(d.get("grounds_inventory", []) + d.get("reasons_inventory", []))
            yield [title, _file(d.get("file")), "", d["docnr"], d.get("name", ""), "",
                   "release-document", "", d.get("date"), "; ".join(d.get("grounds_found", [])),
                   d.get("judgement"), "", "", listed, "", "", "", "", "", ""]
        for f in release.report.get("findings", []):
            yield [title, "", "", f.get("docnr"), "", f.get("page"), "release-finding", "", "",
                   "", f.get("text", ""), "", "", "", "", "", "", f["kind"], "", ""]


def releases_jsonld(export: Export) -> Iterator[dict[str, Any]]:
    """Each finding as a Web Annotation (motivation ``assessing``) on its document's page
    (the release as a whole, for a finding about no document in it)."""
    for release in export.releases:
        for index, f in enumerate(release.report.get("findings", [])):
            yield {"id": f"urn:kantlijn:release:{_key(release)}:finding-{index + 1}",
                   "type": "Annotation", "motivation": "assessing",
                   "body": [{"type": "TextualBody", "value": plain(f.get("text", "")),
                             "format": "text/plain", "purpose": "assessing"},
                            {"type": "TextualBody", "value": f["kind"],
                             "format": "text/plain", "purpose": "classifying"}],
                   "target": _target(release, f)}


def _target(release: StoredRelease, finding: dict[str, Any]) -> dict[str, Any] | str:
    key = docnr_key(str(finding.get("docnr") or ""))
    part = next((p for p in release.parts if docnr_key(p.docnr) == key and p.doc), None)
    if part is None or part.doc is None:
        return f"urn:kantlijn:release:{_key(release)}"
    page = part.first_page + max(int(finding.get("page") or 1), 1) - 1
    return {"source": f"urn:sha256:{part.doc}",
            "selector": {"type": "FragmentSelector",
                         "conformsTo": "http://tools.ietf.org/rfc/rfc3778",
                         "value": f"page={page}"}}


def _key(release: StoredRelease) -> str:
    """The release named in an IRI: its members' first hash (stable for the same files)."""
    return release.members[0][:16] if release.members else "release"


def _file(path: object) -> str:
    return str(path).rsplit("/", 1)[-1] if path else ""
