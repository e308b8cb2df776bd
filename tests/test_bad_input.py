"""Broken, hostile and encrypted PDFs: a clean error or a result, quickly, never a traceback."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from tui.core.errors import EncryptedError, KantlijnError, UnreadableError
from tui.core.model import Annotation
from tui.core.pdf.annotations import read_document_annotations
from tui.core.pdf.log import pypdf_warnings
from tui.core.pdf.opening import open_pdf, page_count

TIME_LIMIT = 10.0
BAD_FILES = sorted(p.name for p in (Path(__file__).parent.parent.parent / "shared" / "corpus"
                                    / "bad").glob("*.pdf"))


def read_all(path: Path, password: str | None = None) -> tuple[int, list[Annotation], list[str]]:
    """What extraction does with a file: open, count pages, read every annotation."""
    warnings: list[str] = []
    with pypdf_warnings(warnings):
        reader = open_pdf(path, password)
        pages = page_count(reader, warnings)
        annotations = read_document_annotations(reader, warnings)
    return pages, annotations, warnings


def run_with_limit(path: Path) -> object:
    """``read_all`` in a daemon thread; the outcome (result or exception) or a timeout."""
    outcome: list[object] = []

    def work() -> None:
        try:
            outcome.append(read_all(path))
        except BaseException as exc:  # the test inspects whatever escaped
            outcome.append(exc)

    thread = threading.Thread(target=work, daemon=True)
    thread.start()
    thread.join(TIME_LIMIT)
    if thread.is_alive():
        pytest.fail(f"{path.name} still running after {TIME_LIMIT} s")
    return outcome[0]


def test_bad_corpus_is_present(corpus: Path) -> None:
    assert len(BAD_FILES) == 27


@pytest.mark.parametrize("name", BAD_FILES)
def test_bad_file_ends_cleanly(corpus: Path, name: str, capfd: pytest.CaptureFixture[str]) -> None:
    outcome = run_with_limit(corpus / "bad" / name)
    if isinstance(outcome, BaseException):
        assert isinstance(outcome, UnreadableError | EncryptedError), repr(outcome)
        message = str(outcome)
        assert "\n" not in message and name in message
    else:
        assert isinstance(outcome, tuple)
        pages, _, warnings = outcome
        assert pages >= 1
        assert all(isinstance(w, str) and "\n" not in w for w in warnings)
    assert capfd.readouterr().err == ""  # pypdf's complaints were captured, not printed


def test_known_outcomes(corpus: Path) -> None:
    bad = corpus / "bad"
    with pytest.raises(UnreadableError, match="startxref"):
        read_all(bad / "issue15590.pdf")
    pages, annotations, warnings = read_all(bad / "Pages-tree-refs.pdf")
    assert pages >= 1 and any("page tree" in w for w in warnings)
    _, annotations, warnings = read_all(bad / "bad_annots_entry.pdf")
    assert annotations == [] and any("not an annotation" in w for w in warnings)
    _, annotations, _ = read_all(bad / "poppler-395-0-fuzzed.pdf")
    assert [a.kind for a in annotations] == ["freetext", "freetext"]
    _, (line,), _ = read_all(bad / "annotation-line-without-appearance-empty-Rect.pdf")
    assert line.contents == "Contents" and line.rect == (0.0, 0.0, 0.0, 0.0)


@pytest.mark.parametrize(
    ("name", "password"),
    [("crazyones-encrypted-256.pdf", "password"), ("r4-user-password.pdf", "asdfzxcv")],
)
def test_user_password(corpus: Path, name: str, password: str) -> None:
    if name.startswith("crazyones"):
        pytest.importorskip("cryptography", reason="AES-256 needs the cryptography package")
    path = corpus / "bad" / name
    with pytest.raises(EncryptedError, match="is encrypted; use --password") as missing:
        read_all(path)
    assert missing.value.exit_code == 2
    with pytest.raises(EncryptedError, match="wrong password"):
        read_all(path, "not-the-password")
    pages, _, _ = read_all(path, password)
    assert pages == 1


@pytest.mark.parametrize(
    "name", ["r2-empty-password.pdf", "r6-owner-password.pdf", "encrypted_doc_no_id.pdf"]
)
def test_empty_user_password_opens_without_asking(corpus: Path, name: str) -> None:
    if name.startswith("r6"):
        pytest.importorskip("cryptography", reason="AES-256 needs the cryptography package")
    pages, _, _ = read_all(corpus / "bad" / name)
    assert pages >= 1


def test_not_a_pdf_missing_and_directory(tmp_path: Path) -> None:
    text = tmp_path / "memo.pdf"
    text.write_text("Dit is geen PDF.\n", encoding="utf-8")
    cases = {text: "not a PDF", tmp_path / "absent.pdf": "no such file", tmp_path: "is a directory"}
    for path, wording in cases.items():
        with pytest.raises(KantlijnError) as error:
            open_pdf(path)
        assert isinstance(error.value, UnreadableError) and error.value.exit_code == 1
        assert str(error.value) == f"{path}: {wording}"
