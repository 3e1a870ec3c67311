"""Compressed copies of the site's stylesheets, scripts and data files (main.css.gz,
main.css.br) for static hosts that serve them as they are: nginx `gzip_static on;
brotli_static on;`, Caddy `file_server { precompressed br gzip }`. They are most of a
phone's first visit, the same few dozen files at any size of site, and are compressed once
at the build, harder than a server does it per request.

Pages get no copy: the server compresses them as it sends them (nginx `gzip on`, as Debian
ships it; Caddy `encode`), as it must anyway for hosts that serve no copies. Their copies
were most of the work (at 1,000 cases 1,230 pages, 47 MB: 0.33 CPU s of gzip and 0.25 s of
making files) for 1.2 KB of a 12.8 KB page (gzip level 6 against nginx's default level 1;
nothing with `gzip_comp_level 6`).

The last step of `mkdocs build`; nothing here knows MkDocs.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import brotli
import deflate

# Text a browser fetches, but pages (see above). Pagefind's index and excerpts are already
# gzip'd; images, source maps (fetched only by developer tools) and the copies themselves
# are left as they are.
COMPRESSED_SUFFIXES = (".css", ".js", ".json", ".xml", ".svg", ".webmanifest", ".txt")
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
    """Write a .gz and a .br copy next to every file worth compressing (each kept only when
    smaller than the file); returns how many files got copies."""
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
    for suffix, packed in (
        (".gz", deflate.gzip_compress(data, GZIP_LEVEL)),  # no name, no time: reproducible
        (".br", brotli.compress(data, quality=BROTLI_QUALITY)),
    ):
        if len(packed) < len(data):
            path.with_name(path.name + suffix).write_bytes(packed)
            written = 1
    return written
