"""Untrusted text is cleaned before anything shows it."""

from __future__ import annotations

from tui.core.text import clean_line, clean_text, expand_ligatures


def test_terminal_escape_sequences_lose_their_escape() -> None:
    hostile = "Welke\x1b[2J dan?\x07\x9b31m"
    assert clean_text(hostile) == "Welke[2J dan?31m"


def test_line_ends_are_normalised_and_tabs_kept() -> None:
    assert clean_text("a\r\nb\rc\td") == "a\nb\nc\td"
    assert clean_line("a\r\nb\tc") == "a b c"


def test_bidi_overrides_are_removed_but_dutch_letters_stay() -> None:
    assert clean_text("gei\u0308ntegreerd \u202eevil\u202c €") == "geïntegreerd evil €"


def test_ligatures_expand() -> None:
    assert expand_ligatures("e\ufb03ciënt \ufb01nanciën") == "efficiënt financiën"
