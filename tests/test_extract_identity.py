"""Extraction gives exactly what it gave before the content walk was tightened.

Every glyph's character and box, every line's text, column and box, the filled boxes and the
warnings of each page (:func:`tools.extract_identity.page_glyphs`), hashed, for the sample
documents and a few small corpus files with fonts of every kind. The hashes were taken with
the walk as it was before it was made faster; a change that moves a single glyph by a bit
fails here. When a change to the layout is intended, see what moved with
``python -m tools.extract_identity`` (record before and after, compare) and take the new
hashes from :func:`digest`.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from tools.extract_identity import page_glyphs

SAMPLES = Path(__file__).resolve().parents[1] / "sample_docs"

SAMPLE_DIGESTS = {
    "nota-actieagenda-integratie-gepubliceerd.pdf":
        "a3fd398739885c1075f5f0f89440e03f3034324e9f568ed8010e437eaa71b362",
    "nota-actieagenda-integratie.pdf":
        "0b6c1b2f42ddbc987f9dd645ab8f119c67cc626d24b52955dbfed308b55693fd",
    "woo-besluit/1001.pdf":
        "d9ac08a160c3ca3f9c324b146028df764832a1508d1984c9e1daf7439df369ee",
    "woo-besluit/1002.pdf":
        "811c5eacf0e203b5ba3cf66b46393a284786f2f905062b12df8ae70f89253af8",
    "woo-besluit/1003.pdf":
        "dacec4811503947c5cae964343d61e3c8ef9a015312d91d382dc4c7a8db07060",
    "woo-besluit/1004.pdf":
        "1575162640734ac742698059ded32903b2ee4bef39f3d098b4d67848ad19ccdf",
    "woo-besluit/1005.pdf":
        "3f4aefbf559fd500b063733093b9a0d44c268c74ad9c90754c466b461efb86c9",
    "woo-besluit/1006.pdf":
        "06f4163c9a58ef3a3ae766e33f164af3d94309044ee31c748a3c03efed7778a2",
    "woo-besluit/1007.pdf":
        "4f9846c2b1dd0c0ab057c743b3e6fb53e55e00000b609c1109d94286860c4e73",
    "woo-besluit/1008.pdf":
        "09177f63d8f7129f85a447939f2aa7614f9c3a9d8ed6dae0ae58d6cdf642c555",
    "woo-besluit/besluit.pdf":
        "cc24d9999434fce3ef83bf7a55ad510463ce579e1066015c9fd2d0457411aaab",
}
CORPUS_DIGESTS = {
    "pdfannots/FreeText-annotation.pdf":
        "b4e8e1dd990def2fffcc05a5bc4c5188d2adcb07932fa96465cd4b85a063c30f",
    "pdfannots/caret.pdf":
        "41a89770e3cde338c7bd321be302ed861bb0967135742360d68c6da01131f9c7",
    "pdfannots/issue61.pdf":
        "0b487bc09530beb6750ed7daa9cc9aa0b392e14adc17a5cb2fd3791a1783c486",
    "pdfannots/issue9.pdf":
        "70dfa2a63ece7f163efa980e82dbe5ac08926e9ec83c9fc957efe8c6c6b864ba",
    "pdfannots/pr24.pdf":
        "0d202c75630ec66fd3dfbf90fe7eee4d1e385044a4ea4b3d536a85910cbc16df",
    "pdfannots/word2column.pdf":
        "5aba0adfc6c204d419bc58fe45c8235dac2da9029550a4cffc4e56431762f10c",
    "pdfium/annots.pdf":
        "c5be2c03c932e1a29d49a83295c346a52fd820c6cbf6271123841cfe5b5e06de",
    "pdfjs/quadpoints.pdf":
        "1887d11559a9a096fc9b8988af1fbd137a25cf0ae34885a01bc26607b0df549c",
    "pypdf/crazyones.pdf":
        "8e627953067edf3ec9a9774fd59a15a2d5993944e92d2be91e8d4260cf6db0f3",
}


def digest(pdf: Path) -> str:
    """The SHA-256 of a PDF's page glyphs as canonical JSON."""
    text = json.dumps(page_glyphs(pdf), ensure_ascii=False, sort_keys=True)
    return hashlib.sha256(text.encode()).hexdigest()


@pytest.mark.parametrize("name", sorted(SAMPLE_DIGESTS))
def test_sample_extraction_unchanged(name: str) -> None:
    assert digest(SAMPLES / name) == SAMPLE_DIGESTS[name]


@pytest.mark.parametrize("name", sorted(CORPUS_DIGESTS))
def test_corpus_extraction_unchanged(corpus: Path, name: str) -> None:
    assert digest(corpus / name) == CORPUS_DIGESTS[name]
