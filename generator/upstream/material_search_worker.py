"""Two repairs to Material's own search for a Chinese site, applied to the built files
(the file:// copy and sites built with ``search: material``; Pagefind answers otherwise).

Why: (1) Material writes its index with every Chinese character escaped (\\u7269, six bytes
instead of three): rewritten as plain UTF-8 it is about half the size a phone downloads.
(2) Material's search worker splits a Chinese query into words it finds in the index, but
its loop stops one character short, so the query's last word is never tried whole: 三声 is
searched as 三*, and the pages about answering within three rings drown among every page
with 三. The repair lets the loop reach the end of the query.

Assumes (mkdocs-material 9.8.x): the index is ``search/search_index.json``; the worker is
``assets/javascripts/workers/search.<hash>.min.js`` and its minified source holds the loop
``_SHORT_LOOP`` below exactly once. ``repair_search_worker`` returns False when it does not
(the caller stops the build: a search that silently stops finding words is worse).

Delete when: Material's worker tries the query's last word whole (or the site stops using
Material's search, the file:// copy included).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

WORKERS = "assets/javascripts/workers"
WORKER_GLOB = "search.*.min.js"
SEARCH_INDEX = "search/search_index.json"
_SHORT_LOOP = re.compile(r"for\(let (\w)=(\w)\+1;\1<(\w)\.length;\1\+\+\)\3\.slice\(\2,\1\)in ")


def search_workers(site_dir: Path) -> list[Path]:
    return sorted((site_dir / WORKERS).glob(WORKER_GLOB))


def short_loops(source: str) -> int:
    """How many times the worker's source holds the loop the repair fixes."""
    return len(_SHORT_LOOP.findall(source))


def repair_search_worker(site_dir: Path) -> bool:
    """Patch the built search worker in place; True if every worker found was patched."""
    workers = search_workers(site_dir)
    for worker in workers:
        text = worker.read_text(encoding="utf-8")
        fixed, count = _SHORT_LOOP.subn(
            lambda m: m.group(0).replace(f"{m.group(1)}<", f"{m.group(1)}<=", 1), text
        )
        if count != 1:
            return False
        worker.write_text(fixed, encoding="utf-8")
    return bool(workers)


def compact_search_index(site_dir: Path) -> tuple[int, int] | None:
    """Rewrite search/search_index.json as UTF-8; the sizes before and after, in bytes."""
    index = site_dir / SEARCH_INDEX
    if not index.is_file():
        return None
    raw = index.read_bytes()
    compact = json.dumps(json.loads(raw), ensure_ascii=False, separators=(",", ":"))
    index.write_bytes(compact.encode("utf-8"))
    return len(raw), len(compact.encode("utf-8"))
