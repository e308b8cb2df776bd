"""The team library: a library kept in PostgreSQL, shared by the members of a team.

``connection`` opens a ``postgresql://`` URI the libpq way (never showing a password),
``schema`` creates and migrates the tables and the ``kantlijn_member`` role, ``store`` holds
the SQL of each change (rows per member, guarded by row-level security), ``changes`` reads
the change sequence and listens for it, ``library`` is :class:`TeamLibrary` (the
:class:`~tui.core.library.surface.LibrarySurface` the commands use) and ``push`` copies a
local library into a team library.
"""
