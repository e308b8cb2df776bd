"""How to install the OCR engine: the line every word about a missing engine ends with.

A module of its own so that what only tells of OCR (the reader's warnings) does not import
the engine and what it needs to run.
"""

INSTALL_LINE = "apt-get install tesseract-ocr tesseract-ocr-nld"
"""The Debian command that installs Tesseract with its Dutch language data."""
