"""Which page each of Pagefind's excerpt files belongs to, read from the files themselves.

Why: the service worker keeps offline only the excerpts of the pages it keeps offline
(generator/offline.py), so offline search lists what can be opened offline. Pagefind names
its excerpt files by a hash and offers no public map from file to page.

Assumes (pagefind 1.5.x): ``fragment/*.pf_fragment`` in each part of the index (pagefind/,
pagefind/part-2/ …) are gzip files whose text is ``pagefind_dcd`` followed by the page's
JSON, whose first key is ``"url"``. A file of another shape is an error
(``FragmentFormatError``), never a page quietly left out.

Delete when: Pagefind writes a manifest of its fragments, or the offline copy keeps every
excerpt (the whole index, which grows with the site).
"""

from __future__ import annotations

import gzip
import json
import re
import zlib
from pathlib import Path

from generator.messages import site as msg
from generator.pagefind import PAGEFIND_DIR, SearchIndexError, part_folders
from generator.urls import url_file

FRAGMENTS = "fragment"
FRAGMENT_GLOB = "*.pf_fragment"
SIGNATURE = b"pagefind_dcd"
_GZIP = 31  # zlib's wbits for a gzip stream
_HEAD = 1024
_URL = re.compile(rb'pagefind_dcd\{"url":("(?:[^"\\]|\\.)*")')


class FragmentFormatError(SearchIndexError):
    """A Pagefind excerpt file is not in the shape this module reads."""

    def __init__(self, name: str, problem: str):
        super().__init__(msg.PAGEFIND_FORMAT_CHANGED.format(name=name, problem=problem))


def fragment_files(site_dir: Path) -> list[Path]:
    """The excerpt files of the site's index, of all its parts."""
    return [
        path
        for folder in part_folders(site_dir)
        for path in sorted((folder / FRAGMENTS).glob(FRAGMENT_GLOB))
    ]


def fragment_pages(site_dir: Path) -> dict[str, str]:
    """Each excerpt file of the index (its path in the site) with the path of its page's
    HTML file in the site.

    A fragment holds its page's whole text, but its URL comes first: only the first bytes
    are inflated (half the time of reading them whole at 1,000 cases).
    """
    files = fragment_files(site_dir)
    if not files:  # called after Pagefind indexed marked pages: its layout has changed
        raise FragmentFormatError(
            f"{PAGEFIND_DIR}/{FRAGMENTS}/{FRAGMENT_GLOB}", msg.PAGEFIND_NO_FRAGMENTS
        )
    pages = {}
    for path in files:
        page = url_file(_fragment_url(path).lstrip("/"))
        pages[path.relative_to(site_dir).as_posix()] = page
    return pages


def _fragment_url(path: Path) -> str:
    data = path.read_bytes()
    try:
        head = zlib.decompressobj(wbits=_GZIP).decompress(data, _HEAD)
    except zlib.error as exc:
        raise FragmentFormatError(path.name, msg.PAGEFIND_NOT_GZIP.format(detail=exc)) from None
    found = _URL.match(head) or _URL.match(gzip.decompress(data))  # a URL past _HEAD bytes
    if found is None:
        raise FragmentFormatError(
            path.name, msg.PAGEFIND_NO_SIGNATURE.format(signature=SIGNATURE.decode())
        )
    return json.loads(found.group(1))
