"""config.toml: the user's name on their own annotations; a broken file is a warning."""

from __future__ import annotations

import getpass
from pathlib import Path

import pytest
from reader_fixture import messages, sample_extraction

from tui.app import make_app
from tui.core.library.library import Library
from tui.core.settings import load_config


def test_user_name_comes_from_the_file_else_the_login_name(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    assert load_config(path) == load_config(tmp_path / "missing.toml")
    assert load_config(path)[0].user_name == (getpass.getuser() or "me")
    path.write_text('[user]\nname = "Nobel, J.N.J."\n')
    config, warnings = load_config(path)
    assert config.user_name == "Nobel, J.N.J." and warnings == []
    path.write_text('[user]\nname = "  \\u001b[31mX "\n')  # control characters are stripped
    assert load_config(path)[0].user_name == "[31mX"


@pytest.mark.parametrize("text", ["[user\nname = ", "user = 3\n", "[user]\nname = 7\n",
                                  "ocr_seconds = 0\n", 'ocr_seconds = "veel"\n',
                                  "ocr_seconds = 601\n", "ocr_seconds = true\n"])
def test_a_broken_config_is_one_warning_and_the_defaults(tmp_path: Path, text: str) -> None:
    path = tmp_path / "config.toml"
    path.write_text(text)
    config, warnings = load_config(path)
    assert config == load_config(tmp_path / "missing.toml")[0]
    assert len(warnings) == 1 and "config.toml" in warnings[0] and "\n" not in warnings[0]


def test_ocr_seconds_gives_ocr_its_cpu_time_a_page(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    assert load_config(path)[0].ocr_seconds is None  # the engine's own
    path.write_text('ocr = "always"\nocr_seconds = 12.5\n[user]\nname = "P."\n')
    config, warnings = load_config(path)
    assert (config.ocr, config.ocr_seconds, config.user_name, warnings) == (
        "always", 12.5, "P.", [])


async def test_the_app_tells_a_broken_config_and_still_starts(
    library: Library, tmp_path: Path, config_dir: Path
) -> None:
    (config_dir / "config.toml").write_text("[user\n")
    app = make_app(library, extraction=sample_extraction())
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        warnings = messages(app, title="Settings")
        assert len(warnings) == 1 and "defaults used" in warnings[0]
        assert app.settings.user_name == load_config(tmp_path / "none.toml")[0].user_name
