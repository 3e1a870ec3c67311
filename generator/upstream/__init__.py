"""Every reach into an upstream internal (MkDocs, Material, Pagefind) lives in this package,
one module each. Each module says why it exists, what upstream shape it assumes and what
would let us delete it; ``tests/test_upstream.py`` fails loudly when a shape changes, and a
reach that misses at build time is an error, never a silent skip.

- ``mkdocs_preview``: incremental rebuilds and the error page under ``mkdocs serve``;
- ``material_search``: Material's search box answered by Pagefind, the file:// shim;
- ``material_search_worker``: Material's own search repaired for Chinese queries;
- ``material_assets``: Material's built files a phone keeps offline;
- ``pagefind_fragments``: which page each of Pagefind's excerpt files belongs to.
(bench/timed_build.py clocks MkDocs' plugin events the same way; it is not shipped.)

Pinned in pyproject.toml to a minor release each (mkdocs ~=1.6.1, mkdocs-material ~=9.8.2,
pagefind ~=1.5.2); the exact versions are in requirements.lock (``make lock`` updates it).
"""
