"""Test helper: Pagefind's excerpt files decoded whole, to check what search shows.

Reads the same internal format as generator/upstream/pagefind_fragments.py (whose contract
test is in tests/test_upstream.py); the build itself never needs the whole text.
"""

from __future__ import annotations

import gzip
import json
from pathlib import Path

from generator.upstream.pagefind_fragments import SIGNATURE, fragment_files


def read_fragments(site_dir: Path) -> dict[str, dict]:
    """Each excerpt file (its path in the site) with its page's URL, title and text."""
    fragments = {}
    for path in fragment_files(site_dir):
        data = gzip.decompress(path.read_bytes())
        assert data.startswith(SIGNATURE), f"{path.name}: not a Pagefind fragment"
        fragments[path.relative_to(site_dir).as_posix()] = json.loads(data[len(SIGNATURE) :])
    return fragments
