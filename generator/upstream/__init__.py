"""Every reach into an upstream internal (MkDocs, Material, Pagefind) lives in this package,
one module each. Each module says why it exists, what upstream shape it assumes and what
would let us delete it; ``tests/test_upstream.py`` fails loudly when a shape changes, and a
reach that misses at build time is an error, never a silent skip.

Pinned in pyproject.toml: mkdocs 1.6.x, mkdocs-material 9.x as locked in requirements.lock.
"""
