"""Tying comments to text: the passage each comment is about, the quote under markup, finding
a passage in page text, Woo redaction grounds, the nota's of a document and reply threads."""
