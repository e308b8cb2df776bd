"""The user's library: the :class:`~tui.core.library.library.Library` API, its changes as
replayable operations, the records it hands out, the per-document extraction cache, atomic
files with a cross-process lock, schema migrations and file hashing."""
