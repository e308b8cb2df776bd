"""The user's settings put to work in the app: the keymap, the theme, what was wrong in them.

:func:`apply_settings` runs as the app mounts. Settings that could not be used (an unknown
key name, a keymap clash, a bad config value, a theme that no longer exists) are told as
warnings, never as errors: kantlijn starts with the defaults for those. The theme the user
picks (command palette) is saved at once, so the next start shows it.
"""

from __future__ import annotations

from typing import Any

from textual.app import App
from textual.theme import Theme

from tui.actions import keymap_problems
from tui.core.settings import Settings, save_theme


def apply_settings(app: App[Any], settings: Settings) -> None:
    """Apply ``settings``' keymap and theme to ``app``, warn of what could not be used, and
    remember every theme picked from now on."""
    if settings.keymap:
        app.set_keymap(settings.keymap)
    for warning in (*settings.keymap_warnings, *keymap_problems(settings.keymap)):
        app.notify(warning, title="Keymap", severity="warning", markup=False)
    for warning in settings.config_warnings:
        app.notify(warning, title="Settings", severity="warning", markup=False)
    theme = settings.theme
    if theme and theme in app.available_themes:
        app.theme = theme
    elif theme:
        app.notify(f"There is no theme {theme}; the default is used.", title="Settings",
                   severity="warning", markup=False)

    def picked(theme: Theme) -> None:
        problem = save_theme(theme.name)
        if problem:
            app.notify(problem, title="Settings", severity="warning", markup=False)

    app.theme_changed_signal.subscribe(app, picked)
