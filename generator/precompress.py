"""Compressed copies of the built site's text files (page.html.gz, main.css.br) for static
hosts that serve them as they are: nginx `gzip_static on; brotli_static on;`, Caddy
`file_server { precompressed br gzip }`. A phone on mobile data then gets a page in about a
fifth of its bytes without the server compressing anything per request.

Every text file gets a gzip copy, which every browser and static server takes. The files
that are not pages (stylesheets, scripts, data: a few dozen at any size of site) get a
Brotli copy too: they are most of a first visit's bytes and cost little to compress. Pages
get none: Brotli saves 1.2 KB of a page's 11.6 (10.5% over the 1,000-case site's pages) for
2.5 times gzip's CPU, 0.8 s a build at 1,000 cases. A first visit of the sand-pit case (the
page, main.css, site.css, bundle.js and our three scripts) is 77.5 KB in gzip, 73.7 KB so,
72.7 KB all Brotli.

The last step of `mkdocs build`; nothing here knows MkDocs.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import brotli
import deflate

# Text a browser fetches. Pagefind's index and excerpts are already gzip'd; images, source
# maps (fetched only by developer tools) and the copies themselves are left as they are.
COMPRESSED_SUFFIXES = (".html", ".css", ".js", ".json", ".xml", ".svg", ".webmanifest", ".txt")
# Pages get a gzip copy only (see above).
PAGE_SUFFIX = ".html"
MIN_BYTES = 1024  # below this a compressed copy saves less than its own request headers
# Measured on the shipped site (10.8 MB of text): Brotli quality 6 gives 2.33 MB in 0.18 CPU s,
# quality 9 2.26 MB in 2.3 s. A site of thousands of pages is rebuilt often: the cheap
# settings, 3% larger at most. On 1,000 synthetic cases (54.7 MB of text, one thread):
# Brotli 5 0.94 s for 0.5% more bytes than 6 (1.03 s), 4 0.65 s for 14% more.
BROTLI_QUALITY = 6
# The .gz copies come from libdeflate (the `deflate` package), not zlib: on those 54.7 MB its
# level 6 takes 0.42 CPU s for 14.80 MB, zlib's 0.87 s for 14.91 MB (a case page 11.76 KB
# against 11.86); zlib level 1 takes 0.41 s for 16.59 MB. ISA-L (`isal`) is faster still
# (0.15 s) but 11% larger (16.53 MB): a phone whose host serves no Brotli pays for it.
GZIP_LEVEL = 6


def precompress_site(site_dir: Path) -> int:
    """Write a .gz copy next to every text file worth compressing, and a .br copy too next to
    those not pages (each kept only when smaller than the file); returns how many files got
    copies."""
    return precompress_files(compressible_files(site_dir))


def compressible_files(site_dir: Path) -> list[Path]:
    """The text files of the site worth a compressed copy."""
    files = site_dir.rglob("*")
    return compressible(p for p in files if p.suffix in COMPRESSED_SUFFIXES and p.is_file())


def compressible(files: Iterable[Path]) -> list[Path]:
    """Those of ``files`` worth a compressed copy."""
    return [
        path
        for path in files
        if path.suffix in COMPRESSED_SUFFIXES and path.stat().st_size >= MIN_BYTES
    ]


def precompress_files(paths: Iterable[Path]) -> int:
    """The compressed copies of ``paths``; returns how many files got copies."""
    # zlib and brotli let go of the interpreter while they compress: threads use every core.
    with ThreadPoolExecutor(max_workers=os.cpu_count() or 2) as pool:
        return sum(pool.map(_compress, paths))


def _compress(path: Path) -> int:
    data = path.read_bytes()
    written = 0
    for suffix, compress in _COMPRESSORS if path.suffix != PAGE_SUFFIX else _COMPRESSORS[:1]:
        packed = compress(data)
        if len(packed) < len(data):
            path.with_name(path.name + suffix).write_bytes(packed)
            written = 1
    return written


_COMPRESSORS = (
    (".gz", lambda data: deflate.gzip_compress(data, GZIP_LEVEL)),  # no name, no time
    (".br", lambda data: brotli.compress(data, quality=BROTLI_QUALITY)),
)
