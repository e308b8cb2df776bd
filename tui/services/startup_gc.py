"""The garbage collector paused while the app starts, until page 1 is painted.

Starting the reader allocates some 60,000 objects that live as long as the app (modules,
classes, styles, widgets). The collector runs every 700 new container objects and walks the
young ones each time, the older ones every tenth time, and now and then all of them: until
page 1 it ran about 160 times, once over everything, some 50 ms of the 0.5 s to page 1
(measured with ``gc.callbacks``). Paused, it runs none of that; the cyclic garbage made
meanwhile (some 6,000 objects) is collected in the ordinary way once it runs again.

:func:`pause_collection` is called where a process starts the app (``kantlijn [FILE]``,
the first-page benchmark), :func:`resume_collection` once the app has painted its first
screen; a process that never paused (the tests, the other commands) is left as it is.
"""

from __future__ import annotations

import gc

_paused = False


def pause_collection() -> None:
    """Stop automatic collection while the app starts (nothing when it is off already)."""
    global _paused
    if gc.isenabled():
        gc.disable()
        _paused = True


def resume_collection() -> None:
    """Collect automatically again, when :func:`pause_collection` stopped it."""
    global _paused
    if _paused:
        _paused = False
        gc.enable()
