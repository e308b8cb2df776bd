"""A seeded mutation fuzzer for kantlijn's PDF reading: mutated copies of the shared corpus,
the sample release and generated memos, each run through ``kantlijn extract`` (and, for some,
opened in the app), checking for tracebacks, hangs and memory.

:mod:`tests.fuzz.mutations` makes the inputs, :mod:`tests.fuzz.target` runs one, and
``tests/benchmarks/fuzz.py N`` runs N of them over worker processes; ``tests/test_fuzz.py``
runs a fixed sample of 200 seeds in the suite.
"""
