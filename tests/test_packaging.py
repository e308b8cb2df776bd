"""The installed wheel carries the styles and the sample release, and the entry point works."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from tui import __version__
from tui.core import paths

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    result = subprocess.run(
        [sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", str(out),
         str(REPO)],
        capture_output=True, text=True, timeout=300,
    )
    if result.returncode != 0:
        pytest.fail(f"building the wheel failed:\n{result.stdout[-2000:]}\n{result.stderr[-2000:]}")
    return next(out.glob("kantlijn-*.whl"))


def test_wheel_holds_every_stylesheet_and_the_sample(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    for tcss in (REPO / "styles").glob("*.tcss"):
        assert f"tui/styles/{tcss.name}" in names
    assert f"tui/sample_docs/{paths.SAMPLE_NAME}" in names
    assert f"tui/sample_docs/{paths.PUBLISHED_SAMPLE_NAME}" in names
    assert "tui/sample_docs/woo-besluit/inventarislijst.xlsx" in names
    assert "tui/sample_docs/woo-besluit/1001.pdf" in names
    assert not any(name.startswith("tests/") for name in names)


def test_wheel_holds_no_pdf_writer(wheel: Path) -> None:
    """The PDF writer in tools/pdfgen builds the sample and the fixtures; it is not shipped."""
    names = zipfile.ZipFile(wheel).namelist()
    assert not [n for n in names if n.startswith("tools/")]
    assert not [n for n in names if "pdfgen" in n or "pdfwrite" in n]


def test_installed_wheel_finds_its_styles_and_sample(wheel: Path, tmp_path: Path) -> None:
    """Installed from the wheel alone (no checkout beside it), kantlijn finds its own files."""
    target = tmp_path / "site"
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--target", str(target),
         str(wheel)],
        check=True, capture_output=True, timeout=300,
    )
    code = (
        "from tui.core import paths; import tui; "
        "assert str(paths.sample_path()).startswith(str(tui.__path__[0])), paths.sample_path(); "
        "print(all(p.is_file() for p in paths.sample_paths()),"
        " len(list(paths.styles_dir().glob('*.tcss'))))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60,
        cwd=tmp_path, env={"PYTHONPATH": str(target), "PATH": "/usr/bin:/bin"},
    )
    assert result.returncode == 0, result.stderr
    found, styles = result.stdout.split()
    assert found == "True" and int(styles) == len(list((REPO / "styles").glob("*.tcss")))


def test_bundled_files_are_found_in_this_install() -> None:
    assert any(paths.styles_dir().glob("*.tcss"))
    assert paths.sample_path().is_file()
    assert [p.is_file() for p in paths.sample_paths()] == [True, True]


def test_version_and_help() -> None:
    version = subprocess.run(
        [sys.executable, "-m", "tui", "--version"], capture_output=True, text=True, check=True
    )
    assert version.stdout.strip() == f"kantlijn {__version__}"
    helptext = subprocess.run(
        [sys.executable, "-m", "tui", "--help"], capture_output=True, text=True, check=True
    ).stdout
    for command in ("extract", "import", "list", "tag", "untag", "note"):
        assert f"  {command} " in helptext


def test_library_location_follows_xdg_and_overrides(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    assert paths.library_path() == tmp_path / "data" / "kantlijn" / "library.json"
    monkeypatch.setenv("KANTLIJN_LIBRARY", str(tmp_path / "env.json"))
    assert paths.library_path() == tmp_path / "env.json"
    assert paths.library_path(tmp_path / "flag.json") == tmp_path / "flag.json"
