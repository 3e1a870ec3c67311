"""Search with Pagefind behind Material's search box, for the site served over HTTP.

Material's own search puts every page's text in one file that each page downloads (16 MB
at 1,000 cases). Pagefind (``pagefind[extended]``, which segments Chinese) writes a chunked
index: a query fetches only the chunks for its words and the excerpts of the results shown.
Material's search box stays; ``assets/search-worker.js`` answers it from Pagefind.

Pagefind cannot run from file://, so the copy made for a USB stick keeps Material's search.
Nothing here knows MkDocs: the plugin calls these on the finished site folder.
"""

from __future__ import annotations

import gzip
import json
import re
import subprocess
import sys
import zlib
from pathlib import Path

PAGEFIND_DIR = "pagefind"
# Pagefind's ready-made search interfaces (the site uses Material's box) and its own
# worker (our worker runs Pagefind itself), so they go.
_UNUSED = (
    "pagefind-worker.js",
    "pagefind-ui.js",
    "pagefind-ui.css",
    "pagefind-modular-ui.js",
    "pagefind-modular-ui.css",
    "pagefind-component-ui.js",
    "pagefind-component-ui.css",
    "pagefind-highlight.js",
)
# The permalink sign Material's headings end with is not text to search or show.
_EXCLUDE = ".headerlink"
_FRAGMENT_SIGNATURE = b"pagefind_dcd"
# A fragment is gzip'd "pagefind_dcd" + JSON whose first key is the page's URL.
_GZIP = 31
_HEAD = 1024
_URL = re.compile(rb'pagefind_dcd\{"url":("(?:[^"\\]|\\.)*")')


class SearchIndexError(Exception):
    """Pagefind is missing or failed; the message says what to do."""


def index_site(site_dir: Path) -> None:
    """Write Pagefind's index of the pages marked ``data-pagefind-body`` into site_dir/pagefind."""
    command = [
        sys.executable, "-m", "pagefind",
        "--site", str(site_dir),
        "--output-subdir", PAGEFIND_DIR,
        "--exclude-selectors", _EXCLUDE,
        "--silent",
    ]
    try:
        done = subprocess.run(command, capture_output=True, text=True, check=False)
    except OSError as exc:
        raise SearchIndexError(f"无法运行 Pagefind（{exc}）") from None
    if done.returncode != 0:
        output = (done.stderr or done.stdout).strip()
        if "No module named pagefind" in output:
            raise SearchIndexError("缺少 Pagefind：请运行 pip install 'pagefind[extended]'，或用 make serve / make site 安装全部依赖")
        raise SearchIndexError(f"Pagefind 建立搜索索引失败：\n{output}")
    for name in _UNUSED:
        (site_dir / PAGEFIND_DIR / name).unlink(missing_ok=True)


def read_fragments(site_dir: Path) -> dict[str, dict]:
    """Pagefind's excerpt files (path in the site): each page's URL, title and text."""
    fragments = {}
    for path in sorted((site_dir / PAGEFIND_DIR / "fragment").glob("*.pf_fragment")):
        data = gzip.decompress(path.read_bytes())
        if data.startswith(_FRAGMENT_SIGNATURE):
            fragments[path.relative_to(site_dir).as_posix()] = json.loads(data[len(_FRAGMENT_SIGNATURE):])
    return fragments


def fragment_pages(site_dir: Path) -> dict[str, str]:
    """Each excerpt file of the index with the page it belongs to (path of its HTML file
    in the site), so the offline copy can keep those of the pages kept offline.

    A fragment holds its page's whole text, but its URL comes first: only the first bytes
    are inflated (half the time of reading them whole at 1,000 cases).
    """
    pages = {}
    for path in sorted((site_dir / PAGEFIND_DIR / "fragment").glob("*.pf_fragment")):
        data = path.read_bytes()
        found = _URL.match(zlib.decompressobj(wbits=_GZIP).decompress(data, _HEAD))
        if found:
            url = json.loads(found.group(1))
        else:  # not the layout we know: read it all
            url = json.loads(gzip.decompress(data)[len(_FRAGMENT_SIGNATURE):])["url"]
        url = url.lstrip("/")
        pages[path.relative_to(site_dir).as_posix()] = url + "index.html" if url == "" or url.endswith("/") else url
    return pages
