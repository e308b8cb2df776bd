"""``--ocr never|auto|always``, shared by ``extract`` and ``import``; config.toml's ``ocr``
when it is not given."""

from __future__ import annotations

import argparse

from tui.core.ocr.need import MODES, OcrMode, ocr_mode


def add_ocr_option(parser: argparse.ArgumentParser) -> None:
    """Add ``--ocr``."""
    parser.add_argument(
        "--ocr", choices=MODES, default=None,
        help="read pages without a text layer by OCR: auto (default, or ocr in config.toml),"
        " never, or always (every page)",
    )


def chosen_ocr(args: argparse.Namespace) -> OcrMode:
    """``--ocr`` as given, else config.toml's ``ocr`` (``auto`` by default)."""
    if args.ocr is not None:
        return ocr_mode(args.ocr)
    from tui.core.settings import load_config

    return load_config()[0].ocr
