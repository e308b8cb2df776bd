"""Woo redaction grounds from wording and from article codes."""

from __future__ import annotations

import pytest

from tui.core.anchoring.grounds import (
    GROUND_LABELS,
    ground_label,
    mentions_ground,
    normalise_ground,
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
    assert len(GROUND_LABELS) == 5 + 9 + 2
    assert mentions_ground("Lakken op grond van diplomatieke betrekkingen")
    assert not mentions_ground("Welke dan?")
