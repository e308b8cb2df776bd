"""The fast reading of plain objects (tui/core/pdf/fast_objects.py) gives exactly pypdf's
objects, or none: every plain object of the corpus and the samples compared, and the shapes
it must leave to pypdf (streams, escapes, ``#`` names, duplicate keys, comments, nesting)."""

from __future__ import annotations

import io
import logging
import re
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader
from pypdf.generic import IndirectObject, read_object

from tui.core.pdf.fast_objects import MAX_PLAIN_DEPTH, read_plain_object

REPO = Path(__file__).resolve().parents[1]
FILES = sorted((REPO.parent / "shared" / "corpus").rglob("*.pdf")) + sorted(
    (REPO / "sample_docs").glob("*.pdf"))
_HEADER = re.compile(rb"[\x00\t\n\f\r ]*([0-9]+)[\x00\t\n\f\r ]+([0-9]+)[\x00\t\n\f\r ]+obj")


def _plain(value: Any) -> Any:
    """A comparable form: types and values, references by number."""
    if isinstance(value, IndirectObject):
        return ("R", value.idnum, value.generation)
    if isinstance(value, dict):
        return (type(value).__name__, {k: _plain(v) for k, v in value.items()})
    if isinstance(value, list):
        return (type(value).__name__, [_plain(v) for v in value])
    return (type(value).__name__, value)


def _reader() -> PdfReader:
    """Any readable file: the objects compared only hold references to it."""
    return PdfReader(min(REPO.joinpath("sample_docs").glob("*.pdf"),
                         key=lambda p: p.stat().st_size), strict=False)


def test_every_plain_object_of_the_corpus_reads_as_pypdf_reads_it(
        caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.CRITICAL, logger="pypdf")
    compared = 0
    for path in FILES:
        try:
            reader = PdfReader(path, strict=False)
            if reader.is_encrypted:
                continue
            data = path.read_bytes()
            entries = [(n, o) for n, o in reader.xref.get(0, {}).items() if isinstance(o, int)]
        except Exception:  # a file pypdf cannot open: nothing to compare
            continue
        for number, offset in entries:
            header = _HEADER.match(data, offset)
            if header is None or int(header.group(1)) != number:
                continue
            fast = read_plain_object(data, header.end(), reader)
            if fast is None:
                continue
            compared += 1
            assert _plain(fast) == _plain(reader.get_object(number)), (path.name, number)
    assert compared > 500


@pytest.mark.parametrize("body", [
    b"<< /Type /Annot /Rect [1 2.5 -3 .4] /Contents (Tekst) /P 12 0 R /F 4 /Open true >>",
    b"<< /T <FEFF00410042> /NM <4142 43> /Odd <414> /Empty () /Nil null /No false >>",
    b"[1 0 R 2 0 R 3 0 R] ", b"<</A/B/C[/D/E]>>", b"42", b"(alleen tekst)", b"-5 0 R ",
    b"<< /K [ [ [ 1 ] ] ] /N 1-2 /F +.5 >>", b"<< /Deep " + b"[" * 60 + b"]" * 60 + b" >>",
])
def test_plain_shapes_read_as_pypdf_reads_them(body: bytes) -> None:
    data = b"1 0 obj " + body + b" endobj "
    reader = _reader()
    fast = read_plain_object(data, 8, reader)
    assert fast is not None
    assert _plain(fast) == _plain(read_object(io.BytesIO(body + b" "), reader))


@pytest.mark.parametrize("body", [
    b"<< /Length 3 >> stream\nabc\nendstream", b"(met \\) escape)", b"(met (haakjes))",
    b"<< /Red#61ct 1 >>", b"<< /A 1 /A 2 >>", b"<< /A 1 % opmerking\n >>", b"<< /A >>",
    b"[" * (MAX_PLAIN_DEPTH + 1) + b"]" * (MAX_PLAIN_DEPTH + 1), b"[1 2", b"endobj", b"[3 0 Rx]",
    b"<< /A {1} >>", b"/Caf\xc3\xa9", b"<< 1 2 >>", b"[" * 1_000_000,
])
def test_other_shapes_are_left_to_pypdf(body: bytes) -> None:
    data = b"1 0 obj " + body + b" endobj "
    assert read_plain_object(data, 8, _reader()) is None
