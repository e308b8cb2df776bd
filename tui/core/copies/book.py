"""Copies of one release in a library: linking them as documents join, by hand, and back.

:class:`CopyBook` is the library's part that knows copies (``library.copies``). When a
document joins, its fingerprint is compared with every other document's; one whose estimate
comes close is compared in full, and above :data:`LINK_SHARE` of text in common the two are
linked: the newcomer's comments are matched to the release's (:mod:`selectors`) and what the
user wrote on them is from then on stored once (:mod:`store`). Links made or undone go
through the library's history, so they can be undone like a tag.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any

from tinydb import Query

from tui.core.copies import store
from tui.core.copies.fingerprint import estimated_share, minhash, share, text_shingles
from tui.core.copies.fingerprints_file import FingerprintFile
from tui.core.copies.placing import place
from tui.core.copies.prepared import fingerprint_of
from tui.core.copies.releases import Releases, form_of, read_releases
from tui.core.copies.selectors import CommentIdentity, TextStream, identities, match_comments
from tui.core.errors import KantlijnError
from tui.core.library.cache import ExtractionCache, cache_dir_for
from tui.core.library.history import ChangeHistory
from tui.core.library.library_file import LibraryFile
from tui.core.model import Annotation, Extraction, annotation_from_dict

CANDIDATE = 0.4
"""A minhash estimate from which two documents are compared in full."""
LINK_SHARE = 0.6
"""The share of text in common from which two documents are copies of one release."""
SHARED_VALUES = 8
"""Sketch values two documents must share to be estimated at all (at 40% of text in common
they share about 27 of 48)."""
COMPARED = 8
"""At most this many close documents are compared in full."""
SAME_TEXT = 0.999
"""The share from which two copies hold the same text (else the later is a new version)."""
SAME_TEXT_OTHER_FORM = 0.98
"""The same for a copy of another form (live and published), whose text is read another
way (the markers taken out of a published page may leave a word's worth of difference)."""

_Q = Query()


@dataclass(frozen=True, slots=True)
class Copy:
    """One copy of a release: its document, its form (``live``, ``published``,
    ``version N``) and the share of text it has in common with the copy it was matched to."""

    document: str
    form: str
    share: float
    by: str


@dataclass(frozen=True, slots=True)
class Orphan:
    """What the user wrote on a comment of another copy that no comment here stands for."""

    document: str
    """The copy the comment is in."""
    id: str
    page: int | None
    quote: str | None
    """Its old passage (as it was when the user tagged or noted it)."""
    tags: list[str]
    note: str | None


class CopyBook:
    """Copies of one release in a library file: linked, unlinked, listed."""

    def __init__(self, history: ChangeHistory, file: LibraryFile, cache: ExtractionCache) -> None:
        """Record changes through ``history`` into ``file``; read documents from ``cache``."""
        self._history = history
        self._file = file
        self._cache = cache
        self.fingerprints = FingerprintFile(cache_dir_for(file.path))

    @property
    def _db(self) -> Any:
        return self._file.db

    # -- joining ---------------------------------------------------------------------------

    def join(self, extractions: list[Extraction]) -> list[tuple[str, str]]:
        """Link each just-added document to the release it is a copy of, if any; returns
        ``(document, canonical copy)`` per link made."""
        made: list[tuple[str, str]] = []
        fresh = {e.document.sha256: e for e in extractions}
        # Computed where each was read (:mod:`prepared`): here only looked up.
        self.fingerprints.put({sha: fingerprint_of(e) for sha, e in fresh.items()})
        self._fill_missing()
        documents = {d["sha256"] for d in self._db.table("documents").all()}
        bands = _Bands({sha: values for sha, values in self.fingerprints.all().items()
                        if sha in documents})
        for sha, extraction in fresh.items():
            if store.release_of(self._db, sha) != sha or self._has_copies(sha):
                continue  # already linked (the same file imported again)
            found = self._best_candidate(sha, extraction, bands)
            if found is not None:
                other, common = found
                self._link(sha, other, common, "auto", extraction)
                made.append((sha, store.release_of(self._db, sha)))
        if not self._file.read_only:
            self.fingerprints.write()
        return made

    def _fill_missing(self) -> None:
        """Fingerprints for documents that have none (an older library, a lost file)."""
        known = self.fingerprints.all()
        missing = [d["sha256"] for d in self._db.table("documents").all()
                   if d["sha256"] not in known]
        for sha in missing:
            extraction = self._cache.load(sha, with_pages="text")
            if extraction is not None:
                self.fingerprints.put({sha: minhash(text_shingles(extraction))})

    def _best_candidate(self, sha: str, extraction: Extraction,
                        bands: _Bands) -> tuple[str, float] | None:
        """The document with most text in common with ``sha``, when enough: of those whose
        estimate comes close (at most :data:`COMPARED` of them), compared in full."""
        mine = self.fingerprints.all().get(sha, [])
        known = self.fingerprints.all()
        close = sorted(
            ((estimated_share(mine, known[other]), other)
             for other in bands.near(mine) if other != sha),
            reverse=True)
        ours = None
        best: tuple[str, float] | None = None
        for estimate, other in close[:COMPARED]:
            if estimate < CANDIDATE:
                break
            if store.is_unlinked(self._db, sha, other):
                continue
            theirs = self._cache.load(other, with_pages="text")
            if theirs is None:
                continue
            ours = ours if ours is not None else text_shingles(extraction)
            common = share(ours, text_shingles(theirs))
            if common >= LINK_SHARE and (best is None or common > best[1]):
                best = (other, common)
        return best

    def _has_copies(self, sha: str) -> bool:
        return bool(self._db.table(store.COPIES).search(_Q.of == sha))

    # -- by hand ---------------------------------------------------------------------------

    def link(self, first: str, second: str) -> float:
        """Link ``second`` to ``first``'s release by hand; returns their share of text.

        Raises:
            KantlijnError: a document is not cached, or ``second`` has copies of its own.
        """
        if first == second:
            raise KantlijnError("a document is not a copy of itself")
        if store.release_of(self._db, first) == store.release_of(self._db, second):
            raise KantlijnError("the two documents are copies of one release already")
        if self._has_copies(second) and not self._has_copies(first):
            first, second = second, first
        if self._has_copies(second):
            raise KantlijnError("both documents have copies of their own; unlink one first")
        ours, theirs = self._cache.load(second, "text"), self._cache.load(first, "text")
        if ours is None or theirs is None:
            raise KantlijnError("a document's text is not in the library any more; "
                                "import it again")
        common = share(text_shingles(ours), text_shingles(theirs))
        if store.release_of(self._db, second) != second:
            self._history.apply(store.unlink(second, store.release_of(self._db, second)))
        self._link(second, first, common, "hand", ours)
        return common

    def unlink(self, first: str, second: str) -> None:
        """Take one of two linked documents out of their release (the one that joined
        later); each keeps its own copy of what the user wrote.

        Raises:
            KantlijnError: the two are not copies of one release.
        """
        release = store.release_of(self._db, first)
        if release != store.release_of(self._db, second) or first == second:
            raise KantlijnError("the two documents are not linked as copies")
        leaving = second if second != release else first
        staying = first if leaving == second else second
        self._history.apply(store.unlink(leaving, staying),
                            undo_as=f"unlink {self._label(leaving)}")

    def forget(self, sha: str) -> None:
        """Before a document is removed: its copies keep what the user wrote on them."""
        for row in store.members(self._db, sha)[1:] if self._has_copies(sha) else []:
            self._history.apply(store.unlink(row["doc"], sha))
        if store.release_of(self._db, sha) != sha:
            self._history.apply(store.unlink(sha, store.release_of(self._db, sha)))
        self.fingerprints.forget(sha)

    # -- reading ---------------------------------------------------------------------------

    def copies(self, sha: str) -> list[Copy]:
        """Every copy of ``sha``'s release, the canonical one first (just ``sha`` alone)."""
        return [Copy(str(r["doc"]), self._form(r), float(r.get("share", 1.0)), str(r["by"]))
                for r in store.members(self._db, sha)]

    def releases(self) -> Releases:
        """Every release with its copies and matched comments, read now (for a search that
        groups many hits; see :mod:`releases`)."""
        return read_releases(self._db)

    def text(self, sha: str) -> Extraction | None:
        """Document ``sha`` with its page text, from the library's cache (None: not there)."""
        return self._cache.load(sha, with_pages="text")

    def matched(self, doc: str) -> int:
        """How many of ``doc``'s comments are matched to a comment of another copy."""
        return len(self._db.table(store.MATCHES).search(_Q.doc == doc))

    def key(self, doc: str, ann: str) -> tuple[str, str]:
        """The key the user's data on comment ``ann`` of ``doc`` is stored under."""
        return store.canonical_key(self._db, doc, ann)

    def annotation_data(self, doc: str) -> dict[str, dict[str, Any]]:
        """Comment id -> ``{"tags", "note"}`` of ``doc``, with what was written on its copies."""
        return {ann: {"tags": list(r.get("tags", [])), "note": r.get("note")}
                for ann, r in store.rows_of(self._db, "annotations", doc)}

    def user_rows(self) -> list[tuple[str, str, list[str], str | None]]:
        """``(document, id, tags, note)`` of every tagged or noted comment, on every copy."""
        return [(doc, ann, list(r.get("tags", [])), r.get("note"))
                for doc, ann, r in store.all_rows(self._db, "annotations")]

    def of_comment(self, doc: str, ann: str) -> list[tuple[Copy, str]]:
        """Every copy of comment ``ann`` of ``doc``, with its id there, in release order."""
        ids = dict(store.sharing(self._db, self.key(doc, ann)))
        return [(copy, ids[copy.document]) for copy in self.copies(doc) if copy.document in ids]

    def own_annotations(self, sha: str) -> list[Annotation]:
        """The user's own annotations on ``sha``: those made on it, then those made on its
        other copies, placed where their passage stands in this one (see :mod:`placing`)."""
        return [annotation for _, annotation, _ in self._own(sha)
                if annotation is not None]

    def _own(self, sha: str) -> list[tuple[str, Annotation | None, Annotation]]:
        """``(copy made on, as placed here or None, as made)`` of every own annotation of
        ``sha``'s release."""
        found: list[tuple[str, Annotation | None, Annotation]] = []
        target: Extraction | None = None
        stream: TextStream | None = None
        for row in store.members(self._db, sha):
            records = self._db.table("own").search(_Q.doc == row["doc"])
            made = [annotation_from_dict(r["annotation"]) for r in records]
            if row["doc"] == sha:
                found = [(sha, a, a) for a in made] + found
                continue
            source = self._cache.load(str(row["doc"]), with_pages="text") if made else None
            if made and target is None:
                target = self._cache.load(sha, with_pages="text")
                stream = TextStream(target) if target is not None else None
            words = TextStream(source) if source is not None else None
            for annotation in made:
                placed = None
                if words is not None and target is not None and stream is not None:
                    placed = place(annotation, words, target, stream)
                found.append((str(row["doc"]), placed, annotation))
        return found

    def orphans(self, sha: str) -> list[Orphan]:
        """What the user wrote on comments of ``sha``'s other copies that no comment of
        ``sha`` stands for (their passage is gone): kept, listed here."""
        extraction = self._cache.load(sha, with_pages=False)
        if extraction is None:
            return []
        releases = self.releases()  # one read of the matches, not one per comment
        here = {releases.key(sha, a.id) for a in extraction.annotations}
        others = {str(r["doc"]) for r in store.members(self._db, sha)} - {sha}
        found: list[Orphan] = []
        for record in self._db.table("annotations").all():
            key = (record["doc"], record["id"])
            if record["doc"] in others and key not in here:
                found.append(Orphan(record["doc"], record["id"], record.get("page"),
                                    record.get("quote") or self._passage(*key),
                                    list(record.get("tags", [])), record.get("note")))
        for made_on, placed, annotation in self._own(sha):
            if placed is None:
                found.append(Orphan(made_on, annotation.id, annotation.page,
                                    annotation.quote or (annotation.anchor.text
                                                         if annotation.anchor else None),
                                    [], annotation.contents))
        return found

    def _passage(self, doc: str, ann: str) -> str | None:
        """The passage a comment stands on in its own copy (for one without a quote)."""
        extraction = self._cache.load(doc, with_pages="text")
        for comment in identities(extraction) if extraction is not None else []:
            if comment.id == ann:
                return " ".join(comment.selector.exact) or None
        return None

    # -- linking ---------------------------------------------------------------------------

    def _link(self, sha: str, other: str, common: float, by: str,
              extraction: Extraction) -> None:
        release = store.members(self._db, other)
        first = str(release[0]["doc"])
        mine = identities(extraction)
        matches: dict[str, tuple[str, str]] = {}
        for member in release:
            theirs = self._identities(str(member["doc"]))
            rest = [c for c in mine if c.id not in matches]
            for ours, their in match_comments(rest, theirs).items():
                matches[ours] = store.canonical_key(self._db, str(member["doc"]), their)
        other_edition = next(int(r["edition"]) for r in release if r["doc"] == other)
        other_form = self._source(other) != extraction.document.source
        same = common >= (SAME_TEXT_OTHER_FORM if other_form else SAME_TEXT)
        edition = other_edition if same else max(int(r["edition"]) for r in release) + 1
        self._history.apply(store.link(sha, first, common, edition, by, matches),
                            undo_as=f"link {self._label(sha)} as a copy")

    def _identities(self, sha: str) -> list[CommentIdentity]:
        extraction = self._cache.load(sha, with_pages="text")
        return identities(extraction) if extraction is not None else []

    def _form(self, row: dict[str, Any]) -> str:
        return form_of(int(row.get("edition", 1)), self._source(row["doc"]))

    def _source(self, sha: str) -> str:
        record = self._db.table("documents").get(_Q.sha256 == sha)
        return str(record.get("source", "pdf")) if record is not None else "pdf"

    def _label(self, sha: str) -> str:
        record = self._db.table("documents").get(_Q.sha256 == sha)
        return str(record.get("title") or sha[:12]) if record is not None else sha[:12]


class _Bands:
    """Sketches indexed by their values: only documents whose sketch shares a value with
    the newcomer's are worth an estimate (two documents with 60% of their text in common
    share one of 48 smallest hashes all but never not)."""

    def __init__(self, fingerprints: dict[str, list[int]]) -> None:
        self._holders: dict[int, list[str]] = {}
        for sha, values in fingerprints.items():
            for value in values:
                self._holders.setdefault(value, []).append(sha)

    def near(self, values: list[int]) -> set[str]:
        """Documents whose sketch shares at least :data:`SHARED_VALUES` values with
        ``values`` (or all of them, for a sketch that short)."""
        counts = Counter(sha for value in values for sha in self._holders.get(value, []))
        enough = min(SHARED_VALUES, len(values))
        return {sha for sha, count in counts.items() if count >= enough}
