"""The team library's tables, created and migrated by ``kantlijn team init``.

Versioned migrations: :data:`MIGRATIONS` holds one SQL step per schema version, applied in
order inside one transaction and recorded in ``kantlijn.meta``. A server whose schema is
newer than this kantlijn knows is refused with a sentence and never altered; an older one
is brought up to date only by ``team init`` (run as the database's owner), never by a member.

What members may do is decided by the database itself: every row of a tag, note, own
annotation or question mark carries its ``member`` (``current_user`` when written) and
row-level security lets a member write only rows that are theirs; everything is readable
by every member. Documents and their PDFs are added once (by hash) and never changed by
members. Every change is a row of ``kantlijn.changes`` with a sequence number, in commit
order, announced by ``NOTIFY kantlijn_changes``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from tui.core.errors import KantlijnError

if TYPE_CHECKING:
    import psycopg

SCHEMA = "kantlijn"
MEMBER_ROLE = "kantlijn_member"
CHANNEL = "kantlijn_changes"
CHANGE_LOCK = 0x6B616E74
"""The advisory lock that puts change numbers in commit order (see ``record_change``)."""
_INIT_LOCK = 0x6B616E75

_V1 = f"""
CREATE SCHEMA kantlijn;
CREATE TABLE kantlijn.meta (key text PRIMARY KEY, value text NOT NULL);

CREATE TABLE kantlijn.documents (
    sha256 text PRIMARY KEY CHECK (sha256 ~ '^[0-9a-f]{{64}}$'),
    title text,
    file_name text NOT NULL DEFAULT '',
    pages integer NOT NULL DEFAULT 0,
    source text NOT NULL DEFAULT 'pdf',
    notas jsonb NOT NULL DEFAULT '[]',
    comments integer NOT NULL DEFAULT 0,
    annotation_ids text[] NOT NULL DEFAULT '{{}}',
    model_schema integer NOT NULL,
    extraction bytea NOT NULL,
    member text NOT NULL DEFAULT current_user,
    added timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX documents_ids ON kantlijn.documents USING gin (annotation_ids);

CREATE TABLE kantlijn.files (
    sha256 text PRIMARY KEY REFERENCES kantlijn.documents,
    content bytea NOT NULL,
    member text NOT NULL DEFAULT current_user,
    added timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE kantlijn.tags (
    doc text NOT NULL REFERENCES kantlijn.documents,
    annotation text NOT NULL,
    tag text NOT NULL,
    tag_key text NOT NULL,
    member text NOT NULL DEFAULT current_user,
    at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (doc, annotation, tag_key, member)
);
CREATE INDEX tags_spelling ON kantlijn.tags (tag_key, at, tag);

CREATE TABLE kantlijn.notes (
    version bigserial PRIMARY KEY,
    doc text NOT NULL REFERENCES kantlijn.documents,
    annotation text NOT NULL,
    member text NOT NULL DEFAULT current_user,
    text text,
    at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX notes_latest ON kantlijn.notes (doc, annotation, member, version DESC);

CREATE TABLE kantlijn.own_annotations (
    doc text NOT NULL REFERENCES kantlijn.documents,
    id text NOT NULL,
    member text NOT NULL DEFAULT current_user,
    annotation jsonb NOT NULL,
    created timestamptz NOT NULL DEFAULT now(),
    changed timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (doc, id)
);
CREATE INDEX own_by_id ON kantlijn.own_annotations (id);

CREATE TABLE kantlijn.questions (
    doc text NOT NULL REFERENCES kantlijn.documents,
    annotation text NOT NULL,
    member text NOT NULL DEFAULT current_user,
    status text NOT NULL CHECK (status IN ('open', 'answered')),
    answer text,
    at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (doc, annotation, member)
);

CREATE SEQUENCE kantlijn.change_seq;
CREATE TABLE kantlijn.changes (
    seq bigint PRIMARY KEY,
    at timestamptz NOT NULL DEFAULT now(),
    member text NOT NULL,
    kind text NOT NULL,
    action text NOT NULL,
    doc text,
    annotation text
);
CREATE INDEX changes_kind ON kantlijn.changes (kind, seq);

-- Numbers in commit order: the lock is held to the end of the transaction, so a change
-- numbered later is never visible before one numbered earlier (reading "since N" misses
-- nothing). Runs as the schema's owner: members cannot write the change log themselves.
CREATE FUNCTION kantlijn.record_change() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, kantlijn AS $$
DECLARE
    item record;
    number bigint;
    doc_hash text;
    annotation_id text;
BEGIN
    IF TG_OP = 'DELETE' THEN item := OLD; ELSE item := NEW; END IF;
    IF TG_TABLE_NAME = 'documents' THEN
        doc_hash := item.sha256;
    ELSIF TG_TABLE_NAME = 'own_annotations' THEN
        doc_hash := item.doc; annotation_id := item.id;
    ELSE
        doc_hash := item.doc; annotation_id := item.annotation;
    END IF;
    PERFORM pg_advisory_xact_lock({CHANGE_LOCK});
    number := nextval('kantlijn.change_seq');
    INSERT INTO kantlijn.changes (seq, member, kind, action, doc, annotation)
        VALUES (number, item.member, TG_TABLE_NAME, lower(TG_OP), doc_hash, annotation_id);
    PERFORM pg_notify('{CHANNEL}', number::text);
    RETURN NULL;
END $$;

CREATE TRIGGER documents_changed AFTER INSERT ON kantlijn.documents
    FOR EACH ROW EXECUTE FUNCTION kantlijn.record_change();
CREATE TRIGGER tags_changed AFTER INSERT OR DELETE ON kantlijn.tags
    FOR EACH ROW EXECUTE FUNCTION kantlijn.record_change();
CREATE TRIGGER notes_changed AFTER INSERT ON kantlijn.notes
    FOR EACH ROW EXECUTE FUNCTION kantlijn.record_change();
CREATE TRIGGER own_changed AFTER INSERT OR UPDATE OR DELETE ON kantlijn.own_annotations
    FOR EACH ROW EXECUTE FUNCTION kantlijn.record_change();
CREATE TRIGGER questions_changed AFTER INSERT OR UPDATE OR DELETE ON kantlijn.questions
    FOR EACH ROW EXECUTE FUNCTION kantlijn.record_change();

-- Row-level security: everyone reads, each member writes only their own rows.
ALTER TABLE kantlijn.documents ENABLE ROW LEVEL SECURITY;
CREATE POLICY everyone_reads ON kantlijn.documents FOR SELECT USING (true);
CREATE POLICY adds_as_self ON kantlijn.documents FOR INSERT WITH CHECK (member = current_user);
ALTER TABLE kantlijn.files ENABLE ROW LEVEL SECURITY;
CREATE POLICY everyone_reads ON kantlijn.files FOR SELECT USING (true);
CREATE POLICY adds_as_self ON kantlijn.files FOR INSERT WITH CHECK (member = current_user);
ALTER TABLE kantlijn.tags ENABLE ROW LEVEL SECURITY;
CREATE POLICY everyone_reads ON kantlijn.tags FOR SELECT USING (true);
CREATE POLICY adds_as_self ON kantlijn.tags FOR INSERT WITH CHECK (member = current_user);
CREATE POLICY removes_own ON kantlijn.tags FOR DELETE USING (member = current_user);
ALTER TABLE kantlijn.notes ENABLE ROW LEVEL SECURITY;
CREATE POLICY everyone_reads ON kantlijn.notes FOR SELECT USING (true);
CREATE POLICY adds_as_self ON kantlijn.notes FOR INSERT WITH CHECK (member = current_user);
ALTER TABLE kantlijn.own_annotations ENABLE ROW LEVEL SECURITY;
CREATE POLICY everyone_reads ON kantlijn.own_annotations FOR SELECT USING (true);
CREATE POLICY adds_as_self ON kantlijn.own_annotations FOR INSERT
    WITH CHECK (member = current_user);
CREATE POLICY changes_own ON kantlijn.own_annotations FOR UPDATE
    USING (member = current_user) WITH CHECK (member = current_user);
CREATE POLICY removes_own ON kantlijn.own_annotations FOR DELETE USING (member = current_user);
ALTER TABLE kantlijn.questions ENABLE ROW LEVEL SECURITY;
CREATE POLICY everyone_reads ON kantlijn.questions FOR SELECT USING (true);
CREATE POLICY adds_as_self ON kantlijn.questions FOR INSERT WITH CHECK (member = current_user);
CREATE POLICY changes_own ON kantlijn.questions FOR UPDATE
    USING (member = current_user) WITH CHECK (member = current_user);
CREATE POLICY removes_own ON kantlijn.questions FOR DELETE USING (member = current_user);

REVOKE ALL ON ALL TABLES IN SCHEMA kantlijn FROM PUBLIC;
GRANT USAGE ON SCHEMA kantlijn TO {MEMBER_ROLE};
GRANT SELECT ON ALL TABLES IN SCHEMA kantlijn TO {MEMBER_ROLE};
GRANT INSERT ON kantlijn.documents, kantlijn.files, kantlijn.notes TO {MEMBER_ROLE};
GRANT INSERT, DELETE ON kantlijn.tags TO {MEMBER_ROLE};
GRANT INSERT, UPDATE, DELETE ON kantlijn.own_annotations, kantlijn.questions TO {MEMBER_ROLE};
GRANT USAGE ON SEQUENCE kantlijn.notes_version_seq TO {MEMBER_ROLE};
"""

MIGRATIONS: tuple[str, ...] = (_V1,)
"""``MIGRATIONS[n]`` brings a schema at version ``n`` to ``n + 1`` (0: no schema yet)."""
SCHEMA_VERSION = len(MIGRATIONS)


@dataclass(frozen=True, slots=True)
class InitReport:
    """What ``team init`` did: the schema version before and after, and the role created."""

    before: int
    after: int
    role_created: bool


def installed_version(connection: psycopg.Connection[Any]) -> int:
    """The schema version on the server (0: not set up)."""
    row = connection.execute("SELECT to_regclass('kantlijn.meta') IS NOT NULL").fetchone()
    if not row or not row[0]:
        return 0
    found = connection.execute("SELECT value FROM kantlijn.meta WHERE key = 'schema'").fetchone()
    return int(found[0]) if found else 0


def _newer(found: int, where: str) -> KantlijnError:
    return KantlijnError(
        f"the team library at {where} has schema version {found}, newer than this kantlijn "
        f"knows ({SCHEMA_VERSION}): update kantlijn; the library was not changed"
    )


def check(connection: psycopg.Connection[Any], where: str) -> None:
    """Refuse a server that is not set up, older, or newer than this kantlijn.

    Raises:
        KantlijnError: with the sentence that says what to do.
    """
    found = installed_version(connection)
    if found == SCHEMA_VERSION:
        return
    if found == 0:
        raise KantlijnError(f"{where} is not a team library yet: its owner runs "
                            "kantlijn team init URI")
    if found > SCHEMA_VERSION:
        raise _newer(found, where)
    raise KantlijnError(f"the team library at {where} has schema version {found}, older than "
                        "this kantlijn: its owner runs kantlijn team init URI to update it")


def initialize(connection: psycopg.Connection[Any], where: str) -> InitReport:
    """Create the schema (or bring it up to date) and the ``kantlijn_member`` role.

    Runs in one transaction: on any failure nothing is left half made.

    Raises:
        KantlijnError: the schema is newer than this kantlijn (nothing is changed), or the
            connecting role may not create roles or tables.
    """
    import psycopg

    try:
        with connection.transaction():
            connection.execute(f"SELECT pg_advisory_xact_lock({_INIT_LOCK})")
            before = installed_version(connection)
            if before > SCHEMA_VERSION:
                raise _newer(before, where)
            role_created = _ensure_role(connection)
            for step in MIGRATIONS[before:]:
                connection.execute(step.encode())
            connection.execute(
                "INSERT INTO kantlijn.meta VALUES ('schema', %s) "
                "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                (str(SCHEMA_VERSION),),
            )
    except psycopg.errors.InsufficientPrivilege as error:
        raise KantlijnError(
            f"cannot set up the team library at {where}: {' '.join(str(error).split())} "
            "(team init runs as the database's owner, with the right to create roles)"
        ) from None
    return InitReport(before, SCHEMA_VERSION, role_created)


def _ensure_role(connection: psycopg.Connection[Any]) -> bool:
    exists = connection.execute(
        "SELECT 1 FROM pg_roles WHERE rolname = %s", (MEMBER_ROLE,)
    ).fetchone()
    if exists:
        return False
    connection.execute(f"CREATE ROLE {MEMBER_ROLE} NOLOGIN")
    return True
