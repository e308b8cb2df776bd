"""The keymap (issue 13, item 6): help lists every binding's id and the real keymap file,
mistakes in keymap.toml are reported at start, and messages name the user's keys."""

from __future__ import annotations

from pathlib import Path

import pytest
from reader_fixture import messages, reader_when_read

from tui.actions import ACTIONS, keymap_problems
from tui.app import KantlijnApp, make_app
from tui.core.library.library import Library
from tui.screens.help import HelpScreen


def warnings(app: KantlijnApp) -> list[str]:
    return messages(app, title="Keymap")


async def test_help_lists_binding_ids_and_the_keymap_file(
    library: Library, sample_pdf: Path, config_dir: Path
) -> None:
    app = make_app(library, str(sample_pdf))
    async with app.run_test(size=(160, 48)) as pilot:
        await reader_when_read(pilot)
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        ids = {i.strip() for row in app.screen.rows for i in row.ids.split(",")}
        reader_ids = {a.id for a in ACTIONS if a.scope in ("reader", "selection", "app")}
        assert reader_ids <= ids
        assert {row.label: row.ids for row in app.screen.rows}["Next comment"] == "next_comment"
        shown = str(app.screen.query_one("#help-keymap").render())
        assert str(config_dir / "keymap.toml") in shown  # $XDG_CONFIG_HOME, as it is


@pytest.mark.after_first_run
async def test_unknown_ids_and_keys_bound_twice_are_reported(
    library: Library, config_dir: Path
) -> None:
    (config_dir / "keymap.toml").write_text(
        '[keymap]\nnext_coment = "x"\nnext_comment = "j"\ntag = "T"\n'
    )
    app = make_app(library)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        told = warnings(app)
        assert any(w.startswith("next_coment is not a binding id") for w in told)
        assert any("j is bound to both scroll_down and next_comment" in w for w in told)
        assert any("T is bound to both" in w and "untag" in w for w in told)
        assert len(told) == 3


async def test_messages_and_hints_name_the_users_keys(
    library: Library, sample_pdf: Path, config_dir: Path
) -> None:
    (config_dir / "keymap.toml").write_text(
        '[keymap]\nnext_comment = "z"\nprevious_comment = "Z"\nclear = "ctrl+g"\n'
    )
    app = make_app(library, str(sample_pdf))
    async with app.run_test(size=(100, 24)) as pilot:
        screen = await reader_when_read(pilot)
        assert warnings(app) == []
        await pilot.press("colon", *"11", "enter")  # no comment on screen here
        await pilot.pause()
        await pilot.press("t")
        await pilot.pause()
        told = messages(app)
        assert any(m.startswith("No comment on screen: z or Z") for m in told)
        await pilot.press("slash", *"Zweden", "enter")
        await pilot.pause()
        status = str(screen.query_one("#reader-status").render())
        assert "z/Z next · ^g ends" in status
        await pilot.press("v")
        await pilot.pause()
        status = str(screen.query_one("#reader-status").render())
        assert "selecting:" in status and "h highlight" in status


def test_no_two_actions_share_a_default_key_where_both_work() -> None:
    as_if_remapped = {action.id: action.keys for action in ACTIONS}
    assert keymap_problems(as_if_remapped) == []
