"""A Woo release as one unit: the decision letter, the inventory list and the documents.

A release comes as a folder (letter, inventory as ``.xlsx``/``.csv``/PDF, one PDF per
document named by its ID) or as one combined PDF (letter, inventory pages, documents found
by the number printed on their pages). :func:`tui.core.release.reading.read_release` reads
either into a :class:`~tui.core.release.model.Release`; :mod:`crosscheck` compares the
inventory with what the documents show and reports the gaps as findings.
"""
