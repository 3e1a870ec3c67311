"""What Pagefind is given to read (generator/pagefind.py runs it): a copy of each page it
indexes holding only what it reads (search_page), written in path order (write_pages); a
glob naming some pages of a site (pages_glob); and, on a large site, the pages split into
parts, each indexed on its own (split_pages). Pure functions of pages and their paths.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

# Pagefind's peak memory follows the pages it indexes and their text (2.85 GB for 5,130 pages
# of synthetic cases, 765 MB for 1,283 of them, 917 MB for 1,500 pages of 24 MB): a site with
# more than this many pages, or more bytes for Pagefind to read, has its index written in
# parts, one Pagefind run after another, each under 1 GB, which the browser searches as one.
PART_PAGES = 1_400
PART_BYTES = 28_000_000
# Pagefind's attributes: the element it indexes, and what it reads anywhere in a page.
BODY = "data-pagefind-body"
_ATTRIBUTES = "data-pagefind-"
_TAG = re.compile(r"<([A-Za-z][\w-]*)")


def search_page(html: str) -> str:
    """What Pagefind reads of a page marked ``data-pagefind-body``, as a page of its own:
    the <html> tag (its lang), the head and the marked element, without the header,
    navigation and footer around it (a case page's 33 KB of HTML is 9 KB, and Pagefind
    spends 15 to 25% less CPU on the site; the index it writes is the same, byte for byte,
    tests/test_pagefind.py). The page whole if it carries any other Pagefind attribute
    outside that element (a filter or a meta field) or is not in that shape."""
    marker = html.find(BODY)
    start = html.rfind("<", 0, marker)
    found = _TAG.match(html, start) if marker >= 0 and start >= 0 else None
    if found is None:
        return html
    tag = found.group(1)
    depth, end = 0, -1
    for match in re.finditer(rf"<(/?){tag}\b[^>]*>", html[start:]):
        depth += -1 if match.group(1) else 1
        if depth == 0:
            end = start + match.end()
            break
    opening, head_start, head_end = html.find("<html"), html.find("<head"), html.find("</head>")
    if end < 0 or not 0 <= opening < head_start < head_end < start:
        return html
    if _ATTRIBUTES in html[:start] or _ATTRIBUTES in html[end:]:
        return html
    html_tag = html[opening : html.index(">", opening) + 1]
    head = html[head_start : head_end + len("</head>")]
    return f"<!DOCTYPE html>\n{html_tag}{head}<body>{html[start:end]}</body></html>\n"


def write_pages(folder: Path, pages: dict[str, bytes]) -> None:
    """``pages`` (path → HTML) written under ``folder`` in path order, so that a folder that
    lists its files in the order they were made (tmpfs) gives Pagefind the same order, and
    the same index, at every build."""
    made: set[Path] = set()
    for path in sorted(pages):
        file = folder / path
        if file.parent not in made:
            file.parent.mkdir(parents=True, exist_ok=True)
            made.add(file.parent)
        file.write_bytes(pages[path])


def pages_glob(pages: Iterable[str], site_pages: Iterable[str]) -> str:
    """One glob for Pagefind that matches ``pages`` and no other of ``site_pages`` (paths
    of HTML files in the site): a folder whose pages are all wanted is one ``folder/**``
    entry, so the glob stays short at any number of pages (one argument of a command line
    is at most 128 KB on Linux). Glob characters do not occur in the site's paths, which
    come from ids and slugs."""
    wanted = set(pages)
    unwanted = set(site_pages) - wanted
    # Folders holding a page not wanted: they are listed inside, every other one whole.
    mixed = {
        "/".join(path.split("/")[:depth])
        for path in unwanted
        for depth in range(1, path.count("/") + 1)
    }
    if not unwanted:
        return "**/*.html"
    entries = set()
    for path in wanted:
        parts = path.split("/")
        for depth in range(1, len(parts)):
            folder = "/".join(parts[:depth])
            if folder not in mixed:
                entries.add(f"{folder}/**/*.html")
                break
        else:
            entries.add(path)
    return "{" + ",".join(sorted(entries)) + "}"


def split_pages(
    sizes: dict[str, int], most_pages: int = PART_PAGES, most_bytes: int = PART_BYTES
) -> list[list[str]]:
    """The pages to index (path → bytes Pagefind reads of it) in as few parts as keep each
    within ``most_pages`` and about ``most_bytes``; one part up to there. Each part takes
    every n-th page in path order, so each is a sample of the whole site: Pagefind scores a
    page against the other pages of its part, and scores from parts alike compare when the
    browser puts their results in one list."""
    count = max(1, -(-len(sizes) // most_pages), -(-sum(sizes.values()) // most_bytes))
    pages = sorted(sizes)
    return [pages[start::count] for start in range(count)]
