"""The library store: one import for what the rest of kantlijn needs from it.

The work is split by responsibility: :mod:`tui.core.store_file` (atomic writes, lock),
:mod:`tui.core.store_cache` (per-document extraction cache), :mod:`tui.core.store_migrations`
(schema versions), :mod:`tui.core.library_ops` (changes as replayable operations) and
:mod:`tui.core.library` (the :class:`Library` API).
"""

from __future__ import annotations

from tui.core.library import Library
from tui.core.library_records import DocumentRecord, DocumentSummary, Position
from tui.core.store_cache import file_sha256
from tui.core.store_migrations import SCHEMA

__all__ = ["SCHEMA", "DocumentRecord", "DocumentSummary", "Library", "Position", "file_sha256"]
