"""Exports that read well: Markdown escapes only what would change the rendering, no link
forms (not even from a bare address), tags keep their characters, files get the user's
normal mode, the dialog's preview cuts at words, and ``… -o - | head -1`` ends quietly."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from markdown_it import MarkdownIt
from pdf_fixtures import Highlight, Note, make_pdf

from tui.cli import main
from tui.core.escape import markdown_inline, markdown_lines
from tui.dialogs.export import cut_at_word

NOTE = ("Besproken op 2025-02-07 met BZ & SZW; zie https://www.rijksoverheid.nl/woo_besluit "
        "of mail woo@minbuza.nl. snake_case_naam")


@pytest.fixture
def lib(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Iterator[list[str]]:
    pdf = make_pdf(tmp_path / "memo.pdf", [["Hiervoor zijn al aanwijzingen."]],
                   [Highlight(phrase="Hiervoor zijn al aanwijzingen", name="h1"),
                    Note(beside="Hiervoor", text=NOTE, name="n1")])
    args = ["--library", str(tmp_path / "library.json")]
    assert main(["import", str(pdf), *args]) == 0
    assert main(["tag", "h1", "follow-up", "5.1.2e", "Buitenlandse Zaken", "#x", *args]) == 0
    capsys.readouterr()
    yield args


def _markdown(lib: list[str], capsys: pytest.CaptureFixture[str]) -> str:
    assert main(["export", "-f", "md", "-o", "-", *lib]) == 0
    return capsys.readouterr().out


def test_markdown_reads_as_written_and_renders_as_written(
    lib: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    text = _markdown(lib, capsys)
    assert "Besproken op 2025-02-07 met BZ & SZW" in text  # no 2025\-02-07, no &amp;
    assert "snake_case_naam" in text
    html = MarkdownIt("gfm-like").render(text)
    for parser in ("commonmark", "gfm-like"):  # GitHub and Obsidian link bare addresses
        tokens = MarkdownIt(parser).parse(text)
        links = [t.attrGet("href") for tok in tokens for t in (tok.children or [])
                 if t.type == "link_open"]
        assert links and all(str(h).startswith("memo.pdf#page=") for h in links), parser
    assert "<code>https://www.rijksoverheid.nl/woo_besluit</code>" in html
    assert "<code>woo@minbuza.nl</code>." in html


def test_tags_keep_their_characters(lib: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    text = _markdown(lib, capsys)
    line = next(ln for ln in text.splitlines() if "#follow-up" in ln)
    assert line.strip() == "#follow-up “5.1.2e” “Buitenlandse Zaken” “#x”"
    rendered = MarkdownIt("commonmark").render(line)
    assert "“5.1.2e” “Buitenlandse Zaken” “#x”" in rendered


@pytest.mark.parametrize(("text", "escaped"), [
    ("2025-02-07", "2025-02-07"), ("A & B", "A & B"), ("&amp;", "\\&amp;"),
    ("[hier](x)", "\\[hier](x)"), ("<b>", "\\<b>"), ("a < b", "a < b"),
    ("*nadruk*", "\\*nadruk\\*"),
    ("_nadruk_", "\\_nadruk\\_"), ("een `code` woord", "een \\`code\\` woord"), ("5 `", "5 `"),
    ("C:\\map", "C:\\map"), ("\\*", "\\\\\\*"),
])
def test_inline_text_escapes_only_what_would_change_the_rendering(text: str,
                                                                  escaped: str) -> None:
    assert markdown_inline(text) == escaped
    assert MarkdownIt("commonmark").renderInline(escaped) == MarkdownIt(
        "commonmark").renderInline("") + _html(text)


def _html(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def test_lines_that_would_open_a_list_heading_quote_or_rule_stay_text() -> None:
    text = "1. eerst dit\n- dan dat\n# geen kop\n> geen citaat\n---\n2025-02-07 bleef"
    lines = markdown_lines(text)
    assert lines[-1] == "2025-02-07 bleef"
    html = MarkdownIt("commonmark").render("\n\n".join(lines))
    assert html == "".join(f"<p>{_html(line)}</p>\n" for line in text.split("\n"))


def test_a_line_that_could_make_a_table_is_escaped() -> None:
    html = MarkdownIt("gfm-like").render("\n".join(markdown_lines("a | b\n--|--\nc | d")))
    assert "<table>" not in html


def test_export_files_get_the_users_normal_mode(
    lib: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    old = os.umask(0o022)
    try:
        for fmt in ("md", "csv", "json", "jsonld", "pdf"):
            target = tmp_path / f"out.{fmt}"
            assert main(["export", "-f", fmt, "-o", str(target), *lib]) == 0
            assert target.stat().st_mode & 0o777 == 0o644, fmt
        os.umask(0o027)
        target = tmp_path / "group.md"
        assert main(["export", "-o", str(target), *lib]) == 0
        assert target.stat().st_mode & 0o777 == 0o640
    finally:
        os.umask(old)


@pytest.mark.parametrize("argv", [["export", "-f", "json", "-o", "-"], ["search", "zijn"],
                                  ["export", "-f", "md", "-o", "-"]])
def test_output_to_a_reader_that_stops_early_ends_quietly(lib: list[str], argv: list[str]) -> None:
    process = subprocess.Popen([sys.executable, "-m", "tui", *argv, *lib],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert process.stdout is not None and process.stderr is not None
    process.stdout.close()  # as `| head -0` would: every write meets a closed pipe
    errors = process.stderr.read().decode()
    assert (process.wait(timeout=60), errors) == (0, "")


@pytest.mark.parametrize(("line", "cut"), [
    ("kort", "kort"),
    ("een regel met woorden die te lang is", "een regel met…"),
    ("eenheelLangWoordZonderSpaties", "eenheelLangWo…"),
])
def test_the_preview_cuts_at_a_word(line: str, cut: str) -> None:
    assert cut_at_word(line, 14) == cut
