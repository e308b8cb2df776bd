"""A small deterministic PDF writer for the sample, the tests and the benchmarks.

Not part of the product: kantlijn never writes PDFs for its users here.
"""
