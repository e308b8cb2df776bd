"""Copies of one release: the same text in several documents (live, published, a new version).

``fingerprint`` reads a document's text as shingles and their minhash; ``selectors`` gives each
comment its identity (kind, author, contents and its passage as a quote with the words before
and after it) and matches comments across copies; ``store`` keeps the links and the comment
matches in the library file; ``joining`` links a document that joins the library.
"""
