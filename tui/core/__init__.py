"""The pure layer of kantlijn: model, extraction, store, search and export.

Nothing under ``tui.core`` imports textual; ``tests/test_core_purity.py`` enforces it.
"""
