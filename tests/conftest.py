"""Shared test fixtures: where the shared corpus and the seed release live, each test's own
library (empty, or as a first run leaves it), a PostgreSQL server and a team."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from postgres_server import PostgresServer, server_or_skip
from reader_fixture import keep_notifications
from team_fixture import Team, make_team

from tui.core.document import load
from tui.core.library.library import Library
from tui.core.model import Extraction
from tui.services.library import import_sample_if_empty

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"
CORPUS = SHARED / "corpus"
SEED = SHARED / "seed" / "000_ff3be380ce62422a.txt"
SAMPLE_PDF = REPO / "sample_docs" / "nota-actieagenda-integratie.pdf"
AFTER_FIRST_RUN = "after_first_run"
"""The marker of a test whose ``library`` holds what kantlijn's first run reads in."""


def pytest_configure(config: pytest.Config) -> None:
    """Register this suite's markers."""
    config.addinivalue_line(
        "markers",
        f"{AFTER_FIRST_RUN}: the test's `library` is not empty but as kantlijn's first run "
        "leaves it (the bundled samples and the sample release read in), so the app skips "
        "the first run; for app tests that are not about the first run itself",
    )


@pytest.fixture(autouse=True)
def private_user_dirs(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Path:
    """No test reads or writes the real user's library or config (keymaps, ...).

    Returns the folder holding this test's own ``data`` (XDG_DATA_HOME) and ``config``
    (XDG_CONFIG_HOME).
    """
    home = tmp_path_factory.mktemp("xdg")
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))
    monkeypatch.delenv("KANTLIJN_LIBRARY", raising=False)
    return home


@pytest.fixture(autouse=True)
def notifications_kept(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every notification shown is kept for ``reader_fixture.messages`` (see there)."""
    keep_notifications(monkeypatch)


@pytest.fixture
def config_dir(private_user_dirs: Path) -> Path:
    """This test's kantlijn config folder (``$XDG_CONFIG_HOME/kantlijn``), created empty."""
    folder = private_user_dirs / "config" / "kantlijn"
    folder.mkdir(parents=True)
    return folder


@pytest.fixture
def data_dir(private_user_dirs: Path) -> Path:
    """This test's kantlijn data folder (``$XDG_DATA_HOME/kantlijn``, not created)."""
    return private_user_dirs / "data" / "kantlijn"


@pytest.fixture(scope="session")
def first_run_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder holding a library as kantlijn's first run leaves it, made once a test process
    by the app's own first-run import (reading the samples costs seconds of every app test
    that starts on an empty library)."""
    folder = tmp_path_factory.mktemp("first-run-library")
    library = Library.open(folder / "library.json")
    assert import_sample_if_empty(library), "the samples were not read in"
    return folder


@pytest.fixture
def library(tmp_path: Path, request: pytest.FixtureRequest) -> Library:
    """This test's own library, empty, at ``tmp_path / "library.json"``: what the app is
    given instead of the user's (a test module may fill it, in a fixture of the same name
    that asks for this one). A restart of kantlijn is :func:`helpers.reopened`.

    Marked ``after_first_run``, the test gets a copy of :func:`first_run_template` instead:
    the same documents, caches and release, without reading the samples again. Tests of
    the first run itself start on an empty library (test_app_library.py, test_app_release.py).
    """
    if request.node.get_closest_marker(AFTER_FIRST_RUN) is not None:
        template: Path = request.getfixturevalue("first_run_template")
        shutil.copytree(template, tmp_path, dirs_exist_ok=True,
                        ignore=shutil.ignore_patterns("*.lock"))
    return Library.open(tmp_path / "library.json")


@pytest.fixture
def corpus() -> Path:
    """The shared corpus of real annotated PDFs (skips where ../shared is absent)."""
    if not CORPUS.is_dir():
        pytest.skip("../shared/corpus is not present beside the checkout")
    return CORPUS


@pytest.fixture
def seed() -> Path:
    """The seed release text (skips where ../shared is absent)."""
    if not SEED.is_file():
        pytest.skip("../shared/seed is not present beside the checkout")
    return SEED


@pytest.fixture(scope="session")
def sample_pdf() -> Path:
    """The bundled sample release PDF."""
    if not SAMPLE_PDF.is_file():
        pytest.skip("sample_docs PDF not generated yet")
    return SAMPLE_PDF


@pytest.fixture(scope="module")
def sample(sample_pdf: Path) -> Extraction:
    """The bundled sample release, read once a module (the same object for its tests)."""
    return load(sample_pdf)


@pytest.fixture(scope="session")
def postgres() -> Iterator[PostgresServer]:
    """A real PostgreSQL server for this test session (skips where no binaries exist)."""
    yield from server_or_skip()


@pytest.fixture
def team(postgres: PostgresServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Team:
    """A fresh team library with members alice and bob (see ``team_fixture``)."""
    return make_team(postgres, tmp_path, monkeypatch)
