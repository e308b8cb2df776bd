"""Themes hold (issue 13, item 5): the page and its cards are drawn in the theme's colours
(never the terminal's default background), and the theme picked is there on the next start."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import reopened
from reader_fixture import messages, reader_when_read

from tui.app import make_app
from tui.core.library.library import Library
from tui.core.settings import load_config, with_theme


@pytest.mark.parametrize("theme", ["textual-light", "textual-dark", "nord"])
async def test_every_cell_of_the_page_has_the_themes_colours(
    library: Library, sample_pdf: Path, theme: str
) -> None:
    app = make_app(library, str(sample_pdf))
    async with app.run_test(size=(160, 48)) as pilot:
        view = (await reader_when_read(pilot)).page_view
        app.theme = theme
        await pilot.pause()
        await pilot.press("n", "n")  # cards, a focused one, highlights, redactions on screen
        await pilot.pause()
        background = view.background_colors[1].rich_color
        uncoloured, page_cells = [], 0
        for y in range(view.scrollable_content_region.height):
            for segment in view.render_line(y):
                style = segment.style
                if style is None or style.bgcolor is None or style.color is None:
                    uncoloured.append((y, segment.text))
                elif style.bgcolor == background:
                    page_cells += len(segment.text)
        assert uncoloured == []
        assert page_cells > view.size.area // 2  # mostly the page's own background


@pytest.mark.after_first_run
async def test_the_theme_picked_is_saved_and_restored(library: Library, config_dir: Path) -> None:
    config = config_dir / "config.toml"
    config.write_text('# mine\n[user]\nname = "Jansen, P."\n')
    app = make_app(library)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        app.theme = "nord"
        await pilot.pause()
    saved, warnings = load_config(config)
    assert (saved.theme, saved.user_name, warnings) == ("nord", "Jansen, P.", [])
    assert config.read_text().startswith('# mine\n[user]\nname = "Jansen, P."\n')
    again = make_app(reopened(library))
    async with again.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert again.theme == "nord"


@pytest.mark.after_first_run
async def test_an_unknown_theme_is_a_warning(library: Library, config_dir: Path) -> None:
    (config_dir / "config.toml").write_text('[ui]\ntheme = "no-such-theme"\n')
    app = make_app(library)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert app.theme == "textual-dark"
        assert any("no-such-theme" in m for m in messages(app))


def test_setting_the_theme_keeps_the_rest_of_config_toml() -> None:
    text = '[user]\nname = "X"  # me\n\n[ui]\ntheme = "nord"\n'
    assert with_theme(text, "gruvbox") == '[user]\nname = "X"  # me\n\n[ui]\ntheme = "gruvbox"\n'
    assert with_theme("", "nord") == '[ui]\ntheme = "nord"\n'
