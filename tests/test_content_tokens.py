"""The fast content-stream tokenizer reads real streams exactly like pypdf, and leaves what it
cannot read exactly to pypdf."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pypdf import PdfReader
from pypdf.generic import ContentStream

from tui.core.pdf.content_tokens import parse_operations
from tui.core.pdf.content_walk import extract_page_text


def _plain(value: Any) -> Any:
    """A pypdf operand as the fast path gives it (NUL is whitespace by the PDF spec)."""
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return [_plain(v) for pair in value.items() for v in pair]
    if isinstance(value, bytes):
        return bytes(value)
    if isinstance(value, str):
        return str(value).rstrip("\x00")
    if isinstance(value, (int, float)):
        return float(value)
    return value


def _streams(path: Path) -> list[bytes]:
    reader = PdfReader(path, strict=False)
    if reader.is_encrypted:
        reader.decrypt("")
    out = []
    for page in reader.pages:
        contents = page.get("/Contents")
        if contents is not None:
            out.append(ContentStream(contents, reader, "bytes").get_data())
    return out


def test_real_streams_read_as_pypdf_reads_them(corpus: Path, sample_pdf: Path) -> None:
    files = [*sorted(corpus.glob("[!b]*/*.pdf")), sample_pdf]
    fast = fallback = 0
    for path in files:
        for data in _streams(path):
            ours = parse_operations(data)
            if ours is None:
                fallback += 1
                continue
            fast += 1
            stream = ContentStream(None, None, "bytes")
            stream.set_data(data)
            # An inline image is skipped: what matters is that reading goes on after it.
            theirs = [([], b"EI") if op == b"INLINE IMAGE" else
                      ([_plain(o) for o in operands], op) for operands, op in stream.operations]
            assert [([_plain(o) for o in operands], op) for operands, op in ours] == theirs, path
    assert fast > 10 * max(fallback, 1)


def test_escapes_nesting_hex_and_comments() -> None:
    data = (b"BT /F1 12 Tf % a comment (not a string)\n"
            b"[(a\\(b\\)c) -250 (x(y)z) <48 65 6c6C 6> (\\101\\n\\\r\nB)] TJ ET")
    assert parse_operations(data) == [
        ([], b"BT"), (["/F1", 12.0], b"Tf"),
        ([[b"a(b)c", -250.0, b"x(y)z", b"Hell`", b"A\nB"]], b"TJ"), ([], b"ET"),
    ]


def test_inline_images_escaped_names_and_nested_strings_are_read() -> None:
    assert parse_operations(b"BI /W 1 /H 1 /BPC 8 /CS /G ID \x00 EI (a) Tj") == [
        ([], b"EI"), ([b"a"], b"Tj")]
    assert parse_operations(b"/F#31 12 Tf") == [(["/F1", 12.0], b"Tf")]
    assert parse_operations(b"(a(b(c)d)e) Tj") == [([b"a(b(c)d)e"], b"Tj")]


def test_what_it_cannot_read_exactly_goes_to_pypdf() -> None:
    assert parse_operations(b"[(unclosed) TJ") is None
    assert parse_operations(b"(unterminated Tj") is None
    assert parse_operations(b"(a) Tj } (b) Tj") is None


def test_deep_nesting_and_an_endless_inline_image_end_the_stream() -> None:
    for cut in (b"[" * 1_000_000, b"<<" * 1_000_000, b"BI /W 9 /H 9 ID " + b"\x01" * 100_000):
        notes: list[str] = []
        assert parse_operations(b"BT (voor) Tj ET " + cut + b" (na) Tj", notes=notes) == [
            ([], b"BT"), ([b"voor"], b"Tj"), ([], b"ET")]
        [note] = notes
        assert note.endswith("; the rest of the content stream is skipped")


def test_text_behind_nul_padded_font_names_is_read(corpus: Path) -> None:
    # This PDF writes "/Font1\x00 1 Tf"; NUL is whitespace, so the font is /Font1.
    page = extract_page_text(PdfReader(corpus / "pdfannots" / "FreeText-annotation.pdf"), 0)
    assert [line.text for line in page.lines] == ["Contents of the PDF."]
