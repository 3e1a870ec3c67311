"""A one-character repair of Material's search worker (9.x) for Chinese queries.

The worker splits a Chinese query into words it finds in the index, but its loop stops
one character short, so the query's last word is never tried whole: 三声 is searched as
三*, and the pages about answering within three rings drown among every page with 三.
The repair lets the loop reach the end of the query. It is applied to the built copy of
the worker only, and only where the exact loop is found; otherwise nothing changes.
"""

from __future__ import annotations

import re
from pathlib import Path

_SHORT_LOOP = re.compile(r"for\(let (\w)=(\w)\+1;\1<(\w)\.length;\1\+\+\)\3\.slice\(\2,\1\)in ")


def repair_search_worker(site_dir: Path) -> bool:
    """Patch the built search worker in place; True if it was patched."""
    patched = False
    for worker in sorted((site_dir / "assets" / "javascripts" / "workers").glob("search.*.min.js")):
        text = worker.read_text(encoding="utf-8")
        fixed, count = _SHORT_LOOP.subn(lambda m: m.group(0).replace(f"{m.group(1)}<", f"{m.group(1)}<=", 1), text)
        if count == 1:
            worker.write_text(fixed, encoding="utf-8")
            patched = True
    return patched
