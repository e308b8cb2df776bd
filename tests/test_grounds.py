"""Woo redaction grounds from wording and from article codes."""

from __future__ import annotations

import pytest

from tui.core.anchoring.ground_lists import GroundList, ground_list
from tui.core.anchoring.grounds import (
    GROUND_LABELS,
    ground_label,
    mentions_ground,
    normalise_ground,
    printed_code,
    written_code,
)


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Lakken op grond van diplomatieke betrekkingen", "5.1.2a"),
        ("betrekkingen van Nederland met andere staten", "5.1.2a"),
        ("Lakken op grond van Financiële belangen", "5.1.2b"),
        ("economische of financiële belangen van de Staat", "5.1.2b"),
        ("eerbiediging van de persoonlijke levenssfeer", "5.1.2e"),
        ("persoonlijke beleidsopvattingen", "5.2"),
        ("veiligheid van de Staat", "5.1.1b"),
        ("onevenredige benadeling", "5.1.5"),
        ("het goed functioneren van de Staat", "5.1.2i"),
        ("opsporing en vervolging van strafbare feiten", "5.1.2c"),
        ("5.1.2e", "5.1.2e"),
        ("5.1.2¢", "5.1.2e"),
        ("5.1.2 e", "5.1.2e"),
        ("art. 5.1, tweede lid, onder e", "5.1.2e"),
        ("artikel 5.1 lid 2 sub i", "5.1.2i"),
        ("5.1.1d Woo", "5.1.1d"),
        ("5.2", "5.2"),
        ("5.1.5", "5.1.5"),
        ("5.1.2.e", "5.1.2e"),
        ("5.4", "5.4"),
        ("artikel 5.4 Woo", "5.4"),
        ("10.2.e", "10.2e"),
        ("10.2 e", "10.2e"),
        ("10.1d", "10.1d"),
        ("artikel 10, tweede lid, onder g", "10.2g"),
        ("art. 10 lid 2 sub a Wob", "10.2a"),
        ("11.1 Wob", "11.1"),
        ("art. 11 Wob", "11.1"),
    ],
)
def test_known_grounds(text: str, code: str) -> None:
    assert normalise_ground(text) == code


def test_unknown_and_missing_grounds() -> None:
    assert normalise_ground("Lakken op grond van  afspraak met de minister ") == (
        "afspraak met de minister"
    )
    assert normalise_ground("") is None
    assert normalise_ground(None) is None
    assert normalise_ground("   ") is None


def test_labels_and_mentions() -> None:
    assert ground_label("5.1.2e") == "eerbiediging van de persoonlijke levenssfeer"
    assert ground_label("iets anders") == "iets anders"
    assert ground_label(None) == ""
    assert len(GROUND_LABELS) == 5 + 9 + 3 + 4 + 7 + 1  # Woo 5.1.1, 5.1.2, 5.1.5/5.2/5.4; Wob
    assert mentions_ground("Lakken op grond van diplomatieke betrekkingen")
    assert not mentions_ground("Welke dan?")


def test_wob_letters_beyond_the_law_and_section_numbers_are_not_grounds() -> None:
    assert normalise_ground("10.1e") == "10.1e"  # the Wob's first lid ends at d: kept as text
    assert normalise_ground("zie paragraaf 11.1") == "zie paragraaf 11.1"
    assert written_code("10.2") is None


@pytest.mark.parametrize(
    ("printed", "code"),
    [("10.2e", "10.2e"), ("(10.2.e)", "10.2e"), ("11.1", "11.1"), ("5.4", "5.4"),
     ("5.1.2¢", "5.1.2e"), ("10.1", None), ("5.1.2", None)],
)
def test_printed_codes_of_both_laws(printed: str, code: str | None) -> None:
    assert printed_code(printed) == code


@pytest.mark.parametrize(
    ("cell", "codes", "reasons"),
    [
        ("5.1.2e; 5.1.2i", ("5.1.2e", "5.1.2i"), ()),
        ("5.1.2.e, 5.2", ("5.1.2e", "5.2"), ()),
        ("art. 5.1, tweede lid, onder e", ("5.1.2e",), ()),
        ("Art. 5.1 lid 2 sub e Woo; 5.1.1c", ("5.1.2e", "5.1.1c"), ()),
        ("10.2.e", ("10.2e",), ()),
        ("5.1.2 a en e", ("5.1.2a", "5.1.2e"), ()),
        ("5.1.2a,e", ("5.1.2a", "5.1.2e"), ()),
        ("10.2e/g", ("10.2e", "10.2g"), ()),
        ("5.1.2¢", ("5.1.2e",), ()),
        ("11.1", ("11.1",), ()),
        ("persoonlijke levenssfeer", ("5.1.2e",), ()),
        ("Dubbel", (), ("dubbel",)),
        ("5.1.2e, dubbel document", ("5.1.2e",), ("dubbel",)),
        ("buiten reikwijdte", (), ("buiten reikwijdte",)),
        ("5.1.2e; 5.1.2.e", ("5.1.2e",), ()),
        ("", (), ()),
    ],
)
def test_an_inventory_cell_of_grounds(cell: str, codes: tuple[str, ...],
                                      reasons: tuple[str, ...]) -> None:
    assert ground_list(cell) == GroundList(codes, reasons)
