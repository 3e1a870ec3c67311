"""Search with Pagefind behind Material's search box, for the site served over HTTP.

Material's own search puts every page's text in one file that each page downloads (16 MB
at 1,000 cases). Pagefind (``pagefind[extended]``, which segments Chinese) writes a chunked
index: a query fetches only the chunks for its words and the excerpts of the results shown.
Material's search box stays; ``assets/search-worker.js`` answers it from Pagefind.

Pagefind cannot run from file://, so the copy made for a USB stick keeps Material's search.
Nothing here knows MkDocs: the plugin calls these on the finished site folder. Reading
Pagefind's own files (its format is internal) is in generator/upstream/pagefind_fragments.py.
"""

from __future__ import annotations

import subprocess
import sys
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


class SearchIndexError(Exception):
    """Pagefind is missing or failed; the message says what to do."""


def pagefind_command(
    site_dir: Path, output_subdir: str = PAGEFIND_DIR, pages: list[str] | None = None
) -> list[str]:
    """The `python -m pagefind` command line index_site runs (the benchmark runs it too)."""
    command = [
        sys.executable,
        "-m",
        "pagefind",
        "--site",
        str(site_dir),
        "--output-subdir",
        output_subdir,
        "--exclude-selectors",
        _EXCLUDE,
        "--silent",
    ]
    if pages is not None:
        # Pagefind takes one glob: the pages as a {a,b,...} alternation (glob characters
        # do not occur in the site's paths, which come from ids and slugs).
        command += ["--glob", "{" + ",".join(pages) + "}"]
    return command


def index_site(
    site_dir: Path, output_subdir: str = PAGEFIND_DIR, pages: list[str] | None = None
) -> None:
    """Write Pagefind's index of the pages marked ``data-pagefind-body`` into
    site_dir/output_subdir; only of ``pages`` (paths in the site) when given."""
    command = pagefind_command(site_dir, output_subdir, pages)
    try:
        done = subprocess.run(command, capture_output=True, text=True, check=False)
    except OSError as exc:
        raise SearchIndexError(f"无法运行 Pagefind（{exc}）") from None
    if done.returncode != 0:
        output = (done.stderr or done.stdout).strip()
        if "No module named pagefind" in output:
            raise SearchIndexError(
                "缺少 Pagefind：请运行 pip install 'pagefind[extended]'，或用 make serve / make site 安装全部依赖"
            )
        raise SearchIndexError(f"Pagefind 建立搜索索引失败：\n{output}")
    for name in _UNUSED:
        (site_dir / output_subdir / name).unlink(missing_ok=True)
