"""kantlijn: read PDF memos ("nota's") with the reviewer's comments beside the text."""

__version__ = "0.1.0"
