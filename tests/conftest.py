"""Shared test fixtures: where the shared corpus and the seed release live."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"
CORPUS = SHARED / "corpus"
SEED = SHARED / "seed" / "000_ff3be380ce62422a.txt"
SAMPLE_PDF = REPO / "sample_docs" / "nota-actieagenda-integratie.pdf"


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


@pytest.fixture
def sample_pdf() -> Path:
    """The bundled sample release PDF."""
    if not SAMPLE_PDF.is_file():
        pytest.skip("sample_docs PDF not generated yet")
    return SAMPLE_PDF
