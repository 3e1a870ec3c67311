"""The .gz and .br copies a static host serves in place of a file: what the browser unpacks
must be the file, byte for byte, and a rebuild of the same site must give the same copies.
Pages get none: the server compresses them as it sends them."""

from __future__ import annotations

import gzip
import os
from pathlib import Path

import brotli

from generator.precompress import MIN_BYTES, precompress_site

PAGE = ("<p>投诉处理：先倾听，再复述客户的诉求，最后给出时限。</p>\n" * 200).encode()
STYLES = ".md-typeset .tk-chip{margin:0 .2em;padding:0 .4em;border-radius:1em}\n" * 100


def _site(root: Path) -> Path:
    (root / "cases" / "case-1").mkdir(parents=True)
    (root / "cases" / "case-1" / "index.html").write_bytes(PAGE)
    (root / "assets").mkdir()
    (root / "assets" / "app.js").write_bytes(b"document.title = 'x';\n" * 100)
    (root / "assets" / "site.css").write_text(STYLES, encoding="utf-8")
    (root / "small.css").write_bytes(b"p{margin:0}" * 10)  # under MIN_BYTES
    (root / "logo.png").write_bytes(b"\x89PNG" + b"\0" * 4000)  # not text
    (root / "noise.txt").write_bytes(os.urandom(4000))  # no smaller when compressed
    return root


def test_every_copy_unpacks_to_the_file_itself(tmp_path):
    site = _site(tmp_path)
    assert precompress_site(site) == 2
    for name in ("assets/app.js", "assets/site.css"):
        original = (site / name).read_bytes()
        assert gzip.decompress((site / f"{name}.gz").read_bytes()) == original
        assert brotli.decompress((site / f"{name}.br").read_bytes()) == original
        # A phone gets the file in a fraction of its bytes.
        assert (site / f"{name}.gz").stat().st_size < len(original) / 5


def test_pages_small_binary_and_incompressible_files_get_no_copy(tmp_path):
    site = _site(tmp_path)
    precompress_site(site)
    assert (site / "small.css").stat().st_size < MIN_BYTES
    # Pages: as many copies as pages, for a kilobyte each over what the server sends.
    for name in ("cases/case-1/index.html", "small.css", "logo.png", "noise.txt"):
        assert not (site / f"{name}.gz").exists()
        assert not (site / f"{name}.br").exists()


def test_a_rebuild_gives_the_same_copies(tmp_path):
    """No file name or time in the gzip header: an unchanged file keeps its copy's bytes, so
    a deploy that compares files uploads only what changed."""
    first, second = _site(tmp_path / "a"), _site(tmp_path / "b")
    precompress_site(first)
    os.utime(second / "assets" / "app.js", (0, 0))
    precompress_site(second)
    for name in ("assets/site.css.gz", "assets/app.js.gz", "assets/app.js.br"):
        assert (first / name).read_bytes() == (second / name).read_bytes()
    header = (first / "assets/app.js.gz").read_bytes()[:10]
    assert header[3] == 0  # no name or comment fields
    assert header[4:8] == b"\0\0\0\0"  # no modification time
